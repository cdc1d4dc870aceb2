"""Benchmark: the analysts' pages with seven realistic reports and 2,000 coded passages.

Builds, in a throwaway test database, one submitted report per forum (every narrative
section about 600 words), the default codebook, 2,000 passages coded by two analysts, a
finding with quotes for every theme and forum, and a target. Prints the median time and
query count of the code × forum matrix, the comparison of figures and the findings table,
then the time to build the national analysis PDF (and its pages), and the time to serve it
again from storage. Run with `make bench`; see docs/benchmarks.md.
"""

import os
import random
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
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp()

import django  # noqa: E402

django.setup()

RUNS = 15
PASSAGES = int(os.environ.get("BENCH_PASSAGES", 2000))
SENTENCES = [
    "The forum brought together third-sector organisations and citizens who use care.",
    "Members co-produced the carers’ strategy with the Regional Partnership Board.",
    "The steering group met every quarter to review progress against the principles.",
    "Prevention work kept older people at home and out of hospital.",
    "Social enterprises delivered more of the region’s domiciliary care.",
    "The board asked the forum to advise on its commissioning plans.",
    "Citizens’ voice was heard through a panel that reported to every meeting.",
    "Long-term planning was hampered by one-year funding.",
]


def narrative(rng, words=600):
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(5))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def build():
    import datetime
    from decimal import Decimal

    from accounts.models import RoleAssignment, User
    from analysis import coding
    from analysis.models import FigureTarget
    from forums.models import Forum
    from reporting import services
    from reporting.models import CaseStudy, Entry, ReportingCycle, ReportTemplate, WorkProgrammeItem

    rng = random.Random(2026)
    analysts = []
    for n in (1, 2):
        user = User.objects.create_user(f"analyst{n}@example.org", "bench-password-1", name=f"A{n}")
        RoleAssignment.objects.create(user=user, role="analyst")
        analysts.append(user)
    cycle = ReportingCycle.objects.create(
        name_en="Reports 2023–2026",
        name_cy="Adroddiadau 2023–2026",
        period_start=datetime.date(2023, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        due_on=datetime.date(2026, 6, 30),
        template=ReportTemplate.objects.earliest("pk"),
    )
    for forum in Forum.objects.all():
        secretariat = User.objects.create_user(
            f"sec-{forum.slug}@example.org", "bench-password-1", name=forum.slug
        )
        RoleAssignment.objects.create(user=secretariat, role="secretariat", forum=forum)
        report = services.start_report(forum=forum, cycle=cycle, by=secretariat)
        CaseStudy.objects.create(
            report=report,
            title="Community connectors",
            summary="Connectors link people to local groups.",
            what_was_valued="v",
            what_changed="c",
            community_gain="g",
            started_on=datetime.date(2024, 1, 1),
        )
        WorkProgrammeItem.objects.create(report=report, aim="Reach more carers", lead="Chair")
        for figure in report.figures.entered():
            services.save_figure(
                figure=figure,
                state="not_provided" if rng.random() < 0.15 else "value",
                value=Decimal(rng.randint(1, 900) * 1000),
                share=Decimal(str(rng.choice([12, 17.5, 22, 31])))
                if figure.definition.asks_share
                else None,
                base="of the region’s ICF",
                qualifier="2024/25 only" if rng.random() < 0.2 else "",
                override_reason="",
                breakdown=[],
                by=secretariat,
            )
        for entry in report.entries.in_order():
            services.save_entry(
                entry=entry,
                revision=entry.revision,
                text=narrative(rng) if entry.domain.kind == "narrative" else "Introduction.",
                status=Entry.Status.COMPLETED,
                no_information_reason="",
                by=secretariat,
            )
        services.submit_report(report=report, by=secretariat)
    codes = coding.create_default_codebook(cycle=cycle, by=analysts[0])
    entries = list(Entry.objects.filter(report__cycle=cycle, domain__kind="narrative"))
    spans = {e.pk: [s for p in coding.paragraphs(e.text) for s in p[2]] for e in entries}
    for n in range(PASSAGES):
        entry = rng.choice(entries)
        start, end = rng.choice(spans[entry.pk])
        coding.code_passage(
            report=entry.report,
            entry=entry,
            start=start,
            end=end,
            codes=rng.sample(codes, rng.choice([1, 1, 2])),
            memo="",
            by=analysts[n % 2],
        )
    for code in codes:
        passages = list(code.passages.select_related("report__forum")[:50])
        for forum in [None, *Forum.objects.all()]:
            quotes = [p for p in passages if forum is None or p.report.forum == forum][:3]
            coding.save_finding(
                code=code,
                forum=forum,
                revision=0,
                text_en=" ".join(rng.choice(SENTENCES) for _ in range(6)),
                text_cy=" ".join(rng.choice(SENTENCES) for _ in range(6)),
                quotes=quotes,
                by=analysts[0],
            )
    FigureTarget.objects.create(
        cycle=cycle,
        definition=cycle.template.figures.get(code="icf"),
        measure="share",
        each_part=True,
        each_area=True,
        value=20,
    )
    return cycle, analysts[0]


def measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (templates, charts)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


def main():
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import get_runner, setup_test_environment

    from analysis import national
    from analysis.models import AnalysisDocument

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    from tests.bench.machine import describe

    describe()
    old = runner.setup_databases()
    try:
        started = time.perf_counter()
        cycle, analyst = build()
        print(f"built 7 reports and {PASSAGES} passages in {time.perf_counter() - started:.0f} s")
        client = Client()
        client.force_login(analyst)
        print(f"{connection.vendor}: median of {RUNS} runs")
        print(f"{'page':60} {'ms':>8} {'queries':>8}")
        for url in [
            f"/en/reports/review/cycles/{cycle.pk}/matrix/",
            f"/en/reports/review/cycles/{cycle.pk}/figures/",
            f"/en/reports/review/cycles/{cycle.pk}/findings/",
            f"/en/reports/review/cycles/{cycle.pk}/dashboard/",
        ]:
            ms, queries = measure(client, url)
            print(f"{url:60} {ms:8.1f} {queries:8d}")
        for language in ("en", "cy"):
            start = time.perf_counter()
            doc = national.request_pdf(cycle=cycle, language=language, by=analyst)
            built = time.perf_counter() - start  # the immediate backend builds it here
            doc = AnalysisDocument.objects.get(pk=doc.pk)
            start = time.perf_counter()
            again = national.request_pdf(cycle=cycle, language=language, by=analyst)
            with again.file.open("rb") as handle:
                handle.read()
            cached = time.perf_counter() - start
            print(
                f"national analysis PDF ({language}): {doc.pages} pages, built in {built:.1f} s "
                f"({doc.status}); served again in {cached * 1000:.0f} ms from storage"
            )
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
