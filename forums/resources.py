"""django-import-export resources: the spreadsheet layout of organisations and memberships.

Columns hold stable codes (e.g. ``third_sector``); on import the English or Welsh label is
accepted too, in any case. Every row goes through the model's ``full_clean``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from forums.models import ForumMembership, LocalAuthority, Organisation


class ChoiceWidget(widgets.Widget):
    def __init__(self, choices_class, **kwargs):
        super().__init__(**kwargs)
        self.choices_class = choices_class

    def _names(self):
        """Every way a choice may be written (its code, its English and Welsh labels, in
        any case), read once."""
        if not hasattr(self, "_by_name"):
            self._by_name = {}
            for code, label in self.choices_class.choices:
                self._by_name[code.casefold()] = code
                for language in ("en", "cy"):
                    with translation.override(language):
                        self._by_name.setdefault(str(label).casefold(), code)
        return self._by_name

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        code = self._names().get(text.casefold())
        if code is not None:
            return code
        raise ValueError(
            _("‘%(value)s’ is not one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(self.choices_class.values)}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


class YesNoWidget(widgets.Widget):
    TRUE = {"yes", "y", "true", "1", "ie", "do", "x"}
    FALSE = {"no", "n", "false", "0", "na", "naddo", ""}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = str(value if value is not None else "").strip().casefold()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("Enter yes or no, not ‘%(value)s’.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class DateWidget(widgets.Widget):
    FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for fmt in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(
            _("‘%(value)s’ is not a date: use YYYY-MM-DD or DD/MM/YYYY.") % {"value": text}
        )

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class LocalAuthoritiesWidget(widgets.ManyToManyWidget):
    """Local authorities separated by semicolons, by English or Welsh name or ONS code."""

    def __init__(self, **kwargs):
        super().__init__(LocalAuthority, separator=";", field="name_en", **kwargs)

    def clean(self, value, row=None, **kwargs):
        names = [n.strip() for n in str(value or "").split(";") if n.strip()]
        found, unknown = [], []
        for name in names:
            match = LocalAuthority.objects.filter(
                Q(name_en__iexact=name) | Q(name_cy__iexact=name) | Q(code__iexact=name)
            ).first()
            (found if match else unknown).append(match or name)
        if unknown:
            raise ValueError(
                _("Unknown local authority: %(names)s.") % {"names": ", ".join(unknown)}
            )
        return found


class OrganisationByNameWidget(widgets.ForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(Organisation, field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        name = " ".join(str(value or "").split())
        if not name:
            raise ValueError(_("Enter the organisation’s name."))
        try:
            return Organisation.objects.get(name__iexact=name)
        except Organisation.DoesNotExist:
            raise ValueError(
                _("‘%(name)s’ is not in the organisation register; add it there first.")
                % {"name": name}
            ) from None


class OrganisationResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="name")
    legal_form = fields.Field(
        attribute="legal_form",
        column_name="legal_form",
        widget=ChoiceWidget(Organisation.LegalForm),
    )
    sector = fields.Field(
        attribute="sector", column_name="sector", widget=ChoiceWidget(Organisation.Sector)
    )
    section_16_category = fields.Field(
        attribute="section_16_category",
        column_name="section_16_category",
        widget=ChoiceWidget(Organisation.Section16Category),
    )
    not_for_profit = fields.Field(
        attribute="not_for_profit", column_name="not_for_profit", widget=YesNoWidget()
    )
    social_value_organisation = fields.Field(
        attribute="social_value_organisation",
        column_name="social_value_organisation",
        widget=YesNoWidget(),
    )
    sme = fields.Field(attribute="sme", column_name="sme", widget=YesNoWidget())
    address = fields.Field(attribute="address", column_name="address")
    charity_number = fields.Field(attribute="charity_number", column_name="charity_number")
    company_number = fields.Field(attribute="company_number", column_name="company_number")
    local_authorities = fields.Field(
        attribute="local_authorities",
        column_name="local_authorities",
        widget=LocalAuthoritiesWidget(),
    )
    dewis_url = fields.Field(attribute="dewis_url", column_name="dewis_url")
    infoengine_url = fields.Field(attribute="infoengine_url", column_name="infoengine_url")

    REQUIRED = ("name", "legal_form", "sector")

    class Meta:
        model = Organisation
        fields = (
            "name",
            "legal_form",
            "sector",
            "section_16_category",
            "not_for_profit",
            "social_value_organisation",
            "sme",
            "charity_number",
            "company_number",
            "address",
            "local_authorities",
            "dewis_url",
            "infoengine_url",
        )
        import_id_fields = ("name",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False

    def get_instance(self, instance_loader, row):
        name = " ".join(str(row.get("name") or "").split())
        if not name:
            return None
        return Organisation.objects.filter(name__iexact=name).first()

    def import_instance(self, instance, row, **kwargs):
        # import-export reads many-to-many columns only after a successful save; check
        # them here too so a row's every problem is listed at once.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors.update(error.error_dict)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.widget.clean(row[field.column_name], row=row)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # Cells left empty in optional text columns mean "blank", not None.
        if field.column_name in row and row[field.column_name] is None:
            row[field.column_name] = ""
        return super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)


class MembershipResource(resources.ModelResource):
    """A forum's memberships; the forum is fixed by the page the file is uploaded on."""

    organisation = fields.Field(
        attribute="organisation", column_name="organisation", widget=OrganisationByNameWidget()
    )
    role = fields.Field(
        attribute="role", column_name="role", widget=ChoiceWidget(ForumMembership.Role)
    )
    joined_on = fields.Field(attribute="joined_on", column_name="joined_on", widget=DateWidget())
    left_on = fields.Field(attribute="left_on", column_name="left_on", widget=DateWidget())

    REQUIRED = ("organisation", "joined_on")

    class Meta:
        model = ForumMembership
        fields = ("organisation", "role", "joined_on", "left_on")
        import_id_fields = ("organisation", "joined_on")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False

    def __init__(self, forum, **kwargs):
        super().__init__(**kwargs)
        self.forum = forum

    def get_queryset(self):
        return ForumMembership.objects.filter(forum=self.forum).select_related("organisation")

    def get_instance(self, instance_loader, row):
        try:
            organisation = OrganisationByNameWidget().clean(row.get("organisation"))
            joined_on = DateWidget().clean(row.get("joined_on"))
        except ValueError:
            return None
        return self.get_queryset().filter(organisation=organisation, joined_on=joined_on).first()

    def init_instance(self, row=None):
        return ForumMembership(forum=self.forum)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.column_name == "role" and not row.get("role"):
            row["role"] = ForumMembership.Role.MEMBER
        return super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)
