"""The quantitative comparison of the forums' figures, and the targets it holds them to."""

import tablib
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from analysis import access, services
from analysis import comparison as comparing
from analysis import dashboard as analyst_dashboard
from analysis.forms import TargetForm
from analysis.models import FigureTarget
from svforum import imports


@require_GET
@login_required
def comparison(request, cycle_pk, fmt=None):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    result = comparing.compare(cycle)
    if fmt is not None:
        return imports.download(_dataset(result), fmt, f"figures-by-forum-{cycle.pk}")
    return render(request, "analysis/comparison.html", {"cycle": cycle, "result": result})


COLUMNS = [
    "forum",
    "figure_code",
    "figure",
    "row",
    "part",
    "local_authority",
    "funder",
    "answer",
    "qualifier",
    "value",
    "value_high",
    "share",
    "share_qualifier",
    "share_high",
    "base",
    "period",
    "source",
    "coverage",
    "parts_add_up_to",
    "footnote",
    "override_reason",
    "target",
    "standing",
    "change_since_last_cycle",
    "sections_completed",
    "sections_with_no_information",
]


def _answer_word(row, cell):
    if row.report is None:
        return "no report received"
    a = cell.answer
    if a is None:
        return "not answered"
    if a.no_records:
        return "no records in the service"
    if not a.provided:
        return "not provided" if a.answered else "not answered"
    return "value"


def _dataset(result):
    """The comparison as a table to compute with: one row per forum and figure, then one
    per part, local authority or funder row under it; numbers as numbers, and what
    qualifies them (how exact, the share's base, the period, where the value comes from,
    against the target) in columns of their own."""
    from reporting.spreadsheets import FORMATS, measure_cells, source_word

    dataset = tablib.Dataset(headers=COLUMNS)
    dataset.title = "Figures by forum"
    formats = []
    for column in result.columns:
        d = column.definition
        target = (
            f"{column.target.get_comparison_display()} {column.target.value.normalize():f}"
            f"{'%' if column.kind == 'percentage' else ''}"
            f"{' (share)' if column.of_share else ''}"
            if column.target
            else ""
        )
        number_formats = {
            "value": FORMATS[d.kind],
            "value_high": FORMATS[d.kind],
            "share": FORMATS["percentage"],
            "share_high": FORMATS["percentage"],
            "parts_add_up_to": FORMATS[d.kind],
            "change_since_last_cycle": FORMATS[d.kind],
        }
        for row, cell in column.entries:
            a = cell.answer
            cells = dict.fromkeys(COLUMNS, "")
            cells.update(
                forum=row.forum.name_en,
                figure_code=d.code,
                figure=d.label_en,
                row="figure",
                answer=_answer_word(row, cell),
                target=target,
                standing=cell.standing or "",
                sections_completed=row.completed if row.report else None,
                sections_with_no_information=row.no_information if row.report else None,
            )
            if a is not None:
                with translation.override("en"):
                    cells.update(
                        source=source_word(a) if a.provided or a.no_records else "",
                        coverage=str(a.coverage),
                        footnote=a.figure.qualifier,
                        override_reason=a.figure.override_reason if a.overridden else "",
                    )
                if a.provided:
                    cells.update(measure_cells(a.amount, a.share))
                    cells.update(base=a.figure.base, period=a.figure.period)
                if a.disagrees is not None:
                    cells["parts_add_up_to"] = a.disagrees.number
                cells["change_since_last_cycle"] = cell.change
            dataset.append([cells[c] for c in COLUMNS])
            formats.append(number_formats)
            for line in cell.lines:
                r = line.row
                sub = dict.fromkeys(COLUMNS, "")
                sub.update(
                    forum=row.forum.name_en,
                    figure_code=d.code,
                    figure=d.label_en,
                    row=line.kind_of_row,
                    part=r.part.label_en if r.part_id else "",
                    local_authority=r.local_authority.name_en if r.local_authority_id else "",
                    funder=r.funder,
                    answer="value",
                    base=r.base,
                    period=r.period,
                    footnote=r.note,
                    target=target if line.standing else "",
                    standing=line.standing or "",
                    **measure_cells(r.amount, r.proportion),
                )
                dataset.append([sub[c] for c in COLUMNS])
                formats.append(number_formats)
    dataset.formats = formats
    return dataset


@require_http_methods(["GET", "POST"])
@login_required
def target_edit(request, cycle_pk, code):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    definition = get_object_or_404(cycle.template.figures, code=code)
    target = FigureTarget.objects.filter(cycle=cycle, definition=definition).first()
    if request.method == "POST" and request.POST.get("remove") and target:
        services.remove_target(cycle=cycle, definition=definition, by=request.user)
        messages.success(request, _("The target has been removed."))
        return redirect(reverse("analysis:comparison", args=[cycle.pk]))
    form = TargetForm(
        request.POST if request.method == "POST" else None,
        instance=target,
        cycle=cycle,
        definition=definition,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_target(
                cycle=cycle,
                definition=definition,
                comparison=data["comparison"],
                value=data["value"],
                note_en=data["note_en"],
                note_cy=data["note_cy"],
                measure=data.get("measure", FigureTarget.Measure.VALUE),
                each_part=data.get("each_part", False),
                each_area=data.get("each_area", False),
                by=request.user,
            )
        except ValidationError as error:  # the form checks the same rules first
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The target has been saved."))
            return redirect(reverse("analysis:comparison", args=[cycle.pk]))
    return render(
        request,
        "analysis/target_form.html",
        {"cycle": cycle, "definition": definition, "target": target, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def dashboard(request, cycle_pk):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    return render(
        request,
        "analysis/dashboard.html",
        {"cycle": cycle, **analyst_dashboard.dashboard(cycle)},
    )
