"""The report as a PDF (WeasyPrint), read back with pypdf."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reporting.models import ReportPDF
from tests.conftest import PERSONAS

HEADINGS_EN = [
    "1. Establishing the forum",
    "2. Stakeholder engagement",
    "3. Measuring impact",
    "4. Feedback from the social value sector",
    "5. Feedback from the Regional",
    "6. Case studies",
    "7. Quantitative information",
    "8. Aspirations",
    "9. Role of Welsh Government",
]
HEADINGS_CY = [
    "1. Sefydlu’r fforwm",
    "2. Ymgysylltu â rhanddeiliaid",
    "3. Mesur effaith",
    "4. Adborth gan y sector",
    "5. Adborth gan y Bwrdd",
    "6. Astudiaethau achos",
    "7. Gwybodaeth feintiol",
    "8. Dyheadau",
    "9. Rôl Llywodraeth Cymru",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    return pages, "\n".join(pages)


def body_positions(text, headings):
    """Where each heading stands in the body (after the contents page)."""
    body = text[text.index(headings[-1]) + len(headings[-1]) :]  # skip the contents list
    return [body.index(h) for h in headings], body


@pytest.mark.parametrize(
    ("language", "headings", "not_provided", "status"),
    [
        ("en", HEADINGS_EN, "Not provided", "Submitted, version 1"),
        ("cy", HEADINGS_CY, "Heb ei ddarparu", "Wedi’i gyflwyno, fersiwn 1"),
    ],
)
def test_the_submitted_report_pdf_has_every_domain_in_order(
    client_as, submitted_report, language, headings, not_provided, status
):
    response = client_as("analyst").get(
        reverse("reporting:pdf", args=[submitted_report.pk, language])
    )
    pages, text = pdf_text(response)
    found, body = body_positions(text, headings)
    assert found == sorted(found)
    # The quantitative return: a "not provided" cell, then the footnote beneath the table.
    table = body.index(headings[6])
    assert body.index(not_provided, table) > table
    assert body.index("2024/25 data only", table) > body.index(not_provided, table)
    # The domain with no information says so, with its reason.
    assert "No feedback was given." in body
    # Status and version on every page after the cover, and page numbers.
    for number, page in enumerate(pages[1:], start=2):
        assert status in page
        assert re.search(rf"\b{number} / {len(pages)}\b", page)


def test_a_submitted_version_is_rendered_once_then_served_from_storage(client_as, submitted_report):
    client = client_as("analyst")
    url = reverse("reporting:pdf", args=[submitted_report.pk, "en"])
    first = client.get(url).content
    stored = ReportPDF.objects.get(report=submitted_report, version=1, language="en")
    second = client.get(url).content
    assert first == second
    assert ReportPDF.objects.count() == 1
    stored.file.open("rb")
    assert stored.file.read() == first
    stored.file.close()


def test_a_draft_pdf_is_made_fresh_and_says_draft(client_as, report):
    response = client_as("secretariat_a").get(reverse("reporting:pdf", args=[report.pk, "en"]))
    pages, text = pdf_text(response)
    assert all("Draft" in page for page in pages[1:])
    # Unwritten sections say so, in words that never pass for a reasoned "no information".
    assert "Not written yet" in text and "No information to provide" not in text
    assert not ReportPDF.objects.exists()


def test_the_pdf_is_tagged_with_its_language_and_headings(client_as, submitted_report):
    response = client_as("analyst").get(reverse("reporting:pdf", args=[submitted_report.pk, "cy"]))
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root.get("/Lang") == "cy"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_pdf_permission_matrix(client_as, report, persona):
    expected = {
        "secretariat_a": 200,
        "secretariat_b": 404,
        "analyst": 404,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    response = client_as(persona).get(reverse("reporting:pdf", args=[report.pk, "en"]))
    assert response.status_code == expected[persona]


def test_only_english_and_welsh_are_offered(client_as, report):
    assert (
        client_as("secretariat_a").get(f"/en/reports/{report.pk}/report-fr.pdf").status_code == 404
    )


@pytest.mark.parametrize(
    ("language", "members_heading", "not_counted", "breakdown"),
    [
        ("en", "Members by sector", "Not counted:", "breakdown"),
        ("cy", "Aelodau yn ôl sector", "Heb eu cyfrif:", "dadansoddiad"),
    ],
)
def test_the_pdf_charts_the_records_figures_and_breakdowns_beside_their_tables(
    client_as, report, forum_a, secretariat_a, language, members_heading, not_counted, breakdown
):
    from reporting import services
    from tests.factories import MembershipFactory, ProjectFactory
    from tests.reporting.conftest import complete

    MembershipFactory(forum=forum_a, organisation__sector="public")
    MembershipFactory(forum=forum_a, organisation__sector="public")
    ProjectFactory(forum=forum_a, origin="precursor", title="Repair café")
    complete(report, secretariat_a)
    services.submit_report(report=report, by=secretariat_a)
    response = client_as("analyst").get(reverse("reporting:pdf", args=[report.pk, language]))
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    headings = HEADINGS_EN if language == "en" else HEADINGS_CY
    _, body = body_positions(text, headings)
    domain_7 = body.index(headings[6])
    assert body.index(members_heading, domain_7) < body.index(headings[7])
    assert body.index(not_counted, domain_7) < body.index("Repair café", domain_7)
    assert breakdown in body[domain_7 : body.index(headings[7])]
    # Each chart is a table of bars: its labels and values are real text, in order.
    section = " ".join(body[domain_7 : body.index(headings[7])].split())
    assert re.search(r"Cyhoeddus 2|Public 2", section)
    assert re.search(r"Aneurin Bevan UHB £25,000", section)


def test_a_pdf_may_load_data_urls_only():
    """A PDF's document never reaches the network or the disk, whatever its HTML says."""
    from svforum import pdf

    html = (
        '<p>x</p><img alt="" src="file:///etc/hostname">'
        '<img alt="" src="https://example.org/x.png">'
        '<img alt="" src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22'
        ' width=%2210%22 height=%2210%22/%3E">'
    )
    document = pdf.document(html)
    fetcher = document.url_fetcher
    for url in ("file:///etc/hostname", "https://example.org/x.png", "http://localhost/"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    assert len(document.render().pages) == 1
