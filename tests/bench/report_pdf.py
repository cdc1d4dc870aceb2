"""Benchmark: a full report as a PDF (WeasyPrint), on a throwaway database.

Builds a report with all nine domains of realistic length, five case studies, every figure
and a work programme, renders it in English and in Welsh five times each, and prints the
median render time and the page count; then shows that a submitted version's second
download comes from storage. Run with `make bench`; see docs/benchmarks.md.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "svforum.settings")
os.environ.setdefault("SECRET_KEY", "svforum-benchmark-key-0123456789abcdef0123456789")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp()

import django  # noqa: E402

django.setup()

RUNS = 5
PARAGRAPH = (
    "The forum brought together third-sector organisations, social enterprises, "
    "co-operatives and citizens who use care and support to shape the region’s "
    "commissioning plans. Members co-produced the carers’ strategy with the Regional "
    "Partnership Board, and the steering group met every quarter to review progress "
    "against the key principles of the Act: well-being, voice and control, prevention "
    "and early intervention, co-production and multi-agency working. "
)


def build(slug, repeats):
    """A report of ``slug``'s forum whose every domain holds ``repeats`` blocks of three
    paragraphs and a list (about 170 words a block)."""
    import datetime
    from decimal import Decimal

    from accounts.models import RoleAssignment, User
    from forums.models import (
        Forum,
        ForumMembership,
        LocalAuthority,
        Meeting,
        Organisation,
        Project,
    )
    from reporting import services
    from reporting.models import CaseStudy, Entry, ReportingCycle, ReportTemplate, WorkProgrammeItem

    user = User.objects.create_user(f"bench-{slug}@example.org", "bench-password-1", name="Bench")
    forum = Forum.objects.get(slug=slug)
    RoleAssignment.objects.create(user=user, role="secretariat", forum=forum)
    cycle, _ = ReportingCycle.objects.get_or_create(
        name_en="Reports 2023–2026",
        defaults={
            "name_cy": "Adroddiadau 2023–2026",
            "period_start": datetime.date(2023, 4, 1),
            "period_end": datetime.date(2026, 3, 31),
            "due_on": datetime.date(2026, 6, 30),
            "template": ReportTemplate.objects.earliest("pk"),
        },
    )
    report = services.start_report(forum=forum, cycle=cycle, by=user)
    for n in range(5):
        CaseStudy.objects.create(
            report=report,
            title=f"Case study {n + 1}",
            summary=PARAGRAPH * 2,
            what_was_valued=PARAGRAPH,
            what_changed=PARAGRAPH,
            community_gain=PARAGRAPH,
            who_was_involved="Three member organisations",
            started_on=datetime.date(2024, 1, 1),
            principles=["co_production", "well_being"],
        )
    for _ in range(8):
        WorkProgrammeItem.objects.create(
            report=report,
            aim=PARAGRAPH[:200],
            lead="Chair",
            timescale="2026–2028",
            principles=["prevention"],
        )
    # Records behind the derived figures, drawn as charts: members of every sector and
    # section 16 category, meetings of every kind, projects of every origin.
    sectors, categories = Organisation.Sector.values, Organisation.Section16Category.values
    for n in range(200):
        organisation = Organisation.objects.create(
            name=f"Member {slug} {n}",
            legal_form=Organisation.LegalForm.CIO,
            sector=sectors[n % len(sectors)],
            section_16_category=categories[n % len(categories)],
            not_for_profit=True,
        )
        ForumMembership.objects.create(
            forum=forum, organisation=organisation, joined_on=datetime.date(2020, 1, 1)
        )
    kinds = Meeting.Kind.values
    for n in range(40):
        Meeting.objects.create(
            forum=forum,
            kind=kinds[n % len(kinds)],
            held_on=datetime.date(2023, 5, 1) + datetime.timedelta(days=25 * n),
            place="Community hall",
        )
    origins = Project.Origin.values
    for n in range(12):
        Project.objects.create(
            forum=forum,
            title=f"Project {n}",
            origin=origins[n % len(origins)],
            started_on=datetime.date(2010 + n, 1, 1),
        )
    areas = list(LocalAuthority.objects.filter(forum_areas__forum=forum).distinct())
    for figure in report.figures.entered():
        services.save_figure(
            figure=figure,
            state="value",
            value=Decimal("1250000"),
            share=Decimal("17.5") if figure.definition.asks_share else None,
            base="of the region’s ICF",
            qualifier="2024/25",
            override_reason="",
            breakdown=[(la, "", Decimal(100000 + 25000 * i)) for i, la in enumerate(areas)]
            if figure.definition.breakdown
            else [],
            by=user,
        )
    text = "\n\n".join([PARAGRAPH * 3, "- First point\n- Second point\n- Third point"] * repeats)
    for entry in report.entries.in_order():
        services.save_entry(
            entry=entry,
            revision=entry.revision,
            text=text,
            status=Entry.Status.COMPLETED,
            no_information_reason="",
            by=user,
        )
    return report


def main():
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment
    from pypdf import PdfReader

    from reporting import pdf
    from reporting.selectors import report_contents

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    from tests.bench.machine import describe

    describe()
    old = runner.setup_databases()
    try:
        typical = build("gwent", repeats=2)
        long = build("west-wales", repeats=6)
        for name, report in (("typical", typical), ("long", long)):
            for language in ("en", "cy"):
                timings, content = [], b""
                for _ in range(RUNS):
                    start = time.perf_counter()
                    content = pdf.render_report(
                        report, language=language, context=report_contents(report)
                    )
                    timings.append(time.perf_counter() - start)
                pages = len(PdfReader(io.BytesIO(content)).pages)
                print(
                    f"{name} report PDF ({language}): {pages} pages, "
                    f"{len(content) // 1024} KiB, median {statistics.median(timings):.2f} s "
                    f"over {RUNS} renders (min {min(timings):.2f} s, max {max(timings):.2f} s)"
                )
        report = typical
        from reporting import services

        report = services.submit_report(
            report=report, by=report.submitted_by or report.forum.role_assignments.first().user
        )
        first = time.perf_counter()
        pdf.report_pdf(report, language="en", context=report_contents(report))
        first = time.perf_counter() - first
        again = time.perf_counter()
        pdf.report_pdf(report, language="en", context=report_contents(report))
        again = time.perf_counter() - again
        print(
            f"submitted version: first download {first:.2f} s, second {again * 1000:.0f} ms "
            f"(served from storage)"
        )
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
