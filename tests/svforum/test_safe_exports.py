"""No download runs a formula: text that starts like one (= + - @, a tab or a carriage
return) is neutralised in CSV and written as typed text in XLSX, read back here with the
consumers' own tools (csv and openpyxl)."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from svforum import spreadsheets
from tests.factories import OrganisationFactory

ATTACKS = [
    '=HYPERLINK("http://evil.example","Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_cells(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def assert_no_formula(cells):
    formulas = [c.coordinate for c in cells if c.data_type == "f"]
    assert formulas == []


def test_the_writer_neutralises_csv_and_types_xlsx():
    dataset = tablib.Dataset(headers=["text", "number", "when"])
    for attack in ATTACKS:
        dataset.append([attack, Decimal("-12.5"), datetime.date(2026, 3, 31)])
    dataset.append(["-12.5", 42, None])

    rows = csv_rows(spreadsheets.export_bytes(dataset, "csv"))[1:]
    assert [r[0] for r in rows[:-1]] == [f"'{a}" for a in ATTACKS]
    assert rows[-1] == ["-12.5", "42", ""]  # a plain number is left as it is
    assert rows[0][1] == "-12.5"

    cells = xlsx_cells(spreadsheets.export_bytes(dataset, "xlsx"))
    assert_no_formula(cells)
    sheet = openpyxl.load_workbook(io.BytesIO(spreadsheets.export_bytes(dataset, "xlsx"))).active
    # (XML reads a carriage return back as a line feed.)
    written = [sheet.cell(row=i + 2, column=1).value for i in range(len(ATTACKS))]
    assert written == [a.replace("\r", "\n") for a in ATTACKS]
    assert sheet["A2"].quotePrefix  # editing the cell keeps it text
    assert sheet["B2"].value == -12.5 and sheet["B2"].data_type == "n"
    assert sheet["C2"].value == datetime.datetime(2026, 3, 31)


def test_a_neutralised_cell_imports_as_it_was_written():
    for attack in ATTACKS:
        assert spreadsheets.restore(spreadsheets.neutralise(attack)) == attack
    assert spreadsheets.restore("'plain") == "'plain"  # only what neutralise added


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_organisation_register_export_runs_no_formula(client_as, fmt):
    OrganisationFactory(name=ATTACKS[0])
    response = client_as("secretariat_a").get(reverse("organisations:export", args=[fmt]))
    if fmt == "csv":
        names = [row[0] for row in csv_rows(response.content)]
        assert f"'{ATTACKS[0]}" in names
    else:
        cells = xlsx_cells(response.content)
        assert_no_formula(cells)
        assert ATTACKS[0] in [c.value for c in cells]


@pytest.mark.parametrize(("fmt", "index"), [("csv", "0"), ("xlsx", "1")])
def test_the_admin_export_runs_no_formula(client_as, fmt, index):
    OrganisationFactory(name=ATTACKS[0])
    response = client_as("administrator").post(
        reverse("admin:forums_organisation_export"),
        {"format": index, "resource": "0", "organisationresource_name": "on"},
    )
    assert response.status_code == 200
    if fmt == "csv":
        assert [f"'{ATTACKS[0]}"] in csv_rows(response.content)
    else:
        cells = xlsx_cells(response.content)
        assert_no_formula(cells)
        assert ATTACKS[0] in [c.value for c in cells]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_footnote_in_the_quantitative_return_runs_no_formula(
    client_as, report, secretariat_a, fmt
):
    from reporting import services

    figure = report.figures.of_code("hsc-contracts")
    services.save_figure(
        figure=figure,
        state="value",
        value=Decimal("1000"),
        base="",
        qualifier=ATTACKS[3],
        override_reason="",
        breakdown=[],
        by=secretariat_a,
    )
    url = reverse("reporting:figures_export", args=[report.pk, fmt])
    content = client_as("secretariat_a").get(url).content
    if fmt == "csv":
        cells = [cell for row in csv_rows(content) for cell in row]
        assert f"'{ATTACKS[3]}" in cells and ATTACKS[3] not in cells
    else:
        cells = xlsx_cells(content)
        assert_no_formula(cells)
        assert ATTACKS[3] in [c.value for c in cells]


def test_a_codebook_with_a_formula_like_name_round_trips(client_as, cycle):
    from analysis.models import Code
    from reporting.models import ReportingCycle

    Code.objects.create(cycle=cycle, name_en="-Impact+1", name_cy="Effaith")
    content = client_as("analyst").get(reverse("analysis:codebook_export", args=[cycle.pk])).content
    assert csv_rows(content)[1][0] == "'-Impact+1"
    other = ReportingCycle.objects.create(
        name_en="Next",
        name_cy="Nesaf",
        period_start="2026-04-01",
        period_end="2029-03-31",
        due_on="2029-06-30",
        template=cycle.template,
    )
    client_as("analyst").post(
        reverse("analysis:codebook_import", args=[other.pk]),
        {"file": SimpleUploadedFile("codebook.csv", content)},
    )
    assert list(other.codes.values_list("name_en", flat=True)) == ["-Impact+1"]
