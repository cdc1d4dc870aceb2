"""Numbers as forums give them: exact, at least ("140+"), approximately ("about 4,000"), a
range ("3–5"), or not stated (a share given without its amount).

A ``Quantity`` is stored as three fields (precision, the number, the top of a range) on a
figure and on each of its parts and breakdown rows; it is read from what people type by
``parse``, written back the same way in every view and export by ``text``, added up by
``total`` and held to a target by ``standing``.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MONEY, COUNT, PERCENTAGE = "money", "count", "percentage"  # FigureDefinition.Kind's values
LARGEST = Decimal("1e12")


class Precision(models.TextChoices):
    EXACT = "exact", _("Exact")
    AT_LEAST = "at_least", _("At least")
    ABOUT = "about", _("Approximately")
    RANGE = "range", _("A range")
    NOT_STATED = "not_stated", _("Value not stated")


@dataclass(frozen=True)
class Quantity:
    precision: str
    low: Decimal | None = None  # the number; the bottom of a range; None when not stated
    high: Decimal | None = None  # the top of a range

    @classmethod
    def exact(cls, value):
        return cls(Precision.EXACT, Decimal(value))

    @classmethod
    def of(cls, value):
        """A Quantity from a Quantity, a number (exact) or None."""
        if value is None or isinstance(value, Quantity):
            return value
        return cls.exact(value)

    @classmethod
    def stored(cls, precision, low, high):
        """From a record's three fields (None when nothing is stored)."""
        if low is None and precision != Precision.NOT_STATED:
            return None
        return cls(
            precision or Precision.EXACT, low, high if precision == Precision.RANGE else None
        )

    @property
    def stated(self):
        return self.precision != Precision.NOT_STATED and self.low is not None

    @property
    def number(self):
        """The one number that stands for it in a chart or a sort: the number itself, the
        middle of a range, None when not stated."""
        if not self.stated:
            return None
        if self.precision == Precision.RANGE and self.high is not None:
            return (self.low + self.high) / 2
        return self.low

    @property
    def top(self):
        """The largest it can be (None: no upper bound, or not stated)."""
        if not self.stated or self.precision == Precision.AT_LEAST:
            return None
        return self.high if self.precision == Precision.RANGE else self.low

    def text(self, kind):
        return text(self, kind)


def plain(kind, value):
    """A number written as a figure of its kind: £1,250, 1,250, 23.5%."""
    if value is None:
        return ""
    value = Decimal(value)
    whole = value == value.to_integral_value()
    if kind == MONEY:
        return f"£{value:,.0f}" if whole else f"£{value:,.2f}"
    if kind == PERCENTAGE:
        return f"{value:.0f}%" if whole else f"{value:.1f}%"
    return f"{value:,.0f}" if whole else f"{value:,.2f}"


def text(quantity, kind):
    """The same words for a quantity in every page, document and spreadsheet."""
    if quantity is None:
        return ""
    if not quantity.stated:
        return str(_("value not stated"))
    number = plain(kind, quantity.low)
    if quantity.precision == Precision.AT_LEAST:
        return f"{number}+"
    if quantity.precision == Precision.ABOUT:
        return str(pgettext_lazy("an approximate figure", "about %(number)s") % {"number": number})
    if quantity.precision == Precision.RANGE and quantity.high is not None:
        return f"{number}–{plain(kind, quantity.high)}"
    return number


def typed(quantity):
    """A quantity as it is typed back into its box, read again by ``parse`` as itself."""
    if quantity is None:
        return ""
    if not quantity.stated:
        return "not stated"
    low = f"{quantity.low.normalize():f}"
    if quantity.precision == Precision.AT_LEAST:
        return f"{low}+"
    if quantity.precision == Precision.ABOUT:
        return f"about {low}"
    if quantity.precision == Precision.RANGE:
        return f"{low}-{quantity.high.normalize():f}"
    return low


# Reading what people type ------------------------------------------------------------

ABOUT_WORDS = (
    "approximately",
    "approx.",
    "approx",
    "around",
    "about",
    "circa",
    "roughly",
    "nearly",
    "almost",
    "some",
    "c.",
    "ca.",
    "~",
    "tua",
    "oddeutu",
    "bron",
    "rhyw",
)
AT_LEAST_WORDS = (
    "at least",
    "more than",
    "over",
    "upwards of",
    "in excess of",
    "o leiaf",
    "mwy na",
    "dros",
    "≥",
    ">",
)
NOT_STATED_WORDS = (
    "value not stated",
    "not stated",
    "amount not stated",
    "heb ei nodi",
    "gwerth heb ei nodi",
)
SCALES = {
    "k": Decimal(1000),
    "thousand": Decimal(1000),
    "mil": Decimal(1000),
    "m": Decimal(1000000),
    "mn": Decimal(1000000),
    "million": Decimal(1000000),
    "miliwn": Decimal(1000000),
    "bn": Decimal(1000000000),
    "billion": Decimal(1000000000),
    "biliwn": Decimal(1000000000),
}
_NUMBER = re.compile(
    r"^(?P<digits>[0-9][0-9,. ]*?)\s*"
    r"(?P<scale>k|thousand|mil|mn|m|million|miliwn|bn|billion|biliwn)?$"
)
_RANGE = re.compile(
    r"^(?:between|rhwng)?\s*(?P<low>.+?)\s*(?:-|–|—|\bto\b|\band\b|\bi\b|\ba\b)\s*(?P<high>.+)$"
)


