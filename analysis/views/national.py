"""The national analysis: the analysts write it, the product assembles and publishes it as
a web page and as a PDF (built in the background, kept until something under it changes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
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
        {"cycle": cycle, **national.document(cycle)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def analysis_edit(request, cycle_pk):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    current = national.analysis_for(cycle)
    initial = {"revision": current.revision}
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
