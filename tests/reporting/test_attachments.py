"""Evidence attachments: type checked by content, size limited, served only to those who may
see the report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting.models import Attachment
from tests.conftest import PERSONAS

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, report, name, content, number=3):
    return client.post(
        reverse("reporting:attachment_add", args=[report.pk, number]),
        {"file": SimpleUploadedFile(name, content), "description": "Minutes"},
    )


@pytest.mark.parametrize(
    ("name", "content", "kind"), [("minutes.pdf", PDF, "pdf"), ("photo.PNG", PNG, "png")]
)
def test_a_secretariat_attaches_evidence_to_a_domain(client_as, report, name, content, kind):
    client = client_as("secretariat_a")
    response = upload(client, report, name, content)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.kind, attachment.entry.domain.number) == (
        name,
        kind,
        3,
    )
    assert name not in attachment.file.name  # stored under a random name
    download = client.get(reverse("reporting:attachment", args=[report.pk, attachment.pk]))
    assert b"".join(download.streaming_content) == content
    assert name in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "minutes.pdf",
            b"MZ\x90\x00 a program",
            "The file must be a PDF, DOCX, XLSX, ODT, PNG, JPG file.",
        ),
        ("minutes.exe", PDF, "The file must be a PDF, DOCX, XLSX, ODT, PNG, JPG file."),
        ("photo.jpg", PNG, "The file must be a PDF, DOCX, XLSX, ODT, PNG, JPG file."),
        ("big.pdf", PDF + b"0" * (10 * 1024 * 1024), "The file must be smaller than"),
    ],
)
def test_disguised_or_oversized_files_are_refused(client_as, report, name, content, message):
    response = upload(client_as("secretariat_a"), report, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_evidence_of_a_draft_is_served_only_to_its_forum(client_as, report, persona):
    upload(client_as("secretariat_a"), report, "minutes.pdf", PDF)
    attachment = Attachment.objects.get()
    expected = {
        "secretariat_a": 200,
        "secretariat_b": 404,
        "analyst": 404,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    response = client_as(persona).get(
        reverse("reporting:attachment", args=[report.pk, attachment.pk])
    )
    assert response.status_code == expected[persona]


def test_analysts_download_the_evidence_of_a_submitted_report(client_as, report, secretariat_a):
    from reporting import services
    from tests.reporting.conftest import complete

    upload(client_as("secretariat_a"), report, "minutes.pdf", PDF)
    complete(report, secretariat_a)
    services.submit_report(report=report, by=secretariat_a)
    attachment = Attachment.objects.get()
    client = client_as("analyst")
    assert (
        client.get(reverse("reporting:attachment", args=[report.pk, attachment.pk])).status_code
        == 200
    )
    # …but neither they nor the secretariat can add or delete evidence any more.
    assert (
        client.post(
            reverse("reporting:attachment_delete", args=[report.pk, attachment.pk])
        ).status_code
        == 403
    )
    own = client_as("secretariat_a")
    assert (
        own.post(
            reverse("reporting:attachment_delete", args=[report.pk, attachment.pk])
        ).status_code
        == 302
    )
    assert upload(own, report, "more.pdf", PDF).status_code == 302
    assert Attachment.objects.count() == 1


def test_deleting_evidence_asks_first_and_removes_the_file(
    client_as, report, django_capture_on_commit_callbacks
):
    client = client_as("secretariat_a")
    upload(client, report, "minutes.pdf", PDF)
    attachment = Attachment.objects.get()
    storage, name = attachment.file.storage, attachment.file.name
    url = reverse("reporting:attachment_delete", args=[report.pk, attachment.pk])
    assert "Are you sure" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not Attachment.objects.exists()
    assert not storage.exists(name)


def test_evidence_of_another_report_is_not_found(client_as, report, forum_b, cycle, secretariat_b):
    from reporting import services

    other = services.start_report(forum=forum_b, cycle=cycle, by=secretariat_b)
    upload(client_as("secretariat_b"), other, "theirs.pdf", PDF)
    attachment = Attachment.objects.get()
    assert (
        client_as("secretariat_a")
        .get(reverse("reporting:attachment", args=[report.pk, attachment.pk]))
        .status_code
        == 404
    )
