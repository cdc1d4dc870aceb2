"""Erases the names of citizens who left longer ago than their forum keeps names for (run
daily; docs/deployment.md)."""

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from forums import personal_data
from forums.models import Forum


class Command(BaseCommand):
    help = "Erase the names of citizens past their forum's retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who is due without erasing anyone."
        )

    def handle(self, *args, dry_run=False, **options):
        translation.activate("en")
        total = 0
        for forum in Forum.objects.filter(citizen_retention_years__isnull=False):
            for citizen in personal_data.due_for_erasure(forum).order_by("pk"):
                total += 1
                if dry_run:
                    self.stdout.write(f"{forum.slug}: citizen {citizen.pk} left {citizen.left_on}")
                    continue
                personal_data.erase_citizen(
                    citizen=citizen,
                    by=None,
                    reason=_("Left more than %(years)s years ago (the forum’s retention period)")
                    % {"years": forum.citizen_retention_years},
                )
        verb = "due" if dry_run else "erased"
        self.stdout.write(f"{total} citizens {verb}.")
