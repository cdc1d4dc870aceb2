"""Two commissioners changing the same tender, lot, bid, contract or commitment: the second
save is refused with both versions shown, nothing is lost, and history says who changed
what."""

from django.urls import reverse

from commissioning.models import Bid, Commitment, Contract, Lot, Tender
from tests.pages import edit_at_once


def test_a_tender(client_as, body_a, tender):
    url = reverse("commissioning:tender_edit", args=[body_a.slug, tender.pk])
    edit_at_once(
        client_as("commissioner"),
        client_as("commissioner"),
        url,
        "title",
        theirs="Domiciliary care across Newport",
        mine="Home care in Newport and Caerleon",
        saved=lambda: Tender.objects.get(pk=tender.pk).title,
    )
    history = Tender.objects.get(pk=tender.pk).history.order_by("history_id")
    assert [h.title for h in history][-2:] == [
        "Domiciliary care across Newport",
        "Home care in Newport and Caerleon",
    ]
    assert history.last().history_user.name == "Dai Commissioner"


def test_a_lot(client_as, body_a, tender, lot):
    url = reverse("commissioning:lot_edit", args=[body_a.slug, tender.pk, lot.pk])
    edit_at_once(
        client_as("commissioner"),
        client_as("commissioner"),
        url,
        "title",
        theirs="Care at home, east",
        mine="Care at home, north",
        saved=lambda: Lot.objects.get(pk=lot.pk).title,
    )


def test_a_bid(client_as, body_a, tender, lot, bids):
    bid = bids[0]
    url = reverse("commissioning:bid_edit", args=[body_a.slug, tender.pk, lot.pk, bid.pk])
    edit_at_once(
        client_as("commissioner"),
        client_as("commissioner"),
        url,
        "notes",
        theirs="Strong on local jobs.",
        mine="Clarify the apprenticeship numbers.",
        saved=lambda: Bid.objects.get(pk=bid.pk).notes,
    )


def test_a_contract(client_as, body_a, contract):
    url = reverse("commissioning:contract_edit", args=[body_a.slug, contract.pk])
    edit_at_once(
        client_as("commissioner"),
        client_as("commissioner"),
        url,
        "title",
        theirs="Domiciliary care, Newport east",
        mine="Domiciliary care, Newport west",
        saved=lambda: Contract.objects.get(pk=contract.pk).title,
    )


def test_a_commitment(client_as, body_a, contract, commitment):
    url = reverse("commissioning:commitment_edit", args=[body_a.slug, contract.pk, commitment.pk])
    edit_at_once(
        client_as("commissioner"),
        client_as("commissioner"),
        url,
        "description",
        theirs="Eight apprenticeships for local people.",
        mine="Eight apprenticeships, four for care leavers.",
        saved=lambda: Commitment.objects.get(pk=commitment.pk).description,
    )


def test_a_tender_moved_on_by_an_award_is_not_put_back(client_as, body_a, tender, lot, bids):
    """An award moves the tender to 'finalising' as a revision of its own: a change to the
    tender begun before it is refused, not allowed to set the stage back."""
    from commissioning import services
    from tests.pages import posted_back

    client = client_as("commissioner")
    url = reverse("commissioning:tender_edit", args=[body_a.slug, tender.pk])
    form = posted_back(client.get(url))
    services.award_lot(
        lot=lot, bid=bids[0], rationale="Best value.", decided_on=tender.created_at.date(), by=None
    )
    form["title"] = "Care at home"
    assert client.post(url, form).status_code == 409
    assert Tender.objects.get(pk=tender.pk).stage == Tender.Stage.FINALISING
