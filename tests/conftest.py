"""Personas shared by every test: the secretariats of two forums, an analyst, a commissioner,
an administrator and an anonymous visitor. Forum A is Gwent, forum B is West Wales (both
created by the reference-data migration)."""

import pytest
from django.test import Client
from django.utils import translation

from accounts.models import RoleAssignment
from forums.models import Forum
from tests.factories import RoleFactory, UserFactory

Role = RoleAssignment.Role


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English: a Welsh page must not leak its language into the next."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def forum_a(db):
    return Forum.objects.get(slug="gwent")


@pytest.fixture
def forum_b(db):
    return Forum.objects.get(slug="west-wales")


@pytest.fixture
def secretariat_a(forum_a):
    user = UserFactory(name="Alice Secretariat", email="alice@example.org")
    RoleFactory(user=user, role=Role.SECRETARIAT, forum=forum_a)
    return user


@pytest.fixture
def secretariat_b(forum_b):
    user = UserFactory(name="Bob Secretariat", email="bob@example.org")
    RoleFactory(user=user, role=Role.SECRETARIAT, forum=forum_b)
    return user


@pytest.fixture
def analyst(db):
    user = UserFactory(name="Carys Analyst", email="carys@example.org")
    RoleFactory(user=user, role=Role.ANALYST)
    return user


@pytest.fixture
def commissioner(db):
    user = UserFactory(name="Dai Commissioner", email="dai@example.org")
    RoleFactory(user=user, role=Role.COMMISSIONER)
    return user


@pytest.fixture
def administrator(db):
    user = UserFactory(name="Elin Admin", email="elin@example.org", is_staff=True)
    RoleFactory(user=user, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def no_role_user(db):
    return UserFactory(name="Ffion Nobody", email="ffion@example.org")


PERSONAS = [
    "secretariat_a",
    "secretariat_b",
    "analyst",
    "commissioner",
    "administrator",
    "anonymous",
]


@pytest.fixture
def client_as(request, db):
    """client_as("analyst") → a Client signed in as that persona (or anonymous)."""

    def make(persona):
        client = Client()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        return client

    return make
