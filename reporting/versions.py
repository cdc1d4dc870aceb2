"""Snapshots of submitted versions and a readable, word-level comparison of two of them."""

import difflib
import re
from decimal import Decimal

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from reporting.figures import line_text
from reporting.quantities import PERCENTAGE, Quantity
from reporting.quantities import text as quantity_text
from reporting.selectors import answers_of

TOKEN_RE = re.compile(r"\s+|[^\s]+")


def snapshot(report, derived):
    """Every domain as plain text lines: the narrative, the reason for no information, and
    the structured items written out, so any two versions compare line by line.

    Written in English whatever the page's language, so that submitting from a Welsh page
    and then from an English one is not itself a change.
    """
    with translation.override("en"):
        return _snapshot(report, derived)


def _snapshot(report, derived):
    case_studies = list(report.case_studies.all())
    items = list(report.work_programme.all())
    figures = answers_of(report, derived)
    domains = {}
    for entry in report.entries.in_order():
        lines = []
        if entry.status == "no_information":
            lines.append(f"[no information] {entry.no_information_reason}")
        lines.extend(line for line in entry.text.splitlines())
        kind = entry.domain.kind
        if kind == "case_studies":
            for cs in case_studies:
                lines += [
                    "",
                    f"# {cs.title} ({cs.started_on.isoformat()})",
                    cs.summary,
                    cs.what_was_valued,
                    cs.what_changed,
                    cs.community_gain,
                ]
        elif kind == "work_programme":
            lines += [f"- {i.aim} | {i.lead} | {i.timescale} | {i.rpb_priority}" for i in items]
        elif kind == "quantitative":
            for a in figures:
                note = f" [{a.figure.qualifier}]" if a.figure.qualifier else ""
                reason = f" ({a.figure.override_reason})" if a.overridden else ""
                lines.append(f"{a.figure.definition.label_en}: {a.text!s}{note}{reason}")
                for line in a.lines:
                    extra = f" — {line.row.note}" if line.row.note else ""
                    lines.append(f"  - {line.label}: {line.text}{extra}")
                for group in a.details:
                    lines.append(f"  {group.heading!s}:")
                    for row in group.rows:
                        started = f", {row.started_on.isoformat()}" if row.started_on else ""
                        lines.append(f"  - {row.label!s}: {row.value!s}{started}")
        domains[str(entry.domain.number)] = {
            "title_en": entry.domain.title_en,
            "title_cy": entry.domain.title_cy,
            "kind": kind,
            "status": entry.status,
            "lines": lines,
        }
    # Each section's own text, for anchoring coded passages across versions.
    texts = {str(e.domain.number): e.text for e in report.entries.in_order()}
    return {"domains": domains, "texts": texts, "figures": _figure_rows(figures)}


def _quantity(q):
    if q is None:
        return None
    return {
        "precision": q.precision,
        "low": None if q.low is None else str(q.low),
        "high": None if q.high is None else str(q.high),
    }


def _state(a):
    if a.provided:
        return "value"
    if a.no_records:
        return "no_records"
    return "not_provided" if a.answered else "unanswered"


def _figure_rows(figures):
    """The return as data — codes, numbers and how exact they are, never rendered words —
    so that any page renders it in its reader's language: a row per figure and per part,
    local authority or funder under it."""
    rows = []
    for a in figures:
        d, figure = a.figure.definition, a.figure
        rows.append(
            {
                "key": [d.code, "", "", ""],
                "label_en": d.label_en,
                "label_cy": d.label_cy,
                "kind": d.kind,
                "state": _state(a),
                "amount": _quantity(a.amount),
                "share": _quantity(a.share),
                "base": figure.base,
                "period": figure.period,
                "note": figure.qualifier,
                "reason": figure.override_reason if a.overridden else "",
            }
        )
        for line in a.lines:
            r = line.row
            names = {
                language: ", ".join(
                    n
                    for n in (
                        getattr(r.part, f"label_{language}") if r.part_id else "",
                        getattr(r.local_authority, f"name_{language}") or r.local_authority.name_en
                        if r.local_authority_id
                        else "",
                        r.funder,
                    )
                    if n
                )
                for language in ("en", "cy")
            }
            rows.append(
                {
                    "key": [
                        d.code,
                        r.part.code if r.part_id else "",
                        r.local_authority.code if r.local_authority_id else "",
                        r.funder,
                    ],
                    "label_en": f"{d.label_en}: {names['en']}",
                    "label_cy": f"{d.label_cy}: {names['cy']}",
                    "kind": d.kind,
                    "state": "value",
                    "amount": _quantity(r.amount),
                    "share": _quantity(r.proportion),
                    "base": r.base,
                    "period": r.period,
                    "note": r.note,
                    "reason": "",
                }
            )
    return rows


