"""A NUL or another control character in any text is refused with a message in the user's
language (never a server error), and the user's other input is kept."""

import pytest
from django.urls import reverse

from forums.models import Organisation
from svforum.forms import CONTROL_CHARACTERS_MESSAGE


@pytest.mark.parametrize("bad", ["Cwm\x00Care", "Cwm\x01Care", "Cwm\x7fCare"])
def test_an_organisation_name_with_a_control_character_is_refused(client_as, bad):
    response = client_as("secretariat_a").post(
        reverse("organisations:create"),
        {"name": bad, "legal_form": "trust", "sector": "third_sector", "address": "1 High St"},
    )
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert str(CONTROL_CHARACTERS_MESSAGE) in html
    assert "1 High St" in html  # the rest of what was typed is kept
    assert not Organisation.objects.filter(name__startswith="Cwm").exists()


def test_the_message_is_in_welsh_on_a_welsh_page(client_as):
    response = client_as("secretariat_a").post(
        "/cy/organisations/add/", {"name": "Cwm\x00Care", "legal_form": "trust"}
    )
    assert "Tynnwch y nodau rheoli" in response.content.decode()


def test_a_section_keeps_tabs_and_new_lines_but_refuses_a_nul(client_as, report):
    url = reverse("reporting:entry", args=[report.pk, 1])
    client = client_as("secretariat_a")
    refused = client.post(url, {"text": "One\x00two", "status": "in_progress", "revision": 0})
    assert "Remove the control characters" in refused.content.decode()
    saved = client.post(url, {"text": "One\ttwo\r\nthree", "status": "in_progress", "revision": 0})
    assert saved.status_code == 302
    assert report.entries.get(domain__number=1).text == "One\ttwo\r\nthree"


def test_a_nul_in_a_search_box_is_no_server_error(client_as, body_a, forum_a):
    client = client_as("commissioner")
    response = client.get(reverse("commissioning:body", args=[body_a.slug]), {"q": "care\x00"})
    assert response.status_code == 200
    admin = client_as("secretariat_a")
    listing = admin.get(reverse("organisations:list"), {"q": "care\x00"})
    assert listing.status_code == 200
