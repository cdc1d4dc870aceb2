"""The codebook of a cycle, and the coding of a report's narrative (analysts only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from analysis import access, coding, matrix
from analysis.forms import (
    CodebookImportForm,
    CodeForm,
    FindingForm,
    MergeForm,
    PassageEditForm,
    PassageForm,
)
from analysis.models import Code, CodedPassage, Finding
from forums.models import Forum
from svforum import imports
from svforum.revisions import CONFLICT_MESSAGE, EditConflict

# The codebook ----------------------------------------------------------------------------------


@require_GET
@login_required
def codebook(request, cycle_pk):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    codes = list(
        cycle.codes.select_related("parent").annotate(uses=Count("passages", distinct=True))
    )
    tops = sorted((c for c in codes if c.parent_id is None), key=lambda c: c.name.casefold())
    for top in tops:
        top.subcodes = sorted(
            (c for c in codes if c.parent_id == top.pk), key=lambda c: c.name.casefold()
        )
    return render(
        request,
        "analysis/codebook.html",
        {"cycle": cycle, "codes": tops, "count": len(codes)},
    )


@require_POST
@login_required
def codebook_default(request, cycle_pk):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    try:
        made = coding.create_default_codebook(cycle=cycle, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The default codebook has been created: %(count)d codes.") % {"count": len(made)},
        )
    return redirect("analysis:codebook", cycle.pk)


@require_http_methods(["GET", "POST"])
@login_required
def code_edit(request, cycle_pk, code_pk=None):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    code = get_object_or_404(cycle.codes, pk=code_pk) if code_pk else Code(cycle=cycle)
    form = CodeForm(request.POST if request.method == "POST" else None, instance=code, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            coding.save_code(code=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(code)s has been saved.") % {"code": code.name})
            return redirect("analysis:codebook", cycle.pk)
    return render(
        request,
        "analysis/code_form.html",
        {"cycle": cycle, "code": code, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def code_retire(request, cycle_pk, code_pk):
    cycle, code = access.get_code_for_user(request.user, cycle_pk, code_pk)
    retire = not code.retired
    coding.set_retired(code=code, retired=retire, by=request.user)
    messages.success(
        request,
        (
            _("%(code)s is retired: its passages are kept, and it is no longer offered.")
            if retire
            else _("%(code)s is back in use.")
        )
        % {"code": code.name},
    )
    return redirect("analysis:codebook", cycle.pk)


@require_http_methods(["GET", "POST"])
@login_required
def code_merge(request, cycle_pk, code_pk):
    cycle, code = access.get_code_for_user(request.user, cycle_pk, code_pk)
    form = MergeForm(request.POST if request.method == "POST" else None, code=code)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        try:
            moved = coding.merge_codes(source=code, target=target, by=request.user)
        except ValidationError as error:
            form.add_error("target", error)
        else:
            messages.success(
                request,
                _("%(source)s has been merged into %(target)s; %(count)d passages moved.")
                % {"source": code.name, "target": target.name, "count": moved},
            )
            return redirect("analysis:codebook", cycle.pk)
    return render(
        request,
        "analysis/code_merge.html",
        {"cycle": cycle, "code": code, "form": form, "uses": code.passages.count()},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def codebook_export(request, cycle_pk):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    return imports.download(coding.codebook_dataset(cycle), "csv", f"codebook-{cycle.pk}")


class CodebookImport(imports.ImportFlow):
    """A codebook CSV in Taguette's layout (name, description, parent), written at once
    when every row is valid: the codebook page shows what it made."""

    template = "analysis/codebook_import.html"
    form_class = CodebookImportForm
    preview = False

    def __init__(self, *, cycle, **kwargs):
        super().__init__(cycle=cycle, **kwargs)
        self.cycle = cycle

    def read(self, name, content):
        try:
            return coding.parse_csv(content), []
        except coding.CodebookProblem as problem:
            return None, [message for _row, message in problem.problems]

    def check(self, data):
        parents, problems = coding.check_codebook(cycle=self.cycle, rows=data)
        return imports.Checked(changes=(data, parents), problems=problems)

    def refused(self, form, problems):
        form.add_error(
            "file",
            _("Nothing was imported: the file has %(count)d problems, listed below.")
            % {"count": len(problems)},
        )

    def apply(self, checked, *, by, values):
        rows, parents = checked.changes
        added, updated = coding.import_codebook(cycle=self.cycle, rows=rows, parents=parents, by=by)
        return _("Codebook imported: %(added)d added, %(updated)d updated.") % {
            "added": added,
            "updated": updated,
        }


@require_http_methods(["GET", "POST"])
@login_required
def codebook_import(request, cycle_pk):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    flow = CodebookImport(
        cycle=cycle,
        title=_("Import codes"),
        scope=f"codebook:{cycle.pk}",
        back_url=reverse("analysis:codebook", args=[cycle.pk]),
    )
    return imports.run_import(request, flow)


# Coding a report ---------------------------------------------------------------------------------


def _narrative_entries(report):
    return report.entries.of_kind("narrative")


@require_GET
@login_required
def report_coding(request, pk):
    """The report's narrative sections, with how many passages each has."""
    report = access.get_report_for_coding(request.user, pk)
    entries = (
        _narrative_entries(report)
        .annotate(passage_count=Count("passages", distinct=True))
        .order_by("domain__number")
    )
    return render(
        request,
        "analysis/coding_report.html",
        {
            "report": report,
            "forum": report.forum,
            "entries": entries,
            "recheck": report.passages.filter(needs_recheck=True).count(),
            "has_codes": report.cycle.codes.exists(),
        },
    )


