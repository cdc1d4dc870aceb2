from django import template
from django.utils.html import format_html

from commissioning.models import Commitment

register = template.Library()

TAG_COLOURS = {
    Commitment.Status.ON_TRACK: "govuk-tag--green",
    Commitment.Status.AT_RISK: "govuk-tag--yellow",
    Commitment.Status.OFF_TRACK: "govuk-tag--red",
    Commitment.Status.OVERDUE: "govuk-tag--orange",
}


@register.filter
def commitment_status(status):
    """A commitment's status as a GOV.UK tag: its words carry the meaning, not the colour."""
    if not status:
        return ""
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        TAG_COLOURS.get(status, "govuk-tag--grey"),
        Commitment.Status(status).label,
    )


@register.filter
def in_unit(value, measure):
    """A quantity in its measure's unit: "£250,000" for money, "6 apprenticeships" else."""
    from svforum.templatetags.svforum import money, quantity

    if value in (None, ""):
        return ""
    if measure.unit_en.strip() == "£":
        return money(value)
    return f"{quantity(value)} {measure.unit}"


@register.filter
def counted_in_pounds(measure):
    return measure.unit_en.strip() == "£"
