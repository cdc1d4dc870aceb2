"""The weighted score against worked examples (the method is stated in commissioning.scoring)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from commissioning.scoring import Weights, leaders, score_bids, what_if


def bid(pk, price, quality, social_value):
    return SimpleNamespace(
        pk=pk,
        price=Decimal(price),
        quality_score=None if quality is None else Decimal(quality),
        social_value_score=None if social_value is None else Decimal(social_value),
    )


SOCIAL_ENTERPRISE = bid(1, "1400000", "70", "90")
CHEAPEST = bid(2, "1385000", "70", "20")


def test_the_worked_example_step_by_step():
    ranked = score_bids([SOCIAL_ENTERPRISE, CHEAPEST], Weights(40, 40, 20))
    first, second = ranked
    assert first.bid is SOCIAL_ENTERPRISE
    # 1,385,000 ÷ 1,400,000 × 40 = 39.571…; 70 ÷ 100 × 40 = 28; 90 ÷ 100 × 20 = 18.
    assert [s.points for s in first.steps] == [Decimal("39.57"), Decimal("28.00"), Decimal("18.00")]
    assert first.steps[0].working == "£1,385,000 ÷ £1,400,000 × 40"
    assert first.total == Decimal("85.57")
    assert (first.rank, second.rank) == (1, 2)
    assert second.total == Decimal("72.00")
    assert not first.tie


def test_without_social_value_scored_the_cheapest_bid_wins():
    """The £600k / £15k case: weighted 60/40/0 the cheaper bid ranks first."""
    ranked = score_bids([SOCIAL_ENTERPRISE, CHEAPEST], Weights(60, 40, 0))
    assert ranked[0].bid is CHEAPEST
    assert ranked[0].total == Decimal("88.00")
    assert ranked[1].total == Decimal("87.36")


def test_what_if_shows_the_winner_changing():
    comparison = what_if([SOCIAL_ENTERPRISE, CHEAPEST], Weights(40, 40, 20), Weights(60, 40, 0))
    assert comparison.winner_changes
    bid_now_then = {b.pk: (now.rank, then.rank) for b, now, then in comparison.rows}
    assert bid_now_then == {1: (1, 2), 2: (2, 1)}
    same = what_if([SOCIAL_ENTERPRISE, CHEAPEST], Weights(40, 40, 20), Weights(40, 30, 30))
    assert not same.winner_changes


def test_equal_totals_share_a_rank_and_are_flagged_as_a_tie():
    a, b, c = bid(1, "100", "50", "50"), bid(2, "100", "50", "50"), bid(3, "200", "50", "50")
    ranked = score_bids([c, a, b], Weights(50, 25, 25))
    assert [(s.bid.pk, s.rank, s.tie) for s in ranked] == [
        (1, 1, True),
        (2, 1, True),
        (3, 3, False),
    ]
    assert {s.bid.pk for s in leaders(ranked)} == {1, 2}


def test_a_bid_missing_a_weighted_score_is_not_ranked():
    unscored = bid(3, "90", None, "10")
    ranked = score_bids([SOCIAL_ENTERPRISE, unscored], Weights(40, 40, 20))
    assert ranked[-1].bid is unscored
    assert ranked[-1].rank is None and ranked[-1].total is None
    assert ranked[-1].missing == ["quality"]
    # ... but a missing score whose criterion weighs nothing does not matter.
    ranked = score_bids([bid(4, "90", "50", None)], Weights(50, 50, 0))
    assert ranked[0].rank == 1 and ranked[0].total == Decimal("75.00")


def test_the_lowest_price_scores_the_full_price_weighting():
    ranked = score_bids([bid(1, "0.01", "0", "0"), bid(2, "1", "0", "0")], Weights(100, 0, 0))
    assert ranked[0].total == Decimal("100.00")
    assert ranked[1].total == Decimal("1.00")


@pytest.mark.parametrize(
    ("weights", "valid"),
    [((60, 30, 10), True), ((40, 60, 0), True), ((50, 30, 10), False), ((101, 0, -1), False)],
)
def test_weights_must_add_up_to_100(weights, valid):
    assert Weights(*weights).valid is valid
