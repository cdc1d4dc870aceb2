"""Who may see and change what: the one place where access is decided.

Views fetch through these helpers and never test roles themselves. An outsider gets 404
(existence does not leak); someone who may see a thing but not change it gets 403.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import RoleAssignment

Role = RoleAssignment.Role


@dataclass(frozen=True)
class Access:
    """A user's roles, read once per request."""

    administrator: bool = False
    analyst: bool = False
    commissioner: bool = False
    secretariat_forum_ids: frozenset = frozenset()
    commissioning_body_ids: frozenset = frozenset()

    @property
    def is_anyone(self):
        return self.administrator or self.analyst or self.commissioner or self.secretariat_forum_ids


def access_for(user):
    if not user.is_authenticated:
        return Access()
    cached = getattr(user, "_svforum_access", None)
    if cached is not None:
        return cached
    roles = list(user.roles.values_list("role", "forum_id", "commissioning_body_id"))
    access = Access(
        administrator=user.is_superuser or any(r == Role.ADMINISTRATOR for r, _, _ in roles),
        analyst=any(r == Role.ANALYST for r, _, _ in roles),
        commissioner=any(r == Role.COMMISSIONER for r, _, _ in roles),
        secretariat_forum_ids=frozenset(f for r, f, _ in roles if r == Role.SECRETARIAT),
        commissioning_body_ids=frozenset(b for r, _, b in roles if r == Role.COMMISSIONER),
    )
    user._svforum_access = access
    return access


# Forums and their records ----------------------------------------------------------


def visible_forums(user):
    from forums.models import Forum

    access = access_for(user)
    if access.administrator or access.analyst:
        return Forum.objects.all()
    return Forum.objects.filter(pk__in=access.secretariat_forum_ids)


def can_see_forum(user, forum):
    access = access_for(user)
    return access.administrator or access.analyst or forum.pk in access.secretariat_forum_ids


def can_edit_forum(user, forum):
    access = access_for(user)
    return access.administrator or forum.pk in access.secretariat_forum_ids


def can_see_citizen_details(user, forum):
    """Citizens' details are for the forum's own secretariat and administrators only."""
    return can_edit_forum(user, forum)


def get_forum_for_user(user, slug, *, write=False):
    from forums.models import Forum

    try:
        forum = Forum.objects.get(slug=slug)
    except Forum.DoesNotExist:
        raise Http404 from None
    if not can_see_forum(user, forum):
        raise Http404
    if write and not can_edit_forum(user, forum):
        raise PermissionDenied
    return forum


def get_forum_for_records(user, slug, model, *, write=False):
    """The forum, if the user may see (or change) its records of this model.

    Citizens' details are for the forum's own secretariat and administrators: an analyst,
    who may see the forum, gets 403 on them.
    """
    forum = get_forum_for_user(user, slug, write=write)
    if model._meta.label_lower == "forums.citizen" and not can_see_citizen_details(user, forum):
        raise PermissionDenied
    return forum


def get_forum_record_for_user(user, forum_slug, queryset, pk, *, write=False):
    """Fetches a record that belongs to a forum (membership, citizen, meeting, project)."""
    forum = get_forum_for_records(user, forum_slug, queryset.model, write=write)
    try:
        record = queryset.get(forum=forum, pk=pk)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None
    record.forum = forum
    return forum, record


# The shared organisation register ----------------------------------------------------


def can_see_organisations(user):
    return bool(access_for(user).is_anyone)


def can_edit_organisations(user):
    access = access_for(user)
    return access.administrator or bool(access.secretariat_forum_ids)


def can_delete_organisations(user):
    return access_for(user).administrator


def check_organisations_access(user, *, write=False, delete=False):
    if not can_see_organisations(user):
        raise Http404
    if write and not can_edit_organisations(user):
        raise PermissionDenied
    if delete and not can_delete_organisations(user):
        raise PermissionDenied


def get_organisation_for_user(user, pk, *, write=False, delete=False):
    from forums.models import Organisation

    check_organisations_access(user, write=write, delete=delete)
    try:
        return Organisation.objects.get(pk=pk)
    except (Organisation.DoesNotExist, ValueError):
        raise Http404 from None


# Reports ---------------------------------------------------------------------------------


def reports_for_forum(user, forum):
    """A forum's reports the user may read: its own secretariat and administrators see
    drafts too; analysts see reports once they have been submitted."""
    from reporting.models import Report

    reports = Report.objects.filter(forum=forum)
    if can_edit_forum(user, forum):
        return reports
    return reports.submitted()


