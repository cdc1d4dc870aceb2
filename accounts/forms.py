from crispy_forms_gds.helper import FormHelper
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class _NoTagHelperMixin:
    def _set_helper(self):
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class SignInForm(_NoTagHelperMixin, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _("Enter a correct email address and password."),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["password"].label = _("Password")
        self._set_helper()


class PasswordResetForm(_NoTagHelperMixin, auth_forms.PasswordResetForm):
    """Sends the reset email in the recipient's preferred language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self._set_helper()

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )

    def get_users(self, email):
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)


class SetPasswordForm(_NoTagHelperMixin, auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("Confirm the new password")
        self._set_helper()


class PasswordChangeForm(_NoTagHelperMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Your current password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("Confirm the new password")
        self._set_helper()


class PreferencesForm(_NoTagHelperMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "preferred_language"]
        widgets = {"preferred_language": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_helper()


class AdminUserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "name", "preferred_language"]


class AdminUserChangeForm(auth_forms.UserChangeForm):
    # Django's groups and permissions: the same for everyone, and only administrators see
    # this form.
    reference_choices = ("groups", "user_permissions")

    class Meta:
        model = User
        fields = "__all__"
