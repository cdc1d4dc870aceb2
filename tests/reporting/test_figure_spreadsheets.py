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


def test_exported_figures_import_back_unchanged(client_as, report, secretariat_a):
    from tests.reporting.conftest import answer_figures

    answer_figures(report, secretariat_a)
    client = client_as("secretariat_a")
    exported = client.get(reverse("reporting:figures_export", args=[report.pk, "csv"]))
    text = exported.content.decode("utf-8-sig")
    response = client.post(
        reverse("reporting:figures_import", args=[report.pk]),
        {"step": "upload", "file": SimpleUploadedFile("figures.csv", text.encode())},
    )
    assert response.status_code == 200, response.context["problems"]


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
