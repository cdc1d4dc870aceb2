"""How a figure of the quantitative return reads: its value formatted, or "not provided"."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

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


def answer(figure, derived):
    """What a figure says: ``derived`` is the records' values (live, or frozen at submission)."""
    definition = figure.definition
    if definition.derived and figure.state != Figure.State.VALUE:
        value = (
            figure.derived_value
            if figure.derived_value is not None
            else derived.get(definition.source)
        )
        return Answer(figure, format_value(definition.kind, value), True, True, True, False)
    if figure.state == Figure.State.VALUE:
        text = format_value(definition.kind, figure.value)
        if definition.kind == FigureDefinition.Kind.PERCENTAGE and figure.base:
            text = f"{text} ({figure.base})"
        return Answer(figure, text, True, True, False, definition.derived)
    if figure.state == Figure.State.NOT_PROVIDED:
        return Answer(figure, _("Not provided"), False, True, False, False)
    return Answer(figure, _("Not answered"), False, False, False, False)
