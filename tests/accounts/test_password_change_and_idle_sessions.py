"""A signed-in user changes their password; a session left idle is signed out."""

import time

from django.urls import reverse

from accounts.middleware import LAST_SEEN
from accounts.models import AuditEvent
from tests.factories import PASSWORD


def test_a_signed_in_user_changes_their_password(client_as, secretariat_a):
    client = client_as("secretariat_a")
    url = reverse("accounts:password_change")
    assert "Change your password" in client.get(reverse("accounts:profile")).content.decode()
    refused = client.post(
        url,
        {
            "old_password": "not the password",
            "new_password1": "a kettle of green tea",
            "new_password2": "a kettle of green tea",
        },
    )
    assert refused.status_code == 200 and "Your old password was entered incorrectly" in (
        refused.content.decode()
    )
    done = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "a kettle of green tea",
            "new_password2": "a kettle of green tea",
        },
    )
    assert done.status_code == 302
    secretariat_a.refresh_from_db()
    assert secretariat_a.check_password("a kettle of green tea")
    assert client.get(reverse("accounts:profile")).status_code == 200  # still signed in
    assert AuditEvent.objects.filter(actor=secretariat_a, detail="password").exists()


def test_a_new_password_like_the_users_name_is_refused(client_as, secretariat_a):
    response = client_as("secretariat_a").post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": secretariat_a.name,
            "new_password2": secretariat_a.name,
        },
    )
    assert "too similar" in response.content.decode()


def test_a_session_left_idle_is_signed_out(client_as, settings):
    client = client_as("secretariat_a")
    profile = reverse("accounts:profile")
    assert client.get(profile).status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    response = client.get(profile)
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    assert client.get(profile).status_code == 302  # signed out for good
    page = client.get(response.url).content.decode()
    assert "You were signed out after 120 minutes" in page


def test_a_session_in_use_stays_signed_in(client_as, settings):
    client = client_as("secretariat_a")
    profile = reverse("accounts:profile")
    client.get(profile)
    session = client.session
    session[LAST_SEEN] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 + 60
    session.save()
    assert client.get(profile).status_code == 200