def _refuse(message, **params):
    raise ValidationError(message, params=params)


def _digits(digits, typed):
    """A number written with optional thousands commas and a decimal point."""
    digits = digits.strip()
    if re.fullmatch(r"\d{1,3}( \d{3})+(\.\d+)?", digits):
        digits = digits.replace(" ", "")
    if " " in digits:
        _refuse(
            _("“%(typed)s” has spaces inside the number. Write it like 1250 or 1,250."), typed=typed
        )
    if "," in digits and "." in digits and digits.rfind(",") > digits.rfind("."):
        _refuse(
            _(
                "“%(typed)s” uses a comma for decimals. Use a full stop for decimals and commas "
                "between thousands, like 1,234.5."
            ),
            typed=typed,
        )
    if re.fullmatch(r"[1-9]\d{0,2}(\.\d{3})+", digits):
        _refuse(
            _(
                "“%(typed)s” could mean thousands or a decimal. Write 393,000 for three hundred "
                "and ninety-three thousand, or 393 for three hundred and ninety-three."
            ),
            typed=typed,
        )
    if "," in digits:
        if not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
            _refuse(
                _(
                    "“%(typed)s” has a comma in the wrong place. Commas go between thousands, "
                    "like 1,250 or 1,250,000."
                ),
                typed=typed,
            )
        digits = digits.replace(",", "")
    if not re.fullmatch(r"\d+(\.\d+)?", digits):
        _refuse(
            _("“%(typed)s” is not a number we can read. Write it like 1250 or 1,250.50."),
            typed=typed,
        )
    try:
        return Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern above is stricter
        _refuse(_("“%(typed)s” is not a number we can read."), typed=typed)


def _symbols(part, kind, typed):
    """The number without its £ or %, refusing a symbol of the wrong kind."""
    part = part.strip()
    if "£" in part and kind != MONEY:
        _refuse(
            _("“%(typed)s” is in pounds, but this figure is not an amount of money."), typed=typed
        )
    if "%" in part and kind != PERCENTAGE:
        _refuse(_("“%(typed)s” is a percentage, but this figure is not a percentage."), typed=typed)
    return part.replace("£", "").replace("%", "").strip()


def _one(part, kind, typed):
    """(number, had a scale word) of one number, e.g. "£3.6m" or "1,250"."""
    part = _symbols(part, kind, typed)
    if part.startswith("-") or part.startswith("−"):
        _refuse(_("A figure cannot be negative."))
    match = _NUMBER.match(part)
    if not match:
        _refuse(
            _("“%(typed)s” is not a number we can read. Write it like 1250 or 1,250.50."),
            typed=typed,
        )
    scale = match["scale"]
    number = _digits(match["digits"], typed)
    if scale:
        number *= SCALES[scale]
    return number, bool(scale)


def _strip_words(text, words):
    for word in words:
        if text.startswith(word):
            rest = text[len(word) :]
            if word[-1].isalpha() and rest[:1].isalpha():
                continue  # "over" is not the start of "overall"
            return rest.strip(), True
    return text, False


def _checked(number, kind, typed):
    if number >= LARGEST:
        _refuse(_("“%(typed)s” is too large for a figure. Check the number."), typed=typed)
    if kind == PERCENTAGE and number > 100:
        _refuse(_("A percentage cannot be more than 100."))
    if kind == COUNT and number != number.to_integral_value():
        _refuse(_("A count is a whole number: “%(typed)s” is not."), typed=typed)
    if kind == COUNT:
        return number.quantize(Decimal(1))
    return number.quantize(Decimal("0.01"))


