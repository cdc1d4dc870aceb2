"""Each role's home starts from its work: a secretariat sees its report, its state, when it
is due and the comments waiting; an analyst the reports waiting per cycle with the way to
the dashboard and the national analysis; the review inbox opens on the cycle with work."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting import services
from reporting.models import ReportingCycle, ReportTemplate


def _later_cycle():
    return ReportingCycle.objects.create(
        name_en="Reports 2026–2029",
        name_cy="Adroddiadau 2026–2029",
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2029, 3, 31),
        due_on=datetime.date(2029, 6, 30),
        template=ReportTemplate.objects.earliest("pk"),
    )


def test_a_secretariat_starts_from_its_report(client_as, report, analyst):
    services.add_comment(
        report=report, entry=None, text="Draft looks good", internal=False, by=analyst
    )
    page = " ".join(client_as("secretariat_a").get("/en/").content.decode().split())
    assert "Your forum’s reports" in page
    assert "Reports 2023–2026" in page and ">Draft</strong>" in page
    assert "Was due 30 June 2026" in page  # the cycle's due date has passed
    assert "1 comment waiting" in page
    assert reverse("reporting:report", args=[report.pk]) in page
    assert "Reports to review" not in page


def test_a_secretariat_sees_the_newest_cycle_before_it_starts(client_as, report):
    _later_cycle()
    page = " ".join(client_as("secretariat_a").get("/en/").content.decode().split())
    assert page.index("Reports 2026–2029") < page.index("Reports 2023–2026")
    assert "Not started" in page and "Due 30 June 2029" in page
    assert reverse("reporting:forum_reports", args=["gwent"]) in page


def test_an_analyst_starts_from_the_reports_waiting(client_as, submitted_report, cycle):
    page = " ".join(client_as("analyst").get("/cy/").content.decode().split())
    assert "Adroddiadau 2023–2026" in page
    for url in (
        reverse("reporting:review_cycle", args=[cycle.pk]),
        reverse("analysis:dashboard", args=[cycle.pk]),
        reverse("analysis:national", args=[cycle.pk]),
    ):
        assert url.replace("/en/", "/cy/") in page
    assert '<strong class="govuk-tag govuk-tag--blue">1</strong>' in page


def test_the_homes_take_a_fixed_number_of_queries(client_as, submitted_report):
    for persona in ("secretariat_a", "analyst"):
        client = client_as(persona)
        client.get("/en/")
        with CaptureQueriesContext(connection) as first:
            client.get("/en/")
        _later_cycle()
        with CaptureQueriesContext(connection) as second:
            client.get("/en/")
        assert len(first) == len(second), persona
        ReportingCycle.objects.filter(name_en="Reports 2026–2029").delete()


def test_the_inbox_opens_on_the_cycle_with_reports_waiting(client_as, submitted_report, cycle):
    _later_cycle()  # newer, but nothing in it yet
    response = client_as("analyst").get(reverse("reporting:review_inbox"))
    assert response["Location"] == reverse("reporting:review_cycle", args=[cycle.pk])


def test_the_national_analysis_is_linked_from_the_inbox_and_the_dashboard(client_as, cycle):
    client = client_as("analyst")
    national = reverse("analysis:national", args=[cycle.pk])
    for url in (
        reverse("reporting:review_cycle", args=[cycle.pk]),
        reverse("analysis:dashboard", args=[cycle.pk]),
    ):
        assert national in client.get(url).content.decode(), url
