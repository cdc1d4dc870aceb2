"""How a figure of the quantitative return reads: its value (exact or qualified, typed or
summed from its parts, or the records'), "not provided", or "no records in the service";
one function, ``reported``, for every page, document, count and export."""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from forums.models import Meeting, Organisation, Project
from reporting import quantities
from reporting.models import Figure, FigureBreakdownRow, FigureDefinition
from reporting.quantities import Quantity


def format_value(kind, value):
    return quantities.plain(kind, value)


def bars(rows, kind):
    """(label, value as text, bar length in % of the largest) for a chart drawn in HTML and
    CSS: the PDF's charts are tables with bars, quick to lay out and read as real text."""
    rows = [(label, v) for label, v in rows if v is not None]
    largest = max((float(v) for _, v in rows), default=0) or 1
    return [(label, format_value(kind, v), round(float(v) / largest * 100, 1)) for label, v in rows]


def breakdown_label(row):
    """A breakdown row's name: its part, its local authority, its funder, as given."""
    names = [row.part.label if row.part_id else ""]
    if row.local_authority_id:
        names.append(row.local_authority.name)
    label = ", ".join(n for n in names if n)
    if row.funder:
        return f"{label} ({row.funder})" if label else row.funder
    return label


class Source(models.TextChoices):
    """Where a figure's reported value comes from."""

    ENTERED = "entered", _("entered")
    RECORDS = "records", _("from records")
    OVERRIDDEN = "overridden", _("overridden")
    NO_RECORDS = "no_records", _("no records in the service")


@dataclass
class Line:
    """A part, local authority or funder row of a figure, as read."""

    row: FigureBreakdownRow
    label: str
    kind: str
    standing: str | None = None  # against a target that applies to it (set by comparison)

    @property
    def amount(self):
        return self.row.amount

    @property
    def share(self):
        return self.row.proportion

    @property
    def amount_text(self):
        return quantities.text(self.amount, self.kind)

    @property
    def share_text(self):
        return quantities.text(self.share, quantities.PERCENTAGE)

    @property
    def text(self):
        """Amount and share, with the share's base and the period of the data."""
        if self.kind == quantities.PERCENTAGE:
            return line_text(self.amount_text, "", "", self.row.period)
        return line_text(self.amount_text, self.share_text, self.row.base, self.row.period)

    @property
    def kind_of_row(self):
        row = self.row
        if row.part_id and not row.local_authority_id and not row.funder:
            return "part"
        if row.local_authority_id and not row.part_id and not row.funder:
            return "area"
        if row.funder and not row.part_id and not row.local_authority_id:
            return "funder"
        return "mixed"


def line_text(amount, share, base="", period=""):
    parts = [amount] if amount else []
    if share:
        of = f"{share} {base}".strip() if base else share
        parts.append(f"({of})" if amount else of)
    text = " ".join(parts)
    if period:
        text = f"{text}, {_('data for %(period)s') % {'period': period}}"
    return text


@dataclass
class DetailRow:
    label: str
    value: object  # a count, or the origin of a project not counted
    started_on: datetime.date | None = None


@dataclass
class DetailGroup:
    heading: str
    rows: list
    counts: bool  # rows are counts (drawn as bars in the PDF)

    @property
    def bars(self):
        return bars([(row.label, row.value) for row in self.rows], FigureDefinition.Kind.COUNT)


def _counted(counts, choices):
    """Every category with members, in the order of its choices; unknown codes kept."""
    labels = dict(choices)
    ordered = [code for code in labels if counts.get(code)]
    ordered += sorted(code for code in counts if code not in labels and counts[code])
    return [DetailRow(labels.get(code, code), counts[code]) for code in ordered]


def detail_groups(source, detail):
    """What lies under a figure from the records, as headed groups of rows. Labels stay
    lazy, so a PDF drawn in the other language reads in that language."""
    detail = detail or {}
    if source == FigureDefinition.Source.MEMBERS:
        return [
            DetailGroup(
                _("Members by sector"),
                _counted(detail.get("by_sector", {}), Organisation.Sector.choices),
                True,
            ),
            DetailGroup(
                _("Members by section 16 category"),
                _counted(detail.get("by_category", {}), Organisation.Section16Category.choices),
                True,
            ),
        ]
    if source == FigureDefinition.Source.MEETINGS:
        return [
            DetailGroup(
                _("Meetings by kind"),
                _counted(detail.get("by_kind", {}), Meeting.Kind.choices),
                True,
            )
        ]
    if source == FigureDefinition.Source.PROJECTS:
        origins = dict(Project.Origin.choices)
        rows = [
            DetailRow(
                p["title"],
                origins.get(p["origin"], p["origin"]),
                datetime.date.fromisoformat(p["started_on"]) if p.get("started_on") else None,
            )
            for p in detail.get("not_counted", [])
        ]
        return [
            DetailGroup(
                _("Not counted: projects of a precursor group or pre-dating the forum"),
                rows,
                False,
            )
        ]
    if source == FigureDefinition.Source.COMMISSIONING:
        if not detail.get("contracts"):
            return []
        return [
            DetailGroup(
                _("Health and social care contracts of the region’s bodies, running in the period"),
                [
                    DetailRow(
                        _("held by not-for-profit organisations"),
                        format_value(FigureDefinition.Kind.MONEY, detail.get("not_for_profit")),
                    ),
                    DetailRow(
                        _("all of them"),
                        format_value(FigureDefinition.Kind.MONEY, detail.get("total")),
                    ),
                    DetailRow(_("number of contracts"), detail.get("contracts")),
                ],
                False,
            )
        ]
    return []


