"""A lot with sub-criteria and a bid with offers load, change and save again: the page
carries each saved row's id (and its delete box), so posting it back edits those rows."""

from decimal import Decimal
from html.parser import HTMLParser

from django.urls import reverse

from commissioning.models import BidOffer, SubCriterion


class _FormFields(HTMLParser):
    """The values a browser would post from the page's main form, as rendered."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def posted_back(html):
    parser = _FormFields()
    parser.feed(html)
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


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

    data["offer-0-quantity"] = "12"
    assert client.post(url, data).status_code == 302
    assert bid.offers.get().quantity == Decimal("12")
