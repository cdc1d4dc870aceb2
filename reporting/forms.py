import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from forums.forms import PrinciplesField
from forums.models import LocalAuthority
from reporting import quantities
from reporting.models import (
    Attachment,
    CaseStudy,
    Entry,
    Figure,
    FigureBreakdownRow,
    FigureDefinition,
    FigurePart,
    WorkProgrammeItem,
    count_words,
)
from svforum.forms import (
    GovDateField,
    GovForm,
    GovModelForm,
    RefusesControlCharacters,
    date_fields,
)
from svforum.uploads import validate_document

# A generous ceiling for one domain's narrative; GOV.UK's character count shows the words left.
MAX_WORDS = 5000


class EntryForm(RefusesControlCharacters, forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Separate paragraphs with a blank line. Start a line with “- ” for a bulleted "
            "list or “1. ” for a numbered one; Preview shows it as the report will."
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


class QuantityField(forms.CharField):
    """A number as people type it ("£1,286,505", "1.2m", "140+", "3-5", "about 4000"),
    cleaned into a ``reporting.quantities.Quantity`` (None when left empty)."""

    def __init__(self, *, kind, allow_not_stated=False, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.kind = kind
        self.allow_not_stated = allow_not_stated
        self.widget.attrs.update(
            {"class": "govuk-input--width-10", "inputmode": "text", "spellcheck": "false"}
        )

    def clean(self, value):
        typed = super().clean(value)
        return quantities.parse(typed, self.kind, allow_not_stated=self.allow_not_stated)


HOW_TO_WRITE = _("You can write “140+” (at least), “3–5” (a range), “about 4,000” or “£3.6m”.")


def _value_label(kind):
    return {
        FigureDefinition.Kind.MONEY: _("Amount (£)"),
        FigureDefinition.Kind.COUNT: _("Number"),
        FigureDefinition.Kind.PERCENTAGE: _("Percentage"),
    }[kind]


def readings(form):
    """(label, what was typed, what was understood) of each number of a valid form whose
    reading is worth showing back before saving."""
    found = []
    for name, field in form.fields.items():
        if not isinstance(field, QuantityField) or name not in form.cleaned_data:
            continue
        typed = form.data.get(form.add_prefix(name), "")
        quantity = form.cleaned_data[name]
        if quantities.needs_confirming(typed, quantity, field.kind):
            label = getattr(form, "row_label", "")
            found.append(
                (
                    f"{label}: {field.label}" if label else str(field.label),
                    typed,
                    quantities.understood(quantity, field.kind),
                )
            )
    return found


def signature(forms_):
    """What was understood of every number on the page, to know it was shown back."""
    import hashlib

    parts = []
    for form in forms_:
        for name, field in form.fields.items():
            if isinstance(field, QuantityField) and name in form.cleaned_data:
                parts.append(f"{form.add_prefix(name)}={form.cleaned_data[name]!r}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


class FigureForm(RefusesControlCharacters, forms.Form):
    ZERO = "zero"  # "it is zero", for a figure from records the forum does not keep here

    state = forms.ChoiceField(widget=forms.RadioSelect, label=_("Your answer"))
    value = forms.CharField(label=_("Figure"), required=False)
    share = forms.CharField(required=False)
    base = forms.CharField(label=_("What is it a percentage of?"), required=False, max_length=300)
    period = forms.CharField(
        label=_("Period of the data (optional)"),
        required=False,
        max_length=100,
        help_text=_("Only when it is not the report’s period, e.g. “2017/18”."),
    )
    qualifier = forms.CharField(
        label=_("Footnote (optional)"),
        required=False,
        max_length=300,
        help_text=_("E.g. “4 of 5 local authorities”, “pre-dates the forum”."),
    )
    override_reason = forms.CharField(
        label=_("Why is the figure from the records not used?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown wherever the figure is."),
    )
    # What was understood of the numbers, once shown back (see ``signature``).
    understood = forms.CharField(widget=forms.HiddenInput, required=False)
    # The revision the edit starts from (svforum/revisions.py).
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, definition, records=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.records = records  # the records' figure, for a derived one (None: no records)
        kind = definition.kind
        self.fields["value"] = QuantityField(
            kind=kind,
            label=_value_label(kind),
            allow_not_stated=definition.asks_share,
            help_text=HOW_TO_WRITE
            if not definition.asks_share
            else _(
                "%(how)s Write “not stated” if only the share is known. Leave it empty to "
                "add up the parts below."
            )
            % {"how": HOW_TO_WRITE},
        )
        if definition.parts.exists() and not definition.asks_share:
            self.fields["value"].help_text = _(
                "%(how)s Leave it empty to add up the parts below."
            ) % {"how": HOW_TO_WRITE}
        if definition.asks_share:
            self.fields["share"] = QuantityField(
                kind=quantities.PERCENTAGE,
                label=_("Share (%)"),
                help_text=_("The share of the whole it stands for, e.g. 17.5%."),
            )
        else:
            del self.fields["share"]
        if not definition.has_share:
            del self.fields["base"]
        state = self.fields["state"]
        if definition.derived and records is not None:
            state.choices = [
                ("", _("Use the figure from the records")),
                (Figure.State.VALUE, _("Enter a different figure")),
                (Figure.State.NOT_PROVIDED, _("Not provided")),
            ]
            state.required = False
        elif definition.derived:
            state.choices = [
                (Figure.State.VALUE, _("Enter the figure")),
                (self.ZERO, _("It is zero")),
                (Figure.State.NOT_PROVIDED, _("Not provided")),
            ]
            state.error_messages["required"] = _(
                "There are no records of this in the service: enter the figure, say it is "
                "zero, or say it is not provided"
            )
            del self.fields["override_reason"]
        else:
            state.choices = [
                (Figure.State.VALUE, _("Enter the figure")),
                (Figure.State.NOT_PROVIDED, _("Not provided")),
            ]
            state.error_messages["required"] = _("Enter the figure, or say it is not provided")
            del self.fields["override_reason"]
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        data = super().clean()
        state = data.get("state")
        if state == self.ZERO:
            data["state"], data["value"] = Figure.State.VALUE, quantities.Quantity.exact(0)
            data["zero"] = True
        elif (
            state == Figure.State.VALUE
            and self.definition.derived
            and self.records is not None
            and "override_reason" in self.fields
            and not (data.get("override_reason") or "").strip()
        ):
            self.add_error("override_reason", _("Say why the figure from the records is not used."))
        if data.get("state") == Figure.State.VALUE:
            self._check_measures(data)
        return data

    def _check_measures(self, data):
        """The model's rules of a value and its share, shown against their own fields."""
        candidate = Figure(definition=self.definition, base=data.get("base", "") or "")
        candidate.amount = data.get("value")
        candidate.proportion = data.get("share") if self.definition.asks_share else None
        for name, message in candidate.check_measures(self.definition).items():
            field = name if name in self.fields else None
            if field is None or field not in self.errors:
                self.add_error(field, message)

    def values(self):
        """The keyword arguments of ``services.save_figure`` from the cleaned form."""
        data = self.cleaned_data
        valued = data.get("state") == Figure.State.VALUE
        return {
            "state": data.get("state") or "",
            "value": data.get("value") if valued else None,
            "share": data.get("share") if valued else None,
            "base": data.get("base", "") if valued else "",
            "period": data.get("period", "") if valued else "",
            "qualifier": data.get("qualifier", ""),
            "override_reason": data.get("override_reason", "") if valued else "",
        }


class MeasureRowForm(RefusesControlCharacters, forms.Form):
    """A row's amount and/or share, the period of its data and a note."""

    value = forms.CharField(required=False)
    share = forms.CharField(required=False)
    base = forms.CharField(
        label=_("Share of what? (optional)"),
        required=False,
        max_length=300,
        help_text=_("Leave empty when it is of this row’s own total."),
    )
    period = forms.CharField(
        label=_("Period of the data (optional)"),
        required=False,
        max_length=100,
        help_text=_("E.g. “2017/18”."),
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)

    row_label = ""

    def __init__(self, *args, definition, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        kind = definition.kind
        self.fields["value"] = QuantityField(
            kind=kind, label=_value_label(kind), allow_not_stated=definition.asks_share
        )
        if definition.asks_share:
            self.fields["share"] = QuantityField(kind=quantities.PERCENTAGE, label=_("Share (%)"))
        else:
            del self.fields["share"]
            del self.fields["base"]
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        data = super().clean()
        if not self.has_changed() or self.empty(data):
            return data
        if (
            data.get("value") is None
            and data.get("share") is None
            and "value" not in self.errors
            and "share" not in self.errors
        ):
            self.add_error(
                "value",
                _("Give the amount or the share")
                if self.definition.asks_share
                else _("Enter the amount"),
            )
        candidate = FigureBreakdownRow(base=data.get("base", "") or "")
        candidate.amount = data.get("value")
        candidate.proportion = data.get("share") if self.definition.asks_share else None
        for name, message in candidate.check_measures(self.definition).items():
            if name not in self.errors:
                self.add_error(name if name in self.fields else None, message)
        return data

    def empty(self, data):
        return not any(
            data.get(k) not in (None, "")
            for k in ("value", "share", "local_authority", "funder", "period", "note", "base")
        )

    def given(self, **names):
        from reporting.services import Given

        data = self.cleaned_data
        if self.empty(data):
            return None
        return Given(
            amount=data.get("value"),
            share=data.get("share"),
            base=data.get("base", ""),
            period=data.get("period", ""),
            note=data.get("note", ""),
            **names,
        )


class PartForm(MeasureRowForm):
    """One named part of a figure (e.g. the fund's revenue): fixed by the template."""

    def __init__(self, *args, part, **kwargs):
        super().__init__(*args, **kwargs)
        self.part = part
        self.row_label = part.label

    def row(self):
        return self.given(part=self.part)


class BreakdownRowForm(MeasureRowForm):
    """A row for a local authority and/or funder, of the whole or of one part."""

    part = forms.ModelChoiceField(
        label=_("Part"), required=False, queryset=FigurePart.objects.none()
    )
    local_authority = forms.ModelChoiceField(
        label=_("Local authority"), required=False, queryset=LocalAuthority.objects.none()
    )
    funder = forms.CharField(
        label=_("Funder"), required=False, max_length=200, help_text=_("E.g. the health board.")
    )

    field_order = ["local_authority", "funder", "part", "value", "share", "base", "period"]
    reference_choices = ("local_authority", "part")

    def __init__(self, *args, forum=None, definition=None, **kwargs):
        if definition is None:  # the generic walk of forms' choices
            definition = FigureDefinition(kind=FigureDefinition.Kind.MONEY, breakdown=True)
        super().__init__(*args, definition=definition, **kwargs)
        field = self.fields["local_authority"]
        field.queryset = LocalAuthority.objects.filter(forum_areas__forum=forum).distinct()
        field.label_from_instance = lambda la: la.name
        field.empty_label = _("None")
        if definition.pk and definition.parts.exists():
            part = self.fields["part"]
            part.queryset = definition.parts.all()
            part.label_from_instance = lambda p: p.label
            part.empty_label = _("The whole figure")
        else:
            del self.fields["part"]
        self.order_fields(self.field_order)
        self.helper = FormHelper(self)  # the fields as they now are
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        data = super().clean()
        if not self.has_changed() or self.empty(data):
            return data
        if not data.get("local_authority") and not (data.get("funder") or "").strip():
            self.add_error("local_authority", _("Name a local authority or a funder."))
        return data

    @property
    def row_label(self):
        data = getattr(self, "cleaned_data", {})
        la = data.get("local_authority")
        return ", ".join(
            str(x) for x in (la.name if la else "", data.get("funder"), data.get("part")) if x
        )

    def row(self):
        data = self.cleaned_data
        return self.given(
            part=data.get("part"),
            local_authority=data.get("local_authority"),
            funder=data.get("funder") or "",
        )


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


class SignOffForm(GovForm):
    """The declaration a report is submitted with: who agreed it, and when."""

    agreed_by = forms.CharField(
        label=_("Who agreed the report?"),
        help_text=_("For example, “the forum’s steering group” or “the full forum”."),
        max_length=200,
        error_messages={"required": _("Enter who agreed the report")},
    )
    agreed_on = GovDateField(
        label=_("When was it agreed?"),
        help_text=_("For example, 12 6 2026."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm that the report was agreed as stated and that, as far as the forum "
            "knows, what it says is accurate."
        ),
        error_messages={"required": _("Confirm that the report was agreed and is accurate")},
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["agreed_on"].error_messages.update(
            required=_("Enter the date the report was agreed"),
            incomplete=_("Enter the date the report was agreed"),
        )

    def clean_agreed_on(self):
        agreed_on = self.cleaned_data["agreed_on"]
        if agreed_on > datetime.date.today():
            raise ValidationError(_("The date the report was agreed must be today or in the past"))
        if agreed_on < self.report.cycle.period_start:
            raise ValidationError(
                _("The date the report was agreed must be after the period began, %(start)s")
                % {"start": date_format(self.report.cycle.period_start, "j F Y")}
            )
        return agreed_on


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
