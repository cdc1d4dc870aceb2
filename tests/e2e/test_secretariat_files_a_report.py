"""A secretariat fills every domain of its report in the browser (one marked "no information
to provide"), meets the gaps check, submits, and sees the locked task list — every page
passing axe-core, in English and in Welsh."""

import contextlib
import datetime

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from pypdf import PdfReader

from reporting.models import Report, ReportingCycle, ReportTemplate
from tests.e2e.test_secretariat_records_a_meeting import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_secretariat_fills_and_submits_the_report(page, axe, secretariat_a, forum_a):
    cycle = ReportingCycle.objects.create(
        name_en="Reports 2023–2026",
        name_cy="Adroddiadau 2023–2026",
        period_start=datetime.date(2023, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        due_on=datetime.date(2026, 6, 30),
        template=ReportTemplate.objects.earliest("pk"),
    )
    sign_in(page, secretariat_a)

    page.goto("/en/forums/gwent/reports/")
    axe.check(page, "report-cycles")
    page.get_by_role("button", name="Start the report").click()
    page.wait_for_url("**/en/reports/*/")
    axe.check(page, "report-task-list-new")
    report = Report.objects.get(forum=forum_a, cycle=cycle)

    # Submitting too early lists every unfinished section.
    page.goto(f"/en/reports/{report.pk}/submit/")
    assert page.locator(".govuk-error-summary li").count() == 9
    axe.check(page, "report-submit-gaps")

    for number in range(1, 10):
        page.goto(f"/en/reports/{report.pk}/domains/{number}/")
        if number == 1:
            axe.check(page, "report-domain")
            page.get_by_role("link", name="Attach evidence").click()
            page.get_by_label("File").set_input_files(
                files=[
                    {
                        "name": "terms-of-reference.pdf",
                        "mimeType": "application/pdf",
                        "buffer": b"%PDF-1.4\n%%EOF\n",
                    }
                ]
            )
            page.get_by_label("What it shows (optional)").fill("Signed terms of reference")
            axe.check(page, "report-evidence-form")
            page.get_by_role("button", name="Attach the file").click()
            page.wait_for_url(f"**/en/reports/{report.pk}/domains/1/")
            expect(
                page.get_by_role("link", name="terms-of-reference.pdf", exact=True)
            ).to_be_visible()
        if number == 6:
            page.get_by_role("link", name="Add a case study").click()
            axe.check(page, "report-case-study-form")
            page.get_by_label("Title").fill("Community connectors")
            page.get_by_label("Summary").fill("Connectors link people to local groups.")
            page.get_by_label("What was valued").fill("Someone came with me the first time.")
            page.get_by_label("What changed for people").fill("Less isolated.")
            page.get_by_label("What the community gained").fill("Busier community groups.")
            started = page.locator("#id_started_on")
            started.get_by_label("Day").fill("1")
            started.get_by_label("Month").fill("2")
            started.get_by_label("Year").fill("2024")
            page.get_by_role("button", name="Save").click()
            page.wait_for_url(f"**/en/reports/{report.pk}/domains/6/")
            axe.check(page, "report-case-studies")
        if number == 8:
            page.get_by_role("link", name="Add a work programme item").click()
            page.get_by_label("Aim").fill("Bring carers onto every commissioning panel")
            page.get_by_label("Lead", exact=True).fill("Forum chair")
            page.get_by_label("Timescale").fill("2026–2028")
            page.get_by_role("button", name="Save").click()
            page.wait_for_url(f"**/en/reports/{report.pk}/domains/8/")
            axe.check(page, "report-work-programme")
        if number == 7:
            axe.check(page, "report-figures")
            codes = ["icf", "grants-contracts", "hsc-contracts", "svo-region", "svo-hsc"]
            codes += ["projects", "meetings", "members", "hsc-nfp-share"]  # no records here
            for code in codes:
                page.goto(f"/en/reports/{report.pk}/figures/{code}/")
                if code == "icf":
                    page.get_by_label("Enter the figure").check()
                    page.get_by_label("Share (%)").first.fill("17.5")
                    page.get_by_label("What is it a percentage of?").fill(
                        "of the region’s Integrated Care Fund, 2024/25"
                    )
                    page.locator("#id_part-revenue-value").fill("£1,840,000")
                    page.locator("#id_part-revenue-share").fill("19.5")
                    page.locator("#id_part-capital-value").fill("about 310000")
                    page.get_by_label("Footnote (optional)").fill("2024/25 data only")
                    axe.check(page, "report-figure")
                    page.get_by_role("button", name="Save").click()
                    # "about 310000" is shown back as understood before it is saved.
                    expect(page.get_by_text("Check what we understood")).to_be_visible()
                    expect(page.get_by_text("approximately £310,000")).to_be_visible()
                    axe.check(page, "report-figure-understood")
                elif code == "svo-hsc":
                    page.get_by_label("Enter the figure").check()
                    page.locator("#id_value").fill("140+")
                    page.get_by_role("button", name="Save").click()
                    expect(page.get_by_text("at least 140")).to_be_visible()
                elif code == "grants-contracts":
                    page.get_by_label("Enter the figure").check()
                    page.locator("#id_value").fill("£400,000")
                    page.locator("#id_breakdown-0-funder").fill("Aneurin Bevan UHB")
                    page.locator("#id_breakdown-0-value").fill("400000")
                else:
                    page.get_by_label("Not provided").check()
                page.get_by_role("button", name="Save").click()
                page.wait_for_url(f"**/en/reports/{report.pk}/domains/7/")
            expect(page.get_by_text("about £2,150,000").first).to_be_visible()
        if number == 5:
            page.get_by_label("There is no information to provide").check()
            page.get_by_label("Why is there no information to provide?").fill(
                "The Regional Partnership Board gave no feedback this period."
            )
        else:
            if number not in (6, 7, 8):  # structured domains: answered above
                page.get_by_label("Your answer").fill(
                    f"Section {number}.\n\n- What we did\n- What changed"
                )
            page.get_by_label("Yes, I have completed this section").check()
        page.get_by_role("button", name="Save and return to the task list").click()
        page.wait_for_url(f"**/en/reports/{report.pk}/")

    assert page.locator(".govuk-task-list__status", has_text="Completed").count() == 8
    axe.check(page, "report-task-list-done")

    # Writing with the connection lost: the changes are kept in the browser and offered
    # back; a preview shows the text as the report will, before saving.
    page.goto(f"/en/reports/{report.pk}/domains/4/")
    text = "We did three things:\n- met monthly\n- co-produced a plan\n- reported back"
    page.get_by_label("Your answer").fill(text)
    page.wait_for_timeout(600)  # kept as typed

    # The connection drops as the section is saved: the save never reaches the service.
    def lost(route):
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/domains/4/", lost)
    with contextlib.suppress(PlaywrightError):
        page.get_by_role("button", name="Save and continue editing").click(timeout=5000)
    page.wait_for_timeout(500)
    page.unroute("**/domains/4/")
    assert report.entries.get(domain__number=4).text != text  # nothing reached it
    page.goto(f"/en/reports/{report.pk}/domains/4/")
    offer = page.locator("[data-draft-offer]")
    assert offer.is_visible() and "were not saved" in offer.inner_text()
    axe.check(page, "report-domain-draft-offered")
    offer.get_by_role("button", name="Put them back in the text box").click()
    assert page.get_by_label("Your answer").input_value() == text
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".svf-preview-text")
    assert preview.locator("li").count() == 3 and "We did three things:" in preview.inner_text()
    axe.check(page, "report-domain-preview")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(f"**/en/reports/{report.pk}/domains/4/")
    assert "has been saved" in page.locator(".govuk-notification-banner").first.inner_text()
    assert not page.locator("[data-draft-offer]").is_visible()  # saved: nothing to offer
    page.goto(f"/en/reports/{report.pk}/domains/4/")
    assert not page.locator("[data-draft-offer]").is_visible()

    # The word count speaks Welsh on a Welsh page.
    page.goto(f"/cy/reports/{report.pk}/domains/1/")
    assert "eiriau" in page.locator(".govuk-character-count__status").inner_text()
    axe.check(page, "report-domain-cy")

    # In Welsh, the check page and submission.
    page.goto(f"/cy/reports/{report.pk}/submit/")
    assert page.locator(".govuk-error-summary").count() == 0
    axe.check(page, "report-submit-cy")
    # The sign-off: a missing answer is named, and what was typed is kept.
    page.get_by_label("Pwy gytunodd ar yr adroddiad?").fill("Grŵp llywio’r fforwm")
    page.get_by_role("button", name="Cytuno a chyflwyno’r adroddiad").click()
    assert "Rhowch y dyddiad y cytunwyd" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Pwy gytunodd ar yr adroddiad?").input_value() == (
        "Grŵp llywio’r fforwm"
    )
    axe.check(page, "report-sign-off-errors-cy")
    page.get_by_label("Diwrnod").fill("12")
    page.get_by_label("Mis").fill("6")
    page.get_by_label("Blwyddyn").fill("2026")
    page.get_by_label("Rwy’n cadarnhau", exact=False).check()
    page.get_by_role("button", name="Cytuno a chyflwyno’r adroddiad").click()
    page.wait_for_url(f"**/cy/reports/{report.pk}/submitted/")
    panel = page.locator(".govuk-panel").inner_text()
    assert "Adroddiad wedi’i gyflwyno" in panel and "SVF-GWENT-" in panel
    expect(page.get_by_role("heading", name="Beth sy’n digwydd nesaf")).to_be_visible()
    axe.check(page, "report-submitted-cy")
    page.get_by_role("link", name="Mynd i’r adroddiad").click()
    page.wait_for_url(f"**/cy/reports/{report.pk}/")
    assert "wedi’i gloi" in page.locator(".govuk-inset-text").first.inner_text()
    assert page.locator(".govuk-task-list__link").count() == 0  # locked: no edit links
    expect(page.get_by_text("Dim gwybodaeth i’w darparu:").first).to_be_visible()
    axe.check(page, "report-locked-cy")

    # The submitted report downloads as a PDF in Welsh, with every domain in it.
    with page.expect_download() as download:
        page.get_by_role("link", name="Lawrlwytho’r adroddiad fel PDF yn Gymraeg").click()
    reader = PdfReader(download.value.path())
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "9. Rôl Llywodraeth Cymru" in text and "Heb ei ddarparu" in text

    report.refresh_from_db()
    assert (report.status, report.version) == ("submitted", 1)

    # Returned for changes (the analysts' side), changed and resubmitted: the versions page
    # shows what changed.
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RETURNED)
    page.goto(f"/en/reports/{report.pk}/domains/2/")
    page.get_by_label("Your answer").fill("Section 2, revised after review.")
    page.get_by_label("Yes, I have completed this section").check()
    page.get_by_role("button", name="Save and return to the task list").click()
    page.goto(f"/en/reports/{report.pk}/submit/")
    page.get_by_label("Who agreed the report?").fill("The full forum")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("7")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("I confirm", exact=False).check()
    page.get_by_role("button", name="Agree and submit the report").click()
    page.wait_for_url(f"**/en/reports/{report.pk}/submitted/")
    assert "V2" in page.locator(".govuk-panel").inner_text()
    page.get_by_role("link", name="Go to the report").click()
    page.wait_for_url(f"**/en/reports/{report.pk}/")
    page.get_by_role("link", name="Submitted versions and what changed between them").click()
    assert page.locator(".svf-diff ins", has_text="revised").count() == 1
    axe.check(page, "report-versions")
    assert axe.violations == {}, "\n\n".join(f"{k}\n{v}" for k, v in axe.violations.items())
