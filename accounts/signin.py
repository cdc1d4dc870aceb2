"""The address a sign-in comes from, for django-axes' throttling."""

from django.conf import settings


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

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)


def client_username(request, credentials):
    """The account a sign-in is for: the email address, however it was typed (our users
    sign in with it; Django passes it as ``email`` or ``username``)."""
    credentials = credentials or {}
    email = credentials.get("email") or credentials.get("username")
    if not email and request is not None:
        email = request.POST.get("username", "")
    return (email or "").strip().lower()
