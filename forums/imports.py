"""Spreadsheet import and export of organisations and of a forum's memberships, meetings
and projects, through the shared import flow (svforum/imports.py)."""

import datetime

import tablib
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from forums import access
from forums.models import ForumMembership, LocalAuthority, Meeting, Organisation, Project
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
OVERLAP = gettext_lazy("This organisation already has a membership of the forum in that period.")


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


# A forum's meetings and projects --------------------------------------------------------

COUNT_MESSAGE = gettext_lazy("Enter a whole number of 0 or more, like 24, or leave it empty.")


def _count(value):
    """A whole number of 0 or more from a cell (None when empty); ValueError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(str(COUNT_MESSAGE))
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(str(COUNT_MESSAGE))
        value = int(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if not text.isdigit():
            raise ValueError(str(COUNT_MESSAGE))
        value = int(text)
    if not isinstance(value, int) or value < 0 or value > 2_147_483_647:
        raise ValueError(str(COUNT_MESSAGE))
    return value


def _record_fields(model, record):
    return {f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields}


def _change(model, record, *, existing, before, errors):
    """A checked row's ``Change``: refused with its problems, new, the names of the fields
    it changes of the existing record, or None when it changes nothing."""
    if errors:
        raise ValidationError(errors)
    if existing is None:
        return imports.Change(record, new=True)
    after = _record_fields(model, record)
    changed = tuple(name for name, value in after.items() if before[name] != value)
    if not changed:
        return None
    return imports.Change(record, new=False, changed=changed)


MEETING_COLUMNS = (
    "kind",
    "held_on",
    "place",
    "online",
    "organisations_count",
    "people_count",
    "minutes",
)
MEETING_REQUIRED = ("kind", "held_on")
MEETING_KINDS = ChoiceWidget(Meeting.Kind)


class MeetingImport(imports.BulkFlow):
    """A forum's meetings, matched by type and date: a new pair is added, a known one has
    the columns the file gives changed. A number of organisations equal to those already
    ticked on a known meeting changes nothing (it is what the export writes)."""

    columns = MEETING_COLUMNS
    required = MEETING_REQUIRED

    def __init__(self, *, forum, **kwargs):
        super().__init__(record_type="forums.meeting", forum=forum, **kwargs)

    def prepare(self):
        existing = {}
        meetings = Meeting.objects.filter(forum=self.forum).annotate(
            listed=Count("organisations_present")
        )
        for meeting in meetings:
            existing.setdefault((meeting.kind, meeting.held_on), []).append(meeting)
        return {"existing": existing, "in_file": set()}

    def check_row(self, row, state):
        errors = {}
        try:
            kind = MEETING_KINDS.clean(row.get("kind"))
        except ValueError as error:
            errors["kind"] = [str(error)]
            kind = ""
        if not kind and "kind" not in errors:
            errors["kind"] = [_("Enter the type of meeting.")]
        try:
            held_on = DateWidget().clean(row.get("held_on"))
        except ValueError as error:
            errors["held_on"] = [str(error)]
            held_on = None
        if held_on is None and "held_on" not in errors:
            errors["held_on"] = [_("Enter the date of the meeting.")]
        matches = state["existing"].get((kind, held_on), [])
        if len(matches) > 1:
            errors["held_on"] = [
                _(
                    "The forum already has more than one meeting of this type on this date; "
                    "change them on their pages."
                )
            ]
        existing = matches[0] if len(matches) == 1 else None
        record = Meeting(**_record_fields(Meeting, existing)) if existing else Meeting()
        record.forum = self.forum
        record.kind, record.held_on = kind, held_on
        before = _record_fields(Meeting, record)
        for column in ("place", "minutes"):
            if column in row:
                setattr(record, column, _text(row[column]))
        if "online" in row:
            try:
                record.online = YesNoWidget().clean(row["online"])
            except ValueError as error:
                errors["online"] = [str(error)]
        for column in ("organisations_count", "people_count"):
            if column not in row:
                continue
            try:
                value = _count(row[column])
            except ValueError as error:
                errors[column] = [str(error)]
                continue
            listed = existing.listed if existing is not None else 0
            if column == "organisations_count" and value is not None and value < listed:
                errors[column] = [
                    ngettext(
                        "The meeting has %(n)d organisation ticked as present; the number "
                        "cannot be fewer.",
                        "The meeting has %(n)d organisations ticked as present; the number "
                        "cannot be fewer.",
                        listed,
                    )
                    % {"n": listed}
                ]
                continue
            if (
                column == "organisations_count"
                and existing is not None
                and existing.organisations_count is None
                and value == listed
            ):
                continue  # the organisations ticked, as the export writes them
            setattr(record, column, value)
        try:
            record.full_clean(
                exclude=["forum", "updated_by"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name not in errors:
                    errors[name] = messages
        if kind and held_on:
            if (kind, held_on) in state["in_file"]:
                errors.setdefault("held_on", []).append(
                    _("A meeting of this type on this date is on an earlier row of the file too.")
                )
            state["in_file"].add((kind, held_on))
        return _change(Meeting, record, existing=existing, before=before, errors=errors)

    def write(self, changes, *, by):
        for change in changes:
            mark_saved(change.record, by=by)
        new = [c.record for c in changes if c.new]
        bulk_create_with_history(new, Meeting, batch_size=BATCH, default_user=by)
        changed = [c.record for c in changes if not c.new]
        if changed:
            fields = sorted({name for c in changes if not c.new for name in c.changed})
            bulk_update_with_history(
                changed,
                Meeting,
                [*fields, "revision", "updated_at", "updated_by"],
                batch_size=BATCH,
                default_user=by,
            )


def meetings_dataset(forum):
    """The forum's meetings as the import reads them, numbers and dates typed."""
    dataset = tablib.Dataset(headers=list(MEETING_COLUMNS))
    meetings = (
        Meeting.objects.filter(forum=forum)
        .annotate(listed=Count("organisations_present"))
        .order_by("held_on", "pk")
    )
    for meeting in meetings:
        dataset.append(
            [
                meeting.kind,
                meeting.held_on,
                meeting.place,
                YesNoWidget().render(meeting.online),
                meeting.organisations_count
                if meeting.organisations_count is not None
                else (meeting.listed or None),
                meeting.people_count,
                meeting.minutes,
            ]
        )
    return dataset


