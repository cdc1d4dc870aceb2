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
from forums.models import Forum, ForumArea
from reporting.figures import format_value, reported
from reporting.models import Entry, Figure, FigureDefinition, Report, ReportingCycle
from reporting.quantities import Precision, Standing
from svforum import charts


@dataclass
class Cell:
    answer: object  # reporting.figures.Answer, or None without a submitted report
    value: Decimal | None  # the number the cell stands for in a chart (None: none stated)
    footnote: int = 0
    standing: str | None = None  # reporting.quantities.Standing against the target, or None
    previous: Decimal | None = None  # the same figure in the previous cycle
    change: Decimal | None = None  # only between two exact values

    @property
    def target_met(self):
        """True when it meets the target, False when it misses it (or is not shown to
        meet it, or straddles it), None when there is nothing to hold to it."""
        if self.standing is None:
            return None
        return self.standing == Standing.MET

    @property
    def lines(self):
        return self.answer.lines if self.answer else []


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
    chart_rows: list = field(default_factory=list)  # (forum, Quantity) drawn as bars
    chart_gaps: list = field(default_factory=list)  # (forum, why there is no bar)
    entries: list = field(default_factory=list)  # (Row, Cell) of each forum

    @property
    def of_share(self):
        """Whether its chart and target are of the share rather than the amount."""
        return bool(self.target and self.target.measure == FigureTarget.Measure.SHARE)

    @property
    def kind(self):
        return FigureDefinition.Kind.PERCENTAGE if self.of_share else self.definition.kind

    def charted(self, cell):
        """The quantity a cell stands for in the chart (None: none stated)."""
        a = cell.answer
        if a is None:
            return None
        quantity = a.share if self.of_share else a.amount
        return quantity if quantity is not None and quantity.stated else None


@dataclass
class Footnote:
    number: int
    forum: Forum
    definition: FigureDefinition
    qualifier: str  # the forum's own footnote
    override_reason: str  # why it differs from the forum's records, when it does
    parts_total: str = ""  # what its parts add up to, when the total typed differs


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
    """The number behind an answer for charts, or None when the forum stated none."""
    return a.number


def _exact(a):
    return a is not None and a.amount is not None and a.amount.precision == Precision.EXACT


def hold(target, a):
    """Holds an answer, and those of its lines the target applies to, to the target."""
    if target is None or a is None:
        return None
    for line in a.lines:
        kind = line.kind_of_row
        if (kind == "part" and target.each_part) or (
            kind in ("area", "mixed") and target.each_area
        ):
            line.standing = target.standing_of(line.amount, line.share)
    a.standing = target.standing_of(a.amount, a.share)
    return a.standing


def _answers_by_forum(cycle, accepted_only=False):
    """{forum pk: (report, {definition code: Answer})} for the cycle's reports Welsh
    Government has received (drafts are the forum's own), or only those it has accepted."""
    received = Report.objects.for_cycle(cycle)
    received = (
        received.filter(status=Report.Status.ACCEPTED) if accepted_only else received.submitted()
    )
    reports = {
        r.pk: r
        for r in received.annotate(
            sections=Count("entries"),
            completed=Count("entries", filter=Q(entries__status=Entry.Status.COMPLETED)),
            no_information=Count("entries", filter=Q(entries__status=Entry.Status.NO_INFORMATION)),
        )
    }
    figures = (
        Figure.objects.filter(report_id__in=reports)
        .select_related("definition")
        .prefetch_related("definition__parts", "breakdown__part", "breakdown__local_authority")
    )
    authorities = dict(
        ForumArea.objects.filter(forum__reports__in=reports.values())
        .values_list("forum_id")
        .annotate(n=Count("local_authority", distinct=True))
        .order_by()
    )
    result = {r.forum_id: (r, {}) for r in reports.values()}
    for figure in figures:
        report = reports[figure.report_id]
        result[report.forum_id][1][figure.definition.code] = reported(
            figure, None, authorities=authorities.get(report.forum_id, 0)
        )
    return result


def compare(cycle, *, accepted_only=False):
    """The comparison of the cycle's received reports (the national analysis: of its
    accepted ones only, against the previous cycle's accepted ones)."""
    definitions = list(cycle.template.figures.order_by("position"))
    targets = {t.definition_id: t for t in cycle.targets.all()}
    earlier = previous_cycle(cycle)
    current = _answers_by_forum(cycle, accepted_only)
    before = _answers_by_forum(earlier, accepted_only) if earlier else {}
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
            if a and (a.figure.qualifier or a.overridden or a.disagrees):
                footnotes.append(
                    Footnote(
                        len(footnotes) + 1,
                        forum,
                        column.definition,
                        a.figure.qualifier,
                        a.figure.override_reason if a.overridden else "",
                        a.disagrees.text(column.definition.kind) if a.disagrees else "",
                    )
                )
                cell.footnote = len(footnotes)
            cell.standing = hold(column.target, a)
            p = previous_answers.get(code)
            if p is not None:
                cell.previous = _value(p)
                if _exact(a) and _exact(p):
                    cell.change = a.amount.low - p.amount.low
            row.cells.append(cell)
        rows.append(row)
    for index, column in enumerate(columns):
        column.entries = [(row, row.cells[index]) for row in rows]
        charted = [(row, column.charted(row.cells[index])) for row in rows]
        column.chart_rows = [(row.forum, q) for row, q in charted if q is not None]
        # Every forum is in the chart: those with no number to draw say why, in words.
        column.chart_gaps = [
            (row.forum, _gap_words(row, row.cells[index], accepted_only))
            for row, q in charted
            if q is None
        ]
        if column.chart_rows:
            column.chart = _chart(column)
    return Comparison(cycle, earlier, columns, rows, footnotes)


def _gap_words(row, cell, accepted_only):
    if row.report is None:
        return NOT_ACCEPTED if accepted_only else NOT_SUBMITTED
    a = cell.answer
    if a is None or not a.provided:
        return a.text if a is not None else _("Not answered")
    return _("value not stated")


def _chart(column):
    """Each forum's value (or share, when the target is of the share) as a bar, written as
    the forum gave it ("140+", "3–5", "about 4"), a range hatched from its bottom to its
    top; the target as a line when there is one."""
    kind = column.kind
    target = column.target
    return charts.bar_chart(
        [
            (
                forum.region or forum.name,
                q.low,
                q.high if q.precision == Precision.RANGE else None,
                q.text(kind),
            )
            for forum, q in column.chart_rows
        ]
        + [(forum.region or forum.name, 0, None, words) for forum, words in column.chart_gaps],
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
NOT_ACCEPTED = _("Not accepted yet")
