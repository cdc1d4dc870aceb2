"""A forum's reports: the list by cycle, the task list, each domain's page, submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forums import access as forum_access
from reporting import access, pdf, quantities, selectors, services
from reporting import spreadsheets as figure_sheets
from reporting.figures import detail_groups, format_value
from reporting.forms import (
    MAX_WORDS,
    AttachmentForm,
    BreakdownFormSet,
    CaseStudyForm,
    EntryForm,
    FigureForm,
    PartForm,
    SignOffForm,
    WorkProgrammeItemForm,
    readings,
    signature,
)
from reporting.models import (
    Attachment,
    CaseStudy,
    Entry,
    Figure,
    Report,
    ReportingCycle,
    ReviewDecision,
    WorkProgrammeItem,
)
from reporting.quantities import Quantity
from reporting.versions import compare
from svforum import imports
from svforum.revisions import CONFLICT_MESSAGE, EditConflict, show_conflict

# GOV.UK Frontend picks a message by the page language's plural rule (Intl.PluralRules):
# Welsh has all six forms, English uses two of them.
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


@require_GET
@login_required
def forum_reports(request, slug):
    forum = forum_access.get_forum_for_user(request.user, slug)
    reports = {r.cycle_id: r for r in access.reports_for_forum(request.user, forum)}
    can_edit = forum_access.can_edit_forum(request.user, forum)
    cycles = [(cycle, reports.get(cycle.pk)) for cycle in ReportingCycle.objects.all()]
    return render(
        request,
        "reporting/forum_reports.html",
        {"forum": forum, "cycles": cycles, "can_edit": can_edit},
    )


@require_POST
@login_required
def report_start(request, slug, cycle_pk):
    forum = forum_access.get_forum_for_user(request.user, slug, write=True)
    cycle = get_object_or_404(ReportingCycle.objects.select_related("template"), pk=cycle_pk)
    report = services.start_report(forum=forum, cycle=cycle, by=request.user)
    return redirect(report)


@require_GET
@login_required
def report_detail(request, pk):
    """The report's task list."""
    report = access.get_report_for_user(request.user, pk)
    contents = selectors.report_contents(report)
    entries, done = contents["entries"], contents["done"]
    threads = selectors.comment_threads(access.comments_for(request.user, report))
    open_threads = selectors.open_threads(threads)
    for entry in entries:
        entry.comment_count = len(threads.get(entry.domain.number, []))
        entry.open_comments = open_threads.get(entry.domain.number, 0)
    returned = (
        report.decisions.filter(decision=ReviewDecision.Decision.RETURNED)
        .select_related("decided_by")
        .last()
        if report.status == Report.Status.RETURNED
        else None
    )
    return render(
        request,
        "reporting/report.html",
        {
            "report": report,
            "forum": report.forum,
            "entries": entries,
            "done": done,
            "returned": returned,
            "general_comments": len(threads.get(0, [])),
            "general_open": open_threads.get(0, 0),
            "can_edit": forum_access.can_edit_forum(request.user, report.forum)
            and report.is_editable,
        },
    )


def _get_entry(report, number):
    try:
        return report.entries.in_order().get(domain__number=number)
    except Entry.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
