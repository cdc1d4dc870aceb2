"""Snapshots of submitted versions and a readable, word-level comparison of two of them."""

import difflib
import re

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

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
            "status": entry.status,
            "lines": lines,
        }
    # Each section's own text, for anchoring coded passages across versions.
    texts = {str(e.domain.number): e.text for e in report.entries.in_order()}
    return {"domains": domains, "texts": texts}


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
    for number in numbers:
        a = older["domains"].get(number, {"lines": [], "status": ""})
        b = newer["domains"].get(number, {"lines": [], "status": ""})
        old_text, new_text = "\n".join(a["lines"]), "\n".join(b["lines"])
        rows.append(
            {
                "number": int(number),
                "title_en": b.get("title_en") or a.get("title_en", ""),
                "title_cy": b.get("title_cy") or a.get("title_cy", ""),
                "changed": old_text != new_text or a["status"] != b["status"],
                "diff": word_diff(old_text, new_text),
            }
        )
    return rows


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
