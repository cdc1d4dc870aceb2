"""Benchmark: commissioning at scale, on a throwaway database (PostgreSQL via DATABASE_URL).

Builds 20,000 tenders (one lot each, three bids on every lot that reached a decision),
10,000 contracts with 100,000 social value commitments and 500,000 monitoring returns across
the demo's commissioning bodies — a quarter of everything in one body, Newport — then:

* requests each list and dashboard page of that body, and its region's dashboard, 15 times
  as its commissioner, printing the median time and the query count;
* streams the OCDS export of a body's whole register at two sizes, printing the time, the
  bytes written and the peak memory Python allocated while writing it.

Run with `make bench` (SQLite) or with DATABASE_URL set to a PostgreSQL server; see
docs/benchmarks.md.
"""

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "svforum.settings")
os.environ.setdefault("SECRET_KEY", "svforum-benchmark-key-0123456789abcdef0123456789")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp()

import django  # noqa: E402

django.setup()

RUNS = 15
SCALE = float(os.environ.get("BENCH_SCALE", "1"))  # 0.1 for a quick look
TENDERS = int(20_000 * SCALE)
CONTRACTS = TENDERS // 2
COMMITMENTS_PER_CONTRACT = 10
RETURNS_PER_COMMITMENT = 5
BATCH = 5000
WEIGHTS = [(60, 30, 10), (40, 40, 20), (40, 60, 0), (50, 30, 20), (70, 30, 0), (40, 30, 30)]


