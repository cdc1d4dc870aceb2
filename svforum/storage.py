"""Where uploaded files and built PDFs are kept: Django's file system storage, made to fail
cleanly. A file that cannot be written (the disk full, a quota reached, the volume gone) is
removed rather than left empty or cut short, and the failure is raised as
``StorageUnavailable``, which the service answers with a page that says so in the user's
language (svforum/middleware.py) — the transaction around the upload rolls back, so no
record points at a missing file."""

import logging

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

STORAGE_MESSAGE = _(
    "The file could not be stored: the service’s storage is full or unavailable. Nothing "
    "was saved. Try again later; if it keeps happening, tell the service administrator."
)


class StorageUnavailable(Exception):
    pass


class SafeFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError as error:
            path = self.path(name)
            try:
                self.delete(name)  # what was written of it, if anything
            except OSError:
                logger.exception("could not remove the partly written file %s", path)
            logger.error("could not store %s: %s", path, error)
            raise StorageUnavailable(str(error)) from error
