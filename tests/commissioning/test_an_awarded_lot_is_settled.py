"""Once a lot is awarded, its criteria and bids are the record of how it was decided: the
services refuse to change them, whatever page (or import, or script) asks."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commissioning import scoring, services
from commissioning.models import Bid, Lot, PolicySetting, SubCriterion, Tender
from tests.factories import OrganisationFactory


@pytest.fixture
def awarded(lot, bids, commissioner):
    services.award_lot(
        lot=lot,
        bid=bids[0],
        rationale="Highest weighted total.",
        decided_on=datetime.date(2026, 1, 10),
        by=commissioner,
    )
    return Lot.objects.get(pk=lot.pk)


def test_an_awarded_lots_criteria_are_refused(awarded, commissioner):
    awarded.price_weight, awarded.quality_weight = 50, 30
    with pytest.raises(ValidationError) as error:
        services.save_lot(lot=awarded, sub_criteria=[], removed=[], by=commissioner)
    assert services.LOT_AWARDED in error.value.messages
    assert Lot.objects.get(pk=awarded.pk).price_weight == 40


def test_an_awarded_lot_cannot_be_deleted_nor_its_tender(awarded, commissioner):
    Lot.objects.create(
        tender=awarded.tender,
        number=2,
        title="Night care",
        price_weight=40,
        quality_weight=40,
        social_value_weight=20,
    )
    with pytest.raises(ValidationError) as error:
        services.delete_lot(lot=awarded, by=commissioner)
    assert services.LOT_AWARDED_DELETE in error.value.messages
    with pytest.raises(ValidationError) as error:
        services.delete_tender(tender=awarded.tender, by=commissioner)
    assert services.TENDER_AWARDED in error.value.messages
    assert Lot.objects.filter(pk=awarded.pk).exists()


def test_an_awarded_lots_bids_are_refused(awarded, bids, commissioner):
    bid = Bid.objects.get(pk=bids[1].pk)
    bid.price = Decimal("1")
    with pytest.raises(ValidationError) as error:
        services.save_bid(bid=bid, offers=[], removed=[], by=commissioner)
    assert services.BIDS_FROZEN in error.value.messages
    new = Bid(lot=awarded, bidder=OrganisationFactory(), price=Decimal("900000"))
    with pytest.raises(ValidationError):
        services.save_bid(bid=new, offers=[], removed=[], by=commissioner)
    with pytest.raises(ValidationError):
        services.delete_bid(bid=bid, by=commissioner)
    assert Bid.objects.filter(lot=awarded).count() == 2
    assert Bid.objects.get(pk=bid.pk).price == Decimal("1385000")


def test_a_tenders_last_lot_is_refused(lot, commissioner):
    with pytest.raises(ValidationError) as error:
        services.delete_lot(lot=lot, by=commissioner)
    assert services.LOT_LAST in error.value.messages


def test_a_lot_saves_with_its_sub_criteria_until_it_is_awarded(lot, commissioner):
    lot.social_value_weight, lot.quality_weight = 30, 30
    rows = [
        SubCriterion(criterion="social_value", name="Local jobs", weight=20),
        SubCriterion(criterion="social_value", name="Carers", weight=10),
    ]
    services.save_lot(lot=lot, sub_criteria=rows, removed=[], changed=["weights"], by=commissioner)
    assert sorted(lot.sub_criteria.values_list("weight", flat=True)) == [10, 20]
    assert Lot.objects.get(pk=lot.pk).social_value_weight == 30


def test_a_minimum_weighting_that_blocks_is_refused_by_the_services(
    body_a, tender, lot, commissioner
):
    PolicySetting.objects.create(
        body=body_a,
        starts_on="2020-01-01",
        minimum_social_value_weight=25,
        minimum_rule=PolicySetting.MinimumRule.BLOCK,
    )
    with pytest.raises(ValidationError) as error:
        services.save_lot(lot=lot, sub_criteria=[], removed=[], by=commissioner)
    assert "below this body’s minimum of 25%" in str(error.value)
    with pytest.raises(ValidationError):
        services.create_tender(
            tender=Tender(
                body=body_a,
                reference="NCC-2026-099",
                title="Respite",
                category=Tender.Category.HEALTH_SOCIAL_CARE,
                estimated_value=Decimal("100000"),
                procedure=Tender.Procedure.OPEN,
            ),
            lot_title="",
            weights=scoring.Weights(price=60, quality=30, social_value=10),
            by=commissioner,
        )
    assert not Tender.objects.filter(reference="NCC-2026-099").exists()


def test_the_bid_page_shows_the_refusal(client_as, body_a, awarded, bids):
    url = reverse(
        "commissioning:bid_edit", args=[body_a.slug, awarded.tender.pk, awarded.pk, bids[1].pk]
    )
    response = client_as("commissioner").get(url, follow=True)
    assert str(services.BIDS_FROZEN) in response.content.decode()