def build():
    from accounts.models import RoleAssignment, User
    from commissioning import demo, services
    from commissioning.models import (
        Award,
        Bid,
        CommissioningBody,
        Commitment,
        Contract,
        Lot,
        Measure,
        MonitoringReturn,
        Tender,
        monitoring_periods,
    )
    from forums.models import Organisation

    rng = random.Random(2026)
    today = datetime.date.today()
    demo.ensure_bodies()
    bodies = list(CommissioningBody.objects.order_by("pk"))
    newport = CommissioningBody.objects.get(slug="newport")
    others = [b for b in bodies if b != newport]
    user = User.objects.create_user("bench-commissioner@example.org", "bench-pass-1", name="B")
    RoleAssignment.objects.create(user=user, role="commissioner", commissioning_body=newport)
    framework = services.default_framework()
    measures = list(Measure.objects.filter(outcome__theme__framework=framework))
    suppliers = Organisation.objects.bulk_create(
        Organisation(
            name=f"Supplier {n}",
            legal_form="clg" if n % 3 else "cls",
            sector="third_sector" if n % 3 else "private",
            not_for_profit=bool(n % 3),
            social_value_organisation=n % 5 == 0,
            sme=n % 4 != 0,
            address=f"{n} High Street",
        )
        for n in range(2000)
    )
    tenders = Tender.objects.bulk_create(
        (
            Tender(
                body=newport if n % 4 == 0 else others[n % len(others)],
                reference=f"T-{n:06d}",
                title=f"Service {n}",
                category=["health_social_care", "construction", "other"][n % 3],
                estimated_value=Decimal(100_000 + (n % 97) * 25_000),
                procedure="open",
                stage=n % 7 + 1,
                published_on=today - datetime.timedelta(days=n % 900),
                well_being_goals=["prosperous", "healthier"],
            )
            for n in range(TENDERS)
        ),
        batch_size=BATCH,
    )
    lots = Lot.objects.bulk_create(
        (
            Lot(
                tender=t,
                number=1,
                title=t.title,
                price_weight=WEIGHTS[n % len(WEIGHTS)][0],
                quality_weight=WEIGHTS[n % len(WEIGHTS)][1],
                social_value_weight=WEIGHTS[n % len(WEIGHTS)][2],
            )
            for n, t in enumerate(tenders)
        ),
        batch_size=BATCH,
    )
    decided = lots[:CONTRACTS]
    bids = Bid.objects.bulk_create(
        (
            Bid(
                lot=lot,
                bidder=suppliers[(n * 3 + k) % len(suppliers)],
                price=Decimal(90_000 + k * 5_000 + n % 50),
                quality_score=Decimal(50 + k * 10),
                social_value_score=Decimal(80 - k * 20),
            )
            for n, lot in enumerate(decided)
            for k in range(3)
        ),
        batch_size=BATCH,
    )
    awards = Award.objects.bulk_create(
        (
            Award(
                lot=lot,
                bid=bids[n * 3],
                decided_on=today - datetime.timedelta(days=400),
                rationale="Highest weighted total.",
                price_weight=lot.price_weight,
                quality_weight=lot.quality_weight,
                social_value_weight=lot.social_value_weight,
                total_score=Decimal("80"),
            )
            for n, lot in enumerate(decided)
        ),
        batch_size=BATCH,
    )
    starts = today - datetime.timedelta(days=450)
    ends = starts + datetime.timedelta(days=3 * 365)
    contracts = Contract.objects.bulk_create(
        (
            Contract(
                body=lot.tender.body,
                award=award,
                reference=f"C-{n:06d}",
                title=lot.title,
                category=lot.tender.category,
                supplier=award.bid.bidder,
                value=award.bid.price,
                awarded_on=award.decided_on,
                starts_on=starts,
                ends_on=ends,
                framework=framework,
            )
            for n, (lot, award) in enumerate(zip(decided, awards, strict=True))
        ),
        batch_size=BATCH,
    )
    periods = monitoring_periods(starts, ends, 3)
    statuses = ["on_track", "on_track", "at_risk", "off_track"]
    commitments = Commitment.objects.bulk_create(
        (
            Commitment(
                contract=contract,
                measure=measures[(n + k) % len(measures)],
                category=["core", "added", "unpredicted"][k % 3],
                target=Decimal(100),
                starts_on=starts,
                ends_on=ends,
                proxy_value=measures[(n + k) % len(measures)].proxy_value,
                delivered=Decimal(30),
                assessed_to=periods[RETURNS_PER_COMMITMENT - 1][1],
                progress=statuses[(n + k) % len(statuses)],
                # One in eight has a return missing, and is overdue.
                next_return_due=periods[RETURNS_PER_COMMITMENT - (1 if (n + k) % 8 == 0 else 0)][1]
                + datetime.timedelta(days=30),
            )
            for n, contract in enumerate(contracts)
            for k in range(COMMITMENTS_PER_CONTRACT)
        ),
        batch_size=BATCH,
    )
    for start in range(0, len(commitments), BATCH // RETURNS_PER_COMMITMENT):
        MonitoringReturn.objects.bulk_create(
            MonitoringReturn(
                commitment=commitment,
                period_start=periods[p][0],
                period_end=periods[p][1],
                quantity=Decimal(6),
                narrative="Delivered as planned.",
            )
            for commitment in commitments[start : start + BATCH // RETURNS_PER_COMMITMENT]
            for p in range(RETURNS_PER_COMMITMENT)
        )
    del rng
    return newport, user, contracts, commitments


def measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (templates, charts)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


def stream(body):
    """(seconds, bytes, peak MiB) of writing the body's OCDS register."""
    from commissioning import ocds

    tracemalloc.start()
    start = time.perf_counter()
    size = 0
    for piece in ocds.stream_register(body, uri="https://example.org/ocds.json"):
        size += len(piece.encode("utf-8"))
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, size, peak / 1024 / 1024


def main():
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import get_runner, setup_test_environment

    from commissioning.models import CommissioningBody, Commitment, MonitoringReturn, Tender

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    from tests.bench.machine import describe

    describe()
    old = runner.setup_databases()
    try:
        started = time.perf_counter()
        body, user, contracts, commitments = build()
        print(
            f"built {Tender.objects.count():,} tenders, {len(contracts):,} contracts, "
            f"{Commitment.objects.count():,} commitments and "
            f"{MonitoringReturn.objects.count():,} returns in "
            f"{time.perf_counter() - started:.0f} s; {body.name_en} holds "
            f"{body.tenders.count():,} tenders and {body.contracts.count():,} contracts"
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client()
        client.force_login(user)
        contract = body.contracts.order_by("pk").first()
        commitment = contract.commitments.order_by("pk").first()
        tender = body.tenders.order_by("pk").first()
        lot = tender.lots.get()
        body.publish_contracts = True
        body.save()
        print(f"{connection.vendor}: median of {RUNS} runs")
        print(f"{'page':64} {'ms':>8} {'queries':>8}")
        slug = body.slug
        for url in [
            f"/en/commissioning/{slug}/",
            f"/en/commissioning/{slug}/?stage=4",
            f"/en/commissioning/{slug}/?page=50",
            f"/en/commissioning/{slug}/contracts/",
            f"/en/commissioning/{slug}/contracts/?show=overdue",
            f"/en/commissioning/{slug}/dashboard/",
            f"/en/commissioning/regions/{body.region.slug}/",
            f"/en/commissioning/{slug}/tenders/{tender.pk}/lots/{lot.pk}/",
            f"/en/commissioning/{slug}/contracts/{contract.pk}/",
            f"/en/commissioning/{slug}/contracts/{contract.pk}/commitments/{commitment.pk}/",
            f"/en/commissioning/public/{slug}/",
        ]:
            ms, queries = measure(client, url)
            print(f"{url:64} {ms:8.1f} {queries:8d}")
        half = CommissioningBody.objects.exclude(pk=body.pk).order_by("pk").first()
        for each in (half, body):
            seconds, size, peak = stream(each)
            print(
                f"OCDS register of {each.name_en} ({each.tenders.count():,} tenders): "
                f"{size / 1024 / 1024:.1f} MiB written in {seconds:.1f} s, "
                f"peak Python memory {peak:.1f} MiB"
            )
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
