"""Every form is sent once: a double post makes one record, and the second gets the
first's result.

Each form carries a one-time token (``{% once %}`` beside its ``{% csrf_token %}``). The
first post with a token claims it — a unique row, inside the transaction the request runs
in — and, when it leads somewhere (a redirect, as every successful form here does), keeps
where. A second post with the same token, however close behind, waits for the first to
finish (the database's unique index), then is sent to the same place with a message. A
post that does not succeed (the form had errors) gives its token back, so the corrected
form, which carries a new token, is sent as usual. Posts without a token are untouched.
"""

import datetime
import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

FIELD = "_once"
KEPT_FOR = datetime.timedelta(days=1)

ALREADY_SENT = _("This form had already been sent, so it was not sent again. This is the result.")
STILL_SENDING = _(
    "This form is still being sent. Wait a moment, then check before sending it again."
)


def token_input():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, uuid.uuid4())


def _token(request):
    if request.method != "POST":
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


class OnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _token(request)
        if token is None:
            return self.get_response(request)
        from svforum.models import Submission

        with transaction.atomic():
            try:
                with transaction.atomic():
                    Submission.objects.create(token=token)
            except IntegrityError:
                return self._already_sent(request, Submission.objects.get(token=token))
            Submission.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
            response = self.get_response(request)
            if response.status_code in (301, 302, 303) and response.get("Location"):
                Submission.objects.filter(token=token).update(result=response["Location"])
            else:
                Submission.objects.filter(token=token).delete()
            return response

    def _already_sent(self, request, submission):
        safe = url_has_allowed_host_and_scheme(
            submission.result, allowed_hosts={request.get_host()}
        )
        if submission.result and safe:
            messages.info(request, ALREADY_SENT)
            return redirect(submission.result)
        messages.warning(request, STILL_SENDING)
        return redirect(request.get_full_path())