def _read_quantity(data):
    if not data:
        return None
    low, high = data["low"], data["high"]
    return Quantity(
        data["precision"],
        None if low is None else Decimal(low),
        None if high is None else Decimal(high),
    )


def figure_text(row):
    """One row of a snapshot's return in the active language, as every page writes it."""
    words = {
        "not_provided": _("Not provided"),
        "no_records": _("No records in the service"),
        "unanswered": _("Not answered"),
    }
    if row["state"] != "value":
        return str(words[row["state"]])
    text = line_text(
        quantity_text(_read_quantity(row["amount"]), row["kind"]),
        quantity_text(_read_quantity(row["share"]), PERCENTAGE)
        if row["kind"] != PERCENTAGE
        else "",
        row["base"],
        row["period"],
    )
    notes = [n for n in (row["note"], row["reason"]) if n]
    return "; ".join([text, *notes])


def figure_changes(older, newer):
    """The rows of the return that differ between two snapshots, as (label, before,
    after) in the active language ("" where a row is not there); None when a snapshot
    predates the return kept as data."""
    if "figures" not in older or "figures" not in newer:
        return None
    language = "cy" if translation.get_language() == "cy" else "en"
    before = {tuple(r["key"]): r for r in older["figures"]}
    after = {tuple(r["key"]): r for r in newer["figures"]}
    keys = list(after) + [k for k in before if k not in after]
    changes = []
    for key in keys:
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        row = b or a
        changes.append(
            (
                row[f"label_{language}"],
                figure_text(a) if a else "",
                figure_text(b) if b else "",
            )
        )
    return changes


def word_diff(old, new):
    """HTML with deletions in <del> and insertions in <ins>, everything else escaped."""
    a, b = TOKEN_RE.findall(old), TOKEN_RE.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))


def compare(older, newer):
    """Per domain: its number, titles, whether it changed, and the diff of its text."""
    rows = []
    numbers = sorted(set(older["domains"]) | set(newer["domains"]), key=int)
    figures = figure_changes(older, newer)
    for number in numbers:
        a = older["domains"].get(number, {"lines": [], "status": ""})
        b = newer["domains"].get(number, {"lines": [], "status": ""})
        old_text, new_text = "\n".join(a["lines"]), "\n".join(b["lines"])
        row = {
            "number": int(number),
            "title_en": b.get("title_en") or a.get("title_en", ""),
            "title_cy": b.get("title_cy") or a.get("title_cy", ""),
            "changed": old_text != new_text or a["status"] != b["status"],
            "diff": word_diff(old_text, new_text),
            "figures": None,
        }
        if figures is not None and _is_return(b, a):
            # The return: its own text compared word by word, its figures as a table of
            # the rows that changed, before and after.
            old_intro = older.get("texts", {}).get(number, "")
            new_intro = newer.get("texts", {}).get(number, "")
            row["diff"] = word_diff(old_intro, new_intro) if old_intro != new_intro else ""
            row["figures"] = figures
            row["changed"] = bool(figures) or old_intro != new_intro or a["status"] != b["status"]
        rows.append(row)
    return rows


def _is_return(b, a):
    """Whether a snapshot's domain is the quantitative return (by the kind kept with it
    since the figures have been kept as data)."""
    return b.get("kind", a.get("kind")) == "quantitative"


def texts_of(version):
    """Each section's text at a submitted version (from its snapshot, or, for versions
    saved before snapshots kept it, from the sections' history)."""
    if "texts" in version.content:
        return version.content["texts"]
    texts = {}
    for entry in version.report.entries.in_order():
        past = entry.history.as_of(version.submitted_at)
        texts[str(entry.domain.number)] = past.text
    return texts
