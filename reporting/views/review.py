"""The analysts' review: an inbox per cycle, comments with replies, returning and accepting.

Access is decided in ``accounts.access``: analysts (and administrators) review; a forum's
secretariat reads the comments on its own report, except internal notes, and replies.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forums import access as forum_access
from forums.models import Forum
from reporting import access, selectors, services
from reporting.forms import AcceptForm, CommentForm, ReplyForm, ReturnForm
from reporting.models import Entry, Report, ReportingCycle, ReviewDecision
from reporting.versions import compare

NOT_STARTED = "not_started"


# The inbox ----------------------------------------------------------------------------------


@require_GET
@login_required
def review_inbox(request, cycle_pk=None):
    """Every forum's report for a cycle: state, submission, completeness and lateness."""
    access.check_review_access(request.user)
    cycles = list(ReportingCycle.objects.order_by("-period_end", "-pk"))
    if not cycles:
        return render(request, "reporting/review_inbox.html", {"cycles": [], "cycle": None})
    if cycle_pk is None:
        return redirect("reporting:review_cycle", selectors.cycle_with_work(cycles).pk)
    cycle = next((c for c in cycles if c.pk == cycle_pk), None)
    if cycle is None:
        raise Http404
    forums = list(Forum.objects.order_by("name_en"))
    reports = {
        r.forum_id: r
        for r in Report.objects.for_cycle(cycle).annotate(
            sections=Count("entries"),
            completed=Count("entries", filter=Q(entries__status=Entry.Status.COMPLETED)),
            no_information=Count("entries", filter=Q(entries__status=Entry.Status.NO_INFORMATION)),
        )
    }
    today = datetime.date.today()
    rows = []
    for forum in forums:
        report = reports.get(forum.pk)
        status = report.status if report else NOT_STARTED
        with_forum = status in (NOT_STARTED, Report.Status.DRAFT, Report.Status.RETURNED)
        rows.append(
            {
                "forum": forum,
                "report": report,
                "status": status,
                "status_label": report.get_status_display() if report else _("Not started"),
                "empty": (report.sections - report.completed - report.no_information)
                if report
                else None,
                "days_overdue": (today - cycle.due_on).days
                if with_forum and today > cycle.due_on
                else 0,
            }
        )
    states = [(NOT_STARTED, _("Not started")), *Report.Status.choices]
    state = request.GET.get("state", "")
    forum_slug = request.GET.get("forum", "")
    if state:
        rows = [r for r in rows if r["status"] == state]
    if forum_slug:
        rows = [r for r in rows if r["forum"].slug == forum_slug]
    return render(
        request,
        "reporting/review_inbox.html",
        {
            "cycles": cycles,
            "cycle": cycle,
            "rows": rows,
            "forums": forums,
            "states": states,
            "state": state,
            "forum_slug": forum_slug,
            "today": today,
        },
    )


# A report's review --------------------------------------------------------------------------


def _since_returned(report):
    """What changed between the version last returned and the current one, or None."""
    returned = report.decisions.filter(decision=ReviewDecision.Decision.RETURNED).last()
    if returned is None or report.version <= returned.version:
        return None
    versions = {
        v.number: v for v in report.versions.filter(number__in=[returned.version, report.version])
    }
    older, newer = versions.get(returned.version), versions.get(report.version)
    if older is None or newer is None:
        return None
    changes = [row for row in compare(older.content, newer.content) if row["changed"]]
    return {"older": older, "newer": newer, "changes": changes, "decision": returned}


