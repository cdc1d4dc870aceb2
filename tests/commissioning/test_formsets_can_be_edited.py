"""A lot with sub-criteria and a bid with offers load, change and save again: the page
carries each saved row's id (and its delete box), so posting it back edits those rows."""

from decimal import Decimal

from django.urls import reverse

from commissioning.models import BidOffer, SubCriterion
from tests.pages import posted_back


def test_a_lot_with_sub_criteria_saves_unchanged_then_changed(client_as, body_a, tender, lot):
    jobs = SubCriterion.objects.create(
        lot=lot, criterion="social_value", name="Local jobs", weight=15
    )
    carers = SubCriterion.objects.create(lot=lot, criterion="social_value", name="Carers", weight=5)
    client = client_as("commissioner")
    url = reverse("commissioning:lot_edit", args=[body_a.slug, tender.pk, lot.pk])
    data = posted_back(client.get(url).content.decode())
    assert data["sub-0-id"] == str(jobs.pk)

    assert client.post(url, data).status_code == 302  # as it was loaded
    assert lot.sub_criteria.count() == 2

    data = posted_back(client.get(url))  # the page as it is now (the next revision)
    data["sub-0-weight"], data["sub-1-weight"] = "12", "8"
    assert client.post(url, data).status_code == 302
    assert {s.name: s.weight for s in lot.sub_criteria.all()} == {"Local jobs": 12, "Carers": 8}

    data = posted_back(client.get(url).content.decode())
    data["sub-1-DELETE"] = "on"
    data["sub-0-weight"] = "20"
    assert client.post(url, data).status_code == 302
    assert list(lot.sub_criteria.values_list("pk", flat=True)) == [jobs.pk]
    assert not SubCriterion.objects.filter(pk=carers.pk).exists()


def test_a_bid_with_offers_saves_unchanged_then_changed(
    client_as, body_a, tender, lot, bids, measure
):
    bid = bids[0]
    offer = BidOffer.objects.create(bid=bid, measure=measure, quantity=Decimal("8"))
    client = client_as("commissioner")
    url = reverse("commissioning:bid_edit", args=[body_a.slug, tender.pk, lot.pk, bid.pk])
    data = posted_back(client.get(url).content.decode())
    assert data["offer-0-id"] == str(offer.pk)

    assert client.post(url, data).status_code == 302
    assert bid.offers.count() == 1

    data = posted_back(client.get(url))
    data["offer-0-quantity"] = "12"
    assert client.post(url, data).status_code == 302
    assert bid.offers.get().quantity == Decimal("12")
