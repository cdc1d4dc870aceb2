from tests.reporting.conftest import cycle, report, submitted_report  # noqa: F401
