"""The national analysis: the analysts write it, the product assembles and publishes it as
a web page and as a PDF (built in the background, kept until something under it changes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from analysis import access, national
from analysis.forms import NationalAnalysisForm
from analysis.models import AnalysisDocument
from svforum.revisions import CONFLICT_MESSAGE, EditConflict

LANGUAGES = ("en", "cy")


@require_GET
@login_required
def analysis_page(request, cycle_pk):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    return render(
        request,
        "analysis/national.html",
        {
            "cycle": cycle,
            "latest": national.latest_publication(cycle),
            **national.document(cycle),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def analysis_edit(request, cycle_pk):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    current = national.analysis_for(cycle)
    initial = {
        "revision": current.revision,
        "publisher": current.publisher,
        "isbn": current.isbn,
        "doi": current.doi,
    }
    for name in current.SECTIONS:
        for suffix in ("en", "cy"):
            initial[f"{name}_{suffix}"] = getattr(current, f"{name}_{suffix}")
    data = request.POST.copy() if request.method == "POST" else None
    form = NationalAnalysisForm(data, initial=initial)
    conflict = None
    if data is not None and form.is_valid():
        try:
            national.save_analysis(
                cycle=cycle,
                revision=form.cleaned_data["revision"],
                values=form.section_values,
                by=request.user,
            )
        except EditConflict as error:
            conflict = error.current
            data["revision"] = conflict.revision
            form = NationalAnalysisForm(data)
            form.is_valid()
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("The national analysis has been saved."))
            return redirect("analysis:national", cycle.pk)
    return render(
        request,
        "analysis/national_edit.html",
        {"cycle": cycle, "form": form, "conflict": conflict},
        status=409 if conflict else (400 if data is not None and form.errors else 200),
    )


@require_POST
@login_required
def analysis_pdf(request, cycle_pk, language):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    if language not in LANGUAGES:
        raise Http404
    doc = national.request_pdf(cycle=cycle, language=language, by=request.user)
    return redirect("analysis:national_pdf_status", cycle.pk, doc.pk)


@require_GET
@login_required
def analysis_pdf_status(request, cycle_pk, doc_pk):
    """How far the build has got; the page refreshes itself until the PDF is ready."""
    cycle, doc = access.get_document_for_user(request.user, cycle_pk, doc_pk)
    current = doc.fingerprint == national.fingerprint(cycle, doc.language)
    return render(
        request,
        "analysis/national_pdf.html",
        {"cycle": cycle, "doc": doc, "current": current},
    )


@require_GET
@login_required
def analysis_pdf_download(request, cycle_pk, doc_pk):
    cycle, doc = access.get_document_for_user(request.user, cycle_pk, doc_pk)
    if doc.status != AnalysisDocument.Status.READY:
        raise Http404
    return FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=f"national-analysis-{cycle.period_end:%Y}-{doc.language}.pdf",
        content_type="application/pdf",
    )


@require_http_methods(["GET", "POST"])
@login_required
def analysis_publish(request, cycle_pk):
    """Publishing: what stops it, if anything, then a fixed edition in both languages."""
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    problems = national.publish_problems(cycle)
    if request.method == "POST" and not problems:
        try:
            publication = national.publish(cycle=cycle, by=request.user)
        except ValidationError as error:  # changed meanwhile
            problems = error.messages
        else:
            messages.success(
                request,
                _("The national analysis is published (edition %(number)d).")
                % {"number": publication.number},
            )
            return redirect("analysis:published", cycle.pk)
    document = national.document(cycle)
    return render(
        request,
        "analysis/national_publish.html",
        {
            "cycle": cycle,
            "problems": problems,
            "included": [entry["row"].forum for entry in document["appendix"]],
            "not_accepted": document["not_accepted"],
            "latest": national.latest_publication(cycle),
        },
        status=400 if request.method == "POST" and problems else 200,
    )


@require_GET
@login_required
def published(request, cycle_pk, number=None):
    """A published edition (the latest, unless one is named) for anyone with a role in the
    service: the forums read it here."""
    cycle, publication = access.get_publication_for_user(request.user, cycle_pk, number)
    documents = {d.language: d for d in publication.documents.all()}
    return render(
        request,
        "analysis/published.html",
        {
            "cycle": cycle,
            "publication": publication,
            "body": mark_safe(publication.body(translation.get_language())),
            "documents": [(lang, documents.get(lang)) for lang in LANGUAGES],
            "editions": list(cycle.national_publications.order_by("-number")),
        },
    )


@require_GET
@login_required
def published_pdf(request, cycle_pk, number, language):
    cycle, publication = access.get_publication_for_user(request.user, cycle_pk, number)
    doc = publication.documents.filter(language=language).first()
    if doc is None or doc.status != AnalysisDocument.Status.READY:
        raise Http404
    return FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=f"national-analysis-{cycle.period_end:%Y}-{publication.number}-{language}.pdf",
        content_type="application/pdf",
    )
