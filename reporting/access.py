"""Who may read, change and review a forum's reports.

A forum's own secretariat (and administrators) keep its reports; analysts read them once
submitted, and review them."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.access import access_for
from forums.access import can_edit_forum
from reporting.models import Report, ReportingCycle


def reports_for_forum(user, forum):
    """A forum's reports the user may read: its own secretariat and administrators see
    drafts too; analysts see reports once they have been submitted."""
    reports = Report.objects.filter(forum=forum)
    if can_edit_forum(user, forum):
        return reports
    return reports.submitted()


def get_report_for_user(user, pk, *, write=False):
    """The report, if the user may read it (or, with write, change it): 404 to an outsider
    and to an analyst asking for a draft, 403 to an analyst asking to change it."""
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
    if not can_review(user):
        raise Http404
    try:
        return ReportingCycle.objects.select_related("template").get(pk=pk)
    except (ReportingCycle.DoesNotExist, ValueError):
        raise Http404 from None


def check_review_access(user):
    """The review inbox: analysts and administrators; 404 to anyone else."""
    if not can_review(user):
        raise Http404


def get_comment_for_reply(user, report, pk):
    """A comment of ``report`` the user may reply to: 404 when they may not read it, 403
    when they may read it but not answer it."""
    try:
        comment = comments_for(user, report).select_related("author", "entry__domain").get(pk=pk)
    except (report.comments.model.DoesNotExist, ValueError):
        raise Http404 from None
    if not can_reply(user, comment):
        raise PermissionDenied
    return comment
