"""A citizen's personal data: the subject access export, erasure of their name, and the
forum's list of citizens due for erasure under its retention period
(forums/personal_data.py does the work)."""

import json

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from forums import access, personal_data
from forums.models import Citizen
from svforum.forms import GovForm


class EraseForm(GovForm):
    reason = django_forms.CharField(
        label=gettext_lazy("Why is the name being erased?"),
        max_length=300,
        help_text=gettext_lazy(
            "For example: “Asked to be forgotten, email of 3 May 2026”. Kept in the audit "
            "trail, without the name."
        ),
        error_messages={"required": gettext_lazy("Say why the name is being erased")},
    )


def _citizen(request, slug, pk):
    # Only the forum's own secretariat and administrators see a citizen's details.
    return access.get_forum_record_for_user(
        request.user, slug, Citizen.objects.select_related("local_authority"), pk, write=True
    )


@require_GET
@login_required
def citizen_export(request, slug, pk):
    """Everything held about the citizen, as a JSON file to send with the reply to their
    subject access request."""
    forum, citizen = _citizen(request, slug, pk)
    content = json.dumps(personal_data.subject_access(citizen), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="personal-data-{forum.slug}-citizen-{citizen.pk}.json"'
    )
    return response


@require_http_methods(["GET", "POST"])
@login_required
def citizen_erase(request, slug, pk):
    forum, citizen = _citizen(request, slug, pk)
    if citizen.erased_on:
        messages.info(request, _("This person’s name has already been erased."))
        return redirect(citizen)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        citizen = personal_data.erase_citizen(
            citizen=citizen, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _("The name has been erased everywhere it was held; the person is now %(name)s.")
            % {"name": citizen.name},
        )
        return redirect(citizen)
    return render(
        request,
        "forums/citizens/erase.html",
        {
            "forum": forum,
            "record": citizen,
            "form": form,
            "mentions": personal_data.mentions(citizen),
            "partial_mentions": personal_data.partial_mentions(citizen),
            "pseudonym": personal_data.pseudonym(citizen),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def citizens_due(request, slug):
    """The citizens who left longer ago than the forum keeps names for."""
    forum = access.get_forum_for_records(request.user, slug, Citizen, write=True)
    due = personal_data.due_for_erasure(forum).order_by("left_on", "pk")
    if request.method == "POST" and forum.citizen_retention_years:
        erased = 0
        for citizen in due:
            personal_data.erase_citizen(
                citizen=citizen,
                by=request.user,
                reason=_("Left more than %(years)s years ago (the forum’s retention period)")
                % {"years": forum.citizen_retention_years},
            )
            erased += 1
        messages.success(request, _("%(count)s names have been erased.") % {"count": erased})
        return redirect(reverse("forums:citizens_due", args=[forum.slug]))
    return render(request, "forums/citizens/due.html", {"forum": forum, "due": due})
