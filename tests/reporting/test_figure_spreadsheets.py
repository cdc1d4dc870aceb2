"""The quantitative return as a spreadsheet: export, template and all-or-nothing import —
numbers typed as numbers, qualifiers, parts, areas, periods and sources in their own
columns, and a round trip that gives back the same return."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting import services
from reporting.models import Figure
from reporting.quantities import Precision, Quantity
from reporting.spreadsheets import COLUMNS
from tests.conftest import PERSONAS
from tests.factories import MeetingFactory


def csv_upload(rows, columns=COLUMNS):
    """A CSV of rows given as {column: value} (columns left out are empty)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return SimpleUploadedFile("figures.csv", out.getvalue().encode())


def _import(client, report, rows, columns=COLUMNS):
    url = reverse("reporting:figures_import", args=[report.pk])
    response = client.post(url, {"step": "upload", "file": csv_upload(rows, columns)})
    if response.status_code != 200:
        return response
    return client.post(url, {"step": "confirm", "token": response.context["token"]})


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


def test_a_filled_file_is_previewed_then_imported_whole(client_as, report, forum_a):
    MeetingFactory(forum=forum_a, held_on=datetime.date(2024, 6, 1))
    client = client_as("secretariat_a")
    url = reverse("reporting:figures_import", args=[report.pk])
    rows = [
        {
            "code": "icf",
            "answer": "value",
            "value": "£1,840,000",
            "share": "17.5",
            "base": "of the region’s ICF",
            "footnote": "2024/25 only",
        },
        {"code": "svo-region", "answer": "not provided"},
        {"code": "svo-hsc", "value": "140+"},  # as people type it
        {"code": "hsc-contracts", "qualifier": "range", "value": "3000", "value_high": "5000"},
        {"code": "meetings", "source": "from records", "footnote": "Two sub-groups too"},
    ]
    rows.append({"code": "grants-contracts", "answer": "value", "value": "about 4000"})
    rows.append({"code": "grants-contracts", "part": "capital", "value": "3.6m"})
    response = client.post(url, {"step": "upload", "file": csv_upload(rows)})
    assert response.status_code == 200, response.context["problems"]
    assert not Figure.objects.filter(report=report).exclude(state="").exists()
    # Before anything is saved, the preview says what each number was understood as.
    preview = " ".join(response.content.decode().split())
    assert "Check what we understood" in preview
    for shown in (
        "<strong>£1,840,000 (17.5% of the region’s ICF)</strong>",
        "<strong>140+</strong>",
        "<strong>£3,000–£5,000</strong>",
        "<strong>Not provided</strong>",
        "<strong>about £4,000</strong>",
        "<li>Capital grants: £3,600,000</li>",
        "Footnote: 2024/25 only",
        "<strong>From the forum’s records</strong>",
    ):
        assert shown in preview, shown
    response = client.post(url, {"step": "confirm", "token": response.context["token"]})
    assert response.status_code == 302
    figures = {
        f.definition.code: f
        for f in Figure.objects.filter(report=report).select_related("definition")
    }
    icf = figures["icf"]
    assert (icf.value, icf.share, icf.qualifier) == (1840000, Decimal("17.5"), "2024/25 only")
    assert figures["svo-region"].state == "not_provided"
    assert figures["svo-hsc"].amount == Quantity(Precision.AT_LEAST, Decimal(140))
    assert figures["hsc-contracts"].amount == Quantity(
        Precision.RANGE, Decimal(3000), Decimal(5000)
    )
    # The records' figure is used, and its footnote is kept.
    assert (figures["meetings"].state, figures["meetings"].qualifier) == ("", "Two sub-groups too")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"code": "icf", "answer": "value", "value": "lots"}, "“lots” is not a number"),
        ({"code": "icf", "answer": "value", "value": "-5"}, "A figure cannot be negative."),
        ({"code": "icf", "answer": "value", "share": "23"}, "Say what the percentage is of."),
        ({"code": "icf", "answer": "maybe", "value": "5"}, "Answer ‘value’ or ‘not provided’"),
        ({"code": "nonsense", "answer": "value", "value": "5"}, "is not a figure of this report"),
        (
            {"code": "meetings", "answer": "value", "value": "20"},
            "Say why the figure from the records is not used.",
        ),
        (
            {"code": "meetings", "source": "from records", "value": "20"},
            "This figure is from the records (1).",
        ),
        ({"code": "svo-region", "value": "393.000"}, "Write 393,000"),
        ({"code": "svo-region", "qualifier": "roughly-ish", "value": "5"}, "is not a qualifier"),
        ({"code": "svo-region", "qualifier": "range", "value": "5"}, "A range needs its top"),
    ],
)
def test_bad_rows_are_listed_and_nothing_is_written(client_as, report, forum_a, row, message):
    MeetingFactory(forum=forum_a, held_on=datetime.date(2024, 6, 1))
    rows = [{"code": "hsc-contracts", "answer": "value", "value": "100"}, row]
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
    """Everything a return says, to compare before and after a round trip."""
    fields = ("value", "value_high", "precision", "share", "share_high", "share_precision")
    return {
        f.definition.code: (
            f.state,
            *(getattr(f, name) for name in fields),
            f.base,
            f.period,
            f.qualifier,
            f.override_reason,
            sorted(
                (
                    r.part.code if r.part else "",
                    r.local_authority_id or 0,
                    r.funder,
                    *(str(getattr(r, name)) for name in fields),
                    r.base,
                    r.period,
                    r.note,
                )
                for r in f.breakdown.all()
            ),
        )
        for f in report.figures.in_order().prefetch_related("breakdown__part")
    }


