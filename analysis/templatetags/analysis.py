"""Template filters of the analysts' pages."""

from django import template

from analysis import comparison
from analysis.models import COLOUR_RE

register = template.Library()


@register.filter
def swatch(colour):
    """A small square of a code's colour, as an SVG data: URL (no inline style needed)."""
    if not COLOUR_RE.match(colour or ""):
        colour = "#b1b4b6"
    fill = colour.replace("#", "%23")
    return (
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='16' height='16'%3E"
        f"%3Crect width='16' height='16' fill='{fill}'/%3E%3C/svg%3E"
    )


@register.filter
def figure_change(change, kind):
    """A change between cycles, signed: +£1,200 or −3."""
    return comparison.change_text(kind, change)


@register.filter
def section(analysis, name):
    """One of the national analysis's own sections, in the active language."""
    return analysis.section(name)
