"""Seven returns shaped like the real first-round ones, followed from the forums' pages to
everything an analyst reads: the comparison page, its CSV and XLSX, the national PDF and
the dashboard. What the forums gave reaches the analysts as it was given: qualified values
stay qualified, parts and authorities stay apart, "not provided" is never a 0, and nobody
is shown to reach the 20% ICF target, because nobody did."""

import csv
import datetime
import io
import os
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import RoleAssignment
from analysis import comparison
from analysis.models import AnalysisDocument, FigureTarget
from forums.models import Forum, LocalAuthority, Project
from reporting import services
from reporting.quantities import Precision, Quantity, parse
from tests.factories import MeetingFactory, ProjectFactory, RoleFactory, UserFactory
from tests.reporting.conftest import complete

MONEY, COUNT = "money", "count"


def q(typed, kind=MONEY):
    """A value as the secretariat types it (the parser the figure page uses)."""
    return parse(typed, kind)


def area(name):
    return LocalAuthority.objects.get(name_en=name)


def secretariat(forum):
    user = UserFactory(name=f"Secretariat of {forum.slug}")
    RoleFactory(user=user, role=RoleAssignment.Role.SECRETARIAT, forum=forum)
    return user


def save(report, code, by, **values):
    values.setdefault("state", "value")
    services.save_figure(figure=report.figures.of_code(code), by=by, **values)


def nothing_entered(report, by):
    for figure in report.figures.entered():
        services.save_figure(figure=figure, state="not_provided", by=by)


@pytest.fixture
def first_round(cycle, analyst):
    """Powys: almost nothing — every figure "not provided" but meetings, "about 4" with no
    meetings recorded in the service. Gwent: ICF as revenue £1,286,505 (18.2% of revenue
    ICF) and capital £393,000 (19.5% of capital ICF), no total typed; two meetings from
    records. North Wales: ICF by four of its six authorities, each with its own share,
    Gwynedd's from 2017/18. West Wales: 140+ social value organisations; grants in three
    parts with a typed total that does not add up. Cardiff and Vale: the ICF share alone
    (15%, its amount not stated); 3–5 organisations in health and social care; a project
    of its own in the records overridden away. Cwm Taf Morgannwg: its organisations
    counted in two of its three authorities. West Glamorgan: one project of a precursor
    group and thirty that pre-date the forum, none of its own."""
    forums = {f.slug: f for f in Forum.objects.all()}
    reports, users = {}, {}
    for slug, forum in forums.items():
        users[slug] = secretariat(forum)
    # The records the forums keep in the service.
    MeetingFactory(forum=forums["gwent"], held_on=datetime.date(2024, 6, 1))
    MeetingFactory(forum=forums["gwent"], held_on=datetime.date(2025, 6, 1))
    ProjectFactory(forum=forums["cardiff-and-vale"], title="Repair café", origin="forum")
    west_glamorgan = forums["west-glamorgan"]
    west_glamorgan.established_on = datetime.date(2016, 4, 1)
    west_glamorgan.save(update_fields=["established_on"])
    ProjectFactory(
        forum=west_glamorgan,
        title="Carers’ network",
        origin=Project.Origin.PRECURSOR,
        started_on=datetime.date(2015, 9, 1),
    )
    for n in range(30):
        ProjectFactory(
            forum=west_glamorgan,
            title=f"Community project {n + 1}",
            origin=Project.Origin.PRE_DATES,
            started_on=datetime.date(2008 + n % 8, 1 + n % 12, 1),
        )
    for slug, forum in forums.items():
        report = services.start_report(forum=forum, cycle=cycle, by=users[slug])
        complete(report, users[slug])
        nothing_entered(report, users[slug])
        reports[slug] = report

    by = users["powys"]
    save(reports["powys"], "meetings", by, value=q("about 4", COUNT))

    by = users["gwent"]
    icf = cycle.template.figures.get(code="icf")
    revenue, capital = icf.parts.get(code="revenue"), icf.parts.get(code="capital")
    save(
        reports["gwent"],
        "icf",
        by,
        breakdown=[
            services.Given(
                part=revenue, amount=q("£1,286,505"), share=q("18.2"), base="of revenue ICF"
            ),
            services.Given(
                part=capital, amount=q("393,000"), share=q("19.5"), base="of capital ICF"
            ),
        ],
    )

    by = users["north-wales"]
    save(
        reports["north-wales"],
        "icf",
        by,
        breakdown=[
            services.Given(
                local_authority=area(name),
                amount=q(amount),
                share=q(share),
                base="of the county’s ICF",
                period=period,
            )
            for name, amount, share, period in (
                ("Conwy", "£210,000", "12.5", ""),
                ("Denbighshire", "180000", "17", ""),
                ("Gwynedd", "£240k", "19.9", "2017/18"),
                ("Wrexham", "150,000", "8", ""),
            )
        ],
    )

    by = users["west-wales"]
    save(reports["west-wales"], "svo-region", by, value=q("140+", COUNT))
    grants = cycle.template.figures.get(code="grants-contracts")
    save(
        reports["west-wales"],
        "grants-contracts",
        by,
        value=q("£800,000"),
        breakdown=[
            services.Given(part=grants.parts.get(code=code), amount=q(amount))
            for code, amount in (
                ("revenue", "£627,500"),
                ("capital", "£120,000"),
                ("small-grants", "£35,250"),
            )
        ],
    )

    by = users["cardiff-and-vale"]
    save(
        reports["cardiff-and-vale"],
        "icf",
        by,
        value=Quantity(Precision.NOT_STATED),
        share=q("15"),
        base="of the region’s ICF",
    )
    save(reports["cardiff-and-vale"], "svo-hsc", by, value=q("3-5", COUNT))
    save(
        reports["cardiff-and-vale"],
        "projects",
        by,
        value=Decimal("0"),
        override_reason="The repair café was set up by the council, not by the forum",
    )

    by = users["cwm-taf-morgannwg"]
    save(
        reports["cwm-taf-morgannwg"],
        "svo-region",
        by,
        breakdown=[
            services.Given(local_authority=area("Merthyr Tydfil"), amount=q("40", COUNT)),
            services.Given(local_authority=area("Rhondda Cynon Taf"), amount=q("85", COUNT)),
        ],
    )

    for slug, report in reports.items():
        services.submit_report(report=report, by=users[slug])
        services.accept_report(report=report, by=analyst)  # the national analysis reads these
    FigureTarget.objects.create(
        cycle=cycle,
        definition=icf,
        measure=FigureTarget.Measure.SHARE,
        value=Decimal("20"),
        each_part=True,
        each_area=True,
        note_en="RPBs are expected to reach at least 20%",
    )
    return cycle


