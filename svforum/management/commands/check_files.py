"""Checks that every stored file the database refers to exists — after a restore, or a move
of MEDIA_ROOT — and lists the rows whose file is missing. Exits with status 1 when any is."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models


def file_fields():
    """(model, field) for every file field of every model of the project."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def missing_files():
    """[(model label, row id, field name, stored name)] of the files that are not there."""
    missing = []
    for model, field in file_fields():
        rows = (
            model._default_manager.exclude(**{field.name: ""})
            .exclude(**{f"{field.name}__isnull": True})
            .values_list("pk", field.name)
        )
        for pk, name in rows.iterator(chunk_size=2000):
            if not field.storage.exists(name):
                missing.append((model._meta.label, pk, field.name, name))
    return missing


class Command(BaseCommand):
    help = "Checks that every stored file the database refers to exists."

    def handle(self, *args, **options):
        counted = 0
        for model, field in file_fields():
            counted += model._default_manager.exclude(**{field.name: ""}).count()
        missing = missing_files()
        for label, pk, field, name in missing:
            self.stdout.write(f"missing: {label} {pk} {field}: {name}")
        if missing:
            raise CommandError(f"{len(missing)} of {counted} stored files are missing.")
        self.stdout.write(self.style.SUCCESS(f"All {counted} stored files are present."))
