from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from reporting import figures

register = template.Library()

BULLETS = ("- ", "* ", "• ")


@register.filter
def narrative(text):
    """Plain text as GOV.UK paragraphs and bulleted lists, every character escaped.

    Blank lines separate paragraphs; lines starting with "- ", "* " or "• " are list items.
    Nothing the user typed is ever output as HTML.
    """
    html = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith(BULLETS) for line in lines):
            items = "".join(f"<li>{escape(line.lstrip()[2:].strip())}</li>" for line in lines)
            html.append(f'<ul class="govuk-list govuk-list--bullet">{items}</ul>')
        else:
            html.append(f'<p class="govuk-body">{"<br>".join(escape(x) for x in lines)}</p>')
    return mark_safe("".join(html))


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
def figure_value(value, kind):
    """A value formatted as its figure's kind: money, count or percentage."""
    return figures.format_value(kind, value)
