"""The national analysis fit to publish: only accepted reports, the others named; quotes
once each and clean; every forum in every chart; unwritten sections block publishing; a
published edition fixed in both languages, read by the forums, its PDF without the draft
marks the draft carries."""

import io
import os

import pytest
from django.urls import reverse
from pypdf import PdfReader

from analysis import coding, national
from analysis.models import AnalysisDocument, Code, NationalPublication
from reporting import services
from reporting.models import Entry

SECTIONS = {
    f"{name}_{language}": f"{name} in {language}."
    for name in ("summary", "introduction", "method", "discussion", "recommendations")
    for language in ("en", "cy")
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def accepted(submitted_report, cycle, analyst, forum_a, forum_b, secretariat_b):
    """Gwent accepted, with a finding quoting one passage three ways; West Wales submitted
    but not accepted yet."""
    from tests.reporting.conftest import complete

    Entry.objects.filter(report=submitted_report, domain__number=1).update(
        text="- Members co-produced the strategy.\n\n3. Members co-produced the strategy."
    )
    services.accept_report(report=submitted_report, by=analyst)
    west = services.start_report(forum=forum_b, cycle=cycle, by=secretariat_b)
    complete(west, secretariat_b)
    services.submit_report(report=west, by=secretariat_b)
    code = Code.objects.create(cycle=cycle, name_en="Co-production", name_cy="Cydgynhyrchu")
    entry = submitted_report.entries.get(domain__number=1)
    passages = [
        coding.code_passage(
            report=submitted_report,
            entry=entry,
            start=start,
            end=end,
            codes=[code],
            memo="",
            by=analyst,
        )
        for start, end in ((0, 35), (2, 35), (37, 73))
    ]
    coding.save_finding(
        code=code,
        forum=forum_a,
        revision=0,
        text_en="Gwent co-produces.",
        text_cy="Mae Gwent yn cydgynhyrchu.",
        quotes=passages,
        by=analyst,
    )
    return cycle


def test_only_accepted_reports_are_read_and_the_others_named(client_as, accepted):
    page = " ".join(
        client_as("analyst")
        .get(reverse("analysis:national", args=[accepted.pk]))
        .content.decode()
        .split()
    )
    assert "reads the 1 report of 7 that Welsh Government has accepted" in page
    assert "Not included, because their report has not been accepted yet:" in page
    assert "West Wales" in page.split("not been accepted yet:")[1][:300]
    # One quote, once, without the list dash or the paragraph number it was selected with.
    assert page.count("“Members co-produced the strategy.”") == 1
    assert "“- Members" not in page and "“3. Members" not in page
    assert "Draft: not published" in page


def test_every_forum_is_in_every_chart(accepted):
    result = national.document(accepted)["result"]
    for column in result.columns:
        if column.chart:
            drawn = {f.slug for f, _ in column.chart_rows} | {f.slug for f, _ in column.chart_gaps}
            assert len(drawn) == 7, column.definition.code
    icf = next(c for c in result.columns if c.definition.code == "icf")
    gaps = {f.slug: str(words) for f, words in icf.chart_gaps}
    assert gaps["west-wales"] == "Not accepted yet"


def test_unwritten_sections_block_publishing(client_as, accepted):
    client = client_as("analyst")
    url = reverse("analysis:national_publish", args=[accepted.pk])
    national.save_analysis(
        cycle=accepted,
        revision=0,
        values={**SECTIONS, "method_cy": "", "summary_en": ""},
        by=None,
    )
    response = client.post(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Executive summary is not written in English yet." in page
    assert "Method is not written in Welsh yet." in page
    assert not NationalPublication.objects.exists()


def test_a_published_edition_is_fixed_read_by_the_forums_and_printed_without_draft_marks(
    client_as, accepted, secretariat_a, django_capture_on_commit_callbacks
):
    national.save_analysis(cycle=accepted, revision=0, values=SECTIONS, by=None)
    client = client_as("analyst")
    url = reverse("analysis:national_publish", args=[accepted.pk])
    assert "West Wales" in client.get(url).content.decode()  # named as left out
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == reverse("analysis:published", args=[accepted.pk])
    publication = NationalPublication.objects.get()
    assert publication.number == 1 and "summary in en." in publication.body_en
    assert "summary in cy." in publication.body_cy

    # Later changes do not reach the published edition.
    national.save_analysis(
        cycle=accepted, revision=1, values={**SECTIONS, "summary_en": "Changed."}, by=None
    )
    forum = client_as("secretariat_a")
    page = forum.get(reverse("analysis:published", args=[accepted.pk])).content.decode()
    assert "summary in en." in page and "Changed." not in page
    assert "Open Government Licence" in page
    welsh = forum.get(
        reverse("analysis:published", args=[accepted.pk]).replace("/en/", "/cy/")
    ).content.decode()
    assert "summary in cy." in welsh

    docs = AnalysisDocument.objects.filter(publication=publication)
    assert sorted(d.language for d in docs) == ["cy", "en"]
    assert all(d.status == "ready" for d in docs)
    pdf = forum.get(reverse("analysis:published_pdf", args=[accepted.pk, 1, "en"]))
    content = b"".join(pdf.streaming_content)
    if os.environ.get("SVF_KEEP_PDF"):  # to look at it: SVF_KEEP_PDF=/tmp/published.pdf
        with open(os.environ["SVF_KEEP_PDF"], "wb") as out:
            out.write(content)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "summary in en." in text and "Changed." not in text
    assert "DRAFT" not in text and "Draft: not published" not in text
    assert "Open Government Licence" in " ".join(text.split())
    assert "Not written yet" not in text

    # The draft, built as things stand, says it is a draft on every page.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("analysis:national_pdf", args=[accepted.pk, "en"]))
    draft = AnalysisDocument.objects.get(publication=None)
    reader = PdfReader(draft.file.open("rb"))
    assert all("Draft: not published" in page.extract_text() for page in reader.pages[1:])


def test_published_editions_are_for_people_with_a_role(client_as, accepted):
    national.save_analysis(cycle=accepted, revision=0, values=SECTIONS, by=None)
    url = reverse("analysis:published", args=[accepted.pk])
    assert client_as("analyst").get(url).status_code == 404  # nothing published yet
    national.publish(cycle=accepted, by=None)
    assert client_as("anonymous").get(url).status_code == 302
    for persona in ("secretariat_a", "secretariat_b", "analyst", "commissioner"):
        assert client_as(persona).get(url).status_code == 200, persona
    assert (
        client_as("secretariat_a")
        .post(reverse("analysis:national_publish", args=[accepted.pk]))
        .status_code
        == 404
    )
