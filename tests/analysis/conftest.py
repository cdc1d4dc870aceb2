"""The analysts' work starts from filed reports: the reporting fixtures serve here too."""

from tests.reporting.conftest import cycle, report, submitted_report  # noqa: F401
