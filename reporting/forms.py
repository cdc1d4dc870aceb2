from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from reporting.models import Entry, count_words

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
        if status == Entry.Status.COMPLETED and not data.get("text", "").strip():
            self.add_error("text", _("Write this section before marking it as completed."))
        if count_words(data.get("text", "")) > MAX_WORDS:
            self.add_error(
                "text", _("Keep this section to %(max)d words or fewer.") % {"max": MAX_WORDS}
            )
        return data
