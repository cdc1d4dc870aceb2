"""The Integrated Care Fund as one figure in two parts, each with its amount and share.

Before, the template asked for the fund's revenue, its capital and one share as three
figures, so revenue and capital could not each keep a share, nor each be held to the 20%
target. Now one figure, "icf", has the parts "revenue" and "capital"; each report's three
answers become the parts' amounts (with their breakdown rows) and the figure's share, the
footnotes kept, each named by its part. Targets on the old share become targets on the
new figure's share, held for each part and each local authority too.

Grants and contracts gain the parts revenue, capital and small grants; the count of social
value organisations in the region may be given per local authority.
"""

from django.db import migrations

ICF = {
    "code": "icf",
    "kind": "money",
    "source": "",
    "breakdown": True,
    "asks_share": True,
    "label_en": "Integrated Care Fund allocated to not-for-profit social value organisations",
    "label_cy": "Y Gronfa Gofal Integredig a ddyrannwyd i sefydliadau gwerth cymdeithasol "
    "nid-er-elw",
    "help_en": "In pounds for the period, revenue and capital apart, each with its share of "
    "the region’s fund: Regional Partnership Boards are expected to reach at least 20%. Give "
    "each local authority’s figure where you have it, and the year of any data that is not "
    "for the whole period.",
    "help_cy": "Mewn punnoedd ar gyfer y cyfnod, refeniw a chyfalaf ar wahân, pob un gyda’i "
    "gyfran o gronfa’r rhanbarth: disgwylir i Fyrddau Partneriaeth Rhanbarthol gyrraedd o "
    "leiaf 20%. Rhowch ffigur pob awdurdod lleol lle mae gennych un, a blwyddyn unrhyw ddata "
    "nad yw ar gyfer y cyfnod cyfan.",
}
ICF_PARTS = [("revenue", "Revenue", "Refeniw"), ("capital", "Capital", "Cyfalaf")]
GRANT_PARTS = [
    ("revenue", "Revenue grants", "Grantiau refeniw"),
    ("capital", "Capital grants", "Grantiau cyfalaf"),
    ("small-grants", "Small grants", "Grantiau bach"),
]


def _parts(FigurePart, definition, parts):
    return {
        code: FigurePart.objects.get_or_create(
            definition=definition,
            code=code,
            defaults={"position": position, "label_en": en, "label_cy": cy},
        )[0]
        for position, (code, en, cy) in enumerate(parts, start=1)
    }


def _merge_icf(apps, template):
    FigureDefinition = apps.get_model("reporting", "FigureDefinition")
    FigurePart = apps.get_model("reporting", "FigurePart")
    Figure = apps.get_model("reporting", "Figure")
    Row = apps.get_model("reporting", "FigureBreakdownRow")
    FigureTarget = apps.get_model("analysis", "FigureTarget")
    old = {
        d.code: d
        for d in FigureDefinition.objects.filter(
            template=template, code__in=["icf-revenue", "icf-capital", "icf-share"]
        )
    }
    if "icf-revenue" not in old or "icf-capital" not in old:
        return
    fields = {k: v for k, v in ICF.items() if k != "code"}
    icf, _created = FigureDefinition.objects.update_or_create(
        template=template,
        code="icf",
        defaults={**fields, "position": old["icf-revenue"].position},
    )
    parts = _parts(FigurePart, icf, ICF_PARTS)
    by_report = {}
    for figure in Figure.objects.filter(definition__in=old.values()).select_related("definition"):
        by_report.setdefault(figure.report_id, {})[figure.definition.code] = figure
    for report_id, answers in by_report.items():
        merged = Figure.objects.filter(report_id=report_id, definition=icf).first()
        if merged is not None:  # migrated before (the step back is a no-op): start again
            Row.objects.filter(figure=merged).delete()
            merged.delete()
        merged = Figure(report_id=report_id, definition=icf)
        notes, rows, states = [], [], []
        for code, part_code in (("icf-revenue", "revenue"), ("icf-capital", "capital")):
            figure = answers.get(code)
            if figure is None:
                continue
            states.append(figure.state)
            part = parts[part_code]
            if figure.state == "value":
                rows.append(Row(part=part, value=figure.value))
                for row in Row.objects.filter(figure=figure):
                    rows.append(
                        Row(
                            part=part,
                            local_authority_id=row.local_authority_id,
                            funder=row.funder,
                            value=row.value,
                        )
                    )
            if figure.qualifier:
                notes.append(f"{part.label_en}: {figure.qualifier}")
        share = answers.get("icf-share")
        if share is not None:
            states.append(share.state)
            if share.state == "value":
                merged.share, merged.base = share.value, share.base
            if share.qualifier:
                notes.append(f"Share: {share.qualifier}")
        if rows or merged.share is not None:
            merged.state = "value"
        elif states and all(s == "not_provided" for s in states):
            merged.state = "not_provided"
        merged.qualifier = "; ".join(notes)[:300]
        merged.revision = 1
        merged.save()
        for row in rows:
            row.figure = merged
        Row.objects.bulk_create(rows)
    if "icf-share" in old:
        for target in FigureTarget.objects.filter(definition=old["icf-share"]):
            FigureTarget.objects.get_or_create(
                cycle_id=target.cycle_id,
                definition=icf,
                defaults={
                    "comparison": target.comparison,
                    "value": target.value,
                    "measure": "share",
                    "each_part": True,
                    "each_area": True,
                    "note_en": target.note_en,
                    "note_cy": target.note_cy,
                },
            )
    FigureTarget.objects.filter(definition__in=old.values()).delete()
    Row.objects.filter(figure__definition__in=old.values()).delete()
    Figure.objects.filter(definition__in=old.values()).delete()
    FigureDefinition.objects.filter(pk__in=[d.pk for d in old.values()]).delete()
    for position, definition in enumerate(
        FigureDefinition.objects.filter(template=template).order_by("position", "pk"), start=1
    ):
        if definition.position != position:
            definition.position = position
            definition.save(update_fields=["position"])


