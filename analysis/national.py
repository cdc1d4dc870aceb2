"""The national analysis: the analysts' text, assembled with the findings table, the
comparison of figures and an appendix per forum; built as a PDF in the background and
kept until something under it changes."""

import hashlib
import json
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Max
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEvent
from accounts.services import record_audit
from analysis import comparison, matrix
from analysis.models import (
    AnalysisDocument,
    Code,
    CodedPassage,
    FigureTarget,
    Finding,
    NationalAnalysis,
    NationalPublication,
)
from forums.models import Forum
from reporting.models import Report
from svforum.revisions import save_revision

# Raised when the layout of the document changes, so earlier builds are not served.
LAYOUT_VERSION = "2"
# What a passage may start with that is not part of the quote: a list dash or bullet, or a
# paragraph's number ("3.", "(b)").
QUOTE_MARKER_RE = re.compile(r"^(?:[-–—•*]\s+|\(?\d{1,3}[.)]\s+|\(?[a-z][.)]\s+)+")


def analysis_for(cycle):
    return NationalAnalysis.objects.get_or_create(cycle=cycle)[0]


@transaction.atomic
def save_analysis(*, cycle, revision, values, by):
    """Saves the analysts' sections, refusing the save (``EditConflict``) if someone saved
    since ``revision``."""
    current = NationalAnalysis.objects.select_for_update().get(pk=analysis_for(cycle).pk)
    save_revision(
        current,
        expected=revision,
        by=by,
        changes={name: value.strip() for name, value in values.items()},
    )
    record_audit(
        actor=by, action=AuditEvent.Action.UPDATE, obj=current, forum=None, detail=str(cycle)
    )
    return current


def clean_quote(text):
    """A quote as it reads in a published document: without the list marker or paragraph
    number it was selected with, its spaces tidied."""
    text = " ".join(text.split())
    return QUOTE_MARKER_RE.sub("", text).strip()


def _quotes(finding, accepted):
    """A finding's quotes from accepted reports, each once."""
    seen, quotes = set(), []
    for quote in finding.quotes.all():
        if quote.report_id not in accepted:
            continue
        text = clean_quote(quote.quote)
        key = text.casefold().strip(" .…")
        if text and key not in seen:
            seen.add(key)
            quotes.append((text, quote.report.forum))
    return quotes


def document(cycle):
    """Everything the web page and the PDF show, in the active language: the reports
    Welsh Government has accepted, and the forums whose report it has not (yet)."""
    themes = matrix.ordered_codes(cycle)
    compared = comparison.compare(cycle, accepted_only=True)
    accepted_forums = {row.forum.pk for row in compared.rows if row.report is not None}
    accepted_reports = {row.report.pk for row in compared.rows if row.report is not None}
    findings = {}
    for f in Finding.objects.filter(code__cycle=cycle).prefetch_related(
        "quotes__report__forum", "quotes__entry__domain"
    ):
        if f.forum_id is None or f.forum_id in accepted_forums:
            f.clean_quotes = _quotes(f, accepted_reports)
            findings[(f.code_id, f.forum_id)] = f
    forums = list(Forum.objects.order_by("name_en"))
    theme_rows = []
    for code in themes:
        rows = [(None, findings.get((code.pk, None)))]
        rows += [(forum, findings.get((code.pk, forum.pk))) for forum in forums]
        rows = [(forum, finding) for forum, finding in rows if finding and finding.text]
        if rows:
            theme_rows.append((code, rows))
    appendix = []
    for row in compared.rows:
        if row.report is None:
            continue
        forum_findings = [
            (code, findings[(code.pk, row.forum.pk)])
            for code in themes
            if (code.pk, row.forum.pk) in findings and findings[(code.pk, row.forum.pk)].text
        ]
        figures = list(zip(compared.columns, row.cells, strict=True))
        appendix.append({"row": row, "findings": forum_findings, "figures": figures})
    return {
        "analysis": analysis_for(cycle),
        "themes": theme_rows,
        "result": compared,
        "appendix": appendix,
        "not_accepted": [row.forum for row in compared.rows if row.report is None],
    }


def drop_documents_of_forum(*, forum, **kwargs):
    """The national analysis PDFs of every cycle the forum reported in, dropped after a
    citizen's name was erased from its texts (they may quote them): built again on request.
    The files go once the erasure is saved."""
    documents = list(AnalysisDocument.objects.filter(cycle__reports__forum=forum).distinct())
    AnalysisDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
    for document in documents:
        if document.file:
            transaction.on_commit(lambda file=document.file: file.delete(save=False))


