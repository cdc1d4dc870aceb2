"""A commissioner creates a tender weighted 50/30/20, enters three bids, sees the ranking
(and how other weightings would change it), awards, records the contract, a commitment and a
monitoring return, and sees the dashboard update — every page passing axe-core, in English
and in Welsh."""

import datetime

import pytest
from playwright.sync_api import expect

from commissioning.models import Commitment, Contract, Tender
from tests.e2e.test_secretariat_records_a_meeting import sign_in
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fill_date(page, name, date):
    page.fill(f"input[name={name}_0]", str(date.day))
    page.fill(f"input[name={name}_1]", str(date.month))
    page.fill(f"input[name={name}_2]", str(date.year))


def test_commissioner_awards_and_monitors(page, axe, commissioner, body_a):
    social = OrganisationFactory(
        name="Cwm Care Co-operative", not_for_profit=True, social_value_organisation=True
    )
    OrganisationFactory(name="Large Care Ltd", sector="private", not_for_profit=False)
    OrganisationFactory(name="Valley Homes Trust")
    today = datetime.date.today()

    sign_in(page, commissioner)
    page.get_by_role("link", name="Commissioning", exact=True).click()
    axe.check(page, "commissioning-bodies")
    page.get_by_role("link", name="Newport City Council").click()
    axe.check(page, "body-home-empty")

    # A tender with price / quality / social value weightings of 50/30/20.
    page.get_by_role("link", name="Add a tender").click()
    page.get_by_label("Reference").fill("NCC-2026-050")
    page.get_by_label("Title", exact=True).fill("Domiciliary care, Newport west")
    page.get_by_label("Health and social care").check()
    page.get_by_label("Estimated value including VAT (£)").fill("£1,400,000")
    page.get_by_label("Procedure").select_option("open")
    page.get_by_label("Price (%)").fill("50")
    page.get_by_label("Quality (%)").fill("30")
    page.get_by_label("Social value (%)").fill("30")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # 50 + 30 + 30 is not 100
    axe.check(page, "tender-form-error")
    page.get_by_label("Social value (%)").fill("20")
    page.get_by_role("button", name="Save").click()
    axe.check(page, "tender")
    assert "50%" in page.content()
    page.get_by_role("link", name="Lot 1: Domiciliary care, Newport west").click()
    axe.check(page, "lot-empty")

    # Three bids; the social enterprise is £15k dearer but offers far more social value.
    for bidder, price, quality, social_value in (
        ("Cwm Care Co-operative", "1,400,000", "70", "90"),
        ("Large Care Ltd", "1,385,000", "70", "20"),
        ("Valley Homes Trust", "1,450,000", "60", "50"),
    ):
        page.get_by_role("link", name="Add a bid").click()
        page.get_by_label("Bidder").select_option(label=bidder)
        page.get_by_label("Price (£)").fill(price)
        page.get_by_label("Quality score (out of 100)").fill(quality)
        page.get_by_label("Social value score (out of 100)").fill(social_value)
        if bidder == "Cwm Care Co-operative":
            axe.check(page, "bid-form")
        page.get_by_role("button", name="Save").click()
    axe.check(page, "lot-ranked")
    ranking = page.locator("table").first
    first_row = ranking.locator("tbody tr").first
    assert "Cwm Care Co-operative" in first_row.inner_text()
    assert "£1,385,000 ÷ £1,400,000 × 50" in page.content()

    # What if social value were not scored?
    page.get_by_label("Price (%)").fill("70")
    page.get_by_label("Quality (%)").fill("30")
    page.get_by_label("Social value (%)").fill("0")
    page.get_by_role("button", name="Compare").click()
    assert "a different bid ranks first" in page.content()
    axe.check(page, "lot-what-if")

    # Award to the highest weighted total, with the rationale.
    page.get_by_role("link", name="Award the lot").click()
    page.get_by_label("Cwm Care Co-operative", exact=False).check()
    page.get_by_label("Why this bid").fill("Highest weighted total; its social value offer.")
    axe.check(page, "award-form")
    page.get_by_role("button", name="Award").click()
    assert "Awarded to Cwm Care Co-operative" in page.content()
    axe.check(page, "lot-awarded")

    # The contract, started a year ago, with a commitment and a return.
    page.get_by_role("link", name="Record the contract").click()
    started = today.replace(year=today.year - 1)
    fill_date(page, "starts_on", started)
    fill_date(page, "ends_on", started.replace(year=started.year + 3))
    axe.check(page, "contract-form")
    page.get_by_role("button", name="Save").click()
    contract = Contract.objects.get()
    assert contract.supplier == social
    axe.check(page, "contract")
    page.get_by_role("link", name="Add a commitment").click()
    page.get_by_label("Measure", exact=True).select_option(
        label="G1.1.2 Apprenticeships started (apprenticeships)"
    )
    page.get_by_label("Core (asked of every contract)").check()
    page.get_by_label("Target quantity").fill("12")
    axe.check(page, "commitment-form")
    page.get_by_role("button", name="Save").click()
    commitment = Commitment.objects.get()
    assert commitment.status(today) == Commitment.Status.OVERDUE  # a year with no return
    assert "Return overdue" in page.content()

    page.get_by_role("link", name="Apprenticeships started").click()
    axe.check(page, "commitment")
    page.get_by_role("link", name="Record it").first.click()
    page.get_by_label("Quantity delivered in the period").fill("1")
    page.get_by_label("What happened").fill("Two young people from the estate started.")
    axe.check(page, "return-form")
    page.get_by_role("button", name="Save").click()
    assert "The monitoring return has been saved." in page.content()

    # The dashboard shows the contract and its commitment.
    page.goto(f"/en/commissioning/{body_a.slug}/dashboard/")
    axe.check(page, "dashboard")
    assert "NCC-2026-050" in page.content()

    # The same pages in Welsh.
    tender = Tender.objects.get()
    lot = tender.lots.get()
    for name, path in (
        ("cy-body", f"/cy/commissioning/{body_a.slug}/"),
        ("cy-lot", f"/cy/commissioning/{body_a.slug}/tenders/{tender.pk}/lots/{lot.pk}/"),
        ("cy-contract", f"/cy/commissioning/{body_a.slug}/contracts/{contract.pk}/"),
        (
            "cy-commitment",
            f"/cy/commissioning/{body_a.slug}/contracts/{contract.pk}/commitments/{commitment.pk}/",
        ),
        ("cy-dashboard", f"/cy/commissioning/{body_a.slug}/dashboard/"),
        ("cy-region", f"/cy/commissioning/regions/{body_a.region.slug}/"),
    ):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "cy"
        axe.check(page, name)
    page.goto(f"/cy/commissioning/{body_a.slug}/tenders/{tender.pk}/lots/{lot.pk}/")
    assert "Dyfarnwyd i Cwm Care Co-operative" in page.content()
    assert not axe.violations, axe.violations
