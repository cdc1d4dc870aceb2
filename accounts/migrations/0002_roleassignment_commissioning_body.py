
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('commissioning', '0001_initial'),
        ('forums', '0003_organisation_address_organisation_sme'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='roleassignment',
            name='roleassignment_unique_national_role',
        ),
        migrations.AddField(
            model_name='roleassignment',
            name='commissioning_body',
            field=models.ForeignKey(blank=True, help_text='Only for a commissioner.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='role_assignments', to='commissioning.commissioningbody', verbose_name='commissioning body'),
        ),
    ]
