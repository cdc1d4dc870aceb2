"""The codebook and the coding of the reports' narrative: state changes and text anchoring."""

import csv
import difflib
import io
import re

import tablib
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import AuditEvent
from accounts.services import record_audit
from analysis.models import Code, CodedPassage, Finding
from reporting import versions
from reporting.models import Report
from svforum.revisions import save_revision
from svforum.spreadsheets import restore

# DOMAIN.md's starting codebook: (English, Welsh, parent's English name or None).
DEFAULT_CODEBOOK = [
    ("Establishing forums", "Sefydlu fforymau", None),
    ("Function of forums", "Swyddogaeth fforymau", None),
    (
        "Understanding the principles of social value",
        "Deall egwyddorion gwerth cymdeithasol",
        None,
    ),
    (
        "Understanding the role of social value organisations",
        "Deall rôl sefydliadau gwerth cymdeithasol",
        None,
    ),
    ("Engaging with stakeholders", "Ymgysylltu â rhanddeiliaid", None),
    ("Impact", "Effaith", None),
    ("Integration", "Integreiddio", "Impact"),
    ("Prevention", "Atal", "Impact"),
    ("Voice and involvement", "Llais a chyfranogiad", "Impact"),
    ("Long-term planning", "Cynllunio hirdymor", "Impact"),
    ("Co-production", "Cydgynhyrchu", "Impact"),
    ("What the sector says", "Beth mae’r sector yn ei ddweud", None),
    (
        "What RPBs and statutory partners say",
        "Beth mae BPRhau a phartneriaid statudol yn ei ddweud",
        None,
    ),
    ("Aspirations", "Dyheadau", None),
    ("Role of Welsh Government", "Rôl Llywodraeth Cymru", None),
]
COLOURS = ["#1d70b8", "#00703c", "#d4351c", "#4c2c92", "#f47738", "#5694ca", "#85994b", "#912b88"]
CSV_COLUMNS = ["name", "description", "parent"]


class CodebookProblem(Exception):
    """Rows of a codebook file that cannot be imported: [(row number, message)]."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


def _audit(by, obj, cycle_detail, action=AuditEvent.Action.UPDATE):
    record_audit(actor=by, action=action, obj=obj, forum=None, detail=cycle_detail)


@transaction.atomic
def create_default_codebook(*, cycle, by):
    if cycle.codes.exists():
        raise ValidationError(_("This cycle already has a codebook."))
    made = {}
    for position, (name_en, name_cy, parent) in enumerate(DEFAULT_CODEBOOK):
        made[name_en] = Code.objects.create(
            cycle=cycle,
            name_en=name_en,
            name_cy=name_cy,
            parent=made.get(parent),
            colour=COLOURS[position % len(COLOURS)],
            created_by=by,
        )
    _audit(by, cycle, _("Default codebook created"), AuditEvent.Action.CREATE)
    return list(made.values())


@transaction.atomic
def save_code(*, code, by):
    created = code.pk is None
    if created:
        code.created_by = by
    code.name_en, code.name_cy = code.name_en.strip(), code.name_cy.strip()
    code.full_clean()
    try:
        with transaction.atomic():
            code.save()
    except IntegrityError:  # the same name saved meanwhile
        raise ValidationError(
            {"name_en": _("The codebook already has a code of that name.")}
        ) from None
    _audit(
        by,
        code,
        code.name_en,
        AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
    )
    return code


@transaction.atomic
def set_retired(*, code, retired, by):
    code.retired = retired
    code.save(update_fields=["retired"])
    _audit(by, code, _("Retired") if retired else _("Back in use"))


@transaction.atomic
def merge_codes(*, source, target, by):
    """Moves every passage (and sub-code) of ``source`` to ``target``, then deletes
    ``source``. Returns how many passages moved."""
    if source.pk == target.pk:
        raise ValidationError(_("A code cannot be merged into itself."))
    if source.cycle_id != target.cycle_id:
        raise ValidationError(_("Choose a code of the same codebook."))
    if target.parent_id == source.pk:
        raise ValidationError(_("A code cannot be merged into one of its own sub-codes."))
    if source.children.exists() and target.parent_id:
        raise ValidationError(
            _("This code has sub-codes: merge it into a top-level code, or move them first.")
        )
    moved = 0
    for passage in CodedPassage.objects.filter(codes=source):
        passage.codes.remove(source)
        passage.codes.add(target)
        moved += 1
    source.children.update(parent=target)
    for finding in source.findings.all():
        _merge_finding(finding, target)
    name = source.name_en
    source.delete()
    _audit(by, target, _("%(source)s merged into it") % {"source": name})
    return moved


# CSV in the layout qualitative-analysis tools read (Taguette: name, description, parent) ---


def codebook_dataset(cycle):
    """The codebook in Taguette's layout (name, description, parent), with the Welsh
    names and descriptions after: parents before their children, so it imports in one
    pass."""
    dataset = tablib.Dataset(headers=[*CSV_COLUMNS, "name_cy", "description_cy"])
    codes = cycle.codes.select_related("parent").order_by("parent__name_en", "name_en")
    for code in sorted(codes, key=lambda c: (c.parent_id is not None, c.name_en.casefold())):
        dataset.append(
            [
                code.name_en,
                code.description_en,
                code.parent.name_en if code.parent else "",
                code.name_cy,
                code.description_cy,
            ]
        )
    return dataset


def parse_csv(content):
    """Rows of a codebook CSV as dicts, or a CodebookProblem."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CodebookProblem(
            [(0, _("The file is not UTF-8 text: save it as CSV UTF-8."))]
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip().casefold() for h in reader.fieldnames or []]
    if "name" not in headers:
        raise CodebookProblem([(1, _("The file needs a ‘name’ column."))])
    rows = []
    for row in reader:
        rows.append(
            {(k or "").strip().casefold(): restore((v or "").strip()) for k, v in row.items()}
        )
    return rows


