"""The OCDS export, validated against the standard's own schemas with the extensions applied."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning import ocds, services
from commissioning.models import BidOffer, Commitment, Contract, MonitoringReturn, SubCriterion
from tests.commissioning.ocds_schema import errors

D = datetime.date


@pytest.fixture
def awarded(tender, lot, bids, framework, measure, commissioner):
    """A tender taken through to a contract with a commitment and a return."""
    tender.well_being_goals = ["prosperous", "more_equal"]
    tender.published_on, tender.closes_on = D(2025, 1, 6), D(2025, 2, 10)
    tender.save()
    SubCriterion.objects.create(lot=lot, criterion="social_value", name="Local jobs", weight=20)
    BidOffer.objects.create(bid=bids[0], measure=measure, quantity=Decimal("6"))
    bids[0].bidder.address = "1 High Street\nNewport"
    bids[0].bidder.save()
    award = services.award_lot(
        lot=lot, bid=bids[0], rationale="Highest total.", decided_on=D(2025, 3, 1), by=commissioner
    )
    contract = services.create_contract(
        contract=Contract(
            body=tender.body,
            award=award,
            reference="C-1",
            title="Domiciliary care",
            category=tender.category,
            supplier=bids[0].bidder,
            value=bids[0].price,
            awarded_on=award.decided_on,
            starts_on=D(2025, 4, 1),
            ends_on=D(2027, 3, 31),
            extension_months=12,
            framework=framework,
        ),
        by=commissioner,
    )
    commitment = contract.commitments.get()
    services.record_return(
        monitoring_return=MonitoringReturn(
            commitment=commitment,
            period_start=D(2025, 4, 1),
            period_end=D(2025, 6, 30),
            quantity=Decimal("2"),
            narrative="Private story of a named person.",
        ),
        by=commissioner,
    )
    return tender, contract, commitment


def test_a_tender_release_package_is_valid_ocds(awarded):
    tender, contract, commitment = awarded
    package = ocds.tender_package(tender, uri="https://example.org/ocds.json")
    assert errors(package) == []
    (release,) = package["releases"]
    assert release["ocid"] == f"ocds-svforum-tender-{tender.pk}"
    assert release["tag"] == ["tender", "award", "contract", "implementation"]
    criteria = release["tender"]["lots"][0]["awardCriteria"]["criteria"]
    assert [(c["type"], c["name"], c["numbers"][0]) for c in criteria] == [
        ("price", "Price", {"number": 40, "weight": "percentageExact"}),
        ("quality", "Quality", {"number": 40, "weight": "percentageExact"}),
        ("quality", "Social value", {"number": 20, "weight": "percentageExact"}),
    ]
    assert criteria[2]["description"] == "Local jobs (20%)"
    assert [s["goal"] for s in release["tender"]["sustainability"]] == [
        "economic.localEconomyPromotion",
        "social.disadvantagedEmploymentOpportunities",
    ]
    assert release["tender"]["numberOfTenderers"] == 2
    award = release["awards"][0]
    assert award["relatedLots"] == ["1"] and award["value"] == {
        "amount": 1400000,
        "currency": "GBP",
    }
    assert award["agreedMetrics"][0]["observations"][0]["measure"] == 6
    (built,) = release["contracts"]
    assert built["awardID"] == award["id"]
    assert built["agreedMetrics"][0]["observations"][0]["measure"] == 6  # the offer, added
    implementation = built["implementation"]["metrics"][0]
    assert implementation["id"] == f"commitment-{commitment.pk}"
    assert implementation["observations"][0]["measure"] == 2
    assert built["period"]["maxExtentDate"] == "2028-03-31T00:00:00Z"
    text = json.dumps(package)
    assert "Private story" not in text and "dai@example.org" not in text
    # The losing bid's price stays out; its bidder is named as a tenderer only.
    assert "1385000" not in text


def test_a_tender_without_bids_is_valid_too(tender):
    package = ocds.tender_package(tender, uri="https://example.org/ocds.json")
    assert errors(package) == []
    assert package["releases"][0]["tag"] == ["tender"]
    assert package["releases"][0]["tender"]["hasSustainability"] is False


def test_the_validator_catches_a_broken_release(tender):
    """The validation is real: breaking the export makes it fail."""
    package = ocds.tender_package(tender, uri="https://example.org/ocds.json")
    package["releases"][0]["tender"]["lots"][0]["awardCriteria"]["criteria"][0]["numbers"][0][
        "weight"
    ] = "percent"
    del package["releases"][0]["initiationType"]
    problems = errors(package)
    assert any("percent" in p for p in problems)
    assert any("initiationType" in p for p in problems)


def test_the_body_register_streams_every_process(
    client_as, awarded, body_a, framework, commissioner
):
    tender, contract, commitment = awarded
    elsewhere = services.create_contract(
        contract=Contract(
            body=body_a,
            reference="OLD-1",
            title="Meals on wheels",
            category="health_social_care",
            supplier=contract.supplier,
            value=Decimal("90000"),
            awarded_on=D(2024, 1, 1),
            starts_on=D(2024, 2, 1),
            ends_on=D(2026, 1, 31),
            framework=framework,
        ),
        by=commissioner,
    )
    response = client_as("commissioner").get(
        reverse("commissioning:register_ocds", args=[body_a.slug])
    )
    assert response.status_code == 200 and response.streaming
    package = json.loads(b"".join(response.streaming_content))
    assert errors(package) == []
    ocids = [r["ocid"] for r in package["releases"]]
    assert ocids == [f"ocds-svforum-tender-{tender.pk}", f"ocds-svforum-contract-{elsewhere.pk}"]
    assert package["publisher"]["name"] == body_a.name_en


def test_the_export_uses_a_fixed_number_of_queries_per_chunk(
    awarded, body_a, django_assert_num_queries
):
    from commissioning.models import Lot, Tender

    for n in range(3):
        extra = Tender.objects.create(
            body=body_a,
            reference=f"T-{n}",
            title="More",
            category="other",
            estimated_value=1,
            procedure="open",
        )
        Lot.objects.create(tender=extra, title="x", price_weight=100)
    # tenders; lots with award, bid, bidder, contract; sub-criteria; bids with bidders;
    # offers; commitments with measures; returns; contracts let elsewhere
    with django_assert_num_queries(9):
        b"".join(x.encode() for x in ocds.stream_register(body_a, uri="https://example.org/"))


@pytest.mark.parametrize(
    ("persona", "status"),
    [("commissioner", 200), ("commissioner_b", 404), ("analyst", 404), ("anonymous", 302)],
)
def test_who_may_download_the_export(client_as, tender, body_a, persona, status):
    for url in (
        reverse("commissioning:tender_ocds", args=[body_a.slug, tender.pk]),
        reverse("commissioning:register_ocds", args=[body_a.slug]),
    ):
        assert client_as(persona).get(url).status_code == status


def test_a_published_bodys_export_is_open_data(client, tender, body_a):
    url = reverse("commissioning:public_ocds", args=[body_a.slug])
    assert client.get(url).status_code == 404
    body_a.publish_contracts = True
    body_a.save()
    response = client.get(url)
    assert errors(json.loads(b"".join(response.streaming_content))) == []


def test_an_unsettled_commitment_exports_no_implementation(awarded):
    tender, contract, commitment = awarded
    MonitoringReturn.objects.all().delete()
    package = ocds.tender_package(tender, uri="https://example.org/")
    assert "implementation" not in package["releases"][0]["contracts"][0]
    assert errors(package) == []
    assert Commitment.objects.count() == 1
