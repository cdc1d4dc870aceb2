"""Who gets what on every forums and organisations page: 200, 403, 404, 405 or sign-in.

Forum B's secretariat gets 404 on anything of forum A's (existence does not leak);
analysts may read every forum but change nothing and never see citizens' details (403);
commissioners have no forum records (404) but read the shared organisation register.
"""

import pytest
from django.urls import reverse

from tests.conftest import PERSONAS
from tests.factories import (
    CitizenFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
)

READ = {
    "secretariat_a": 200,
    "secretariat_b": 404,
    "analyst": 200,
    "commissioner": 404,
    "administrator": 200,
    "anonymous": 302,
}
WRITE = {**READ, "analyst": 403}
CITIZENS = {**READ, "analyst": 403}
REGISTER_READ = {
    "secretariat_a": 200,
    "secretariat_b": 200,
    "analyst": 200,
    "commissioner": 200,
    "administrator": 200,
    "anonymous": 302,
}
REGISTER_WRITE = {**REGISTER_READ, "analyst": 403, "commissioner": 403}
REGISTER_DELETE = {**REGISTER_WRITE, "secretariat_a": 403, "secretariat_b": 403}
EVERYONE = REGISTER_READ


@pytest.fixture
def records(forum_a):
    membership = MembershipFactory(forum=forum_a)
    return {
        "forummembership": membership,
        "citizen": CitizenFactory(forum=forum_a),
        "meeting": MeetingFactory(forum=forum_a),
        "project": ProjectFactory(forum=forum_a),
        "organisation": membership.organisation,
        "spare_organisation": OrganisationFactory(),
    }


def _cases():
    cases = [
        ("home", lambda r: [], EVERYONE),
        ("accounts:profile", lambda r: [], EVERYONE),
        ("forums:list", lambda r: [], EVERYONE),
        ("forums:home", lambda r: ["gwent"], READ),
        ("forums:edit", lambda r: ["gwent"], WRITE),
        ("forums:membership_import", lambda r: ["gwent"], WRITE),
        ("forums:membership_export", lambda r: ["gwent", "csv"], READ),
        ("forums:membership_template", lambda r: ["gwent", "xlsx"], READ),
        ("organisations:list", lambda r: [], REGISTER_READ),
        ("organisations:export", lambda r: ["xlsx"], REGISTER_READ),
        ("organisations:template", lambda r: ["csv"], REGISTER_READ),
        ("organisations:detail", lambda r: [r["organisation"].pk], REGISTER_READ),
        ("organisations:create", lambda r: [], REGISTER_WRITE),
        ("organisations:import", lambda r: [], REGISTER_WRITE),
        ("organisations:edit", lambda r: [r["organisation"].pk], REGISTER_WRITE),
        ("organisations:delete", lambda r: [r["spare_organisation"].pk], REGISTER_DELETE),
    ]
    for model in ("forummembership", "citizen", "meeting", "project"):
        read = CITIZENS if model == "citizen" else READ
        write = CITIZENS if model == "citizen" else WRITE
        cases += [
            (f"forums:{model}_list", lambda r: ["gwent"], read),
            (f"forums:{model}_create", lambda r: ["gwent"], write),
            (f"forums:{model}_detail", lambda r, m=model: ["gwent", r[m].pk], read),
            (f"forums:{model}_edit", lambda r, m=model: ["gwent", r[m].pk], write),
            (f"forums:{model}_delete", lambda r, m=model: ["gwent", r[m].pk], write),
        ]
    return cases


CASES = _cases()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "args", "expected"), CASES, ids=[c[0] for c in CASES])
def test_get_permission_matrix(client_as, records, persona, name, args, expected):
    response = client_as(persona).get(reverse(name, args=args(records)))
    assert response.status_code == expected[persona]
    if expected[persona] == 302:
        assert "/accounts/sign-in/" in response["Location"]


READ_ONLY_VIEWS = [
    c
    for c in CASES
    if c[2] in (READ, CITIZENS, REGISTER_READ, EVERYONE)
    and not c[0].endswith(("_edit", "_create", "_delete", "import", ":edit"))
    and c[0] != "accounts:profile"
]


@pytest.mark.parametrize(
    ("name", "args", "expected"), READ_ONLY_VIEWS, ids=[c[0] for c in READ_ONLY_VIEWS]
)
def test_read_only_pages_refuse_post(client_as, records, name, args, expected):
    response = client_as("administrator").post(reverse(name, args=args(records)))
    assert response.status_code == 405


def test_edit_pages_refuse_put(client_as, records):
    url = reverse("forums:meeting_edit", args=["gwent", records["meeting"].pk])
    assert client_as("secretariat_a").put(url).status_code == 405


def test_a_user_without_a_role_cannot_see_the_register(client, no_role_user):
    client.force_login(no_role_user)
    assert client.get(reverse("organisations:list")).status_code == 404
    assert client.get(reverse("forums:home", args=["gwent"])).status_code == 404


def test_forum_b_record_under_forum_a_url_is_not_found(client_as, forum_b):
    meeting_b = MeetingFactory(forum=forum_b)
    response = client_as("secretariat_a").get(
        reverse("forums:meeting_detail", args=["gwent", meeting_b.pk])
    )
    assert response.status_code == 404


def test_analysts_never_see_a_citizens_name(client_as, forum_a):
    citizen = CitizenFactory(forum=forum_a, name="Gwenllian Secretname")
    meeting = MeetingFactory(forum=forum_a)
    meeting.citizens_present.add(citizen)
    client = client_as("analyst")
    pages = [
        reverse("forums:home", args=["gwent"]),
        reverse("forums:meeting_list", args=["gwent"]),
        reverse("forums:meeting_detail", args=["gwent", meeting.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        assert "Gwenllian Secretname" not in response.content.decode()
    # …while the forum's own secretariat does see it.
    own = client_as("secretariat_a").get(pages[2]).content.decode()
    assert "Gwenllian Secretname" in own
