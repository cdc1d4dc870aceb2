"""Retrieval by code, the code × forum matrix, and Cohen's kappa between two analysts."""

import io

import openpyxl
import pytest
from django.urls import reverse

from analysis import coding, matrix
from analysis.models import Code
from reporting.models import Entry
from tests.conftest import PERSONAS
from tests.factories import RoleFactory, UserFactory

TEXT = "One is here. Two is here. Three is here. Four is here. Five is here."


@pytest.fixture
def second_analyst(db):
    user = UserFactory(name="Gwen Second", email="gwen@example.org")
    RoleFactory(user=user, role="analyst")
    return user


@pytest.fixture
def setup(submitted_report, analyst, second_analyst, cycle):
    """Domain 1 holds five sentences; the other narrative sections are empty."""
    report = submitted_report
    Entry.objects.filter(report=report, domain__kind="narrative").update(text="")
    Entry.objects.filter(report=report, domain__number=1).update(text=TEXT)
    codes = {name: Code.objects.create(cycle=cycle, name_en=name) for name in ("X", "Y", "Z")}
    return report, report.entries.get(domain__number=1), codes


def sentence(n):
    start = TEXT.index(["One", "Two", "Three", "Four", "Five"][n - 1])
    return start, TEXT.index(".", start) + 1


def code(report, entry, n, codes, by):
    start, end = sentence(n)
    coding.code_passage(
        report=report, entry=entry, start=start, end=end, codes=codes, memo="", by=by
    )


def test_kappa_matches_a_hand_computed_example(setup, cycle, analyst, second_analyst):
    report, entry, codes = setup
    # X: the first analyst on sentences 1, 2, 3; the second on 1, 2, 4.
    for n in (1, 2, 3):
        code(report, entry, n, [codes["X"]], analyst)
    for n in (1, 2, 4):
        code(report, entry, n, [codes["X"]], second_analyst)
    # Y: both on sentence 5 only. Z: nobody.
    code(report, entry, 5, [codes["Y"]], analyst)
    code(report, entry, 5, [codes["Y"]], second_analyst)
    rows, shared = matrix.agreement(cycle, analyst, second_analyst)
    by_code = {r.code.name_en: r for r in rows}
    assert shared == 1
    x = by_code["X"]
    assert (x.both, x.first_only, x.second_only, x.neither) == (2, 1, 1, 1)
    # po = 3/5 = 0.6; pe = 0.6 × 0.6 + 0.4 × 0.4 = 0.52; κ = 0.08 / 0.48 = 1/6
    assert x.observed == pytest.approx(0.6)
    assert x.expected == pytest.approx(0.52)
    assert x.kappa == pytest.approx(1 / 6)
    assert by_code["Y"].kappa == pytest.approx(1.0)
    assert by_code["Z"].kappa is None  # neither analyst varied: undefined


def test_the_agreement_page_states_its_unit_and_shows_kappa(
    client_as, setup, cycle, analyst, second_analyst
):
    report, entry, codes = setup
    code(report, entry, 1, [codes["X"]], analyst)
    code(report, entry, 2, [codes["X"]], second_analyst)
    response = client_as("analyst").get(
        reverse("analysis:code_agreement", args=[cycle.pk]),
        {"first": analyst.pk, "second": second_analyst.pk},
    )
    html = response.content.decode()
    assert "Unit of agreement: one sentence of a narrative section" in html
    assert "n/a" in html  # Y and Z, never applied
    same = client_as("analyst").get(
        reverse("analysis:code_agreement", args=[cycle.pk]),
        {"first": analyst.pk, "second": analyst.pk},
    )
    assert "Choose two different analysts." in same.content.decode()


def test_the_matrix_counts_passages_per_code_and_forum(client_as, setup, cycle, analyst):
    report, entry, codes = setup
    code(report, entry, 1, [codes["X"], codes["Y"]], analyst)
    code(report, entry, 2, [codes["X"]], analyst)
    response = client_as("analyst").get(reverse("analysis:code_matrix", args=[cycle.pk]))
    rows = {c.name_en: (cells, total) for c, cells, total in response.context["rows"]}
    forums = [f.slug for f in response.context["matrix"].forums]
    gwent = forums.index("gwent")
    assert rows["X"][0][gwent] == 2 and rows["X"][1] == 2
    assert rows["Y"][0][gwent] == 1
    assert rows["Z"][1] == 0
    presence = client_as("analyst").get(
        reverse("analysis:code_matrix", args=[cycle.pk]), {"view": "presence"}
    )
    rows = {c.name_en: cells for c, cells, _ in presence.context["rows"]}
    assert rows["X"][gwent] == 1
    exported = client_as("analyst").get(
        reverse("analysis:code_matrix_export", args=[cycle.pk, "xlsx"])
    )
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    values = list(sheet.values)
    assert values[0][0] == "code" and values[0][-1] == "total"
    assert [r for r in values if r[0] == "X"][0][-1] == 2


def test_the_matrix_uses_a_fixed_number_of_queries(client_as, setup, cycle, analyst):
    report, entry, codes = setup
    client = client_as("analyst")
    url = reverse("analysis:code_matrix", args=[cycle.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(1, 6):
        code(report, entry, n, list(codes.values()), analyst)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_retrieval_lists_every_passage_of_a_code_with_a_link_back(client_as, setup, cycle, analyst):
    report, entry, codes = setup
    parent = codes["X"]
    child = Code.objects.create(cycle=cycle, name_en="X child", parent=parent)
    code(report, entry, 1, [parent], analyst)
    code(report, entry, 3, [child], analyst)
    client = client_as("analyst")
    url = reverse("analysis:code_passages", args=[cycle.pk, parent.pk])
    own = client.get(url)
    assert [p.quote for p in own.context["page"].object_list] == ["One is here."]
    assert reverse("analysis:entry_coding", args=[report.pk, 1]) in own.content.decode()
    both = client.get(url, {"sub": "1"})
    assert [p.quote for p in both.context["page"].object_list] == [
        "One is here.",
        "Three is here.",
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_analysis_permission_matrix(client_as, cycle, persona):
    expected = {
        "secretariat_a": 404,
        "secretariat_b": 404,
        "analyst": 200,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    code = Code.objects.create(cycle=cycle, name_en="X")
    for url in (
        reverse("analysis:code_matrix", args=[cycle.pk]),
        reverse("analysis:code_agreement", args=[cycle.pk]),
        reverse("analysis:code_passages", args=[cycle.pk, code.pk]),
    ):
        assert client_as(persona).get(url).status_code == expected[persona], url
