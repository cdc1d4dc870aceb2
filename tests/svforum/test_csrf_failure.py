"""A form sent without its security token gets the service's own page, in the user's
language, saying what to do."""

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Your form could not be sent"), ("cy", "Nid oedd modd anfon eich ffurflen")],
)
def test_a_form_without_its_token_gets_a_page_in_the_users_language(
    secretariat_a, forum_a, language, words
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat_a)
    url = reverse("forums:edit", args=[forum_a.slug]).replace("/en/", f"/{language}/")
    response = client.post(url, {"alternative_name": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert words in html
    assert f'lang="{language}"' in html
    assert "govuk-footer" in html  # the service's layout, not Django's bare page
