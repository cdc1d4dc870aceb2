"""Spreadsheet import and export of organisations and of a forum's memberships, through
the shared import flow (svforum/imports.py)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from forums import access
from forums.models import ForumMembership, LocalAuthority, Organisation
from forums.resources import (
    ChoiceWidget,
    DateWidget,
    MembershipResource,
    OrganisationResource,
    YesNoWidget,
)
from svforum import imports, spreadsheets
from svforum.revisions import mark_saved

BATCH = 500

# Organisations ------------------------------------------------------------------------

ORGANISATION_TEXT = (
    "name",
    "charity_number",
    "company_number",
    "address",
    "dewis_url",
    "infoengine_url",
)
ORGANISATION_CHOICES = {
    "legal_form": ChoiceWidget(Organisation.LegalForm),
    "sector": ChoiceWidget(Organisation.Sector),
    "section_16_category": ChoiceWidget(Organisation.Section16Category),
}
ORGANISATION_FLAGS = ("not_for_profit", "social_value_organisation", "sme")
# The register's numbers that only one organisation may hold, with what a clash says.
UNIQUE_NUMBERS = {
    "charity_number": "organisation_unique_charity_number",
    "company_number": "organisation_unique_company_number",
}


def _text(value):
    return "" if value is None else str(value).strip()


class OrganisationImport(imports.BulkFlow):
    """Organisations of the shared register, matched by name (in any case): a new name is
    added, a known one changed by the columns the file has."""

    def __init__(self, **kwargs):
        super().__init__(record_type="forums.organisation", **kwargs)
        resource = OrganisationResource()
        self.columns = spreadsheets.column_names(resource)
        self.required = resource.REQUIRED

    def prepare(self):
        organisations = list(Organisation.objects.prefetch_related("local_authorities"))
        areas = {}
        for area in LocalAuthority.objects.all():
            for key in (area.name_en, area.name_cy, area.code):
                if key:
                    areas.setdefault(key.casefold(), area.pk)
        return {
            "by_name": {o.name.casefold(): o for o in organisations},
            "areas_of": {o.pk: {a.pk for a in o.local_authorities.all()} for o in organisations},
            "numbers": {
                name: {getattr(o, name): o.pk for o in organisations if getattr(o, name)}
                for name in ("charity_number", "company_number")
            },
            "areas": areas,
            "names_in_file": set(),
        }

    def check_row(self, row, state):
        errors = {}
        name = " ".join(_text(row.get("name")).split())
        existing = state["by_name"].get(name.casefold()) if name else None
        record = Organisation(**_fields_of(existing)) if existing else Organisation()
        before = _fields_of(record)
        for column in ORGANISATION_TEXT:
            if column in row:
                setattr(record, column, _text(row[column]))
        for column, widget in ORGANISATION_CHOICES.items():
            field = Organisation._meta.get_field(column)
            if column in row and not (field.has_default() and not _text(row[column])):
                # An empty cell of a column with a default keeps it (or what is there).
                try:
                    setattr(record, column, widget.clean(row[column]))
                except ValueError as error:
                    errors[column] = [str(error)]
        for column in ORGANISATION_FLAGS:
            if column in row:
                try:
                    setattr(record, column, YesNoWidget().clean(row[column]))
                except ValueError as error:
                    errors[column] = [str(error)]
        areas = None
        if "local_authorities" in row:
            names = [n.strip() for n in _text(row["local_authorities"]).split(";") if n.strip()]
            unknown = [n for n in names if n.casefold() not in state["areas"]]
            if unknown:
                errors["local_authorities"] = [
                    _("Unknown local authority: %(names)s.") % {"names": ", ".join(unknown)}
                ]
            areas = {state["areas"][n.casefold()] for n in names if n.casefold() in state["areas"]}
        try:
            # The model's own rules, but for those asking the database: checked below.
            record.full_clean(
                exclude=["updated_by"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        if record.name and "name" not in errors:
            key = record.name.casefold()
            if key in state["names_in_file"]:
                errors["name"] = [_("This name is on an earlier row of the file too.")]
            state["names_in_file"].add(key)
        for number, constraint in UNIQUE_NUMBERS.items():
            value = getattr(record, number)
            if not value or number in errors:
                continue
            holder = state["numbers"][number].get(value)
            mine = record.pk or id(record)
            if holder is not None and holder != mine:
                errors[number] = [_constraint_message(constraint)]
            else:
                state["numbers"][number][value] = mine
        if errors:
            raise ValidationError(errors)
        if existing is None:
            return imports.Change(record, new=True, many_to_many={"local_authorities": areas})
        unchanged_areas = areas is None or areas == state["areas_of"][existing.pk]
        after = _fields_of(record)
        changed = tuple(name for name, value in after.items() if before[name] != value)
        if not changed and unchanged_areas:
            return None  # skipped: nothing to change
        return imports.Change(
            record,
            new=False,
            many_to_many={"local_authorities": None if unchanged_areas else areas},
            changed=changed,
        )

    def write(self, changes, *, by):
        for change in changes:
            mark_saved(change.record, by=by)
        new = [c.record for c in changes if c.new]
        bulk_create_with_history(new, Organisation, batch_size=BATCH, default_user=by)
        changed = [c.record for c in changes if not c.new]
        # Only the columns some row changes: an update of every column of every row is
        # several times slower.
        fields = sorted({name for c in changes if not c.new for name in c.changed})
        fields += ["revision", "updated_at", "updated_by"]
        if changed:
            bulk_update_with_history(
                changed, Organisation, fields, batch_size=BATCH, default_user=by
            )
        links = Organisation.local_authorities.through
        replaced = [c for c in changes if c.many_to_many["local_authorities"] is not None]
        ids = [c.record.pk for c in replaced if not c.new]
        for start in range(0, len(ids), BATCH):
            links.objects.filter(organisation_id__in=ids[start : start + BATCH]).delete()
        links.objects.bulk_create(
            [
                links(organisation_id=c.record.pk, localauthority_id=area)
                for c in replaced
                for area in sorted(c.many_to_many["local_authorities"])
            ],
            batch_size=BATCH,
        )


def _constraint_message(name):
    for constraint in Organisation._meta.constraints:
        if constraint.name == name:
            return str(constraint.violation_error_message)
    raise LookupError(name)


def _fields_of(record):
    """An organisation's own columns, to copy it or to tell whether a row changed it."""
    if record is None:
        return {}
    return {f.attname: getattr(record, f.attname) for f in Organisation._meta.concrete_fields}


