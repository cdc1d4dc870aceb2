"""PDF output: the only module that imports WeasyPrint.

Each document has its own adapter function beside its data (``reporting.pdf`` for a
forum's report, ``analysis.pdf`` for the national analysis); they render their template
and hand the HTML here.
"""

import functools
import ssl

from weasyprint import HTML
from weasyprint.urls import URLFetcher


@functools.cache
def _tls_context():
    # Never used (only data: URLs are allowed) but built by every fetcher unless given:
    # building one each render costs ~50 ms.
    return ssl.create_default_context()


def document(html):
    """The document: it may load ``data:`` URLs (the charts) only — never the network or
    the disk."""
    fetcher = URLFetcher(allowed_protocols={"data"}, ssl_context=_tls_context())
    return HTML(string=html, base_url=None, url_fetcher=fetcher)


def write_pdf(html):
    """PDF bytes of ``html``, tagged for assistive technology."""
    return document(html).write_pdf(pdf_tags=True)


def write_pdf_with_pages(html):
    """(PDF bytes, number of pages) of ``html``."""
    rendered = document(html).render(pdf_tags=True)
    return rendered.write_pdf(pdf_tags=True), len(rendered.pages)
