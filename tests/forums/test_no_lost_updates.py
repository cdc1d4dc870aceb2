"""Two people changing the same organisation or meeting: the second save is refused with
both versions shown and nothing lost; history keeps each version and who saved it."""

import datetime

from django.urls import reverse

from forums.models import Meeting, Organisation
from tests.factories import MeetingFactory, OrganisationFactory
from tests.pages import edit_at_once, posted_back, text_of


def test_an_organisation(client_as):
    organisation = OrganisationFactory(name="Cwm Care Co-operative")
    url = reverse("organisations:edit", args=[organisation.pk])
    edit_at_once(
        client_as("secretariat_a"),
        client_as("secretariat_b"),
        url,
        "address",
        theirs="1 High Street, Ebbw Vale",
        mine="Unit 4, Rassau Industrial Estate",
        saved=lambda: Organisation.objects.get(pk=organisation.pk).address,
    )
    history = Organisation.objects.get(pk=organisation.pk).history.order_by("history_id")
    assert [(h.address, h.history_user.name) for h in history[1:]] == [
        ("1 High Street, Ebbw Vale", "Alice Secretariat"),
        ("Unit 4, Rassau Industrial Estate", "Bob Secretariat"),
    ]


def test_a_meeting(client_as, forum_a):
    meeting = MeetingFactory(forum=forum_a, held_on=datetime.date(2025, 5, 1))
    url = reverse("forums:meeting_edit", args=[forum_a.slug, meeting.pk])
    edit_at_once(
        client_as("secretariat_a"),
        client_as("secretariat_a"),
        url,
        "minutes",
        theirs="Agreed the carers' week plan.",
        mine="Agreed the carers' week plan; Dewi to book the hall.",
        saved=lambda: Meeting.objects.get(pk=meeting.pk).minutes,
    )


def test_a_record_deleted_before_the_save_is_answered_as_gone(client_as, forum_a):
    meeting = MeetingFactory(forum=forum_a, held_on=datetime.date(2025, 5, 1))
    url = reverse("forums:meeting_edit", args=[forum_a.slug, meeting.pk])
    client = client_as("secretariat_a")
    form = posted_back(client.get(url))
    form["minutes"] = "Notes I do not want to lose."
    Meeting.objects.filter(pk=meeting.pk).delete()
    # The record has gone, so its page is gone: answered as any missing page.
    assert client.post(url, form).status_code == 404


def test_the_other_version_reads_as_the_record_page_does(forum_a):
    meeting = MeetingFactory(forum=forum_a, held_on=datetime.date(2025, 5, 1), online=True)
    parts = dict(meeting.revision_parts())
    assert parts["Date"] == "1 May 2025"
    assert parts["Type of meeting"] == "Full forum"
    assert parts["Held online"] == "Yes"
    assert "Forum" not in parts and "Revision" not in parts


def test_the_record_page_lists_who_changed_what(client_as, forum_a):
    organisation = OrganisationFactory(name="Cwm Care Co-operative")
    first, second = client_as("secretariat_a"), client_as("secretariat_b")
    url = reverse("organisations:edit", args=[organisation.pk])
    form = posted_back(first.get(url))
    form["address"] = "1 High Street, Ebbw Vale"
    first.post(url, form)
    form = posted_back(second.get(url))
    form["sme"] = "on"
    second.post(url, form)
    page = text_of(second.get(reverse("organisations:detail", args=[organisation.pk])))
    changes = page[page.index("Changes") :]
    assert changes.index("Bob Secretariat") < changes.index("Alice Secretariat")
    assert "Small or medium-sized enterprise" in changes
    assert "Principal address" in changes
    assert "Added" in changes
