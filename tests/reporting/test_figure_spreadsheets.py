"""The quantitative return as a spreadsheet: export, template and all-or-nothing import."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting.models import Figure
from reporting.spreadsheets import COLUMNS
from tests.conftest import PERSONAS

HEADER = ",".join(COLUMNS)


def csv_upload(rows):
    return SimpleUploadedFile("figures.csv", "\n".join([HEADER, *rows]).encode())


def test_the_template_lists_every_figure_of_the_report(client_as, report):
    response = client_as("secretariat_a").get(
        reverse("reporting:figures_template", args=[report.pk, "xlsx"])
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert list(rows[0]) == COLUMNS
    assert [r[0] for r in rows[1:]] == list(
        report.figures.values_list("definition__code", flat=True)
    )


def test_a_filled_file_is_previewed_then_imported_whole(client_as, report):
    client = client_as("secretariat_a")
    url = reverse("reporting:figures_import", args=[report.pk])
    rows = [
        'icf-revenue,ICF revenue,value,"£1,840,000",,2024/25 only,',
        "icf-share,ICF share,,17.5,of the region’s ICF,,",
        "svo-region,SVOs,not provided,,,,",
        "meetings,Meetings,,,,,",
    ]
    response = client.post(url, {"step": "upload", "file": csv_upload(rows)})
    assert response.status_code == 200, response.context["problems"]
    assert not Figure.objects.filter(report=report).exclude(state="").exists()
    response = client.post(url, {"step": "confirm", "token": response.context["token"]})
    assert response.status_code == 302
    figures = {
        f.definition.code: f
        for f in Figure.objects.filter(report=report).select_related("definition")
    }
    assert (figures["icf-revenue"].value, figures["icf-revenue"].qualifier) == (
        1840000,
        "2024/25 only",
    )
    assert figures["icf-share"].state == "value" and figures["icf-share"].base
    assert figures["svo-region"].state == "not_provided"
    assert figures["meetings"].state == ""  # the records' figure is used


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("icf-revenue,,value,lots,,,", "Enter a number, like 1250 or 1250.50."),
        ("icf-revenue,,value,-5,,,", "A figure cannot be negative."),
        ("icf-share,,value,23,,,", "Say what the percentage is of."),
        ("icf-revenue,,maybe,5,,,", "Answer ‘value’ or ‘not provided’"),
        ("nonsense,,value,5,,,", "is not a figure of this report"),
        ("meetings,,value,20,,,", "Say why the figure from the records is not used."),
    ],
)
def test_bad_rows_are_listed_and_nothing_is_written(client_as, report, row, message):
    rows = ["icf-capital,,value,100,,,", row]
    response = client_as("secretariat_a").post(
        reverse("reporting:figures_import", args=[report.pk]),
        {"step": "upload", "file": csv_upload(rows)},
    )
    assert response.status_code == 400
    problems = dict(response.context["problems"])
    assert list(problems) == [3]
    assert message in " ".join(problems[3])
    assert not Figure.objects.filter(report=report).exclude(state="").exists()


def _state(report):
    return {
        f.definition.code: (
            f.state,
            f.value,
            f.qualifier,
            sorted((r.local_authority_id or 0, r.funder, r.value) for r in f.breakdown.all()),
        )
        for f in report.figures.in_order().prefetch_related("breakdown")
    }


def test_exported_figures_import_back_unchanged(client_as, report, secretariat_a):
    from tests.reporting.conftest import answer_figures

    answer_figures(report, secretariat_a)
    before = _state(report)
    client = client_as("secretariat_a")
    exported = client.get(reverse("reporting:figures_export", args=[report.pk, "csv"]))
    text = exported.content.decode("utf-8-sig")
    assert "grants-contracts," in text and ",Aneurin Bevan UHB" in text  # its breakdown row
    url = reverse("reporting:figures_import", args=[report.pk])
    response = client.post(
        url, {"step": "upload", "file": SimpleUploadedFile("figures.csv", text.encode())}
    )
    assert response.status_code == 200, response.context["problems"]
    client.post(url, {"step": "confirm", "token": response.context["token"]})
    assert _state(report) == before


def _import(client, report, rows):
    url = reverse("reporting:figures_import", args=[report.pk])
    response = client.post(url, {"step": "upload", "file": csv_upload(rows)})
    if response.status_code != 200:
        return response
    return client.post(url, {"step": "confirm", "token": response.context["token"]})


def test_breakdown_rows_replace_the_figures_breakdown(client_as, report):
    client = client_as("secretariat_a")
    response = _import(
        client,
        report,
        [
            "grants-contracts,Grants,value,60000,,,,,",
            "grants-contracts,,,25000,,,,Caerffili,",  # by its Welsh name
            "grants-contracts,,,20000,,,,W06000021,Lottery",  # by ONS code, with a funder
            "grants-contracts,,,15000,,,,,Aneurin Bevan UHB",
        ],
    )
    assert response.status_code == 302
    figure = Figure.objects.get(report=report, definition__code="grants-contracts")
    rows = [
        (r.local_authority and r.local_authority.name_en, r.funder, r.value)
        for r in figure.breakdown.order_by("value")
    ]
    assert rows == [
        (None, "Aneurin Bevan UHB", 15000),
        ("Monmouthshire", "Lottery", 20000),
        ("Caerphilly", "", 25000),
    ]
    # Answering again without breakdown rows clears the breakdown (the file says it all) ...
    _import(client, report, ["grants-contracts,,value,60000,,,,,"])
    assert not figure.breakdown.exists()


def test_a_file_without_the_breakdown_columns_keeps_breakdowns(client_as, report):
    client = client_as("secretariat_a")
    _import(
        client,
        report,
        ["grants-contracts,,value,60000,,,,,", "grants-contracts,,,5000,,,,Newport,"],
    )
    url = reverse("reporting:figures_import", args=[report.pk])
    old_format = "code,figure,answer,value,base,footnote,override_reason\n"
    old_format += "grants-contracts,,value,70000,,,\n"
    response = client.post(
        url, {"step": "upload", "file": SimpleUploadedFile("f.csv", old_format.encode())}
    )
    client.post(url, {"step": "confirm", "token": response.context["token"]})
    figure = Figure.objects.get(report=report, definition__code="grants-contracts")
    assert figure.value == 70000
    assert [r.local_authority.name_en for r in figure.breakdown.all()] == ["Newport"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            ["grants-contracts,,,5000,,,,Cardiff,"],
            "‘Cardiff’ is not a local authority of this forum.",
        ),
        (
            ["icf-share,,value,5,of the ICF,,,", "icf-share,,,5,,,,Newport,"],
            "does not ask for a breakdown",
        ),
        (["grants-contracts,,,5000,,,,Newport,"], "on its own row as well as its breakdown"),
        (["grants-contracts,,value,9,,,,", "grants-contracts,,,-5,,,,Newport,"], "Amount:"),
        (["grants-contracts,,value,9,,,,", "grants-contracts,,,lots,,,,,Lottery"], "Amount:"),
    ],
)
def test_bad_breakdown_rows_are_listed_and_nothing_is_written(client_as, report, rows, message):
    response = _import(client_as("secretariat_a"), report, ["icf-capital,,value,100,,,,,", *rows])
    assert response.status_code == 400
    problems = " ".join(m for _, ms in response.context["problems"] for m in ms)
    assert message in problems
    assert not Figure.objects.filter(report=report).exclude(state="").exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_figure_spreadsheet_permission_matrix(client_as, report, persona):
    expected = {
        "secretariat_a": 200,
        "secretariat_b": 404,
        "analyst": 404,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    client = client_as(persona)
    assert (
        client.get(reverse("reporting:figures_import", args=[report.pk])).status_code
        == expected[persona]
    )
    assert (
        client.get(reverse("reporting:figures_export", args=[report.pk, "xlsx"])).status_code
        == expected[persona]
    )
