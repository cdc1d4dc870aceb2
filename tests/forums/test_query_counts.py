"""List pages and the forum home run a fixed number of queries however many rows there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    CitizenFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
)


def _add_rows(forum, n):
    for _ in range(n):
        membership = MembershipFactory(forum=forum)
        membership.organisation.local_authorities.add(
            *forum.areas.values_list("local_authority", flat=True)[:1]
        )
        citizen = CitizenFactory(forum=forum)
        meeting = MeetingFactory(forum=forum)
        meeting.organisations_present.add(membership.organisation)
        meeting.citizens_present.add(citizen)
        project = ProjectFactory(forum=forum)
        project.organisations.add(membership.organisation)


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


PAGES = [
    "forums:list",
    "forums:home",
    "forums:forummembership_list",
    "forums:citizen_list",
    "forums:meeting_list",
    "forums:project_list",
    "organisations:list",
]


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_rows(client_as, forum_a, name):
    client = client_as("secretariat_a")
    args = [] if name in ("forums:list", "organisations:list") else ["gwent"]
    url = reverse(name, args=args)
    _add_rows(forum_a, 2)
    few = _count(client, url)
    _add_rows(forum_a, 12)
    many = _count(client, url)
    assert few == many


# Expected queries, pinned so a change that adds one is noticed:
#   session, user, the user's roles, the forum, then the page's own queries.
PINNED = {
    # forum + 5 breakdowns (sector, category, meetings, citizens, projects)
    # + current areas + current health board
    "forums:home": 11,
    # forum + count + page of rows (with organisation joined)
    "forums:forummembership_list": 6,
    # forum + count + page of rows (with area joined)
    "forums:citizen_list": 6,
    # forum + count + page of rows (attendance counts aggregated)
    "forums:meeting_list": 6,
    "forums:project_list": 6,
    # count + page (forum counts aggregated) + the local authority filter's options
    "organisations:list": 6,
    # forums (with member counts) + current areas prefetched
    "forums:list": 5,
}


@pytest.mark.parametrize(("name", "expected"), PINNED.items())
def test_pinned_query_counts(client_as, forum_a, name, expected, django_assert_num_queries):
    client = client_as("secretariat_a")
    args = [] if name in ("forums:list", "organisations:list") else ["gwent"]
    _add_rows(forum_a, 3)
    url = reverse(name, args=args)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_forum_home_counts_meetings_in_the_chosen_period(client_as, forum_a):
    MeetingFactory(forum=forum_a, held_on=datetime.date(2024, 3, 1))
    MeetingFactory(forum=forum_a, held_on=datetime.date(2024, 9, 1), kind="workshop")
    MeetingFactory(forum=forum_a, held_on=datetime.date(2025, 3, 1))
    response = client_as("analyst").get(
        reverse("forums:home", args=["gwent"]),
        {"start_0": 1, "start_1": 1, "start_2": 2024, "end_0": 31, "end_1": 12, "end_2": 2024},
    )
    meetings = response.context["summary"]["meetings"]
    assert meetings.total == 2
    assert dict(meetings.rows)["Workshop"] == 1


def test_forum_home_keeps_projects_of_other_origins_apart(client_as, forum_a):
    ProjectFactory(forum=forum_a, origin="forum")
    ProjectFactory(forum=forum_a, origin="precursor")
    ProjectFactory(forum=forum_a, origin="pre_dates")
    ProjectFactory(forum=forum_a, origin="pre_dates")
    rows = dict(
        client_as("secretariat_a")
        .get(reverse("forums:home", args=["gwent"]))
        .context["summary"]["projects"]
        .rows
    )
    assert rows == {
        "Established by this forum": 1,
        "Established by a precursor group": 1,
        "Pre-dates the forum": 2,
    }


def test_forum_home_counts_only_current_members(client_as, forum_a):
    MembershipFactory(forum=forum_a, organisation=OrganisationFactory(sector="private"))
    MembershipFactory(
        forum=forum_a, joined_on=datetime.date(2019, 1, 1), left_on=datetime.date(2020, 1, 1)
    )
    summary = (
        client_as("secretariat_a").get(reverse("forums:home", args=["gwent"])).context["summary"]
    )
    assert summary["members_by_sector"].total == 1
    assert dict(summary["members_by_sector"].rows)["Private"] == 1


def test_forum_home_charts_are_svg_images_with_tables(client_as, forum_a):
    page = client_as("secretariat_a").get(reverse("forums:home", args=["gwent"])).content.decode()
    assert page.count('src="data:image/svg+xml;base64,') == 5
    assert page.count("<table") == 5