def get_report_for_user(user, pk, *, write=False):
    """The report, if the user may read it (or, with write, change it): 404 to an outsider
    and to an analyst asking for a draft, 403 to an analyst asking to change it."""
    from reporting.models import Report

    try:
        report = Report.objects.select_related("forum", "cycle__template").get(pk=pk)
    except (Report.DoesNotExist, ValueError):
        raise Http404 from None
    if can_edit_forum(user, report.forum):
        return report
    if access_for(user).analyst and report.status != Report.Status.DRAFT:
        if write:
            raise PermissionDenied
        return report
    raise Http404


# The analysts' review ----------------------------------------------------------------------


def can_review(user):
    """Analysts (and administrators) comment on, return and accept reports, and code them."""
    rights = access_for(user)
    return rights.administrator or rights.analyst


def get_report_for_review(user, pk):
    """A report to comment on, return or accept: 404 to whoever may not see it, 403 to a
    secretariat that may see it but not review it."""
    report = get_report_for_user(user, pk)
    if not can_review(user):
        raise PermissionDenied
    return report


def comments_for(user, report):
    """The comments on a report the user may read: the forum never sees internal notes."""
    comments = report.comments.all()
    if can_review(user):
        return comments
    return comments.filter(internal=False)


def can_reply(user, comment):
    """Analysts reply to any comment; the forum's secretariat to those it can see."""
    if can_review(user):
        return True
    return can_edit_forum(user, comment.report.forum) and not comment.internal


def get_cycle_for_review(user, pk):
    """A reporting cycle's analysis pages (codebook, matrix, findings, comparison): analysts
    and administrators only; 404 to everyone else."""
    from reporting.models import ReportingCycle

    if not can_review(user):
        raise Http404
    try:
        return ReportingCycle.objects.select_related("template").get(pk=pk)
    except (ReportingCycle.DoesNotExist, ValueError):
        raise Http404 from None


# Commissioning ------------------------------------------------------------------------------


def visible_bodies(user):
    """The commissioning bodies whose records the user keeps: administrators see every body,
    a commissioner the bodies they work for."""
    from commissioning.models import CommissioningBody

    rights = access_for(user)
    if rights.administrator:
        return CommissioningBody.objects.all()
    return CommissioningBody.objects.filter(pk__in=rights.commissioning_body_ids)


def can_administer_commissioning(user):
    """Measurement frameworks are imported by administrators."""
    return access_for(user).administrator


def check_frameworks_access(user, *, write=False):
    """Frameworks are read by commissioners and administrators (404 to anyone else) and
    imported by administrators (403 to a commissioner)."""
    rights = access_for(user)
    if not (rights.administrator or rights.commissioner):
        raise Http404
    if write and not rights.administrator:
        raise PermissionDenied


def get_body_for_user(user, slug, *, write=False):
    """A commissioning body the user works for (administrators: any); 404 otherwise. Whoever
    may see a body's records may also keep them, so ``write`` never narrows further."""
    from commissioning.models import CommissioningBody

    try:
        body = visible_bodies(user).select_related("region", "local_authority").get(slug=slug)
    except CommissioningBody.DoesNotExist:
        raise Http404 from None
    return body


def get_body_record_for_user(user, slug, queryset, pk, *, body_path="body"):
    """A record (tender, contract, …) of a body the user works for; 404 to anyone else,
    whether or not it exists."""
    body = get_body_for_user(user, slug)
    try:
        record = queryset.get(**{body_path: body}, pk=pk)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None
    return body, record


def can_see_region_dashboard(user, forum):
    """A region's commissioning figures: administrators, analysts, the region's forum
    secretariat (the figures feed its report), and the commissioners of a body in it."""
    from commissioning.models import CommissioningBody

    rights = access_for(user)
    if rights.administrator or rights.analyst or forum.pk in rights.secretariat_forum_ids:
        return True
    return CommissioningBody.objects.filter(
        pk__in=rights.commissioning_body_ids, region=forum
    ).exists()


def get_region_for_user(user, slug):
    from forums.models import Forum

    try:
        forum = Forum.objects.get(slug=slug)
    except Forum.DoesNotExist:
        raise Http404 from None
    if not can_see_region_dashboard(user, forum):
        raise Http404
    return forum
