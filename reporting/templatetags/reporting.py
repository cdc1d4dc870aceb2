from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from reporting import figures, quantities
from svforum.templatetags import svforum as svforum_tags

register = template.Library()

# The narrative filter is svforum's (used by the shared includes too); reporting's pages
# load it from here as they always have.
register.filter("narrative", svforum_tags.narrative)


@register.simple_tag
def status_tag(entry):
    """The task list status of a domain, as GOV.UK shows it."""
    colours = {
        "not_started": "govuk-tag--blue",
        "in_progress": "govuk-tag--light-blue",
        "no_information": "govuk-tag--grey",
    }
    if entry.status == "completed":
        return entry.get_status_display()
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        colours.get(entry.status, ""),
        entry.get_status_display(),
    )


@register.filter
def css_string(value):
    """Text for a CSS string in a <style> element (the PDF's running headers)."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = " ".join(text.split()).replace("<", "\\3C ")
    return mark_safe(text)


@register.filter
def breakdown_label(row):
    """A breakdown row's local authority and/or funder."""
    return figures.breakdown_label(row)


@register.filter
def with_details(answers):
    """The figure answers that come from the records with something under them."""
    return [a for a in answers if a.details]


@register.filter
def quantity(value, kind):
    """A Quantity as its figure's kind writes it: "140+", "3–5", "about £4,000"."""
    return quantities.text(value, kind)


@register.filter
def standing_label(value):
    """A target standing's words: "Meets target", "Range straddles the target"."""
    return quantities.Standing(value).label if value else ""


@register.filter
def figure_value(value, kind):
    """A value formatted as its figure's kind: money, count or percentage."""
    return figures.format_value(kind, value)