def _cells(result):
    """{forum slug: {figure code: Cell}}."""
    return {
        row.forum.slug: {
            column.definition.code: cell
            for column, cell in zip(result.columns, row.cells, strict=True)
        }
        for row in result.rows
    }


def test_the_comparison_keeps_each_return_as_it_was_given(first_round):
    cells = _cells(comparison.compare(first_round))

    powys = cells["powys"]
    assert powys["meetings"].answer.text == "about 4"
    assert all(
        not powys[code].answer.provided and powys[code].value is None
        for code in ("icf", "grants-contracts", "svo-region", "members", "projects")
    )

    gwent = cells["gwent"]["icf"]
    assert gwent.answer.amount == Quantity.exact(Decimal("1679505"))
    assert str(gwent.answer.coverage) == "sum of 2 of 2 parts"
    assert [(line.label, line.share_text, line.standing) for line in gwent.lines] == [
        ("Revenue", "18.2%", "missed"),
        ("Capital", "19.5%", "missed"),
    ]

    north = cells["north-wales"]["icf"]
    assert north.answer.amount == Quantity.exact(Decimal("780000"))
    assert str(north.answer.coverage) == "sum of 4 of 6 local authorities"
    assert [str(p) for p in north.answer.periods] == ["Gwynedd: data for 2017/18"]
    assert [(line.label, line.standing) for line in north.lines] == [
        ("Conwy", "missed"),
        ("Denbighshire", "missed"),
        ("Gwynedd", "missed"),
        ("Wrexham", "missed"),
    ]
    assert next(line for line in north.lines if line.label == "Gwynedd").row.period == "2017/18"

    cardiff = cells["cardiff-and-vale"]
    assert cardiff["icf"].answer.text.startswith("value not stated")
    assert cardiff["icf"].standing == "missed"
    assert cardiff["svo-hsc"].answer.text == "3–5"
    assert cardiff["projects"].answer.source == "overridden" and cardiff["projects"].value == 0

    west = cells["west-wales"]
    assert west["svo-region"].answer.text == "140+"
    assert west["grants-contracts"].answer.amount == Quantity.exact(Decimal("800000"))
    assert west["grants-contracts"].answer.disagrees == Quantity.exact(Decimal("782750"))

    ctm = cells["cwm-taf-morgannwg"]["svo-region"]
    assert ctm.answer.amount == Quantity.exact(Decimal("125"))
    assert str(ctm.answer.coverage) == "sum of 2 of 3 local authorities"

    glam = cells["west-glamorgan"]["projects"]
    assert (glam.answer.source, glam.value) == ("records", 0)

    # Nobody reaches the 20% target: not the figures, not a part, not an authority.
    standings = [
        s
        for forum in cells.values()
        for cell in [forum["icf"]]
        for s in [cell.standing, *(line.standing for line in cell.lines)]
    ]
    assert "met" not in standings and standings.count("missed") == 7


