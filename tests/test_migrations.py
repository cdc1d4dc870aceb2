"""A database made by the previous release migrates to this one without losing a row.

The analysts' models moved from reporting to analysis with state-only migrations: the
tables (and their rows) stay where they were. This test goes back to the previous
release's migration state, writes rows there with the models as they stood then, migrates
forward, and compares every table's row count, then reads the rows back through the
models as they stand now.
"""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

# The previous release: analysis did not exist, and reporting's last migration was 0016.
PREVIOUS_RELEASE = {"reporting": "0016_hsc_contract_share_figure", "analysis": None}


def _targets(executor, overrides):
    leaves = dict(executor.loader.graph.leaf_nodes())
    leaves.update(overrides)
    return list(leaves.items())


def _row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _write_rows_as_the_previous_release(apps):
    """A forum's submitted report with coded passages, a finding with quotes, a target,
    the national analysis and a built document — through the models as they stood."""
    for module, function in (
        ("forums.migrations.0002_welsh_regions_reference_data", "add_reference_data"),
        ("reporting.migrations.0002_nine_domain_template", "add_template"),
        ("reporting.migrations.0005_quantitative_return_figures", "add_figures"),
    ):
        getattr(importlib.import_module(module), function)(apps, None)
    User = apps.get_model("accounts", "User")
    Forum = apps.get_model("forums", "Forum")
    Template = apps.get_model("reporting", "ReportTemplate")
    analyst = User.objects.create(email="analyst@example.org", name="Rhian", password="!")
    template = Template.objects.earliest("pk")
    cycle = apps.get_model("reporting", "ReportingCycle").objects.create(
        name_en="Reports 2023–2026",
        name_cy="Adroddiadau 2023–2026",
        period_start=datetime.date(2023, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        due_on=datetime.date(2026, 12, 31),
        template=template,
    )
    forum = Forum.objects.get(slug="gwent")
    report = apps.get_model("reporting", "Report").objects.create(
        forum=forum,
        cycle=cycle,
        status="submitted",
        version=1,
        submitted_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC),
        submitted_by=analyst,
    )
    domain = template.domains.get(number=1)
    entry = apps.get_model("reporting", "Entry").objects.create(
        report=report, domain=domain, text="Members co-produced the carers' strategy."
    )
    Code = apps.get_model("reporting", "Code")
    top = Code.objects.create(cycle=cycle, name_en="Impact", name_cy="Effaith")
    child = Code.objects.create(
        cycle=cycle, name_en="Co-production", name_cy="Cydgynhyrchu", parent=top
    )
    passage = apps.get_model("reporting", "CodedPassage").objects.create(
        report=report, entry=entry, coder=analyst, start=8, end=19, quote="co-produced", version=1
    )
    passage.codes.set([top, child])
    finding = apps.get_model("reporting", "Finding").objects.create(
        code=child, forum=forum, text_en="Carers lead.", revision=1
    )
    finding.quotes.set([passage])
    apps.get_model("reporting", "FigureTarget").objects.create(
        cycle=cycle, definition=template.figures.get(code="icf-share"), value=20
    )
    # The fund's three answers of the previous release: revenue (with a breakdown row and a
    # footnote), capital, and the share.
    Figure = apps.get_model("reporting", "Figure")
    values = {"icf-revenue": 1840000, "icf-capital": 310000, "icf-share": Decimal("17.5")}
    for definition in template.figures.all():
        value = values.get(definition.code)
        figure = Figure.objects.create(
            report=report,
            definition=definition,
            state="value" if value is not None else "not_provided",
            value=value,
            base="of the region’s ICF" if definition.code == "icf-share" else "",
            qualifier="2024/25 only" if definition.code == "icf-revenue" else "",
        )
        if definition.code == "icf-revenue":
            apps.get_model("reporting", "FigureBreakdownRow").objects.create(
                figure=figure,
                local_authority=forum.areas.get(local_authority__name_en="Newport").local_authority,
                value=250000,
            )
    apps.get_model("reporting", "NationalAnalysis").objects.create(
        cycle=cycle, method_en="Content analysis.", revision=2
    )
    apps.get_model("reporting", "AnalysisDocument").objects.create(
        cycle=cycle, language="cy", fingerprint="f" * 64, status="ready"
    )


def test_a_database_of_the_previous_release_keeps_every_row():
    executor = MigrationExecutor(connection)
    previous = _targets(executor, PREVIOUS_RELEASE)
    executor.migrate(previous)
    executor.loader.build_graph()
    state = executor.loader.project_state([t for t in previous if t[1] is not None])
    assert "analysis" not in {app for app, _ in state.models}
    _write_rows_as_the_previous_release(state.apps)
    before = _row_counts()
    assert before["reporting_codedpassage_codes"] == 2

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert ("reporting", "0017_move_analysis_models_out") in [
        (m.app_label, m.name) for m, _ in plan
    ]
    executor.migrate(executor.loader.graph.leaf_nodes())

    after = _row_counts()
    # The only new rows: the record of the migrations applied.
    assert after.pop("django_migrations") == before.pop("django_migrations") + len(plan)
    # The fund's three figures became one in two parts (revenue, capital; grants gained
    # three): two fewer definitions and figures, a row per part and the revenue's
    # breakdown row kept under its part.
    figures = before.pop("reporting_figure")
    assert (after.pop("reporting_figuredefinition"), after.pop("reporting_figure")) == (
        before.pop("reporting_figuredefinition") - 2,
        figures - 2,
    )
    assert (
        after.pop("reporting_figurebreakdownrow") == before.pop("reporting_figurebreakdownrow") + 2
    )
    assert after.pop("reporting_figurepart") == 5
    # Tables made since (such as the history of records that gained it) start empty.
    assert {table: n for table, n in after.items() if table not in before and n} == {}
    assert {table: after[table] for table in before} == before
    from reporting.models import Figure

    icf = Figure.objects.get(definition__code="icf")
    assert (icf.state, icf.share, icf.base) == ("value", Decimal("17.5"), "of the region’s ICF")
    assert icf.qualifier == "Revenue: 2024/25 only"
    assert sorted(
        (r.part.code, r.local_authority.name_en if r.local_authority else "", r.value)
        for r in icf.breakdown.all()
    ) == [("capital", "", 310000), ("revenue", "", 1840000), ("revenue", "Newport", 250000)]
    from analysis.models import FigureTarget

    target = FigureTarget.objects.get()
    assert (target.definition.code, target.measure, target.each_part, target.each_area) == (
        "icf",
        "share",
        True,
        True,
    )
    from analysis.models import AnalysisDocument, Code, CodedPassage, Finding, NationalAnalysis

    passage = CodedPassage.objects.get()
    assert sorted(c.name_en for c in passage.codes.all()) == ["Co-production", "Impact"]
    assert Code.objects.get(name_en="Co-production").parent.name_en == "Impact"
    finding = Finding.objects.get()
    assert (finding.revision, list(finding.quotes.all())) == (1, [passage])
    assert NationalAnalysis.objects.get().method_en == "Content analysis."
    assert AnalysisDocument.objects.get().language == "cy"
    assert passage.report.forum.slug == "gwent"


def test_the_moved_models_keep_their_tables():
    from django.apps import apps

    tables = {m._meta.db_table for m in apps.get_app_config("analysis").get_models()}
    moved = {
        "reporting_code",
        "reporting_codedpassage",
        "reporting_finding",
        "reporting_figuretarget",
        "reporting_nationalanalysis",
        "reporting_analysisdocument",
    }
    assert moved <= tables
    # Models made since live under the app's own name.
    assert all(t.startswith("analysis_") for t in tables - moved), tables - moved
