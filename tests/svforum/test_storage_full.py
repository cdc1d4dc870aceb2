"""A full disk (or a quota reached, or a volume gone): an upload gets a page that says so in
the user's language, nothing is saved, and no empty or cut-short file is left behind; a
submitted report's PDF is still sent, only not kept."""

import datetime
import errno
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.urls import reverse

from reporting.models import Attachment, ReportPDF
from svforum.storage import SafeFileSystemStorage, StorageUnavailable
from tests.commissioning.conftest import (  # noqa: F401
    bids,
    commitment,
    contract,
    framework,
    lot,
    measure,
    tender,
)
from tests.pages import text_of
from tests.reporting.conftest import submitted_report  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def disk_full(monkeypatch, media):
    """Writing any file stops with "No space left on device" after the file is made."""

    def full(self, chunk_size=None):
        raise OSError(errno.ENOSPC, "No space left on device")
        yield  # a generator, as chunks() is

    monkeypatch.setattr(File, "chunks", full)
    monkeypatch.setattr(InMemoryUploadedFile, "chunks", full)


def _files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def test_the_storage_removes_what_it_could_not_finish(disk_full, media):
    storage = SafeFileSystemStorage(location=media)
    with pytest.raises(StorageUnavailable):
        storage.save("evidence/minutes.pdf", ContentFile(PDF))
    assert _files(media) == []


def test_the_service_uses_it():
    assert isinstance(default_storage._wrapped, SafeFileSystemStorage) or isinstance(
        default_storage, SafeFileSystemStorage
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_evidence_upload_on_a_full_disk(client_as, report, disk_full, media, language):
    url = reverse("reporting:attachment_add", args=[report.pk, 3]).replace("/en/", f"/{language}/")
    response = client_as("secretariat_a").post(
        url, {"file": SimpleUploadedFile("minutes.pdf", PDF), "description": "Minutes"}
    )
    assert response.status_code == 507
    page = text_of(response)
    assert f'lang="{language}"' in page
    if language == "en":
        assert "The file could not be stored" in page and "Nothing was saved" in page
    else:
        assert "The file could not be stored" not in page
    assert not Attachment.objects.exists()
    assert _files(media) == []


def test_more_evidence_for_a_return_on_a_full_disk(
    client_as,
    body_a,
    contract,  # noqa: F811
    commitment,  # noqa: F811
    disk_full,
    media,
):
    from commissioning import services
    from commissioning.models import MonitoringReturn

    monitoring_return = services.record_return(
        monitoring_return=MonitoringReturn(
            commitment=commitment,
            period_start=datetime.date(2025, 4, 1),
            period_end=datetime.date(2025, 6, 30),
            quantity=Decimal("1"),
        ),
        by=None,
    )
    url = reverse(
        "commissioning:evidence_add",
        args=[body_a.slug, contract.pk, commitment.pk, monitoring_return.pk],
    )
    response = client_as("commissioner").post(url, {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 507
    assert not monitoring_return.evidence.exists()
    assert _files(media) == []


def test_a_submitted_reports_pdf_is_still_sent(client_as, submitted_report, disk_full, media):  # noqa: F811
    response = client_as("analyst").get(reverse("reporting:pdf", args=[submitted_report.pk, "en"]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert not ReportPDF.objects.exists()
    assert _files(media) == []
