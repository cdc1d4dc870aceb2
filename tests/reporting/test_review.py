"""The analysts' review: the inbox, comments and replies, returning and accepting, and the
emails each side receives in its own language once the change is committed."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from reporting import services
from reporting.models import Comment, Report, ReviewDecision
from tests.conftest import PERSONAS


def inbox_url(cycle):
    return reverse("reporting:review_cycle", args=[cycle.pk])


# The inbox -----------------------------------------------------------------------------------


def test_the_inbox_lists_every_forum_with_state_completeness_and_lateness(
    client_as, cycle, submitted_report, forum_b, secretariat_b
):
    services.start_report(forum=forum_b, cycle=cycle, by=secretariat_b)
    cycle.due_on = datetime.date.today() - datetime.timedelta(days=10)
    cycle.save()
    page = client_as("analyst").get(inbox_url(cycle))
    rows = {r["forum"].slug: r for r in page.context["rows"]}
    assert len(rows) == 7  # every forum, with a report or not
    assert rows["gwent"]["status"] == "submitted"
    assert rows["gwent"]["days_overdue"] == 0  # it is with Welsh Government
    assert (rows["gwent"]["report"].completed, rows["gwent"]["report"].no_information) == (8, 1)
    assert rows["west-wales"]["status"] == "draft"
    assert rows["west-wales"]["days_overdue"] == 10
    assert rows["powys"]["status"] == "not_started" and rows["powys"]["days_overdue"] == 10
    html = page.content.decode()
    assert "8 completed, 1 no information, 0 empty" in html
    assert reverse("reporting:review", args=[submitted_report.pk]) in html


def test_the_inbox_filters_by_state_and_forum(client_as, cycle, submitted_report):
    client = client_as("analyst")
    by_state = client.get(inbox_url(cycle), {"state": "submitted"}).context["rows"]
    assert [r["forum"].slug for r in by_state] == ["gwent"]
    by_forum = client.get(inbox_url(cycle), {"forum": "powys"}).context["rows"]
    assert [r["status"] for r in by_forum] == ["not_started"]
    assert (
        "No report matches these filters."
        in client.get(inbox_url(cycle), {"state": "accepted"}).content.decode()
    )


def test_the_inbox_without_any_cycle_says_so(client_as, db):
    response = client_as("analyst").get(reverse("reporting:review_inbox"))
    assert "There is no reporting cycle yet." in response.content.decode()


def test_the_inbox_uses_a_fixed_number_of_queries(client_as, cycle, submitted_report):
    client = client_as("analyst")
    client.get(inbox_url(cycle))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(inbox_url(cycle))
    assert len(queries) == 6  # session, user, roles, cycles, forums, reports


@pytest.mark.parametrize("persona", PERSONAS)
def test_inbox_permission_matrix(client_as, cycle, persona):
    expected = {
        "secretariat_a": 404,
        "secretariat_b": 404,
        "analyst": 200,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    assert client_as(persona).get(inbox_url(cycle)).status_code == expected[persona]


# Comments ------------------------------------------------------------------------------------


def test_an_analyst_comments_and_the_forum_replies_each_told_by_email(
    client_as, submitted_report, secretariat_a, analyst, django_capture_on_commit_callbacks
):
    secretariat_a.preferred_language = "cy"
    secretariat_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("analyst").post(
            reverse("reporting:comment_add", args=[submitted_report.pk]),
            {"section": 3, "text": "Say more about prevention."},
        )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.entry.domain.number, comment.version, comment.author) == (3, 1, analyst)
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Say more about prevention." in mail.outbox[0].body
    assert "Annwyl Alice Secretariat" in mail.outbox[0].body  # in her language
    assert f"/reports/{submitted_report.pk}/review/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_as("secretariat_a").post(
            reverse("reporting:comment_reply", args=[submitted_report.pk, comment.pk]),
            {"text": "We will add the falls service."},
        )
    reply = Comment.objects.get(parent=comment)
    assert reply.entry == comment.entry and not reply.internal
    assert [m.to for m in mail.outbox] == [["carys@example.org"]]  # the analyst who commented
    page = client_as("secretariat_a").get(reverse("reporting:review", args=[submitted_report.pk]))
    assert "We will add the falls service." in page.content.decode()


def test_internal_notes_are_never_shown_or_sent_to_the_forum(
    client_as, submitted_report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as("analyst").post(
            reverse("reporting:comment_add", args=[submitted_report.pk]),
            {"section": 0, "text": "Compare with North Wales.", "internal": "on"},
        )
    note = Comment.objects.get()
    assert note.internal and not mail.outbox
    forum_page = client_as("secretariat_a").get(
        reverse("reporting:review", args=[submitted_report.pk])
    )
    assert "Compare with North Wales." not in forum_page.content.decode()
    assert (
        client_as("secretariat_a")
        .get(reverse("reporting:comment_reply", args=[submitted_report.pk, note.pk]))
        .status_code
        == 404
    )
    analyst_page = client_as("analyst").get(reverse("reporting:review", args=[submitted_report.pk]))
    assert "Compare with North Wales." in analyst_page.content.decode()


def test_an_empty_comment_is_refused_and_the_section_kept(client_as, submitted_report):
    response = client_as("analyst").post(
        reverse("reporting:comment_add", args=[submitted_report.pk]),
        {"section": 4, "text": "   "},
    )
    assert response.status_code == 400
    assert "Write the comment." in response.content.decode()
    assert response.context["form"]["section"].value() == "4"
    assert not Comment.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_comment_permission_matrix(client_as, submitted_report, persona):
    expected = {
        "secretariat_a": 403,  # may read the report, not review it
        "secretariat_b": 404,
        "analyst": 200,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    url = reverse("reporting:comment_add", args=[submitted_report.pk])
    assert client_as(persona).get(url).status_code == expected[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_review_page_permission_matrix(client_as, submitted_report, persona):
    expected = {
        "secretariat_a": 200,
        "secretariat_b": 404,
        "analyst": 200,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    url = reverse("reporting:review", args=[submitted_report.pk])
    assert client_as(persona).get(url).status_code == expected[persona]


def test_an_analyst_cannot_reach_a_draft_to_comment(client_as, report):
    url = reverse("reporting:comment_add", args=[report.pk])
    assert client_as("analyst").get(url).status_code == 404


# Returning and accepting ----------------------------------------------------------------------


def test_returning_needs_a_comment_and_nothing_changes_without_one(client_as, submitted_report):
    response = client_as("analyst").post(
        reverse("reporting:return", args=[submitted_report.pk]), {"comment": "  "}
    )
    assert response.status_code == 400
    assert "Say what the forum should change." in response.content.decode()
    submitted_report.refresh_from_db()
    assert submitted_report.status == "submitted"
    assert not ReviewDecision.objects.exists()


def test_return_resubmit_and_the_analyst_sees_what_changed_since(
    client_as, submitted_report, secretariat_a, analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("analyst").post(
            reverse("reporting:return", args=[submitted_report.pk]),
            {"comment": "Domain 3 needs the falls service."},
        )
    assert response.status_code == 302
    submitted_report.refresh_from_db()
    assert submitted_report.status == "returned" and submitted_report.is_editable
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Domain 3 needs the falls service." in mail.outbox[0].body
    # The forum changes domain 3 and resubmits; the analyst who returned it is told.
    entry = submitted_report.entries.get(domain__number=3)
    services.save_entry(
        entry=entry,
        revision=entry.revision,
        text="The falls service prevented 40 admissions.",
        status="completed",
        no_information_reason="",
        by=secretariat_a,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(report=submitted_report, by=secretariat_a)
    # The analyst is told; the forum gets its receipt.
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "carys@example.org"]
    page = client_as("analyst").get(reverse("reporting:review", args=[submitted_report.pk]))
    since = page.context["since_returned"]
    assert (since["older"].number, since["newer"].number) == (1, 2)
    assert [c["number"] for c in since["changes"]] == [3]
    assert "<ins>" in page.content.decode() and "falls" in page.content.decode()
    # ... and accepts it.
    with django_capture_on_commit_callbacks(execute=True):
        client_as("analyst").post(reverse("reporting:accept", args=[submitted_report.pk]), {})
    submitted_report.refresh_from_db()
    assert submitted_report.status == "accepted"
    assert list(submitted_report.decisions.values_list("decision", "version")) == [
        ("returned", 1),
        ("accepted", 2),
    ]


def test_no_email_is_sent_when_the_change_is_rolled_back(submitted_report, analyst):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.return_report(report=submitted_report, comment="Fix it.", by=analyst)
        raise RuntimeError
    assert not mail.outbox
    assert Report.objects.get(pk=submitted_report.pk).status == "submitted"


@pytest.mark.parametrize("status", ["returned", "accepted"])
def test_only_a_submitted_report_can_be_decided(client_as, submitted_report, analyst, status):
    if status == "returned":
        services.return_report(report=submitted_report, comment="x", by=analyst)
    else:
        services.accept_report(report=submitted_report, by=analyst)
    response = client_as("analyst").post(
        reverse("reporting:accept", args=[submitted_report.pk]), {}
    )
    assert response.status_code == 302
    submitted_report.refresh_from_db()
    assert submitted_report.status == status


@pytest.mark.parametrize("persona", PERSONAS)
def test_decision_permission_matrix(client_as, submitted_report, persona):
    expected = {
        "secretariat_a": 403,
        "secretariat_b": 404,
        "analyst": 200,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    for name in ("return", "accept"):
        url = reverse(f"reporting:{name}", args=[submitted_report.pk])
        assert client_as(persona).get(url).status_code == expected[persona]


def test_the_review_page_uses_a_fixed_number_of_queries(
    client_as, submitted_report, analyst, secretariat_a
):
    client = client_as("analyst")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("reporting:review", args=[submitted_report.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        comment = services.add_comment(
            report=submitted_report,
            entry=submitted_report.entries.get(domain__number=n + 1),
            text=f"Comment {n}",
            internal=False,
            by=analyst,
        )
        services.add_comment(
            report=submitted_report,
            entry=None,
            text="Reply",
            internal=False,
            by=secretariat_a,
            parent=comment,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
