"""Reads of a report used by several pages and documents (the task list, the review, the
PDF, the coding view)."""

from forums.models import LocalAuthority
from reporting.derived import derived_figures
from reporting.figures import answer


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
