"""A form sent twice (a double click, a resend after a slow answer, the back button) makes
one record, and the second sending gets the first's result (svforum/once.py)."""

import datetime
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from forums.models import ForumMembership, Meeting, Organisation, Project
from reporting.models import Comment
from svforum.models import Submission
from svforum.once import ALREADY_SENT
from tests.factories import OrganisationFactory
from tests.forums.test_imports import MEMBER_HEADER, csv_file, upload
from tests.pages import posted_back, text_of


def _sent_twice(client, url, data):
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302, text_of(first)
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert str(ALREADY_SENT) in text_of(client.get(second["Location"]))
    return first


def test_a_meeting_added_twice_is_one_meeting(client_as, forum_a):
    client = client_as("secretariat_a")
    url = reverse("forums:meeting_create", args=[forum_a.slug])
    data = posted_back(client.get(url))
    assert "_once" in data
    data.update(
        {
            "kind": "full_forum",
            "held_on_0": "14",
            "held_on_1": "5",
            "held_on_2": "2026",
            "place": "Ebbw Vale Institute",
        }
    )
    _sent_twice(client, url, data)
    assert Meeting.objects.filter(forum=forum_a).count() == 1


def test_a_project_added_twice_is_one_project(client_as, forum_a):
    client = client_as("secretariat_a")
    url = reverse("forums:project_create", args=[forum_a.slug])
    data = posted_back(client.get(url))
    data.update(
        {
            "title": "Carers' café",
            "origin": "forum",
            "status": "active",
            "started_on_0": "1",
            "started_on_1": "4",
            "started_on_2": "2025",
        }
    )
    _sent_twice(client, url, data)
    assert Project.objects.filter(forum=forum_a).count() == 1


def test_an_organisation_added_twice_is_one_organisation(client_as):
    client = client_as("secretariat_a")
    url = reverse("organisations:create")
    data = posted_back(client.get(url))
    data.update(
        {
            "name": "Cwm Care Co-operative",
            "legal_form": "society",
            "sector": "cooperative",
            "section_16_category": "cooperative",
        }
    )
    _sent_twice(client, url, data)
    assert Organisation.objects.filter(name="Cwm Care Co-operative").count() == 1


def test_a_comment_sent_twice_is_one_comment(client_as, submitted_report):
    client = client_as("analyst")
    page = client.get(reverse("reporting:comment_add", args=[submitted_report.pk]))
    data = posted_back(page)
    data.update({"section": "3", "text": "Say more about prevention."})
    _sent_twice(client, reverse("reporting:comment_add", args=[submitted_report.pk]), data)
    assert Comment.objects.count() == 1


def test_an_import_confirmed_twice_writes_its_rows_once(client_as, forum_a):
    for name in ("Afon Carers Trust", "Bro Homes CIC", "Cwm Care"):
        OrganisationFactory(name=name)
    client = client_as("secretariat_a")
    url = reverse("forums:membership_import", args=[forum_a.slug])
    rows = [
        MEMBER_HEADER,
        "Afon Carers Trust,chair,2020-01-01,",
        "Bro Homes CIC,,01/04/2021,",
        "Cwm Care,,2022-09-01,",
    ]
    preview = upload(client, url, csv_file("\n".join(rows), "members.csv"))
    confirm = posted_back(preview)
    assert confirm["step"] == "confirm" and "_once" in confirm
    _sent_twice(client, url, confirm)
    assert ForumMembership.objects.filter(forum=forum_a).count() == 3


def test_a_form_with_errors_gives_its_token_back(client_as, forum_a):
    client = client_as("secretariat_a")
    url = reverse("forums:meeting_create", args=[forum_a.slug])
    data = posted_back(client.get(url))
    refused = client.post(url, {**data, "kind": "full_forum"})  # no date
    assert refused.status_code == 200
    assert not Submission.objects.exists()
    corrected = posted_back(refused)
    assert corrected["_once"] != data["_once"]
    corrected.update(
        {"held_on_0": "2", "held_on_1": "6", "held_on_2": "2026", "place": "Ebbw Vale Institute"}
    )
    assert client.post(url, corrected).status_code == 302
    assert Meeting.objects.get().held_on == datetime.date(2026, 6, 2)


def test_old_tokens_are_cleared(client_as, forum_a):
    Submission.objects.create(
        token=uuid.uuid4(),
        result="/en/",
        created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    client = client_as("secretariat_a")
    url = reverse("forums:meeting_create", args=[forum_a.slug])
    data = posted_back(client.get(url))
    data.update(
        {
            "kind": "workshop",
            "held_on_0": "2",
            "held_on_1": "6",
            "held_on_2": "2026",
            "online": "on",
        }
    )
    assert client.post(url, data).status_code == 302
    assert list(Submission.objects.values_list("token", flat=True)) == [uuid.UUID(data["_once"])]


def test_a_result_elsewhere_is_not_followed(client_as, forum_a):
    token = uuid.uuid4()
    Submission.objects.create(token=token, result="https://elsewhere.example/")
    response = client_as("secretariat_a").post(
        reverse("forums:meeting_create", args=[forum_a.slug]), {"_once": str(token)}
    )
    assert "elsewhere" not in response["Location"]


def test_every_form_that_posts_carries_a_token():
    """Every <form method="post"> of the service's pages has its one-time token, except
    the sign-out button in the header of every page."""
    missing = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = path.read_text()
        for form in re.findall(r'<form[^>]*method="post".*?</form>', text, re.S):
            if "{% once %}" not in form and "accounts:logout" not in form:
                missing.append(str(path.relative_to(settings.BASE_DIR)))
    assert missing == []