@dataclass
class Answer:
    figure: Figure
    text: str  # the value as shown, or "Not provided" / "Not answered" (lazy: the PDF
    # is drawn in its own language, not the request's)
    provided: bool
    answered: bool
    source: str = Source.ENTERED
    amount: Quantity | None = None  # the value reported: typed, from the parts, or records'
    share: Quantity | None = None  # beside the amount, when the figure asks for a share
    lines: list = field(default_factory=list)  # Lines: parts, authorities, funders
    computed: bool = False  # the value is the sum of its parts or breakdown
    coverage: str = ""  # what the sum covers, e.g. "sum of 4 of 6 local authorities"
    periods: list = field(default_factory=list)  # "Cardiff: data for 2017/18"
    disagrees: Quantity | None = None  # the parts' sum, when a typed total differs from it
    footnote: int = 0  # its number under the figures table, when it has a footnote
    details: list = field(default_factory=list)  # DetailGroups: what the records' figure
    # is made of (members by type, projects not counted)
    standing: str | None = None  # against the cycle's target (set by comparison)

    @property
    def from_records(self):
        return self.source == Source.RECORDS

    @property
    def overridden(self):
        return self.source == Source.OVERRIDDEN

    @property
    def no_records(self):
        return self.source == Source.NO_RECORDS

    @property
    def kind(self):
        return self.figure.definition.kind

    @property
    def amount_text(self):
        return quantities.text(self.amount, self.kind)

    @property
    def share_text(self):
        return quantities.text(self.share, quantities.PERCENTAGE)

    @property
    def number(self):
        """The one number for charts and sorting (None: nothing stated)."""
        return self.amount.number if self.amount is not None else None

    @property
    def breakdown_bars(self):
        rows = [(line.label, line.amount.number) for line in self.lines if line.amount]
        return bars(rows, self.kind)


def _lines(figure):
    kind = figure.definition.kind
    return [Line(row, breakdown_label(row), kind) for row in figure.breakdown.all()]


def _summed(lines, figure, authorities):
    """(the total of the lines that add up to the figure, what it covers, the periods that
    differ) — parts when the figure has them, else local authorities, else funders."""
    groups = {}
    for line in lines:
        groups.setdefault(line.kind_of_row, []).append(line)
    for kind in ("part", "area", "funder"):
        rows = [line for line in groups.get(kind, []) if line.amount is not None]
        if not rows:
            continue
        given = len(rows)
        if kind == "part":
            of = len(figure.definition.parts.all()) or given
            coverage = ngettext(
                "sum of %(given)d of %(of)d part", "sum of %(given)d of %(of)d parts", of
            ) % {"given": given, "of": of}
        elif kind == "area":
            of = max(authorities, given)
            coverage = ngettext(
                "sum of %(given)d of %(of)d local authority",
                "sum of %(given)d of %(of)d local authorities",
                of,
            ) % {"given": given, "of": of}
        else:
            coverage = ngettext("sum of %(given)d funder", "sum of %(given)d funders", given) % {
                "given": given
            }
        periods = [
            _("%(name)s: data for %(period)s") % {"name": line.label, "period": line.row.period}
            for line in rows
            if line.row.period and line.row.period != figure.period
        ]
        return quantities.total(line.amount for line in rows), coverage, periods
    return None, "", []


def reported(figure, derived=None, *, authorities=0):
    """What a figure says, as one ``Answer`` for every page, document, count and export.

    ``derived`` is the records' figures (``reporting.derived.Derived``) while the report is
    being written; a submitted report's figures carry the values and details frozen at
    submission instead. ``authorities`` is how many local authorities the forum covers,
    for the coverage of a sum by authority."""
    definition = figure.definition
    source = definition.source
    details = []
    records = None
    if definition.derived:
        live = derived is not None and source in derived.values
        detail = derived.details.get(source) if live else figure.derived_detail
        details = [group for group in detail_groups(source, detail) if group.rows]
        records = derived.values[source] if live else figure.derived_value
    if figure.state == Figure.State.NOT_PROVIDED:
        return Answer(figure, _("Not provided"), False, True, details=details)
    if figure.state != Figure.State.VALUE:
        if not definition.derived:
            return Answer(figure, _("Not answered"), False, False, details=details)
        if records is None:  # nothing in the records to work it out from
            return Answer(
                figure,
                _("No records in the service"),
                False,
                False,
                source=Source.NO_RECORDS,
                details=details,
            )
        amount = Quantity.exact(records)
        return Answer(
            figure,
            quantities.text(amount, definition.kind),
            True,
            True,
            source=Source.RECORDS,
            amount=amount,
            details=details,
        )
    lines = _lines(figure)
    typed = figure.amount
    summed, coverage, periods = _summed(lines, figure, authorities)
    amount, computed, disagrees = typed, False, None
    if typed is None and summed is not None:
        amount, computed = summed, True
    elif typed is not None and summed is not None and not quantities.agree(typed, summed):
        disagrees = summed
    percentage = definition.kind == quantities.PERCENTAGE
    share = None if percentage else figure.proportion
    amount_text = quantities.text(amount, definition.kind)
    if percentage:
        shown = f"{amount_text} ({figure.base})" if figure.base and amount_text else amount_text
    else:
        shown = line_text(amount_text, quantities.text(share, quantities.PERCENTAGE), figure.base)
    if figure.period:
        shown = f"{shown}, {_('data for %(period)s') % {'period': figure.period}}"
    if definition.derived and records is not None and figure.override_reason.strip():
        where = Source.OVERRIDDEN
    else:
        where = Source.ENTERED
    return Answer(
        figure,
        shown or _("Given in parts"),
        True,
        True,
        source=where,
        amount=amount,
        share=share,
        lines=lines,
        computed=computed,
        coverage=coverage if computed or disagrees else "",
        periods=periods,
        disagrees=disagrees,
        details=details,
    )


answer = reported
