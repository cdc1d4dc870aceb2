"""The quantitative return as a spreadsheet: export, template, and all-or-nothing import.

Columns: code, figure, answer, value, base, footnote, override_reason. ``code`` names the
figure; ``figure`` (its label) is for people and is ignored on import. ``answer`` is
"value" or "not provided" (English or Welsh); left empty with a value, it means "value";
left empty with no value, the figure is left as it is — and for a figure from the records,
that means the records' figure is used.
"""

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reporting import services
from reporting.forms import FigureForm
from reporting.models import Figure

COLUMNS = ["code", "figure", "answer", "value", "base", "footnote", "override_reason"]
REQUIRED = ["code", "answer", "value"]
ANSWERS = {
    "value": Figure.State.VALUE,
    "gwerth": Figure.State.VALUE,
    "not provided": Figure.State.NOT_PROVIDED,
    "not_provided": Figure.State.NOT_PROVIDED,
    "heb ei ddarparu": Figure.State.NOT_PROVIDED,
}


def _cell(value):
    return "" if value is None else str(value).strip()


def export_dataset(report, *, blank=False):
    dataset = tablib.Dataset(headers=COLUMNS)
    for figure in report.figures.select_related("definition"):
        d = figure.definition
        if blank:
            dataset.append([d.code, d.label_en, "", "", "", "", ""])
            continue
        answer = {"value": "value", "not_provided": "not provided"}.get(figure.state, "")
        value = "" if figure.value is None else f"{figure.value.normalize():f}"
        dataset.append(
            [
                d.code,
                d.label_en,
                answer,
                value,
                figure.base,
                figure.qualifier,
                figure.override_reason,
            ]
        )
    return dataset


def check_rows(report, dataset):
    """(changes, problems): the figures to save with their cleaned answers, and every row's
    problems as (row number, [messages]) — validated exactly as the figure page does."""
    figures = {f.definition.code: f for f in report.figures.select_related("definition")}
    changes, problems, seen = [], [], set()
    for number, row in enumerate(dataset.dict, start=2):
        code = _cell(row.get("code"))
        answer, value = _cell(row.get("answer")).casefold(), _cell(row.get("value"))
        messages = []
        figure = figures.get(code)
        if figure is None:
            problems.append(
                (number, [_("‘%(code)s’ is not a figure of this report.") % {"code": code}])
            )
            continue
        if code in seen:
            problems.append((number, [_("The figure ‘%(code)s’ appears twice.") % {"code": code}]))
            continue
        seen.add(code)
        if not answer and not value:
            continue  # left as it is
        state = ANSWERS.get(answer) if answer else Figure.State.VALUE
        if state is None:
            problems.append(
                (
                    number,
                    [
                        _("Answer ‘value’ or ‘not provided’, not ‘%(answer)s’.")
                        % {"answer": row.get("answer")}
                    ],
                )
            )
            continue
        form = FigureForm(
            {
                "state": state,
                "value": value,
                "base": _cell(row.get("base")),
                "qualifier": _cell(row.get("footnote")),
                "override_reason": _cell(row.get("override_reason")),
            },
            definition=figure.definition,
        )
        if not form.is_valid():
            for field, errors in form.errors.items():
                messages += [f"{field}: {e}" if field != "__all__" else e for e in errors]
        else:
            candidate = Figure(
                report=report,
                definition=figure.definition,
                state=state,
                value=form.cleaned_data["value"] if state == "value" else None,
                base=form.cleaned_data.get("base", ""),
                qualifier=form.cleaned_data["qualifier"],
                override_reason=form.cleaned_data.get("override_reason", ""),
            )
            try:
                candidate.full_clean(exclude=["report", "definition"], validate_unique=False)
            except ValidationError as error:  # the model's own rules
                messages += [m for ms in error.message_dict.values() for m in ms]
        if messages:
            problems.append((number, messages))
        else:
            changes.append((figure, form.cleaned_data, state))
    return changes, problems


@transaction.atomic
def import_rows(report, changes, by):
    for figure, data, state in changes:
        services.save_figure(
            figure=figure,
            state=state,
            value=data.get("value"),
            base=data.get("base", ""),
            qualifier=data.get("qualifier", ""),
            override_reason=data.get("override_reason", ""),
            breakdown=[(r.local_authority, r.funder, r.value) for r in figure.breakdown.all()],
            by=by,
        )
