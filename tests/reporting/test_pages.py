"""Task list and domain pages: fixed query counts, safe rendering, Welsh, template copies."""

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import Domain, ReportTemplate
from svforum.templatetags.svforum import narrative

# session, user, roles, report (with forum, cycle, template), then the page's own queries:
# task list: entries (+ their evidence), case studies, work programme, 3 derived counts and
# the share of contract value from commissioning, figures, their parts, breakdown rows,
# the forum's local authorities, the comments;
# domain 7: entry, the section's comments, evidence, figures, their parts, breakdown rows,
# the forum’s local authorities, 4 derived figures; submit: the gaps, then what the task
# list reads, but the comments.
PINNED = {"reporting:report": 17, "reporting:entry": 15, "reporting:submit": 17}


@pytest.mark.parametrize(("name", "expected"), PINNED.items())
def test_report_pages_use_a_fixed_number_of_queries(
    client_as, report, secretariat_a, name, expected, django_assert_num_queries
):
    client = client_as("secretariat_a")
    args = [report.pk, 7] if name == "reporting:entry" else [report.pk]
    url = reverse(name, args=args)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    from tests.reporting.conftest import complete

    complete(report, secretariat_a, no_information=())
    complete(report, secretariat_a, no_information=())  # more case studies and items
    for entry in report.entries.all():  # and comments, with replies, on every section
        comment = services.add_comment(
            report=report, entry=entry, text="Why?", internal=False, by=secretariat_a
        )
        services.add_comment(
            report=report,
            entry=entry,
            text="Because.",
            internal=False,
            by=secretariat_a,
            parent=comment,
        )
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_narrative_text_is_escaped_and_laid_out():
    html = narrative("First <script>alert(1)</script>\nline two\n\n- one\n- <b>two</b>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.startswith('<p class="govuk-body">First')
    assert "<br>line two" in html
    assert "<li>one</li><li>&lt;b&gt;two&lt;/b&gt;</li>" in html


def test_the_domain_page_shows_guidance_and_title_in_welsh(client_as, report):
    page = client_as("secretariat_a").get(f"/cy/reports/{report.pk}/domains/1/").content.decode()
    assert "Sefydlu’r fforwm" in page
    assert "Sut a phryd y sefydlwyd y fforwm" in page
    assert 'lang="cy"' in page


def test_the_nine_domain_template_is_reference_data(db):
    template = ReportTemplate.objects.earliest("pk")
    kinds = dict(template.domains.values_list("number", "kind"))
    assert kinds == {
        1: "narrative",
        2: "narrative",
        3: "narrative",
        4: "narrative",
        5: "narrative",
        6: "case_studies",
        7: "quantitative",
        8: "work_programme",
        9: "narrative",
    }


def test_copying_a_template_leaves_reports_on_the_old_one(report, administrator):
    old = report.cycle.template
    copy = services.copy_template(template=old, by=administrator)
    Domain.objects.filter(template=copy, number=1).update(title_en="Setting up the forum")
    assert copy.based_on == old and copy.domains.count() == 9
    entry = report.entries.in_order().get(domain__number=1)
    assert entry.domain.template == old and entry.domain.title_en == "Establishing the forum"
    assert services.copy_template(template=old, by=administrator).name.endswith("(copy 2)")


def test_a_list_may_follow_a_lead_in_line_and_be_numbered():
    html = narrative("We did three things:\n- met\n- <i>planned</i>\nThen:\n1. first\n2) second")
    assert html == (
        '<p class="govuk-body">We did three things:</p>'
        '<ul class="govuk-list govuk-list--bullet"><li>met</li>'
        "<li>&lt;i&gt;planned&lt;/i&gt;</li></ul>"
        '<p class="govuk-body">Then:</p>'
        '<ol class="govuk-list govuk-list--number"><li>first</li><li>second</li></ol>'
    )
    assert narrative("In 2020. we met") == '<p class="govuk-body">In 2020. we met</p>'


def test_preview_shows_the_text_without_saving_and_save_can_continue(client_as, report):
    client = client_as("secretariat_a")
    url = reverse("reporting:entry", args=[report.pk, 1])
    data = {"text": "Lead in:\n- one\n- two", "status": "in_progress", "revision": 0}
    response = client.post(url, {**data, "preview": "yes"})
    page = response.content.decode()
    assert "Preview: not saved yet" in page and "<li>one</li>" in page
    assert "Lead in:\n- one" in page  # the text box keeps it
    report.entries.get(domain__number=1).refresh_from_db()
    assert report.entries.get(domain__number=1).text == ""
    response = client.post(url, {**data, "then": "continue"})
    assert response["Location"] == url
    assert report.entries.get(domain__number=1).text == "Lead in:\n- one\n- two"