def forwards(apps, schema_editor):
    ReportTemplate = apps.get_model("reporting", "ReportTemplate")
    FigureDefinition = apps.get_model("reporting", "FigureDefinition")
    FigurePart = apps.get_model("reporting", "FigurePart")
    for template in ReportTemplate.objects.all():
        _merge_icf(apps, template)
        grants = FigureDefinition.objects.filter(template=template, code="grants-contracts").first()
        if grants is not None:
            _parts(FigurePart, grants, GRANT_PARTS)
        FigureDefinition.objects.filter(template=template, code="svo-region").update(breakdown=True)


def _split_icf(apps, template):
    """The step back: the fund's parts and share become the three figures again (a part
    given for one local authority goes back as a breakdown row of its part's figure)."""
    import importlib

    FigureDefinition = apps.get_model("reporting", "FigureDefinition")
    Figure = apps.get_model("reporting", "Figure")
    Row = apps.get_model("reporting", "FigureBreakdownRow")
    FigureTarget = apps.get_model("analysis", "FigureTarget")
    icf = FigureDefinition.objects.filter(template_id=template.pk, code="icf").first()
    if icf is None:
        return
    earlier = importlib.import_module("reporting.migrations.0005_quantitative_return_figures")
    old = {}
    for offset, code in enumerate(("icf-revenue", "icf-capital", "icf-share")):
        _code, kind, source, breakdown, label_en, label_cy, help_en, help_cy = next(
            f for f in earlier.FIGURES if f[0] == code
        )
        old[code] = FigureDefinition.objects.create(
            template_id=template.pk,
            code=code,
            position=icf.position * 10 + offset,
            kind=kind,
            source=source,
            breakdown=breakdown,
            label_en=label_en,
            label_cy=label_cy,
            help_en=help_en,
            help_cy=help_cy,
        )
    for merged in Figure.objects.filter(definition_id=icf.pk):
        rows = list(Row.objects.filter(figure_id=merged.pk).select_related("part"))
        for code, part_code in (("icf-revenue", "revenue"), ("icf-capital", "capital")):
            whole = [r for r in rows if r.part and r.part.code == part_code and not r.funder
                     and r.local_authority_id is None]
            value = whole[0].value if whole and whole[0].value is not None else None
            figure = Figure.objects.create(
                report_id=merged.report_id,
                definition_id=old[code].pk,
                state="value" if value is not None else merged.state if not rows else "",
                value=value,
                revision=1,
            )
            if merged.state == "not_provided":
                figure.state, figure.value = "not_provided", None
                figure.save()
            for r in rows:
                if r.part and r.part.code == part_code and r not in whole and r.value is not None:
                    Row.objects.create(
                        figure_id=figure.pk,
                        local_authority_id=r.local_authority_id,
                        funder=r.funder,
                        value=r.value,
                    )
        Figure.objects.create(
            report_id=merged.report_id,
            definition_id=old["icf-share"].pk,
            state="value" if merged.share is not None else merged.state,
            value=merged.share,
            base=merged.base if merged.share is not None else "",
            qualifier=merged.qualifier,
            revision=1,
        )
    # By id: the other app's models may be rendered apart from this one's.
    for target in FigureTarget.objects.filter(definition_id=icf.pk, measure="share"):
        FigureTarget.objects.get_or_create(
            cycle_id=target.cycle_id,
            definition_id=old["icf-share"].pk,
            defaults={"comparison": target.comparison, "value": target.value,
                      "note_en": target.note_en, "note_cy": target.note_cy},
        )
    # Deleted without the ORM's collector: stepping back over several migrations, the
    # historical models it would follow may be rendered apart from these ones.
    FigurePart = apps.get_model("reporting", "FigurePart")
    for queryset in (
        FigureTarget.objects.filter(definition_id=icf.pk),
        Row.objects.filter(figure__definition_id=icf.pk),
        Row.objects.filter(part__definition_id=icf.pk),
        Figure.objects.filter(definition_id=icf.pk),
        FigurePart.objects.filter(definition_id=icf.pk),
        FigureDefinition.objects.filter(pk=icf.pk),
    ):
        queryset._raw_delete(queryset.db)
    for position, definition in enumerate(
        FigureDefinition.objects.filter(template_id=template.pk).order_by("position", "pk"), start=1
    ):
        definition.position = position
        definition.save(update_fields=["position"])


def backwards(apps, schema_editor):
    ReportTemplate = apps.get_model("reporting", "ReportTemplate")
    FigureDefinition = apps.get_model("reporting", "FigureDefinition")
    FigurePart = apps.get_model("reporting", "FigurePart")
    for template in ReportTemplate.objects.all():
        _split_icf(apps, template)
        Row = apps.get_model("reporting", "FigureBreakdownRow")
        grants = list(
            FigurePart.objects.filter(
                definition__template_id=template.pk, definition__code="grants-contracts"
            ).values_list("pk", flat=True)
        )
        whole = Row.objects.filter(part_id__in=grants, local_authority_id=None, funder="")
        whole._raw_delete(whole.db)
        Row.objects.filter(part_id__in=grants).update(part_id=None)
        parts = FigurePart.objects.filter(pk__in=grants)
        parts._raw_delete(parts.db)
        FigureDefinition.objects.filter(template_id=template.pk, code="svo-region").update(
            breakdown=False
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0020_parts_shares_and_qualified_values"),
        ("analysis", "0003_parts_shares_and_qualified_values"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
