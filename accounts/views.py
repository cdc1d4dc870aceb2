from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import signin
from accounts.forms import (
    PasswordChangeForm,
    PasswordResetForm,
    PreferencesForm,
    SetPasswordForm,
    SignInForm,
)
from accounts.models import AuditEvent
from accounts.services import record_audit


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self):
        url = self.get_redirect_url()
        if url:
            return url
        # With no page asked for, start in the user's own language.
        return translate_url(reverse("home"), self.request.user.preferred_language)


class SignOutView(auth_views.LogoutView):
    template_name = "accounts/signed_out.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Too many for one address typed, or from one client address: no email is sent,
        # and the page says so (whether or not the address has an account).
        if signin.reset_refused(self.request, form.cleaned_data["email"]):
            return render(self.request, "accounts/password_reset_throttled.html", status=429)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """A signed-in user changes their password (they stay signed in; their other sessions
    end), with an audit row."""

    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            record_audit(
                actor=self.request.user,
                action=AuditEvent.Action.UPDATE,
                obj=self.request.user,
                detail="password",
            )
        messages.success(self.request, _("Your password has been changed."))
        return response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """The user's own roles, and their name and preferred language."""
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            record_audit(
                actor=user,
                action=AuditEvent.Action.UPDATE,
                obj=user,
                detail=", ".join(sorted(form.changed_data)),
            )
        messages.success(request, _("Your details have been saved."))
        return redirect(translate_url(reverse("accounts:profile"), user.preferred_language))
    roles = request.user.roles.select_related("forum")
    return render(request, "accounts/profile.html", {"form": form, "roles": roles})
