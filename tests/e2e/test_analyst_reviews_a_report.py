"""An analyst returns a report with a comment, the secretariat reads it and resubmits, the
analyst sees what changed, codes three passages (by sentence, and by selecting words with
the mouse) and accepts — every page passing axe-core, in English and in Welsh."""

import datetime

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from analysis import coding
from analysis.models import CodedPassage
from reporting import services
from reporting.models import Report, ReportingCycle, ReportTemplate
from tests.e2e.test_secretariat_records_a_meeting import sign_in
from tests.reporting.conftest import complete

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = (
    "The forum met every quarter. Members co-produced the carers’ strategy.\n\n"
    "- Falls prevention service started\n- Carers’ voice in commissioning"
)


def test_analyst_reviews_codes_and_accepts(page, axe, secretariat_a, analyst, forum_a):
    cycle = ReportingCycle.objects.create(
        name_en="Reports 2023–2026",
        name_cy="Adroddiadau 2023–2026",
        period_start=datetime.date(2023, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        due_on=datetime.date(2026, 6, 30),
        template=ReportTemplate.objects.earliest("pk"),
    )
    report = services.start_report(forum=forum_a, cycle=cycle, by=secretariat_a)
    complete(report, secretariat_a)
    entry = report.entries.get(domain__number=1)
    services.save_entry(
        entry=entry,
        revision=entry.revision,
        text=TEXT,
        status="completed",
        no_information_reason="",
        by=secretariat_a,
    )
    services.submit_report(report=report, by=secretariat_a)
    coding.create_default_codebook(cycle=cycle, by=analyst)

    # The analyst finds the report in the inbox and returns it with a comment.
    sign_in(page, analyst)
    page.get_by_role("link", name="Review", exact=True).click()
    axe.check(page, "review-inbox")
    page.get_by_role("link", name="Gwent Social Value Forum").click()
    axe.check(page, "review-report")
    page.locator("a[href$='comment/?section=3']").click()
    page.get_by_label("Comment", exact=True).fill("Please give an example of prevention.")
    axe.check(page, "review-comment-form")
    page.get_by_role("button", name="Add the comment").click()
    page.get_by_role("link", name="Return it for changes").click()
    page.get_by_role("button", name="Return the report").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # a summary is required
    axe.check(page, "review-return-error")
    page.get_by_label("What should the forum change?").fill("Section 3 needs an example.")
    page.get_by_role("button", name="Return the report").click()
    expect(page.get_by_text("The report has been returned to the forum")).to_be_visible()

    # The secretariat reads the comment in Welsh, replies, changes section 3, resubmits.
    page.context.clear_cookies()
    sign_in(page, secretariat_a)
    page.goto(f"/cy/reports/{report.pk}/review/")
    axe.check(page, "cy-review-report-forum")
    expect(page.get_by_text("Please give an example of prevention.")).to_be_visible()
    page.get_by_role("link", name="Ateb").first.click()
    page.get_by_label("Eich ateb").fill("Rydym wedi ychwanegu’r gwasanaeth atal cwympiadau.")
    axe.check(page, "cy-review-reply")
    page.get_by_role("button", name="Anfon yr ateb").click()
    # The task list opens on the analyst's summary and tags the section with comments.
    page.goto(f"/en/reports/{report.pk}/")
    banner = page.locator(".govuk-notification-banner")
    assert "Section 3 needs an example." in banner.inner_text()
    assert page.get_by_text("Changes requested").count() == 1
    axe.check(page, "returned-task-list")
    # The section's comment is beside its text, and is marked done there.
    page.goto(f"/en/reports/{report.pk}/domains/3/")
    comments = page.locator(".svf-section-comments")
    expect(comments.get_by_text("Please give an example of prevention.")).to_be_visible()
    axe.check(page, "returned-section")
    comments.get_by_role("button", name="Mark as done").click()
    page.wait_for_url(f"**/en/reports/{report.pk}/domains/3/")
    expect(page.locator(".svf-section-comments").get_by_text("Marked done by")).to_be_visible()
    page.get_by_label("Your answer").fill("The falls prevention service kept 40 people at home.")
    page.get_by_label("Yes, I have completed this section").check()
    page.get_by_role("button", name="Save and return to the task list").click()
    page.goto(f"/en/reports/{report.pk}/submit/")
    page.get_by_label("Who agreed the report?").fill("The steering group")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("I confirm", exact=False).check()
    page.get_by_role("button", name="Agree and submit the report").click()
    page.wait_for_url(f"**/en/reports/{report.pk}/submitted/")
    assert Report.objects.get(pk=report.pk).status == "resubmitted"

    # The analyst sees what changed, codes three passages and accepts.
    page.context.clear_cookies()
    sign_in(page, analyst)
    page.goto(f"/en/reports/{report.pk}/review/")
    expect(page.get_by_text("What changed since the version returned")).to_be_visible()
    page.get_by_role("link", name="Code the report’s narrative").click()
    axe.check(page, "coding-report")
    page.get_by_role("link", name="1. Establishing the forum").click()
    axe.check(page, "coding-entry")
    # By paragraph and sentence, as without JavaScript or a mouse.
    for paragraph, sentence, code in (
        (1, 2, "Impact › Co-production"),
        (2, 1, "Impact › Prevention"),
    ):
        page.get_by_label("Paragraph").fill(str(paragraph))
        page.get_by_label("From sentence").fill(str(sentence))
        page.get_by_label("To sentence").fill(str(sentence))
        page.get_by_label(code).check()
        page.get_by_role("button", name="Code the passage").click()
        page.wait_for_url(f"**/en/reports/{report.pk}/coding/1/")
    # By selecting words with the mouse: from the paragraph's number to the middle of a
    # word, which the selection widens to the whole word.
    number = page.locator("#coding-text strong.svf-sentence-number").first.bounding_box()
    words = page.locator("#coding-text [data-start]", has_text="The forum met every quarter.")
    box = words.bounding_box()
    page.mouse.move(number["x"] + 1, number["y"] + number["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.85, box["y"] + box["height"] / 2)
    page.mouse.up()
    selected = page.locator("#selection").inner_text()
    assert "The forum met every quarter" in selected, selected
    # A code forgotten: the attempt is refused, and the selection is kept.
    page.get_by_role("button", name="Code the passage").click()
    assert "Choose at least one code" in page.locator(".govuk-error-summary").inner_text()
    assert "The forum met every quarter" in page.locator("#selection").inner_text()
    page.get_by_label("Function of forums").check()
    page.get_by_role("button", name="Code the passage").click()
    page.wait_for_url(f"**/en/reports/{report.pk}/coding/1/")
    quotes = sorted(CodedPassage.objects.values_list("quote", flat=True))
    assert len(quotes) == 3
    assert "Members co-produced the carers’ strategy." in quotes
    assert "The forum met every quarter" in quotes or "The forum met every quarter." in quotes
    axe.check(page, "coding-entry-coded")
    page.goto(f"/cy/reports/{report.pk}/coding/1/")
    axe.check(page, "cy-coding-entry")

    page.goto(f"/en/reports/{report.pk}/review/")
    page.get_by_role("link", name="Accept the report").click()
    page.wait_for_url("**/accept/")
    axe.check(page, "review-accept")
    page.get_by_role("button", name="Accept the report").click()
    assert Report.objects.get(pk=report.pk).status == "accepted"
    page.goto(f"/cy/reports/review/cycles/{cycle.pk}/")
    axe.check(page, "cy-review-inbox")
    page.goto(f"/cy/reports/review/cycles/{cycle.pk}/codebook/")
    axe.check(page, "cy-codebook")
    page.goto(f"/en/reports/review/cycles/{cycle.pk}/codebook/")
    axe.check(page, "codebook")

    # Retrieval, the matrix and agreement.
    page.get_by_role("link", name="Prevention").first.click()
    expect(page.get_by_text("Falls prevention service started")).to_be_visible()
    axe.check(page, "code-passages")
    for language in ("en", "cy"):
        page.goto(f"/{language}/reports/review/cycles/{cycle.pk}/matrix/")
        axe.check(page, f"{language}-code-matrix")
        page.goto(f"/{language}/reports/review/cycles/{cycle.pk}/agreement/")
        axe.check(page, f"{language}-code-agreement")

    page.goto(f"/en/reports/review/cycles/{cycle.pk}/findings/")
    page.get_by_role("link", name="Write Gwent Social Value Forum: Co-production").click()
    page.get_by_label("Finding (English)").fill("Gwent co-produced its carers’ strategy.")
    page.get_by_label("“Members co-produced the carers’ strategy.”", exact=False).check()
    axe.check(page, "finding-form")
    page.get_by_role("button", name="Save the finding").click()
    page.wait_for_url("**/findings/#theme-*")
    expect(page.get_by_text("Gwent co-produced its carers’ strategy.")).to_be_visible()
    axe.check(page, "findings")
    page.goto(f"/cy/reports/review/cycles/{cycle.pk}/findings/")
    axe.check(page, "cy-findings")

    for language in ("en", "cy"):
        page.goto(f"/{language}/reports/review/cycles/{cycle.pk}/figures/")
        axe.check(page, f"{language}-comparison")
    page.goto(f"/en/reports/review/cycles/{cycle.pk}/targets/icf/")
    page.get_by_label("The figure’s share").check()
    page.get_by_label("Target", exact=True).fill("20")
    axe.check(page, "target-form")
    page.get_by_role("button", name="Save the target").click()
    page.wait_for_url(f"**/en/reports/review/cycles/{cycle.pk}/figures/")
    expect(page.get_by_text("Meets target").first).to_be_visible()  # Gwent's 23.5% against 20%

    for language in ("en", "cy"):
        page.goto(f"/{language}/reports/review/cycles/{cycle.pk}/dashboard/")
        axe.check(page, f"{language}-dashboard")

    # The national analysis: written, then downloaded as a PDF.
    page.goto(f"/en/reports/review/cycles/{cycle.pk}/national-analysis/edit/")
    page.get_by_label("Introduction (English)").fill("Seven forums reported this cycle.")
    axe.check(page, "national-edit")
    page.get_by_role("button", name="Save the analysis").click()
    page.wait_for_url(f"**/en/reports/review/cycles/{cycle.pk}/national-analysis/")
    expect(page.get_by_text("Seven forums reported this cycle.")).to_be_visible()
    axe.check(page, "national")
    page.get_by_role("button", name="PDF in English").click()
    page.wait_for_url("**/national-analysis/documents/*/")
    axe.check(page, "national-pdf-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    pdf = PdfReader(download.value.path())
    assert "Seven forums reported this cycle." in "".join(p.extract_text() for p in pdf.pages)
    page.goto(f"/cy/reports/review/cycles/{cycle.pk}/national-analysis/")
    axe.check(page, "cy-national")

    assert not axe.violations, axe.violations
