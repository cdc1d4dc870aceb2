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


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashing():
    """Hashing a password properly takes most of a second, and nearly every test creates a
    user: the suite hashes with MD5, which only tests may do."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
def body_a(forum_a):
    """A commissioning body in forum A's region (Gwent)."""
    from commissioning.models import CommissioningBody
    from forums.models import LocalAuthority

    return CommissioningBody.objects.create(
        slug="newport",
        name_en="Newport City Council",
        name_cy="Cyngor Dinas Casnewydd",
        kind=CommissioningBody.Kind.LOCAL_AUTHORITY,
        region=forum_a,
        local_authority=LocalAuthority.objects.filter(name_en="Newport").first(),
    )


@pytest.fixture
def body_b(forum_b):
    """A commissioning body in forum B's region (West Wales)."""
    from commissioning.models import CommissioningBody

    return CommissioningBody.objects.create(
        slug="hywel-dda",
        name_en="Hywel Dda University Health Board",
        name_cy="Bwrdd Iechyd Prifysgol Hywel Dda",
        kind=CommissioningBody.Kind.HEALTH_BOARD,
        region=forum_b,
    )


@pytest.fixture
def commissioner(body_a):
    """The commissioner of body A."""
    user = UserFactory(name="Dai Commissioner", email="dai@example.org")
    RoleFactory(user=user, role=Role.COMMISSIONER, commissioning_body=body_a)
    return user


@pytest.fixture
def commissioner_b(body_b):
    user = UserFactory(name="Gwen Commissioner", email="gwen@example.org")
    RoleFactory(user=user, role=Role.COMMISSIONER, commissioning_body=body_b)
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
