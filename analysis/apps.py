from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = _("Analysis")

    def ready(self):
        from analysis import coding
        from reporting.models import Report
        from reporting.signals import report_resubmitted

        report_resubmitted.connect(
            coding.reanchor_on_resubmission, sender=Report, dispatch_uid="analysis.reanchor"
        )

        from analysis import national
        from forums.models import Citizen
        from forums.signals import citizen_erased

        citizen_erased.connect(
            national.drop_documents_of_forum, sender=Citizen, dispatch_uid="analysis.drop_pdfs"
        )
