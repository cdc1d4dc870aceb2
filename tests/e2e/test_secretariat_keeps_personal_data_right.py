"""In a real browser: two people of a secretariat change the same meeting and the second
sees both versions with nothing lost; then the secretariat downloads a citizen's personal
data and erases their name. Every page passes axe-core; screenshots are kept."""

import datetime
import json
from pathlib import Path

import pytest

from forums.models import Citizen, Meeting
from tests.e2e.test_secretariat_records_a_meeting import sign_in
from tests.factories import CitizenFactory, MeetingFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_two_people_change_one_meeting(browser, page, live_server, axe, secretariat_a, forum_a):
    meeting = MeetingFactory(forum=forum_a, held_on=datetime.date(2026, 5, 14))
    url = f"/en/forums/gwent/meetings/{meeting.pk}/edit/"
    second_person = browser.new_context(base_url=live_server.url)
    try:
        _edit_at_once(page, second_person.new_page(), axe, url, meeting, secretariat_a)
    finally:
        second_person.close()  # before the live server stops
    assert axe.violations == {}


def _edit_at_once(page, other, axe, url, meeting, user):
    for tab in (page, other):
        sign_in(tab, user)
        tab.goto(url)
    page.locator("#id_minutes").fill("Agreed the carers' week plan.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")

    other.locator("#id_minutes").fill("Agreed to book the hall for May.")
    other.get_by_role("button", name="Save").click()
    other.wait_for_load_state()
    axe.check(other, "en-edit-conflict")
    assert "Someone else saved this while you were editing it" in other.content()
    assert "Agreed the carers" in other.locator(".svf-conflict").inner_text()
    assert other.locator("#id_minutes").input_value() == "Agreed to book the hall for May."
    assert Meeting.objects.get(pk=meeting.pk).minutes == "Agreed the carers' week plan."

    other.locator("#id_minutes").fill("Agreed the carers' week plan, and to book the hall.")
    other.get_by_role("button", name="Save").click()
    other.wait_for_url(f"**/meetings/{meeting.pk}/")
    assert Meeting.objects.get(pk=meeting.pk).minutes.endswith("to book the hall.")


def test_a_citizens_data_is_downloaded_then_erased(page, axe, secretariat_a, forum_a):
    citizen = CitizenFactory(forum=forum_a, name="Dewi Prosser", contact="dewi@example.org")
    sign_in(page, secretariat_a)
    for lang in ("en", "cy"):
        page.goto(f"/{lang}/forums/gwent/citizens/{citizen.pk}/")
        axe.check(page, f"{lang}-citizen")
    page.goto(f"/en/forums/gwent/citizens/{citizen.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything held about them").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["citizen"]["contact"] == "dewi@example.org"

    page.get_by_role("link", name="Erase their name").click()
    axe.check(page, "en-citizen-erase")
    page.get_by_role("button", name="Erase the name").click()
    page.wait_for_load_state()
    axe.check(page, "en-citizen-erase-refused")
    assert "Say why the name is being erased" in page.content()
    page.get_by_label("Why is the name being erased?").fill("Asked to be forgotten")
    page.get_by_role("button", name="Erase the name").click()
    page.wait_for_url(f"**/citizens/{citizen.pk}/")
    axe.check(page, "en-citizen-erased")
    assert Citizen.objects.get(pk=citizen.pk).name == f"C-{citizen.pk:05d}"

    forum_a.citizen_retention_years = 3
    forum_a.save()
    CitizenFactory(
        forum=forum_a,
        name="Gwyn Owen",
        joined_on=datetime.date(2010, 1, 1),
        left_on=datetime.date(2015, 1, 1),
    )
    for lang in ("en", "cy"):
        page.goto(f"/{lang}/forums/gwent/citizens/")
        axe.check(page, f"{lang}-citizens-due-banner")
        page.goto(f"/{lang}/forums/gwent/citizens/due-for-erasure/")
        axe.check(page, f"{lang}-citizens-due")
    assert axe.violations == {}
