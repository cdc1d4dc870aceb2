"""The quantitative return as a spreadsheet: export, template, and all-or-nothing import.

Columns: code, figure, answer, value, base, footnote, override_reason, local_authority,
funder. ``code`` names the figure; ``figure`` (its label) is for people and is ignored on
import. ``answer`` is "value" or "not provided" (English or Welsh); left empty with a value,
it means "value"; left empty with no value, the figure is left as it is — and for a figure
from the records, that means the records' figure is used.

A row that names a local authority (by name in English or Welsh, or by ONS code) or a
funder is part of the breakdown of the figure above it with the same code: its ``value``
is that part. When the file has these two columns, the breakdown rows of each figure it
answers replace that figure's breakdown (none listed: none kept); files without them leave
breakdowns as they are.
"""

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forums.models import LocalAuthority
from reporting import services
from reporting.forms import BreakdownRowForm, FigureForm
from reporting.models import Figure

COLUMNS = [
    "code",
    "figure",
    "answer",
    "value",
    "base",
    "footnote",
    "override_reason",
    "local_authority",
    "funder",
]
REQUIRED = ["code", "answer", "value"]
BREAKDOWN_COLUMNS = ("local_authority", "funder")
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
    figures = report.figures.in_order().prefetch_related("breakdown__local_authority")
    for figure in figures:
        d = figure.definition
        if blank:
            dataset.append([d.code, d.label_en, "", "", "", "", "", "", ""])
            continue
        answer = {"value": "value", "not_provided": "not provided"}.get(figure.state, "")
        dataset.append(
            [
                d.code,
                d.label_en,
                answer,
                _number(figure.value),
                figure.base,
                figure.qualifier,
                figure.override_reason,
                "",
                "",
            ]
        )
        for row in figure.breakdown.all():
            la = row.local_authority
            dataset.append(
                [
                    d.code,
                    d.label_en,
                    "",
                    _number(row.value),
                    "",
                    "",
                    "",
                    la.name_en if la else "",
                    row.funder,
                ]
            )
    return dataset


def _number(value):
    return "" if value is None else f"{value.normalize():f}"


def _local_authorities(report):
    """Each of the forum's local authorities by its English and Welsh name and ONS code."""
    lookup = {}
    for la in LocalAuthority.objects.filter(forum_areas__forum=report.forum).distinct():
        for key in (la.name_en, la.name_cy, la.code):
            if key:
                lookup[key.casefold()] = la
    return lookup


def _breakdown_row(report, row, lookup):
    """(local authority, funder, value) of a breakdown row, or a list of its problems."""
    name = _cell(row.get("local_authority"))
    la = lookup.get(name.casefold()) if name else None
    if name and la is None:
        return [_("‘%(name)s’ is not a local authority of this forum.") % {"name": name}]
    form = BreakdownRowForm(
        {
            "local_authority": la.pk if la else "",
            "funder": _cell(row.get("funder")),
            "value": _cell(row.get("value")),
        },
        forum=report.forum,
    )
    if not form.is_valid():
        return [
            f"{form.fields[field].label}: {e}" if field != "__all__" else e
            for field, errors in form.errors.items()
            for e in errors
        ]
    return form.row()


def check_rows(report, dataset):
    """(changes, problems): the figures to save with their cleaned answers and breakdowns,
    and every row's problems as (row number, [messages]) — validated exactly as the figure
    page does."""
    figures = {f.definition.code: f for f in report.figures.in_order()}
    with_breakdown = all(column in dataset.headers for column in BREAKDOWN_COLUMNS)
    lookup = _local_authorities(report) if with_breakdown else {}
    changes, problems, seen = {}, [], set()
    breakdowns = {}  # code -> [(row number, (la, funder, value))]
    for number, row in enumerate(dataset.dict, start=2):
        code = _cell(row.get("code"))
        figure = figures.get(code)
        if figure is None:
            problems.append(
                (number, [_("‘%(code)s’ is not a figure of this report.") % {"code": code}])
            )
            continue
        if with_breakdown and any(_cell(row.get(c)) for c in BREAKDOWN_COLUMNS):
            if not figure.definition.breakdown:
                problems.append(
                    (number, [_("‘%(code)s’ does not ask for a breakdown.") % {"code": code}])
                )
                continue
            part = _breakdown_row(report, row, lookup)
            if isinstance(part, list):
                problems.append((number, part))
            else:
                breakdowns.setdefault(code, []).append((number, part))
            continue
        problem = _figure_row(report, figure, row, seen)
        if isinstance(problem, list):
            problems.append((number, problem))
        elif problem is not None:
            changes[code] = problem
    for code, parts in breakdowns.items():
        if code not in changes:
            problems.append(
                (
                    parts[0][0],
                    [
                        _("Give the answer to ‘%(code)s’ on its own row as well as its breakdown.")
                        % {"code": code}
                    ],
                )
            )
    problems.sort(key=lambda problem: problem[0])
    # Without the breakdown columns, breakdowns are kept as they are (None).
    result = [
        (figure, data, state, [p for _n, p in breakdowns.get(code, [])] if with_breakdown else None)
        for code, (figure, data, state) in changes.items()
    ]
    return result, problems


def _figure_row(report, figure, row, seen):
    """A figure's own row: (figure, cleaned data, state), None when left as it is, or a
    list of its problems."""
    code = figure.definition.code
    if code in seen:
        return [_("The figure ‘%(code)s’ appears twice.") % {"code": code}]
    seen.add(code)
    answer, value = _cell(row.get("answer")).casefold(), _cell(row.get("value"))
    if not answer and not value:
        return None  # left as it is
    state = ANSWERS.get(answer) if answer else Figure.State.VALUE
    if state is None:
        return [
            _("Answer ‘value’ or ‘not provided’, not ‘%(answer)s’.") % {"answer": row.get("answer")}
        ]
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
        return [
            f"{field}: {e}" if field != "__all__" else e
            for field, errors in form.errors.items()
            for e in errors
        ]
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
        return [m for ms in error.message_dict.values() for m in ms]
    return (figure, form.cleaned_data, state)


@transaction.atomic
def import_rows(report, changes, by):
    for figure, data, state, breakdown in changes:
        if breakdown is None:
            breakdown = [(r.local_authority, r.funder, r.value) for r in figure.breakdown.all()]
        services.save_figure(
            figure=figure,
            state=state,
            value=data.get("value"),
            base=data.get("base", ""),
            qualifier=data.get("qualifier", ""),
            override_reason=data.get("override_reason", ""),
            breakdown=breakdown,
            by=by,
        )