def check_codebook(*, cycle, rows):
    """(each code's parent by name, [(row number, problem)]) for a codebook file's rows,
    checked against the file itself and the cycle's codebook; writes nothing."""
    existing = {c.name_en.casefold(): c for c in cycle.codes.all()}
    problems, seen, parents = [], {}, {}
    for number, row in enumerate(rows, start=2):
        name = row.get("name", "")
        if not name:
            problems.append((number, _("The name is missing.")))
            continue
        if len(name) > 120:
            problems.append((number, _("The name is longer than 120 characters.")))
            continue
        key = name.casefold()
        if key in seen:
            problems.append(
                (
                    number,
                    _("‘%(name)s’ appears twice (also in row %(row)d).")
                    % {"name": name, "row": seen[key]},
                )
            )
            continue
        seen[key] = number
        parents[key] = row.get("parent", "")
    for key, parent in parents.items():
        if not parent:
            continue
        number = seen[key]
        pkey = parent.casefold()
        if pkey == key:
            problems.append((number, _("A code cannot be part of itself.")))
        elif pkey not in seen and pkey not in existing:
            problems.append(
                (
                    number,
                    _("The parent ‘%(parent)s’ is neither in the file nor in the codebook.")
                    % {"parent": parent},
                )
            )
        elif parents.get(pkey) or (pkey in existing and existing[pkey].parent_id):
            problems.append(
                (
                    number,
                    _("‘%(parent)s’ is itself under another code: codes have one level.")
                    % {"parent": parent},
                )
            )
    return parents, sorted(problems)


