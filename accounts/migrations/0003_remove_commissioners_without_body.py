from django.db import migrations


def remove_commissioners_without_body(apps, schema_editor):
    """A commissioner now works for a commissioning body: a commissioner role given before
    bodies existed grants nothing, and an administrator assigns the body afresh."""
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    RoleAssignment.objects.filter(role="commissioner", commissioning_body__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roleassignment_commissioning_body")]

    operations = [
        migrations.RunPython(remove_commissioners_without_body, migrations.RunPython.noop),
    ]
