"""A returned report brings its review to where the secretariat works: the analyst's
summary on the task list, each section with comments tagged, the section's comments beside
its text, and a thread marked done when it has been dealt with."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from reporting import services
from reporting.models import Comment


@pytest.fixture
def returned(submitted_report, analyst):
    report = submitted_report
    prevention = report.entries.get(domain__number=3)
    services.add_comment(
        report=report,
        entry=prevention,
        text="Please give an example of prevention.",
        internal=False,
        by=analyst,
    )
    services.add_comment(
        report=report, entry=prevention, text="Name the service too.", internal=False, by=analyst
    )
    services.add_comment(
        report=report,
        entry=prevention,
        text="Internal: compare with West Wales.",
        internal=True,
        by=analyst,
    )
    services.add_comment(
        report=report, entry=None, text="A good report overall.", internal=False, by=analyst
    )
    services.return_report(report=report, comment="Add examples to section 3.", by=analyst)
    report.refresh_from_db()
    return report


def test_the_task_list_opens_on_the_analysts_summary_and_tags_sections(client_as, returned):
    page = " ".join(
        client_as("secretariat_a")
        .get(reverse("reporting:report", args=[returned.pk]))
        .content.decode()
        .split()
    )
    assert 'class="govuk-notification-banner"' in page
    assert "Carys Analyst returned the report on" in page
    assert "Add examples to section 3." in page
    assert "(1 on the whole report)" in page
    # Section 3 has two comments the forum may read (the internal note is not counted).
    assert page.count("Changes requested") == 1
    assert ">2 comments</a>" in page
    assert "Internal: compare" not in page


def test_the_section_editor_shows_its_comments_and_a_thread_is_marked_done(
    client_as, returned, secretariat_a
):
    client = client_as("secretariat_a")
    url = reverse("reporting:entry", args=[returned.pk, 3])
    page = client.get(url).content.decode()
    assert "2 comments on this section" in page
    assert "Please give an example of prevention." in page and "Name the service too." in page
    assert "Internal: compare" not in page
    assert "A good report overall." not in page  # on the whole report, not this section

    first = Comment.objects.get(text="Please give an example of prevention.")
    done_url = reverse("reporting:comment_done", args=[returned.pk, first.pk])
    response = client.post(done_url, {"done": "yes", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    first.refresh_from_db()
    assert first.done_at is not None and first.done_by == secretariat_a
    audit = AuditEvent.objects.filter(object_type="reporting.comment").latest("pk")
    assert (audit.actor, audit.detail) == (secretariat_a, "Marked done")
    page = client.get(url).content.decode()
    assert "Marked done by Alice Secretariat" in page and "Open it again" in page

    tasks = client.get(reverse("reporting:report", args=[returned.pk])).content.decode()
    assert "(1 open)" in tasks  # one of the section's two threads is still open

    # Somewhere else is never a place to be sent back to.
    response = client.post(done_url, {"done": "no", "next": "https://elsewhere.example/"})
    assert response["Location"].endswith("#section-3")
    first.refresh_from_db()
    assert first.done_at is None


def test_marking_done_is_for_those_who_may_reply(client_as, returned):
    internal = Comment.objects.get(internal=True)
    url = reverse("reporting:comment_done", args=[returned.pk, internal.pk])
    assert client_as("secretariat_a").post(url, {"done": "yes"}).status_code == 404
    assert client_as("secretariat_b").post(url, {"done": "yes"}).status_code == 404
    assert client_as("analyst").post(url, {"done": "yes"}).status_code == 302
    assert client_as("analyst").get(url).status_code == 405
    internal.refresh_from_db()
    assert internal.done_at is not None


def test_the_review_page_offers_done_in_welsh(client_as, returned):
    page = client_as("secretariat_a").get(
        reverse("reporting:review", args=[returned.pk]).replace("/en/", "/cy/")
    )
    html = page.content.decode()
    assert "Nodi ei fod wedi’i wneud" in html and 'name="_once"' in html
