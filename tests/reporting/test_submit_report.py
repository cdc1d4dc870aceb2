"""Filling domains, submitting, and the report's states."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import AuditEvent
from reporting import services
from reporting.models import Entry, Report
from tests.reporting.conftest import complete


def test_starting_a_report_creates_one_entry_per_domain_once(report, forum_a, cycle, secretariat_a):
    assert [e.domain.number for e in report.entries.in_order()] == list(range(1, 10))
    again = services.start_report(forum=forum_a, cycle=cycle, by=secretariat_a)
    assert again.pk == report.pk and again.entries.count() == 9


def test_it_refuses_an_incomplete_report_listing_every_gap(client_as, report, secretariat_a):
    entry = report.entries.get(domain__number=1)
    services.save_entry(
        entry=entry,
        revision=0,
        text="Started",
        status="in_progress",
        no_information_reason="",
        by=secretariat_a,
    )
    response = client_as("secretariat_a").post(reverse("reporting:submit", args=[report.pk]))
    assert response.status_code == 400
    gaps = response.context["gaps"]
    assert [e.domain.number for e, _ in gaps] == list(range(1, 10))
    page = response.content.decode()
    assert "The report cannot be submitted yet" in page
    assert reverse("reporting:entry", args=[report.pk, 3]) in page
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


SIGN_OFF = {
    "agreed_by": "The forum’s steering group",
    "agreed_on_0": "12",
    "agreed_on_1": "6",
    "agreed_on_2": "2026",
    "confirm": "on",
}


def test_a_complete_report_is_submitted_and_locked(client_as, report, secretariat_a):
    complete(report, secretariat_a)
    client = client_as("secretariat_a")
    response = client.post(reverse("reporting:submit", args=[report.pk]), SIGN_OFF)
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:submitted", args=[report.pk])
    report.refresh_from_db()
    assert (report.status, report.version, report.submitted_by) == (
        Report.Status.SUBMITTED,
        1,
        secretariat_a,
    )
    assert AuditEvent.objects.filter(object_type="reporting.report", action="update").exists()
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "is locked" in page
    assert reverse("reporting:entry", args=[report.pk, 1]) not in page


def test_editing_a_submitted_report_keeps_the_text_and_says_why(client_as, submitted_report):
    response = client_as("secretariat_a").post(
        reverse("reporting:entry", args=[submitted_report.pk, 1]),
        {"text": "My late change", "status": "completed", "revision": 1},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert str(services.LOCKED_MESSAGE) in page.replace("&#x27;", "'")
    assert "My late change" in page
    assert Entry.objects.get(report=submitted_report, domain__number=1).text != "My late change"


def test_a_submitted_report_cannot_be_submitted_again(submitted_report, secretariat_a):
    with pytest.raises(services.ReportLocked):
        services.submit_report(report=submitted_report, by=secretariat_a)


def test_a_returned_report_is_editable_and_resubmits_as_a_new_version(
    submitted_report, secretariat_a
):
    Report.objects.filter(pk=submitted_report.pk).update(status=Report.Status.RETURNED)
    submitted_report.refresh_from_db()
    entry = submitted_report.entries.get(domain__number=2)
    services.save_entry(
        entry=entry,
        revision=entry.revision,
        text="Revised",
        status="completed",
        no_information_reason="",
        by=secretariat_a,
    )
    report = services.submit_report(report=submitted_report, by=secretariat_a)
    assert (report.status, report.version) == (Report.Status.RESUBMITTED, 2)


@pytest.mark.parametrize(
    "status", [Report.Status.SUBMITTED, Report.Status.RESUBMITTED, Report.Status.ACCEPTED]
)
def test_locked_states_refuse_changes(submitted_report, secretariat_a, status):
    Report.objects.filter(pk=submitted_report.pk).update(status=status)
    entry = submitted_report.entries.get(domain__number=1)
    with pytest.raises(services.ReportLocked):
        services.save_entry(
            entry=entry,
            revision=entry.revision,
            text="x",
            status="completed",
            no_information_reason="",
            by=secretariat_a,
        )


def test_no_information_needs_a_reason(client_as, report):
    response = client_as("secretariat_a").post(
        reverse("reporting:entry", args=[report.pk, 4]),
        {"text": "", "status": "no_information", "no_information_reason": "  ", "revision": 0},
    )
    assert response.status_code == 200
    assert "Say why there is no information to provide." in response.content.decode()


def test_no_information_shows_as_such_never_as_an_empty_section(client_as, submitted_report):
    page = (
        client_as("analyst")
        .get(reverse("reporting:report", args=[submitted_report.pk]))
        .content.decode()
    )
    assert "No information to provide:" in page and "No feedback was given." in page
    assert "Not written yet" not in page


def test_completed_needs_text(client_as, report):
    response = client_as("secretariat_a").post(
        reverse("reporting:entry", args=[report.pk, 4]),
        {"text": "", "status": "completed", "revision": 0},
    )
    assert "Write this section before marking it as completed." in response.content.decode()


def test_the_database_refuses_no_information_without_a_reason(report):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.filter(report=report, domain__number=1).update(status="no_information")


def test_every_save_is_kept_in_the_history(report, secretariat_a):
    entry = report.entries.get(domain__number=1)
    entry = services.save_entry(
        entry=entry,
        revision=0,
        text="First",
        status="in_progress",
        no_information_reason="",
        by=secretariat_a,
    )
    services.save_entry(
        entry=entry,
        revision=1,
        text="Second",
        status="completed",
        no_information_reason="",
        by=secretariat_a,
    )
    texts = list(entry.history.order_by("history_date").values_list("text", flat=True))
    assert texts[-2:] == ["First", "Second"]


def test_a_submitted_report_can_be_returned_with_a_comment_and_then_accepted(
    submitted_report, secretariat_a, analyst
):
    with pytest.raises(ValidationError):
        services.return_report(report=submitted_report, comment="  ", by=analyst)
    report = services.return_report(
        report=submitted_report, comment="Add domain 3 detail.", by=analyst
    )
    assert report.status == Report.Status.RETURNED and report.is_editable
    report = services.submit_report(report=report, by=secretariat_a)
    assert (report.status, report.version) == (Report.Status.RESUBMITTED, 2)
    report = services.accept_report(report=report, by=analyst)
    assert report.status == Report.Status.ACCEPTED and not report.is_editable
    assert AuditEvent.objects.filter(detail__contains="Add domain 3 detail.").exists()


@pytest.mark.parametrize(
    "status", [Report.Status.DRAFT, Report.Status.RETURNED, Report.Status.ACCEPTED]
)
def test_only_submitted_reports_can_be_returned_or_accepted(submitted_report, analyst, status):
    Report.objects.filter(pk=submitted_report.pk).update(status=status)
    for change in (
        lambda: services.return_report(report=submitted_report, comment="x", by=analyst),
        lambda: services.accept_report(report=submitted_report, by=analyst),
    ):
        with pytest.raises(services.TransitionRefused):
            change()


def test_a_sections_status_follows_what_is_in_it(client_as, report, secretariat_a):
    """A case study, an item or an answered figure starts its section: the task list never
    says "Not started" over work already in it; an unwritten section reads "Not written
    yet" in the draft, never as a reasoned "no information"."""
    from reporting.models import CaseStudy, Entry, WorkProgrammeItem

    services.save_item(
        item=CaseStudy(
            report=report,
            title="Dementia cafés",
            summary="Cafés opened.",
            what_was_valued="v",
            what_changed="c",
            community_gain="g",
            started_on=datetime.date(2024, 1, 1),
        ),
        by=secretariat_a,
    )
    services.save_item(
        item=WorkProgrammeItem(report=report, aim="Reach carers", lead="Chair", timescale="2027"),
        by=secretariat_a,
    )
    services.save_figure(
        figure=report.figures.of_code("svo-region"), state="not_provided", by=secretariat_a
    )
    statuses = {e.domain.kind: e.status for e in report.entries.in_order()}
    assert statuses["case_studies"] == statuses["work_programme"] == "in_progress"
    assert statuses["quantitative"] == "in_progress"
    assert statuses["narrative"] == "not_started"
    client = client_as("secretariat_a")
    tasks = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert tasks.count("Not written yet") == 6  # the six narrative sections
    assert "No information to provide" not in tasks
    assert Entry.objects.filter(report=report, status="not_started").count() == 6