@require_http_methods(["GET", "POST"])
@login_required
def organisation_import(request):
    access.check_organisations_access(request.user, write=True)
    flow = OrganisationImport(
        title=_("Import organisations"),
        back_url=reverse("organisations:list"),
        scope="organisations",
        template_urls={
            fmt: reverse("organisations:template", args=[fmt]) for fmt in imports.CONTENT_TYPES
        },
    )
    return imports.run_import(request, flow)


@require_GET
@login_required
def organisation_export(request, fmt):
    access.check_organisations_access(request.user)
    queryset = Organisation.objects.prefetch_related("local_authorities")
    dataset = OrganisationResource().export(queryset)
    return imports.download(dataset, fmt, f"organisations-{spreadsheets.today_stamp()}")


@require_GET
@login_required
def organisation_template(request, fmt):
    access.check_organisations_access(request.user)
    columns = spreadsheets.column_names(OrganisationResource())
    return imports.template_download(columns, fmt, "organisations-template")


# A forum's memberships -------------------------------------------------------------------

ROLES = ChoiceWidget(ForumMembership.Role)
OVERLAP = _lazy("This organisation already has a membership of the forum in that period.")


class MembershipImport(imports.BulkFlow):
    """A forum's memberships, matched by organisation and date joined: a new pair is added,
    a known one has its role and date left changed."""

    def __init__(self, *, forum, **kwargs):
        super().__init__(record_type="forums.forummembership", forum=forum, **kwargs)
        resource = MembershipResource(forum)
        self.columns = spreadsheets.column_names(resource)
        self.required = resource.REQUIRED

    def prepare(self):
        periods = {}
        for membership in ForumMembership.objects.filter(forum=self.forum):
            periods.setdefault(membership.organisation_id, []).append(membership)
        organisations = {
            " ".join(name.split()).casefold(): pk
            for pk, name in Organisation.objects.values_list("pk", "name")
        }
        return {"organisations": organisations, "periods": periods}

    def check_row(self, row, state):
        errors = {}
        name = " ".join(_text(row.get("organisation")).split())
        organisation_id = state["organisations"].get(name.casefold()) if name else None
        if not name:
            errors["organisation"] = [_("Enter the organisation’s name.")]
        elif organisation_id is None:
            errors["organisation"] = [
                _("‘%(name)s’ is not in the organisation register; add it there first.")
                % {"name": name}
            ]
        dates = {}
        for column in ("joined_on", "left_on"):
            try:
                dates[column] = DateWidget().clean(row.get(column))
            except ValueError as error:
                errors[column] = [str(error)]
        try:
            role = ROLES.clean(row.get("role")) or ForumMembership.Role.MEMBER
        except ValueError as error:
            errors["role"] = [str(error)]
            role = ForumMembership.Role.MEMBER
        joined_on, left_on = dates.get("joined_on"), dates.get("left_on")
        periods = state["periods"].get(organisation_id, [])
        existing = next((m for m in periods if m.joined_on == joined_on), None)
        record = ForumMembership(
            pk=existing.pk if existing else None,
            forum=self.forum,
            organisation_id=organisation_id,
            role=role,
            joined_on=joined_on,
            left_on=left_on,
        )
        try:
            record.clean_fields(exclude=["forum", "organisation"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        if joined_on and left_on and left_on < joined_on:
            errors.setdefault("__all__", []).append(
                _("The date left must be on or after the date joined.")
            )
        if errors:
            raise ValidationError(errors)
        end = left_on or datetime.date.max
        for other in periods:
            if other is existing:
                continue
            if other.joined_on <= end and (other.left_on is None or other.left_on >= joined_on):
                raise ValidationError(str(OVERLAP), code="overlapping_membership")
        if existing is not None:
            if (existing.role, existing.left_on) == (role, left_on):
                return None
            periods[periods.index(existing)] = record
        else:
            periods.append(record)
            state["periods"][organisation_id] = periods
        return imports.Change(record, new=existing is None)

    def write(self, changes, *, by):
        ForumMembership.objects.bulk_create([c.record for c in changes if c.new], batch_size=BATCH)
        ForumMembership.objects.bulk_update(
            [c.record for c in changes if not c.new], ["role", "left_on"], batch_size=BATCH
        )


@require_http_methods(["GET", "POST"])
@login_required
def membership_import(request, slug):
    forum = access.get_forum_for_user(request.user, slug, write=True)
    flow = MembershipImport(
        forum=forum,
        title=_("Import members"),
        back_url=reverse("forums:forummembership_list", args=[forum.slug]),
        scope=f"memberships:{forum.pk}",
        template_urls={
            fmt: reverse("forums:membership_template", args=[slug, fmt])
            for fmt in imports.CONTENT_TYPES
        },
    )
    return imports.run_import(request, flow)


@require_GET
@login_required
def membership_export(request, slug, fmt):
    forum = access.get_forum_for_user(request.user, slug)
    queryset = ForumMembership.objects.filter(forum=forum).select_related("organisation")
    dataset = MembershipResource(forum).export(queryset)
    return imports.download(dataset, fmt, f"{forum.slug}-members-{spreadsheets.today_stamp()}")


@require_GET
@login_required
def membership_template(request, slug, fmt):
    forum = access.get_forum_for_user(request.user, slug)
    columns = spreadsheets.column_names(MembershipResource(forum))
    return imports.template_download(columns, fmt, "members-template")
