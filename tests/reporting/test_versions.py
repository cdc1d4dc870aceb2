"""Each submission keeps a snapshot; two versions compare domain by domain."""

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import Report, ReportVersion
from reporting.versions import word_diff
from tests.conftest import PERSONAS


def resubmit_with_changes(report, by):
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RETURNED)
    report.refresh_from_db()
    entry = report.entries.get(domain__number=2)
    services.save_entry(
        entry=entry,
        revision=entry.revision,
        text="About carers and <b>citizens</b>.",
        status="completed",
        no_information_reason="",
        by=by,
    )
    return services.submit_report(report=report, by=by)


def test_each_submission_keeps_a_snapshot(submitted_report, secretariat_a):
    first = ReportVersion.objects.get(report=submitted_report, number=1)
    assert first.content["domains"]["5"]["lines"][0].startswith("[no information]")
    resubmit_with_changes(submitted_report, secretariat_a)
    assert list(submitted_report.versions.values_list("number", flat=True)) == [1, 2]


def test_the_comparison_shows_what_changed_in_each_domain(
    client_as, submitted_report, secretariat_a
):
    resubmit_with_changes(submitted_report, secretariat_a)
    response = client_as("analyst").get(reverse("reporting:versions", args=[submitted_report.pk]))
    rows = {row["number"]: row for row in response.context["comparison"]}
    assert rows[2]["changed"] and not rows[1]["changed"]
    page = response.content.decode()
    assert "<del>Stakeholder</del><ins>carers</ins>" in page
    assert "<ins>and &lt;b&gt;citizens&lt;/b&gt;.</ins>" in page  # escaped, never markup


def test_one_version_has_nothing_to_compare(client_as, submitted_report):
    page = (
        client_as("secretariat_a")
        .get(reverse("reporting:versions", args=[submitted_report.pk]))
        .content.decode()
    )
    assert "There is only one submitted version" in page


def test_unknown_versions_are_not_found(client_as, submitted_report, secretariat_a):
    resubmit_with_changes(submitted_report, secretariat_a)
    client = client_as("secretariat_a")
    url = reverse("reporting:versions", args=[submitted_report.pk])
    assert client.get(url, {"from": 1, "to": 7}).status_code == 404
    assert client.get(url, {"from": "x"}).status_code == 404


def test_word_diff_escapes_everything():
    html = word_diff("a <script> b", "a <img> b")
    assert "<script>" not in html and "<del>&lt;script&gt;</del><ins>&lt;img&gt;</ins>" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_versions_permission_matrix(client_as, submitted_report, persona):
    expected = {
        "secretariat_a": 200,
        "secretariat_b": 404,
        "analyst": 200,
        "commissioner": 404,
        "administrator": 200,
        "anonymous": 302,
    }
    response = client_as(persona).get(reverse("reporting:versions", args=[submitted_report.pk]))
    assert response.status_code == expected[persona]


def test_the_language_of_the_page_is_not_a_change(submitted_report, secretariat_a):
    from django.utils import translation

    Report.objects.filter(pk=submitted_report.pk).update(status=Report.Status.RETURNED)
    submitted_report.refresh_from_db()
    with translation.override("cy"):
        services.submit_report(report=submitted_report, by=secretariat_a)
    first, second = submitted_report.versions.order_by("number")
    assert first.content == second.content


def test_changed_figures_are_a_table_of_before_and_after_in_the_readers_language(
    client_as, submitted_report, secretariat_a
):
    """The snapshot keeps the return as codes and numbers: the versions page lists only
    the figures that changed, in the page's language."""
    from reporting.quantities import parse

    report = submitted_report
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RETURNED)
    report.refresh_from_db()
    services.save_figure(
        figure=report.figures.of_code("svo-hsc"),
        state="value",
        value=parse("about 4000", "count"),
        by=secretariat_a,
    )
    services.save_figure(
        figure=report.figures.of_code("svo-region"), state="value", value=12, by=secretariat_a
    )
    services.submit_report(report=report, by=secretariat_a)
    content = report.versions.get(number=2).content
    row = next(r for r in content["figures"] if r["key"] == ["svo-hsc", "", "", ""])
    assert row["amount"] == {"precision": "about", "low": "4000.00", "high": None}
    assert row["state"] == "value" and "about" not in row["label_en"]

    client = client_as("analyst")
    response = client.get(reverse("reporting:versions", args=[report.pk]))
    figures = next(r for r in response.context["comparison"] if r["figures"] is not None)
    changes = {label: (before, after) for label, before, after in figures["figures"]}
    assert set(changes) == {
        "Known social value organisations delivering health and social care",
        "Social value organisations in the region",
    }
    assert changes["Social value organisations in the region"] == ("Not provided", "12")
    assert changes["Known social value organisations delivering health and social care"][1] == (
        "about 4,000"
    )
    page = response.content.decode()
    assert "2 figures changed" in page and "<ins>about 4,000</ins>" in page

    welsh = client.get(reverse("reporting:versions", args=[report.pk]).replace("/en/", "/cy/"))
    page = welsh.content.decode()
    assert "Heb ei ddarparu" in page and "tua 4,000" in page
