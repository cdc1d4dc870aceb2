"""A forum's meetings and projects from a spreadsheet: a forum that met 28 times fills
one file, not 28 forms, and the return's figures count what it imported."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from forums.models import Meeting, Project
from reporting.derived import derived_figures
from tests.factories import MeetingFactory, MembershipFactory, ProjectFactory
from tests.forums.test_import_queries import _queries
from tests.forums.test_imports import csv_file, upload, xlsx_file

MEETING_HEADER = [
    "kind",
    "held_on",
    "place",
    "online",
    "organisations_count",
    "people_count",
    "minutes",
]
PROJECT_HEADER = [
    "title",
    "origin",
    "status",
    "started_on",
    "ended_on",
    "funding_source",
    "description",
]
START, END = datetime.date(2016, 4, 1), datetime.date(2019, 3, 31)


def _confirm(client, url, response):
    assert response.status_code == 200, response.context["problems"]
    return client.post(url, {"step": "confirm", "token": response.context["token"]})


def _a_forum_that_met_28_times():
    """Steering group monthly for two years and four full forums, as a secretariat's own
    spreadsheet holds them: dates as dates, counts as numbers, some only counted."""
    rows = [MEETING_HEADER]
    for month in range(24):
        held = datetime.datetime(2016 + (month + 4) // 12, (month + 4) % 12 + 1, 12)
        rows.append(["steering_group", held, None, "yes", 6, 8, None])
    for year in range(4):
        rows.append(
            [
                "Full forum",
                datetime.datetime(2016 + year, 11, 20),
                "Newport Centre",
                "no",
                41,
                96,
                "",
            ]
        )
    return rows


def test_a_forum_that_met_28_times_imports_one_file_and_the_return_counts_them(
    client_as, forum_a, secretariat_a
):
    client = client_as("secretariat_a")
    url = reverse("forums:meeting_import", args=[forum_a.slug])
    response = upload(client, url, xlsx_file(_a_forum_that_met_28_times(), "meetings.xlsx"))
    page = response.content.decode()
    assert "Every row is valid" in page and "28 to add, 0 to change" in page
    assert not Meeting.objects.exists()  # the preview writes nothing

    response = _confirm(client, url, response)
    assert response.status_code == 302
    assert response["Location"] == reverse("forums:meeting_list", args=[forum_a.slug])
    meetings = Meeting.objects.filter(forum=forum_a)
    assert meetings.count() == 28
    full = meetings.filter(kind=Meeting.Kind.FULL_FORUM).order_by("held_on")
    assert [m.held_on for m in full][0] == datetime.date(2016, 11, 20)
    assert (full[0].organisations_count, full[0].people_count, full[0].place) == (
        41,
        96,
        "Newport Centre",
    )
    online = meetings.filter(kind=Meeting.Kind.STEERING_GROUP).first()
    assert online.online and online.revision == 1 and online.updated_by == secretariat_a
    assert online.history.count() == 1
    assert AuditEvent.objects.filter(action="import", object_type="forums.meeting").count() == 1

    derived = derived_figures(forum_a, start=START, end=END)
    in_period = meetings.filter(held_on__range=(START, END)).count()
    assert derived.values["meetings"] == in_period
    assert derived.details["meetings"]["by_kind"]["full_forum"] == 3

    listing = client.get(reverse("forums:meeting_list", args=[forum_a.slug])).content.decode()
    assert "Import meetings from a spreadsheet" in listing
    assert ">96<" in listing  # people present, as counted


def test_meeting_rows_with_problems_are_each_named_and_nothing_is_written(client_as, forum_a):
    client = client_as("secretariat_a")
    url = reverse("forums:meeting_import", args=[forum_a.slug])
    rows = [
        ",".join(MEETING_HEADER),
        "full_forum,2018-05-03,Cwmbran,no,30,70,",
        "annual dinner,2018-06-03,Cwmbran,no,,,",
        "workshop,31/02/2018,Cwmbran,no,,,",
        "workshop,2018-07-01,,no,,,",
        "workshop,2018-08-01,Pontypool,no,about 20,3.5,",
        "full_forum,03/05/2018,Cwmbran,no,,,",
        "steering_group,2018-09-01,,maybe,,,",
    ]
    response = upload(client, url, csv_file("\n".join(rows), "meetings.csv"))
    assert response.status_code == 400
    problems = dict(response.context["problems"])
    assert set(problems) == {3, 4, 5, 6, 7, 8}
    assert "annual dinner" in problems[3][0]
    assert "is not a date" in problems[4][0]
    assert "Enter where the meeting was held, or say it was online." in problems[5][0]
    assert problems[6] == [
        "organisations_count: Enter a whole number of 0 or more, like 24, or leave it empty.",
        "people_count: Enter a whole number of 0 or more, like 24, or leave it empty.",
    ]
    assert "on an earlier row of the file too" in problems[7][0]
    assert "Enter yes or no" in problems[8][0]
    assert not Meeting.objects.exists()


def test_exported_meetings_import_back_unchanged_and_a_changed_row_updates_its_meeting(
    client_as, forum_a
):
    listed = MeetingFactory(forum=forum_a, held_on=datetime.date(2018, 1, 9))
    listed.organisations_present.set(
        [MembershipFactory(forum=forum_a).organisation for _ in range(3)]
    )
    MeetingFactory(
        forum=forum_a,
        kind=Meeting.Kind.WORKSHOP,
        held_on=datetime.date(2018, 2, 9),
        online=True,
        place="",
        people_count=12,
        minutes="Agreed the = sign stays text",
    )
    client = client_as("secretariat_a")
    exported = client.get(reverse("forums:meeting_export", args=[forum_a.slug, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    rows = list(sheet.values)
    assert list(rows[0]) == MEETING_HEADER
    assert rows[1][:6] == (
        "full_forum",
        datetime.datetime(2018, 1, 9),
        "Community hall",
        "no",
        3,
        None,
    )
    assert rows[2][5] == 12 and sheet["F3"].data_type == "n"

    url = reverse("forums:meeting_import", args=[forum_a.slug])
    back = io.BytesIO(exported.content)
    response = upload(client, url, xlsx_file(rows, "meetings.xlsx"))
    assert response.context["totals"] == {"new": 0, "update": 0, "skip": 2}
    assert back  # (the file as downloaded, read back above)

    rows[2] = (*rows[2][:5], 14, rows[2][6])
    rows[1] = (*rows[1][:4], 2, *rows[1][5:])  # fewer than the three ticked
    response = upload(client, url, xlsx_file(rows, "meetings.xlsx"))
    assert dict(response.context["problems"]) == {
        2: [
            "organisations_count: The meeting has 3 organisations ticked as present; the "
            "number cannot be fewer."
        ]
    }
    rows[1] = (*rows[1][:4], 5, *rows[1][5:])
    response = upload(client, url, xlsx_file(rows, "meetings.xlsx"))
    assert response.context["totals"] == {"new": 0, "update": 2, "skip": 0}
    _confirm(client, url, response)
    listed.refresh_from_db()
    assert (listed.organisations_count, listed.revision) == (5, 1)
    assert Meeting.objects.get(kind=Meeting.Kind.WORKSHOP).people_count == 14


def test_projects_import_with_origin_and_dates_and_only_the_forums_own_are_counted(
    client_as, forum_a
):
    client = client_as("secretariat_a")
    url = reverse("forums:project_import", args=[forum_a.slug])
    rows = [",".join(PROJECT_HEADER), "Repair café,forum,,2017-03-01,,ICF,Monthly repair café"]
    rows.append("Food network,Sefydlwyd gan grŵp rhagflaenol,completed,2014-01-01,2016-12-31,,")
    for n in range(30):
        rows.append(f"Older project {n},pre_dates,active,01/04/201{n % 5},,Lottery,")
    response = upload(client, url, csv_file("\n".join(rows), "projects.csv"))
    assert response.context["totals"]["new"] == 32
    _confirm(client, url, response)
    assert Project.objects.filter(forum=forum_a).count() == 32
    food = Project.objects.get(title="Food network")
    assert (food.origin, food.status, food.ended_on) == (
        "precursor",
        "completed",
        datetime.date(2016, 12, 31),
    )
    assert Project.objects.get(title="Repair café").status == "active"  # the default

    derived = derived_figures(forum_a, start=START, end=END)
    assert derived.values["projects"] == 1
    assert len(derived.details["projects"]["not_counted"]) == 31

    # The export reads back as no change at all; a renamed title in another case matches.
    exported = client.get(reverse("forums:project_export", args=[forum_a.slug, "csv"]))
    text = exported.content.decode("utf-8-sig").replace("Repair café", "REPAIR CAFÉ")
    response = upload(client, url, csv_file(text, "projects.csv"))
    assert response.context["totals"] == {"new": 0, "update": 0, "skip": 32}


def test_project_rows_with_problems_are_each_named(client_as, forum_a):
    ProjectFactory(forum=forum_a, title="Twin", origin="forum")
    ProjectFactory(forum=forum_a, title="twin", origin="forum")
    client = client_as("secretariat_a")
    url = reverse("forums:project_import", args=[forum_a.slug])
    rows = [
        ",".join(PROJECT_HEADER),
        "Ends first,forum,,2018-05-01,2018-04-01,,",
        "No origin,,,,,,",
        "Odd origin,partner,,,,,",
        "Twin,forum,,,,,",
        ",forum,,,,,",
    ]
    response = upload(client, url, csv_file("\n".join(rows), "projects.csv"))
    problems = dict(response.context["problems"])
    assert problems[2] == ["ended_on: The end date must be on or after the start date."]
    assert problems[3] == ["origin: Enter where the project came from."]
    assert "‘partner’ is not one of" in problems[4][0]
    assert "more than one project with this title" in problems[5][0]
    assert problems[6][0].startswith("title: ")
    assert Project.objects.count() == 2


def test_the_imports_are_the_forums_own_and_readers_may_only_download(client_as, forum_a):
    ProjectFactory(forum=forum_a, title="Repair café")
    for kind in ("meeting", "project"):
        url = reverse(f"forums:{kind}_import", args=[forum_a.slug])
        assert client_as("secretariat_b").get(url).status_code == 404
        assert client_as("analyst").get(url).status_code == 403
        assert client_as("anonymous").get(url).status_code == 302
        assert client_as("secretariat_a").get(url).status_code == 200
        export = reverse(f"forums:{kind}_export", args=[forum_a.slug, "csv"])
        assert client_as("secretariat_b").get(export).status_code == 404
        assert client_as("analyst").get(export).status_code == 200
        template = reverse(f"forums:{kind}_template", args=[forum_a.slug, "xlsx"])
        assert client_as("secretariat_a").get(template).status_code == 200
    listing = client_as("analyst").get(reverse("forums:project_list", args=[forum_a.slug]))
    page = listing.content.decode()
    assert "Download as XLSX" in page and "Import projects from a spreadsheet" not in page


def test_the_import_pages_speak_welsh(client_as, forum_a):
    client = client_as("secretariat_a")
    page = client.get(f"/cy/forums/{forum_a.slug}/meetings/import/").content.decode()
    assert "Mewnforio cyfarfodydd" in page
    rows = [",".join(MEETING_HEADER), "cinio,2018-06-03,Cwmbrân,na,,,"]
    response = client.post(
        f"/cy/forums/{forum_a.slug}/meetings/import/",
        {"step": "upload", "file": csv_file("\n".join(rows), "cyfarfodydd.csv")},
    )
    assert "Nid yw ‘cinio’ yn un o" in response.content.decode()


@pytest.mark.parametrize("kind", ["meeting", "project"])
def test_the_imports_take_the_same_queries_for_40_rows_as_for_4(client_as, forum_a, kind):
    client = client_as("secretariat_a")
    url = reverse(f"forums:{kind}_import", args=[forum_a.slug])
    counts = []
    for start, n in ((0, 4), (100, 40)):
        if kind == "meeting":
            header = MEETING_HEADER
            lines = [
                f"workshop,{datetime.date(2017, 1, 1) + datetime.timedelta(days=i)},Hall,no,,5,"
                for i in range(start, start + n)
            ]
        else:
            header = PROJECT_HEADER
            lines = [f"P{i},forum,,,,," for i in range(start, start + n)]
        text = "\n".join([",".join(header), *lines])
        preview, checking = _queries(lambda t=text: upload(client, url, csv_file(t, "f.csv")))
        token = preview.context["token"]
        done, writing = _queries(lambda t=token: client.post(url, {"step": "confirm", "token": t}))
        assert done.status_code == 302
        counts.append((checking, writing))
    assert counts[0] == counts[1]
