from decimal import Decimal, InvalidOperation

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from forums.forms import PrinciplesField
from forums.models import LocalAuthority
from reporting.models import (
    Attachment,
    CaseStudy,
    Entry,
    Figure,
    FigureDefinition,
    WorkProgrammeItem,
    count_words,
)
from svforum.forms import GovForm, GovModelForm, RefusesControlCharacters, date_fields
from svforum.uploads import validate_document

# A generous ceiling for one domain's narrative; GOV.UK's character count shows the words left.
MAX_WORDS = 5000


class EntryForm(RefusesControlCharacters, forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Separate paragraphs with a blank line. Start a line with “- ” for a bulleted list."
        ),
    )
    status = forms.ChoiceField(
        label=_("Have you completed this section?"),
        widget=forms.RadioSelect,
        choices=[
            (Entry.Status.COMPLETED, _("Yes, I have completed this section")),
            (Entry.Status.IN_PROGRESS, _("No, I will come back to it later")),
            (Entry.Status.NO_INFORMATION, _("There is no information to provide")),
        ],
        error_messages={"required": _("Say whether you have completed this section")},
    )
    no_information_reason = forms.CharField(
        label=_("Why is there no information to provide?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the report wherever this section would be."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # The answer itself is drawn by the template, inside GOV.UK's character count.
        self.helper.layout = Layout("status", "no_information_reason", "revision")

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if (
            status == Entry.Status.NO_INFORMATION
            and not data.get("no_information_reason", "").strip()
        ):
            self.add_error(
                "no_information_reason", _("Say why there is no information to provide.")
            )
        if count_words(data.get("text", "")) > MAX_WORDS:
            self.add_error(
                "text", _("Keep this section to %(max)d words or fewer.") % {"max": MAX_WORDS}
            )
        return data


class CaseStudyForm(GovModelForm):
    principles = PrinciplesField(label=_("Principles it shows"))

    class Meta:
        model = CaseStudy
        fields = [
            "title",
            "summary",
            "what_was_valued",
            "what_changed",
            "community_gain",
            "who_was_involved",
            "forum_initiated",
            "started_on",
            "principles",
            "names_people",
            "consent_recorded_on",
            "consent_note",
        ]
        field_classes = date_fields("started_on", "consent_recorded_on")
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "summary",
                "what_was_valued",
                "what_changed",
                "community_gain",
                "who_was_involved",
            )
        }
        error_messages = {
            "title": {"required": _("Enter the case study’s title")},
            "summary": {"required": _("Enter a summary")},
            "what_was_valued": {"required": _("Say what was valued")},
            "what_changed": {"required": _("Say what changed for people")},
            "community_gain": {"required": _("Say what the community gained")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_recorded_on"].required = False
        self.fields["started_on"].help_text = _(
            "A warning is shown if it started before the reporting period or before the forum."
        )


class WorkProgrammeItemForm(GovModelForm):
    principles = PrinciplesField(label=_("Principles"))

    class Meta:
        model = WorkProgrammeItem
        fields = ["aim", "lead", "timescale", "principles", "rpb_priority"]
        widgets = {"aim": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "aim": {"required": _("Enter the aim")},
            "lead": {"required": _("Enter who leads it")},
            "timescale": {"required": _("Enter the timescale")},
        }


def parse_amount(text):
    """A non-negative number from what people type: "£1,250.50", "23%", "1 250"."""
    cleaned = (text or "").strip().replace("£", "").replace("%", "").replace(",", "")
    cleaned = cleaned.replace(" ", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise forms.ValidationError(_("Enter a number, like 1250 or 1250.50.")) from None
    if not value.is_finite():
        raise forms.ValidationError(_("Enter a number, like 1250 or 1250.50."))
    if value < 0:
        raise forms.ValidationError(_("A figure cannot be negative."))
    if value >= Decimal("1e12"):
        raise forms.ValidationError(_("Enter a smaller number."))
    return value.quantize(Decimal("0.01"))


class FigureForm(RefusesControlCharacters, forms.Form):
    state = forms.ChoiceField(widget=forms.RadioSelect, label=_("Your answer"))
    value = forms.CharField(label=_("Figure"), required=False, max_length=30)
    base = forms.CharField(label=_("What is it a percentage of?"), required=False, max_length=300)
    qualifier = forms.CharField(
        label=_("Footnote (optional)"),
        required=False,
        max_length=300,
        help_text=_("E.g. “2018/19 data only”, “4 of 5 local authorities”, “value not stated”."),
    )
    override_reason = forms.CharField(
        label=_("Why is the figure from the records not used?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown wherever the figure is."),
    )
    # The revision the edit starts from (svforum/revisions.py).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, definition, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        if definition.derived:
            self.fields["state"].choices = [
                ("", _("Use the figure from the records")),
                (Figure.State.VALUE, _("Enter a different figure")),
            ]
            self.fields["state"].required = False
        else:
            self.fields["state"].choices = [
                (Figure.State.VALUE, _("Enter the figure")),
                (Figure.State.NOT_PROVIDED, _("Not provided")),
            ]
            self.fields["state"].error_messages["required"] = _(
                "Enter the figure, or say it is not provided"
            )
            del self.fields["override_reason"]
        if definition.kind != FigureDefinition.Kind.PERCENTAGE:
            del self.fields["base"]
        self.fields["value"].widget.attrs.update(
            {"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}
        )
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_value(self):
        return parse_amount(self.cleaned_data.get("value"))

    def clean(self):
        data = super().clean()
        if (
            data.get("state") == Figure.State.VALUE
            and data.get("value") is None
            and "value" not in self.errors
        ):
            self.add_error("value", _("Enter the figure"))
        return data


class BreakdownRowForm(RefusesControlCharacters, forms.Form):
    local_authority = forms.ModelChoiceField(
        label=_("Local authority"), required=False, queryset=LocalAuthority.objects.none()
    )
    funder = forms.CharField(
        label=_("Funder"), required=False, max_length=200, help_text=_("E.g. the health board.")
    )
    value = forms.CharField(label=_("Amount"), required=False, max_length=30)

    def __init__(self, *args, forum=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["local_authority"]
        field.queryset = LocalAuthority.objects.filter(forum_areas__forum=forum).distinct()
        field.label_from_instance = lambda la: la.name
        field.empty_label = _("None")
        self.fields["value"].widget.attrs.update(
            {"class": "govuk-input--width-10", "inputmode": "decimal"}
        )
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_value(self):
        return parse_amount(self.cleaned_data.get("value"))

    def clean(self):
        data = super().clean()
        if not self.has_changed() or not any(
            data.get(k) for k in ("local_authority", "funder", "value")
        ):
            return data
        if data.get("value") is None and "value" not in self.errors:
            self.add_error("value", _("Enter the amount"))
        if not data.get("local_authority") and not (data.get("funder") or "").strip():
            self.add_error("funder", _("Name a local authority or a funder."))
        return data

    def row(self):
        data = self.cleaned_data
        if not any(data.get(k) for k in ("local_authority", "funder", "value")):
            return None
        return (data.get("local_authority"), data.get("funder") or "", data["value"])


BreakdownFormSet = forms.formset_factory(BreakdownRowForm, extra=0)


class AttachmentForm(RefusesControlCharacters, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX, ODT, PNG or JPEG, up to 10 MB."),
    )
    description = forms.CharField(
        label=_("What it shows (optional)"), required=False, max_length=300
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.kind = validate_document(
            upload, allowed=Attachment.KINDS, max_bytes=Attachment.MAX_BYTES
        )
        return upload


class CommentForm(GovForm):
    section = forms.TypedChoiceField(label=_("Which section it is about"), coerce=int)
    text = forms.CharField(
        label=_("Comment"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the comment.")},
    )
    internal = forms.BooleanField(
        label=_("Internal note: only analysts see it, not the forum"), required=False
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(0, _("The report as a whole"))] + [
            (e.domain.number, str(e.domain)) for e in entries
        ]
        self.entries = {e.domain.number: e for e in entries}

    @property
    def entry(self):
        return self.entries.get(self.cleaned_data["section"])


class ReplyForm(GovForm):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the reply.")},
    )


class ReturnForm(GovForm):
    comment = forms.CharField(
        label=_("What should the forum change?"),
        help_text=_("The forum’s secretariat reads this in the email that tells them."),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Say what the forum should change.")},
    )


class AcceptForm(GovForm):
    comment = forms.CharField(
        label=_("A note to the forum (optional)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# The codebook and coding ----------------------------------------------------------------------