PROJECT_COLUMNS = (
    "title",
    "origin",
    "status",
    "started_on",
    "ended_on",
    "funding_source",
    "description",
)
PROJECT_REQUIRED = ("title", "origin")
PROJECT_CHOICES = {"origin": ChoiceWidget(Project.Origin), "status": ChoiceWidget(Project.Status)}


class ProjectImport(imports.BulkFlow):
    """A forum's projects, matched by title (in any case): a new title is added, a known
    one has the columns the file gives changed."""

    columns = PROJECT_COLUMNS
    required = PROJECT_REQUIRED

    def __init__(self, *, forum, **kwargs):
        super().__init__(record_type="forums.project", forum=forum, **kwargs)

    def prepare(self):
        existing = {}
        for project in Project.objects.filter(forum=self.forum):
            existing.setdefault(" ".join(project.title.split()).casefold(), []).append(project)
        return {"existing": existing, "in_file": set()}

    def check_row(self, row, state):
        errors = {}
        title = " ".join(_text(row.get("title")).split())
        key = title.casefold()
        matches = state["existing"].get(key, []) if title else []
        if len(matches) > 1:
            errors["title"] = [
                _(
                    "The forum has more than one project with this title; change them on "
                    "their pages."
                )
            ]
        existing = matches[0] if len(matches) == 1 else None
        record = Project(**_record_fields(Project, existing)) if existing else Project()
        record.forum = self.forum
        record.title = title
        before = _record_fields(Project, record)
        for column, widget in PROJECT_CHOICES.items():
            if column not in row:
                continue
            try:
                value = widget.clean(row[column])
            except ValueError as error:
                errors[column] = [str(error)]
                continue
            if value:
                setattr(record, column, value)
            elif column == "origin" and existing is None:
                errors[column] = [_("Enter where the project came from.")]
        for column in ("started_on", "ended_on"):
            if column in row:
                try:
                    setattr(record, column, DateWidget().clean(row[column]))
                except ValueError as error:
                    errors[column] = [str(error)]
        for column in ("funding_source", "description"):
            if column in row:
                setattr(record, column, _text(row[column]))
        try:
            record.full_clean(exclude=["forum"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name not in errors:
                    errors[name] = messages
        if title:
            if key in state["in_file"]:
                errors.setdefault("title", []).append(
                    _("A project with this title is on an earlier row of the file too.")
                )
            state["in_file"].add(key)
        return _change(Project, record, existing=existing, before=before, errors=errors)

    def write(self, changes, *, by):
        Project.objects.bulk_create([c.record for c in changes if c.new], batch_size=BATCH)
        changed = [c.record for c in changes if not c.new]
        if changed:
            fields = sorted({name for c in changes if not c.new for name in c.changed})
            Project.objects.bulk_update(changed, fields, batch_size=BATCH)


def projects_dataset(forum):
    dataset = tablib.Dataset(headers=list(PROJECT_COLUMNS))
    for project in Project.objects.filter(forum=forum).order_by("title", "pk"):
        dataset.append(
            [
                project.title,
                project.origin,
                project.status,
                project.started_on,
                project.ended_on,
                project.funding_source,
                project.description,
            ]
        )
    return dataset


RECORD_IMPORTS = {
    "meetings": (
        Meeting,
        MeetingImport,
        meetings_dataset,
        gettext_lazy("Import meetings"),
        (
            gettext_lazy(
                "One row per meeting. A row with the type and date of a meeting already "
                "recorded changes that meeting; any other row adds one."
            ),
            gettext_lazy(
                "Types of meeting: full_forum, steering_group, co_production, workshop, "
                "task_and_finish. Give the place, or online as yes."
            ),
            gettext_lazy(
                "organisations_count and people_count are the numbers present, for "
                "meetings whose attendees are not listed by name; leave them empty if not "
                "counted."
            ),
        ),
    ),
    "projects": (
        Project,
        ProjectImport,
        projects_dataset,
        gettext_lazy("Import projects"),
        (
            gettext_lazy(
                "One row per project. A row with the title of a project already recorded "
                "changes that project; any other row adds one."
            ),
            gettext_lazy(
                "Origin: forum (established by this forum), precursor (by a precursor "
                "group) or pre_dates (pre-dates the forum). Only projects the forum "
                "established count as its own. Status: planned, active, completed or "
                "stopped (active if empty)."
            ),
        ),
    ),
}


def _record_flow(request, slug, kind):
    model, flow_class, _dataset, title, notes = RECORD_IMPORTS[kind]
    forum = access.get_forum_for_records(request.user, slug, model, write=True)
    name = model._meta.model_name
    return flow_class(
        forum=forum,
        title=title,
        back_url=reverse(f"forums:{name}_list", args=[forum.slug]),
        scope=f"{kind}:{forum.pk}",
        template_urls={
            fmt: reverse(f"forums:{name}_template", args=[slug, fmt])
            for fmt in imports.CONTENT_TYPES
        },
        notes=notes,
    )


@require_http_methods(["GET", "POST"])
@login_required
def record_import(request, slug, kind):
    return imports.run_import(request, _record_flow(request, slug, kind))


@require_GET
@login_required
def record_export(request, slug, kind, fmt):
    model, _flow, dataset, _title, _notes = RECORD_IMPORTS[kind]
    forum = access.get_forum_for_records(request.user, slug, model)
    return imports.download(
        dataset(forum), fmt, f"{forum.slug}-{kind}-{spreadsheets.today_stamp()}"
    )


@require_GET
@login_required
def record_template(request, slug, kind, fmt):
    model, flow_class, _dataset, _title, _notes = RECORD_IMPORTS[kind]
    access.get_forum_for_records(request.user, slug, model)
    return imports.template_download(flow_class.columns, fmt, f"{kind}-template")
