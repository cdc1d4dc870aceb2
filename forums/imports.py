"""Spreadsheet import and export of organisations and of a forum's memberships, through
the shared import flow (svforum/imports.py)."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forums import access
from forums.models import ForumMembership, Organisation
from forums.resources import MembershipResource, OrganisationResource
from svforum import imports, spreadsheets

# Organisations ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def organisation_import(request):
    access.check_organisations_access(request.user, write=True)
    flow = imports.ResourceFlow(
        resource=OrganisationResource(),
        record_type="forums.organisation",
        title=_("Import organisations"),
        back_url=reverse("organisations:list"),
        scope="organisations",
        template_urls={
            fmt: reverse("organisations:template", args=[fmt]) for fmt in imports.CONTENT_TYPES
        },
    )
    return imports.run_import(request, flow)


@require_GET
@login_required
def organisation_export(request, fmt):
    access.check_organisations_access(request.user)
    queryset = Organisation.objects.prefetch_related("local_authorities")
    dataset = OrganisationResource().export(queryset)
    return imports.download(dataset, fmt, f"organisations-{spreadsheets.today_stamp()}")


@require_GET
@login_required
def organisation_template(request, fmt):
    access.check_organisations_access(request.user)
    columns = spreadsheets.column_names(OrganisationResource())
    return imports.template_download(columns, fmt, "organisations-template")


# A forum's memberships -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def membership_import(request, slug):
    forum = access.get_forum_for_user(request.user, slug, write=True)
    flow = imports.ResourceFlow(
        resource=MembershipResource(forum),
        record_type="forums.forummembership",
        forum=forum,
        title=_("Import members"),
        back_url=reverse("forums:forummembership_list", args=[forum.slug]),
        scope=f"memberships:{forum.pk}",
        template_urls={
            fmt: reverse("forums:membership_template", args=[slug, fmt])
            for fmt in imports.CONTENT_TYPES
        },
    )
    return imports.run_import(request, flow)


@require_GET
@login_required
def membership_export(request, slug, fmt):
    forum = access.get_forum_for_user(request.user, slug)
    queryset = ForumMembership.objects.filter(forum=forum).select_related("organisation")
    dataset = MembershipResource(forum).export(queryset)
    return imports.download(dataset, fmt, f"{forum.slug}-members-{spreadsheets.today_stamp()}")


@require_GET
@login_required
def membership_template(request, slug, fmt):
    forum = access.get_forum_for_user(request.user, slug)
    columns = spreadsheets.column_names(MembershipResource(forum))
    return imports.template_download(columns, fmt, "members-template")
