"""State changes of the comparison of figures: the targets a cycle holds figures to.

(The codebook's, the coding's and the findings' state changes are in coding.py, the
national analysis's in national.py: each beside the reads it shares.)
"""

from django.db import transaction

from accounts.models import AuditEvent
from accounts.services import record_audit
from analysis.models import FigureTarget


@transaction.atomic
def set_target(
    *,
    cycle,
    definition,
    comparison,
    value,
    note_en,
    note_cy,
    by,
    measure=FigureTarget.Measure.VALUE,
    each_part=False,
    each_area=False,
):
    """Sets (or changes) the target of one figure in a cycle, with its audit row: of its
    value or its share, and held for each part and each local authority too if asked."""
    target = FigureTarget.objects.select_for_update().filter(
        cycle=cycle, definition=definition
    ).first() or FigureTarget(cycle=cycle, definition=definition)
    creating = target.pk is None
    target.comparison = comparison
    target.value = value
    target.measure = measure
    target.each_part = each_part
    target.each_area = each_area
    target.note_en = note_en.strip()
    target.note_cy = note_cy.strip()
    target.full_clean()
    target.save()
    record_audit(
        actor=by,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        obj=target,
        forum=None,
        detail=str(target),
    )
    return target


@transaction.atomic
def remove_target(*, cycle, definition, by):
    """Removes a figure's target, if it has one; returns whether it had."""
    deleted, _ = FigureTarget.objects.filter(cycle=cycle, definition=definition).delete()
    if deleted:
        record_audit(
            actor=by,
            action=AuditEvent.Action.DELETE,
            obj=cycle,
            forum=None,
            detail=f"target removed: {definition.code}",
        )
    return bool(deleted)
