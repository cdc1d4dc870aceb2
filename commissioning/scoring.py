"""The weighted score of bids, shown step by step.

The method (stated on every page that ranks bids):

* price points = lowest price ÷ bid price × price weighting;
* quality points = quality score ÷ 100 × quality weighting;
* social value points = social value score ÷ 100 × social value weighting;
* total = the sum, out of 100, rounded to two places; the highest total ranks first.

Equal totals share a rank (1, 1, 3) and are flagged as a tie, for the award's rationale to
settle. A bid still missing a score that carries weight is not ranked. Prices must be more
than £0 (a database constraint), so the division is always defined.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from commissioning.models import Criterion

HUNDRED = Decimal("100")
CENT = Decimal("0.01")

METHOD = _(
    "Price points = lowest price ÷ bid price × price weighting. Quality points = quality score "
    "÷ 100 × quality weighting. Social value points = social value score ÷ 100 × social value "
    "weighting. The total is their sum, out of 100; the highest total ranks first."
)


def _round(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Weights:
    price: int
    quality: int
    social_value: int

    @classmethod
    def of(cls, lot):
        return cls(lot.price_weight, lot.quality_weight, lot.social_value_weight)

    def __str__(self):
        return f"{self.price}/{self.quality}/{self.social_value}"

    @property
    def valid(self):
        parts = (self.price, self.quality, self.social_value)
        return all(0 <= p <= 100 for p in parts) and sum(parts) == 100


@dataclass
class Step:
    criterion: str
    label: str
    working: str  # e.g. "£1,385,000 ÷ £1,400,000 × 40"
    points: Decimal


@dataclass
class ScoredBid:
    bid: object
    steps: list = field(default_factory=list)
    total: Decimal | None = None
    rank: int | None = None
    tie: bool = False
    missing: list = field(default_factory=list)

    @property
    def ranked(self):
        return self.rank is not None


def _number(value):
    """70 rather than 70.00; 72.5 rather than 72.50."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _money(value):
    return f"£{value:,.2f}".replace(".00", "")


def score_bids(bids, weights):
    """Each bid's points, total and rank under ``weights`` (ranked bids first, by rank)."""
    bids = list(bids)
    prices = [b.price for b in bids if b.price and b.price > 0]
    lowest = min(prices) if prices else None
    scored = []
    for bid in bids:
        result = ScoredBid(bid=bid)
        price_points = lowest / bid.price * weights.price if lowest else Decimal(0)
        result.steps.append(
            Step(
                Criterion.PRICE,
                Criterion.PRICE.label,
                f"{_money(lowest)} ÷ {_money(bid.price)} × {weights.price}",
                _round(price_points),
            )
        )
        total = price_points
        for criterion, score, weight in (
            (Criterion.QUALITY, bid.quality_score, weights.quality),
            (Criterion.SOCIAL_VALUE, bid.social_value_score, weights.social_value),
        ):
            if score is None:
                if weight:
                    result.missing.append(criterion)
                score = Decimal(0)
            points = score / HUNDRED * weight
            total += points
            working = f"{_number(score)} ÷ 100 × {weight}"
            result.steps.append(Step(criterion, criterion.label, working, _round(points)))
        if not result.missing:
            result.total = _round(total)
        scored.append(result)
    ranked = sorted((s for s in scored if s.total is not None), key=lambda s: -s.total)
    for position, item in enumerate(ranked):
        if position and item.total == ranked[position - 1].total:
            item.rank = ranked[position - 1].rank
        else:
            item.rank = position + 1
    for item in ranked:
        item.tie = sum(1 for other in ranked if other.total == item.total) > 1
    unranked = [s for s in scored if s.total is None]
    return ranked + unranked


def leaders(scored):
    """The bids ranked first (more than one when they tie)."""
    return [s for s in scored if s.rank == 1]


@dataclass
class Comparison:
    """The same bids ranked under the lot's weights and under others."""

    current: Weights
    other: Weights
    rows: list  # (bid, scored under current, scored under other)

    @property
    def winner_changes(self):
        now = {s.bid.pk for s in self.rows_current if s.rank == 1}
        then = {s.bid.pk for s in self.rows_other if s.rank == 1}
        return bool(now) and bool(then) and now != then

    @property
    def rows_current(self):
        return [current for _, current, _ in self.rows]

    @property
    def rows_other(self):
        return [other for _, _, other in self.rows]


def what_if(bids, current, other):
    """Rankings of ``bids`` under the current weights and under ``other``, bid by bid in
    the order of the other ranking."""
    bids = list(bids)
    now = {s.bid.pk: s for s in score_bids(bids, current)}
    then = score_bids(bids, other)
    return Comparison(current, other, [(s.bid, now[s.bid.pk], s) for s in then])
