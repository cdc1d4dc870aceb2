"""The national analysis as a PDF (WeasyPrint sits behind ``svforum.pdf``)."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from svforum.pdf import write_pdf_with_pages


def national_analysis_pdf(cycle, *, language, context):
    """(bytes, pages) of a cycle's national analysis in ``language``."""
    with translation.override(language):
        html = render_to_string(
            "analysis/pdf/national.html",
            {**context, "cycle": cycle, "language": language, "generated_at": timezone.now()},
        )
    return write_pdf_with_pages(html)
