"""One revisioned edit for every record two people can edit at once (a report's section,
a finding, the national analysis).

A save names the revision its edit started from. When someone else has saved since, the
save is refused with ``EditConflict`` carrying their version; the page shows both (the
include ``includes/edit_conflict.html``) and keeps what this user typed, and the next save,
made knowingly, starts from the other person's revision. Nothing is ever silently
overwritten.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "Someone else saved this while you were editing it. Their version is shown above; "
    "yours is kept below, so nothing has been lost. Merge them and save again."
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

    def revision_parts(self):
        """[(label or None, text)]: what the conflict include shows of this version."""
        raise NotImplementedError


class EditConflict(Exception):
    """Someone saved since the edit began; ``current`` is their version (None when the
    record they saved has gone since)."""

    def __init__(self, current):
        super().__init__("edit conflict")
        self.current = current


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
    obj.revision = expected + 1
    obj.updated_at = timezone.now()
    obj.updated_by = by
    obj.full_clean(validate_constraints=validate_constraints)
    obj.save()
    return obj
