"""Request-level protections that must act before a view (or Django) reads the body."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


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


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, the page says the service is briefly
    unavailable (503, in the user's language, with Retry-After) instead of a server error.
    The page is rendered without the request's context, which would ask the database who
    the user is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:  # raised outside a view
            return self._unavailable(request, error)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request, error):
        logger.error("database unavailable: %s", error)
        language = translation.get_language_from_path(request.path_info) or "en"
        with translation.override(language):
            html = render_to_string("503.html", {"LANGUAGE_CODE": language})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "30"
        return response


class StorageUnavailableMiddleware:
    """A file that could not be stored (svforum/storage.py) is answered with a page saying
    so (507, in the user's language) instead of a server error; nothing was saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from svforum.storage import STORAGE_MESSAGE, StorageUnavailable

        if not isinstance(exception, StorageUnavailable):
            return None
        language = translation.get_language_from_path(request.path_info) or "en"
        with translation.override(language):
            return render(request, "507.html", {"message": STORAGE_MESSAGE}, status=507)
