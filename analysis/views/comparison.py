"""The quantitative comparison of the forums' figures, and the targets it holds them to."""

import tablib
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from analysis import access, services
from analysis import comparison as comparing
from analysis import dashboard as analyst_dashboard
from analysis.forms import TargetForm
from analysis.models import FigureTarget
from reporting.figures import format_value
from svforum import imports


@require_GET
@login_required
def comparison(request, cycle_pk, fmt=None):
    cycle = access.get_cycle_for_analysis(request.user, cycle_pk)
    result = comparing.compare(cycle)
    if fmt is not None:
        return imports.download(_dataset(result), fmt, f"figures-by-forum-{cycle.pk}")
    return render(request, "analysis/comparison.html", {"cycle": cycle, "result": result})


def _dataset(result):
    """The table as a spreadsheet: the value as shown, "not provided" kept, footnotes as
    their text, and a column per figure for the target's verdict when there is one."""
    headers = ["forum", "sections completed", "sections with no information"]
    for column in result.columns:
        headers.append(column.definition.label_en)
        if column.target:
            headers.append(f"{column.definition.label_en}: target met")
    dataset = tablib.Dataset(headers=headers)
    for row in result.rows:
        line = [row.forum.name_en, row.completed, row.no_information]
        for column, cell in zip(result.columns, row.cells, strict=True):
            if cell.answer is None:
                text = "no report received"
            elif cell.value is None:
                text = "not provided" if cell.answer.answered else "not answered"
            else:
                text = format_value(column.definition.kind, cell.value)
            if cell.answer and cell.answer.figure.qualifier:
                text = f"{text} [{cell.answer.figure.qualifier}]"
            line.append(text)
            if column.target:
                line.append("" if cell.target_met is None else ("yes" if cell.target_met else "no"))
        dataset.append(line)
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
