"""Emails about a report's review, each in its recipient's preferred language, sent only
once the change they announce has been committed."""

import contextlib
import contextvars

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import translation

from accounts.models import RoleAssignment, User

_muted = contextvars.ContextVar("svforum_notifications_muted", default=False)


@contextlib.contextmanager
def muted():
    """No email for changes made inside: loading the demo's history, for one."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def secretariat_of(forum):
    return User.objects.filter(
        is_active=True,
        roles__role=RoleAssignment.Role.SECRETARIAT,
        roles__forum=forum,
    ).distinct()


def reviewers_of(report):
    """The analysts who have commented on or decided about the report; all analysts when
    none has yet."""
    analysts = User.objects.filter(is_active=True, roles__role=RoleAssignment.Role.ANALYST)
    involved = analysts.filter(
        pk__in=[
            *report.comments.values_list("author", flat=True),
            *report.decisions.values_list("decided_by", flat=True),
        ]
    )
    return (involved if involved.exists() else analysts).distinct()


def notify(recipients, template, *, report, exclude=None, link_to=None, **context):
    """Email ``recipients`` (except ``exclude``) after the transaction commits, rendering
    ``reporting/email/<template>.txt`` and ``<template>_subject.txt`` in each one's
    language. The link is to the report's review (or to ``link_to``, a path of the
    service, in the recipient's language), at SITE_URL."""
    if _muted.get():
        return
    people = [u for u in recipients if u.email and u != exclude]

    def send():
        for user in people:
            with translation.override(user.preferred_language):
                path = (
                    translate_url(link_to, user.preferred_language)
                    if link_to
                    else reverse("reporting:review", args=[report.pk])
                )
                values = {
                    **context,
                    "report": report,
                    "user": user,
                    "link": f"{settings.SITE_URL}{path}",
                }
                subject = render_to_string(f"reporting/email/{template}_subject.txt", values)
                body = render_to_string(f"reporting/email/{template}.txt", values)
            send_mail(" ".join(subject.split()), body, None, [user.email])

    transaction.on_commit(send)
