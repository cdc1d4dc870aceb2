"""System checks for configuration that parses but does not make sense together.

Each has a stable id, so a deployment can see (and, knowingly, silence) exactly one rule.
``manage.py check --deploy`` and ``make test`` run them.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register
from django.http.request import validate_host

IMMEDIATE_BACKEND = "django.tasks.backends.immediate.ImmediateBackend"


@register()
def site_url_is_an_allowed_host(app_configs, **kwargs):
    """Links in emails go to SITE_URL: a host the service refuses would break every one."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]  # Django's own when DEBUG is on
    if validate_host(host, allowed):
        return []
    return [
        Warning(
            f"SITE_URL's host {host!r} is not in ALLOWED_HOSTS, so the links in the "
            "service's emails would be refused.",
            hint="Set SITE_URL to the service's public address, or add its host to ALLOWED_HOSTS.",
            id="svforum.W001",
        )
    ]


@register()
def background_work_leaves_the_request(app_configs, **kwargs):
    """The immediate backend runs background work (PDF builds, emails) inside the request
    that queued it: fine for development and tests, slow and fragile in production."""
    backend = settings.TASKS.get("default", {}).get("BACKEND")
    if settings.DEBUG or backend != IMMEDIATE_BACKEND:
        return []
    return [
        Warning(
            "Background work runs inside web requests: TASKS_BACKEND is the immediate "
            "backend while DEBUG is off.",
            hint="Set TASKS_BACKEND to a backend with a worker for production.",
            id="svforum.W002",
        )
    ]
