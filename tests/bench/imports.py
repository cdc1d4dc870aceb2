"""Benchmark: importing the documented maximum (5,000 rows) of organisations and of a
forum's memberships, on a throwaway database.

For each file it prints the time and query count of the preview (upload and check) and of
the confirmation (check again and write), each also as a ratio to a bare page measured in
the same run, so figures from a busy machine still compare. Run with `make bench`
(DATABASE_URL is honoured). Figures, not pass/fail: see docs/benchmarks.md.
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

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ROWS = 5000
ORG_HEADER = "name,legal_form,sector,section_16_category,not_for_profit,local_authorities"
AREAS = ["Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen"]


def organisations_csv(start=0):
    lines = [ORG_HEADER]
    for i in range(start, start + ROWS):
        areas = ";".join(AREAS[: 1 + i % len(AREAS)])
        lines.append(f"Bench organisation {i},cio,third_sector,third_sector,yes,{areas}")
    return "\n".join(lines).encode()


def memberships_csv():
    lines = ["organisation,role,joined_on,left_on"]
    lines += [f"Bench organisation {i},member,2021-04-01," for i in range(ROWS)]
    return "\n".join(lines).encode()


def timed(call):
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        start = time.perf_counter()
        response = call()
        seconds = time.perf_counter() - start
    return response, seconds, count[0]


def bare_page(client):
    timings = [timed(lambda: client.get("/en/privacy/"))[1] for _ in range(15)]
    return statistics.median(timings)


def import_file(client, url, name, content, bare):
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    preview, seconds, queries = timed(lambda: client.post(url, {"step": "upload", "file": upload}))
    assert preview.status_code == 200, preview.context and preview.context.get("problems")
    print(f"  preview   {seconds:7.2f} s  {seconds / bare:9.0f} × bare  {queries:7d} queries")
    token = preview.context["token"]
    done, seconds, queries = timed(lambda: client.post(url, {"step": "confirm", "token": token}))
    assert done.status_code == 302, done.status_code
    print(f"  confirm   {seconds:7.2f} s  {seconds / bare:9.0f} × bare  {queries:7d} queries")


def main():
    from django.conf import settings
    from django.test.utils import get_runner

    from accounts.models import RoleAssignment, User
    from forums.models import Forum, ForumMembership, Organisation
    from tests.bench.machine import describe

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    describe()
    old = runner.setup_databases()
    try:
        forum = Forum.objects.get(slug="gwent")
        user = User.objects.create_user("bench@example.org", "bench-password-1", name="Bench")
        RoleAssignment.objects.create(user=user, role="secretariat", forum=forum)
        client = Client()
        client.force_login(user)
        bare = bare_page(client)
        print(f"{connection.vendor}: {ROWS} rows a file; bare page {bare * 1000:.1f} ms")
        print("organisations, all new:")
        import_file(client, "/en/organisations/import/", "orgs.csv", organisations_csv(), bare)
        assert Organisation.objects.count() == ROWS
        print("organisations, all changed (the same names, other areas):")
        changed = organisations_csv().replace(b",yes,", b",no,")
        import_file(client, "/en/organisations/import/", "orgs.csv", changed, bare)
        print("memberships of a forum, all new:")
        url = "/en/forums/gwent/memberships/import/"
        import_file(client, url, "members.csv", memberships_csv(), bare)
        assert ForumMembership.objects.filter(forum=forum).count() == ROWS
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
