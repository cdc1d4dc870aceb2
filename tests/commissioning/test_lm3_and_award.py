import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import AuditEvent
from commissioning import services
from commissioning.models import BidOffer, Commitment, Contract, Tender


@pytest.mark.parametrize(
    ("rounds", "lm3"),
    [
        (("1000", "0", "0"), Decimal("1.00")),
        (("1000", "1000", "1000"), Decimal("3.00")),
        (("1400000", "600000", "250000"), Decimal("1.61")),
        (("3", "1", "1"), Decimal("1.67")),
    ],
)
def test_lm3_is_the_three_rounds_over_the_first(rounds, lm3):
    assert services.lm3(*(Decimal(r) for r in rounds)) == lm3


@pytest.mark.parametrize(
    ("rounds", "field"),
    [
        (("1000", "1001", "0"), "lm3_round2"),
        (("1000", "500", "501"), "lm3_round3"),
        (("0", "0", "0"), "lm3_round1"),
        (("1000", "-1", "0"), "lm3_round2"),
    ],
)
def test_lm3_rounds_out_of_order_are_refused(contract, commissioner, rounds, field):
    with pytest.raises(ValidationError) as error:
        services.record_lm3(
            contract=contract,
            **dict(zip(("round1", "round2", "round3"), map(Decimal, rounds), strict=True)),
            by=commissioner,
        )
    assert field in error.value.message_dict
    contract.refresh_from_db()
    assert contract.lm3 is None


def test_lm3_is_kept_with_the_contract_and_audited(contract, commissioner):
    services.record_lm3(
        contract=contract,
        round1=Decimal("1400000"),
        round2=Decimal("600000"),
        round3=Decimal("250000"),
        by=commissioner,
    )
    contract.refresh_from_db()
    assert contract.lm3 == Decimal("1.61")
    assert AuditEvent.objects.filter(object_type="commissioning.contract", detail="LM3 1.61")


def test_the_database_refuses_lm3_rounds_out_of_order(contract):
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=contract.pk).update(lm3_round1=100, lm3_round2=200, lm3_round3=0)


def test_an_award_keeps_the_weights_and_total_and_moves_the_stage(lot, bids, commissioner):
    award = services.award_lot(
        lot=lot,
        bid=bids[0],
        rationale="Highest weighted total.",
        decided_on=datetime.date(2026, 1, 10),
        by=commissioner,
    )
    assert (award.price_weight, award.quality_weight, award.social_value_weight) == (40, 40, 20)
    assert award.total_score == Decimal("85.57")
    lot.tender.refresh_from_db()
    assert lot.tender.stage == Tender.Stage.FINALISING
    with pytest.raises(ValidationError):
        services.award_lot(
            lot=lot, bid=bids[1], rationale="x", decided_on=datetime.date.today(), by=commissioner
        )


def test_an_award_needs_a_rationale_and_a_scored_bid(lot, bids, commissioner):
    with pytest.raises(ValidationError):
        services.award_lot(
            lot=lot, bid=bids[0], rationale="  ", decided_on=datetime.date.today(), by=commissioner
        )
    bids[1].quality_score = None
    bids[1].save()
    with pytest.raises(ValidationError) as error:
        services.award_lot(
            lot=lot, bid=bids[1], rationale="x", decided_on=datetime.date.today(), by=commissioner
        )
    assert "Score every weighted criterion" in str(error.value)
    assert not hasattr(lot, "award") or lot.award is None


def test_the_winning_bids_offers_become_added_commitments(
    lot, bids, framework, measure, commissioner
):
    BidOffer.objects.create(bid=bids[0], measure=measure, quantity=Decimal("6"))
    award = services.award_lot(
        lot=lot,
        bid=bids[0],
        rationale="Highest weighted total.",
        decided_on=datetime.date(2025, 3, 1),
        by=commissioner,
    )
    contract = services.create_contract(
        contract=Contract(
            body=lot.tender.body,
            award=award,
            reference="C-1",
            title="Care",
            category=lot.tender.category,
            supplier=bids[0].bidder,
            value=bids[0].price,
            awarded_on=award.decided_on,
            starts_on=datetime.date(2025, 4, 1),
            ends_on=datetime.date(2026, 3, 31),
            framework=framework,
        ),
        by=commissioner,
    )
    commitment = contract.commitments.get()
    assert commitment.category == Commitment.Category.ADDED
    assert commitment.measure == measure and commitment.target == Decimal("6")
    assert (commitment.starts_on, commitment.ends_on) == (contract.starts_on, contract.ends_on)
    assert commitment.next_return_due == datetime.date(2025, 7, 30)
    lot.tender.refresh_from_db()
    assert lot.tender.stage == Tender.Stage.MANAGING
