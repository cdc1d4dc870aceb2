"""A section with a case study, a work programme item or an answered figure in it is "in
progress", not "not started" (saving one now marks it so: reporting.services)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Entry = apps.get_model("reporting", "Entry")
    with_content = {
        "case_studies": "report__case_studies__isnull",
        "work_programme": "report__work_programme__isnull",
    }
    for kind, lookup in with_content.items():
        ids = Entry.objects.filter(
            status="not_started", domain__kind=kind, **{lookup: False}
        ).values_list("pk", flat=True)
        Entry.objects.filter(pk__in=list(ids)).update(status="in_progress")
    ids = (
        Entry.objects.filter(
            status="not_started",
            domain__kind="quantitative",
            report__figures__state__in=["value", "not_provided"],
        ).values_list("pk", flat=True)
    )
    Entry.objects.filter(pk__in=list(ids)).update(status="in_progress")


class Migration(migrations.Migration):
    dependencies = [("reporting", "0021_icf_in_parts_with_shares")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