def fingerprint(cycle, language):
    """A digest of everything under the document: when any of it changes, a new build."""
    national = analysis_for(cycle)
    parts = {
        "layout": LAYOUT_VERSION,
        "language": language,
        "analysis": [national.pk, national.revision],
        "findings": list(
            Finding.objects.filter(code__cycle=cycle)
            .aggregate(n=Count("pk"), at=Max("updated_at"), quotes=Count("quotes"))
            .values()
        ),
        "codes": list(
            Code.objects.filter(cycle=cycle)
            .order_by("pk")
            .values_list("pk", "name_en", "name_cy", "parent_id", "colour")
        ),
        "passages": list(
            CodedPassage.objects.filter(report__cycle=cycle)
            .aggregate(n=Count("pk"), at=Max("created_at"))
            .values()
        ),
        "reports": list(
            Report.objects.for_cycle(cycle)
            .order_by("pk")
            .values_list("pk", "status", "version", "submitted_at")
        ),
        "targets": list(
            FigureTarget.objects.filter(cycle=cycle)
            .order_by("pk")
            .values_list("definition_id", "comparison", "value", "note_en", "note_cy")
        ),
        "forums": list(Forum.objects.order_by("pk").values_list("pk", "name_en", "name_cy")),
    }
    text = json.dumps(parts, default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def request_pdf(*, cycle, language, by, publication=None):
    """The document for the cycle and language as things stand (or of a published
    edition, which never changes): an up-to-date one (ready, or being built), or a new
    build queued in the background."""
    digest = f"edition-{publication.pk}" if publication else fingerprint(cycle, language)
    with transaction.atomic():
        doc, created = AnalysisDocument.objects.get_or_create(
            cycle=cycle,
            language=language,
            fingerprint=digest,
            defaults={"requested_by": by, "publication": publication},
        )
        if not created and (doc.status == AnalysisDocument.Status.FAILED or doc.stalled):
            # Failed, or its worker died: the same document is built again.
            doc.status, doc.progress, doc.error = AnalysisDocument.Status.QUEUED, 0, ""
            doc.requested_by, doc.requested_at = by, timezone.now()
            doc.updated_at = doc.requested_at
            doc.save()
            created = True
        if created:
            transaction.on_commit(lambda: build_analysis_pdf.enqueue(doc.pk))
    return doc


def _progress(doc, percent, status=AnalysisDocument.Status.BUILDING):
    doc.progress, doc.status, doc.updated_at = percent, status, timezone.now()
    doc.save(update_fields=["progress", "status", "updated_at"])


@task
def build_analysis_pdf(document_pk):
    """Builds one national analysis PDF, saying how far it has got as it goes."""
    from analysis import pdf

    doc = AnalysisDocument.objects.select_related("cycle__template", "publication").get(
        pk=document_pk
    )
    if doc.status == AnalysisDocument.Status.READY:
        return doc.pk
    try:
        _progress(doc, 10)
        with translation.override(doc.language):
            if doc.publication_id:
                context = {
                    "publication": doc.publication,
                    "frozen": doc.publication.body(doc.language),
                }
            else:
                context = document(doc.cycle)
            _progress(doc, 30)
            content, pages = pdf.national_analysis_pdf(
                doc.cycle, language=doc.language, context=context
            )
        _progress(doc, 90)
        doc.file.save(f"national-analysis-{doc.language}.pdf", ContentFile(content), save=False)
        doc.pages = pages
        doc.status, doc.progress, doc.finished_at = (
            AnalysisDocument.Status.READY,
            100,
            timezone.now(),
        )
        doc.save()
    except Exception as error:  # the build is reported as failed, with why
        doc.status, doc.error, doc.finished_at = (
            AnalysisDocument.Status.FAILED,
            f"{type(error).__name__}: {error}",
            timezone.now(),
        )
        doc.save(update_fields=["status", "error", "finished_at"])
        raise
    return doc.pk


SECTION_NAMES = {
    "summary": _("Executive summary"),
    "introduction": _("Introduction"),
    "method": _("Method"),
    "discussion": _("Discussion"),
    "recommendations": _("Recommendations"),
}


def publish_problems(cycle):
    """What stops the analysis being published, in the user's language: every section
    not written in English or in Welsh, and a cycle with no accepted report."""
    problems = [
        (
            _("%(section)s is not written in Welsh yet.")
            if language == "cy"
            else _("%(section)s is not written in English yet.")
        )
        % {"section": SECTION_NAMES[name]}
        for name, language in analysis_for(cycle).unwritten()
    ]
    if not Report.objects.for_cycle(cycle).filter(status=Report.Status.ACCEPTED).exists():
        problems.append(_("No report of this cycle has been accepted yet."))
    return problems


@transaction.atomic
def publish(*, cycle, by):
    """Publishes the analysis as it stands: a fixed edition in both languages, for the
    forums to read in the service, and its PDFs built in the background."""
    current = NationalAnalysis.objects.select_for_update().get(pk=analysis_for(cycle).pk)
    problems = publish_problems(cycle)
    if problems:
        raise ValidationError([str(p) for p in problems])
    bodies = {}
    for language in ("en", "cy"):
        with translation.override(language):
            bodies[language] = render_to_string(
                "analysis/_national_body.html", {**document(cycle), "pdf": True, "level": 3}
            )
    last = cycle.national_publications.aggregate(n=Max("number"))["n"] or 0
    publication = NationalPublication.objects.create(
        cycle=cycle,
        number=last + 1,
        published_by=by,
        publisher=current.publisher,
        isbn=current.isbn,
        doi=current.doi,
        body_en=bodies["en"],
        body_cy=bodies["cy"],
    )
    record_audit(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=publication,
        forum=None,
        detail=str(cycle),
    )
    for language in ("en", "cy"):
        request_pdf(cycle=cycle, language=language, by=by, publication=publication)
    return publication


def latest_publication(cycle):
    return cycle.national_publications.order_by("-number").first()
