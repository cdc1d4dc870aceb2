"""Password resets are throttled: a few emails an hour for one address typed, a few more
from one connection; beyond that no email is sent and the page says so."""

from django.core import mail
from django.test import Client

from tests.factories import UserFactory

RESET = "/en/accounts/password-reset/"


def test_ten_resets_for_one_address_send_three_emails(db, settings):
    UserFactory(email="gwen@example.org")
    client = Client()
    answers = [client.post(RESET, {"email": "gwen@example.org"}).status_code for _ in range(10)]
    assert answers == [302] * 3 + [429] * 7
    assert len(mail.outbox) == settings.PASSWORD_RESETS_PER_HOUR == 3
    page = client.post(RESET, {"email": "GWEN@example.org"})
    assert "Too many password resets" in page.content.decode()
    assert len(mail.outbox) == 3


def test_an_unknown_address_is_throttled_the_same(db):
    """So the throttle does not tell whether an address has an account."""
    client = Client()
    answers = [client.post(RESET, {"email": "nobody@example.org"}).status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]


def test_one_connection_asking_for_many_addresses_is_throttled(db, settings):
    for n in range(12):
        UserFactory(email=f"person{n}@example.org")
    answers = [
        Client()
        .post(RESET, {"email": f"person{n}@example.org"}, REMOTE_ADDR="10.1.1.1")
        .status_code
        for n in range(12)
    ]
    limit = settings.PASSWORD_RESETS_PER_HOUR_FROM_ADDRESS
    assert answers == [302] * limit + [429] * (12 - limit)
    assert len(mail.outbox) == limit
    # Another connection is not held back.
    assert (
        Client().post(RESET, {"email": "person11@example.org"}, REMOTE_ADDR="10.1.1.2").status_code
        == 302
    )


def test_the_page_is_in_welsh(db):
    client = Client()
    for _ in range(3):
        client.post("/cy/accounts/password-reset/", {"email": "gwen@example.org"})
    page = client.post("/cy/accounts/password-reset/", {"email": "gwen@example.org"})
    assert page.status_code == 429
    assert 'lang="cy"' in page.content.decode()
    assert "Too many password resets" not in page.content.decode()
