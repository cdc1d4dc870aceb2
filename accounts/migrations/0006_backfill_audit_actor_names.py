from django.db import migrations
from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    """Audit rows written before the actor's name was kept take it from their account."""
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    User = apps.get_model("accounts", "User")
    user = User.objects.filter(pk=OuterRef("actor_id"))
    AuditEvent.objects.filter(actor__isnull=False, actor_name="").update(
        actor_name=Subquery(user.values("name")[:1]),
        actor_email=Subquery(user.values("email")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_audit_keeps_the_actors_name")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
