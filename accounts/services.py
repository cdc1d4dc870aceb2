from accounts.models import AuditEvent


def record_audit(*, actor, action, obj=None, object_type="", object_repr="", forum=None, detail=""):
    """Writes an audit row; call it inside the transaction that made the change.

    Pass the changed object, or for a change to many records (an import) the record
    type and a readable name.
    """
    if obj is not None:
        object_type = obj._meta.label_lower
        object_repr = str(obj)
    actor = actor if actor and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=actor,
        actor_name=actor.name if actor else "",
        actor_email=actor.email if actor else "",
        action=action,
        object_type=object_type,
        object_id=str(obj.pk or "") if obj is not None else "",
        object_repr=object_repr[:300],
        forum=forum,
        detail=detail,
    )
