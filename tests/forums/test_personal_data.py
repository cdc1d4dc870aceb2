"""A citizen's personal data as the ICO expects: everything held exported on request, the
name erased everywhere (record, audit trail, history, texts) on request, on deletion or
after the forum's retention period — and nothing of another forum touched."""

import datetime
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from accounts.models import AuditEvent
from forums.models import Citizen, Meeting
from reporting.models import CaseStudy
from tests.conftest import PERSONAS
from tests.factories import CitizenFactory, MeetingFactory
from tests.pages import posted_back, text_of

NAME = "Dewi Prosser"


def _everywhere(text):
    """Every row of every table (histories and the audit trail included) holding ``text``
    in a text column, as (table, pk)."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                rows = model._base_manager.filter(**{f"{field.name}__icontains": text})
                found += [(model._meta.db_table, pk) for pk in rows.values_list("pk", flat=True)]
    return found


@pytest.fixture
def dewi(client_as, forum_a, report):
    """Dewi, added and changed through the pages, at a meeting whose minutes and history
    name him, and named in a case study of the forum's report."""
    client = client_as("secretariat_a")
    url = reverse("forums:citizen_create", args=[forum_a.slug])
    data = posted_back(client.get(url))
    data.update(
        {
            "name": NAME,
            "role": "carer",
            "preferred_language": "cy",
            "joined_on_0": "1",
            "joined_on_1": "5",
            "joined_on_2": "2021",
            "consent_given_on_0": "1",
            "consent_given_on_1": "5",
            "consent_given_on_2": "2021",
            "consent_purpose": "Taking part in the forum",
            "consent_wording_version": "v2",
            "contact": "dewi@example.org",
        }
    )
    assert client.post(url, data).status_code == 302
    citizen = Citizen.objects.get(name=NAME)
    edit = reverse("forums:citizen_edit", args=[forum_a.slug, citizen.pk])
    data = posted_back(client.get(edit))
    data["contact"] = "07700 900123"
    assert client.post(edit, data).status_code == 302

    meeting = MeetingFactory(forum=forum_a, held_on=datetime.date(2025, 5, 1))
    meeting.citizens_present.add(citizen)
    meeting_edit = reverse("forums:meeting_edit", args=[forum_a.slug, meeting.pk])
    data = posted_back(client.get(meeting_edit))
    data["minutes"] = f"{NAME} spoke about respite care. Action: {NAME.split()[0]} to write up."
    assert client.post(meeting_edit, data).status_code == 302
    CaseStudy.objects.create(
        report=report,
        title="Respite at home",
        summary=f"Carers such as {NAME} shaped the service.",
        started_on=datetime.date(2024, 1, 1),
    )
    return Citizen.objects.get(pk=citizen.pk)


