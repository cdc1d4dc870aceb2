"""The report as a PDF: the only module that imports WeasyPrint.

A draft (or returned) report is rendered on request; a submitted version is rendered once
per language, kept in storage, and served from there afterwards.
"""

import functools
import ssl

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from reporting.models import ReportPDF


@functools.cache
def _tls_context():
    # Never used (only data: URLs are allowed) but built by every fetcher unless given:
    # building one each render costs ~50 ms.
    return ssl.create_default_context()


def _html(html):
    """The document: it may load ``data:`` URLs (the charts) only — never the network or
    the disk."""
    fetcher = URLFetcher(allowed_protocols={"data"}, ssl_context=_tls_context())
    return HTML(string=html, base_url=None, url_fetcher=fetcher)


def render_report(report, *, language, context):
    """PDF bytes of the report in ``language`` (en or cy); ``context`` is what the report
    page shows (entries with their items, figure answers)."""
    with translation.override(language):
        html = render_to_string(
            "reporting/pdf/report.html",
            {
                **context,
                "report": report,
                "forum": report.forum,
                "language": language,
                "generated_at": timezone.now(),
            },
        )
    return _html(html).write_pdf(pdf_tags=True)


def report_pdf(report, *, language, context):
    """(bytes, filename): from storage for a submitted version, freshly made for a draft."""
    filename = f"{report.forum.slug}-{report.cycle.period_end:%Y}-v{report.version}-{language}.pdf"
    if report.is_editable or report.version == 0:
        return render_report(report, language=language, context=context), filename
    stored = ReportPDF.objects.filter(
        report=report, version=report.version, language=language
    ).first()
    if stored is None:
        content = render_report(report, language=language, context=context)
        try:
            with transaction.atomic():
                stored = ReportPDF(report=report, version=report.version, language=language)
                stored.file.save(filename, ContentFile(content), save=True)
        except IntegrityError:  # made meanwhile by another request
            stored = ReportPDF.objects.get(report=report, version=report.version, language=language)
        else:
            return content, filename
    with stored.file.open("rb") as handle:
        return handle.read(), filename


def national_analysis_pdf(cycle, *, language, context):
    """(bytes, pages) of a cycle's national analysis in ``language``."""
    with translation.override(language):
        html = render_to_string(
            "reporting/pdf/national.html",
            {**context, "cycle": cycle, "language": language, "generated_at": timezone.now()},
        )
    document = _html(html).render(pdf_tags=True)
    return document.write_pdf(pdf_tags=True), len(document.pages)
