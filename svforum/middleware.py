"""Request-level protections that must act before a view (or Django) reads the body."""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared body is larger than ``MAX_REQUEST_BYTES`` before
    any of it is read (a worker is not held receiving 50 MB to refuse it afterwards). The
    proxy in front should refuse the same size too (docs/deployment.md), which also covers
    bodies sent without a length."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_REQUEST_BYTES:
            language = translation.get_language_from_path(request.path_info) or "en"
            with translation.override(language):
                response = render(
                    request,
                    "413.html",
                    {"limit_mb": settings.MAX_REQUEST_BYTES // (1024 * 1024)},
                    status=413,
                )
            response["Connection"] = "close"
            return response
        return self.get_response(request)
