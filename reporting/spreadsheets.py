"""The quantitative return as a spreadsheet: export, template, and all-or-nothing import.

One row per figure, then one row per part or breakdown row of it, with the same ``code``.
Numbers are numbers (money, counts and shares formatted as such in XLSX), and what
qualifies them has its own columns:

- ``part`` (a part's code or name), ``local_authority`` (name in English or Welsh, or ONS
  code) and ``funder`` say which row of the figure it is; all empty on the figure's own row;
- ``answer`` is "value" or "not provided" (English or Welsh); left empty with a value, it
  means "value";
- ``qualifier`` is how exact ``value`` is: exact, at least, approximately, range (``value``
  to ``value_high``) or not stated; ``share_qualifier`` the same for ``share`` and
  ``share_high``. With no qualifier, ``value`` may be written as people type it ("140+",
  "3-5", "about 4000", "£3.6m");
- ``base`` (what a share is of), ``period`` (of the data, when not the report's) and
  ``footnote`` (the figure's footnote, or the row's note);
- ``source`` says where the figure's value comes from: entered, from records, overridden, or
  no records in the service. "from records" leaves a figure from the records to them, with
  its footnote kept; ``override_reason`` says why a records' figure is not used.

``figure`` (the label) is for people and is ignored on import. A figure's own row with
nothing in it leaves the figure as it is. When the file has any of the columns ``part``,
``local_authority`` and ``funder``, the rows under each figure it answers replace that
figure's parts and breakdown (none listed: none kept). Export then import gives back the
same return.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from forums.models import LocalAuthority
from reporting import quantities, services
from reporting.derived import derived_figures
from reporting.figures import Source, line_text
from reporting.forms import BreakdownRowForm, FigureForm, PartForm
from reporting.models import Figure, FigureDefinition
from reporting.quantities import Precision, Quantity

COLUMNS = [
    "code",
    "figure",
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
    "footnote",
    "override_reason",
]
REQUIRED = ["code", "answer", "value"]
ROW_COLUMNS = ("part", "local_authority", "funder")
ANSWERS = {
    "value": Figure.State.VALUE,
    "gwerth": Figure.State.VALUE,
    "not provided": Figure.State.NOT_PROVIDED,
    "not_provided": Figure.State.NOT_PROVIDED,
    "heb ei ddarparu": Figure.State.NOT_PROVIDED,
}
FORMATS = {
    FigureDefinition.Kind.MONEY: '"£"#,##0.00',
    FigureDefinition.Kind.COUNT: "#,##0",
    FigureDefinition.Kind.PERCENTAGE: '0.0#"%"',
}
PRECISION_WORDS = {"about": Precision.ABOUT, "approx": Precision.ABOUT, "tua": Precision.ABOUT}


def _words(choices):
    """Each choice by its code and its label in English and Welsh, case-folded."""
    words = {}
    for value, label in choices:
        words[str(value).replace("_", " ").casefold()] = value
        words[str(value).casefold()] = value
        for language in ("en", "cy"):
            with translation.override(language):
                words[str(label).casefold()] = value
    return words


def _cell(value):
    return "" if value is None else str(value).strip()


def _precision_word(quantity):
    if quantity is None:
        return ""
    return quantity.precision.replace("_", " ")


def _numbers(quantity):
    """(value, value_high) as numbers for the sheet."""
    if quantity is None or not quantity.stated:
        return None, None
    high = quantity.high if quantity.precision == Precision.RANGE else None
    return quantity.low, high


def measure_cells(amount, share):
    value, value_high = _numbers(amount)
    share_value, share_high = _numbers(share)
    return {
        "qualifier": _precision_word(amount),
        "value": value,
        "value_high": value_high,
        "share": share_value,
        "share_qualifier": _precision_word(share),
        "share_high": share_high,
    }


def export_dataset(report, *, blank=False):
    """The return as typed rows (see the module's docstring); ``blank``: the template."""
    dataset = tablib.Dataset(headers=COLUMNS)
    dataset.title = "Figures"
    formats = []
    from reporting.selectors import answers_of, live_derived

    derived = None if blank else live_derived(report)
    answers = answers_of(report, derived)
    for a in answers:
        figure, d = a.figure, a.figure.definition
        money = {
            "value": FORMATS[d.kind],
            "value_high": FORMATS[d.kind],
            "share": FORMATS["percentage"],
            "share_high": FORMATS["percentage"],
        }
        row = dict.fromkeys(COLUMNS, "")
        row.update(code=d.code, figure=d.label_en)
        if not blank:
            answered = {"value": "value", "not_provided": "not provided"}.get(figure.state, "")
            row.update(
                answer=answered,
                base=figure.base,
                period=figure.period,
                footnote=figure.qualifier,
                override_reason=figure.override_reason,
                source=source_word(a),
            )
            if figure.state == Figure.State.VALUE:
                row.update(measure_cells(figure.amount, figure.proportion))
            elif a.from_records:
                row.update(measure_cells(a.amount, None))
        dataset.append([row[c] if row[c] is not None else None for c in COLUMNS])
        formats.append(money)
        if blank:
            continue
        for line in a.lines:
            r = line.row
            cells = dict.fromkeys(COLUMNS, "")
            la = r.local_authority
            cells.update(
                code=d.code,
                figure=d.label_en,
                part=r.part.code if r.part_id else "",
                local_authority=la.name_en if la else "",
                funder=r.funder,
                base=r.base,
                period=r.period,
                footnote=r.note,
                **measure_cells(r.amount, r.proportion),
            )
            dataset.append([cells[c] for c in COLUMNS])
            formats.append(money)
    dataset.formats = formats
    return dataset


def source_word(a):
    return {
        Source.ENTERED: "entered",
        Source.RECORDS: "from records",
        Source.OVERRIDDEN: "overridden",
        Source.NO_RECORDS: "no records in the service",
    }[a.source]


# Reading it back --------------------------------------------------------------------


def _number(value, typed):
    """A number from a cell: a number already (XLSX), or text of one."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValidationError(_("“%(typed)s” is not a number.") % {"typed": typed})
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    try:
        return Decimal(str(value).replace(",", "").replace("£", "").replace("%", "").strip())
    except InvalidOperation:
        raise ValidationError(_("“%(typed)s” is not a number.") % {"typed": typed}) from None


def _typed_text(row, prefix, precisions):
    """What to put in the page's box for a value (or share) of a row: the qualifier and
    numbers rebuilt as typed ("140+", "3-5"), or the value as written when no qualifier."""
    word = _cell(row.get(f"{'share_' if prefix == 'share' else ''}qualifier")).casefold()
    raw = row.get(prefix)
    if not word:
        if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
            return quantities.typed(Quantity.exact(Decimal(str(raw))))
        return _cell(raw)
    precision = precisions.get(word)
    if precision is None:
        raise ValidationError(
            _(
                "‘%(word)s’ is not a qualifier: write exact, at least, approximately, range "
                "or not stated."
            )
            % {"word": word}
        )
    if precision == Precision.NOT_STATED:
        return "not stated"
    low = _number(raw, _cell(raw))
    if low is None:
        raise ValidationError(_("Give the number that is “%(word)s”.") % {"word": word})
    high = _number(row.get(f"{prefix}_high"), _cell(row.get(f"{prefix}_high")))
    if precision == Precision.RANGE:
        if high is None:
            raise ValidationError(_("A range needs its top in the “_high” column."))
        return quantities.typed(Quantity(Precision.RANGE, low, high))
    return quantities.typed(Quantity(precision, low))


def _local_authorities(report):
    """Each of the forum's local authorities by its English and Welsh name and ONS code."""
    lookup = {}
    for la in LocalAuthority.objects.filter(forum_areas__forum=report.forum).distinct():
        for key in (la.name_en, la.name_cy, la.code):
            if key:
                lookup[key.casefold()] = la
    return lookup


def _form_problems(form):
    return [
        f"{form.fields[field].label}: {e}" if field in form.fields else e
        for field, errors in form.errors.items()
        for e in errors
    ]


class _Reader:
    def __init__(self, report, dataset):
        self.report = report
        self.dataset = dataset
        self.precisions = {**_words(Precision.choices), **PRECISION_WORDS}
        self.sources = _words(Source.choices)
        self.with_rows = any(column in dataset.headers for column in ROW_COLUMNS)
        self.lookup = _local_authorities(report) if self.with_rows else {}
        cycle = report.cycle
        self.records = derived_figures(
            report.forum, start=cycle.period_start, end=cycle.period_end
        ).values

    def breakdown_row(self, figure, row):
        """A ``services.Given`` for a part or breakdown row, or a list of its problems."""
        definition = figure.definition
        parts = {}
        for part in definition.parts.all():
            for key in (part.code, part.label_en, part.label_cy):
                parts[key.casefold()] = part
        part_name = _cell(row.get("part"))
        part = parts.get(part_name.casefold()) if part_name else None
        if part_name and part is None:
            return [
                _("‘%(part)s’ is not a part of ‘%(code)s’.")
                % {"part": part_name, "code": definition.code}
            ]
        name = _cell(row.get("local_authority"))
        la = self.lookup.get(name.casefold()) if name else None
        if name and la is None:
            return [_("‘%(name)s’ is not a local authority of this forum.") % {"name": name}]
        funder = _cell(row.get("funder"))
        if (la or funder) and not definition.breakdown:
            return [_("‘%(code)s’ does not ask for a breakdown.") % {"code": definition.code}]
        try:
            values = {
                "value": _typed_text(row, "value", self.precisions),
                "share": _typed_text(row, "share", self.precisions),
            }
        except ValidationError as error:
            return error.messages
        values.update(
            base=_cell(row.get("base")),
            period=_cell(row.get("period")),
            note=_cell(row.get("footnote")),
        )
        if part is not None and la is None and not funder:
            form = PartForm(values, part=part, definition=definition)
        else:
            values.update(
                part=part.pk if part else "", local_authority=la.pk if la else "", funder=funder
            )
            form = BreakdownRowForm(values, forum=self.report.forum, definition=definition)
        if not form.is_valid():
            return _form_problems(form)
        given = form.row()
        if given is None:
            return [_("Give the amount or the share")]
        return given

    def figure_row(self, figure, row):
        """(figure, save_figure's values), None when left as it is, or a list of problems."""
        definition = figure.definition
        answer = _cell(row.get("answer")).casefold()
        footnote = _cell(row.get("footnote"))
        source = self.sources.get(_cell(row.get("source")).casefold())
        records = self.records.get(definition.source) if definition.derived else None
        try:
            value = _typed_text(row, "value", self.precisions)
            share = _typed_text(row, "share", self.precisions)
        except ValidationError as error:
            return error.messages
        if definition.derived and source == Source.RECORDS and records is not None:
            if answer or share or value not in ("", quantities.typed(Quantity.exact(records))):
                return [
                    _(
                        "This figure is from the records (%(records)s). To give another, write "
                        "‘overridden’ as its source and say why in override_reason."
                    )
                    % {"records": quantities.plain(definition.kind, records)}
                ]
            return figure, {"state": "", "qualifier": footnote}
        if not answer and not value and not share:
            if definition.derived and records is not None and (footnote or source):
                return figure, {"state": "", "qualifier": footnote}
            return None  # left as it is (unless rows under it are given)
        state = ANSWERS.get(answer) if answer else Figure.State.VALUE
        if state is None:
            return [
                _("Answer ‘value’ or ‘not provided’, not ‘%(answer)s’.")
                % {"answer": row.get("answer")}
            ]
        form = FigureForm(
            {
                "state": state,
                "value": value,
                "share": share,
                "base": _cell(row.get("base")),
                "period": _cell(row.get("period")),
                "qualifier": footnote,
                "override_reason": _cell(row.get("override_reason")),
            },
            definition=definition,
            records=records,
        )
        if not form.is_valid():
            return _form_problems(form)
        return figure, form.values()


def check_rows(report, dataset):
    """(changes, problems): the figures to save with their values and rows, and every
    row's problems as (row number, [messages]) — validated exactly as the figure page."""
    figures = {
        f.definition.code: f
        for f in report.figures.in_order().prefetch_related("definition__parts")
    }
    reader = _Reader(report, dataset)
    changes, problems, seen = {}, [], set()
    rows = {}  # code -> [(row number, Given)]
    for number, row in enumerate(dataset.dict, start=2):
        code = _cell(row.get("code"))
        figure = figures.get(code)
        if figure is None:
            problems.append(
                (number, [_("‘%(code)s’ is not a figure of this report.") % {"code": code}])
            )
            continue
        if reader.with_rows and any(_cell(row.get(c)) for c in ROW_COLUMNS):
            given = reader.breakdown_row(figure, row)
            if isinstance(given, list):
                problems.append((number, given))
            else:
                rows.setdefault(code, []).append((number, given))
            continue
        if code in seen:
            problems.append((number, [_("The figure ‘%(code)s’ appears twice.") % {"code": code}]))
            continue
        seen.add(code)
        result = reader.figure_row(figure, row)
        if isinstance(result, list):
            problems.append((number, result))
        elif result is not None:
            changes[code] = result
    for code, given in rows.items():
        if code not in changes:
            if code in seen:  # its own row left empty: the figure is the sum of its rows
                changes[code] = (figures[code], {"state": Figure.State.VALUE})
                continue
            problems.append(
                (
                    given[0][0],
                    [
                        _("Give the answer to ‘%(code)s’ on its own row as well as its breakdown.")
                        % {"code": code}
                    ],
                )
            )
        elif changes[code][1].get("state") != Figure.State.VALUE:
            problems.append(
                (
                    given[0][0],
                    [_("‘%(code)s’ has rows under it, so answer it ‘value’.") % {"code": code}],
                )
            )
    problems.sort(key=lambda problem: problem[0])
    result = [
        (figure, values, [g for _n, g in rows.get(code, [])] if reader.with_rows else None)
        for code, (figure, values) in changes.items()
    ]
    return result, problems


def _given_label(given):
    """A row's name as the pages write it (see ``reporting.figures.breakdown_label``)."""
    label = ", ".join(
        n
        for n in (
            given.part.label if given.part else "",
            given.local_authority.name if given.local_authority else "",
        )
        if n
    )
    if given.funder:
        return f"{label} ({given.funder})" if label else given.funder
    return label


@dataclass
class Understood:
    """One figure of an import as it will be saved, for the preview."""

    figure: object
    answer: str  # the value and share in the words every page uses, or the state
    notes: list  # the base, period, footnote and override reason given with it
    lines: list  # (label, text) of each part and breakdown row; None: kept as they are


def understood(changes):
    """The checked changes of ``check_rows`` in the words the pages use."""
    result = []
    for figure, values, breakdown in changes:
        kind = figure.definition.kind
        state = values.get("state")
        if state == Figure.State.NOT_PROVIDED:
            answer = str(_("Not provided"))
        elif not state:
            answer = str(_("From the forum’s records"))
        else:
            answer = line_text(
                quantities.text(values.get("value"), kind),
                quantities.text(values.get("share"), quantities.PERCENTAGE),
                values.get("base", ""),
            ) or str(_("The sum of its parts or breakdown"))
        notes = [
            str(label) % {"text": values[key]}
            for key, label in (
                ("period", _("Period: %(text)s")),
                ("qualifier", _("Footnote: %(text)s")),
                ("override_reason", _("Why it differs from the records: %(text)s")),
            )
            if values.get(key)
        ]
        lines = None
        if breakdown is not None:
            lines = [
                (
                    _given_label(given),
                    line_text(
                        quantities.text(given.amount, kind),
                        quantities.text(given.share, quantities.PERCENTAGE),
                        given.base,
                        given.period,
                    ),
                )
                for given in breakdown
            ]
        result.append(Understood(figure, answer, notes, lines))
    return result


@transaction.atomic
def import_rows(report, changes, by):
    for figure, values, breakdown in changes:
        if breakdown is None:
            breakdown = [services.Given.kept(r) for r in figure.breakdown.all()]
        services.save_figure(figure=figure, breakdown=breakdown, by=by, **values)
