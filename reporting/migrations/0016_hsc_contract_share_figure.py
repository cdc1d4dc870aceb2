"""The share of health and social care contract value held by not-for-profit organisations,
derived from the commissioning records, as a figure of the nine-domain template's quantitative
return; a figure row for every report still being written (submitted reports keep the
figures they were submitted with)."""

from django.db import migrations

TEMPLATE_NAME = "Social Value Forum report: nine domains"
CODE = "hsc-nfp-share"


def add_figure(apps, schema_editor):
    ReportTemplate = apps.get_model("reporting", "ReportTemplate")
    FigureDefinition = apps.get_model("reporting", "FigureDefinition")
    Figure = apps.get_model("reporting", "Figure")
    Report = apps.get_model("reporting", "Report")
    template = ReportTemplate.objects.filter(name=TEMPLATE_NAME).first()
    if template is None:
        return
    last = FigureDefinition.objects.filter(template=template).order_by("-position").first()
    definition, _created = FigureDefinition.objects.update_or_create(
        template=template,
        code=CODE,
        defaults={
            "position": (last.position + 1) if last and last.code != CODE else 1,
            "kind": "percentage",
            "source": "commissioning",
            "breakdown": False,
            "label_en": "Share of health and social care contract value held by not-for-profit "
            "organisations",
            "label_cy": "Cyfran o werth contractau iechyd a gofal cymdeithasol a ddelir gan "
            "sefydliadau nid-er-elw",
            "help_en": "From the contracts the region’s commissioning bodies record here, "
            "running at any time in the period.",
            "help_cy": "O’r contractau y mae cyrff comisiynu’r rhanbarth yn eu cofnodi yma, "
            "sy’n rhedeg ar unrhyw adeg yn y cyfnod.",
        },
    )
    if last and last.code == CODE:
        definition.position = last.position
        definition.save()
    for report in Report.objects.filter(cycle__template=template, status__in=["draft", "returned"]):
        Figure.objects.get_or_create(report=report, definition=definition)


def remove_figure(apps, schema_editor):
    apps.get_model("reporting", "FigureDefinition").objects.filter(
        template__name=TEMPLATE_NAME, code=CODE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0015_derived_share_of_contract_value")]

    operations = [migrations.RunPython(add_figure, remove_figure)]