@transaction.atomic
def import_codebook(*, cycle, rows, parents, by):
    """Adds checked rows (see ``check_codebook``) to the cycle's codebook, all or nothing.
    A code already in the codebook (by name) has its description updated. Returns (added,
    updated)."""
    existing = {c.name_en.casefold(): c for c in cycle.codes.all()}
    added = updated = 0
    made = {}
    rows_by_key = {r["name"].casefold(): r for r in rows}
    # Top-level codes first, then those under them.
    for key in sorted(rows_by_key, key=lambda k: bool(parents[k])):
        row = rows_by_key[key]
        code = existing.get(key) or Code(cycle=cycle, created_by=by)
        is_new = code.pk is None
        code.name_en = row["name"]
        code.description_en = row.get("description", "") or code.description_en
        if row.get("name_cy"):
            code.name_cy = row["name_cy"]
        if row.get("description_cy"):
            code.description_cy = row["description_cy"]
        parent = parents[key].casefold()
        code.parent = (made.get(parent) or existing.get(parent)) if parent else None
        if is_new:
            code.colour = COLOURS[(len(existing) + added) % len(COLOURS)]
        code.full_clean()
        code.save()
        made[key] = code
        added, updated = added + is_new, updated + (not is_new)
    _audit(
        by,
        cycle,
        _("Codebook imported: %(added)d added, %(updated)d updated")
        % {"added": added, "updated": updated},
    )
    return added, updated


# Passages ------------------------------------------------------------------------------------

PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
SENTENCE_RE = re.compile(r"\S.*?(?:[.!?…](?=\s|$)|$)", re.S)


def paragraphs(text):
    """[(start, end, [(start, end) of each sentence])] of a section's text: paragraphs are
    separated by blank lines (list items are sentences of their own)."""
    result = []
    for para in PARAGRAPH_RE.finditer(text or ""):
        sentences = []
        for line in re.finditer(r"[^\n]+", para.group()):
            base = para.start() + line.start()
            for s in SENTENCE_RE.finditer(line.group()):
                sentences.append((base + s.start(), base + s.end()))
        if sentences:
            result.append((para.start(), para.end(), sentences))
    return result


def sentence_range(text, paragraph, first, last):
    """Offsets of sentences ``first``..``last`` (1-based) of paragraph ``paragraph``."""
    paras = paragraphs(text)
    if not 1 <= paragraph <= len(paras):
        raise ValidationError({"paragraph": _("Choose a paragraph of this section.")})
    sentences = paras[paragraph - 1][2]
    if not (1 <= first <= len(sentences) and 1 <= last <= len(sentences)):
        raise ValidationError(
            {"first": _("The paragraph has %(count)d sentences.") % {"count": len(sentences)}}
        )
    if last < first:
        raise ValidationError({"last": _("The last sentence cannot come before the first.")})
    return sentences[first - 1][0], sentences[last - 1][1]


def snap_to_words(text, start, end):
    """A selection widened to whole words and trimmed of the spaces at either end, so the
    same words always make the same passage ("ommunity gro" is "community groups")."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@transaction.atomic
def code_passage(*, report, entry, start, end, codes, memo, by):
    report = Report.objects.select_for_update().get(pk=report.pk)
    text = entry.text
    if not (0 <= start < end <= len(text)) or not text[start:end].strip():
        raise ValidationError(_("Choose some text of this section."))
    if not codes:
        raise ValidationError({"codes": _("Choose at least one code.")})
    if any(c.cycle_id != report.cycle_id or c.retired for c in codes):
        raise ValidationError({"codes": _("Choose codes of this cycle’s codebook.")})
    start, end = snap_to_words(text, start, end)
    passage = CodedPassage(
        report=report,
        entry=entry,
        coder=by,
        start=start,
        end=end,
        quote=text[start:end],
        memo=memo.strip(),
        version=report.version,
    )
    passage.full_clean()
    passage.save()
    passage.codes.set(codes)
    record_audit(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=passage,
        forum=report.forum,
        detail=", ".join(c.name_en for c in codes),
    )
    return passage


@transaction.atomic
def update_passage(*, passage, codes, memo, by):
    if not codes:
        raise ValidationError({"codes": _("Choose at least one code.")})
    passage.memo = memo.strip()
    passage.needs_recheck = False  # the analyst has looked at it again
    passage.save(update_fields=["memo", "needs_recheck"])
    passage.codes.set(codes)
    record_audit(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=passage,
        forum=passage.report.forum,
        detail=", ".join(c.name_en for c in codes),
    )


@transaction.atomic
def delete_passage(*, passage, by):
    record_audit(
        actor=by,
        action=AuditEvent.Action.DELETE,
        obj=passage,
        forum=passage.report.forum,
        detail=passage.quote[:200],
    )
    passage.delete()


def reanchor_on_resubmission(sender, *, report, previous, **kwargs):
    """Receives ``report_resubmitted``: the report's passages follow its new text (in the
    submission's transaction)."""
    if report.passages.exists():
        reanchor(report=report, old_texts=versions.texts_of(previous))


