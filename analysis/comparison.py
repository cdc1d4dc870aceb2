"""The quantitative comparison: one row per forum, one column per figure of the cycle.

Each cell is the forum's answer as submitted ("not provided" kept apart from zero), with
its footnote as a numbered mark, whether it comes from the forum's records or overrides
them (with the reason), and how it stands against the cycle's target. A fixed number of
queries whatever the number of forums and figures.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from analysis.models import FigureTarget
from forums.models import Forum
from reporting.figures import answer, format_value
from reporting.models import Entry, Figure, FigureDefinition, Report, ReportingCycle
from svforum import charts


@dataclass
class Cell:
    answer: object  # reporting.figures.Answer, or None without a submitted report
    value: Decimal | None  # the number the cell stands for (None: not provided / none)
    footnote: int = 0
    target_met: bool | None = None  # None: no target, or no value to hold to it
    previous: Decimal | None = None  # the same figure in the previous cycle
    change: Decimal | None = None


@dataclass
class Row:
    forum: Forum
    report: Report | None
    cells: list
    completed: int = 0
    no_information: int = 0
    sections: int = 0


@dataclass
class Column:
    definition: FigureDefinition
    target: FigureTarget | None
    chart: str = ""
    chart_rows: list = field(default_factory=list)


@dataclass
class Footnote:
    number: int
    forum: Forum
    definition: FigureDefinition
    qualifier: str  # the forum's own footnote
    override_reason: str  # why it differs from the forum's records, when it does


@dataclass
class Comparison:
    cycle: ReportingCycle
    previous_cycle: ReportingCycle | None
    columns: list
    rows: list
    footnotes: list  # Footnotes, numbered in reading order


def previous_cycle(cycle):
    return (
        ReportingCycle.objects.filter(period_end__lt=cycle.period_end)
        .exclude(pk=cycle.pk)
        .order_by("-period_end")
        .first()
    )


def _value(a):
    """The number behind an answer, or None when the forum gave none."""
    figure = a.figure
    if a.from_records:
        return figure.derived_value
    if figure.state == Figure.State.VALUE:
        return figure.value
    return None


def _answers_by_forum(cycle):
    """{forum pk: (report, {definition code: Answer})} for the cycle's reports Welsh
    Government has received (drafts are the forum's own)."""
    reports = {
        r.pk: r
        for r in Report.objects.for_cycle(cycle)
        .submitted()
        .annotate(
            sections=Count("entries"),
            completed=Count("entries", filter=Q(entries__status=Entry.Status.COMPLETED)),
            no_information=Count("entries", filter=Q(entries__status=Entry.Status.NO_INFORMATION)),
        )
    }
    figures = (
        Figure.objects.filter(report_id__in=reports)
        .select_related("definition")
        .prefetch_related("breakdown__local_authority")
    )
    result = {r.forum_id: (r, {}) for r in reports.values()}
    for figure in figures:
        report = reports[figure.report_id]
        result[report.forum_id][1][figure.definition.code] = answer(figure, None)
    return result


def compare(cycle):
    definitions = list(cycle.template.figures.order_by("position"))
    targets = {t.definition_id: t for t in cycle.targets.all()}
    earlier = previous_cycle(cycle)
    current = _answers_by_forum(cycle)
    before = _answers_by_forum(earlier) if earlier else {}
    forums = list(Forum.objects.order_by("name_en"))
    columns = [Column(d, targets.get(d.pk)) for d in definitions]
    rows, footnotes = [], []
    for forum in forums:
        report, answers = current.get(forum.pk, (None, {}))
        _previous_report, previous_answers = before.get(forum.pk, (None, {}))
        row = Row(forum, report, [])
        if report is not None:
            row.completed, row.no_information = report.completed, report.no_information
            row.sections = report.sections
        for column in columns:
            code = column.definition.code
            a = answers.get(code)
            cell = Cell(a, _value(a) if a else None)
            if a and (a.figure.qualifier or a.overridden):
                footnotes.append(
                    Footnote(
                        len(footnotes) + 1,
                        forum,
                        column.definition,
                        a.figure.qualifier,
                        a.figure.override_reason if a.overridden else "",
                    )
                )
                cell.footnote = len(footnotes)
            if column.target and cell.value is not None:
                cell.target_met = column.target.met_by(cell.value)
            p = previous_answers.get(code)
            if p is not None:
                cell.previous = _value(p)
                if cell.previous is not None and cell.value is not None:
                    cell.change = cell.value - cell.previous
            row.cells.append(cell)
        rows.append(row)
    for index, column in enumerate(columns):
        column.chart_rows = [
            (row.forum, row.cells[index].value)
            for row in rows
            if row.cells[index].value is not None
        ]
        if column.chart_rows:
            column.chart = _chart(column)
    return Comparison(cycle, earlier, columns, rows, footnotes)


def _chart(column):
    """Each forum's value as a bar, with the target as a line when there is one."""
    kind = column.definition.kind
    target = column.target
    return charts.bar_chart(
        [(forum.region or forum.name, value) for forum, value in column.chart_rows],
        value_format=lambda v: format_value(kind, v),
        target=float(target.value) if target else None,
        target_label=str(_("Target: %(value)s") % {"value": format_value(kind, target.value)})
        if target
        else "",
    )


def change_text(kind, change):
    if change is None:
        return ""
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return f"{sign}{format_value(kind, abs(change))}"


NOT_SUBMITTED = _("No report received")
