"""A citizen's personal data as the ICO expects it handled: everything held about them
exported on request (subject access), their name erased on request or after the forum's
retention period (replaced by a pseudonym wherever the service holds it), and who did it.

The name is looked for in every text the service holds that belongs to the citizen's forum
— its records, reports and their filed versions, the audit trail and the history of every
record — found through the models' own relations to the forum (``forum``, ``report``,
``meeting``, …), so a record kind added later is covered without listing it here.
"""

import datetime
import json
import re
from collections import deque

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.services import record_audit
from forums.models import Citizen, Forum
from forums.signals import citizen_erased

TEXT_FIELDS = (models.CharField, models.TextField)
# How far from a record its forum may be (e.g. an agenda item → its meeting → the forum).
FORUM_DEPTH = 3


def pseudonym(citizen):
    """What an erased citizen is called from then on: nothing about the person."""
    return f"C-{citizen.pk:05d}"


def _path_to_forum(model):
    """The lookup from ``model`` to its forum ("forum", "meeting__forum", …), or None."""
    queue = deque([(model, "")])
    seen = {model}
    while queue:
        current, path = queue.popleft()
        if path.count("__") + 1 > FORUM_DEPTH:
            continue
        for field in current._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey) or field.name.startswith("history_"):
                continue
            target = field.related_model
            lookup = f"{path}__{field.name}" if path else field.name
            if target is Forum:
                return lookup
            if target not in seen and target._meta.app_label != "accounts":
                seen.add(target)
                queue.append((target, lookup))
    return None


def _texts(model):
    fields = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, (*TEXT_FIELDS, models.JSONField)) and not f.choices
    ]
    return [f for f in fields if not f.name.startswith("history_") and f.name != "password"]


def _pattern(name):
    return re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)", re.IGNORECASE)


def _replace(value, pattern, replacement):
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_replace(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, pattern, replacement) for k, v in value.items()}
    return value


def _mentions(name, *, forum):
    """(model, row, [fields]) for every row of ``forum`` (through each model's relation to
    it) holding ``name`` in a text."""
    pattern = _pattern(name)
    for model in apps.get_models():
        fields = _texts(model)
        if not fields:
            continue
        path = _path_to_forum(model)
        if model is Forum:
            queryset = Forum.objects.filter(pk=forum.pk)
        elif path is None:
            continue
        else:
            queryset = model._base_manager.filter(**{path: forum})
        match = Q()
        for field in fields:
            # JSON is searched as text too; the regular expression below decides.
            match |= Q(**{f"{field.name}__icontains": name.strip()})
        for row in queryset.filter(match):
            found = [
                f.name
                for f in fields
                if pattern.search(
                    json.dumps(getattr(row, f.attname), ensure_ascii=False)
                    if isinstance(f, models.JSONField)
                    else getattr(row, f.attname) or ""
                )
            ]
            if found:
                yield model, row, found


def mentions(citizen):
    """Where the citizen's name appears in the texts of their forum, as (what, row, fields)."""
    return [
        (model._meta.verbose_name, row, fields)
        for model, row, fields in _mentions(citizen.name, forum=citizen.forum)
        if not (model is Citizen and row.pk == citizen.pk)
    ]


def partial_mentions(citizen):
    """Where a part of the citizen's name (a first name alone, say) appears in their forum's
    texts: erasure replaces only the whole name, so these are for the secretariat to check."""
    parts = [p for p in citizen.name.split() if len(p) > 2]
    if len(parts) < 2:
        return []
    whole = _pattern(citizen.name)
    found = {}
    for part in parts:
        for model, row, fields in _mentions(part, forum=citizen.forum):
            if model is Citizen and row.pk == citizen.pk:
                continue
            rest = [
                f
                for f in fields
                if _pattern(part).search(
                    whole.sub("", json.dumps(getattr(row, model._meta.get_field(f).attname)))
                )
            ]
            if rest:
                found[(model, row.pk)] = (model._meta.verbose_name, row, rest)
    return list(found.values())


def subject_access(citizen):
    """Everything held about the citizen, for their subject access request, as plain data
    (written out as JSON): their record, the meetings they attended, the audit trail of
    their record, and every other text of their forum that names them."""
    record = {
        f.name: _plain(getattr(citizen, f.attname))
        for f in Citizen._meta.concrete_fields
        if f.name != "id"
    }
    record["forum"] = str(citizen.forum)
    record["local_authority"] = str(citizen.local_authority) if citizen.local_authority else None
    return {
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "forum": str(citizen.forum),
        "citizen": record,
        "meetings_attended": [
            {
                "held_on": m.held_on.isoformat(),
                "kind": str(m.get_kind_display()),
                "place": m.place,
                "online": m.online,
            }
            for m in citizen.meetings_attended.order_by("held_on")
        ],
        "audit_trail": [
            {
                "at": event.at.isoformat(timespec="seconds"),
                "who": event.who,
                "action": str(event.get_action_display()),
                "record": event.object_repr,
                "detail": event.detail,
            }
            for event in _audit_of(citizen).order_by("at", "id")
        ],
        "named_in": [
            {
                "record_type": str(what),
                "record": str(row),
                **{field: _plain(getattr(row, field)) for field in fields},
            }
            for what, row, fields in mentions(citizen)
        ],
    }


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def _audit_of(citizen):
    return AuditEvent.objects.filter(object_type="forums.citizen", object_id=str(citizen.pk))


@transaction.atomic
def erase_citizen(*, citizen, by, reason):
    """Replaces the citizen's name with a pseudonym wherever their forum's texts hold it
    (their record and its audit trail, the history of every record, minutes, reports),
    removes their contact details, and records who erased them and why — without the name.
    What stays (role, area, dates, attendance) is what the forum's counts need."""
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    if citizen.erased_on:
        return citizen
    name, replacement = citizen.name, pseudonym(citizen)
    pattern = _pattern(name)
    for model, row, fields in list(_mentions(name, forum=citizen.forum)):
        changes = {
            field: _replace(
                getattr(row, model._meta.get_field(field).attname), pattern, replacement
            )
            for field in fields
        }
        model._base_manager.filter(pk=row.pk).update(**changes)
    _audit_of(citizen).update(object_repr=replacement)
    Citizen.objects.filter(pk=citizen.pk).update(
        name=replacement, contact="", erased_on=timezone.localdate()
    )
    citizen.refresh_from_db()
    citizen_erased.send(sender=Citizen, forum=citizen.forum)
    record_audit(
        actor=by,
        action=AuditEvent.Action.ERASE,
        obj=citizen,
        forum=citizen.forum,
        detail=reason,
    )
    return citizen


def due_for_erasure(forum, today=None):
    """The forum's citizens who left more than its retention period ago, not yet erased
    (none when the forum has set no period)."""
    years = forum.citizen_retention_years
    if not years:
        return Citizen.objects.none()
    today = today or timezone.localdate()
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return forum.citizens.filter(left_on__lt=cutoff, erased_on__isnull=True)
