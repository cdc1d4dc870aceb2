"""An analyst reads seven first-round returns on a desktop and on a phone: the comparison
fits the screen at 1280 px and at 320 px (wide tables scroll inside their own regions,
with the forum column kept in view), parts and authorities open from their cells, and
every page passes axe-core in English and in Welsh."""

import pytest
from playwright.sync_api import expect

from tests.analysis.test_first_round_returns import first_round  # noqa: F401
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_secretariat_records_a_meeting import sign_in
from tests.reporting.conftest import cycle  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Everything wider than the window must scroll inside a region made for it.
PAGE_OVERFLOW = """() => {
  const root = document.documentElement;
  const outside = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (element.closest('.svf-table-scroll')) continue;
    const box = element.getBoundingClientRect();
    if (box.width && box.right > root.clientWidth + 1) outside.push(
      element.tagName + '.' + element.className + ' ' + Math.round(box.right));
  }
  return {scroll: root.scrollWidth, client: root.clientWidth, outside: outside.slice(0, 5)};
}"""


def fits(page):
    measured = page.evaluate(PAGE_OVERFLOW)
    assert measured["scroll"] <= measured["client"], measured
    assert not measured["outside"], measured


def test_the_comparison_reads_on_a_desktop_and_on_a_phone(page, axe, first_round, analyst):  # noqa: F811
    sign_in(page, analyst)
    url = f"/en/reports/review/cycles/{first_round.pk}/figures/"
    page.goto(url)
    axe.check(page, "first-round-comparison-1280")
    fits(page)
    # Gwent's ICF came as revenue and capital: its cell opens on both, each held to the
    # target.
    overview = page.locator("table.svf-comparison")
    gwent = overview.locator("tr", has=page.get_by_role("rowheader", name="Gwent"))
    gwent.get_by_text("2 parts", exact=True).click()
    expect(gwent.get_by_text("Revenue: £1,286,505 (18.2% of revenue ICF)")).to_be_visible()
    expect(gwent.get_by_text("Misses target").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "first-round-comparison-1280-open.png"), full_page=True)
    assert page.get_by_text("Meets target").count() == 0

    for language in ("en", "cy"):
        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(f"/{language}/reports/review/cycles/{first_round.pk}/figures/")
        axe.check(page, f"first-round-comparison-320-{language}")
        fits(page)
        region = page.locator(".svf-table-scroll").first
        assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # it scrolls, not the page
        first_cell = region.locator("tbody th").first
        before = first_cell.bounding_box()["x"]
        region.evaluate("r => r.scrollBy(400, 0)")
        page.wait_for_timeout(100)
        assert region.evaluate("r => r.scrollLeft") > 0
        assert abs(first_cell.bounding_box()["x"] - before) < 1  # the forum stays in view
        page.screenshot(path=str(ARTIFACTS / f"first-round-comparison-320-{language}.png"))
        # Figure by figure, the sub-rows read in a narrow window too.
        north = page.locator("#figure-icf").locator("xpath=..")
        north.scroll_into_view_if_needed()
        expect(north.get_by_role("rowheader", name="Gwynedd")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / f"first-round-icf-320-{language}.png"), full_page=True)

        page.goto(f"/{language}/reports/review/cycles/{first_round.pk}/dashboard/")
        axe.check(page, f"first-round-dashboard-320-{language}")
        fits(page)
        page.set_viewport_size({"width": 1280, "height": 900})

    assert not axe.violations, axe.violations
