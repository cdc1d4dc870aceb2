"""Domain 7: figures with a value or "not provided", footnotes, breakdowns, and the figures
derived from the forum's records."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import Entry, Figure
from tests.conftest import PERSONAS
from tests.factories import MeetingFactory, MembershipFactory, ProjectFactory
from tests.reporting.conftest import answer_figures, complete


def url(report, code):
    return reverse("reporting:figure", args=[report.pk, code])


def test_derived_figures_count_the_forums_records_for_the_period(client_as, report, forum_a):
    MeetingFactory(forum=forum_a, held_on=datetime.date(2024, 6, 1))
    MeetingFactory(forum=forum_a, held_on=datetime.date(2025, 6, 1))
    MeetingFactory(forum=forum_a, held_on=datetime.date(2022, 6, 1))  # before the period
    ProjectFactory(forum=forum_a, origin="forum")
    ProjectFactory(forum=forum_a, origin="pre_dates")  # not the forum's own
    ProjectFactory(forum=forum_a, origin="precursor")  # not the forum's own
    MembershipFactory(forum=forum_a, joined_on=datetime.date(2020, 1, 1))
    MembershipFactory(
        forum=forum_a, joined_on=datetime.date(2020, 1, 1), left_on=datetime.date(2024, 1, 1)
    )  # left before the period ended
    page = client_as("secretariat_a").get(reverse("reporting:entry", args=[report.pk, 7]))
    answers = {a.figure.definition.code: a for a in page.context["answers"]}
    assert (answers["meetings"].text, answers["projects"].text, answers["members"].text) == (
        "2",
        "1",
        "1",
    )
    assert answers["meetings"].from_records


def _groups(a):
    return {str(g.heading): [(str(r.label), str(r.value)) for r in g.rows] for g in a.details}


def test_records_figures_show_what_they_are_made_of(client_as, report, forum_a):
    """Members are broken down by type; projects not counted are listed beside the count."""
    MeetingFactory(forum=forum_a, held_on=datetime.date(2024, 6, 1), kind="workshop")
    ProjectFactory(forum=forum_a, origin="forum", title="Community transport")
    ProjectFactory(
        forum=forum_a, origin="pre_dates", title="Lunch club", started_on=datetime.date(2012, 3, 1)
    )
    ProjectFactory(forum=forum_a, origin="precursor", title="Repair café")
    MembershipFactory(forum=forum_a)
    MembershipFactory(
        forum=forum_a,
        organisation__sector="public",
        organisation__section_16_category="none",
    )
    page = client_as("secretariat_a").get(reverse("reporting:entry", args=[report.pk, 7]))
    answers = {a.figure.definition.code: a for a in page.context["answers"]}
    assert answers["projects"].text == "1"
    assert _groups(answers["projects"]) == {
        "Not counted: projects of a precursor group or pre-dating the forum": [
            ("Lunch club", "Pre-dates the forum"),  # by start date, undated last
            ("Repair café", "Established by a precursor group"),
        ]
    }
    assert _groups(answers["members"]) == {
        "Members by sector": [("Third sector", "1"), ("Public", "1")],
        "Members by section 16 category": [("Third sector organisation", "1"), ("None", "1")],
    }
    assert _groups(answers["meetings"]) == {"Meetings by kind": [("Workshop", "1")]}
    html = page.content.decode()
    assert "Lunch club (Pre-dates the forum, started 1 March 2012)" in html
    assert "Community transport" not in html  # counted, not listed
    # The figure's own page shows the same, in Welsh too.
    welsh = client_as("secretariat_a").get(
        reverse("reporting:figure", args=[report.pk, "projects"]).replace("/en/", "/cy/")
    )
    assert "Lunch club" in welsh.content.decode()
    assert "Yn bodoli cyn y fforwm" in welsh.content.decode()


def test_not_provided_is_not_zero(client_as, report):
    client = client_as("secretariat_a")
    empty = {"breakdown-TOTAL_FORMS": 0, "breakdown-INITIAL_FORMS": 0}
    client.post(url(report, "hsc-contracts"), {"state": "value", "value": "0", **empty})
    client.post(url(report, "icf"), {"state": "not_provided", **empty})
    answers = {
        a.figure.definition.code: a
        for a in client.get(reverse("reporting:entry", args=[report.pk, 7])).context["answers"]
    }
    assert (answers["hsc-contracts"].text, answers["hsc-contracts"].provided) == ("£0", True)
    assert (answers["icf"].text, answers["icf"].provided) == ("Not provided", False)
    assert Figure.objects.get(report=report, definition__code="icf").value is None


@pytest.mark.parametrize(
    ("code", "data", "message"),
    [
        (
            "icf",
            {"state": "value", "value": "lots"},
            "“lots” is not a number we can read. Write it like 1250 or 1,250.50.",
        ),
        ("icf", {"state": "value", "value": "-250"}, "A figure cannot be negative."),
        ("icf", {"state": "value", "value": ""}, "Enter the figure, or say it is not provided."),
        ("icf", {}, "Enter the figure, or say it is not provided"),
        (
            "icf",
            {"state": "value", "value": "1000", "share": "120", "base": "x"},
            "A percentage cannot be more than 100.",
        ),
        ("icf", {"state": "value", "share": "23"}, "Say what the percentage is of."),
        (
            "icf",
            {"state": "value", "value": "not stated"},
            "A value can be “not stated” only beside its share.",
        ),
        ("svo-region", {"state": "value", "value": "12.5"}, "A count is a whole number"),
        ("svo-region", {"state": "value", "value": "£12"}, "is in pounds"),
        ("hsc-contracts", {"state": "value", "value": "393.000"}, "Write 393,000"),
        ("hsc-contracts", {"state": "value", "value": "1.234,5"}, "uses a comma for decimals"),
        ("hsc-contracts", {"state": "value", "value": "5-3"}, "smallest first"),
        (
            "meetings",
            {"state": "value", "value": "20"},
            "Say why the figure from the records is not used.",
        ),
    ],
)
def test_bad_figures_are_refused_with_a_clear_message(
    client_as, report, forum_a, code, data, message
):
    MeetingFactory(forum=forum_a, held_on=datetime.date(2024, 6, 1))
    data = {"breakdown-TOTAL_FORMS": 0, "breakdown-INITIAL_FORMS": 0, **data}
    response = client_as("secretariat_a").post(url(report, code), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Figure.objects.get(report=report, definition__code=code).state == ""


def test_a_breakdown_row_must_name_an_area_or_funder(client_as, report):
    data = {
        "state": "value",
        "value": "1000",
        "breakdown-TOTAL_FORMS": 1,
        "breakdown-INITIAL_FORMS": 0,
        "breakdown-0-local_authority": "",
        "breakdown-0-funder": "",
        "breakdown-0-value": "500",
    }
    response = client_as("secretariat_a").post(url(report, "grants-contracts"), data)
    assert "Name a local authority or a funder." in response.content.decode()


def test_a_figure_with_footnote_and_breakdown_is_saved_and_shown(client_as, report, forum_a):
    newport = forum_a.areas.get(local_authority__name_en="Newport").local_authority
    data = {
        "state": "value",
        "value": "£1,250,000",
        "qualifier": "4 of 5 local authorities",
        "breakdown-TOTAL_FORMS": 2,
        "breakdown-INITIAL_FORMS": 0,
        "breakdown-0-local_authority": newport.pk,
        "breakdown-0-funder": "",
        "breakdown-0-value": "250,000",
        "breakdown-1-local_authority": "",
        "breakdown-1-funder": "",
        "breakdown-1-value": "",
    }
    client = client_as("secretariat_a")
    assert client.post(url(report, "grants-contracts"), data).status_code == 302
    figure = Figure.objects.get(report=report, definition__code="grants-contracts")
    assert figure.value == Decimal("1250000")
    assert [(r.local_authority, r.value) for r in figure.breakdown.all()] == [
        (newport, Decimal("250000"))
    ]
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "£1,250,000" in page and "4 of 5 local authorities" in page and "Newport" in page


def test_overriding_a_derived_figure_needs_a_reason_shown_with_it(client_as, report, forum_a):
    MeetingFactory(forum=forum_a, held_on=datetime.date(2024, 6, 1))
    client = client_as("secretariat_a")
    client.post(
        url(report, "meetings"),
        {"state": "value", "value": "14", "override_reason": "Two meetings were not minuted."},
    )
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "Two meetings were not minuted." in page and "Differs from the records" in page


def test_domain_seven_is_complete_only_when_every_figure_is_answered(
    client_as, report, secretariat_a
):
    client = client_as("secretariat_a")
    entry_url = reverse("reporting:entry", args=[report.pk, 7])
    response = client.post(entry_url, {"text": "", "status": "completed", "revision": 0})
    assert "Answer every figure" in response.content.decode()
    answer_figures(report, secretariat_a)
    assert (
        client.post(entry_url, {"text": "", "status": "completed", "revision": 0}).status_code
        == 302
    )
    assert Entry.objects.get(report=report, domain__number=7).status == "completed"


def test_derived_figures_are_frozen_when_the_report_is_submitted(
    client_as, report, forum_a, secretariat_a
):
    MeetingFactory(forum=forum_a, held_on=datetime.date(2024, 6, 1))
    complete(report, secretariat_a)
    services.submit_report(report=report, by=secretariat_a)
    MeetingFactory(forum=forum_a, held_on=datetime.date(2025, 6, 1))  # recorded later
    answers = {
        a.figure.definition.code: a
        for a in client_as("analyst")
        .get(reverse("reporting:report", args=[report.pk]))
        .context["entries"][6]
        .items
    }
    assert answers["meetings"].text == "1"
    assert _groups(answers["meetings"]) == {"Meetings by kind": [("Full forum", "1")]}


def test_what_the_records_figures_are_made_of_is_frozen_at_submission(
    client_as, report, forum_a, secretariat_a
):
    ProjectFactory(forum=forum_a, origin="precursor", title="Repair café")
    MembershipFactory(forum=forum_a)
    complete(report, secretariat_a)
    services.submit_report(report=report, by=secretariat_a)
    ProjectFactory(forum=forum_a, origin="pre_dates", title="Added later")
    MembershipFactory(forum=forum_a, organisation__sector="private")
    page = client_as("analyst").get(reverse("reporting:report", args=[report.pk]))
    answers = {a.figure.definition.code: a for a in page.context["entries"][6].items}
    assert _groups(answers["projects"])[
        "Not counted: projects of a precursor group or pre-dating the forum"
    ] == [("Repair café", "Established by a precursor group")]
    assert _groups(answers["members"])["Members by sector"] == [("Third sector", "1")]
    # The submitted version's snapshot lists them too, so a later version shows the change.
    lines = report.versions.get().content["domains"]["7"]["lines"]
    assert "  - Repair café: Established by a precursor group" in lines


def test_figures_of_a_submitted_report_cannot_be_changed(client_as, submitted_report):
    response = client_as("secretariat_a").post(
        url(submitted_report, "hsc-contracts"), {"state": "value", "value": "1"}
    )
    assert response.status_code == 302
    assert Figure.objects.get(
        report=submitted_report, definition__code="hsc-contracts"
    ).value != Decimal("1")


@pytest.mark.parametrize("persona", PERSONAS)
def test_figure_page_permission_matrix(client_as, report, persona):
    expected = {
        "secretariat_a": 200,
        "secretariat_b": 404,
        "analyst": 404,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    assert client_as(persona).get(url(report, "icf")).status_code == expected[persona]


def test_every_figure_page_renders_and_says_how_to_write_numbers(client_as, report):
    """Each figure's page, whatever it asks (parts, shares, breakdowns, records), as its
    secretariat meets it, in both languages."""
    client = client_as("secretariat_a")
    codes = list(report.figures.values_list("definition__code", flat=True))
    for code in codes:
        page = client.get(url(report, code))
        assert page.status_code == 200, code
        assert "“140+” (at least)" in page.content.decode(), code
    for code in codes:
        page = client.get(url(report, code).replace("/en/", "/cy/"))
        assert page.status_code == 200, code
        assert "“140+” (o leiaf)" in page.content.decode(), code
