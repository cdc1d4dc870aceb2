from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_remove_commissioners_without_body")]

    operations = [
        migrations.AddConstraint(
            model_name='roleassignment',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(models.Q(('commissioning_body__isnull', False), ('role', 'commissioner')), models.Q(('role', 'commissioner'), _negated=True), _connector='OR'), models.Q(('role', 'commissioner'), ('commissioning_body__isnull', True), _connector='OR')), name='roleassignment_body_only_for_commissioner', violation_error_message='A commissioner role needs a commissioning body; other roles must not have one.'),
        ),
        migrations.AddConstraint(
            model_name='roleassignment',
            constraint=models.UniqueConstraint(fields=('user', 'role', 'commissioning_body'), name='roleassignment_unique_body_role', violation_error_message='This user already has this role.'),
        ),
        migrations.AddConstraint(
            model_name='roleassignment',
            constraint=models.UniqueConstraint(condition=models.Q(('commissioning_body__isnull', True), ('forum__isnull', True)), fields=('user', 'role'), name='roleassignment_unique_national_role', violation_error_message='This user already has this role.'),
        ),
    ]