def _rich_return(report, forum_a, by):
    """A return with every kind of answer: parts with shares, an authority's share from an
    earlier year, a value not stated beside its share, "at least", a range, "about", a
    funder, an override with its reason, a records figure with a footnote."""
    MeetingFactory(forum=forum_a, held_on=datetime.date(2024, 6, 1))
    newport = forum_a.areas.get(local_authority__name_en="Newport").local_authority
    figures = {f.definition.code: f for f in report.figures.in_order()}
    parts = {p.code: p for p in figures["icf"].definition.parts.all()}
    services.save_figure(
        figure=figures["icf"],
        state="value",
        value=Quantity(Precision.NOT_STATED),
        share=Decimal("18.5"),
        base="of the region’s ICF",
        qualifier="Revenue and capital from the RPB",
        breakdown=[
            services.Given(
                part=parts["revenue"],
                amount=Quantity.exact("627500.50"),
                share=Quantity.exact("21"),
            ),
            services.Given(
                part=parts["capital"], amount=Quantity.exact("110000"), share=Quantity.exact("9.5")
            ),
            services.Given(
                local_authority=newport,
                share=Quantity.exact("22"),
                period="2017/18",
                note="ICF programme then",
            ),
        ],
        by=by,
    )
    grants = {p.code: p for p in figures["grants-contracts"].definition.parts.all()}
    services.save_figure(
        figure=figures["grants-contracts"],
        state="value",
        value=Decimal("900000"),
        breakdown=[
            services.Given(part=grants["revenue"], amount=Quantity.exact("500000")),
            services.Given(
                part=grants["small-grants"], amount=Quantity(Precision.ABOUT, Decimal("40000"))
            ),
            services.Given(funder="Aneurin Bevan UHB", amount=Quantity.exact("25000")),
        ],
        by=by,
    )
    services.save_figure(
        figure=figures["hsc-contracts"],
        state="value",
        value=Quantity(Precision.RANGE, Decimal("3000000"), Decimal("3500000")),
        period="2018/19",
        by=by,
    )
    services.save_figure(
        figure=figures["svo-hsc"],
        state="value",
        value=Quantity(Precision.AT_LEAST, Decimal(140)),
        by=by,
    )
    services.save_figure(figure=figures["svo-region"], state="not_provided", by=by)
    services.save_figure(
        figure=figures["meetings"],
        state="value",
        value=Decimal(28),
        override_reason="Sub-group meetings are not in the service",
        by=by,
    )
    services.save_figure(figure=figures["members"], state="", qualifier="Members at March", by=by)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_figures_import_back_unchanged(client_as, report, forum_a, secretariat_a, fmt):
    _rich_return(report, forum_a, secretariat_a)
    before = _state(report)
    client = client_as("secretariat_a")
    exported = client.get(reverse("reporting:figures_export", args=[report.pk, fmt]))
    url = reverse("reporting:figures_import", args=[report.pk])
    upload = SimpleUploadedFile(f"figures.{fmt}", exported.content)
    response = client.post(url, {"step": "upload", "file": upload})
    assert response.status_code == 200, response.context["problems"]
    client.post(url, {"step": "confirm", "token": response.context["token"]})
    assert _state(report) == before


def test_the_export_is_typed_for_computing(client_as, report, forum_a, secretariat_a):
    """Read back with openpyxl: numbers are numbers with money and percentage formats, and
    the qualifier, part, area, period, source and override reason have their own columns."""
    _rich_return(report, forum_a, secretariat_a)
    exported = client_as("secretariat_a").get(
        reverse("reporting:figures_export", args=[report.pk, "xlsx"])
    )
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]

    def find(**match):
        return next(r for r in rows if all(r[k].value == v for k, v in match.items()))

    icf = find(code="icf", part=None, local_authority=None)
    assert (icf["qualifier"].value, icf["value"].value) == ("not stated", None)
    assert icf["share"].value == 18.5 and "%" in icf["share"].number_format
    revenue = find(code="icf", part="revenue")
    assert revenue["value"].value == 627500.5 and revenue["value"].data_type == "n"
    assert "£" in revenue["value"].number_format
    assert revenue["share"].value == 21
    newport = find(code="icf", local_authority="Newport")
    assert (newport["share"].value, newport["period"].value) == (22, "2017/18")
    assert newport["footnote"].value == "ICF programme then"
    hsc = find(code="hsc-contracts")
    assert (hsc["qualifier"].value, hsc["value"].value, hsc["value_high"].value) == (
        "range",
        3000000,
        3500000,
    )
    assert find(code="svo-hsc")["qualifier"].value == "at least"
    assert find(code="svo-region")["answer"].value == "not provided"
    assert find(code="svo-region")["value"].value is None  # never 0
    meetings = find(code="meetings")
    assert (meetings["source"].value, meetings["value"].value) == ("overridden", 28)
    assert meetings["override_reason"].value == "Sub-group meetings are not in the service"
    members = find(code="members")
    assert members["source"].value == "no records in the service"
    assert members["footnote"].value == "Members at March"
    assert find(code="projects")["source"].value == "no records in the service"


