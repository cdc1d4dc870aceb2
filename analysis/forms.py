from crispy_forms_gds.helper import FormHelper
from django import forms
from django.core.validators import RegexValidator
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from analysis.models import Code, CodedPassage, FigureTarget
from svforum.forms import GovForm, GovModelForm


class CodeForm(GovModelForm):
    always_validate = ("cycle",)

    class Meta:
        model = Code
        fields = [
            "name_en",
            "name_cy",
            "description_en",
            "description_cy",
            "parent",
            "colour",
            "include_note",
            "exclude_note",
        ]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_cy": forms.Textarea(attrs={"rows": 3}),
            "include_note": forms.Textarea(attrs={"rows": 2}),
            "exclude_note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "name_cy": _("Left empty, the English name is shown in Welsh too."),
            "colour": _("As # and six hexadecimal digits, e.g. #1d70b8."),
            "parent": _("Leave empty for a top-level code."),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle
        parents = cycle.codes.filter(parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.order_by("name_en")
        self.fields["parent"].empty_label = _("None: a top-level code")
        self.fields["parent"].label_from_instance = lambda code: code.name
        self.fields["colour"].widget.attrs.update({"class": "govuk-input--width-10"})


class MergeForm(GovForm):
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Code.objects.none(),
        error_messages={"required": _("Choose the code to merge into.")},
    )

    def __init__(self, *args, code, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = code.cycle.codes.order_by("name_en")
        self.fields["target"].label_from_instance = lambda c: c.name
        self.fields["target"].empty_label = _("Choose a code")


class CodebookImportForm(GovForm):
    file = forms.FileField(
        label=_("Codebook file (CSV)"),
        help_text=_("Columns name, description and parent; optionally name_cy and description_cy."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("The file must be smaller than 1 MB."))
        return upload


class PassageForm(GovForm):
    """A passage chosen by paragraph and sentence range (which works without JavaScript),
    or by the exact selection the page's script puts in ``start`` and ``end``."""

    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    paragraph = forms.IntegerField(label=_("Paragraph"), required=False, min_value=1)
    first = forms.IntegerField(label=_("From sentence"), required=False, min_value=1)
    last = forms.IntegerField(label=_("To sentence"), required=False, min_value=1)
    codes = forms.ModelMultipleChoiceField(
        label=_("Codes"),
        queryset=Code.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one code.")},
    )
    memo = forms.CharField(
        label=_("Memo (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        codes = (
            cycle.codes.active()
            .select_related("parent")
            .order_by(
                Coalesce("parent__name_en", "name_en"),
                F("parent").asc(nulls_first=True),
                "name_en",
            )
        )
        self.fields["codes"].queryset = codes  # each sub-code after its parent
        self.fields["codes"].label_from_instance = lambda c: (
            f"{c.parent.name} › {c.name}" if c.parent else c.name
        )
        for name in ("paragraph", "first", "last"):
            self.fields[name].widget.attrs.update({"class": "govuk-input--width-3"})

    def clean(self):
        data = super().clean()
        exact = data.get("start") is not None and data.get("end") is not None
        by_sentence = any(data.get(k) for k in ("paragraph", "first", "last"))
        if not exact and not by_sentence:
            raise forms.ValidationError(
                _("Select the passage in the text, or give its paragraph and sentences.")
            )
        if not exact:
            for name in ("paragraph", "first", "last"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Enter a number."))
        return data


class PassageEditForm(GovForm):
    codes = PassageForm.base_fields["codes"]
    memo = PassageForm.base_fields["memo"]

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].queryset = cycle.codes.select_related("parent")
        self.fields["codes"].label_from_instance = lambda c: (
            f"{c.parent.name} › {c.name}" if c.parent else c.name
        )


class FindingForm(GovForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    text_en = forms.CharField(
        label=_("Finding (English)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    text_cy = forms.CharField(
        label=_("Finding (Welsh)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    quotes = forms.ModelMultipleChoiceField(
        label=_("Supporting quotes"),
        required=False,
        queryset=CodedPassage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Passages coded with this theme."),
    )

    def __init__(self, *args, passages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quotes"].queryset = passages
        self.fields["quotes"].label_from_instance = lambda p: (
            f"“{p.quote}” ({p.report.forum.region or p.report.forum.name}, {p.entry.domain})"
        )


class TargetForm(GovModelForm):
    always_validate = ("cycle", "definition")

    class Meta:
        model = FigureTarget
        fields = ["comparison", "measure", "value", "each_part", "each_area", "note_en", "note_cy"]
        widgets = {"comparison": forms.RadioSelect, "measure": forms.RadioSelect}
        help_texts = {
            "note_en": _("E.g. “Welsh Government expects each RPB to reach at least 20%”."),
        }

    def __init__(self, *args, cycle, definition, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle
        self.instance.definition = definition
        self.fields["value"].widget.attrs.update({"class": "govuk-input--width-10"})
        if not definition.asks_share:
            del self.fields["measure"]
        if not definition.parts.exists():
            del self.fields["each_part"]
        if not definition.breakdown:
            del self.fields["each_area"]


class NationalAnalysisForm(GovForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "summary": (_("Executive summary (English)"), _("Executive summary (Welsh)")),
            "introduction": (_("Introduction (English)"), _("Introduction (Welsh)")),
            "method": (_("Method (English)"), _("Method (Welsh)")),
            "discussion": (_("Discussion (English)"), _("Discussion (Welsh)")),
            "recommendations": (_("Recommendations (English)"), _("Recommendations (Welsh)")),
        }
        for name, (english, welsh) in labels.items():
            for suffix, label in (("en", english), ("cy", welsh)):
                self.fields[f"{name}_{suffix}"] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=50000,
                    widget=forms.Textarea(attrs={"rows": 8}),
                    help_text=_(
                        "Separate paragraphs with a blank line. Start a line with “- ” for a "
                        "bulleted list."
                    )
                    if suffix == "en"
                    else "",
                )
        self.fields["publisher"] = forms.CharField(
            label=_("Publisher"),
            max_length=200,
            error_messages={"required": _("Enter the publisher")},
        )
        self.fields["isbn"] = forms.CharField(
            label=_("ISBN (if it has one)"),
            required=False,
            max_length=20,
            validators=[
                RegexValidator(
                    r"^(97[89][- ]?)?\d{1,5}[- ]?\d+[- ]?\d+[- ]?[\dX]$",
                    _("Enter an ISBN like 978-1-83577-123-4"),
                )
            ],
        )
        self.fields["doi"] = forms.CharField(
            label=_("DOI (if it has one)"),
            required=False,
            max_length=100,
            validators=[RegexValidator(r"^10\.\d{4,9}/\S+$", _("Enter a DOI like 10.1234/abcd"))],
        )
        # The layout is made from the fields, so make it again now they are all here.
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    @property
    def section_values(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "revision"}
