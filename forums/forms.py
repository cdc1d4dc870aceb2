import datetime

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from forums.models import (
    AgendaItem,
    Citizen,
    Forum,
    ForumMembership,
    LocalAuthority,
    Meeting,
    MeetingAction,
    Organisation,
    Principle,
    Project,
)
from svforum.forms import (
    GovDateField,
    GovInlineFormSet,
    GovModelForm,
    RefusesControlCharacters,
    date_fields,
)
from svforum.uploads import validate_document


def _bilingual_label(obj):
    return obj.name


class ForumFactsForm(GovModelForm):
    class Meta:
        model = Forum
        fields = [
            "alternative_name",
            "established_on",
            "secretariat_host_type",
            "secretariat_host",
            "terms_of_reference",
            "rpb_reporting",
            "citizen_retention_years",
        ]
        field_classes = date_fields("established_on")
        widgets = {"secretariat_host_type": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["established_on"].required = False
        self.fields["terms_of_reference"].help_text = _("PDF, DOCX or ODT, up to 10 MB.")

    def clean_terms_of_reference(self):
        upload = self.cleaned_data.get("terms_of_reference")
        if upload and hasattr(upload, "content_type"):
            validate_document(upload)
        return upload


class OrganisationForm(GovModelForm):
    # Wales' local authorities are public reference data.
    reference_choices = ("local_authorities",)

    class Meta:
        model = Organisation
        fields = [
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
        ]
        widgets = {
            "local_authorities": forms.CheckboxSelectMultiple,
            "section_16_category": forms.RadioSelect,
            "sector": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": _("Enter the organisation’s name.")},
            "legal_form": {"required": _("Choose a legal form")},
            "sector": {"required": _("Select the sector")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["local_authorities"].label_from_instance = _bilingual_label
        self.helper.checkboxes_small = True
        self.fields["legal_form"].choices = [("", _("Choose a legal form"))] + list(
            Organisation.LegalForm.choices
        )


class MembershipForm(GovModelForm):
    # A forum's members come from the one shared register, which every forum uses.
    reference_choices = ("organisation",)

    class Meta:
        model = ForumMembership
        fields = ["organisation", "role", "joined_on", "left_on"]
        field_classes = date_fields("joined_on", "left_on")
        widgets = {"role": forms.RadioSelect}
        error_messages = {"organisation": {"required": _("Choose an organisation")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].required = False
        self.fields["organisation"].empty_label = _("Choose an organisation")
        self.fields["organisation"].help_text = _(
            "Not in the list? Add it to the organisation register first."
        )


class CitizenForm(GovModelForm):
    class Meta:
        model = Citizen
        fields = [
            "name",
            "role",
            "local_authority",
            "preferred_language",
            "joined_on",
            "left_on",
            "consent_given_on",
            "consent_purpose",
            "consent_wording_version",
            "consent_withdrawn_on",
            "contact",
        ]
        field_classes = date_fields(
            "joined_on", "left_on", "consent_given_on", "consent_withdrawn_on"
        )
        widgets = {"role": forms.RadioSelect, "preferred_language": forms.RadioSelect}
        error_messages = {
            "name": {"required": _("Enter a name or pseudonym")},
            "role": {"required": _("Select the citizen’s role")},
        }

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("left_on", "consent_given_on", "consent_withdrawn_on"):
            self.fields[name].required = False
        area = self.fields["local_authority"]
        area.queryset = LocalAuthority.objects.filter(forum_areas__forum=forum).distinct()
        area.label_from_instance = _bilingual_label
        area.empty_label = _("Not recorded")


class PrinciplesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Principle.choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class MeetingForm(GovModelForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "held_on",
            "online",
            "place",
            "organisations_present",
            "organisations_count",
            "citizens_present",
            "people_count",
            "minutes",
        ]
        field_classes = date_fields("held_on")
        widgets = {
            "kind": forms.RadioSelect,
            "organisations_present": forms.CheckboxSelectMultiple,
            "citizens_present": forms.CheckboxSelectMultiple,
        }
        error_messages = {"kind": {"required": _("Select the type of meeting")}}

    def __init__(self, *args, forum, show_citizens, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations_present"].queryset = Organisation.objects.filter(
            memberships__forum=forum
        ).distinct()
        self.fields["organisations_present"].help_text = _("Organisations that are forum members.")
        self.helper.checkboxes_small = True  # long lists of names
        if show_citizens:
            self.fields["citizens_present"].queryset = Citizen.objects.filter(forum=forum)
        else:
            del self.fields["citizens_present"]
        for name in ("organisations_count", "people_count"):
            self.fields[name].widget.attrs.update(inputmode="numeric")
            self.fields[name].error_messages.update(
                invalid=_("Enter a whole number, like 24"),
                min_value=_("Enter a number of 0 or more"),
            )

    def clean(self):
        cleaned = super().clean()
        listed = cleaned.get("organisations_present")
        count = cleaned.get("organisations_count")
        if count is not None and listed is not None and len(listed) > count:
            self.add_error(
                "organisations_count",
                ngettext(
                    "The number of organisations present cannot be fewer than the %(n)d "
                    "ticked above",
                    "The number of organisations present cannot be fewer than the %(n)d "
                    "ticked above",
                    len(listed),
                )
                % {"n": len(listed)},
            )
        return cleaned


class AgendaItemForm(RefusesControlCharacters, forms.ModelForm):
    principles = PrinciplesField(label=_("Principles"))

    class Meta:
        model = AgendaItem
        fields = ["title", "standing_item", "principles"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False


class ActionForm(RefusesControlCharacters, forms.ModelForm):
    class Meta:
        model = MeetingAction
        fields = ["description", "owner", "due_on", "status"]
        field_classes = date_fields("due_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].required = False


class _RowsFormSet(GovInlineFormSet):
    """Rows left blank are ignored; the first field must be filled for a row to count."""


AgendaItemFormSet = forms.inlineformset_factory(
    Meeting, AgendaItem, form=AgendaItemForm, formset=_RowsFormSet, extra=3, can_delete=True
)
ActionFormSet = forms.inlineformset_factory(
    Meeting, MeetingAction, form=ActionForm, formset=_RowsFormSet, extra=2, can_delete=True
)


class ProjectForm(GovModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "origin",
            "status",
            "started_on",
            "ended_on",
            "funding_source",
            "organisations",
        ]
        field_classes = date_fields("started_on", "ended_on")
        widgets = {
            "origin": forms.RadioSelect,
            "status": forms.RadioSelect,
            "organisations": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": _("Enter the project’s title")},
            "origin": {"required": _("Select where the project came from")},
        }

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started_on"].required = False
        self.fields["ended_on"].required = False
        self.fields["organisations"].queryset = Organisation.objects.filter(
            memberships__forum=forum
        ).distinct()
        self.fields["organisations"].help_text = _("Organisations that are forum members.")
        self.helper.checkboxes_small = True


# Filters for the list pages (GET forms) ---------------------------------------------


class SearchForm(RefusesControlCharacters, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True


def _with_any(label, choices):
    return [("", label)] + list(choices)


class MembershipFilterForm(SearchForm):
    role = forms.ChoiceField(label=_("Role"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("current", _("Current members")),
            ("former", _("Former members")),
            ("all", _("All")),
        ],
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _with_any(_("Any role"), ForumMembership.Role.choices)
        self.fields["sector"].choices = _with_any(_("Any sector"), Organisation.Sector.choices)


class CitizenFilterForm(SearchForm):
    role = forms.ChoiceField(label=_("Role"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("current", _("Taking part now")), ("former", _("Left")), ("all", _("All"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _with_any(_("Any role"), Citizen.Role.choices)


class MeetingFilterForm(SearchForm):
    kind = forms.ChoiceField(label=_("Type of meeting"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _with_any(_("Any type"), Meeting.Kind.choices)


class ProjectFilterForm(SearchForm):
    origin = forms.ChoiceField(label=_("Origin"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin"].choices = _with_any(_("Any origin"), Project.Origin.choices)
        self.fields["status"].choices = _with_any(_("Any status"), Project.Status.choices)


class OrganisationFilterForm(SearchForm):
    reference_choices = ("local_authority",)  # public reference data

    sector = forms.ChoiceField(label=_("Sector"), required=False)
    section_16_category = forms.ChoiceField(label=_("Section 16 category"), required=False)
    local_authority = forms.ModelChoiceField(
        label=_("Local authority served"), required=False, queryset=LocalAuthority.objects.all()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = _with_any(_("Any sector"), Organisation.Sector.choices)
        self.fields["section_16_category"].choices = _with_any(
            _("Any category"), Organisation.Section16Category.choices
        )
        self.fields["local_authority"].empty_label = _("Any local authority")
        self.fields["local_authority"].label_from_instance = _bilingual_label


class PeriodForm(RefusesControlCharacters, forms.Form):
    """The period the forum home counts meetings in; defaults to the last twelve months."""

    start = GovDateField(label=_("From"), required=False)
    end = GovDateField(label=_("To"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must be on or after the start date."))
        return data

    def period(self):
        today = datetime.date.today()
        default = (today - datetime.timedelta(days=364), today)
        if not self.is_bound or not self.is_valid():
            return default
        return (self.cleaned_data.get("start") or default[0], self.cleaned_data.get("end") or today)
