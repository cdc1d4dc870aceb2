"""The codebook (default, edit, merge, retire, CSV) and coding passages, with anchoring
across a resubmission."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis import coding
from analysis.models import Code, CodedPassage
from reporting import services
from tests.conftest import PERSONAS

TEXT = (
    "The forum met every quarter. Members co-produced the carers’ strategy.\n\n"
    "- Falls prevention service started\n- Carers’ voice in commissioning\n\n"
    "The board asked for more data. We will provide it."
)


@pytest.fixture
def codes(cycle, analyst):
    coding.create_default_codebook(cycle=cycle, by=analyst)
    return {c.name_en: c for c in cycle.codes.all()}


@pytest.fixture
def coded_report(submitted_report, secretariat_a, analyst):
    """A submitted report whose domain 1 holds TEXT (saved before submission)."""
    report = submitted_report
    services.return_report(report=report, comment="Add detail.", by=analyst)
    entry = report.entries.get(domain__number=1)
    services.save_entry(
        entry=entry,
        revision=entry.revision,
        text=TEXT,
        status="completed",
        no_information_reason="",
        by=secretariat_a,
    )
    return services.submit_report(report=report, by=secretariat_a)


# The codebook ---------------------------------------------------------------------------------


def test_the_default_codebook_has_the_themes_with_one_level(client_as, cycle, analyst):
    response = client_as("analyst").post(reverse("analysis:codebook_default", args=[cycle.pk]))
    assert response.status_code == 302
    impact = Code.objects.get(cycle=cycle, name_en="Impact")
    assert sorted(impact.children.values_list("name_en", flat=True)) == [
        "Co-production",
        "Integration",
        "Long-term planning",
        "Prevention",
        "Voice and involvement",
    ]
    assert Code.objects.get(name_en="Prevention").name_cy == "Atal"
    # A second time is refused, and nothing is duplicated.
    client_as("analyst").post(reverse("analysis:codebook_default", args=[cycle.pk]))
    assert Code.objects.filter(cycle=cycle).count() == len(coding.DEFAULT_CODEBOOK)


def test_adding_a_code_with_a_taken_name_is_refused(client_as, cycle, codes):
    response = client_as("analyst").post(
        reverse("analysis:code_add", args=[cycle.pk]),
        {"name_en": "prevention", "colour": "#1d70b8"},
    )
    assert response.status_code == 400
    assert "already has a code of that name" in response.content.decode()


def test_a_code_under_a_sub_code_is_refused(client_as, cycle, codes):
    response = client_as("analyst").post(
        reverse("analysis:code_add", args=[cycle.pk]),
        {"name_en": "Falls", "colour": "#1d70b8", "parent": codes["Prevention"].pk},
    )
    assert response.status_code == 400  # only top-level codes are offered as parents


def test_renaming_keeps_the_passages(client_as, cycle, codes, coded_report, analyst):
    passage = coding.code_passage(
        report=coded_report,
        entry=coded_report.entries.get(domain__number=1),
        start=0,
        end=28,
        codes=[codes["Function of forums"]],
        memo="",
        by=analyst,
    )
    code = codes["Function of forums"]
    client_as("analyst").post(
        reverse("analysis:code_edit", args=[cycle.pk, code.pk]),
        {
            "name_en": "What forums do",
            "name_cy": "Beth mae fforymau’n ei wneud",
            "colour": "#00703c",
        },
    )
    assert list(passage.codes.values_list("name_en", flat=True)) == ["What forums do"]


def test_merging_moves_the_passages_and_removes_the_code(cycle, codes, coded_report, analyst):
    entry = coded_report.entries.get(domain__number=1)
    p1 = coding.code_passage(
        report=coded_report,
        entry=entry,
        start=0,
        end=28,
        codes=[codes["Establishing forums"]],
        memo="",
        by=analyst,
    )
    p2 = coding.code_passage(
        report=coded_report,
        entry=entry,
        start=29,
        end=70,
        codes=[codes["Establishing forums"], codes["Function of forums"]],
        memo="",
        by=analyst,
    )
    moved = coding.merge_codes(
        source=codes["Establishing forums"], target=codes["Function of forums"], by=analyst
    )
    assert moved == 2
    assert not Code.objects.filter(name_en="Establishing forums").exists()
    for passage in (p1, p2):
        assert list(passage.codes.values_list("name_en", flat=True)) == ["Function of forums"]


def test_merging_a_code_into_itself_is_refused(client_as, cycle, codes):
    code = codes["Impact"]
    response = client_as("analyst").post(
        reverse("analysis:code_merge", args=[cycle.pk, code.pk]), {"target": code.pk}
    )
    assert response.status_code == 400
    assert "A code cannot be merged into itself." in response.content.decode()
    assert Code.objects.filter(pk=code.pk).exists()


def test_a_retired_code_keeps_its_passages_but_is_not_offered(
    client_as, cycle, codes, coded_report, analyst
):
    code = codes["Aspirations"]
    client_as("analyst").post(reverse("analysis:code_retire", args=[cycle.pk, code.pk]))
    code.refresh_from_db()
    assert code.retired
    page = client_as("analyst").get(reverse("analysis:entry_coding", args=[coded_report.pk, 1]))
    assert code not in page.context["form"].fields["codes"].queryset
    with pytest.raises(ValidationError):
        coding.code_passage(
            report=coded_report,
            entry=coded_report.entries.get(domain__number=1),
            start=0,
            end=10,
            codes=[code],
            memo="",
            by=analyst,
        )


def test_the_codebook_csv_round_trips(client_as, cycle, codes, forum_a):
    from reporting.models import ReportingCycle

    exported = client_as("analyst").get(reverse("analysis:codebook_export", args=[cycle.pk]))
    content = exported.content
    assert (
        content.decode("utf-8-sig").splitlines()[0]
        == "name,description,parent,name_cy,description_cy"
    )
    other = ReportingCycle.objects.create(
        name_en="Next",
        name_cy="Nesaf",
        period_start="2026-04-01",
        period_end="2029-03-31",
        due_on="2029-06-30",
        template=cycle.template,
    )
    response = client_as("analyst").post(
        reverse("analysis:codebook_import", args=[other.pk]),
        {"file": SimpleUploadedFile("codebook.csv", content)},
    )
    assert response.status_code == 302
    imported = {
        (c.name_en, c.name_cy, c.parent.name_en if c.parent else "")
        for c in other.codes.select_related("parent")
    }
    original = {
        (c.name_en, c.name_cy, c.parent.name_en if c.parent else "")
        for c in cycle.codes.select_related("parent")
    }
    assert imported == original


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (["Prevention,,", "prevention,,"], "appears twice (also in row 2)"),
        (["Prevention,,", ",A description,"], "The name is missing."),
        (["Falls,,Nowhere"], "is neither in the file nor in the codebook"),
        (["Top,,", "Middle,,Top", "Bottom,,Middle"], "is itself under another code"),
    ],
)
def test_a_bad_codebook_file_imports_nothing(client_as, cycle, rows, message):
    content = "\n".join(["name,description,parent", *rows]).encode()
    response = client_as("analyst").post(
        reverse("analysis:codebook_import", args=[cycle.pk]),
        {"file": SimpleUploadedFile("codebook.csv", content)},
    )
    assert response.status_code == 400
    assert message in " ".join(m for _, m in response.context["problems"])
    assert not Code.objects.filter(cycle=cycle).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_codebook_permission_matrix(client_as, cycle, persona):
    expected = {
        "secretariat_a": 404,
        "secretariat_b": 404,
        "analyst": 200,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    url = reverse("analysis:codebook", args=[cycle.pk])
    assert client_as(persona).get(url).status_code == expected[persona]


# Coding -------------------------------------------------------------------------------------


def test_coding_by_paragraph_and_sentence_without_javascript(client_as, codes, coded_report):
    response = client_as("analyst").post(
        reverse("analysis:entry_coding", args=[coded_report.pk, 1]),
        {
            "paragraph": 1,
            "first": 2,
            "last": 2,
            "codes": [codes["Co-production"].pk],
            "memo": "Clear example",
        },
    )
    assert response.status_code == 302
    passage = CodedPassage.objects.get()
    assert passage.quote == "Members co-produced the carers’ strategy."
    assert passage.coder.email == "carys@example.org"
    assert (passage.memo, passage.version) == ("Clear example", 2)


def test_coding_an_exact_selection(client_as, codes, coded_report):
    start = TEXT.index("Falls")
    end = start + len("Falls prevention service")
    client_as("analyst").post(
        reverse("analysis:entry_coding", args=[coded_report.pk, 1]),
        {"start": start, "end": end, "codes": [codes["Prevention"].pk]},
    )
    assert CodedPassage.objects.get().quote == "Falls prevention service"


def test_a_selection_snaps_to_whole_words(client_as, codes, coded_report):
    start = TEXT.index("Falls") + 2  # "lls prevention serv"
    end = TEXT.index("Falls") + len("Falls prevention serv")
    client_as("analyst").post(
        reverse("analysis:entry_coding", args=[coded_report.pk, 1]),
        {"start": start, "end": end, "codes": [codes["Prevention"].pk]},
    )
    assert CodedPassage.objects.get().quote == "Falls prevention service"


@pytest.mark.parametrize(
    ("text", "start", "end", "words"),
    [
        ("community groups met", 1, 12, "community groups"),
        ("  Carers’ voice ", 0, 16, "Carers’ voice"),
        ("Cymru’n gryf", 3, 5, "Cymru"),
        ("a b", 1, 2, ""),
    ],
)
def test_snapping_to_words(text, start, end, words):
    a, b = coding.snap_to_words(text, start, end)
    assert text[a:b] == words


def test_a_refused_attempt_keeps_the_selection_and_the_codes(client_as, codes, coded_report):
    start = TEXT.index("Falls")
    response = client_as("analyst").post(
        reverse("analysis:entry_coding", args=[coded_report.pk, 1]),
        {"start": start, "end": start + 5, "codes": [], "memo": "Keep me"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose at least one code." in page
    assert "Selected: “Falls”" in page  # shown again, not lost
    assert f'name="start" value="{start}"' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"paragraph": 9, "first": 1, "last": 1}, "Choose a paragraph of this section."),
        ({"paragraph": 1, "first": 1, "last": 5}, "The paragraph has 2 sentences."),
        ({"paragraph": 1, "first": 2, "last": 1}, "cannot come before the first"),
        ({}, "Select the passage in the text, or give its paragraph and sentences."),
        ({"paragraph": 1, "first": 1, "last": 1, "codes": []}, "Choose at least one code."),
    ],
)
def test_bad_passages_are_refused_with_the_input_kept(
    client_as, codes, coded_report, data, message
):
    payload = {"codes": [codes["Prevention"].pk], "memo": "Keep me", **data}
    response = client_as("analyst").post(
        reverse("analysis:entry_coding", args=[coded_report.pk, 1]), payload
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Keep me" in response.content.decode()
    assert not CodedPassage.objects.exists()


def test_passages_stay_anchored_or_are_flagged_across_a_resubmission(
    codes, coded_report, analyst, secretariat_a
):
    entry = coded_report.entries.get(domain__number=1)
    kept = coding.code_passage(
        report=coded_report,
        entry=entry,
        start=TEXT.index("Members"),
        end=TEXT.index("strategy.") + len("strategy."),
        codes=[codes["Co-production"]],
        memo="",
        by=analyst,
    )
    changed = coding.code_passage(
        report=coded_report,
        entry=entry,
        start=TEXT.index("The board"),
        end=len(TEXT),
        codes=[codes["What RPBs and statutory partners say"]],
        memo="",
        by=analyst,
    )
    services.return_report(report=coded_report, comment="More.", by=analyst)
    entry.refresh_from_db()
    new_text = "A new opening paragraph.\n\n" + TEXT.replace("more data", "quarterly data")
    services.save_entry(
        entry=entry,
        revision=entry.revision,
        text=new_text,
        status="completed",
        no_information_reason="",
        by=secretariat_a,
    )
    services.submit_report(report=coded_report, by=secretariat_a)
    kept.refresh_from_db()
    changed.refresh_from_db()
    assert not kept.needs_recheck
    assert new_text[kept.start : kept.end] == kept.quote  # moved with its text
    assert kept.version == 3
    assert changed.needs_recheck  # the text under it changed: flagged, not moved or lost
    assert changed.quote == "The board asked for more data. We will provide it."


@pytest.mark.parametrize("persona", PERSONAS)
def test_coding_permission_matrix(client_as, coded_report, persona):
    expected = {
        "secretariat_a": 403,  # never sees codes or memos
        "secretariat_b": 404,
        "analyst": 200,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    for url in (
        reverse("analysis:coding", args=[coded_report.pk]),
        reverse("analysis:entry_coding", args=[coded_report.pk, 1]),
    ):
        assert client_as(persona).get(url).status_code == expected[persona]


def test_an_analyst_cannot_code_a_draft(client_as, report, codes):
    url = reverse("analysis:entry_coding", args=[report.pk, 1])
    assert (
        client_as("analyst").post(url, {"paragraph": 1, "first": 1, "last": 1}).status_code == 404
    )


def test_each_analyst_changes_only_their_own_passages(client_as, codes, coded_report, analyst):
    passage = coding.code_passage(
        report=coded_report,
        entry=coded_report.entries.get(domain__number=1),
        start=0,
        end=10,
        codes=[codes["Impact"]],
        memo="",
        by=analyst,
    )
    from tests.factories import RoleFactory, UserFactory

    other = UserFactory(email="other.analyst@example.org")
    RoleFactory(user=other, role="analyst")
    from django.test import Client

    client = Client()
    client.force_login(other)
    url = reverse("analysis:passage_delete", args=[coded_report.pk, passage.pk])
    assert client.post(url).status_code == 403
    assert CodedPassage.objects.filter(pk=passage.pk).exists()
    client_as("analyst").post(url)
    assert not CodedPassage.objects.filter(pk=passage.pk).exists()