def test_the_comparison_page_shows_qualifiers_parts_and_authorities(client_as, first_round):
    page = " ".join(
        client_as("analyst")
        .get(reverse("analysis:comparison", args=[first_round.pk]))
        .content.decode()
        .split()
    )
    for shown in (
        "about 4",
        "140+",
        "3–5",
        "£1,286,505",
        "18.2% of revenue ICF",
        "Gwynedd",
        "2017/18",
        "sum of 4 of 6 local authorities",
        "value not stated",
        "The repair café was set up by the council, not by the forum",
        "£782,750",
    ):
        assert shown in page, shown
    assert "Meets target" not in page
    assert "Misses target" in page


def _export_rows(client, cycle, fmt):
    response = client.get(reverse("analysis:comparison_export", args=[cycle.pk, fmt]))
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]], sheet


def test_the_spreadsheets_give_one_row_per_part_and_authority_with_numbers_as_numbers(
    client_as, first_round
):
    client = client_as("analyst")
    rows, sheet = _export_rows(client, first_round, "xlsx")

    def find(forum, code, row="figure", **where):
        return [
            r
            for r in rows
            if r["forum"].startswith(forum)
            and r["figure_code"] == code
            and r["row"] == row
            and all(r[k] == v for k, v in where.items())
        ]

    [north] = find("North Wales", "icf")
    assert (north["value"], north["answer"], north["standing"]) == (780000, "value", None)
    areas = find("North Wales", "icf", "area")
    assert [
        (r["local_authority"], r["value"], r["share"], r["period"], r["standing"]) for r in areas
    ] == [
        ("Conwy", 210000, 12.5, None, "missed"),
        ("Denbighshire", 180000, 17, None, "missed"),
        ("Gwynedd", 240000, 19.9, "2017/18", "missed"),
        ("Wrexham", 150000, 8, None, "missed"),
    ]
    parts = find("Gwent", "icf", "part")
    assert [(r["part"], r["value"], r["share"], r["base"]) for r in parts] == [
        ("Revenue", 1286505, 18.2, "of revenue ICF"),
        ("Capital", 393000, 19.5, "of capital ICF"),
    ]
    [svo] = find("West Wales", "svo-region")
    assert (svo["qualifier"], svo["value"]) == ("at least", 140)
    [hsc] = find("Cardiff", "svo-hsc")
    assert (hsc["qualifier"], hsc["value"], hsc["value_high"]) == ("range", 3, 5)
    [grants] = find("West Wales", "grants-contracts")
    assert (grants["value"], grants["parts_add_up_to"]) == (800000, 782750)
    [powys] = find("Powys", "icf")
    assert (powys["answer"], powys["value"]) == ("not provided", None)
    [overridden] = find("Cardiff", "projects")
    assert (overridden["source"], overridden["value"]) == ("overridden", 0)
    assert overridden["override_reason"].startswith("The repair café")
    # Typed cells: numbers a spreadsheet sums, in money and percentage formats.
    header = [c.value for c in sheet[1]]
    value_column = header.index("value") + 1
    share_column = header.index("share") + 1
    conwy = next(i for i, r in enumerate(rows, start=2) if r["local_authority"] == "Conwy")
    money = sheet.cell(row=conwy, column=value_column)
    share = sheet.cell(row=conwy, column=share_column)
    assert money.data_type == "n" and "£" in money.number_format
    assert share.data_type == "n" and share.number_format != "General"
    not_provided = [r for r in rows if r["answer"] == "not provided"]
    assert not_provided and all(r["value"] is None for r in not_provided)

    csv_rows = _export_rows(client, first_round, "csv")
    assert len(csv_rows) == len(rows)
    conwy_csv = next(r for r in csv_rows if r["local_authority"] == "Conwy")
    assert (conwy_csv["value"], conwy_csv["share"]) in (("210000", "12.5"), ("210000.00", "12.50"))
    assert all(r["value"] == "" for r in csv_rows if r["answer"] == "not provided")