def test_check_your_answers_lists_everything_with_change_links(client_as, report, secretariat_a):
    complete(report, secretariat_a)
    page = " ".join(
        client_as("secretariat_a")
        .get(reverse("reporting:submit", args=[report.pk]))
        .content.decode()
        .split()
    )
    assert "Check your answers before submitting the report" in page
    assert "Dementia cafés" in page and "Reach more carers (2026–2028)" in page
    assert "No feedback was given." in page  # the reasoned "no information"
    assert "£125,000" in page  # the figures, as every page writes them
    for number in range(1, 10):
        assert reverse("reporting:entry", args=[report.pk, number]) in page
    assert reverse("reporting:figure", args=[report.pk, "icf"]) in page
    assert "Who agreed the report?" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"agreed_by": ""}, "Enter who agreed the report"),
        ({"agreed_on_0": "", "agreed_on_1": "", "agreed_on_2": ""}, "Enter the date the report"),
        ({"agreed_on_2": "2099"}, "must be today or in the past"),
        ({"agreed_on_2": "2020"}, "must be after the period began, 1 April 2023"),
        ({"confirm": ""}, "Confirm that the report was agreed and is accurate"),
    ],
)
def test_the_sign_off_is_checked_and_the_answers_kept(
    client_as, report, secretariat_a, change, message
):
    complete(report, secretariat_a)
    response = client_as("secretariat_a").post(
        reverse("reporting:submit", args=[report.pk]), {**SIGN_OFF, **change}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "<title>Error:" in page
    if change.get("agreed_by") is None:
        assert "The forum’s steering group" in page  # what was typed is kept
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_the_confirmation_and_the_emails_say_what_happens_next(
    client_as, report, secretariat_a, analyst, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.models import User

    User.objects.filter(pk=analyst.pk).update(preferred_language="cy")
    complete(report, secretariat_a)
    client = client_as("secretariat_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:submit", args=[report.pk]), SIGN_OFF)
    page = " ".join(client.get(response["Location"]).content.decode().split())
    assert "Report submitted" in page and "SVF-GWENT-2023-26-V1" in page
    assert "What happens next" in page
    assert "By The forum’s steering group on 12 June 2026" in page
    version = report.versions.get()
    assert (version.agreed_by, str(version.agreed_on)) == (
        "The forum’s steering group",
        "2026-06-12",
    )
    by_recipient = {m.to[0]: m for m in mailoutbox}
    receipt = by_recipient[secretariat_a.email]
    assert "SVF-GWENT-2023-26-V1" in receipt.subject
    assert "What happens next" in receipt.body and "/en/reports/" in receipt.body
    notice = by_recipient[analyst.email]  # in the analyst's own language
    assert "wedi cyflwyno ei adroddiad" in notice.subject
    assert "SVF-GWENT-2023-26-V1" in notice.body and "/cy/reports/" in notice.body


def test_the_confirmation_is_the_forums_own(client_as, submitted_report):
    url = reverse("reporting:submitted", args=[submitted_report.pk])
    assert client_as("secretariat_a").get(url).status_code == 200
    assert client_as("secretariat_b").get(url).status_code == 404
    assert client_as("anonymous").get(url).status_code == 302
