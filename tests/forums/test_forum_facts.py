"""The forum's own facts, and its terms of reference: uploaded checked, served only to those
who may see the forum."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forums.models import Forum

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def post_facts(client, upload, **extra):
    data = {
        "alternative_name": "Gwent Provider Forum",
        "established_on_0": "1",
        "established_on_1": "4",
        "established_on_2": "2017",
        "secretariat_host_type": "cvc",
        "secretariat_host": "GAVO",
        "rpb_reporting": "Quarterly report",
        **extra,
    }
    if upload is not None:
        data["terms_of_reference"] = upload
    return client.post(reverse("forums:edit", args=["gwent"]), data)


def test_a_secretariat_records_the_forums_facts_and_terms_of_reference(client_as):
    client = client_as("secretariat_a")
    response = post_facts(client, SimpleUploadedFile("terms.pdf", PDF))
    assert response.status_code == 302
    forum = Forum.objects.get(slug="gwent")
    assert (forum.alternative_name, forum.secretariat_host_type, forum.established_on.year) == (
        "Gwent Provider Forum",
        "cvc",
        2017,
    )
    download = client.get(reverse("forums:terms_of_reference", args=["gwent"]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # Analysts may read it; another forum's secretariat may not know it exists.
    assert (
        client_as("analyst").get(reverse("forums:terms_of_reference", args=["gwent"])).status_code
        == 200
    )
    assert (
        client_as("secretariat_b")
        .get(reverse("forums:terms_of_reference", args=["gwent"]))
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("terms.pdf", b"MZ\x90\x00 this is a program"),  # disguised by its name
        ("terms.exe", PDF),  # a PDF with the wrong name
        ("terms.docx", b"PK\x03\x04 not really a document"),
    ],
)
def test_disguised_or_wrong_files_are_refused_and_the_rest_is_kept(client_as, name, content):
    response = post_facts(
        client_as("secretariat_a"), SimpleUploadedFile(name, content), secretariat_host="Kept value"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file must be a PDF, DOCX, ODT file." in page
    assert "Kept value" in page
    assert not Forum.objects.get(slug="gwent").terms_of_reference


def test_an_oversized_file_is_refused(client_as):
    big = SimpleUploadedFile("terms.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = post_facts(client_as("secretariat_a"), big)
    assert "The file must be smaller than" in response.content.decode()


def test_there_is_nothing_to_download_before_an_upload(client_as):
    assert (
        client_as("secretariat_a")
        .get(reverse("forums:terms_of_reference", args=["gwent"]))
        .status_code
        == 404
    )