def reanchor(*, report, old_texts):
    """After a resubmission: each passage follows its text when nothing under it changed,
    and is flagged for re-checking when something did. ``old_texts`` maps each section's
    number to its text at the previous version. Returns how many were flagged."""
    flagged = 0
    passages = report.passages.select_related("entry__domain").filter(needs_recheck=False)
    for passage in passages:
        old = old_texts.get(str(passage.entry.domain.number))
        new = passage.entry.text
        if old is None or old == new:
            if new[passage.start : passage.end] != passage.quote:
                passage.needs_recheck = True
                passage.save(update_fields=["needs_recheck"])
                flagged += 1
            continue
        mapped = _map_range(old, new, passage.start, passage.end)
        if mapped is None or new[mapped[0] : mapped[1]] != passage.quote:
            passage.needs_recheck = True
            passage.save(update_fields=["needs_recheck"])
            flagged += 1
        else:
            passage.start, passage.end = mapped
            passage.version = report.version
            passage.save(update_fields=["start", "end", "version"])
    return flagged


TOKEN_RE = re.compile(r"\s+|[^\s]+")


def _tokens(text):
    """Words and runs of space, with the offset each starts at."""
    tokens, offsets, position = [], [], 0
    for token in TOKEN_RE.findall(text):
        tokens.append(token)
        offsets.append(position)
        position += len(token)
    offsets.append(position)
    return tokens, offsets


def _map_range(old, new, start, end):
    """The new offsets of old[start:end] when that range lies inside text the edit left
    untouched; None when the edit touched it. Compared word by word (fast on long text)."""
    a, a_at = _tokens(old)
    b, b_at = _tokens(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        if tag == "equal" and a_at[i1] <= start and end <= a_at[i2]:
            shift = b_at[j1] - a_at[i1]
            return start + shift, end + shift
    return None


def _merge_finding(finding, target):
    """A merged code's finding joins the target's for the same forum (texts appended)."""
    existing = Finding.objects.filter(code=target, forum=finding.forum).first()
    if existing is None:
        finding.code = target
        finding.save(update_fields=["code"])
        return
    for field in ("text_en", "text_cy"):
        parts = [getattr(existing, field), getattr(finding, field)]
        setattr(existing, field, "\n\n".join(p for p in parts if p.strip()))
    existing.revision += 1
    existing.save()
    existing.quotes.add(*finding.quotes.all())
    finding.delete()


# The themes-and-findings table ---------------------------------------------------------------


@transaction.atomic
def save_finding(*, code, forum, revision, text_en, text_cy, quotes, by):
    """Saves one cell of the findings table, refusing it (``EditConflict``) if someone
    saved since ``revision`` (0 for a cell not written yet)."""
    Code.objects.select_for_update().get(pk=code.pk)  # one writer per theme at a time
    finding = Finding.objects.filter(code=code, forum=forum).first() or Finding(
        code=code, forum=forum
    )
    allowed = CodedPassage.objects.filter(codes=code, report__cycle=code.cycle)
    if forum is not None:
        allowed = allowed.filter(report__forum=forum)
    allowed_pks = set(allowed.values_list("pk", flat=True))
    if finding.revision == revision and any(q.pk not in allowed_pks for q in quotes):
        raise ValidationError({"quotes": _("Choose quotes coded with this theme.")})
    save_revision(
        finding,
        expected=revision,
        by=by,
        changes={"text_en": text_en.strip(), "text_cy": text_cy.strip()},
        validate_constraints=False,
    )
    finding.quotes.set(quotes)
    record_audit(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=finding,
        forum=forum,
        detail=code.name_en,
    )
    return finding
