"""The themes-and-findings table: a finding per theme and forum, supporting quotes, and
two analysts never saving over each other."""

import pytest
from django.urls import reverse

from analysis import coding
from analysis.models import Code, Finding
from reporting.models import Entry
from tests.conftest import PERSONAS

TEXT = "Members co-produced the strategy. The board listened."


@pytest.fixture
def theme(submitted_report, cycle, analyst):
    Entry.objects.filter(report=submitted_report, domain__number=1).update(text=TEXT)
    code = Code.objects.create(cycle=cycle, name_en="Co-production")
    passage = coding.code_passage(
        report=submitted_report,
        entry=submitted_report.entries.get(domain__number=1),
        start=0,
        end=33,
        codes=[code],
        memo="",
        by=analyst,
    )
    return code, passage


def url(cycle, code, slug="gwent"):
    return reverse("analysis:finding_edit", args=[cycle.pk, code.pk, slug])


def test_a_finding_with_a_quote_appears_in_the_table(client_as, cycle, theme):
    code, passage = theme
    response = client_as("analyst").post(
        url(cycle, code),
        {
            "revision": 0,
            "text_en": "Gwent co-produced its strategy.",
            "text_cy": "Cydgynhyrchodd Gwent ei strategaeth.",
            "quotes": [passage.pk],
        },
    )
    assert response.status_code == 302
    table = client_as("analyst").get(reverse("analysis:findings", args=[cycle.pk]))
    html = table.content.decode()
    assert "Gwent co-produced its strategy." in html
    assert "“Members co-produced the strategy.”" in html
    welsh = client_as("analyst").get(
        reverse("analysis:findings", args=[cycle.pk]).replace("/en/", "/cy/")
    )
    assert "Cydgynhyrchodd Gwent ei strategaeth." in welsh.content.decode()


def test_two_analysts_editing_the_same_cell_never_overwrite_each_other(client_as, cycle, theme):
    code, _ = theme
    client_as("analyst").post(url(cycle, code), {"revision": 0, "text_en": "First view."})
    late = client_as("administrator").post(
        url(cycle, code), {"revision": 0, "text_en": "Second view."}
    )
    assert late.status_code == 409
    html = late.content.decode()
    assert "First view." in html and "Second view." in html  # both shown, nothing lost
    assert Finding.objects.get().text_en == "First view."
    # Saving again from the conflict page replaces it deliberately.
    client_as("administrator").post(
        url(cycle, code),
        {"revision": late.context["form"]["revision"].value(), "text_en": "Second view."},
    )
    assert Finding.objects.get().text_en == "Second view."


def test_quotes_must_be_of_the_theme_and_forum(client_as, cycle, theme, forum_b):
    code, passage = theme
    other = Code.objects.create(cycle=cycle, name_en="Other")
    response = client_as("analyst").post(
        url(cycle, other), {"revision": 0, "text_en": "x", "quotes": [passage.pk]}
    )
    assert response.status_code == 400  # not offered, so refused
    response = client_as("analyst").post(
        url(cycle, code, "west-wales"), {"revision": 0, "text_en": "x", "quotes": [passage.pk]}
    )
    assert response.status_code == 400
    assert not Finding.objects.exists()
    # Across Wales, any forum's quote of the theme may support it.
    response = client_as("analyst").post(
        url(cycle, code, "wales"), {"revision": 0, "text_en": "x", "quotes": [passage.pk]}
    )
    assert response.status_code == 302


def test_merging_codes_joins_their_findings(cycle, theme, analyst, forum_a):
    code, passage = theme
    other = Code.objects.create(cycle=cycle, name_en="Involvement")
    coding.save_finding(
        code=code, forum=forum_a, revision=0, text_en="A.", text_cy="", quotes=[passage], by=analyst
    )
    coding.save_finding(
        code=other, forum=forum_a, revision=0, text_en="B.", text_cy="", quotes=[], by=analyst
    )
    coding.merge_codes(source=code, target=other, by=analyst)
    finding = Finding.objects.get()
    assert (finding.code, finding.text_en) == (other, "B.\n\nA.")  # the merged one appended
    assert list(finding.quotes.all()) == [passage]


@pytest.mark.parametrize("persona", PERSONAS)
def test_findings_permission_matrix(client_as, cycle, theme, persona):
    expected = {
        "secretariat_a": 404,
        "secretariat_b": 404,
        "analyst": 200,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    code, _ = theme
    for address in (reverse("analysis:findings", args=[cycle.pk]), url(cycle, code)):
        assert client_as(persona).get(address).status_code == expected[persona]
