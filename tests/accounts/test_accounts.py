"""Signing in and out, password reset in the user's language, the roles page."""

import re

import pytest
from django.core import mail

from accounts.models import RoleAssignment
from forums import access as forum_access
from tests.factories import PASSWORD, UserFactory


def test_sign_in_with_email_and_land_in_the_preferred_language(client, db):
    UserFactory(email="gwen@example.org", preferred_language="cy")
    response = client.post(
        "/en/accounts/sign-in/", {"username": "GWEN@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/cy/"


def test_sign_in_keeps_the_page_asked_for(client, db):
    UserFactory(email="gwen@example.org", preferred_language="cy")
    response = client.post(
        "/en/accounts/sign-in/?next=/en/forums/",
        {"username": "gwen@example.org", "password": PASSWORD, "next": "/en/forums/"},
    )
    assert response["Location"] == "/en/forums/"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Enter a correct email address and password."),
        ("cy", "Rhowch gyfeiriad e-bost a chyfrinair cywir."),
    ],
)
def test_a_wrong_password_is_refused_in_the_pages_language(client, db, lang, message):
    UserFactory(email="gwen@example.org")
    response = client.post(
        f"/{lang}/accounts/sign-in/", {"username": "gwen@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "gwen@example.org" in response.content.decode()  # what was typed is kept


def test_pages_ask_anonymous_visitors_to_sign_in(client, db):
    response = client.get("/cy/forums/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cy/accounts/sign-in/?next=/cy/forums/")


def test_sign_out_is_a_post(client_as):
    client = client_as("analyst")
    assert client.get("/en/accounts/sign-out/").status_code == 405
    response = client.post("/en/accounts/sign-out/")
    assert response.status_code == 200
    assert "You have signed out" in response.content.decode()
    assert client.get("/en/").status_code == 302


@pytest.mark.parametrize(
    ("language", "subject", "prefix"),
    [
        ("en", "Reset your Social Value Forums password", "/en/"),
        ("cy", "Ailosod eich cyfrinair Fforymau Gwerth Cymdeithasol", "/cy/"),
    ],
)
def test_password_reset_email_is_in_the_recipients_language(client, db, language, subject, prefix):
    user = UserFactory(email="gwen@example.org", preferred_language=language)
    response = client.post("/en/accounts/password-reset/", {"email": "gwen@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == subject
    link = re.search(r"http://testserver(\S+)", message.body).group(1)
    assert link.startswith(prefix + "accounts/password-reset/")
    # The link works: it leads to a form that sets a new password.
    page = client.get(link, follow=True)
    assert page.status_code == 200
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase-9", "new_password2": "a-brand-new-passphrase-9"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase-9")


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post("/en/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_weak_new_passwords_are_refused_in_welsh(client, db):
    UserFactory(email="gwen@example.org", preferred_language="cy")
    client.post("/cy/accounts/password-reset/", {"email": "gwen@example.org"})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    page = client.post(form_url, {"new_password1": "12345", "new_password2": "12345"})
    text = page.content.decode()
    assert "Mae’r cyfrinair hwn yn rhy fyr." in text
    assert "Rhifau yn unig yw’r cyfrinair hwn." in text


def test_the_profile_page_lists_the_users_own_roles(client_as, secretariat_a):
    page = client_as("secretariat_a").get("/en/accounts/profile/").content.decode()
    assert "Forum secretariat" in page and "Gwent Social Value Forum" in page


def test_changing_the_preferred_language_moves_to_it(client_as, secretariat_a):
    response = client_as("secretariat_a").post(
        "/en/accounts/profile/", {"name": "Alice S", "preferred_language": "cy"}
    )
    assert response["Location"] == "/cy/accounts/profile/"
    secretariat_a.refresh_from_db()
    assert (secretariat_a.name, secretariat_a.preferred_language) == ("Alice S", "cy")


@pytest.mark.parametrize(
    "path", ["/en/forums/gwent/meetings/?kind=workshop", "/en/privacy/", "/en/accounts/profile/"]
)
def test_the_language_switch_leads_to_the_same_page_in_welsh(client_as, path):
    page = client_as("secretariat_a").get(path).content.decode()
    assert 'lang="en"' in page.split(">", 2)[1]
    welsh = path.replace("/en/", "/cy/", 1)
    assert f'href="{welsh}"'.replace("&", "&amp;") in page


def test_welsh_pages_say_so_and_switch_back(client_as):
    page = client_as("analyst").get("/cy/forums/").content.decode()
    assert '<html lang="cy"' in page
    assert 'href="/en/forums/"' in page
    assert "Fforymau" in page


def test_pages_send_a_content_security_policy_without_inline_scripts(client_as):
    response = client_as("analyst").get("/en/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()


def test_role_rules_are_database_constraints(db, forum_a):
    from django.core.exceptions import ValidationError

    user = UserFactory()
    with pytest.raises(ValidationError):
        RoleAssignment(user=user, role="secretariat").full_clean()
    with pytest.raises(ValidationError):
        RoleAssignment(user=user, role="analyst", forum=forum_a).full_clean()


def test_access_is_read_once_per_request(db, secretariat_a, forum_a, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert forum_access.can_edit_forum(secretariat_a, forum_a)
        assert forum_access.can_see_citizen_details(secretariat_a, forum_a)
        assert forum_access.can_edit_organisations(secretariat_a)
