"""The report as a PDF (WeasyPrint sits behind ``svforum.pdf``).

A draft (or returned) report is rendered on request; a submitted version is rendered once
per language, kept in storage, and served from there afterwards.
"""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from reporting.models import ReportPDF
from svforum.pdf import write_pdf
from svforum.storage import StorageUnavailable


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
    return write_pdf(html)


def drop_pdfs_of_forum(*, forum, **kwargs):
    """The forum's stored report PDFs, dropped after a citizen's name was erased from its
    texts: each is made again, without the name, when next downloaded. The files go once
    the erasure is saved."""
    stored = list(ReportPDF.objects.filter(report__forum=forum))
    ReportPDF.objects.filter(pk__in=[pdf.pk for pdf in stored]).delete()
    for pdf in stored:
        transaction.on_commit(lambda file=pdf.file: file.delete(save=False))


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
        except StorageUnavailable:
            # Not kept for next time, but the reader still gets the report.
            return content, filename
        else:
            return content, filename
    with stored.file.open("rb") as handle:
        return handle.read(), filename
