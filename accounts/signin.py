"""Throttling sign-in (django-axes' hooks: the address, the account, the pause and its
page) and password resets."""

import datetime
import hashlib

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

# A pause doubles with each lockout of the account or address within a day, up to this
# many times the first.
LONGEST_PAUSE_FACTOR = 16


def client_ip(request):
    """The client's address. Behind the TLS proxy (BEHIND_TLS_PROXY) every request comes
    from the proxy, so the address is the last one the proxy added to X-Forwarded-For
    (earlier ones are the client's own word and could be forged)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request, original_response, credentials):
    """The page a throttled sign-in gets (429), in the page's language."""
    from django.shortcuts import render

    minutes = int(cool_off(request).total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)


def client_username(request, credentials):
    """The account a sign-in is for: the email address, however it was typed (our users
    sign in with it; Django passes it as ``email`` or ``username``)."""
    credentials = credentials or {}
    email = credentials.get("email") or credentials.get("username")
    if not email and request is not None:
        email = request.POST.get("username", "")
    return (email or "").strip().lower()


def cool_off(request=None):
    """How long signing in is paused: SIGN_IN_COOLOFF_MINUTES after a first lockout of the
    account or address, doubling with each further SIGN_IN_FAILURE_LIMIT failures (tries
    while paused included) within a day, up to LONGEST_PAUSE_FACTOR times as long."""
    base = datetime.timedelta(minutes=settings.SIGN_IN_COOLOFF_MINUTES)
    if request is None:
        return base
    from axes.models import AccessFailureLog

    ip = getattr(request, "axes_ip_address", None) or client_ip(request)
    username = client_username(request, getattr(request, "axes_credentials", None))
    who = Q(ip_address=ip) if ip else Q()
    if username:
        who |= Q(username=username)
    if not who:
        return base
    limit = settings.AXES_FAILURE_LIMIT
    failures = (
        AccessFailureLog.objects.filter(
            who, attempt_time__gte=timezone.now() - datetime.timedelta(days=1)
        )
        .values("pk")[: limit * LONGEST_PAUSE_FACTOR.bit_length()]
        .count()
    )
    lockouts = failures // limit
    return base * min(2 ** max(lockouts - 1, 0), LONGEST_PAUSE_FACTOR)


def _fingerprint(email):
    """An email address as the reset log keeps it: hashed, not readable."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def reset_refused(request, email):
    """Whether a password reset for ``email`` from this address is one too many within the
    hour (PASSWORD_RESETS_PER_HOUR for an address typed, PASSWORD_RESETS_PER_HOUR_FROM_ADDRESS
    from one client address); otherwise it is logged and goes ahead."""
    from accounts.models import PasswordResetRequest

    now = timezone.now()
    PasswordResetRequest.objects.filter(requested_at__lt=now - datetime.timedelta(days=1)).delete()
    recent = PasswordResetRequest.objects.filter(
        requested_at__gte=now - datetime.timedelta(hours=1)
    )
    ip = client_ip(request) or None
    fingerprint = _fingerprint(email)
    if recent.filter(fingerprint=fingerprint).count() >= settings.PASSWORD_RESETS_PER_HOUR or (
        ip
        and recent.filter(ip_address=ip).count() >= settings.PASSWORD_RESETS_PER_HOUR_FROM_ADDRESS
    ):
        return True
    PasswordResetRequest.objects.create(fingerprint=fingerprint, ip_address=ip)
    return False
