from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from forums.forms import PrinciplesField
from reporting.models import CaseStudy, Entry, WorkProgrammeItem, count_words
from svforum.forms import GovModelForm, date_fields

# A generous ceiling for one domain's narrative; GOV.UK's character count shows the words left.
MAX_WORDS = 5000


class EntryForm(forms.Form):
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
