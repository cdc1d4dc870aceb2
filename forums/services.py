"""State changes of the forums app. Each runs in one transaction with its audit row."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AuditEvent
from accounts.services import record_audit


def saved_message(record, *, creating):
    """The banner after a record is added or saved."""
    if creating:
        return _("%(record)s has been added.") % {"record": record}
    return _("%(record)s has been saved.") % {"record": record}


def _forum_of(obj):
    from forums.models import Forum

    return obj if isinstance(obj, Forum) else getattr(obj, "forum", None)


@transaction.atomic
def save_record(*, form, by):
    """Saves a validated ModelForm (and its many-to-many fields), with an audit row."""
    creating = form.instance.pk is None
    obj = form.save(commit=False)
    obj.full_clean()
    obj.save()
    form.save_m2m()
    record_audit(
        actor=by,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        obj=obj,
        forum=_forum_of(obj),
        detail=", ".join(sorted(form.changed_data)) if not creating else "",
    )
    return obj


@transaction.atomic
def delete_record(*, obj, by):
    record_audit(actor=by, action=AuditEvent.Action.DELETE, obj=obj, forum=_forum_of(obj))
    obj.delete()


@transaction.atomic
def save_meeting(*, form, agenda_formset, action_formset, by):
    """Saves a meeting with its agenda, actions and attendance as one change."""
    meeting = save_record(form=form, by=by)
    for formset in (agenda_formset, action_formset):
        formset.instance = meeting
        for position, row in enumerate(formset.save(commit=False)):
            if hasattr(row, "position"):
                row.position = position
            row.full_clean()
            row.save()
        for row in formset.deleted_objects:
            row.delete()
    return meeting
