"""The analysts' dashboard: a cycle at a glance, in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from analysis import comparison
from forums.models import Forum
from reporting.models import Entry, Figure, Report
from svforum import charts


@dataclass
class DomainCompleteness:
    domain: object
    completed: int
    no_information: int
    empty: int  # not started or in progress, or no report yet


def reports_by_state(cycle, forum_count):
    counts = dict(
        Report.objects.for_cycle(cycle).values_list("status").annotate(n=Count("pk")).order_by()
    )
    rows = [(label, counts.get(value, 0)) for value, label in Report.Status.choices]
    not_started = forum_count - sum(counts.values())
    return [(_("Not started"), not_started), *rows]


def completeness_by_domain(cycle, forum_count):
    """For each domain of the template: how many forums completed it, said there was no
    information, or have not (yet) — drafts included, since this is about progress."""
    tallies = {
        row["domain_id"]: row
        for row in Entry.objects.filter(report__cycle=cycle)
        .values("domain_id")
        .annotate(
            completed=Count("pk", filter=Q(status=Entry.Status.COMPLETED)),
            no_information=Count("pk", filter=Q(status=Entry.Status.NO_INFORMATION)),
        )
        .order_by()
    }
    result = []
    for domain in cycle.template.domains.order_by("number"):
        t = tallies.get(domain.pk, {"completed": 0, "no_information": 0})
        empty = forum_count - t["completed"] - t["no_information"]
        result.append(DomainCompleteness(domain, t["completed"], t["no_information"], empty))
    return result


def projects_by_origin(cycle):
    """Per forum with a received report: the projects it established (counted) and those of
    a precursor or pre-dating it (listed, not counted), as frozen at submission."""
    figures = (
        Figure.objects.filter(
            report__cycle=cycle, definition__source="projects", report__version__gte=1
        )
        .exclude(report__status=Report.Status.DRAFT)
        .select_related("report__forum")
        .order_by("report__forum__name_en")
    )
    rows = []
    for figure in figures:
        detail = figure.derived_detail or {}
        not_counted = detail.get("not_counted", [])
        rows.append(
            (
                figure.report.forum,
                int(figure.derived_value or 0),
                sum(1 for p in not_counted if p.get("origin") == "precursor"),
                sum(1 for p in not_counted if p.get("origin") == "pre_dates"),
            )
        )
    return rows


def dashboard(cycle):
    forum_count = Forum.objects.count()
    compared = comparison.compare(cycle)
    below = []
    for index, column in enumerate(compared.columns):
        if column.target is None:
            continue
        missed = [r.forum for r in compared.rows if r.cells[index].target_met is False]
        met = [r.forum for r in compared.rows if r.cells[index].target_met is True]
        unknown = [r.forum for r in compared.rows if r.cells[index].target_met is None]
        below.append((column, missed, met, unknown))
    states = reports_by_state(cycle, forum_count)
    projects = projects_by_origin(cycle)
    return {
        "states": states,
        "states_chart": charts.bar_chart(states),
        "below_target": below,
        "projects": projects,
        "projects_totals": (
            sum(p[1] for p in projects),
            sum(p[2] for p in projects),
            sum(p[3] for p in projects),
        ),
        "completeness": completeness_by_domain(cycle, forum_count),
        "forum_count": forum_count,
    }