def test_breakdown_rows_replace_the_figures_breakdown(client_as, report):
    client = client_as("secretariat_a")
    response = _import(
        client,
        report,
        [
            {"code": "grants-contracts", "answer": "value", "value": "60000"},
            {"code": "grants-contracts", "value": "25000", "local_authority": "Caerffili"},
            {
                "code": "grants-contracts",
                "value": "20000",
                "local_authority": "W06000021",  # by ONS code, with a funder
                "funder": "Lottery",
            },
            {"code": "grants-contracts", "value": "15000", "funder": "Aneurin Bevan UHB"},
            {"code": "grants-contracts", "value": "10000", "part": "Small grants"},
        ],
    )
    assert response.status_code == 302
    figure = Figure.objects.get(report=report, definition__code="grants-contracts")
    rows = [
        (r.part and r.part.code, r.local_authority and r.local_authority.name_en, r.funder, r.value)
        for r in figure.breakdown.order_by("value")
    ]
    assert rows == [
        ("small-grants", None, "", 10000),
        (None, None, "Aneurin Bevan UHB", 15000),
        (None, "Monmouthshire", "Lottery", 20000),
        (None, "Caerphilly", "", 25000),
    ]
    # Answering again without breakdown rows clears the breakdown (the file says it all) ...
    _import(client, report, [{"code": "grants-contracts", "answer": "value", "value": "60000"}])
    assert not figure.breakdown.exists()


def test_a_file_without_the_breakdown_columns_keeps_breakdowns(client_as, report):
    client = client_as("secretariat_a")
    _import(
        client,
        report,
        [
            {"code": "grants-contracts", "answer": "value", "value": "60000"},
            {"code": "grants-contracts", "value": "5000", "local_authority": "Newport"},
        ],
    )
    old_format = ["code", "figure", "answer", "value", "base", "footnote", "override_reason"]
    _import(
        client,
        report,
        [{"code": "grants-contracts", "answer": "value", "value": "70000"}],
        columns=old_format,
    )
    figure = Figure.objects.get(report=report, definition__code="grants-contracts")
    assert figure.value == 70000
    assert [r.local_authority.name_en for r in figure.breakdown.all()] == ["Newport"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [{"code": "grants-contracts", "value": "5000", "local_authority": "Cardiff"}],
            "‘Cardiff’ is not a local authority of this forum.",
        ),
        (
            [
                {"code": "hsc-nfp-share", "answer": "value", "value": "5", "base": "of all"},
                {"code": "hsc-nfp-share", "value": "5", "local_authority": "Newport"},
            ],
            "does not ask for a breakdown",
        ),
        (
            [{"code": "grants-contracts", "value": "5000", "local_authority": "Newport"}],
            "on its own row as well as its breakdown",
        ),
        (
            [
                {"code": "grants-contracts", "answer": "value", "value": "9"},
                {"code": "grants-contracts", "value": "-5", "local_authority": "Newport"},
            ],
            "Amount (£):",
        ),
        (
            [
                {"code": "grants-contracts", "answer": "value", "value": "9"},
                {"code": "grants-contracts", "value": "lots", "funder": "Lottery"},
            ],
            "Amount (£):",
        ),
        (
            [
                {"code": "icf", "answer": "value", "value": "9"},
                {"code": "icf", "value": "5", "part": "operating"},
            ],
            "‘operating’ is not a part of ‘icf’.",
        ),
    ],
)
def test_bad_breakdown_rows_are_listed_and_nothing_is_written(client_as, report, rows, message):
    first = {"code": "hsc-contracts", "answer": "value", "value": "100"}
    response = _import(client_as("secretariat_a"), report, [first, *rows])
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


def test_the_preview_of_what_was_understood_speaks_welsh(client_as, report):
    url = reverse("reporting:figures_import", args=[report.pk]).replace("/en/", "/cy/")
    rows = [{"code": "svo-region", "answer": "not provided"}, {"code": "svo-hsc", "value": "140+"}]
    response = client_as("secretariat_a").post(url, {"step": "upload", "file": csv_upload(rows)})
    page = " ".join(response.content.decode().split())
    assert "Gwiriwch yr hyn a ddeallwyd gennym" in page
    assert "<strong>Heb ei ddarparu</strong>" in page and "<strong>140+</strong>" in page
