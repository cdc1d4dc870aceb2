"""Reads of a forum's records used by several pages: the forum home's summary."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from forums.models import Citizen, ForumMembership, Meeting, Organisation, Project
from svforum import charts


def current_q(prefix, on=None):
    on = on or datetime.date.today()
    return Q(**{f"{prefix}__joined_on__lte": on}) & (
        Q(**{f"{prefix}__left_on__isnull": True}) | Q(**{f"{prefix}__left_on__gte": on})
    )


@dataclass
class Breakdown:
    """Counts by category, every category listed (zeros included), with a chart."""

    rows: list
    total: int

    @property
    def chart(self):
        return charts.bar_chart(self.rows)


def _breakdown(queryset, field, choices):
    counts = dict(queryset.values_list(field).annotate(n=Count("pk")).order_by())
    rows = [(label, counts.get(value, 0)) for value, label in choices]
    return Breakdown(rows=rows, total=sum(n for _, n in rows))


def forum_summary(forum, *, start, end):
    """Members by sector and section 16 category, meetings in the period, citizens, projects."""
    members = ForumMembership.objects.filter(forum=forum).current()
    return {
        "members_by_sector": _breakdown(
            members, "organisation__sector", Organisation.Sector.choices
        ),
        "members_by_category": _breakdown(
            members, "organisation__section_16_category", Organisation.Section16Category.choices
        ),
        "meetings": _breakdown(
            Meeting.objects.filter(forum=forum).held_between(start, end),
            "kind",
            Meeting.Kind.choices,
        ),
        "citizens": _breakdown(
            Citizen.objects.filter(forum=forum).current(), "role", Citizen.Role.choices
        ),
        "projects": _breakdown(
            Project.objects.filter(forum=forum), "origin", Project.Origin.choices
        ),
    }
