"""Guessing passwords is throttled, on the service's sign-in and the admin's: after the
limit, even the right password is refused for a while, with a page saying so."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def person(db):
    return UserFactory(email="rhiannon@example.org", name="Rhiannon Price", is_staff=True)


def _sign_in(client, email, password, path=None, **extra):
    return client.post(
        path or reverse("accounts:login"), {"username": email, "password": password}, **extra
    )


def test_wrong_passwords_then_the_right_one_is_refused(person, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, person.email, "wrong password").status_code == 200
    # The try that reaches the limit is refused already, and so is the right password.
    assert _sign_in(client, person.email, "wrong password").status_code == 429
    locked = _sign_in(client, person.email, PASSWORD)
    assert locked.status_code == 429
    assert "Too many tries to sign in" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_page_is_in_welsh_on_a_welsh_sign_in(person, settings):
    client = Client()
    path = "/cy/accounts/sign-in/"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, person.email, "wrong", path=path)
    locked = _sign_in(client, person.email, PASSWORD, path=path)
    assert locked.status_code == 429
    assert 'lang="cy"' in locked.content.decode()


def test_the_account_is_throttled_from_any_address(person, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), person.email, "wrong", REMOTE_ADDR=f"10.0.0.{n}")
    assert _sign_in(Client(), person.email, PASSWORD, REMOTE_ADDR="10.0.1.1").status_code == 429


def test_the_admin_sign_in_is_throttled_too(person, settings):
    client = Client()
    path = "/en/admin/login/"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(path, {"username": person.email, "password": "wrong"})
    locked = client.post(path, {"username": person.email, "password": PASSWORD})
    assert locked.status_code == 429


def test_a_right_password_within_the_limit_signs_in_and_resets_the_count(person, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, person.email, "wrong")
    assert _sign_in(client, person.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, person.email, "wrong")
    assert _sign_in(client, person.email, PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_is_the_one_it_reports(settings, rf):
    from accounts.signin import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 81.2.69.160", REMOTE_ADDR="10.0.0.1")
    settings.BEHIND_TLS_PROXY = True
    assert client_ip(request) == "81.2.69.160"
    settings.BEHIND_TLS_PROXY = False
    assert client_ip(request) == "10.0.0.1"


def test_one_accounts_failures_do_not_lock_out_another(person, settings):
    other = UserFactory(email="dylan@example.org", name="Dylan Morgan")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), person.email.upper(), "wrong", REMOTE_ADDR=f"10.0.0.{n}")
    assert _sign_in(Client(), other.email, PASSWORD, REMOTE_ADDR="10.0.9.9").status_code == 302
    # ... while the account guessed at is paused, whatever the case it is typed in.
    assert _sign_in(Client(), person.email, PASSWORD, REMOTE_ADDR="10.0.9.8").status_code == 429


def _as_if_minutes_ago(minutes):
    """Every try so far, moved back in time."""
    from axes.models import AccessAttempt, AccessFailureLog

    for model in (AccessAttempt, AccessFailureLog):
        for row in model.objects.all():
            model.objects.filter(pk=row.pk).update(
                attempt_time=row.attempt_time - datetime.timedelta(minutes=minutes)
            )


def test_the_pause_grows_with_each_lockout(person, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, person.email, "wrong")
    first = _sign_in(client, person.email, PASSWORD)
    assert "paused for 15 minutes" in first.content.decode()

    _as_if_minutes_ago(20)  # the first pause is over
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, person.email, "wrong").status_code == 200
    second = _sign_in(client, person.email, "wrong")
    assert second.status_code == 429
    assert "paused for 30 minutes" in second.content.decode()

    _as_if_minutes_ago(20)  # longer than the first pause, not the second
    assert _sign_in(client, person.email, PASSWORD).status_code == 429


def test_the_pause_stops_growing(person, settings, rf):
    from axes.models import AccessFailureLog

    from accounts.signin import LONGEST_PAUSE_FACTOR, cool_off

    for _ in range(settings.AXES_FAILURE_LIMIT * 40):
        AccessFailureLog.objects.create(
            username=person.email, ip_address="10.0.0.1", locked_out=True, user_agent="x"
        )
    request = rf.post("/", {"username": person.email}, REMOTE_ADDR="10.0.0.2")
    assert cool_off(request) == datetime.timedelta(
        minutes=settings.SIGN_IN_COOLOFF_MINUTES * LONGEST_PAUSE_FACTOR
    )
