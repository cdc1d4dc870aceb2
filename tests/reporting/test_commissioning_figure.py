"""The share of health and social care contract value held by not-for-profit organisations:
a figure of the quantitative return derived from the region's commissioning records."""

import datetime
from decimal import Decimal

from django.urls import reverse

from commissioning.models import Contract
from reporting import services
from reporting.models import Figure
from tests.factories import OrganisationFactory
from tests.reporting.conftest import complete

D = datetime.date


def contract(body, supplier, value, *, starts_on, ends_on, category="health_social_care", ref):
    from commissioning.models import Framework

    return Contract.objects.create(
        body=body,
        reference=ref,
        title=ref,
        category=category,
        supplier=supplier,
        value=Decimal(value),
        awarded_on=starts_on,
        starts_on=starts_on,
        ends_on=ends_on,
        framework=Framework.objects.first(),
    )


def test_the_share_comes_from_the_regions_contracts_running_in_the_period(
    client_as, report, body_a, body_b
):
    nfp = OrganisationFactory(name="Cwm Care", not_for_profit=True)
    private = OrganisationFactory(name="Big Care Ltd", not_for_profit=False)
    contract(body_a, nfp, "300000", starts_on=D(2024, 4, 1), ends_on=D(2027, 3, 31), ref="A")
    contract(body_a, private, "700000", starts_on=D(2022, 4, 1), ends_on=D(2023, 6, 30), ref="B")
    # Not counted: another kind of contract, one that ended before the period, another region.
    contract(
        body_a,
        private,
        "999",
        starts_on=D(2024, 1, 1),
        ends_on=D(2025, 1, 1),
        ref="C",
        category="construction",
    )
    contract(body_a, private, "999", starts_on=D(2020, 1, 1), ends_on=D(2023, 3, 31), ref="D")
    contract(body_b, private, "999", starts_on=D(2024, 1, 1), ends_on=D(2025, 1, 1), ref="E")
    page = client_as("secretariat_a").get(reverse("reporting:entry", args=[report.pk, 7]))
    answers = {a.figure.definition.code: a for a in page.context["answers"]}
    share = answers["hsc-nfp-share"]
    assert share.text == "30%" and share.from_records
    detail = {str(r.label): str(r.value) for g in share.details for r in g.rows}
    assert detail == {
        "held by not-for-profit organisations": "£300,000",
        "all of them": "£1,000,000",
        "number of contracts": "2",
    }
    assert "£1,000,000" in page.content.decode()


def test_without_contracts_the_figure_says_no_records_and_waits_for_an_answer(client_as, report):
    page = client_as("secretariat_a").get(reverse("reporting:entry", args=[report.pk, 7]))
    answers = {a.figure.definition.code: a for a in page.context["answers"]}
    share = answers["hsc-nfp-share"]
    assert str(share.text) == "No records in the service"
    assert (share.provided, share.answered, share.amount) == (False, False, None)


def test_the_share_is_frozen_when_the_report_is_submitted(report, secretariat_a, body_a):
    nfp = OrganisationFactory(name="Cwm Care", not_for_profit=True)
    contract(body_a, nfp, "300000", starts_on=D(2024, 4, 1), ends_on=D(2027, 3, 31), ref="A")
    complete(report, secretariat_a)
    services.submit_report(report=report, by=secretariat_a)
    figure = Figure.objects.get(report=report, definition__code="hsc-nfp-share")
    assert figure.derived_value == Decimal("100.0")
    assert figure.derived_detail["contracts"] == 1
    # A contract added afterwards does not change the submitted figure.
    private = OrganisationFactory(name="Big Care Ltd", not_for_profit=False)
    contract(body_a, private, "300000", starts_on=D(2024, 4, 1), ends_on=D(2027, 3, 31), ref="B")
    figure.refresh_from_db()
    assert figure.derived_value == Decimal("100.0")
