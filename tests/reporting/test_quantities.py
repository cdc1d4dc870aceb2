"""Numbers as forums write them: read into qualified values, refused when ambiguous, added
up and held to targets honestly."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reporting.quantities import Precision, Quantity, parse, standing, text, total, typed

D = Decimal


@pytest.mark.parametrize(
    ("typed_in", "kind", "expected", "shown"),
    [
        ("£1,286,505", "money", Quantity(Precision.EXACT, D("1286505")), "£1,286,505"),
        ("1.2m", "money", Quantity(Precision.EXACT, D("1200000")), "£1,200,000"),
        ("3.6 million", "money", Quantity(Precision.EXACT, D("3600000")), "£3,600,000"),
        ("£3.6m", "money", Quantity(Precision.EXACT, D("3600000")), "£3,600,000"),
        ("140+", "count", Quantity(Precision.AT_LEAST, D(140)), "140+"),
        ("at least 140", "count", Quantity(Precision.AT_LEAST, D(140)), "140+"),
        ("over 140", "count", Quantity(Precision.AT_LEAST, D(140)), "140+"),
        ("o leiaf 140", "count", Quantity(Precision.AT_LEAST, D(140)), "140+"),
        ("3-5", "count", Quantity(Precision.RANGE, D(3), D(5)), "3–5"),
        ("3–5", "count", Quantity(Precision.RANGE, D(3), D(5)), "3–5"),
        ("between 3 and 5", "count", Quantity(Precision.RANGE, D(3), D(5)), "3–5"),
        ("rhwng 3 a 5", "count", Quantity(Precision.RANGE, D(3), D(5)), "3–5"),
        ("1-1.5m", "money", Quantity(Precision.RANGE, D(1000000), D(1500000)), None),
        ("about 4000", "count", Quantity(Precision.ABOUT, D(4000)), "about 4,000"),
        ("about 4,000", "count", Quantity(Precision.ABOUT, D(4000)), "about 4,000"),
        ("c. 200", "count", Quantity(Precision.ABOUT, D(200)), "about 200"),
        ("tua 4000", "count", Quantity(Precision.ABOUT, D(4000)), "about 4,000"),
        ("1 250", "money", Quantity(Precision.EXACT, D(1250)), "£1,250"),
        ("23.5%", "percentage", Quantity(Precision.EXACT, D("23.5")), "23.5%"),
        ("1.2k", "count", Quantity(Precision.EXACT, D(1200)), "1,200"),
        ("0", "count", Quantity(Precision.EXACT, D(0)), "0"),
    ],
)
def test_numbers_are_read_as_people_write_them(typed_in, kind, expected, shown):
    quantity = parse(typed_in, kind)
    assert quantity == expected
    if shown:
        assert text(quantity, kind) == shown
    # What is put back in the box reads as the same value.
    assert parse(typed(quantity), kind) == quantity


def test_counts_stay_whole():
    assert parse("1,250", "count").low == 1250
    assert parse("1,250", "count").low.as_tuple().exponent == 0


@pytest.mark.parametrize(
    ("typed_in", "kind", "message"),
    [
        ("393.000", "money", "Write 393,000 for three hundred and ninety-three thousand"),
        ("1.234,5", "money", "Use a full stop for decimals and commas between thousands"),
        ("1,23", "money", "Commas go between thousands"),
        ("lots", "money", "is not a number we can read"),
        ("1e5", "money", "is not a number we can read"),
        ("-5", "count", "A figure cannot be negative."),
        ("3.5", "count", "A count is a whole number"),
        ("120%", "percentage", "A percentage cannot be more than 100."),
        ("£5", "count", "is in pounds"),
        ("10%", "money", "is a percentage"),
        ("5-3", "count", "smallest first"),
        ("about 140+", "count", "both approximate and a lower limit"),
        ("2000000000000", "money", "too large"),
        ("not stated", "count", "Give the number, or say the figure is not provided."),
    ],
)
def test_ambiguous_or_wrong_numbers_are_refused_with_why(typed_in, kind, message):
    with pytest.raises(ValidationError) as error:
        parse(typed_in, kind)
    assert message in " ".join(error.value.messages)


def test_not_stated_is_read_only_where_a_share_may_stand_alone():
    assert parse("value not stated", "money", allow_not_stated=True) == Quantity(
        Precision.NOT_STATED
    )
    assert text(Quantity(Precision.NOT_STATED), "money") == "value not stated"


def test_a_total_is_as_honest_as_its_least_exact_part():
    exact = Quantity.exact
    assert total([exact(1), exact(2)]) == Quantity(Precision.EXACT, D(3))
    assert total([exact(1), Quantity(Precision.AT_LEAST, D(2))]).precision == Precision.AT_LEAST
    assert total([exact(1), Quantity(Precision.RANGE, D(2), D(4))]) == Quantity(
        Precision.RANGE, D(3), D(5)
    )
    assert total([exact(1), Quantity(Precision.ABOUT, D(2))]) == Quantity(Precision.ABOUT, D(3))
    assert total([exact(1), Quantity(Precision.NOT_STATED)]) == Quantity(Precision.AT_LEAST, D(1))
    assert total([]) is None


@pytest.mark.parametrize(
    ("quantity", "comparison", "expected"),
    [
        (Quantity.exact(22), "at_least", "met"),
        (Quantity.exact(17.5), "at_least", "missed"),
        (Quantity(Precision.AT_LEAST, D(15)), "at_least", "not_shown"),
        (Quantity(Precision.AT_LEAST, D(25)), "at_least", "met"),
        (Quantity(Precision.RANGE, D(15), D(25)), "at_least", "straddles"),
        (Quantity(Precision.RANGE, D(12), D(18)), "at_least", "missed"),
        (Quantity(Precision.ABOUT, D(19)), "at_least", "missed"),
        (Quantity(Precision.AT_LEAST, D(15)), "at_most", "not_shown"),
        (Quantity(Precision.RANGE, D(15), D(25)), "at_most", "straddles"),
        (Quantity(Precision.NOT_STATED), "at_least", None),
        (None, "at_least", None),
    ],
)
def test_targets_are_held_honestly(quantity, comparison, expected):
    assert standing(quantity, comparison, 20) == expected
