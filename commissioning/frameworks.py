"""A measurement framework from a spreadsheet: one row per theme, outcome or measure.

Columns: ``kind`` (theme, outcome or measure), ``code``, ``parent`` (an outcome's theme, a
measure's outcome), ``name_en``, ``name_cy``, ``help_en``, ``help_cy``, ``unit_en``,
``unit_cy``, ``proxy_value`` (£ a unit; empty to record only), ``proxy_source``,
``proxy_year``. Every row is checked before anything is written, and the framework is created
whole or not at all, as a new version.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AuditEvent
from accounts.services import record_audit
from commissioning.models import Framework, Measure, Outcome, Theme
from svforum import spreadsheets

COLUMNS = [
    "kind",
    "code",
    "parent",
    "name_en",
    "name_cy",
    "help_en",
    "help_cy",
    "unit_en",
    "unit_cy",
    "proxy_value",
    "proxy_source",
    "proxy_year",
]
REQUIRED = ["kind", "code", "name_en", "name_cy"]
KINDS = {"theme": "theme", "thema": "theme", "outcome": "outcome", "canlyniad": "outcome"}
KINDS |= {"measure": "measure", "mesur": "measure"}


@dataclass
class Parsed:
    themes: list = field(default_factory=list)  # [(row, data)]
    outcomes: list = field(default_factory=list)
    measures: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # [(row number, [messages])]

    @property
    def totals(self):
        return {
            "themes": len(self.themes),
            "outcomes": len(self.outcomes),
            "measures": len(self.measures),
        }


def _cell(row, name):
    value = row.get(name)
    return "" if value is None else str(value).strip()


def parse(dataset):
    """Every row checked: what it defines, or what is wrong with it."""
    parsed = Parsed()
    rows = [dict(zip(dataset.headers, values, strict=False)) for values in dataset]
    codes = {}
    themes, outcomes = set(), set()
    for number, row in enumerate(rows, start=2):
        errors = []
        kind = KINDS.get(_cell(row, "kind").casefold())
        code = _cell(row, "code")
        if kind is None:
            errors.append(
                _("kind: ‘%(value)s’ is not theme, outcome or measure.")
                % {"value": _cell(row, "kind")}
            )
        if not code:
            errors.append(_("code: enter a code."))
        elif code in codes:
            errors.append(
                _("code: ‘%(code)s’ is used already, on row %(row)s.")
                % {"code": code, "row": codes[code]}
            )
        else:
            codes[code] = number
        for name in ("name_en", "name_cy"):
            if not _cell(row, name):
                errors.append(_("%(column)s: enter a name.") % {"column": name})
        parent = _cell(row, "parent")
        data = {
            "code": code,
            "parent": parent,
            "name_en": _cell(row, "name_en")[:300],
            "name_cy": _cell(row, "name_cy")[:300],
        }
        if kind == "outcome" and parent not in themes:
            errors.append(
                _("parent: the outcome’s theme ‘%(parent)s’ is not a theme defined above.")
                % {"parent": parent}
            )
        if kind == "measure":
            if parent not in outcomes:
                errors.append(
                    _("parent: the measure’s outcome ‘%(parent)s’ is not an outcome defined above.")
                    % {"parent": parent}
                )
            data.update(
                help_en=_cell(row, "help_en"),
                help_cy=_cell(row, "help_cy"),
                unit_en=_cell(row, "unit_en")[:60],
                unit_cy=_cell(row, "unit_cy")[:60],
                proxy_source=_cell(row, "proxy_source")[:300],
            )
            if not data["unit_en"] or not data["unit_cy"]:
                errors.append(_("unit: enter the measure’s unit in English and in Welsh."))
            data["proxy_value"] = _amount(_cell(row, "proxy_value"), errors)
            data["proxy_year"] = _year(_cell(row, "proxy_year"), errors)
        if errors:
            parsed.problems.append((number, errors))
            continue
        if kind == "theme":
            themes.add(code)
            parsed.themes.append((number, data))
        elif kind == "outcome":
            outcomes.add(code)
            parsed.outcomes.append((number, data))
        else:
            parsed.measures.append((number, data))
    if not parsed.problems and not parsed.measures:
        parsed.problems.append((1, [_("The file defines no measures.")]))
    return parsed


def _amount(text, errors):
    if not text:
        return None
    try:
        value = Decimal(text.replace("£", "").replace(",", ""))
    except InvalidOperation:
        errors.append(_("proxy_value: ‘%(value)s’ is not a number.") % {"value": text})
        return None
    if not value.is_finite() or value < 0:
        errors.append(_("proxy_value: a financial proxy is £0 or more."))
        return None
    return value.quantize(Decimal("0.01"))


def _year(text, errors):
    if not text:
        return None
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        errors.append(_("proxy_year: ‘%(value)s’ is not a year.") % {"value": text})
        return None
    return int(text)


def read(name, content):
    """(dataset, problems with the file as a whole)."""
    try:
        dataset = spreadsheets.read_spreadsheet(name, content)
    except spreadsheets.SpreadsheetProblem as problem:
        return None, [str(problem)]
    return dataset, spreadsheets.check_headers(dataset, COLUMNS, REQUIRED)


@transaction.atomic
def create(parsed, *, name_en, name_cy, version, source, by):
    """The framework, whole: themes, outcomes and measures in the file's order."""
    framework = Framework(name_en=name_en, name_cy=name_cy, version=version, source=source)
    framework.full_clean()
    framework.save()
    themes, outcomes = {}, {}
    for position, (_number, data) in enumerate(parsed.themes):
        theme = Theme(
            framework=framework,
            code=data["code"],
            name_en=data["name_en"][:200],
            name_cy=data["name_cy"][:200],
            position=position,
        )
        theme.full_clean()
        theme.save()
        themes[data["code"]] = theme
    for position, (_number, data) in enumerate(parsed.outcomes):
        outcome = Outcome(
            theme=themes[data["parent"]],
            code=data["code"],
            name_en=data["name_en"],
            name_cy=data["name_cy"],
            position=position,
        )
        outcome.full_clean()
        outcome.save()
        outcomes[data["code"]] = outcome
    for position, (_number, data) in enumerate(parsed.measures):
        measure = Measure(
            outcome=outcomes[data["parent"]],
            position=position,
            **{k: v for k, v in data.items() if k != "parent"},
        )
        measure.full_clean()
        measure.save()
    record_audit(
        actor=by,
        action=AuditEvent.Action.IMPORT,
        obj=framework,
        detail=_("%(themes)s themes, %(outcomes)s outcomes, %(measures)s measures") % parsed.totals,
    )
    return framework


def export_rows(framework):
    """The framework in the import layout, to copy and revise."""
    rows = []
    themes = framework.themes.prefetch_related("outcomes__measures")
    for theme in themes:
        rows.append(["theme", theme.code, "", theme.name_en, theme.name_cy] + [""] * 7)
    for theme in themes:
        for outcome in theme.outcomes.all():
            rows.append(["outcome", outcome.code, theme.code, outcome.name_en, outcome.name_cy])
            rows[-1] += [""] * 7
    for theme in themes:
        for outcome in theme.outcomes.all():
            for m in outcome.measures.all():
                rows.append(
                    [
                        "measure",
                        m.code,
                        outcome.code,
                        m.name_en,
                        m.name_cy,
                        m.help_en,
                        m.help_cy,
                        m.unit_en,
                        m.unit_cy,
                        "" if m.proxy_value is None else f"{m.proxy_value:.2f}",
                        m.proxy_source,
                        "" if m.proxy_year is None else str(m.proxy_year),
                    ]
                )
    return rows
