import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning import dashboard, services, views
from commissioning.models import Commitment, Contract, Lot, MonitoringReturn
from tests.conftest import PERSONAS
from tests.factories import OrganisationFactory

D = datetime.date


def make_contract(body, framework, supplier, value, *, category="health_social_care", ref="C"):
    return Contract.objects.create(
        body=body,
        reference=ref,
        title=ref,
        category=category,
        supplier=supplier,
        value=Decimal(value),
        awarded_on=D(2025, 3, 1),
        starts_on=D(2025, 4, 1),
        ends_on=D(2027, 3, 31),
        framework=framework,
    )


@pytest.fixture
def portfolio(body_a, framework, commissioner):
    """Two contracts: one with an overdue return, one with an off-track commitment."""
    from commissioning.models import Measure

    spend = Measure.objects.get(code="G1.2.1")  # £, proxy £1
    jobs = Measure.objects.get(code="G1.1.1")  # recorded only
    nfp = OrganisationFactory(name="Cwm Care", not_for_profit=True, social_value_organisation=True)
    private = OrganisationFactory(name="Big Care Ltd", sector="private", not_for_profit=False)
    late = make_contract(body_a, framework, nfp, "300000", ref="C-LATE")
    slow = make_contract(body_a, framework, private, "700000", ref="C-SLOW", category="other")
    commitments = {}
    for name, contract, measure, target in (
        ("late", late, jobs, "10"),
        ("slow", slow, spend, "100000"),
    ):
        commitments[name] = services.save_commitment(
            commitment=Commitment(
                contract=contract,
                measure=measure,
                category="core",
                target=Decimal(target),
                starts_on=contract.starts_on,
                ends_on=contract.ends_on,
                proxy_value=measure.proxy_value,
            ),
            by=commissioner,
        )
    services.record_return(
        monitoring_return=MonitoringReturn(
            commitment=commitments["slow"],
            period_start=D(2025, 4, 1),
            period_end=D(2025, 6, 30),
            quantity=Decimal("1000"),
        ),
        by=commissioner,
    )
    return late, slow, commitments


def test_the_body_dashboard(body_a, portfolio):
    late, slow, commitments = portfolio
    board = dashboard.body_dashboard(body_a, D(2025, 8, 15))
    # The late contract's first return was due on 30 July; the slow one's next is due 30 October.
    assert [c.reference for c in board.overdue_contracts] == ["C-LATE"]
    assert board.overdue_contract_count == 1
    assert [c.pk for c in board.off_track] == [commitments["slow"].pk]
    (theme,) = board.themes
    assert theme.theme == "A prosperous Wales"
    assert (theme.commitments, theme.overdue, theme.off_track) == (2, 1, 1)
    assert theme.promised == Decimal("100000") and theme.delivered == Decimal("1000")
    assert theme.share == Decimal("1.0")
    assert board.chart.startswith("data:image/svg+xml")


def test_the_body_dashboard_page_uses_a_fixed_number_of_queries(
    client_as, body_a, portfolio, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(views, "_today", lambda: D(2025, 8, 15))
    client = client_as("commissioner")
    url = reverse("commissioning:dashboard", args=[body_a.slug])
    page = client.get(url).content.decode()
    assert "C-LATE" in page and "1 commitment is off track" in page
    # session, user, roles, body; overdue contracts and their count; off-track commitments
    # and their count; commitments by theme
    with django_assert_num_queries(9):
        client.get(url)


def test_the_region_dashboard(body_a, portfolio, forum_a, tender):
    board = dashboard.region_dashboard(forum_a)
    assert board.total.value == Decimal("1000000")
    assert board.total.not_for_profit_share == Decimal("30.0")
    assert board.total.social_value_share == Decimal("30.0")
    assert board.health_social_care.not_for_profit_share == Decimal("100.0")
    assert [a.area for a in board.areas] == ["Newport"]
    # The tender fixture's lot is weighted 40/40/20.
    assert dict(board.weightings)["20–29%"] == 1 and board.lots == 1
    Lot.objects.create(tender=tender, number=2, title="x", price_weight=60, quality_weight=40)
    assert dict(dashboard.region_dashboard(forum_a).weightings)["0%"] == 1
    assert dashboard.not_for_profit_share(forum_a, category="health_social_care") == (
        Decimal("100.0"),
        Decimal("300000"),
        Decimal("300000"),
    )


def test_a_region_without_contracts(client_as, forum_b, analyst):
    page = client_as("analyst").get(reverse("commissioning:region", args=[forum_b.slug]))
    assert "No contracts are recorded for this region." in page.content.decode()
    assert "No tenders are recorded for this region." in page.content.decode()


REGION = {
    "secretariat_a": 200,
    "secretariat_b": 404,
    "analyst": 200,
    "commissioner": 200,
    "commissioner_b": 404,
    "administrator": 200,
    "anonymous": 302,
}


@pytest.mark.parametrize("persona", [*PERSONAS, "commissioner_b"])
def test_who_sees_a_regions_figures(client_as, forum_a, body_a, persona):
    response = client_as(persona).get(reverse("commissioning:region", args=[forum_a.slug]))
    assert response.status_code == REGION[persona]


@pytest.mark.parametrize("persona", [*PERSONAS, "commissioner_b"])
def test_who_sees_a_bodys_dashboard(client_as, body_a, persona):
    response = client_as(persona).get(reverse("commissioning:dashboard", args=[body_a.slug]))
    expected = {**REGION, "secretariat_a": 404, "analyst": 404}
    assert response.status_code == expected[persona]


def test_a_reserved_name_cannot_be_a_bodys_slug(body_a):
    from django.core.exceptions import ValidationError

    body_a.slug = "regions"
    with pytest.raises(ValidationError):
        body_a.full_clean()


def test_the_public_register_shows_commitments_and_nothing_private(
    client, body_a, portfolio, django_assert_max_num_queries
):
    late, slow, commitments = portfolio
    MonitoringReturn.objects.update(narrative="Jane Doe of 4 Elm Road started work.")
    url = reverse("commissioning:public", args=[body_a.slug])
    assert client.get(url).status_code == 404  # not published
    body_a.publish_contracts = True
    body_a.save()
    page = client.get(url).content.decode()
    assert "C-LATE" in page and "Cwm Care" in page and "£300,000" in page
    assert "Local people employed on the contract" in page
    assert "Jane Doe" not in page  # narratives stay private
    assert "Dai Commissioner" not in page  # and who recorded what
    assert body_a.name_en in client.get(reverse("commissioning:public_index")).content.decode()
    # body, contracts count, contracts, commitments with their measures
    with django_assert_max_num_queries(5):
        client.get(url)


def test_an_unpublished_bodys_register_is_not_found(client, body_b):
    assert client.get(reverse("commissioning:public", args=[body_b.slug])).status_code == 404
    assert client.get(reverse("commissioning:public", args=["nobody"])).status_code == 404
