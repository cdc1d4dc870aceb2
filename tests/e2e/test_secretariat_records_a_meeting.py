"""A secretariat signs in, records a meeting with attendance, and sees it counted on the
forum home — in English and in Welsh — with every page passing axe-core."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from forums.models import Meeting
from tests.factories import PASSWORD, CitizenFactory, MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, user, axe=None):
    page.goto("/en/accounts/sign-in/")
    if axe:
        axe.check(page, "en-sign-in")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/")


def meetings_total(page):
    table = page.locator(
        "table",
        has=page.locator(
            "caption", has_text=re.compile("Meetings held from|Cyfarfodydd a gynhaliwyd o")
        ),
    )
    return int(table.locator("tr").last.locator("td").inner_text())


def add_meeting(page, axe, *, lang, organisation, citizen, place, agenda_item):
    page.goto(f"/{lang}/forums/gwent/meetings/add/")
    axe.check(page, f"{lang}-meeting-form")
    page.get_by_label("Full forum" if lang == "en" else "Fforwm llawn").check()
    today = datetime.date.today()
    date_group = page.locator("#id_held_on")
    date_group.get_by_label("Day" if lang == "en" else "Diwrnod").fill(str(today.day))
    date_group.get_by_label("Month" if lang == "en" else "Mis").fill(str(today.month))
    date_group.get_by_label("Year" if lang == "en" else "Blwyddyn").fill(str(today.year))
    page.locator("#id_place").fill(place)
    page.get_by_label(organisation.name).check()
    page.get_by_label(citizen.name).check()
    page.locator("#id_agenda-0-title").fill(agenda_item)
    page.locator("input[name='agenda-0-principles'][value='co_production']").check()
    page.get_by_role("button", name="Save" if lang == "en" else "Cadw").click()
    page.wait_for_load_state()


def test_secretariat_adds_a_meeting_and_sees_it_counted(page, axe, secretariat_a, forum_a):
    organisation = OrganisationFactory(name="Afon Carers Trust")
    MembershipFactory(forum=forum_a, organisation=organisation)
    citizen = CitizenFactory(forum=forum_a, name="Participant GW01")

    sign_in(page, secretariat_a, axe=axe)
    axe.check(page, "en-home")

    page.goto("/en/forums/gwent/")
    axe.check(page, "en-forum-home-before")
    assert meetings_total(page) == 0

    # A mistake first: the error summary shows, and what was typed is kept.
    page.goto("/en/forums/gwent/meetings/add/")
    page.locator("#id_place").fill("Newport Library")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.locator("#id_place").input_value() == "Newport Library"
    axe.check(page, "en-meeting-form-errors")

    add_meeting(
        page,
        axe,
        lang="en",
        organisation=organisation,
        citizen=citizen,
        place="Newport Library",
        agenda_item="Commissioning update",
    )
    assert "has been added" in page.locator(".govuk-notification-banner").inner_text()
    expect(page.get_by_text("Afon Carers Trust").first).to_be_visible()
    axe.check(page, "en-meeting-detail")

    page.goto("/en/forums/gwent/")
    assert meetings_total(page) == 1
    axe.check(page, "en-forum-home-after")

    # The language switch leads to the same page in Welsh.
    page.get_by_role("link", name=re.compile("Cymraeg")).click()
    page.wait_for_url("**/cy/forums/gwent/")
    assert page.locator("html").get_attribute("lang") == "cy"
    expect(page.get_by_role("heading", name="Cyfarfodydd a gynhaliwyd")).to_be_visible()
    assert meetings_total(page) == 1
    axe.check(page, "cy-forum-home")

    add_meeting(
        page,
        axe,
        lang="cy",
        organisation=organisation,
        citizen=citizen,
        place="Llyfrgell Casnewydd",
        agenda_item="Diweddariad comisiynu",
    )
    assert "wedi’i ychwanegu" in page.locator(".govuk-notification-banner").inner_text()
    axe.check(page, "cy-meeting-detail")

    page.goto("/cy/forums/gwent/")
    assert meetings_total(page) == 2
    axe.check(page, "cy-forum-home-after")

    meeting = Meeting.objects.get(place="Llyfrgell Casnewydd")
    assert list(meeting.organisations_present.all()) == [organisation]
    assert list(meeting.citizens_present.all()) == [citizen]
    assert meeting.agenda_items.get().principles == ["co_production"]

    assert axe.violations == {}, "\n\n".join(f"{k}\n{v}" for k, v in axe.violations.items())


def test_every_kind_of_page_passes_axe(page, axe, secretariat_a, forum_a):
    membership = MembershipFactory(forum=forum_a)
    citizen = CitizenFactory(forum=forum_a)
    sign_in(page, secretariat_a)
    paths = [
        "/en/forums/",
        "/en/forums/gwent/edit/",
        "/en/forums/gwent/memberships/",
        f"/en/forums/gwent/memberships/{membership.pk}/",
        f"/en/forums/gwent/memberships/{membership.pk}/delete/",
        "/en/forums/gwent/memberships/add/",
        "/en/forums/gwent/memberships/import/",
        "/en/forums/gwent/citizens/",
        f"/cy/forums/gwent/citizens/{citizen.pk}/edit/",
        "/en/forums/gwent/meetings/",
        "/en/forums/gwent/projects/add/",
        "/en/organisations/",
        f"/en/organisations/{membership.organisation.pk}/",
        "/cy/organisations/add/",
        "/en/accounts/profile/",
        "/cy/accessibility/",
        "/en/privacy/",
        "/en/forums/west-wales/",
    ]
    for path in paths:
        page.goto(path)
        axe.check(page, path.strip("/").replace("/", "-"))
    assert axe.violations == {}, "\n\n".join(f"{k}\n{v}" for k, v in axe.violations.items())
