"""Spreadsheet import: preview with row errors, then all or nothing."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEvent
from forums.models import ForumMembership, Organisation
from tests.factories import MembershipFactory, OrganisationFactory

ORG_HEADER = (
    "name,legal_form,sector,section_16_category,not_for_profit,"
    "social_value_organisation,charity_number,company_number,local_authorities,"
    "dewis_url,infoengine_url"
)


def csv_file(text, name="organisations.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="organisations.xlsx"):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, url, file):
    return client.post(url, {"step": "upload", "file": file})


GOOD_ROWS = [
    "Afon Carers Trust,cio,third_sector,third_sector,yes,yes,1190001,,Cardiff;Casnewydd,,",
    "Bro Homes CIC,Community interest company,Social enterprise,Menter gymdeithasol,ie,no,,"
    "sc123456,W06000015,https://www.dewis.wales/x,",
]


def test_a_good_csv_is_previewed_then_imported_whole(client_as, secretariat_a):
    client = client_as("secretariat_a")
    url = reverse("organisations:import")
    response = upload(client, url, csv_file("\n".join([ORG_HEADER, *GOOD_ROWS])))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Every row is valid" in page and "2 to add, 0 to change" in page
    assert not Organisation.objects.exists()  # the preview writes nothing

    token = response.context["token"]
    response = client.post(url, {"step": "confirm", "token": token})
    assert response.status_code == 302
    afon = Organisation.objects.get(name="Afon Carers Trust")
    assert {la.name_en for la in afon.local_authorities.all()} == {"Cardiff", "Newport"}
    bro = Organisation.objects.get(name="Bro Homes CIC")
    assert (bro.legal_form, bro.sector, bro.section_16_category, bro.company_number) == (
        "cic",
        "social_enterprise",
        "social_enterprise",
        "SC123456",
    )
    assert AuditEvent.objects.filter(action="import", actor=secretariat_a).count() == 1


def test_a_good_xlsx_updates_existing_organisations_by_name(client_as):
    OrganisationFactory(name="Afon Carers Trust", sector="private")
    client = client_as("administrator")
    url = reverse("organisations:import")
    rows = [ORG_HEADER.split(","), [c or None for c in GOOD_ROWS[0].split(",")]]
    response = upload(client, url, xlsx_file(rows))
    assert response.context["totals"]["update"] == 1
    client.post(url, {"step": "confirm", "token": response.context["token"]})
    assert Organisation.objects.get(name="Afon Carers Trust").sector == "third_sector"


def test_row_errors_are_listed_and_nothing_is_written(client_as):
    rows = [
        ORG_HEADER,
        GOOD_ROWS[0],
        "Bad One,cio,space_sector,none,maybe,no,12,,Atlantis,,",
        "Bad Two,,third_sector,none,no,no,,,,https://example.com/x,",
    ]
    response = upload(
        client_as("secretariat_a"), reverse("organisations:import"), csv_file("\n".join(rows))
    )
    assert response.status_code == 400
    problems = dict(response.context["problems"])
    assert set(problems) == {3, 4}
    row3 = " ".join(problems[3])
    assert "space_sector" in row3 and "maybe" in row3 and "Atlantis" in row3
    assert "legal_form" in " ".join(problems[4]) or "dewis" in " ".join(problems[4])
    assert not Organisation.objects.exists()


def test_row_errors_come_in_welsh(client_as):
    rows = [ORG_HEADER, "Bad,cio,third_sector,none,maybe,no,,,Atlantis,,"]
    response = client_as("secretariat_a").post(
        "/cy/organisations/import/", {"step": "upload", "file": csv_file("\n".join(rows))}
    )
    page = response.content.decode()
    assert "Awdurdod lleol anhysbys: Atlantis." in page
    assert "Rhowch ie neu na" in page


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (lambda: csv_file("name,legal_form\nA,cio"), "Missing columns: sector."),
        (
            lambda: csv_file(ORG_HEADER + ",colour\n" + GOOD_ROWS[0] + ",blue"),
            "Columns not in the template: colour.",
        ),
        (
            lambda: csv_file(
                ORG_HEADER + "\n" + "Caffi Côr,cio,third_sector,none,no,no,,,,,", encoding="cp1252"
            ),
            "The file is not in UTF-8",
        ),
        (lambda: csv_file(""), "The submitted file is empty."),
        (lambda: csv_file("\n\n"), "The file is empty."),
        (lambda: csv_file(ORG_HEADER + "\n"), "The file has no rows under its headings."),
        (
            lambda: SimpleUploadedFile("organisations.pdf", b"%PDF-1.4 fake"),
            "Upload a CSV or XLSX file.",
        ),
        (
            lambda: SimpleUploadedFile("organisations.xlsx", b"name,legal_form\n"),
            "The file is not a real XLSX spreadsheet.",
        ),
        (
            lambda: SimpleUploadedFile("organisations.csv", b"PK\x03\x04\x00\x00binary"),
            "The file is not a CSV text file.",
        ),
    ],
)
def test_bad_files_get_a_clear_message(client_as, file, message):
    response = upload(client_as("secretariat_a"), reverse("organisations:import"), file())
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


def test_confirm_without_a_preview_writes_nothing(client_as):
    response = client_as("secretariat_a").post(
        reverse("organisations:import"), {"step": "confirm", "token": "forged"}
    )
    assert response.status_code == 302
    assert not Organisation.objects.exists()


def test_a_change_between_preview_and_confirm_rolls_the_whole_file_back(client_as):
    client = client_as("secretariat_a")
    url = reverse("organisations:import")
    rows = [ORG_HEADER, GOOD_ROWS[0], "Cwm Link Ltd,cls,private,none,no,no,,01234567,,,"]
    response = upload(client, url, csv_file("\n".join(rows)))
    OrganisationFactory(name="Someone Else Ltd", company_number="01234567")
    response = client.post(url, {"step": "confirm", "token": response.context["token"]})
    assert response.status_code == 400
    assert not Organisation.objects.filter(name="Afon Carers Trust").exists()


MEMBER_HEADER = "organisation,role,joined_on,left_on"


def test_memberships_import_into_the_forum_of_the_page(client_as, forum_a, forum_b):
    OrganisationFactory(name="Afon Carers Trust")
    OrganisationFactory(name="Bro Homes CIC")
    client = client_as("secretariat_a")
    url = reverse("forums:membership_import", args=["gwent"])
    text = "\n".join(
        [
            MEMBER_HEADER,
            "afon carers trust,chair,2020-01-01,",
            "Bro Homes CIC,,01/04/2021,31/03/2023",
        ]
    )
    response = upload(client, url, csv_file(text, "members.csv"))
    assert response.status_code == 200, response.context["problems"]
    client.post(url, {"step": "confirm", "token": response.context["token"]})
    memberships = ForumMembership.objects.filter(forum=forum_a).order_by("joined_on")
    assert [(m.organisation.name, m.role) for m in memberships] == [
        ("Afon Carers Trust", "chair"),
        ("Bro Homes CIC", "member"),
    ]
    assert not ForumMembership.objects.filter(forum=forum_b).exists()


def test_membership_import_refuses_duplicates_unknown_organisations_and_bad_dates(
    client_as, forum_a
):
    existing = MembershipFactory(forum=forum_a, organisation=OrganisationFactory(name="Afon"))
    text = "\n".join(
        [
            MEMBER_HEADER,
            "Afon,member,2023-05-01,",  # overlaps the open membership
            "Nobody Known,member,2023-05-01,",  # not in the register
            "Afon,member,2023-13-45,",  # not a date
            "Afon,member,2019-01-01,2018-01-01",  # left before joined
        ]
    )
    response = upload(
        client_as("secretariat_a"),
        reverse("forums:membership_import", args=["gwent"]),
        csv_file(text, "members.csv"),
    )
    problems = dict(response.context["problems"])
    assert set(problems) == {2, 3, 4, 5}
    assert "not in the organisation register" in " ".join(problems[3])
    assert "is not a date" in " ".join(problems[4])
    assert "on or after the date joined" in " ".join(problems[5])
    assert list(ForumMembership.objects.all()) == [existing]


def test_exports_round_trip_through_import(client_as, forum_a):
    MembershipFactory(forum=forum_a, organisation=OrganisationFactory(name="Afon"))
    client = client_as("secretariat_a")
    exported = client.get(reverse("forums:membership_export", args=["gwent", "csv"]))
    assert exported["Content-Type"].startswith("text/csv")
    text = exported.content.decode("utf-8-sig")
    assert text.splitlines()[0] == MEMBER_HEADER
    response = upload(
        client, reverse("forums:membership_import", args=["gwent"]), csv_file(text, "members.csv")
    )
    assert response.status_code == 200
    assert response.context["totals"]["update"] + response.context["totals"]["skip"] == 1


def test_templates_download_as_xlsx_with_the_expected_headings(client_as):
    response = client_as("secretariat_a").get(reverse("organisations:template", args=["xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    # Files made before the SME and address columns existed still import (ORG_HEADER).
    assert [c.value for c in book.active[1]] == [
        "name",
        "legal_form",
        "sector",
        "section_16_category",
        "not_for_profit",
        "social_value_organisation",
        "sme",
        "charity_number",
        "company_number",
        "address",
        "local_authorities",
        "dewis_url",
        "infoengine_url",
    ]
    assert (
        client_as("secretariat_a").get(reverse("organisations:template", args=["pdf"])).status_code
        == 404
    )
