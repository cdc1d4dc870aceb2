"""A real browser: Debian's chromium driven by Playwright, with axe-core checks."""

import importlib
import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Browser tests run against a live server, so their database is flushed after each test
    rather than rolled back; put the reference data (forums, local authorities, the report
    template, the default measurement framework) back first."""
    from django.apps import apps

    migration = importlib.import_module("forums.migrations.0002_welsh_regions_reference_data")
    migration.add_reference_data(apps, None)
    # ... and the nine-domain report template with its figures.
    importlib.import_module("reporting.migrations.0002_nine_domain_template").add_template(
        apps, None
    )
    importlib.import_module("reporting.migrations.0005_quantitative_return_figures").add_figures(
        apps, None
    )
    importlib.import_module("reporting.migrations.0016_hsc_contract_share_figure").add_figure(
        apps, None
    )
    importlib.import_module("reporting.migrations.0021_icf_in_parts_with_shares").forwards(
        apps, None
    )
    # ... and the default measurement framework.
    importlib.import_module("commissioning.migrations.0002_default_framework").add_framework(
        apps, None
    )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make around it are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # stored PDFs and uploads stay out of the project
    # The live server finds static files by name, without the manifest's hashes.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


class AccessibilityChecker:
    """Runs axe-core on every page it is given and remembers the violations."""

    def __init__(self):
        self.axe = Axe()
        self.violations = {}

    def check(self, page, name):
        # A click on a link returns before the next page has loaded: check the page that
        # was asked for, not the one being left.
        page.wait_for_load_state("load")
        page.locator("h1").first.wait_for()
        results = self.axe.run(page)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        if results.violations_count:
            self.violations[f"{name} ({page.url})"] = results.generate_report()


@pytest.fixture
def axe():
    return AccessibilityChecker()
