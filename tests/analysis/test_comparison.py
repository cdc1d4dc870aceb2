"""The quantitative comparison against a worked example: values, "not provided",
footnotes, figures from the records and overridden ones, targets, and change since the
previous cycle."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from analysis import comparison
from analysis.models import FigureTarget
from reporting import services
from reporting.models import ReportingCycle
from reporting.quantities import parse
from tests.conftest import PERSONAS
from tests.factories import MeetingFactory
from tests.reporting.conftest import complete


def save(report, code, by, **values):
    figure = report.figures.of_code(code)
    values.setdefault("state", "value")
    services.save_figure(figure=figure, by=by, **values)


@pytest.fixture
def worked(cycle, report, forum_a, forum_b, secretariat_a, secretariat_b, analyst):
    """Gwent: ICF £1,840,000 with a share of 23.5% (meets the 20% target on the share) and
    a footnote, meetings from records (2). West Wales: ICF share 17.5% with its value not
    stated (misses), meetings overridden as 12 with a reason. Grants not provided in West
    Wales. North Wales and the rest: no report received."""
    from reporting.quantities import Precision, Quantity

    MeetingFactory(forum=forum_a, held_on=datetime.date(2024, 6, 1))
    MeetingFactory(forum=forum_a, held_on=datetime.date(2025, 6, 1))
    MeetingFactory(forum=forum_b, held_on=datetime.date(2025, 1, 10))
    complete(report, secretariat_a)  # answers every entered figure (icf share 23.5%)
    save(
        report,
        "icf",
        secretariat_a,
        value=Decimal("1840000"),
        share=Decimal("23.5"),
        base="of the region’s ICF",
        qualifier="2024/25 only",
    )
    services.submit_report(report=report, by=secretariat_a)
    west = services.start_report(forum=forum_b, cycle=cycle, by=secretariat_b)
    complete(west, secretariat_b)
    save(
        west,
        "icf",
        secretariat_b,
        value=Quantity(Precision.NOT_STATED),
        share=Decimal("17.5"),
        base="of £3m ICF",
    )
    save(west, "grants-contracts", secretariat_b, state="not_provided")
    save(west, "meetings", secretariat_b, value=Decimal("12"), override_reason="Sub-group meetings")
    services.submit_report(report=west, by=secretariat_b)
    FigureTarget.objects.create(
        cycle=cycle,
        definition=cycle.template.figures.get(code="icf"),
        measure=FigureTarget.Measure.SHARE,
        value=Decimal("20"),
        note_en="RPBs are expected to reach at least 20%",
    )
    return cycle


def cells(result, slug):
    row = next(r for r in result.rows if r.forum.slug == slug)
    return {c.definition.code: cell for c, cell in zip(result.columns, row.cells, strict=True)}, row


def test_the_comparison_matches_the_worked_example(worked):
    result = comparison.compare(worked)
    gwent, gwent_row = cells(result, "gwent")
    west, _ = cells(result, "west-wales")
    north, north_row = cells(result, "north-wales")
    assert gwent["icf"].value == Decimal("1840000") and gwent["icf"].standing == "met"
    assert gwent["icf"].answer.share.low == Decimal("23.5")
    assert west["icf"].value is None and west["icf"].standing == "missed"
    assert str(west["icf"].answer.text) == "value not stated (17.5% of £3m ICF)"
    assert west["grants-contracts"].value is None
    assert str(west["grants-contracts"].answer.text) == "Not provided"
    assert gwent["meetings"].value == 2 and gwent["meetings"].answer.from_records
    assert west["meetings"].value == 12 and west["meetings"].answer.overridden
    assert north_row.report is None and north["icf"].answer is None
    assert gwent_row.completed == 8 and gwent_row.no_information == 1
    notes = [
        (n.forum.slug, n.definition.code, n.qualifier, n.override_reason) for n in result.footnotes
    ]
    assert ("gwent", "icf", "2024/25 only", "") in notes
    assert ("west-wales", "meetings", "", "Sub-group meetings") in notes


def test_the_page_shows_flags_in_text_and_footnotes_beneath(client_as, worked):
    html = (
        client_as("analyst").get(reverse("analysis:comparison", args=[worked.pk])).content.decode()
    )
    table, after = html.split("</table>", 1)
    assert "23.5% of the region’s ICF" in table and "17.5% of £3m ICF" in table
    assert "Meets target" in table and "Misses target" in table  # in text, not colour alone
    assert "Not provided" in table
    assert "from records" in table and "differs from records" in table
    assert "2024/25 only" in after  # the footnote, beneath the table
    assert "differs from the forum’s records because: Sub-group meetings" in after
    assert "No report received" in table
    welsh = (
        client_as("analyst")
        .get(reverse("analysis:comparison", args=[worked.pk]).replace("/en/", "/cy/"))
        .content.decode()
    )
    assert "Heb ei ddarparu" in welsh


def test_change_since_the_previous_cycle(client_as, worked, forum_a, secretariat_a, analyst):
    earlier = ReportingCycle.objects.create(
        name_en="Reports 2020–2023",
        name_cy="Adroddiadau 2020–2023",
        period_start=datetime.date(2020, 4, 1),
        period_end=datetime.date(2023, 3, 31),
        due_on=datetime.date(2023, 6, 30),
        template=worked.template,
    )
    old = services.start_report(forum=forum_a, cycle=earlier, by=secretariat_a)
    complete(old, secretariat_a)
    save(old, "icf", secretariat_a, value=Decimal("1500000"), share=Decimal("15"), base="of ICF")
    save(old, "hsc-contracts", secretariat_a, value=parse("about 100000", "money"))
    services.submit_report(report=old, by=secretariat_a)
    result = comparison.compare(worked)
    gwent, _ = cells(result, "gwent")
    assert result.previous_cycle == earlier
    assert gwent["icf"].change == Decimal("340000")
    # An approximate figure then is not subtracted from an exact one now.
    assert gwent["hsc-contracts"].change is None
    html = (
        client_as("analyst").get(reverse("analysis:comparison", args=[worked.pk])).content.decode()
    )
    assert "+£340,000 since last cycle" in html


def test_the_export_keeps_not_provided_and_footnotes(client_as, worked):
    response = client_as("analyst").get(
        reverse("analysis:comparison_export", args=[worked.pk, "csv"])
    )
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    gwent = next(r for r in rows if r["forum"].startswith("Gwent") and r["figure_code"] == "icf")
    assert (gwent["value"], gwent["share"], gwent["footnote"]) == (
        "1840000.00",
        "23.50",
        "2024/25 only",
    )
    assert (gwent["base"], gwent["standing"], gwent["source"]) == (
        "of the region’s ICF",
        "met",
        "entered",
    )
    west = next(
        r for r in rows if r["forum"].startswith("West Wales") and r["figure_code"] == "icf"
    )
    assert (west["qualifier"], west["value"], west["standing"]) == ("not stated", "", "missed")
    grants = next(
        r
        for r in rows
        if r["forum"].startswith("West Wales") and r["figure_code"] == "grants-contracts"
    )
    assert grants["answer"] == "not provided" and grants["value"] == ""
    meetings = next(
        r for r in rows if r["forum"].startswith("West Wales") and r["figure_code"] == "meetings"
    )
    assert (meetings["source"], meetings["override_reason"]) == ("overridden", "Sub-group meetings")
    assert any(r["answer"] == "no report received" for r in rows)


def test_the_comparison_uses_a_fixed_number_of_queries(client_as, worked, forum_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("analyst")
    url = reverse("analysis:comparison", args=[worked.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # session, user, roles, cycle, definitions, targets, previous cycle, reports, the
    # forums' authority counts, figures, their parts, breakdowns, forums: the same for seven
    # forums as for one (breakdowns' parts and authorities only when there are rows).
    assert len(queries) == 13, [q["sql"][:80] for q in queries.captured_queries]


def test_setting_a_target_is_checked(client_as, worked):
    url = reverse("analysis:target", args=[worked.pk, "icf"])
    response = client_as("analyst").post(
        url, {"comparison": "at_least", "measure": "share", "value": "120"}
    )
    assert response.status_code == 400
    assert "A percentage cannot be more than 100." in response.content.decode()
    client_as("analyst").post(
        url,
        {
            "comparison": "at_least",
            "measure": "share",
            "value": "25",
            "each_part": "on",
            "each_area": "on",
        },
    )
    target = FigureTarget.objects.get()
    assert (target.value, target.measure, target.each_part, target.each_area) == (
        25,
        "share",
        True,
        True,
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_comparison_permission_matrix(client_as, cycle, persona):
    expected = {
        "secretariat_a": 404,
        "secretariat_b": 404,
        "analyst": 200,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    for url in (
        reverse("analysis:comparison", args=[cycle.pk]),
        reverse("analysis:target", args=[cycle.pk, "icf"]),
    ):
        assert client_as(persona).get(url).status_code == expected[persona]


def test_a_target_is_set_and_removed_by_the_service_with_its_audit_rows(worked, analyst):
    from accounts.models import AuditEvent
    from analysis import services as analysis_services

    cycle = worked
    definition = cycle.template.figures.get(code="icf")
    FigureTarget.objects.filter(cycle=cycle, definition=definition).delete()
    target = analysis_services.set_target(
        cycle=cycle,
        definition=definition,
        comparison="at_least",
        measure="share",
        value=Decimal("25"),
        note_en=" Welsh Government ",
        note_cy="",
        by=analyst,
    )
    assert (target.value, target.note_en) == (Decimal("25"), "Welsh Government")
    assert AuditEvent.objects.filter(actor=analyst, action="create").exists()
    with pytest.raises(ValidationError):  # a percentage over 100, refused whole
        analysis_services.set_target(
            cycle=cycle,
            definition=definition,
            comparison="at_least",
            measure="share",
            value=Decimal("120"),
            note_en="",
            note_cy="",
            by=analyst,
        )
    assert FigureTarget.objects.get(pk=target.pk).value == Decimal("25")
    assert analysis_services.remove_target(cycle=cycle, definition=definition, by=analyst)
    assert not FigureTarget.objects.filter(pk=target.pk).exists()
    assert AuditEvent.objects.filter(actor=analyst, action="delete").exists()
