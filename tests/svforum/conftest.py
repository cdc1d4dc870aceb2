"""Reports and cycles for the shared mechanisms' tests (exports of a report's figures)."""

from tests.reporting.conftest import cycle, report, submitted_report  # noqa: F401