def test_the_subject_access_export_holds_everything(client_as, forum_a, dewi):
    response = client_as("secretariat_a").get(
        reverse("forums:citizen_export", args=[forum_a.slug, dewi.pk])
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["citizen"]["name"] == NAME
    assert data["citizen"]["contact"] == "07700 900123"
    assert data["citizen"]["consent_wording_version"] == "v2"
    assert [m["held_on"] for m in data["meetings_attended"]] == ["2025-05-01"]
    assert [e["action"] for e in data["audit_trail"]] == ["created", "changed"]
    assert {e["who"] for e in data["audit_trail"]} == {"Alice Secretariat"}
    named = {item["record_type"] for item in data["named_in"]}
    assert {"meeting", "case study", "historical meeting"} <= named


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_forums_secretariat_and_administrators_export_or_erase(
    client_as, forum_a, persona
):
    citizen = CitizenFactory(forum=forum_a, name=NAME)
    expected = {"secretariat_a": 200, "administrator": 200, "anonymous": 302}
    for name in ("citizen_export", "citizen_erase"):
        response = client_as(persona).get(
            reverse(f"forums:{name}", args=[forum_a.slug, citizen.pk])
        )
        assert response.status_code in (
            [expected[persona]] if persona in expected else [403, 404]
        ), (name, persona)
        if response.status_code != 200:
            assert NAME not in response.content.decode()


def test_erasure_leaves_the_name_nowhere(client_as, forum_a, forum_b, dewi, secretariat_a):
    namesake = CitizenFactory(forum=forum_b, name=NAME)  # another forum's: not touched
    assert len(_everywhere(NAME)) >= 8
    client = client_as("secretariat_a")
    url = reverse("forums:citizen_erase", args=[forum_a.slug, dewi.pk])
    page = text_of(client.get(url))
    assert "Where the name appears now" in page and "Respite at home" in page
    # "Dewi to write up": a first name alone is left for the secretariat to judge.
    assert "Check these for part of the name" in page

    refused = client.post(url, posted_back(client.get(url)))
    assert "Say why the name is being erased" in text_of(refused)
    assert Citizen.objects.get(pk=dewi.pk).name == NAME

    data = posted_back(client.get(url))
    data["reason"] = "Asked to be forgotten, email of 3 May 2026"
    response = client.post(url, data, follow=True)
    assert "The name has been erased" in text_of(response)

    assert _everywhere(NAME) == [("forums_citizen", namesake.pk)]
    assert _everywhere("Prosser") == [("forums_citizen", namesake.pk)]
    erased = Citizen.objects.get(pk=dewi.pk)
    assert (erased.name, erased.contact, erased.erased_on) == (
        f"C-{dewi.pk:05d}",
        "",
        datetime.date.today(),
    )
    assert list(erased.meetings_attended.all()) == list(Meeting.objects.filter(forum=forum_a))
    assert erased.name in Meeting.objects.get(forum=forum_a).minutes
    event = AuditEvent.objects.get(action=AuditEvent.Action.ERASE)
    assert (event.actor, event.object_repr, event.detail) == (
        secretariat_a,
        erased.name,
        "Asked to be forgotten, email of 3 May 2026",
    )
    assert "was erased on" in text_of(client.get(erased.get_absolute_url()))


def test_deleting_a_citizen_erases_the_name_too(client_as, forum_a, dewi):
    client = client_as("secretariat_a")
    url = reverse("forums:citizen_delete", args=[forum_a.slug, dewi.pk])
    assert client.post(url, posted_back(client.get(url))).status_code == 302
    assert not Citizen.objects.filter(pk=dewi.pk).exists()
    assert _everywhere(NAME) == []


def test_the_forums_retention_period_flags_then_erases(client_as, forum_a, forum_b):
    today = datetime.date.today()
    long_gone = CitizenFactory(
        forum=forum_a,
        name="Gwyn Owen",
        joined_on=datetime.date(1990, 1, 1),
        left_on=today.replace(year=today.year - 7),
    )
    recent = CitizenFactory(
        forum=forum_a,
        name="Nia Rees",
        joined_on=datetime.date(1990, 1, 1),
        left_on=today.replace(year=today.year - 2),
    )
    client = client_as("secretariat_a")
    citizens = reverse("forums:citizen_list", args=[forum_a.slug])
    assert "longer ago than the forum keeps names for" not in text_of(client.get(citizens))

    edit = reverse("forums:edit", args=[forum_a.slug])
    data = posted_back(client.get(edit))
    data["citizen_retention_years"] = "6"
    assert client.post(edit, data).status_code == 302
    assert "1 citizen left longer ago" in text_of(client.get(citizens))

    due = reverse("forums:citizens_due", args=[forum_a.slug])
    page = text_of(client.get(due))
    assert "Gwyn Owen" in page and "Nia Rees" not in page
    assert client.post(due, posted_back(client.get(due))).status_code == 302
    long_gone.refresh_from_db()
    recent.refresh_from_db()
    assert (long_gone.name, recent.name) == (f"C-{long_gone.pk:05d}", "Nia Rees")
    assert "No citizen is due for erasure" in text_of(client.get(due))


def test_the_daily_clean_up_erases_those_due(forum_a, forum_b, capsys):
    today = datetime.date.today()
    forum_b.citizen_retention_years = 3
    forum_b.save()
    due = CitizenFactory(
        forum=forum_b,
        name="Aled Hughes",
        joined_on=datetime.date(1990, 1, 1),
        left_on=today.replace(year=2000),
    )
    kept = CitizenFactory(
        forum=forum_a,
        name="Siân Lloyd",
        joined_on=datetime.date(1990, 1, 1),
        left_on=today.replace(year=2000),
    )
    call_command("apply_retention", "--dry-run")
    assert Citizen.objects.get(pk=due.pk).name == "Aled Hughes"
    call_command("apply_retention")
    assert "1 citizens erased." in capsys.readouterr().out
    assert Citizen.objects.get(pk=due.pk).name == f"C-{due.pk:05d}"
    assert Citizen.objects.get(pk=kept.pk).name == "Siân Lloyd"  # forum A set no period
    assert AuditEvent.objects.get(action="erase").actor is None


def test_the_retention_period_is_checked(client_as, forum_a):
    client = client_as("secretariat_a")
    edit = reverse("forums:edit", args=[forum_a.slug])
    data = posted_back(client.get(edit))
    data["citizen_retention_years"] = "0"
    response = client.post(edit, data)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/en/privacy/", ["How long we keep it", "replaces it with a pseudonym"]),
        ("/cy/privacy/", ["Am ba hyd rydym yn ei gadw", "ffugenw"]),
    ],
)
def test_the_privacy_notice_says_how_long_and_how_names_are_erased(client, db, path, said):
    page = text_of(client.get(path))
    for words in said:
        assert words in page


def test_documents_built_from_the_forums_texts_are_dropped(
    client_as,
    settings,
    tmp_path,
    forum_a,
    submitted_report,
    secretariat_a,
    django_capture_on_commit_callbacks,
):
    from django.core.files.base import ContentFile

    from analysis.models import AnalysisDocument
    from forums import personal_data
    from reporting.models import ReportPDF

    settings.MEDIA_ROOT = tmp_path
    citizen = CitizenFactory(forum=forum_a, name=NAME)
    assert (
        client_as("analyst")
        .get(reverse("reporting:pdf", args=[submitted_report.pk, "en"]))
        .status_code
        == 200
    )
    stored = ReportPDF.objects.get()
    document = AnalysisDocument.objects.create(
        cycle=submitted_report.cycle, language="en", fingerprint="f" * 64, status="ready"
    )
    document.file.save("national.pdf", ContentFile(b"%PDF-1.4"), save=True)
    files = [stored.file.path, document.file.path]

    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase_citizen(citizen=citizen, by=secretariat_a, reason="Asked")
    assert not ReportPDF.objects.exists() and not AnalysisDocument.objects.exists()
    assert not any(Path(f).exists() for f in files)
