"""The analysts' dashboard: reports by state, forums against targets, projects by origin
and completeness by section across Wales."""

from decimal import Decimal

import pytest
from django.urls import reverse

from analysis.models import FigureTarget
from reporting import services
from tests.conftest import PERSONAS
from tests.factories import ProjectFactory
from tests.reporting.conftest import complete


@pytest.fixture
def cycle_with_reports(cycle, report, forum_a, forum_b, secretariat_a, secretariat_b):
    ProjectFactory(forum=forum_a, origin="forum")
    ProjectFactory(forum=forum_a, origin="forum")
    ProjectFactory(forum=forum_a, origin="precursor")
    ProjectFactory(forum=forum_a, origin="pre_dates")
    complete(report, secretariat_a)  # ICF share 23.5%; domain 5 "no information"
    services.submit_report(report=report, by=secretariat_a)
    services.start_report(forum=forum_b, cycle=cycle, by=secretariat_b)  # a draft
    FigureTarget.objects.create(
        cycle=cycle,
        definition=cycle.template.figures.get(code="icf"),
        measure=FigureTarget.Measure.SHARE,
        value=Decimal("25"),
    )
    return cycle


def test_the_dashboard_shows_the_cycle_at_a_glance(client_as, cycle_with_reports):
    page = client_as("analyst").get(reverse("analysis:dashboard", args=[cycle_with_reports.pk]))
    states = {str(label): n for label, n in page.context["states"]}
    assert states == {
        "Not started": 5,
        "Draft": 1,
        "Submitted": 1,
        "Returned for changes": 0,
        "Resubmitted": 0,
        "Accepted": 0,
    }
    [summary] = page.context["targets"]
    assert summary.column.definition.code == "icf"
    groups = {standing: [h.forum.slug for h in held] for standing, held in summary.groups}
    assert groups["missed"] == ["gwent"]  # a share of 23.5% against at least 25%
    assert not groups["met"] and len(groups[None]) == 6
    [row] = page.context["projects"]
    assert (row.forum.slug, row.own, row.precursor, row.pre_dates) == ("gwent", 2, 1, 1)
    by_number = {row.domain.number: row for row in page.context["completeness"]}
    assert (by_number[5].completed, by_number[5].no_information, by_number[5].empty) == (0, 1, 6)
    assert (by_number[1].completed, by_number[1].empty) == (1, 6)
    html = page.content.decode()
    assert "Misses target" in html


def test_the_dashboard_uses_a_fixed_number_of_queries(client_as, cycle_with_reports):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("analyst")
    url = reverse("analysis:dashboard", args=[cycle_with_reports.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # the comparison (10 of its own), forums, states, entries, domains, and the request's
    # session, user and roles: the same however many reports.
    assert len(queries) == 17, [q["sql"][:80] for q in queries.captured_queries]


@pytest.mark.parametrize("persona", PERSONAS)
def test_dashboard_permission_matrix(client_as, cycle, persona):
    expected = {
        "secretariat_a": 404,
        "secretariat_b": 404,
        "analyst": 200,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    url = reverse("analysis:dashboard", args=[cycle.pk])
    assert client_as(persona).get(url).status_code == expected[persona]
