"""Saving a record that a concurrent save may have made a duplicate of."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

DUPLICATE_RECORD = _(
    "Someone saved a record with the same details a moment ago, so this one was not saved. "
    "Check the list, then change what must be unique."
)


def save_unique(record):
    """Saves a validated record. One that a concurrent save made a duplicate of (the
    database's unique constraint, checked after validation passed) is refused with
    ``DUPLICATE_RECORD`` instead of failing the page; the caller's transaction goes on."""
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise ValidationError(DUPLICATE_RECORD) from None
