from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from forums.models import Citizen
        from forums.signals import citizen_erased
        from reporting.pdf import drop_pdfs_of_forum

        citizen_erased.connect(
            drop_pdfs_of_forum, sender=Citizen, dispatch_uid="reporting.drop_pdfs"
        )