@require_GET
@login_required
def report_review(request, pk):
    """The report with every comment thread beside its section; the review actions for
    analysts; the replies for the forum."""
    report = access.get_report_for_user(request.user, pk)
    reviewer = access.can_review(request.user)
    contents = selectors.report_contents(report)
    threads = selectors.comment_threads(access.comments_for(request.user, report))
    for entry in contents["entries"]:
        entry.threads = threads.get(entry.domain.number, [])
    return render(
        request,
        "reporting/review.html",
        {
            "report": report,
            "forum": report.forum,
            "entries": contents["entries"],
            "general": threads.get(0, []),
            "reviewer": reviewer,
            "can_reply": reviewer or forum_access.can_edit_forum(request.user, report.forum),
            "reviewable": reviewer and report.status in services.REVIEWABLE,
            "decisions": list(report.decisions.select_related("decided_by")),
            "since_returned": _since_returned(report) if reviewer else None,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def comment_add(request, pk):
    report = access.get_report_for_review(request.user, pk)
    entries = list(report.entries.in_order())
    initial = {"section": request.GET.get("section", 0)}
    form = CommentForm(
        request.POST if request.method == "POST" else None, entries=entries, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        services.add_comment(
            report=report,
            entry=form.entry,
            text=form.cleaned_data["text"],
            internal=form.cleaned_data["internal"],
            by=request.user,
        )
        messages.success(request, _("Your comment has been added."))
        return redirect(_review_anchor(report, form.cleaned_data["section"]))
    return render(
        request,
        "reporting/comment_form.html",
        {"report": report, "forum": report.forum, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _review_anchor(report, section):
    url = reverse("reporting:review", args=[report.pk])
    return f"{url}#section-{section}"


@require_http_methods(["GET", "POST"])
@login_required
def comment_reply(request, pk, comment_pk):
    report = access.get_report_for_user(request.user, pk)
    comment = access.get_comment_for_reply(request.user, report, comment_pk)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.add_comment(
            report=report,
            entry=comment.entry,
            text=form.cleaned_data["text"],
            internal=comment.internal,
            parent=comment,
            by=request.user,
        )
        messages.success(request, _("Your reply has been added."))
        return redirect(_review_anchor(report, comment.entry.domain.number if comment.entry else 0))
    return render(
        request,
        "reporting/comment_reply.html",
        {"report": report, "forum": report.forum, "comment": comment, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def comment_done(request, pk, comment_pk):
    """Marks a comment's thread as done, or open again ("done" is "yes" or "no"), then goes
    back to the page it was marked on."""
    report = access.get_report_for_user(request.user, pk)
    comment = access.get_comment_for_reply(request.user, report, comment_pk)
    done = request.POST.get("done") == "yes"
    services.mark_comment_done(comment=comment, done=done, by=request.user)
    messages.success(
        request,
        _("The comment is marked as done.") if done else _("The comment is open again."),
    )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = _review_anchor(report, comment.entry.domain.number if comment.entry else 0)
    return redirect(back)


def _decide(request, pk, *, form_class, template, act, done_message):
    report = access.get_report_for_review(request.user, pk)
    if report.status not in services.REVIEWABLE:
        messages.error(
            request,
            _(
                "Only a submitted or resubmitted report can be returned or accepted; "
                "this one is %(status)s."
            )
            % {"status": report.get_status_display().lower()},
        )
        return redirect("reporting:review", report.pk)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            act(report, form.cleaned_data.get("comment", ""))
        except services.TransitionRefused:
            messages.error(request, _("Someone else has decided about this report meanwhile."))
            return redirect("reporting:review", report.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done_message)
            return redirect("reporting:review", report.pk)
    return render(
        request,
        template,
        {"report": report, "forum": report.forum, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def report_return(request, pk):
    return _decide(
        request,
        pk,
        form_class=ReturnForm,
        template="reporting/review_return.html",
        act=lambda report, comment: services.return_report(
            report=report, comment=comment, by=request.user
        ),
        done_message=_("The report has been returned to the forum, who have been told by email."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def report_accept(request, pk):
    return _decide(
        request,
        pk,
        form_class=AcceptForm,
        template="reporting/review_accept.html",
        act=lambda report, comment: services.accept_report(
            report=report, comment=comment, by=request.user
        ),
        done_message=_("The report has been accepted; the forum has been told by email."),
    )
