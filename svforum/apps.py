from django.apps import AppConfig


class SvforumConfig(AppConfig):
    """The project's own package: settings, URLs, the home page, the shared mechanisms
    (imports, spreadsheets, revisioned edits, PDF output, charts, uploads) and the demo."""

    name = "svforum"
    verbose_name = "svforum"

    def ready(self):
        from svforum import checks  # noqa: F401 (registers the system checks)
