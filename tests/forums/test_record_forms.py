"""Creating, changing and deleting a forum's records through their pages."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from forums.models import ForumMembership, Meeting
from tests.factories import CitizenFactory, MembershipFactory, OrganisationFactory


def _date(prefix, value):
    return {f"{prefix}_0": value.day, f"{prefix}_1": value.month, f"{prefix}_2": value.year}


def _meeting_post(organisations=(), citizens=(), **overrides):
    data = {
        "kind": "full_forum",
        **_date("held_on", datetime.date(2025, 3, 4)),
        "place": "Hall",
        "organisations_present": [o.pk for o in organisations],
        "citizens_present": [c.pk for c in citizens],
        "minutes": "Notes",
        "agenda-TOTAL_FORMS": 2,
        "agenda-INITIAL_FORMS": 0,
        "agenda-0-title": "Regional update",
        "agenda-0-standing_item": "on",
        "agenda-0-principles": ["co_production", "prevention"],
        "agenda-1-title": "",
        "actions-TOTAL_FORMS": 1,
        "actions-INITIAL_FORMS": 0,
        "actions-0-description": "Send the minutes",
        "actions-0-owner": "Secretariat",
        "actions-0-status": "open",
        "actions-0-due_on_0": "",
        "actions-0-due_on_1": "",
        "actions-0-due_on_2": "",
    }
    data.update(overrides)
    return data


def test_a_secretariat_records_a_meeting_with_agenda_attendance_and_actions(
    client_as, forum_a, secretariat_a
):
    member = MembershipFactory(forum=forum_a).organisation
    citizen = CitizenFactory(forum=forum_a)
    response = client_as("secretariat_a").post(
        reverse("forums:meeting_create", args=["gwent"]),
        _meeting_post(organisations=[member], citizens=[citizen]),
    )
    meeting = Meeting.objects.get(forum=forum_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("forums:meeting_detail", args=["gwent", meeting.pk])
    assert list(meeting.organisations_present.all()) == [member]
    assert list(meeting.citizens_present.all()) == [citizen]
    item = meeting.agenda_items.get()
    assert (item.title, item.standing_item, item.principles) == (
        "Regional update",
        True,
        ["co_production", "prevention"],
    )
    assert meeting.actions.get().description == "Send the minutes"
    audit = AuditEvent.objects.get(object_type="forums.meeting")
    assert (audit.actor, audit.action, audit.forum) == (secretariat_a, "create", forum_a)


def test_a_meeting_with_errors_keeps_what_was_typed_and_saves_nothing(client_as, forum_a):
    data = _meeting_post(
        **{
            "held_on_0": "31",
            "held_on_1": "2",
            "held_on_2": "2025",
            "place": "",
            "minutes": "Keep these notes",
        }
    )
    response = client_as("secretariat_a").post(
        reverse("forums:meeting_create", args=["gwent"]), data
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter a real date" in page
    assert "Keep these notes" in page and "Regional update" in page
    assert not Meeting.objects.exists()


def test_it_refuses_a_meeting_neither_online_nor_placed(client_as, forum_a):
    response = client_as("secretariat_a").post(
        reverse("forums:meeting_create", args=["gwent"]), _meeting_post(place="")
    )
    assert "Enter where the meeting was held, or say it was online." in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_keeps_the_numbers_present_when_attendees_are_counted_not_listed(
    client_as, forum_a
):
    members = [MembershipFactory(forum=forum_a).organisation for _ in range(2)]
    client = client_as("secretariat_a")
    url = reverse("forums:meeting_create", args=["gwent"])
    response = client.post(
        url, _meeting_post(organisations=members, organisations_count="1", people_count="x")
    )
    page = response.content.decode()
    assert "The number of organisations present cannot be fewer than the 2 ticked above" in page
    assert "Enter a whole number, like 24" in page
    assert not Meeting.objects.exists()
    response = client.post(
        url, _meeting_post(organisations=members, organisations_count="30", people_count="85")
    )
    meeting = Meeting.objects.get(forum=forum_a)
    assert (meeting.organisations_count, meeting.people_count) == (30, 85)
    page = client.get(response["Location"]).content.decode()
    assert "Number of organisations present" in page and ">30<" in page and ">85<" in page
    listing = client.get(reverse("forums:meeting_list", args=["gwent"])).content.decode()
    assert ">30<" in listing and ">85<" in listing


def test_attendance_is_limited_to_the_forums_own_members(client_as, forum_a):
    outsider = OrganisationFactory()
    response = client_as("secretariat_a").post(
        reverse("forums:meeting_create", args=["gwent"]), _meeting_post(organisations=[outsider])
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_duplicate_membership_is_refused_with_a_clear_message(client_as, forum_a):
    existing = MembershipFactory(forum=forum_a)
    response = client_as("secretariat_a").post(
        reverse("forums:forummembership_create", args=["gwent"]),
        {
            "organisation": existing.organisation.pk,
            "role": "member",
            **_date("joined_on", datetime.date(2024, 1, 1)),
        },
    )
    assert response.status_code == 200
    assert "already a member of the forum" in response.content.decode()
    assert ForumMembership.objects.count() == 1


def test_dates_out_of_order_are_refused(client_as, forum_a):
    organisation = OrganisationFactory()
    response = client_as("secretariat_a").post(
        reverse("forums:forummembership_create", args=["gwent"]),
        {
            "organisation": organisation.pk,
            "role": "member",
            **_date("joined_on", datetime.date(2024, 1, 1)),
            **_date("left_on", datetime.date(2023, 1, 1)),
        },
    )
    assert "The date left must be on or after the date joined." in response.content.decode()
    assert not ForumMembership.objects.exists()


def test_errors_come_in_welsh_on_welsh_pages(client_as, forum_a):
    response = client_as("secretariat_a").post(
        "/cy/forums/gwent/meetings/add/", _meeting_post(place="", held_on_0="40")
    )
    page = response.content.decode()
    assert 'lang="cy"' in page
    assert "There is a problem" not in page
    assert "Mae problem" in page


def test_deleting_asks_first_and_then_deletes_with_an_audit_row(client_as, forum_a):
    membership = MembershipFactory(forum=forum_a)
    url = reverse("forums:forummembership_delete", args=["gwent", membership.pk])
    client = client_as("secretariat_a")
    assert "Are you sure" in client.get(url).content.decode()
    assert ForumMembership.objects.filter(pk=membership.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not ForumMembership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(
        action="delete", object_type="forums.forummembership", object_id=str(membership.pk)
    ).exists()


def test_an_organisation_with_memberships_cannot_be_deleted(client_as, forum_a):
    membership = MembershipFactory(forum=forum_a)
    url = reverse("organisations:delete", args=[membership.organisation.pk])
    response = client_as("administrator").post(url)
    assert response.status_code == 409
    assert "cannot be deleted" in response.content.decode()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_list_pages_filter_and_search(client_as, forum_a, lang):
    MembershipFactory(forum=forum_a, organisation=OrganisationFactory(name="Afon Carers Trust"))
    MembershipFactory(
        forum=forum_a, organisation=OrganisationFactory(name="Bryn Builders Ltd", sector="private")
    )
    client = client_as("secretariat_a")
    page = client.get(f"/{lang}/forums/gwent/memberships/?q=afon").content.decode()
    assert "Afon Carers Trust" in page and "Bryn Builders Ltd" not in page
    page = client.get(f"/{lang}/forums/gwent/memberships/?sector=private").content.decode()
    assert "Bryn Builders Ltd" in page and "Afon Carers Trust" not in page


def test_list_pages_paginate(client_as, forum_a):
    for _ in range(30):
        MembershipFactory(forum=forum_a)
    client = client_as("secretariat_a")
    first = client.get("/en/forums/gwent/memberships/").content.decode()
    second = client.get("/en/forums/gwent/memberships/?page=2").content.decode()
    assert "30 records" in first
    assert first.count("govuk-table__row") - 1 == 25
    assert second.count("govuk-table__row") - 1 == 5


@pytest.mark.parametrize(
    ("lang", "messages"),
    [
        ("en", ["Select the type of meeting", "Enter the day, month and year"]),
        ("cy", ["Dewiswch y math o gyfarfod", "Rhowch y diwrnod, y mis a’r flwyddyn"]),
    ],
)
def test_an_empty_meeting_form_says_what_to_do(client_as, forum_a, lang, messages):
    data = _meeting_post(kind="", held_on_0="", held_on_1="", held_on_2="")
    page = client_as("secretariat_a").post(f"/{lang}/forums/gwent/meetings/add/", data)
    text = page.content.decode()
    for message in messages:
        assert message in text
