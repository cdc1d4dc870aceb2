"""Reads of a report used by several pages and documents (the task list, the review, the
PDF, the coding view)."""

from dataclasses import dataclass

from django.db.models import Count, Q

from forums.models import LocalAuthority
from reporting.derived import derived_figures
from reporting.figures import answer
from reporting.models import Report, ReportingCycle


def report_contents(report):
    """The report's entries, each with its case studies, work programme or figure answers."""
    entries = list(report.entries.in_order().prefetch_related("attachments"))
    done = sum(1 for e in entries if e.is_done)
    structured = {
        "case_studies": list(report.case_studies.select_related("report__cycle", "report__forum")),
        "work_programme": list(report.work_programme.all()),
    }
    structured["quantitative"] = figure_answers(report)[0]
    for entry in entries:
        entry.items = structured.get(entry.domain.kind, [])
    footnotes = [a for a in structured["quantitative"] if a.figure.qualifier]
    for number, a in enumerate(footnotes, start=1):
        a.footnote = number
    return {"entries": entries, "done": done, "footnotes": footnotes}


def live_derived(report):
    """The records' figures: frozen at submission, live while the report is being written."""
    if not report.is_editable:
        return None  # each derived figure carries its frozen value and details
    return derived_figures(
        report.forum, start=report.cycle.period_start, end=report.cycle.period_end
    )


def answers_of(report, derived):
    """An answer per figure of the report, with its parts and breakdown, in three queries."""
    figures = report.figures.in_order().prefetch_related(
        "definition__parts", "breakdown__part", "breakdown__local_authority"
    )
    authorities = LocalAuthority.objects.filter(forum_areas__forum=report.forum_id)
    count = authorities.distinct().count()
    return [answer(figure, derived, authorities=count) for figure in figures]


def figure_answers(report):
    """(an answer per figure of the report, the live derived figures or None once frozen)."""
    derived = live_derived(report)
    return answers_of(report, derived), derived


def comment_threads(comments):
    """Top-level comments in order, each with its replies (``thread``), grouped by section
    number (0 for the report as a whole)."""
    comments = list(comments.select_related("author", "done_by", "entry__domain"))
    replies = {}
    for c in comments:
        if c.parent_id:
            replies.setdefault(c.parent_id, []).append(c)
    threads = {}
    for c in comments:
        if c.parent_id is None:
            c.thread = replies.get(c.pk, [])
            threads.setdefault(c.entry.domain.number if c.entry else 0, []).append(c)
    return threads


def open_threads(threads):
    """{section number: how many of its threads are not yet marked done}."""
    return {
        number: sum(1 for c in comments if c.done_at is None)
        for number, comments in threads.items()
    }


@dataclass
class ForumWork:
    """A report a forum's secretariat has to look at: a draft, one returned, or the newest
    cycle's (started or not)."""

    forum: object
    cycle: object
    report: object  # None: not started
    open_comments: int = 0


def secretariat_work(forums):
    """What each of the forums has to do, newest cycle first: every draft and returned
    report, and the newest cycle's report whatever its state. Three queries."""
    newest = ReportingCycle.objects.order_by("-period_end", "-pk").first()
    forums = list(forums)
    reports = (
        Report.objects.filter(forum__in=forums)
        .filter(Q(status__in=Report.EDITABLE) | Q(cycle=newest))
        .select_related("cycle", "forum")
        .annotate(
            open_comments=Count(
                "comments",
                filter=Q(
                    comments__parent__isnull=True,
                    comments__internal=False,
                    comments__done_at__isnull=True,
                ),
            )
        )
        .order_by("-cycle__period_end", "forum__name_en")
    )
    work = [ForumWork(r.forum, r.cycle, r, r.open_comments) for r in reports]
    if newest is not None:
        started = {w.forum.pk for w in work if w.cycle.pk == newest.pk}
        work += [ForumWork(f, newest, None) for f in forums if f.pk not in started]
    work.sort(key=lambda w: (-w.cycle.period_end.toordinal(), w.forum.name_en))
    return work


@dataclass
class CycleWork:
    """A reporting cycle as an analyst's home shows it."""

    cycle: object
    waiting: int  # submitted or resubmitted: to review
    returned: int
    accepted: int
    received: int  # every report past its first submission


def analyst_work(limit=3):
    """The newest cycles with how many reports wait for review. Two queries."""
    cycles = list(
        ReportingCycle.objects.order_by("-period_end", "-pk").annotate(
            waiting=Count(
                "reports",
                filter=Q(reports__status__in=(Report.Status.SUBMITTED, Report.Status.RESUBMITTED)),
            ),
            returned=Count("reports", filter=Q(reports__status=Report.Status.RETURNED)),
            accepted=Count("reports", filter=Q(reports__status=Report.Status.ACCEPTED)),
            received=Count("reports", filter=~Q(reports__status=Report.Status.DRAFT)),
        )[:limit]
    )
    return [CycleWork(c, c.waiting, c.returned, c.accepted, c.received) for c in cycles]


def cycle_with_work(cycles):
    """The cycle an inbox opens on: the newest with a report waiting for review, else the
    newest."""
    waiting = set(
        Report.objects.filter(
            cycle__in=cycles, status__in=(Report.Status.SUBMITTED, Report.Status.RESUBMITTED)
        ).values_list("cycle_id", flat=True)
    )
    return next((c for c in cycles if c.pk in waiting), cycles[0])
