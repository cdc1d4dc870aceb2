"""Who gets what on the report pages."""

import pytest
from django.urls import reverse

from tests.conftest import PERSONAS

OWN = {
    "secretariat_a": 200,
    "secretariat_b": 404,
    "analyst": 404,
    "commissioner": 404,
    "administrator": 200,
    "anonymous": 302,
}
SUBMITTED_READ = {**OWN, "analyst": 200}


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_is_seen_only_by_its_own_secretariat(client_as, report, persona):
    assert (
        client_as(persona).get(reverse("reporting:report", args=[report.pk])).status_code
        == OWN[persona]
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("view", ["reporting:entry", "reporting:submit"])
def test_only_the_own_secretariat_edits_a_draft(client_as, report, persona, view):
    args = [report.pk, 1] if view == "reporting:entry" else [report.pk]
    assert client_as(persona).get(reverse(view, args=args)).status_code == OWN[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_analysts_read_submitted_reports_but_cannot_change_them(
    client_as, submitted_report, persona
):
    client = client_as(persona)
    url = reverse("reporting:report", args=[submitted_report.pk])
    assert client.get(url).status_code == SUBMITTED_READ[persona]
    edit = client.post(
        reverse("reporting:entry", args=[submitted_report.pk, 1]),
        {"text": "x", "status": "completed", "revision": 1},
    )
    expected = {**OWN, "secretariat_a": 409, "administrator": 409, "analyst": 403}
    assert edit.status_code == expected[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_forum_reports_page(client_as, report, persona):
    expected = {**OWN, "analyst": 200}
    response = client_as(persona).get(reverse("reporting:forum_reports", args=["gwent"]))
    assert response.status_code == expected[persona]
    if persona == "analyst":  # the draft is not listed to analysts
        assert reverse("reporting:report", args=[report.pk]) not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_starting_a_report_is_for_the_own_secretariat(client_as, cycle, persona):
    expected = {**OWN, "secretariat_a": 302, "administrator": 302, "analyst": 403}
    response = client_as(persona).post(reverse("reporting:report_start", args=["gwent", cycle.pk]))
    assert response.status_code == expected[persona]


def test_report_pages_refuse_other_methods(client_as, report):
    client = client_as("secretariat_a")
    assert client.post(reverse("reporting:report", args=[report.pk])).status_code == 405
    assert client.get(reverse("reporting:report_start", args=["gwent", 1])).status_code == 405
    assert client.put(reverse("reporting:entry", args=[report.pk, 1])).status_code == 405


def test_a_domain_outside_the_template_is_not_found(client_as, report):
    assert (
        client_as("secretariat_a").get(reverse("reporting:entry", args=[report.pk, 10])).status_code
        == 404
    )
