"""The figures of the quantitative return (domain 7) of the nine-domain template, and a figure
row for every report already started."""

from django.db import migrations

TEMPLATE_NAME = "Social Value Forum report: nine domains"

# code, kind, source, breakdown, label (en, cy), help (en, cy)
FIGURES = [
    ("icf-revenue", "money", "", True,
     "Integrated Care Fund revenue allocated to not-for-profit social value organisations",
     "Refeniw y Gronfa Gofal Integredig a ddyrannwyd i sefydliadau gwerth cymdeithasol nid-er-elw",
     "In pounds, for the period. Give the year of the data in the footnote if it is not the "
     "whole period.",
     "Mewn punnoedd, ar gyfer y cyfnod. Rhowch flwyddyn y data yn y troednodyn os nad yw’n "
     "cwmpasu’r cyfnod cyfan."),
    ("icf-capital", "money", "", True,
     "Integrated Care Fund capital allocated to not-for-profit social value organisations",
     "Cyfalaf y Gronfa Gofal Integredig a ddyrannwyd i sefydliadau gwerth cymdeithasol nid-er-elw",
     "In pounds, for the period.", "Mewn punnoedd, ar gyfer y cyfnod."),
    ("icf-share", "percentage", "", False,
     "Share of the region’s Integrated Care Fund allocated to not-for-profit organisations",
     "Cyfran Cronfa Gofal Integredig y rhanbarth a ddyrannwyd i sefydliadau nid-er-elw",
     "Regional Partnership Boards are expected to reach at least 20%. Say what the percentage "
     "is of.",
     "Disgwylir i Fyrddau Partneriaeth Rhanbarthol gyrraedd o leiaf 20%. Dywedwch beth yw "
     "sail y ganran."),
    ("grants-contracts", "money", "", True,
     "Grants and contracts to not-for-profit organisations",
     "Grantiau a chontractau i sefydliadau nid-er-elw",
     "Often only some local authorities supply this: give a breakdown by local authority and "
     "funder, and say which are missing in the footnote.",
     "Yn aml dim ond rhai awdurdodau lleol sy’n darparu hyn: rhowch ddadansoddiad fesul "
     "awdurdod lleol a chyllidwr, a dywedwch pa rai sydd ar goll yn y troednodyn."),
    ("hsc-contracts", "money", "", True,
     "Health and social care contracts held by not-for-profit organisations",
     "Contractau iechyd a gofal cymdeithasol sydd gan sefydliadau nid-er-elw",
     "In pounds, by local authority where given.",
     "Mewn punnoedd, fesul awdurdod lleol lle rhoddir hynny."),
    ("projects", "count", "projects", False,
     "Projects established by the forum",
     "Prosiectau a sefydlwyd gan y fforwm",
     "Counted from the forum’s projects: only those established by the forum count; those of "
     "a precursor group or that pre-date the forum are listed apart.",
     "Wedi’u cyfrif o brosiectau’r fforwm: dim ond y rhai a sefydlwyd gan y fforwm sy’n "
     "cyfrif; rhestrir ar wahân y rhai gan grŵp rhagflaenol neu sy’n bodoli cyn y fforwm."),
    ("meetings", "count", "meetings", False,
     "Times the forum met in the period", "Sawl gwaith y cyfarfu’r fforwm yn y cyfnod",
     "Counted from the forum’s meeting records for the period.",
     "Wedi’i gyfrif o gofnodion cyfarfodydd y fforwm ar gyfer y cyfnod."),
    ("members", "count", "members", False,
     "Member organisations of the forum", "Sefydliadau sy’n aelodau o’r fforwm",
     "Counted from the forum’s memberships at the end of the period.",
     "Wedi’i gyfrif o aelodaethau’r fforwm ar ddiwedd y cyfnod."),
    ("svo-region", "count", "", False,
     "Social value organisations in the region", "Sefydliadau gwerth cymdeithasol yn y rhanbarth",
     "Say in the footnote where the number comes from (e.g. a register of third-sector "
     "bodies).",
     "Dywedwch yn y troednodyn o ble daw’r rhif (e.e. cofrestr o gyrff trydydd sector)."),
    ("svo-hsc", "count", "", True,
     "Known social value organisations delivering health and social care",
     "Sefydliadau gwerth cymdeithasol hysbys sy’n darparu iechyd a gofal cymdeithasol",
     "Give their types in the footnote (e.g. social enterprises, asset transfers).",
     "Rhowch eu mathau yn y troednodyn (e.e. mentrau cymdeithasol, trosglwyddo asedau)."),
]


def add_figures(apps, schema_editor):
    ReportTemplate = apps.get_model("reporting", "ReportTemplate")
    FigureDefinition = apps.get_model("reporting", "FigureDefinition")
    Figure = apps.get_model("reporting", "Figure")
    Report = apps.get_model("reporting", "Report")
    template = ReportTemplate.objects.filter(name=TEMPLATE_NAME).first()
    if template is None:
        return
    for position, (code, kind, source, breakdown, label_en, label_cy, help_en,
                   help_cy) in enumerate(FIGURES, start=1):
        FigureDefinition.objects.update_or_create(
            template=template, code=code,
            defaults={"position": position, "kind": kind, "source": source,
                      "breakdown": breakdown, "label_en": label_en, "label_cy": label_cy,
                      "help_en": help_en, "help_cy": help_cy},
        )
    for report in Report.objects.filter(cycle__template=template):
        for definition in FigureDefinition.objects.filter(template=template):
            Figure.objects.get_or_create(report=report, definition=definition)


def remove_figures(apps, schema_editor):
    apps.get_model("reporting", "FigureDefinition").objects.filter(
        template__name=TEMPLATE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0004_quantitative_return")]

    operations = [migrations.RunPython(add_figures, remove_figures)]
