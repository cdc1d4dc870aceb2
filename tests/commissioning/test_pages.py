"""A commissioner's pages, through the forms as a user meets them: bad input gets a clear
message and saves nothing; good input is saved and audited."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEvent
from commissioning import views
from commissioning.models import (
    Award,
    Bid,
    Commitment,
    Contract,
    Lot,
    MonitoringReturn,
    PolicySetting,
    Tender,
)
from tests.factories import OrganisationFactory

TENDER = {
    "reference": "NCC-2026-010",
    "title": "Supported living",
    "description": "",
    "category": "health_social_care",
    "estimated_value": "£2,100,000",
    "procedure": "open",
    "stage": "3",
    "engagement_events": "2",
    "well_being_goals": ["healthier", "more_equal"],
    "lived_experience_on_panel": "on",
    "lot-lot_title": "",
    "lot-price_weight": "50",
    "lot-quality_weight": "30",
    "lot-social_value_weight": "20",
}


def post_tender(client, body, **changes):
    return client.post(
        reverse("commissioning:tender_create", args=[body.slug]), {**TENDER, **changes}
    )


def test_a_commissioner_adds_a_tender_with_its_weightings(client_as, body_a):
    response = post_tender(client_as("commissioner"), body_a)
    tender = Tender.objects.get(reference="NCC-2026-010")
    assert response.status_code == 302
    assert tender.estimated_value == Decimal("2100000")
    assert tender.well_being_goals == ["healthier", "more_equal"]
    lot = tender.lots.get()
    assert (lot.number, lot.title, lot.price_weight, lot.social_value_weight) == (
        1,
        "Supported living",
        50,
        20,
    )
    assert AuditEvent.objects.filter(object_type="commissioning.tender", action="create")
    page = client_as("commissioner").get(response.url).content.decode()
    assert "Full social value consideration" not in page  # no policy recorded yet
    assert "No policy recorded" in page


def test_weightings_not_adding_up_to_100_are_refused_and_nothing_is_saved(client_as, body_a):
    response = post_tender(client_as("commissioner"), body_a, **{"lot-social_value_weight": "10"})
    assert response.status_code == 200
    assert "The weightings must add up to 100; they add up to 90." in response.content.decode()
    assert 'value="NCC-2026-010"' in response.content.decode()  # the other input is kept
    assert not Tender.objects.exists()


def test_welsh_messages_for_bad_weightings(client_as, body_a):
    client = client_as("commissioner")
    response = client.post(
        reverse("commissioning:tender_create", args=[body_a.slug]).replace("/en/", "/cy/"),
        {**TENDER, "lot-social_value_weight": "10", "estimated_value": "lots"},
    )
    page = response.content.decode()
    assert "adio i 100" in page
    assert not Tender.objects.exists()


def test_the_bodys_minimum_weighting_warns_or_blocks(client_as, body_a):
    policy = PolicySetting.objects.create(
        body=body_a, starts_on="2020-01-01", minimum_social_value_weight=25
    )
    client = client_as("commissioner")
    response = post_tender(client, body_a)
    assert response.status_code == 302  # a warning: saved, and the warning shown
    page = client.get(response.url).content.decode()
    assert "below this body’s minimum of 25%" in page
    assert "Full social value consideration" in page  # £2.1m is above the £750k threshold
    policy.minimum_rule = PolicySetting.MinimumRule.BLOCK
    policy.save()
    response = post_tender(client, body_a, reference="NCC-2026-011")
    assert response.status_code == 200
    assert "below this body’s minimum of 25%" in response.content.decode()
    assert not Tender.objects.filter(reference="NCC-2026-011").exists()


def test_sub_criteria_must_add_up_to_their_criterion(client_as, body_a, tender, lot):
    url = reverse("commissioning:lot_edit", args=[body_a.slug, tender.pk, lot.pk])
    data = {
        "number": "1",
        "title": "Domiciliary care",
        "price_weight": "40",
        "quality_weight": "40",
        "social_value_weight": "20",
        "sub-TOTAL_FORMS": "2",
        "sub-INITIAL_FORMS": "0",
        "sub-0-criterion": "social_value",
        "sub-0-name": "Local employment",
        "sub-0-weight": "15",
        "sub-1-criterion": "social_value",
        "sub-1-name": "Carbon",
        "sub-1-weight": "10",
    }
    client = client_as("commissioner")
    response = client.post(url, data)
    assert "The social value sub-criteria add up to 25%, not the criterion’s 20%." in (
        response.content.decode()
    )
    assert not lot.sub_criteria.exists()
    response = client.post(url, {**data, "sub-1-weight": "5"})
    assert response.status_code == 302
    assert lot.sub_criteria.count() == 2


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("0", "Enter an amount of more than £0"),
        ("-100", "Enter an amount of more than £0"),
        ("cheap", "Enter a number, like 1250 or 1250.50"),
    ],
)
def test_a_bad_price_is_refused(client_as, body_a, tender, lot, price, message):
    bidder = OrganisationFactory()
    response = client_as("commissioner").post(
        reverse("commissioning:bid_create", args=[body_a.slug, tender.pk, lot.pk]),
        {
            "bidder": bidder.pk,
            "price": price,
            "quality_score": "60",
            "received_on_0": "1",
            "received_on_1": "5",
            "received_on_2": "2026",
            "offer-TOTAL_FORMS": "0",
            "offer-INITIAL_FORMS": "0",
        },
    )
    assert message in response.content.decode()
    assert not Bid.objects.exists()


def test_the_ranking_and_what_if_are_shown_step_by_step(client_as, body_a, tender, lot, bids):
    url = reverse("commissioning:lot", args=[body_a.slug, tender.pk, lot.pk])
    page = client_as("commissioner").get(url).content.decode()
    assert "£1,385,000 ÷ £1,400,000 × 40" in page
    assert "85.57" in page and "72.00" in page
    page = (
        client_as("commissioner")
        .get(url, {"price_weight": "60", "quality_weight": "40", "social_value_weight": "0"})
        .content.decode()
    )
    assert "With weightings of 60/40/0, a different bid ranks first than with 40/40/20." in page
    page = (
        client_as("commissioner")
        .get(url, {"price_weight": "60", "quality_weight": "40", "social_value_weight": "10"})
        .content.decode()
    )
    assert "The weightings must add up to 100; they add up to 110." in page


def test_the_lot_page_uses_a_fixed_number_of_queries(
    client_as, body_a, tender, lot, bids, django_assert_num_queries
):
    client = client_as("commissioner")
    url = reverse("commissioning:lot", args=[body_a.slug, tender.pk, lot.pk])
    client.get(url)
    for n in range(5):
        Bid.objects.create(
            lot=lot, bidder=OrganisationFactory(), price=Decimal(1000 + n), quality_score=1
        )
    # session, user, roles, body, tender, lot, bids, offers, sub-criteria, award, local bidders
    with django_assert_num_queries(11):
        client.get(url)


def test_award_then_contract_then_commitment_then_return(
    client_as, body_a, tender, lot, bids, framework, measure, monkeypatch
):
    monkeypatch.setattr(views, "_today", lambda: datetime.date(2025, 8, 1))
    client = client_as("commissioner")
    lot_url = reverse("commissioning:lot", args=[body_a.slug, tender.pk, lot.pk])
    award_url = reverse("commissioning:award", args=[body_a.slug, tender.pk, lot.pk])
    response = client.post(award_url, {"bid": bids[0].pk, "rationale": ""})
    assert "Explain why this bid is chosen" in response.content.decode()
    assert not Award.objects.exists()
    response = client.post(
        award_url,
        {
            "bid": bids[0].pk,
            "rationale": "Highest weighted total.",
            "decided_on_0": "1",
            "decided_on_1": "3",
            "decided_on_2": "2025",
        },
    )
    assert response.status_code == 302
    assert lot.award.bid == bids[0]
    # A second award, or a change to the bids, is refused once awarded.
    assert client.get(award_url).status_code == 302
    assert (
        client.get(
            reverse("commissioning:bid_create", args=[body_a.slug, tender.pk, lot.pk])
        ).status_code
        == 302
    )

    response = client.post(
        reverse("commissioning:contract_from_award", args=[body_a.slug, tender.pk, lot.pk]),
        {
            "reference": "NCC-C-010",
            "title": "Domiciliary care",
            "value": "1,400,000",
            "awarded_on_0": "1",
            "awarded_on_1": "3",
            "awarded_on_2": "2025",
            "starts_on_0": "1",
            "starts_on_1": "4",
            "starts_on_2": "2025",
            "ends_on_0": "31",
            "ends_on_1": "3",
            "ends_on_2": "2027",
            "extension_months": "12",
            "framework": framework.pk,
            "return_frequency": "3",
        },
    )
    contract = Contract.objects.get(reference="NCC-C-010")
    assert response.status_code == 302
    assert contract.supplier == bids[0].bidder and contract.award == lot.award
    assert client.get(lot_url).content.decode().count("NCC-C-010") >= 1

    commitment_url = reverse("commissioning:commitment_create", args=[body_a.slug, contract.pk])
    bad = client.post(
        commitment_url,
        {
            "measure": measure.pk,
            "category": "core",
            "target": "-3",
            "starts_on_0": "1",
            "starts_on_1": "4",
            "starts_on_2": "2025",
            "ends_on_0": "31",
            "ends_on_1": "3",
            "ends_on_2": "2028",
        },
    )
    page = bad.content.decode()
    assert "Enter a number of more than 0" in page
    assert not contract.commitments.exists()
    client.post(
        commitment_url,
        {
            "measure": measure.pk,
            "category": "core",
            "target": "8",
            "starts_on_0": "1",
            "starts_on_1": "4",
            "starts_on_2": "2025",
            "ends_on_0": "31",
            "ends_on_1": "3",
            "ends_on_2": "2027",
        },
    )
    commitment = contract.commitments.get()
    assert commitment.status(datetime.date(2025, 8, 1)) == Commitment.Status.OVERDUE

    return_url = reverse(
        "commissioning:return_create", args=[body_a.slug, contract.pk, commitment.pk]
    )
    page = client.get(return_url).content.decode()
    assert "01/07/2025 – 30/09/2025" in page  # started: may be returned early
    assert "01/10/2025" not in page  # not started yet
    disguised = SimpleUploadedFile("evidence.pdf", b"MZ not a pdf", "application/pdf")
    response = client.post(
        return_url,
        {
            "period": "2025-04-01",
            "quantity": "1",
            "narrative": "Two started.",
            "evidence": disguised,
        },
    )
    assert "The file must be a" in response.content.decode()
    assert not MonitoringReturn.objects.exists()
    outside = client.post(return_url, {"period": "2027-04-01", "quantity": "1"})
    assert "Choose a monitoring period that has started" in outside.content.decode()
    evidence = SimpleUploadedFile("evidence.pdf", b"%PDF-1.4 evidence", "application/pdf")
    response = client.post(
        return_url,
        {
            "period": "2025-04-01",
            "quantity": "1",
            "narrative": "Two started.",
            "evidence": evidence,
        },
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.delivered == 1
    assert commitment.status(datetime.date(2025, 8, 1)) == Commitment.Status.ON_TRACK
    saved = MonitoringReturn.objects.get()
    assert saved.evidence.get().kind == "pdf"
    download = client.get(
        reverse(
            "commissioning:evidence",
            args=[body_a.slug, contract.pk, commitment.pk, saved.pk, saved.evidence.get().pk],
        )
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.4 evidence"
    assert (
        client_as("commissioner_b")
        .get(
            download.url
            if hasattr(download, "url")
            else reverse(
                "commissioning:evidence",
                args=[body_a.slug, contract.pk, commitment.pk, saved.pk, saved.evidence.get().pk],
            )
        )
        .status_code
        == 404
    )


def test_lm3_page_refuses_rounds_out_of_order(client_as, body_a, contract):
    url = reverse("commissioning:lm3", args=[body_a.slug, contract.pk])
    client = client_as("commissioner")
    response = client.post(url, {"lm3_round1": "1000", "lm3_round2": "2000", "lm3_round3": "0"})
    assert "Round 2 (spent locally) cannot be more than round 1" in response.content.decode()
    contract.refresh_from_db()
    assert contract.lm3 is None
    response = client.post(
        url, {"lm3_round1": "1,400,000", "lm3_round2": "600,000", "lm3_round3": "250,000"}
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.lm3 == Decimal("1.61")


def test_a_tender_with_an_award_cannot_be_deleted(
    client_as, body_a, tender, lot, bids, commissioner
):
    from commissioning import services

    services.award_lot(
        lot=lot, bid=bids[0], rationale="x", decided_on=datetime.date.today(), by=commissioner
    )
    url = reverse("commissioning:tender_delete", args=[body_a.slug, tender.pk])
    response = client_as("commissioner").post(url)
    assert "cannot be deleted" in response.content.decode()
    assert Tender.objects.filter(pk=tender.pk).exists()


def test_deleting_a_tender_asks_first_then_deletes_it(client_as, body_a, tender):
    url = reverse("commissioning:tender_delete", args=[body_a.slug, tender.pk])
    client = client_as("commissioner")
    assert "Are you sure" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Tender.objects.exists() and not Lot.objects.exists()
    assert AuditEvent.objects.filter(object_type="commissioning.tender", action="delete")


def test_empty_states(client_as, body_a):
    client = client_as("commissioner")
    assert (
        "No tenders yet"
        in client.get(reverse("commissioning:body", args=[body_a.slug])).content.decode()
    )
    assert (
        "No contracts yet"
        in client.get(reverse("commissioning:contracts", args=[body_a.slug])).content.decode()
    )


def test_bidders_serving_the_region_are_marked_local(client_as, body_a, tender, lot, bids):
    from forums.models import LocalAuthority

    bids[0].bidder.local_authorities.set([LocalAuthority.objects.get(name_en="Newport")])
    bids[1].bidder.local_authorities.set([LocalAuthority.objects.get(name_en="Gwynedd")])
    url = reverse("commissioning:lot", args=[body_a.slug, tender.pk, lot.pk])
    response = client_as("commissioner").get(url)
    flags = {s.bid.bidder.name: s.bid.local for s in response.context["scored"]}
    assert flags == {"Cwm Care Co-operative": True, "Large Care Ltd": False}


def test_more_evidence_can_be_added_to_a_return(client_as, body_a, contract, commitment):
    from commissioning import services as commissioning_services

    monitoring_return = commissioning_services.record_return(
        monitoring_return=MonitoringReturn(
            commitment=commitment,
            period_start=datetime.date(2025, 4, 1),
            period_end=datetime.date(2025, 6, 30),
            quantity=Decimal("1"),
        ),
        by=None,
    )
    url = reverse(
        "commissioning:evidence_add",
        args=[body_a.slug, contract.pk, commitment.pk, monitoring_return.pk],
    )
    client = client_as("commissioner")
    bad = client.post(url, {"file": SimpleUploadedFile("photo.png", b"not a png")})
    assert "The file must be a" in bad.content.decode()
    assert not monitoring_return.evidence.exists()
    for name, content in (("a.pdf", b"%PDF-1.4 a"), ("b.png", b"\x89PNG\r\n\x1a\n rest")):
        response = client.post(url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code == 302
    assert sorted(e.original_name for e in monitoring_return.evidence.all()) == ["a.pdf", "b.png"]
    page = client.get(
        reverse("commissioning:commitment", args=[body_a.slug, contract.pk, commitment.pk])
    ).content.decode()
    assert "a.pdf" in page and "b.png" in page


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # session, user, roles, body; policy in force, commissioners, tenders count, tenders
        ("commissioning:body", 8),
        # session, user, roles, body; contracts count, contracts with their commitment counts
        ("commissioning:contracts", 6),
    ],
)
def test_list_pages_use_a_fixed_number_of_queries(
    client_as, body_a, contract, commitment, name, expected, django_assert_num_queries
):
    client = client_as("commissioner")
    url = reverse(name, args=[body_a.slug])
    client.get(url)
    for n in range(3):
        Tender.objects.create(
            body=body_a,
            reference=f"T-{n}",
            title="More",
            category="other",
            estimated_value=1,
            procedure="open",
        )
    with django_assert_num_queries(expected):
        client.get(url)
