"""Two people of a secretariat changing the same case study, work-programme item or figure:
the second save is refused with both versions shown and nothing lost."""

import datetime

from django.urls import reverse

from reporting.models import CaseStudy, Figure, WorkProgrammeItem
from tests.pages import edit_at_once


def test_a_case_study(client_as, report):
    study = CaseStudy.objects.create(
        report=report,
        title="Carers' café",
        summary="A weekly café run by carers.",
        what_was_valued="Time with others who understand.",
        what_changed="Fewer carers in crisis.",
        community_gain="A place to meet.",
        started_on=datetime.date(2024, 5, 1),
    )
    url = reverse("reporting:case_studies_edit", args=[report.pk, study.pk])
    edit_at_once(
        client_as("secretariat_a"),
        client_as("secretariat_a"),
        url,
        "summary",
        theirs="A weekly café run by carers in Blaenau Gwent.",
        mine="A weekly café, now in three towns.",
        saved=lambda: CaseStudy.objects.get(pk=study.pk).summary,
    )
    history = CaseStudy.objects.get(pk=study.pk).history.order_by("history_id")
    assert history.last().history_user.name == "Alice Secretariat"


def test_a_work_programme_item(client_as, report):
    item = WorkProgrammeItem.objects.create(
        report=report, aim="Grow the carers' network", lead="Forum", timescale="2026"
    )
    url = reverse("reporting:work_programme_edit", args=[report.pk, item.pk])
    edit_at_once(
        client_as("secretariat_a"),
        client_as("secretariat_a"),
        url,
        "timescale",
        theirs="April to September 2026",
        mine="By March 2027",
        saved=lambda: WorkProgrammeItem.objects.get(pk=item.pk).timescale,
    )


def test_a_figure(client_as, report):
    figure = report.figures.entered().filter(definition__kind="count").first()
    figure.state, figure.value = Figure.State.VALUE, 12
    figure.save()
    url = reverse("reporting:figure", args=[report.pk, figure.definition.code])
    first, second = client_as("secretariat_a"), client_as("secretariat_a")
    for client in (first, second):
        client.get(url)
    edit_at_once(
        first,
        second,
        url,
        "qualifier",
        theirs="2018/19 data only",
        mine="4 of 5 local authorities",
        saved=lambda: Figure.objects.get(pk=figure.pk).qualifier,
    )
