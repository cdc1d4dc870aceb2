"""The analysts' dashboard: a cycle at a glance, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from analysis import comparison
from forums.models import Forum
from reporting.models import Entry, Report
from reporting.quantities import Standing
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


@dataclass
class ProjectsRow:
    forum: object
    answer: object  # reporting.figures.Answer: the reported figure, override included
    precursor: int  # listed, not counted
    pre_dates: int

    @property
    def own(self):
        """The number of projects the forum reports as its own (None: not given)."""
        return self.answer.number if self.answer.provided else None


def projects_by_origin(compared):
    """Per forum with a received report: the projects it reports as established by it —
    the *reported* figure, so an override counts and "not provided" stays so — and those
    of a precursor or pre-dating it (listed, not counted), as frozen at submission."""
    index = next(
        (i for i, c in enumerate(compared.columns) if c.definition.source == "projects"), None
    )
    if index is None:
        return []
    rows = []
    for row in compared.rows:
        a = row.cells[index].answer
        if row.report is None or a is None:
            continue
        not_counted = (a.figure.derived_detail or {}).get("not_counted", [])
        rows.append(
            ProjectsRow(
                row.forum,
                a,
                sum(1 for p in not_counted if p.get("origin") == "precursor"),
                sum(1 for p in not_counted if p.get("origin") == "pre_dates"),
            )
        )
    return rows


@dataclass
class TargetSummary:
    column: object
    groups: list  # (Standing or None, [Standing entries]), in the order shown


@dataclass
class Held:
    """A forum in one group of a target: for its figure as a whole (``lines`` empty), or
    for those of its parts or local authorities the target holds that stand so."""

    forum: object
    lines: list = field(default_factory=list)  # labels of the parts or authorities


def targets(compared):
    """Each target's forums by where they stand: missing it, not shown to meet it,
    straddling it, meeting it, or with no figure to hold to it. A forum whose figure as a
    whole has nothing to hold (e.g. ICF given only as revenue and capital, each with its
    share) stands where its parts or authorities do, named."""
    order = [Standing.MISSED, Standing.NOT_SHOWN, Standing.STRADDLES, Standing.MET, None]
    summaries = []
    for index, column in enumerate(compared.columns):
        if column.target is None:
            continue
        by = {standing: [] for standing in order}
        for row in compared.rows:
            cell = row.cells[index]
            if cell.standing is not None:
                by[cell.standing].append(Held(row.forum))
            held = [line for line in cell.lines if line.standing is not None]
            lines = {}
            for line in held:
                lines.setdefault(line.standing, []).append(line.label)
            for standing in order:
                if standing in lines:
                    by[standing].append(Held(row.forum, lines[standing]))
            if cell.standing is None and not held:
                by[None].append(Held(row.forum))
        summaries.append(TargetSummary(column, [(s, by[s]) for s in order]))
    return summaries


def dashboard(cycle):
    forum_count = Forum.objects.count()
    compared = comparison.compare(cycle)
    states = reports_by_state(cycle, forum_count)
    projects = projects_by_origin(compared)
    given = [p.own for p in projects if p.own is not None]
    return {
        "states": states,
        "states_chart": charts.bar_chart(states),
        "targets": targets(compared),
        "projects": projects,
        "projects_totals": (
            sum(given) if given else None,
            sum(p.precursor for p in projects),
            sum(p.pre_dates for p in projects),
        ),
        "projects_given": len(given),
        "completeness": completeness_by_domain(cycle, forum_count),
        "forum_count": forum_count,
    }