@login_required
def entry_edit(request, pk, number):
    """One domain: its comments and guidance beside the editor; saving never overwrites
    someone else's save."""
    report = access.get_report_for_user(request.user, pk, write=True)
    entry = _get_entry(report, number)
    threads = selectors.comment_threads(
        access.comments_for(request.user, report).filter(entry=entry)
    ).get(number, [])
    context = {
        "report": report,
        "forum": report.forum,
        "entry": entry,
        "threads": threads,
        "can_reply": True,  # the forum's own secretariat, or an administrator
        "word_limit": MAX_WORDS,
        "plural_forms": PLURAL_FORMS,
        "conflict": None,
        "attachments": entry.attachments.all(),
        "case_studies": report.case_studies.select_related("report__cycle", "report__forum")
        if entry.domain.kind == "case_studies"
        else (),
        "items": report.work_programme.all() if entry.domain.kind == "work_programme" else (),
        "answers": selectors.figure_answers(report)[0]
        if entry.domain.kind == "quantitative"
        else (),
    }
    if request.method == "GET":
        if not report.is_editable:
            messages.error(request, services.LOCKED_MESSAGE)
            return redirect(report)
        initial = {
            "text": entry.text,
            "no_information_reason": entry.no_information_reason,
            "revision": entry.revision,
            "status": entry.status if entry.status != Entry.Status.NOT_STARTED else None,
        }
        return render(
            request, "reporting/entry.html", {**context, "form": EntryForm(initial=initial)}
        )

    form = EntryForm(request.POST)
    if "preview" in request.POST:
        # The text as the report will show it, beside the editor; nothing is saved.
        form.is_valid()
        return render(
            request,
            "reporting/entry.html",
            {**context, "form": form, "preview": request.POST.get("text", "")},
        )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.save_entry(
                entry=entry,
                revision=data["revision"],
                text=data["text"],
                status=data["status"],
                no_information_reason=data["no_information_reason"],
                by=request.user,
            )
        except services.ReportLocked:
            form.add_error(None, services.LOCKED_MESSAGE)
            return render(request, "reporting/entry.html", {**context, "form": form}, status=409)
        except ValidationError as error:
            # The entry's own rules (e.g. a completed section needs its text or items).
            form.add_error(None, error)
            return render(request, "reporting/entry.html", {**context, "form": form})
        except EditConflict as conflict:
            # Keep what this user typed; show what the other person saved; the next save,
            # made knowingly, starts from their revision.
            data_copy = request.POST.copy()
            data_copy["revision"] = conflict.current.revision
            form = EntryForm(data_copy)
            form.is_valid()
            form.add_error(None, CONFLICT_MESSAGE)
            return render(
                request,
                "reporting/entry.html",
                {**context, "form": form, "conflict": conflict.current},
                status=409,
            )
        messages.success(request, _("Section %(number)s has been saved.") % {"number": number})
        if request.POST.get("then") == "continue":
            return redirect("reporting:entry", report.pk, number)
        return redirect(report)
    return render(request, "reporting/entry.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def report_submit(request, pk):
    """Check your answers — every section, figure, case study, item and piece of evidence,
    each with a change link — then the forum's sign-off, and submit; every gap listed."""
    report = access.get_report_for_user(request.user, pk, write=True)
    if not report.is_editable:
        messages.error(request, services.LOCKED_MESSAGE)
        return redirect(report)
    form = SignOffForm(request.POST if request.method == "POST" else None, report=report)
    gaps = services.report_gaps(report)
    if request.method == "POST" and not gaps and form.is_valid():
        try:
            report = services.submit_report(
                report=report,
                by=request.user,
                agreed_by=form.cleaned_data["agreed_by"],
                agreed_on=form.cleaned_data["agreed_on"],
            )
        except services.ReportIncomplete:
            gaps = services.report_gaps(report)  # changed meanwhile: shown below
        except services.ReportLocked:
            messages.error(request, services.LOCKED_MESSAGE)
            return redirect(report)
        else:
            return redirect("reporting:submitted", report.pk)
    contents = selectors.report_contents(report)
    return render(
        request,
        "reporting/submit.html",
        {
            "report": report,
            "forum": report.forum,
            "gaps": gaps,
            "entries": contents["entries"],
            "form": form,
            "tried": request.method == "POST",
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def report_submitted(request, pk):
    """The confirmation of a submission: its reference, version and what happens next."""
    report = access.get_report_for_user(request.user, pk)
    version = report.versions.select_related("submitted_by").order_by("-number").first()
    if version is None:
        raise Http404
    return render(
        request,
        "reporting/submitted.html",
        {"report": report, "forum": report.forum, "version": version},
    )


# Case studies and work programme items --------------------------------------------------

ITEM_KINDS = {
    "case-studies": {
        "model": CaseStudy,
        "form": CaseStudyForm,
        "domain_kind": "case_studies",
        "add": gettext_lazy("Add a case study"),
    },
    "work-programme": {
        "model": WorkProgrammeItem,
        "form": WorkProgrammeItemForm,
        "domain_kind": "work_programme",
        "add": gettext_lazy("Add a work programme item"),
    },
}


def _item_context(report, kind):
    entry = report.entries.of_kind(ITEM_KINDS[kind]["domain_kind"]).get()
    return {
        "report": report,
        "forum": report.forum,
        "entry": entry,
        "kind": kind,
        "add_label": ITEM_KINDS[kind]["add"],
    }


def _get_item(report, kind, item_pk):
    try:
        return ITEM_KINDS[kind]["model"].objects.get(report=report, pk=item_pk)
    except ITEM_KINDS[kind]["model"].DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
@login_required
def item_edit(request, pk, kind, item_pk=None):
    report = access.get_report_for_user(request.user, pk, write=True)
    context = _item_context(report, kind)
    if not report.is_editable:
        messages.error(request, services.LOCKED_MESSAGE)
        return redirect(report)
    item = _get_item(report, kind, item_pk) if item_pk else ITEM_KINDS[kind]["model"](report=report)
    form = ITEM_KINDS[kind]["form"](request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.save_item(item=form.save(commit=False), by=request.user)
        except services.ReportLocked:
            form.add_error(None, services.LOCKED_MESSAGE)
            return render(
                request,
                "reporting/item_form.html",
                {**context, "form": form, "item": item},
                status=409,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return render(
                request, "reporting/item_form.html", {**context, "form": form, "item": item}
            )
        except EditConflict as conflict:
            show_conflict(form, conflict)
            return render(
                request,
                "reporting/item_form.html",
                {**context, "form": form, "item": item},
                status=409,
            )
        messages.success(request, _("%(item)s has been saved.") % {"item": item})
        return redirect("reporting:entry", report.pk, context["entry"].domain.number)
    return render(
        request,
        "reporting/item_form.html",
        {**context, "form": form, "item": item if item_pk else None},
    )


@require_http_methods(["GET", "POST"])
@login_required
def item_delete(request, pk, kind, item_pk):
    report = access.get_report_for_user(request.user, pk, write=True)
    context = _item_context(report, kind)
    item = _get_item(report, kind, item_pk)
    if not report.is_editable:
        messages.error(request, services.LOCKED_MESSAGE)
        return redirect(report)
    if request.method == "POST":
        services.delete_item(item=item, by=request.user)
        messages.success(request, _("%(item)s has been deleted.") % {"item": item})
        return redirect("reporting:entry", report.pk, context["entry"].domain.number)
    return render(request, "reporting/item_delete.html", {**context, "item": item})


# The quantitative return ------------------------------------------------------------------

BREAKDOWN_ROWS = 6


def _row_initial(row):
    return {
        "part": row.part_id,
        "local_authority": row.local_authority_id,
        "funder": row.funder,
        "value": quantities.typed(row.amount),
        "share": quantities.typed(row.proportion),
        "base": row.base,
        "period": row.period,
        "note": row.note,
    }


@require_http_methods(["GET", "POST"])
@login_required
def figure_edit(request, pk, code):
    report = access.get_report_for_user(request.user, pk, write=True)
    try:
        figure = report.figures.of_code(code)
    except Figure.DoesNotExist:
        raise Http404 from None
    entry = report.entries.of_kind("quantitative").get()
    if not report.is_editable:
        messages.error(request, services.LOCKED_MESSAGE)
        return redirect(report)
    definition = figure.definition
    derived = selectors.live_derived(report)
    records = derived.values[definition.source] if definition.derived else None
    saved_rows = list(figure.breakdown.select_related("part", "local_authority"))
    initial = {
        "state": figure.state,
        "value": quantities.typed(figure.amount),
        "share": quantities.typed(figure.proportion),
        "base": figure.base,
        "period": figure.period,
        "qualifier": figure.qualifier,
        "override_reason": figure.override_reason,
        "revision": figure.revision,
    }
    zero = figure.state == Figure.State.VALUE and figure.amount == Quantity.exact(0)
    if definition.derived and records is None and zero and not saved_rows:
        initial["state"], initial["value"] = FigureForm.ZERO, ""
    data = request.POST if request.method == "POST" else None
    form = FigureForm(
        data, initial=None if data else initial, definition=definition, records=records
    )
    parts = list(definition.parts.all())
    by_part = {r.part_id: r for r in saved_rows if r.part_id and r.is_whole_part}
    part_forms = [
        PartForm(
            data,
            initial=None if data else _row_initial(by_part[p.pk]) if p.pk in by_part else {},
            prefix=f"part-{p.code}",
            part=p,
            definition=definition,
        )
        for p in parts
    ]
    formset = None
    if definition.breakdown:
        rows = [_row_initial(r) for r in saved_rows if not r.is_whole_part]
        formset = BreakdownFormSet(
            data,
            initial=None if data else rows + [{}] * max(BREAKDOWN_ROWS - len(rows), 2),
            prefix="breakdown",
            form_kwargs={"forum": report.forum, "definition": definition},
        )
    row_forms = part_forms + (list(formset.forms) if formset else [])
    to_confirm = []
    if data is not None:
        valid = [form.is_valid()] + [f.is_valid() for f in part_forms]
        valid += [formset.is_valid()] if formset else []
        if all(valid):
            values = form.values()
            valued = values["state"] == Figure.State.VALUE
            checked = signature([form, *row_forms])
            if valued and form.cleaned_data.get("understood") != checked:
                to_confirm = [r for f in [form, *row_forms] for r in readings(f)]
            if to_confirm:
                # Shown back before saving; the next save with the same numbers goes through.
                form.data = form.data.copy()
                form.data[form.add_prefix("understood")] = checked
            else:
                breakdown = [r for r in (f.row() for f in row_forms) if r] if valued else []
                try:
                    services.save_figure(
                        figure=figure,
                        breakdown=breakdown,
                        by=request.user,
                        revision=form.cleaned_data.get("revision"),
                        **values,
                    )
                except ValidationError as error:
                    form.add_error(None, error.messages)
                except EditConflict as conflict:
                    show_conflict(form, conflict)
                except services.ReportLocked:
                    messages.error(request, services.LOCKED_MESSAGE)
                    return redirect(report)
                else:
                    messages.success(
                        request, _("%(figure)s has been saved.") % {"figure": definition.label}
                    )
                    return redirect("reporting:entry", report.pk, entry.domain.number)
    return render(
        request,
        "reporting/figure.html",
        {
            "report": report,
            "forum": report.forum,
            "entry": entry,
            "figure": figure,
            "definition": definition,
            "form": form,
            "part_forms": part_forms,
            "formset": formset,
            "to_confirm": to_confirm,
            "records": records,
            "derived_value": format_value(definition.kind, records) if definition.derived else "",
            "details": [
                group
                for group in detail_groups(definition.source, derived.details[definition.source])
                if group.rows
            ]
            if definition.derived
            else [],
        },
        status=409 if getattr(form, "edit_refused", False) else 200,
    )


@require_GET
@login_required
def report_download(request, pk, language):
    """The report as a PDF, in English or Welsh."""
    if language not in ("en", "cy"):
        raise Http404
    report = access.get_report_for_user(request.user, pk)
    content, filename = pdf.report_pdf(
        report, language=language, context=selectors.report_contents(report)
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Evidence attachments ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def attachment_add(request, pk, number):
    report = access.get_report_for_user(request.user, pk, write=True)
    entry = _get_entry(report, number)
    if not report.is_editable:
        messages.error(request, services.LOCKED_MESSAGE)
        return redirect(report)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attachment = services.add_attachment(
                entry=entry,
                upload=form.cleaned_data["file"],
                kind=form.kind,
                description=form.cleaned_data["description"],
                by=request.user,
            )
        except services.ReportLocked:
            messages.error(request, services.LOCKED_MESSAGE)
            return redirect(report)
        messages.success(request, _("%(file)s has been attached.") % {"file": attachment})
        return redirect("reporting:entry", report.pk, number)
    return render(
        request,
        "reporting/attachment_form.html",
        {"report": report, "forum": report.forum, "entry": entry, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _get_attachment(report, attachment_pk):
    try:
        return report.attachments.select_related("entry__domain").get(pk=attachment_pk)
    except Attachment.DoesNotExist:
        raise Http404 from None


@require_GET
@login_required
def attachment_download(request, pk, attachment_pk):
    """Evidence is served only to people who may see the report, never from a public URL."""
    report = access.get_report_for_user(request.user, pk)
    attachment = _get_attachment(report, attachment_pk)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


@require_http_methods(["GET", "POST"])
@login_required
def attachment_delete(request, pk, attachment_pk):
    report = access.get_report_for_user(request.user, pk, write=True)
    attachment = _get_attachment(report, attachment_pk)
    if not report.is_editable:
        messages.error(request, services.LOCKED_MESSAGE)
        return redirect(report)
    number = attachment.entry.domain.number
    if request.method == "POST":
        services.delete_attachment(attachment=attachment, by=request.user)
        messages.success(request, _("%(item)s has been deleted.") % {"item": attachment})
        return redirect("reporting:entry", report.pk, number)
    return render(
        request,
        "reporting/attachment_delete.html",
        {
            "report": report,
            "forum": report.forum,
            "entry": attachment.entry,
            "attachment": attachment,
        },
    )


# Submitted versions ---------------------------------------------------------------------


@require_GET
@login_required
def report_versions(request, pk):
    """The submitted versions, and what changed between two of them, domain by domain."""
    report = access.get_report_for_user(request.user, pk)
    versions_list = list(report.versions.select_related("submitted_by"))
    numbers = [v.number for v in versions_list]
    comparison = older = newer = None
    if len(versions_list) >= 2:
        try:
            newer_number = int(request.GET.get("to", numbers[-1]))
            older_number = int(
                request.GET.get(
                    "from",
                    numbers[numbers.index(newer_number) - 1]
                    if newer_number in numbers[1:]
                    else numbers[-2],
                )
            )
        except ValueError:
            raise Http404 from None
        by_number = {v.number: v for v in versions_list}
        if older_number not in by_number or newer_number not in by_number:
            raise Http404
        older, newer = by_number[older_number], by_number[newer_number]
        comparison = compare(older.content, newer.content)
    return render(
        request,
        "reporting/versions.html",
        {
            "report": report,
            "forum": report.forum,
            "versions": versions_list,
            "older": older,
            "newer": newer,
            "comparison": comparison,
        },
    )


# The quantitative return as a spreadsheet -------------------------------------------------


@require_GET
@login_required
def figures_export(request, pk, fmt, blank=False):
    report = access.get_report_for_user(request.user, pk)
    dataset = figure_sheets.export_dataset(report, blank=blank)
    stem = f"{report.forum.slug}-figures" + ("-template" if blank else "")
    return imports.download(dataset, fmt, stem)


class FiguresImport(imports.ImportFlow):
    """The quantitative return from its template: every row checked as the figure page
    checks it, the figures saved all or nothing."""

    columns = figure_sheets.COLUMNS
    required = figure_sheets.REQUIRED

    def __init__(self, *, report, **kwargs):
        super().__init__(**kwargs)
        self.report = report

    def check(self, data):
        changes, problems = figure_sheets.check_rows(self.report, data)
        return imports.Checked(
            changes=changes, problems=problems, totals={"new": 0, "update": len(changes)}
        )

    template = "reporting/figures_import.html"

    def preview_context(self, data, checked):
        """What the file will be saved as — the numbers as understood ("140+" as at least
        140, "about 4000" as approximately 4,000), each part and breakdown row under its
        figure — as well as the file's own rows."""
        return {
            **super().preview_context(data, checked),
            "understood": figure_sheets.understood(checked.changes),
        }

    def apply(self, checked, *, by, values):
        figure_sheets.import_rows(self.report, checked.changes, by)
        return _("Import complete: %(new)d added, %(updated)d changed.") % {
            "new": 0,
            "updated": len(checked.changes),
        }


@require_http_methods(["GET", "POST"])
@login_required
def figures_import(request, pk):
    """Upload a filled template, see every row checked, confirm: all rows or none."""
    report = access.get_report_for_user(request.user, pk, write=True)
    entry = report.entries.of_kind("quantitative").get()
    if not report.is_editable:
        messages.error(request, services.LOCKED_MESSAGE)
        return redirect(report)
    flow = FiguresImport(
        report=report,
        title=_("Import the quantitative return"),
        scope=f"figures:{report.pk}",
        back_url=reverse("reporting:entry", args=[report.pk, entry.domain.number]),
        notes=[
            _(
                "Answer ‘value’ or ‘not provided’. A figure from the records: leave it empty, "
                "or keep ‘from records’ as its source, to use the records’ figure."
            ),
            _(
                "Numbers may be written as you would type them (“140+”, “3-5”, “about 4000”, "
                "“£3.6m”), or as a number with its qualifier (exact, at least, approximately, "
                "range with value_high, or not stated) in the qualifier column."
            ),
            _(
                "Parts and breakdowns: one row each under the figure’s own row, with the same "
                "code and a part, a local authority (its English or Welsh name, or its ONS "
                "code) and/or a funder, each with its amount and/or share, period and note. "
                "The rows in the file replace the figure’s parts and breakdown."
            ),
        ],
        template_urls={
            fmt: reverse("reporting:figures_template", args=[report.pk, fmt])
            for fmt in imports.CONTENT_TYPES
        },
    )
    try:
        return imports.run_import(request, flow)
    except services.ReportLocked:  # submitted meanwhile: nothing was written
        messages.error(request, services.LOCKED_MESSAGE)
        return redirect(report)