def _highlighted(text, passages):
    """The text as paragraphs of numbered sentences, each sentence marked with the codes
    of the passages that cover it."""
    result = []
    for number, (_start, _end, sentences) in enumerate(coding.paragraphs(text), start=1):
        rows = []
        for s_number, (s_start, s_end) in enumerate(sentences, start=1):
            covering = [p for p in passages if p.start < s_end and s_start < p.end]
            rows.append(
                {
                    "number": s_number,
                    "start": s_start,
                    "text": text[s_start:s_end],
                    "passages": covering,
                }
            )
        result.append({"number": number, "sentences": rows})
    return result


@require_http_methods(["GET", "POST"])
@login_required
def entry_coding(request, pk, number):
    report = access.get_report_for_coding(request.user, pk)
    entry = get_object_or_404(_narrative_entries(report), domain__number=number)
    passages = list(
        entry.passages.select_related("coder").prefetch_related("codes").order_by("start", "pk")
    )
    form = PassageForm(request.POST if request.method == "POST" else None, cycle=report.cycle)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("start") is not None and data.get("end") is not None:
                start, end = data["start"], data["end"]
            else:
                start, end = coding.sentence_range(
                    entry.text, data["paragraph"], data["first"], data["last"]
                )
            coding.code_passage(
                report=report,
                entry=entry,
                start=start,
                end=end,
                codes=list(data["codes"]),
                memo=data["memo"],
                by=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The passage has been coded."))
            return redirect("analysis:entry_coding", report.pk, number)
    return render(
        request,
        "analysis/coding_entry.html",
        {
            "report": report,
            "forum": report.forum,
            "entry": entry,
            "paragraphs": _highlighted(entry.text, passages),
            "passages": passages,
            "form": form,
            "selected": _selected(entry.text, form) if request.method == "POST" else "",
        },
        status=400 if request.method == "POST" else 200,
    )


def _selected(text, form):
    """The words a refused attempt had selected, shown again with the choices kept, so
    nothing is lost silently."""
    data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    start, end = data.get("start"), data.get("end")
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return ""
    start, end = coding.snap_to_words(text, start, end)
    return " ".join(text[start:end].split())


@require_http_methods(["GET", "POST"])
@login_required
def passage_edit(request, pk, passage_pk):
    report, passage = access.get_passage_for_user(request.user, pk, passage_pk)
    initial = {"codes": list(passage.codes.all()), "memo": passage.memo}
    form = PassageEditForm(
        request.POST if request.method == "POST" else None, initial=initial, cycle=report.cycle
    )
    if request.method == "POST" and form.is_valid():
        coding.update_passage(
            passage=passage,
            codes=list(form.cleaned_data["codes"]),
            memo=form.cleaned_data["memo"],
            by=request.user,
        )
        messages.success(request, _("The passage has been saved."))
        return redirect("analysis:entry_coding", report.pk, passage.entry.domain.number)
    return render(
        request,
        "analysis/passage_form.html",
        {"report": report, "forum": report.forum, "passage": passage, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def passage_delete(request, pk, passage_pk):
    report, passage = access.get_passage_for_user(request.user, pk, passage_pk)
    number = passage.entry.domain.number
    if request.method == "POST":
        coding.delete_passage(passage=passage, by=request.user)
        messages.success(request, _("The coding of the passage has been removed."))
        return redirect("analysis:entry_coding", report.pk, number)
    return render(
        request,
        "analysis/passage_delete.html",
        {"report": report, "forum": report.forum, "passage": passage},
    )


# Retrieval, the matrix and agreement -----------------------------------------------------------

PASSAGES_PER_PAGE = 50


@require_GET
@login_required
def code_passages(request, cycle_pk, code_pk):
    """Every passage coded with a code (and, if asked, its sub-codes) across the cycle."""
    cycle, code = access.get_code_for_user(request.user, cycle_pk, code_pk)
    with_subcodes = request.GET.get("sub") == "1" and code.parent_id is None
    codes = [code, *code.children.all()] if with_subcodes else [code]
    passages = (
        CodedPassage.objects.filter(codes__in=codes)
        .distinct()
        .select_related("report__forum", "entry__domain", "coder")
        .prefetch_related("codes")
        .order_by("report__forum__name_en", "entry__domain__number", "start", "pk")
    )
    page = Paginator(passages, PASSAGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "analysis/code_passages.html",
        {
            "cycle": cycle,
            "code": code,
            "page": page,
            "with_subcodes": with_subcodes,
            "has_subcodes": code.parent_id is None and code.children.exists(),
        },
    )


@require_GET
@login_required
def code_matrix(request, cycle_pk, fmt=None):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    presence = request.GET.get("view") == "presence"
    table = matrix.code_forum_matrix(cycle)
    if fmt is not None:
        stem = f"codes-by-forum-{'presence' if presence else 'counts'}-{cycle.pk}"
        return imports.download(matrix.matrix_dataset(table, presence=presence), fmt, stem)
    return render(
        request,
        "analysis/code_matrix.html",
        {
            "cycle": cycle,
            "matrix": table,
            "rows": list(table.rows(presence=presence)),
            "presence": presence,
        },
    )


@require_GET
@login_required
def code_agreement(request, cycle_pk):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    coders = list(
        User.objects.filter(pk__in=CodedPassage.objects.filter(report__cycle=cycle).values("coder"))
        .annotate(n=Count("pk"))
        .order_by("name", "pk")
    )
    by_pk = {str(u.pk): u for u in coders}
    first = by_pk.get(request.GET.get("first", ""))
    second = by_pk.get(request.GET.get("second", ""))
    if first is None and second is None and len(coders) >= 2:
        first, second = coders[0], coders[1]
    error = None
    rows, shared = [], 0
    if first and second and first.pk == second.pk:
        error = _("Choose two different analysts.")
    elif first and second:
        rows, shared = matrix.agreement(cycle, first, second)
    return render(
        request,
        "analysis/code_agreement.html",
        {
            "cycle": cycle,
            "coders": coders,
            "first": first,
            "second": second,
            "rows": rows,
            "shared": shared,
            "error": error,
        },
    )


# The themes-and-findings table -------------------------------------------------------------------


@require_GET
@login_required
def findings_table(request, cycle_pk):
    """Per theme, the findings forum by forum and across Wales, with their quotes."""
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    codes = matrix.ordered_codes(cycle)
    forums = list(Forum.objects.order_by("name_en"))
    findings = {
        (f.code_id, f.forum_id): f
        for f in Finding.objects.filter(code__cycle=cycle).prefetch_related(
            "quotes__report__forum", "quotes__entry__domain"
        )
    }
    themes = []
    for code in codes:
        rows = [(None, findings.get((code.pk, None)))]
        rows += [(forum, findings.get((code.pk, forum.pk))) for forum in forums]
        themes.append((code, rows))
    return render(request, "analysis/findings.html", {"cycle": cycle, "themes": themes})


@require_http_methods(["GET", "POST"])
@login_required
def finding_edit(request, cycle_pk, code_pk, forum_slug):
    cycle, code = access.get_code_for_user(request.user, cycle_pk, code_pk)
    forum = None if forum_slug == "wales" else get_object_or_404(Forum, slug=forum_slug)
    finding = Finding.objects.filter(code=code, forum=forum).first()
    passages = (
        CodedPassage.objects.filter(codes=code, report__cycle=cycle)
        .select_related("report__forum", "entry__domain")
        .order_by("report__forum__name_en", "entry__domain__number", "start")
        .distinct()
    )
    if forum is not None:
        passages = passages.filter(report__forum=forum)
    initial = {
        "revision": finding.revision if finding else 0,
        "text_en": finding.text_en if finding else "",
        "text_cy": finding.text_cy if finding else "",
        "quotes": list(finding.quotes.all()) if finding else [],
    }
    data = request.POST.copy() if request.method == "POST" else None
    form = FindingForm(data, initial=initial, passages=passages)
    conflict = None
    if data is not None and form.is_valid():
        try:
            coding.save_finding(
                code=code,
                forum=forum,
                revision=form.cleaned_data["revision"],
                text_en=form.cleaned_data["text_en"],
                text_cy=form.cleaned_data["text_cy"],
                quotes=list(form.cleaned_data["quotes"]),
                by=request.user,
            )
        except EditConflict as error:
            conflict = error.current
            # Show both versions; the next save (from this page) goes over the saved one.
            data["revision"] = conflict.revision if conflict else 0
            form = FindingForm(data, passages=passages)
            form.is_valid()
            form.add_error(None, CONFLICT_MESSAGE)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The finding has been saved."))
            return redirect(f"{reverse('analysis:findings', args=[cycle.pk])}#theme-{code.pk}")
    return render(
        request,
        "analysis/finding_form.html",
        {
            "cycle": cycle,
            "code": code,
            "forum": forum,
            "form": form,
            "conflict": conflict,
        },
        status=409 if conflict else (400 if data is not None and form.errors else 200),
    )
