"""An import asks the database a fixed number of times for the whole file, not some for
every row: a file ten times as long takes the same queries to check and, but for its
batches of 500, to write (tests/bench/imports.py times the documented maximum)."""

import pytest
from django.db import connection
from django.urls import reverse

from forums.models import ForumMembership, Organisation
from tests.factories import OrganisationFactory
from tests.forums.test_imports import MEMBER_HEADER, ORG_HEADER, csv_file, upload


def _queries(call):
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        response = call()
    return response, count[0]


def _organisations(rows, start=0, charity=""):
    lines = [ORG_HEADER]
    for i in range(start, start + rows):
        lines.append(f"Org {i},cio,third_sector,third_sector,yes,no,,,Newport;Torfaen,,")
    return "\n".join(lines)


def _import(client, url, text, name):
    preview, checking = _queries(lambda: upload(client, url, csv_file(text, name)))
    assert preview.status_code == 200, preview.context["problems"]
    token = preview.context["token"]
    done, writing = _queries(lambda: client.post(url, {"step": "confirm", "token": token}))
    assert done.status_code == 302
    return checking, writing


@pytest.mark.parametrize("changed", [False, True])
def test_organisations_take_the_same_queries_for_40_rows_as_for_4(client_as, changed):
    client = client_as("secretariat_a")
    url = reverse("organisations:import")
    OrganisationFactory(
        name="Already registered", not_for_profit=False
    )  # (an empty register skips a query)
    counts = []
    for start, rows in ((0, 4), (100, 40)):
        if changed:  # the rows change organisations already registered
            for i in range(start, start + rows):
                OrganisationFactory(name=f"Org {i}", not_for_profit=False)
        counts.append(_import(client, url, _organisations(rows, start), "orgs.csv"))
    assert counts[0] == counts[1]
    assert Organisation.objects.filter(not_for_profit=True).count() == 44


def test_memberships_take_the_same_queries_for_40_rows_as_for_4(client_as, forum_a):
    client = client_as("secretariat_a")
    url = reverse("forums:membership_import", args=[forum_a.slug])
    counts = []
    for start, rows in ((0, 4), (100, 40)):
        for i in range(start, start + rows):
            OrganisationFactory(name=f"Member {i}")
        lines = [MEMBER_HEADER] + [f"Member {i},,2021-04-01," for i in range(start, start + rows)]
        counts.append(_import(client, url, "\n".join(lines), "members.csv"))
    assert counts[0] == counts[1]
    assert ForumMembership.objects.filter(forum=forum_a).count() == 44


def test_a_file_naming_an_organisation_twice_is_refused_on_the_second_row(client_as):
    text = "\n".join(
        [ORG_HEADER, "Afon,cio,third_sector,,no,no,,,,,", "AFON,cio,third_sector,,no,no,,,,,"]
    )
    response = upload(client_as("secretariat_a"), reverse("organisations:import"), csv_file(text))
    assert response.status_code == 400
    assert dict(response.context["problems"]) == {
        3: ["name: This name is on an earlier row of the file too."]
    }


def test_two_rows_of_the_file_cannot_overlap(client_as, forum_a):
    OrganisationFactory(name="Afon")
    text = "\n".join([MEMBER_HEADER, "Afon,,2020-01-01,", "Afon,,2022-01-01,"])
    response = upload(
        client_as("secretariat_a"),
        reverse("forums:membership_import", args=[forum_a.slug]),
        csv_file(text, "members.csv"),
    )
    assert dict(response.context["problems"]) == {
        3: ["This organisation already has a membership of the forum in that period."]
    }
    assert not ForumMembership.objects.exists()


def test_a_charity_number_held_by_another_organisation_is_refused(client_as):
    OrganisationFactory(name="Holder", charity_number="1190001")
    text = "\n".join([ORG_HEADER, "Newcomer,cio,third_sector,,no,no,1190001,,,,"])
    response = upload(client_as("secretariat_a"), reverse("organisations:import"), csv_file(text))
    problems = dict(response.context["problems"])
    assert problems == {
        2: ["charity_number: An organisation with this charity number is already registered."]
    }


def test_a_clash_saved_between_the_check_and_the_write_imports_nothing(client_as, monkeypatch):
    from forums.imports import OrganisationImport
    from svforum.imports import CLASHED_MESSAGE

    client = client_as("secretariat_a")
    url = reverse("organisations:import")
    preview = upload(client, url, csv_file(_organisations(3)))
    real_check = OrganisationImport.check

    def check_then_someone_saves(self, data):
        checked = real_check(self, data)
        Organisation.objects.create(
            name="Org 1", legal_form="cio", sector="third_sector", section_16_category="none"
        )
        return checked

    monkeypatch.setattr(OrganisationImport, "check", check_then_someone_saves)
    response = client.post(url, {"step": "confirm", "token": preview.context["token"]}, follow=True)
    assert str(CLASHED_MESSAGE) in response.content.decode().replace("&#x27;", "'")
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Org 1"]


@pytest.mark.parametrize(
    ("url", "text"),
    [
        # After 30 good rows: a NUL in the file's first kilobyte refuses it as not text.
        ("organisations:import", _organisations(30) + "\nCwm\x00Care,cio,third_sector,,no,no,,,,,"),
        ("forums:membership_import", MEMBER_HEADER + "\nAfon,mem\x01ber,2021-04-01,"),
    ],
)
def test_a_nul_in_a_cell_is_a_row_problem_in_the_users_language(client_as, url, text):
    OrganisationFactory(name="Afon")
    args = ["gwent"] if "membership" in url else []
    response = client_as("secretariat_a").post(
        reverse(url, args=args).replace("/en/", "/cy/"),
        {"step": "upload", "file": csv_file(text, "file.csv")},
    )
    assert response.status_code == 400
    ((number, messages),) = response.context["problems"]
    assert number == (32 if "organisations" in url else 2)
    assert "nodau rheoli" in messages[0]
    assert Organisation.objects.count() == 1 and not ForumMembership.objects.exists()