def parse(typed, kind, *, allow_not_stated=False):
    """The Quantity someone meant by ``typed`` (None for an empty box), or a ValidationError
    that says why it cannot be read and how to write it."""
    original = (typed or "").strip()
    if not original:
        return None
    text_ = " ".join(original.casefold().split())
    if text_ in NOT_STATED_WORDS:
        if not allow_not_stated:
            _refuse(_("Give the number, or say the figure is not provided."))
        return Quantity(Precision.NOT_STATED)
    text_, about = _strip_words(text_, ABOUT_WORDS)
    text_, at_least = _strip_words(text_, AT_LEAST_WORDS)
    if text_.endswith("+"):
        text_, at_least = text_[:-1].strip(), True
    if text_.endswith(" or more") or text_.endswith(" neu fwy"):
        text_, at_least = text_.rsplit(" ", 2)[0].strip(), True
    if about and at_least:
        _refuse(_("“%(typed)s” is both approximate and a lower limit. Choose one."), typed=original)
    range_match = None if at_least else _RANGE.match(text_)
    if range_match:
        low_text, high_text = range_match["low"], range_match["high"]
        high, high_scaled = _one(high_text, kind, original)
        low, low_scaled = _one(low_text, kind, original)
        if high_scaled and not low_scaled:  # "1-1.5m": the scale is of both
            scale = _NUMBER.match(_symbols(high_text, kind, original))["scale"]
            low *= SCALES[scale]
        low, high = _checked(low, kind, original), _checked(high, kind, original)
        if low > high:
            _refuse(
                _(
                    "In “%(typed)s” the first number is the larger. Write the range smallest "
                    "first, like 3–5."
                ),
                typed=original,
            )
        if low == high:
            return Quantity(Precision.ABOUT if about else Precision.EXACT, low)
        return Quantity(Precision.RANGE, low, high)
    number, _scaled = _one(text_, kind, original)
    number = _checked(number, kind, original)
    if at_least:
        return Quantity(Precision.AT_LEAST, number)
    if about:
        return Quantity(Precision.ABOUT, number)
    return Quantity(Precision.EXACT, number)


def understood(quantity, kind):
    """What was understood, in words, for showing back before saving."""
    if quantity is None:
        return ""
    if not quantity.stated:
        return str(_("value not stated"))
    if quantity.precision == Precision.AT_LEAST:
        return str(_("at least %(number)s") % {"number": plain(kind, quantity.low)})
    if quantity.precision == Precision.ABOUT:
        return str(_("approximately %(number)s") % {"number": plain(kind, quantity.low)})
    if quantity.precision == Precision.RANGE:
        return str(
            _("between %(low)s and %(high)s")
            % {"low": plain(kind, quantity.low), "high": plain(kind, quantity.high)}
        )
    return str(_("exactly %(number)s") % {"number": plain(kind, quantity.low)})


def needs_confirming(typed, quantity, kind):
    """Whether what was typed is read in a way worth showing back before it is saved: words,
    scales, qualifiers and ranges are; a plain number ("£1,286,505", "23.5%") is not."""
    if quantity is None or not quantity.stated:
        return False
    if quantity.precision != Precision.EXACT:
        return True
    bare = (typed or "").replace("£", "").replace("%", "").replace(",", "").strip()
    return not re.fullmatch(r"\d+(\.\d+)?", bare)


# Adding up and holding to targets ---------------------------------------------------


def total(quantities):
    """The sum of quantities, as honest as its least exact part: any "at least" or "not
    stated" part makes it "at least" the sum of what is stated; a range makes a range; an
    approximate part makes it approximate. None when nothing is given."""
    given = [q for q in quantities if q is not None]
    if not given:
        return None
    stated = [q for q in given if q.stated]
    if not stated:
        return Quantity(Precision.NOT_STATED)
    low = sum((q.low for q in stated), Decimal(0))
    if any(q.precision in (Precision.AT_LEAST, Precision.NOT_STATED) for q in given):
        return Quantity(Precision.AT_LEAST, low)
    if any(q.precision == Precision.RANGE for q in stated):
        high = sum((q.top for q in stated), Decimal(0))
        return Quantity(Precision.RANGE, low, high)
    if any(q.precision == Precision.ABOUT for q in stated):
        return Quantity(Precision.ABOUT, low)
    return Quantity(Precision.EXACT, low)


def agree(typed, computed):
    """Whether a typed total can be the sum of its parts (within a penny, or within 1% when
    either is approximate)."""
    if typed is None or computed is None or not typed.stated or not computed.stated:
        return True
    approximate = Precision.ABOUT in (typed.precision, computed.precision)
    slack = max(computed.low / 100, Decimal(1)) if approximate else Decimal("0.005")
    typed_top = typed.top  # None: "at least"
    computed_top = computed.top
    if computed_top is not None and typed.low > computed_top + slack:
        return False
    return not (typed_top is not None and typed_top < computed.low - slack)


class Standing(models.TextChoices):
    MET = "met", _("Meets target")
    MISSED = "missed", _("Misses target")
    STRADDLES = "straddles", _("Range straddles the target")
    NOT_SHOWN = "not_shown", _("Not shown to meet target")


def standing(quantity, comparison, target):
    """How a quantity stands against a target ("at_least" or "at_most" ``target``); None
    when there is nothing to hold to it."""
    if quantity is None or not quantity.stated or target is None:
        return None
    target = Decimal(target)
    low, top = quantity.low, quantity.top
    if comparison == "at_most":
        if low > target:
            return Standing.MISSED
        if top is None:
            return Standing.NOT_SHOWN
        return Standing.MET if top <= target else Standing.STRADDLES
    if low >= target:
        return Standing.MET
    if top is None:
        return Standing.NOT_SHOWN
    return Standing.MISSED if top < target else Standing.STRADDLES
