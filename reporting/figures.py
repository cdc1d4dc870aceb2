"""How a figure of the quantitative return reads: its value formatted, or "not provided"."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from forums.models import Meeting, Organisation, Project
from reporting.models import Figure, FigureDefinition


def format_value(kind, value):
    if value is None:
        return ""
    value = Decimal(value)
    whole = value == value.to_integral_value()
    if kind == FigureDefinition.Kind.MONEY:
        return f"£{value:,.0f}" if whole else f"£{value:,.2f}"
    if kind == FigureDefinition.Kind.PERCENTAGE:
        return f"{value:.0f}%" if whole else f"{value:.1f}%"
    return f"{int(value):,}"


def bars(rows, kind):
    """(label, value as text, bar length in % of the largest) for a chart drawn in HTML and
    CSS: the PDF's charts are tables with bars, quick to lay out and read as real text."""
    largest = max((float(v) for _, v in rows), default=0) or 1
    return [(label, format_value(kind, v), round(float(v) / largest * 100, 1)) for label, v in rows]


def breakdown_label(row):
    if row.local_authority and row.funder:
        return f"{row.local_authority.name} ({row.funder})"
    return row.local_authority.name if row.local_authority else row.funder


@dataclass
class Answer:
    figure: Figure
    text: str  # the value as shown, or "Not provided" / "Not answered" (lazy: the PDF
    # is drawn in its own language, not the request's)
    provided: bool
    answered: bool
    from_records: bool  # the records' value is used
    overridden: bool
    footnote: int = 0  # its number under the figures table, when it has a footnote
    details: list = field(default_factory=list)  # DetailGroups: what the records' figure
    # is made of (members by type, projects not counted)

    @property
    def breakdown_bars(self):
        rows = [(breakdown_label(row), row.value) for row in self.figure.breakdown.all()]
        return bars(rows, self.figure.definition.kind)


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


def answer(figure, derived):
    """What a figure says. ``derived`` is the records' figures (``forums.queries.Derived``)
    while the report is being written; a submitted report's figures carry the values and
    details frozen at submission instead."""
    definition = figure.definition
    source = definition.source
    details = []
    live = derived is not None and source in derived.values
    if definition.derived:
        detail = derived.details.get(source) if live else figure.derived_detail
        details = [group for group in detail_groups(source, detail) if group.rows]
    if definition.derived and figure.state != Figure.State.VALUE:
        value = derived.values[source] if live else figure.derived_value
        if value is None:  # nothing in the records to work it out from
            return Answer(figure, _("None recorded"), False, True, True, False, details=details)
        return Answer(
            figure, format_value(definition.kind, value), True, True, True, False, details=details
        )
    if figure.state == Figure.State.VALUE:
        text = format_value(definition.kind, figure.value)
        if definition.kind == FigureDefinition.Kind.PERCENTAGE and figure.base:
            text = f"{text} ({figure.base})"
        return Answer(figure, text, True, True, False, definition.derived, details=details)
    if figure.state == Figure.State.NOT_PROVIDED:
        return Answer(figure, _("Not provided"), False, True, False, False, details=details)
    return Answer(figure, _("Not answered"), False, False, False, False, details=details)
