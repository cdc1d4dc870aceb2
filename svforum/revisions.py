"""One revisioned edit for every record two people can edit at once: a report's section,
case study, work-programme item and figure; a finding and the national analysis; an
organisation and a meeting; a tender, lot, bid, contract and commitment.

A save names the revision its edit started from. When someone else has saved since, the
save is refused with ``EditConflict`` carrying their version; the page shows both (the
include ``includes/edit_conflict.html``) and keeps what this user typed, and the next save,
made knowingly, starts from the other person's revision. Nothing is ever silently
overwritten.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "Someone else saved this while you were editing it. Their version is shown above; "
    "yours is kept below, so nothing has been lost. Merge them and save again."
)

GONE_MESSAGE = _(
    "Someone else deleted this while you were editing it, so your changes were not saved. "
    "They are kept below: copy anything you need."
)


class Revisioned(models.Model):
    """``revision`` counts saves; ``updated_at`` and ``updated_by`` say whose was last."""

    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )

    class Meta:
        abstract = True

    # Left out of the versions shown side by side: bookkeeping, and the record a form
    # edits this one under (it cannot change there).
    REVISION_BOOKKEEPING = frozenset(
        {"id", "revision", "updated_at", "updated_by", "created_at"}
        | {"forum", "report", "definition", "tender", "lot", "contract"}
    )

    def revision_parts(self):
        """[(label or None, text)]: what the conflict include shows of this version —
        by default each field with a value, labelled, as the record's page shows it."""
        parts = []
        for field in self._meta.concrete_fields:
            if (
                field.name in self.REVISION_BOOKKEEPING
                or not field.editable
                or isinstance(field, (models.JSONField, models.DateTimeField))
            ):
                continue
            if field.is_relation:
                value = getattr(self, field.name)
            elif field.choices:
                value = getattr(self, f"get_{field.name}_display")()
            else:
                value = getattr(self, field.attname)
            if value in (None, "", False):
                continue
            if value is True:
                text = str(_("Yes"))
            elif isinstance(value, datetime.date):
                text = date_format(value, "j F Y")
            else:
                text = str(value)
            parts.append((str(field.verbose_name).capitalize(), text))
        return parts


class EditConflict(Exception):
    """Someone saved since the edit began; ``current`` is their version (None when the
    record they saved has gone since)."""

    def __init__(self, current):
        super().__init__("edit conflict")
        self.current = current


def claim_revision(record, *, by):
    """Called by a save service, inside its transaction, before it saves ``record``: an
    edited record's ``revision`` is the one its edit started from (the form carries it);
    when someone has saved since, ``EditConflict`` is raised with their version. The record
    is then marked as the next revision, saved by ``by`` (its history names them too)."""
    if record.pk is not None:
        current = type(record)._base_manager.select_for_update().filter(pk=record.pk).first()
        if current is None or current.revision != record.revision:
            raise EditConflict(current)
    return mark_saved(record, by=by)


def mark_saved(record, *, by):
    """Marks ``record`` (not yet saved) as its next revision, saved by ``by`` now; its
    history names them too."""
    record.revision += 1
    record.updated_at = timezone.now()
    record.updated_by = by
    record._history_user = by
    return record


def show_conflict(form, conflict):
    """Turns a form whose save met ``EditConflict`` into the page that shows both versions:
    what this user typed stays in the form, the other person's version is ``form.conflict``
    (the include ``includes/edit_conflict.html``), and the next save, made knowingly,
    starts from their revision."""
    data = form.data.copy()
    if conflict.current is not None:
        data[form.add_prefix("revision")] = conflict.current.revision
    form.data = data
    form.conflict = conflict.current
    form.edit_refused = True
    form.add_error(None, CONFLICT_MESSAGE if conflict.current is not None else GONE_MESSAGE)
    return form


def save_revision(obj, *, expected, by, changes, validate_constraints=True):
    """Applies ``changes`` (field name → value) to ``obj`` and saves it as the next
    revision, unless someone saved since revision ``expected``.

    ``obj`` is the record as it stands, fetched with ``select_for_update`` inside the
    caller's transaction (or new, at revision 0, when nothing is saved yet), so two saves
    of the same record run one after the other. Raises ``EditConflict(obj)`` when its
    revision is not ``expected``; the record is validated before it is saved.
    """
    if obj.revision != expected:
        raise EditConflict(obj if obj.pk else None)
    for name, value in changes.items():
        setattr(obj, name, value)
    mark_saved(obj, by=by)
    obj.full_clean(validate_constraints=validate_constraints)
    obj.save()
    return obj
