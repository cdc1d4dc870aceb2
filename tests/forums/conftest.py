from tests.reporting.conftest import cycle, report  # noqa: F401
