import datetime

import pytest

from reporting import services
from reporting.models import CaseStudy, Entry, ReportingCycle, ReportTemplate, WorkProgrammeItem


@pytest.fixture
def cycle(db):
    return ReportingCycle.objects.create(
        name_en="Reports 2023–2026",
        name_cy="Adroddiadau 2023–2026",
        period_start=datetime.date(2023, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        due_on=datetime.date(2026, 6, 30),
        template=ReportTemplate.objects.earliest("pk"),
    )


@pytest.fixture
def report(forum_a, cycle, secretariat_a):
    return services.start_report(forum=forum_a, cycle=cycle, by=secretariat_a)


def answer_figures(report, by):
    """Values for most figures, one "not provided", one with a footnote and a breakdown;
    figures from records the forum does not keep in the service said to be not provided."""
    from decimal import Decimal

    from reporting.derived import derived_figures

    for figure in report.figures.entered():
        code = figure.definition.code
        if code == "svo-region":
            services.save_figure(figure=figure, state="not_provided", by=by)
        elif code == "icf":
            services.save_figure(
                figure=figure,
                state="value",
                value=Decimal("125000"),
                share=Decimal("23.5"),
                base="of the region’s £4.2m ICF",
                qualifier="2024/25 data only",
                by=by,
            )
        else:
            services.save_figure(
                figure=figure,
                state="value",
                value=Decimal("125000"),
                breakdown=[(None, "Aneurin Bevan UHB", Decimal("25000"))]
                if code == "grants-contracts"
                else [],
                by=by,
            )
    cycle = report.cycle
    records = derived_figures(report.forum, start=cycle.period_start, end=cycle.period_end)
    for figure in report.figures.derived():
        if records.values[figure.definition.source] is None and not figure.state:
            services.save_figure(figure=figure, state="not_provided", by=by)


def complete(report, by, *, no_information=(5,)):
    """Fills every domain: text, or 'no information' with a reason for those numbers, and
    a case study and a work programme item for the structured domains."""
    CaseStudy.objects.create(
        report=report,
        title="Dementia cafés",
        summary="Cafés opened.",
        what_was_valued="v",
        what_changed="c",
        community_gain="g",
        started_on=datetime.date(2024, 1, 1),
    )
    WorkProgrammeItem.objects.create(
        report=report, aim="Reach more carers", lead="Chair", timescale="2026–2028"
    )
    answer_figures(report, by)
    for entry in report.entries.in_order():
        if entry.domain.number in no_information:
            services.save_entry(
                entry=entry,
                revision=entry.revision,
                text="",
                status=Entry.Status.NO_INFORMATION,
                no_information_reason="No feedback was given.",
                by=by,
            )
        else:
            services.save_entry(
                entry=entry,
                revision=entry.revision,
                text=f"About {entry.domain.title_en}.",
                status=Entry.Status.COMPLETED,
                no_information_reason="",
                by=by,
            )
    report.refresh_from_db()
    return report


@pytest.fixture
def submitted_report(report, secretariat_a):
    complete(report, secretariat_a)
    return services.submit_report(report=report, by=secretariat_a)