def test_the_dashboard_counts_what_was_reported(client_as, first_round):
    page = client_as("analyst").get(reverse("analysis:dashboard", args=[first_round.pk]))
    [summary] = page.context["targets"]
    groups = {
        standing: [(h.forum.slug, h.lines) for h in held] for standing, held in summary.groups
    }
    assert groups["met"] == []
    assert groups["missed"] == [
        ("cardiff-and-vale", []),
        ("gwent", ["Revenue", "Capital"]),
        ("north-wales", ["Conwy", "Denbighshire", "Gwynedd", "Wrexham"]),
    ]
    assert {slug for slug, _ in groups[None]} == {
        "cwm-taf-morgannwg",
        "powys",
        "west-glamorgan",
        "west-wales",
    }
    own, precursor, pre_dates = page.context["projects_totals"]
    assert (own, precursor, pre_dates, page.context["projects_given"]) == (0, 1, 30, 2)
    projects = {row.forum.slug: row.own for row in page.context["projects"]}
    assert projects["cardiff-and-vale"] == 0  # overridden away, as reported
    assert projects["powys"] is None  # not provided, not 0
    html = " ".join(page.content.decode().split())
    assert "Gwent (Revenue, Capital)" in html
    assert "Not provided" in html


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_national_pdf_carries_the_sub_rows_and_whole_header_words(
    client_as, first_round, media, django_capture_on_commit_callbacks
):
    client = client_as("analyst")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("analysis:national_pdf", args=[first_round.pk, "en"]))
    doc = AnalysisDocument.objects.get()
    assert doc.status == "ready", doc.error
    pdf = client.get(reverse("analysis:national_pdf_download", args=[first_round.pk, doc.pk]))
    content = b"".join(pdf.streaming_content)
    if os.environ.get("SVF_KEEP_PDF"):  # to look at it: SVF_KEEP_PDF=/tmp/national.pdf
        with open(os.environ["SVF_KEEP_PDF"], "wb") as out:
            out.write(content)
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for shown in (
        "140+",
        "3–5",
        "about 4",
        "Gwynedd",
        "2017/18",
        "Revenue",
        "Capital",
        "parts add up to £782,750",
        "the total given differs from its parts, which add up to £782,750",
        "Revenue: £1,286,505 (18.2% of revenue ICF) [Misses target]",
    ):
        assert shown in flat, shown
    assert "Meets target" not in flat and "Misses target" in flat
    # No word of a header or a figure's name is broken across lines: two tokens that
    # only make a word together ("organisa-", "tions") are never found side by side.
    words = {"forum", "value", "share", "notes"} | {
        word.strip("()").casefold()
        for d in first_round.template.figures.all()
        for word in d.label_en.replace("-", " ").split()
    }
    tokens = [t.casefold() for t in text.split()]
    broken = [
        (a, b)
        for a, b in zip(tokens, tokens[1:], strict=False)
        if a.rstrip("-") + b in words and a.rstrip("-") not in words
    ]
    assert not broken, broken
    assert "Forum Value Share Notes" in text
