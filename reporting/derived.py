"""The figures a report derives from records kept elsewhere: the hinge of the data flow.

The forum's own records (meetings held, projects by origin, members by sector and section
16 category) and commissioning's contracts (the not-for-profit share of health and social
care contract value in the region) feed the quantitative return. This is the one module of
reporting that reads both feeders; neither of them imports reporting.
"""

from dataclasses import dataclass

from django.db.models import Count, F

from commissioning.dashboard import not_for_profit_share
from commissioning.models import Tender
from forums.models import ForumMembership, Meeting, Project


@dataclass
class Derived:
    """The quantitative return's figures that come from the forum's own records.

    ``values`` maps a figure's source to its count, or to None when there are no such
    records in the service (no meetings recorded for the period, no projects, no current
    members, no contracts); ``details`` maps it to what lies
    under the count, by code (so it reads in either language, and can be frozen as JSON):
    meetings by kind, members by sector and by section 16 category, and the projects
    that are *not* counted because a precursor group established them or they pre-date
    the forum.
    """

    values: dict
    details: dict


def _tally(pairs):
    counts = {}
    for key, n in pairs:
        counts[key] = counts.get(key, 0) + n
    return counts


def derived_figures(forum, *, start, end):
    """Meetings held in the period; projects the forum established itself (those of a
    precursor group or pre-dating the forum are listed, not counted); members at the
    period's end; the share of the value of health and social care contracts of the region's
    commissioning bodies, running in the period, held by not-for-profit organisations. Four
    queries whatever the numbers."""
    meetings = dict(
        Meeting.objects.filter(forum=forum)
        .held_between(start, end)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    projects = list(
        Project.objects.filter(forum=forum)
        .order_by(F("started_on").asc(nulls_last=True), "title", "pk")
        .values("title", "origin", "started_on")
    )
    members = list(
        ForumMembership.objects.filter(forum=forum)
        .current(on=end)
        .values_list("organisation__sector", "organisation__section_16_category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    share, not_for_profit, total, contracts = not_for_profit_share(
        forum, category=Tender.Category.HEALTH_SOCIAL_CARE, start=start, end=end, counted=True
    )
    own = [p for p in projects if p["origin"] == Project.Origin.FORUM]
    not_counted = [
        {
            "title": p["title"],
            "origin": p["origin"],
            "started_on": p["started_on"].isoformat() if p["started_on"] else None,
        }
        for p in projects
        if p["origin"] != Project.Origin.FORUM
    ]
    return Derived(
        # None, never 0, when the forum keeps no such records in the service: it then
        # confirms a value, zero or "not provided" itself.
        values={
            "meetings": sum(meetings.values()) if meetings else None,
            "projects": len(own) if projects else None,
            "members": sum(n for _, _, n in members) if members else None,
            "commissioning": share,
        },
        details={
            "meetings": {"by_kind": meetings},
            "projects": {"not_counted": not_counted},
            "members": {
                "by_sector": _tally((sector, n) for sector, _, n in members),
                "by_category": _tally((category, n) for _, category, n in members),
            },
            "commissioning": {
                "not_for_profit": str(not_for_profit),
                "total": str(total),
                "contracts": contracts,
            },
        },
    )
