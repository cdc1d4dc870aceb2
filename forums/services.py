"""State changes of the forums app. Each runs in one transaction with its audit row."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AuditEvent
from accounts.services import record_audit
from svforum.records import save_unique
from svforum.revisions import Revisioned, claim_revision


def saved_message(record, *, creating):
    """The banner after a record is added or saved."""
    if creating:
        return _("%(record)s has been added.") % {"record": record}
    return _("%(record)s has been saved.") % {"record": record}


def _forum_of(obj):
    from forums.models import Forum

    return obj if isinstance(obj, Forum) else getattr(obj, "forum", None)


@transaction.atomic
def save_record(*, record, many_to_many=None, changed=(), by):
    """Saves a forum's record or an organisation (new, or with its changes applied) and its
    many-to-many values, with an audit row naming the fields an edit ``changed``. A
    revisioned record edited since its edit began raises ``EditConflict``."""
    creating = record.pk is None
    if isinstance(record, Revisioned):
        claim_revision(record, by=by)
    record.full_clean()
    save_unique(record)
    for name, values in (many_to_many or {}).items():
        getattr(record, name).set(values)
    record_audit(
        actor=by,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        obj=record,
        forum=_forum_of(record),
        detail="" if creating else ", ".join(changed),
    )
    return record


@transaction.atomic
def delete_record(*, obj, by):
    from forums import personal_data
    from forums.models import Citizen

    if isinstance(obj, Citizen):
        # A citizen's name goes from the audit trail and every text too, not only the record.
        obj = personal_data.erase_citizen(citizen=obj, by=by, reason=_("Record deleted"))
    record_audit(actor=by, action=AuditEvent.Action.DELETE, obj=obj, forum=_forum_of(obj))
    obj.delete()


@transaction.atomic
def save_meeting(*, meeting, many_to_many, changed=(), agenda, actions, by):
    """Saves a meeting with its attendance (``many_to_many``), its agenda and its actions
    as one change. ``agenda`` and ``actions`` are each (rows to save, rows to delete); the
    agenda's rows are numbered in the order given."""
    meeting = save_record(record=meeting, many_to_many=many_to_many, changed=changed, by=by)
    for rows, removed in (agenda, actions):
        for position, row in enumerate(rows):
            row.meeting = meeting
            if hasattr(row, "position"):
                row.position = position
            row.full_clean()
            row.save()
        for row in removed:
            row.delete()
    return meeting
