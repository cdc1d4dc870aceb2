"""Spreadsheet import and export of organisations and of a forum's memberships.

Import is three steps: upload, preview (every row checked, errors listed per row in the
user's language), confirm. The uploaded file is kept in the session between preview and
confirm, and the confirmed import writes every row or none.
"""

import base64
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import AuditEvent
from accounts.services import record_audit
from forums import access
from forums.forms import ImportForm
from forums.models import ForumMembership, Organisation
from forums.resources import MembershipResource, OrganisationResource, column_names
from svforum import spreadsheets

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SESSION_KEY = "svforum-import"


def download(dataset, fmt, stem):
    if fmt not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(
        spreadsheets.export_bytes(dataset, fmt), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def _template(resource, fmt, stem):
    import tablib

    return download(tablib.Dataset(headers=column_names(resource)), fmt, stem)


def _import(request, *, resource, title, back_url, scope, template_urls, record_type, forum=None):
    """The upload → preview → confirm flow shared by both imports."""
    expected = column_names(resource)
    context = {
        "title": title,
        "back_url": back_url,
        "columns": expected,
        "required": resource.REQUIRED,
        "forum": forum,
        "template_urls": template_urls,
        "problems": [],
        "file_problems": [],
    }
    form = ImportForm()
    if request.method == "POST" and request.POST.get("step") == "confirm":
        stored = request.session.get(SESSION_KEY)
        if (
            not stored
            or stored.get("scope") != scope
            or stored.get("token") != request.POST.get("token")
        ):
            messages.error(request, _("That import has expired. Upload the file again."))
            return redirect(request.path)
        dataset = spreadsheets.read_spreadsheet(stored["name"], base64.b64decode(stored["content"]))
        try:
            with transaction.atomic():
                result = spreadsheets.run(resource, dataset)
                totals = result.totals
                record_audit(
                    actor=request.user,
                    action=AuditEvent.Action.IMPORT,
                    object_type=record_type,
                    object_repr=str(title),
                    forum=forum,
                    detail=_("%(file)s: %(new)d added, %(updated)d changed")
                    % {"file": stored["name"], "new": totals["new"], "updated": totals["update"]},
                )
        except spreadsheets.ImportRefused as refused:
            # The data changed since the preview; nothing was written.
            context["problems"] = refused.problems
            request.session.pop(SESSION_KEY, None)
            return render(request, "forums/import.html", {**context, "form": form}, status=400)
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request,
            _("Import complete: %(new)d added, %(updated)d changed.")
            % {"new": totals["new"], "updated": totals["update"]},
        )
        return redirect(back_url)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read(spreadsheets.MAX_IMPORT_BYTES + 1)
            try:
                dataset = spreadsheets.read_spreadsheet(upload.name, content)
            except spreadsheets.SpreadsheetProblem as problem:
                form.add_error("file", str(problem))
            else:
                header_problems = spreadsheets.check_headers(dataset, expected, resource.REQUIRED)
                if header_problems:
                    for problem in header_problems:
                        form.add_error("file", problem)
                else:
                    result, problems = spreadsheets.preview(resource, dataset)
                    context["problems"] = problems
                    if not problems:
                        token = secrets.token_urlsafe(16)
                        request.session[SESSION_KEY] = {
                            "scope": scope,
                            "token": token,
                            "name": upload.name,
                            "content": base64.b64encode(content).decode("ascii"),
                        }
                        context.update(
                            token=token,
                            totals=result.totals,
                            preview_headers=dataset.headers,
                            preview_rows=list(dataset)[:50],
                            row_count=dataset.height,
                            file_name=upload.name,
                        )
                    status = 400 if problems else 200
                    return render(
                        request, "forums/import.html", {**context, "form": form}, status=status
                    )
        return render(request, "forums/import.html", {**context, "form": form}, status=400)
    return render(request, "forums/import.html", {**context, "form": form})


# Organisations ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def organisation_import(request):
    access.check_organisations_access(request.user, write=True)
    return _import(
        request,
        resource=OrganisationResource(),
        title=_("Import organisations"),
        back_url=reverse("organisations:list"),
        scope="organisations",
        record_type="forums.organisation",
        template_urls={fmt: reverse("organisations:template", args=[fmt]) for fmt in CONTENT_TYPES},
    )


@require_GET
@login_required
def organisation_export(request, fmt):
    access.check_organisations_access(request.user)
    queryset = Organisation.objects.prefetch_related("local_authorities")
    dataset = OrganisationResource().export(queryset)
    return download(dataset, fmt, f"organisations-{spreadsheets.today_stamp()}")


@require_GET
@login_required
def organisation_template(request, fmt):
    access.check_organisations_access(request.user)
    return _template(OrganisationResource(), fmt, "organisations-template")


# A forum's memberships -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def membership_import(request, slug):
    forum = access.get_forum_for_user(request.user, slug, write=True)
    return _import(
        request,
        resource=MembershipResource(forum),
        title=_("Import members"),
        back_url=reverse("forums:forummembership_list", args=[forum.slug]),
        scope=f"memberships:{forum.pk}",
        forum=forum,
        record_type="forums.forummembership",
        template_urls={
            fmt: reverse("forums:membership_template", args=[slug, fmt]) for fmt in CONTENT_TYPES
        },
    )


@require_GET
@login_required
def membership_export(request, slug, fmt):
    forum = access.get_forum_for_user(request.user, slug)
    queryset = ForumMembership.objects.filter(forum=forum).select_related("organisation")
    dataset = MembershipResource(forum).export(queryset)
    return download(dataset, fmt, f"{forum.slug}-members-{spreadsheets.today_stamp()}")


@require_GET
@login_required
def membership_template(request, slug, fmt):
    forum = access.get_forum_for_user(request.user, slug)
    return _template(MembershipResource(forum), fmt, "members-template")
