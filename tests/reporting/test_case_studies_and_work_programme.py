"""Domains 6 and 8: case studies and the work programme, as structured items of a report."""

import datetime

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import CaseStudy, Entry, WorkProgrammeItem
from tests.conftest import PERSONAS


def case_study_data(**overrides):
    started = overrides.pop("started_on", datetime.date(2024, 5, 1))
    data = {
        "title": "Men’s sheds in the valleys",
        "summary": "Sheds set up with members.",
        "what_was_valued": "Being asked what we wanted.",
        "what_changed": "Less isolated.",
        "community_gain": "More people active.",
        "who_was_involved": "Two CICs",
        "forum_initiated": "on",
        "started_on_0": started.day,
        "started_on_1": started.month,
        "started_on_2": started.year,
        "principles": ["co_production", "well_being"],
        "consent_recorded_on_0": "",
        "consent_recorded_on_1": "",
        "consent_recorded_on_2": "",
        "consent_note": "",
    }
    data.update(overrides)
    return data


def test_a_secretariat_adds_a_case_study(client_as, report):
    response = client_as("secretariat_a").post(
        reverse("reporting:case_studies_add", args=[report.pk]), case_study_data()
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:entry", args=[report.pk, 6])
    case_study = CaseStudy.objects.get(report=report)
    assert case_study.principles == ["co_production", "well_being"]
    assert case_study.forum_initiated is True


def test_a_case_study_naming_people_needs_a_consent_record(client_as, report):
    response = client_as("secretariat_a").post(
        reverse("reporting:case_studies_add", args=[report.pk]), case_study_data(names_people="on")
    )
    assert response.status_code == 200
    assert "needs a consent record" in response.content.decode()
    assert not CaseStudy.objects.exists()


@pytest.mark.parametrize(
    ("started", "warning"),
    [
        (datetime.date(2022, 1, 1), "This started before the reporting period."),
        (datetime.date(2016, 1, 1), "This started before the forum was established."),
    ],
)
def test_old_case_studies_are_flagged(client_as, report, forum_a, started, warning):
    forum_a.established_on = datetime.date(2017, 6, 1)
    forum_a.save()
    client = client_as("secretariat_a")
    client.post(
        reverse("reporting:case_studies_add", args=[report.pk]), case_study_data(started_on=started)
    )
    page = client.get(reverse("reporting:entry", args=[report.pk, 6])).content.decode()
    assert warning in page


def test_structured_domains_need_an_item_before_they_are_completed(client_as, report):
    client = client_as("secretariat_a")
    for number in (6, 8):
        response = client.post(
            reverse("reporting:entry", args=[report.pk, number]),
            {"text": "", "status": "completed", "revision": 0},
        )
        assert response.status_code == 200
        assert "before marking this section as completed" in response.content.decode()
    client.post(
        reverse("reporting:work_programme_add", args=[report.pk]),
        {
            "aim": "Grow co-production",
            "lead": "Chair",
            "timescale": "2026–2028",
            "principles": ["co_production"],
            "rpb_priority": "Carers",
        },
    )
    response = client.post(
        reverse("reporting:entry", args=[report.pk, 8]),
        {"text": "", "status": "completed", "revision": 0},
    )
    assert response.status_code == 302
    assert Entry.objects.get(report=report, domain__number=8).status == "completed"


def test_items_of_a_submitted_report_cannot_be_changed(client_as, submitted_report):
    item = WorkProgrammeItem.objects.create(
        report=submitted_report, aim="A", lead="B", timescale="C"
    )
    client = client_as("secretariat_a")
    for url in (
        reverse("reporting:work_programme_edit", args=[submitted_report.pk, item.pk]),
        reverse("reporting:work_programme_delete", args=[submitted_report.pk, item.pk]),
    ):
        assert client.post(url, {"aim": "X", "lead": "Y", "timescale": "Z"}).status_code == 302
    assert WorkProgrammeItem.objects.get(pk=item.pk).aim == "A"
    with pytest.raises(services.ReportLocked):
        services.delete_item(item=item, by=None)


def test_the_report_shows_its_case_studies_and_work_programme(client_as, report):
    CaseStudy.objects.create(
        report=report,
        title="Dementia cafés",
        summary="s",
        what_was_valued="v",
        what_changed="c",
        community_gain="g",
        started_on=datetime.date(2024, 1, 1),
    )
    WorkProgrammeItem.objects.create(
        report=report, aim="Reach carers", lead="Chair", timescale="2027"
    )
    page = (
        client_as("secretariat_a")
        .get(reverse("reporting:report", args=[report.pk]))
        .content.decode()
    )
    assert "Dementia cafés" in page and "Reach carers" in page


ITEM_OWN = {
    "secretariat_a": 200,
    "secretariat_b": 404,
    "analyst": 404,
    "commissioner": 404,
    "administrator": 200,
    "anonymous": 302,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name",
    [
        "case_studies_edit",
        "case_studies_delete",
        "work_programme_edit",
        "work_programme_delete",
        "case_studies_add",
        "work_programme_add",
    ],
)
def test_item_pages_permission_matrix(client_as, report, persona, name):
    case_study = CaseStudy.objects.create(
        report=report,
        title="T",
        summary="s",
        what_was_valued="v",
        what_changed="c",
        community_gain="g",
        started_on=datetime.date(2024, 1, 1),
    )
    item = WorkProgrammeItem.objects.create(report=report, aim="A", lead="B", timescale="C")
    target = case_study if name.startswith("case") else item
    args = [report.pk] if name.endswith("_add") else [report.pk, target.pk]
    response = client_as(persona).get(reverse(f"reporting:{name}", args=args))
    assert response.status_code == ITEM_OWN[persona]


def test_an_item_of_another_report_is_not_found(client_as, report, forum_b, cycle, secretariat_b):
    other = services.start_report(forum=forum_b, cycle=cycle, by=secretariat_b)
    item = WorkProgrammeItem.objects.create(report=other, aim="A", lead="B", timescale="C")
    response = client_as("secretariat_a").get(
        reverse("reporting:work_programme_edit", args=[report.pk, item.pk])
    )
    assert response.status_code == 404
