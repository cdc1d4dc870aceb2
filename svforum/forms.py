"""Form pieces shared by every app: GOV.UK date inputs with Welsh messages, a ModelForm base."""

import datetime
import re

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from svforum.revisions import Revisioned


class GovDateField(DateInputField):
    """The GOV.UK date input (day, month, year) with messages in the user's language."""

    def __init__(self, **kwargs):
        # A model field with a callable default (e.g. today) asks for a hidden copy of
        # the initial value, which comes back as text the three boxes cannot compare
        # with: what changed is judged against the record instead.
        kwargs["show_hidden_initial"] = False
        super().__init__(**kwargs)
        self.error_messages.update(
            required=_("Enter the day, month and year"),
            incomplete=_("Enter the day, month and year"),
        )
        parts = zip(
            self.fields,
            (_("Enter the day of the month"), _("Enter the month"), _("Enter the year")),
            (
                _("Enter the day as a number"),
                _("Enter the month as a number"),
                _("Enter the year as a number"),
            ),
            strict=True,
        )
        for field, incomplete, not_number in parts:
            field.error_messages["incomplete"] = incomplete
            field.validators = [RegexValidator(r"^[0-9]+$", not_number)]

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        if len(str(year)) != 4:
            raise ValidationError(_("Enter the year as 4 digits, such as 2024"), code="invalid")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(_("Enter a real date"), code="invalid") from None


# Characters no text here may hold: the C0 controls but tab, line feed and carriage return
# (a NUL cannot even be stored by PostgreSQL), and DEL.
CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_CHARACTERS_MESSAGE = _(
    "Remove the control characters (such as a NUL) from this text: it cannot be stored with them."
)


def no_control_characters(value):
    if isinstance(value, str) and CONTROL_CHARACTERS_RE.search(value):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")


def without_control_characters(text):
    """Text from a query string (a search box) with any control characters taken out."""
    return CONTROL_CHARACTERS_RE.sub("", text or "")


def _refuse_control_characters(form):
    """Every text field of the form refuses control characters with a message, so the
    user's other input is kept and nothing reaches the database that it cannot hold."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and no_control_characters not in field.validators:
            # Django's own NUL check says less, in one language fewer: this one covers it.
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ]
            field.validators.append(no_control_characters)


class RefusesControlCharacters:
    """Mixed into a form (first among its bases): its text fields refuse control
    characters. GovForm and GovModelForm have it already."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _refuse_control_characters(self)


class GovForm(forms.Form):
    """A form rendered by crispy-forms-gds inside a page's own <form> tag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _refuse_control_characters(self)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class GovModelForm(forms.ModelForm):
    """ModelForm rendered by crispy-forms-gds without its own <form> tag.

    Fields named in ``always_validate`` (set by the view, not the user) take part in
    model validation, so constraints that involve them — such as one open membership per
    forum — are checked in the form instead of failing at save.
    """

    always_validate = ("forum",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if issubclass(self._meta.model, Revisioned):
            # The revision the edit starts from, sent back with it (svforum/revisions.py).
            # A post without it is taken to start from the record as it stands.
            self.fields["revision"] = forms.IntegerField(
                widget=forms.HiddenInput,
                min_value=0,
                required=False,
                initial=self.instance.revision,
            )
        self.conflict = None
        _refuse_control_characters(self)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        for field in self.fields.values():
            # Radios list every choice; a blank placeholder has no place among them. A
            # model's choices are left to its queryset (which the form narrows after this
            # to what the user may see): listing them here would freeze every row of the
            # table into the field. Checkboxes (a kind of RadioSelect) have no blank.
            if not isinstance(field.widget, forms.RadioSelect) or isinstance(
                field.widget, forms.CheckboxSelectMultiple
            ):
                continue
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = None
            elif hasattr(field, "choices"):
                field.choices = [c for c in field.choices if c[0] != ""]

    def _post_clean(self):
        super()._post_clean()
        revision = self.cleaned_data.get("revision") if hasattr(self, "cleaned_data") else None
        if revision is not None:
            self.instance.revision = revision

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        return exclude - set(self.always_validate)


def date_fields(*names):
    return dict.fromkeys(names, GovDateField)


class AmountField(forms.DecimalField):
    """A sum of money or a quantity as people type it: "£1,250.50", "1 250". Messages in the
    user's language; ``positive`` refuses 0 as well as negative amounts."""

    def __init__(self, *, positive=False, money=True, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(**kwargs)
        self.positive = positive
        self.money = money
        self.error_messages.update(
            invalid=_("Enter a number, like 1250 or 1250.50"),
            max_digits=_("Enter a smaller number"),
            max_whole_digits=_("Enter a smaller number"),
            max_decimal_places=_("Enter no more than 2 decimal places"),
        )
        self.widget.attrs.update({"inputmode": "decimal", "spellcheck": "false"})

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs.pop("min", None)
        attrs.pop("max", None)
        return attrs

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").replace(" ", "")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.positive and value <= 0:
            raise ValidationError(
                _("Enter an amount of more than £0")
                if self.money
                else _("Enter a number of more than 0"),
                code="not_positive",
            )
        if value < 0:
            raise ValidationError(
                _("Enter an amount of £0 or more") if self.money else _("Enter 0 or more"),
                code="negative",
            )


class GovInlineFormSet(forms.BaseInlineFormSet):
    """An inline formset whose rows render every field crispy-forms-gds should show,
    including the ones the formset adds after a row's form is built: the hidden ``id``
    that says which saved row a row edits, and the "delete" box. Without them a page of
    saved rows cannot be saved again."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.helper = FormHelper(form)
        form.helper.form_tag = False
        form.helper.disable_csrf = True


def form_changes(form):
    """A valid ModelForm's changes as plain values for a service: (the record with the
    form's values applied, not saved; its many-to-many values by field name; the names of
    the fields an edit changed — none for a new record)."""
    record = form.save(commit=False)
    many_to_many = {
        field.name: form.cleaned_data[field.name]
        for field in record._meta.many_to_many
        if field.name in form.cleaned_data
    }
    changed = sorted(set(form.changed_data) - {"revision"}) if form.instance.pk else []
    return record, many_to_many, changed


def formset_changes(formset):
    """A valid inline formset's changes: (the rows to save, the rows to delete)."""
    return formset.save(commit=False), list(formset.deleted_objects)
