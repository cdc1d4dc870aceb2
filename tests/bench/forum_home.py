"""Benchmark: forum home and list pages with a large forum, on a throwaway database.

Prints the median time and query count of each page for a forum with 2,000 memberships,
500 citizens and 1,500 meetings. Run with `make bench` (DATABASE_URL is honoured, with a
test database created beside it). Figures, not pass/fail: see docs/benchmarks.md.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "svforum.settings")
os.environ.setdefault("SECRET_KEY", "svforum-benchmark-key-0123456789abcdef0123456789")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_COOKIES", "false")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

MEMBERS, CITIZENS, MEETINGS, RUNS = 2000, 500, 1500, 15


def build():
    import datetime
    import random

    from accounts.models import RoleAssignment, User
    from forums.models import Citizen, Forum, ForumMembership, Meeting, Organisation

    rng = random.Random(1)
    forum = Forum.objects.get(slug="gwent")
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench organisation {i}",
            legal_form="cio",
            sector=rng.choice(["third_sector", "private", "public"]),
            section_16_category="third_sector",
        )
        for i in range(MEMBERS)
    )
    ForumMembership.objects.bulk_create(
        ForumMembership(forum=forum, organisation=o, joined_on=datetime.date(2020, 1, 1))
        for o in organisations
    )
    Citizen.objects.bulk_create(
        Citizen(forum=forum, name=f"P{i}", role="carer", joined_on=datetime.date(2021, 1, 1))
        for i in range(CITIZENS)
    )
    today = datetime.date.today()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            forum=forum,
            kind="full_forum",
            place="Hall",
            held_on=today - datetime.timedelta(days=i % 1000),
        )
        for i in range(MEETINGS)
    )
    through = Meeting.organisations_present.through
    through.objects.bulk_create(
        through(meeting=m, organisation=o) for m in meetings for o in rng.sample(organisations, 20)
    )
    user = User.objects.create_user("bench@example.org", "bench-password-1", name="Bench")
    RoleAssignment.objects.create(user=user, role="secretariat", forum=forum)
    return user


def measure(client, url):
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings) * 1000, len(queries)


def main():
    from django.conf import settings
    from django.test.utils import get_runner

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    from tests.bench.machine import describe

    describe()
    old = runner.setup_databases()
    try:
        user = build()
        client = Client()
        client.force_login(user)
        print(
            f"{connection.vendor}: {MEMBERS} members, {CITIZENS} citizens, "
            f"{MEETINGS} meetings; median of {RUNS} runs"
        )
        print(f"{'page':40} {'ms':>8} {'queries':>8}")
        for url in [
            "/en/forums/gwent/",
            "/en/forums/gwent/memberships/",
            "/en/forums/gwent/meetings/",
            "/en/forums/gwent/citizens/",
            "/en/organisations/",
            "/en/forums/",
        ]:
            ms, queries = measure(client, url)
            print(f"{url:40} {ms:8.1f} {queries:8d}")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
