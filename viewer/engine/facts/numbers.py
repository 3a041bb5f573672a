"""Numbers: counts, amounts, percentages, ordinals and measures, in digits or in words.

A unit of time or measure is part of the value ("10 years" -> "10 months" is a change,
"40 km" ~ "40 kilometres"). A figure in another unit is the same quantity where the conversion
(miles/km, feet/metres, pounds/kg, mph/km/h, acres/hectares, Fahrenheit/Celsius) agrees within
3%, or within the rounding of a round figure up to 5% ("6 miles" ~ "10 km"; temperatures to
half a degree). Changed values are paired like-sized first ("9,200" -> "9,000"); a pair in
different units shows them ("14-mile" -> "30-kilometre"). "one" used as a pronoun ("no one",
"never had one") is no count.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from viewer.engine.facts.base import (
    DIGITS_RE,
    Item,
    LazyPattern,
    TextFacts,
    blank,
    make_item,
    matches_at,
    may_hold,
    pair_alike,
    previous_word,
    surface,
    unmatched,
)
from viewer.engine.facts.words import (
    APPROXIMATIONS,
    APPROXIMATION_PATTERN,
    FRACTIONS,
    GLUED_TEMPERATURES,
    MEASURES,
    NUMBER_WORD_PATTERN,
    ONE_PRONOUN_BEFORE,
    ORDINALS,
    SCALES,
    SCALE_ABBREVIATIONS,
    UNITS,
    UNITS_OF_MEASURE,
)
from viewer.engine.model import Fact, FactType

_DIGIT_RE = LazyPattern(r"""
    (?<![\w.])(?<![A-Za-z]-)
    (?P<cur>(?:US|A|C|NZ|HK|S)?\$|£|€|¥|₹)?\s?
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?:(?P<ord>st|nd|rd|th)\b|(?P<glued>[A-Za-z]{1,4})\b)?
    (?:\s?(?P<pct>%|percent\b|per\s+cent\b))?
    (?:\s+(?P<scale>thousand|million|billion|trillion|bn|mn)\b)?
    (?!\w)
""", re.VERBOSE | re.IGNORECASE)
_UNIT_AFTER_RE = LazyPattern(
    r"[\s-]?("
    + "|".join(re.escape(unit).replace(r"\ ", r"\s+") for unit in sorted(UNITS_OF_MEASURE, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_MINUS_BEFORE_RE = LazyPattern(r"(?<![\w.])(?:-|minus\s+)$", re.IGNORECASE)
_ONE_PRONOUN_AFTER_RE = LazyPattern(r"\s+(?:another|of|who|that|which)\b|\s*(?:[,.;:!?)\"]|$)", re.IGNORECASE)
_SPELLED_RE = LazyPattern(rf"""\b(?:
    \b(?:an?\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?
    (?:{NUMBER_WORD_PATTERN})(?:(?:-|\s+|\s+and\s+)(?:{NUMBER_WORD_PATTERN}))*\b
    (?:\s+(?P<pct>percent|per\s+cent)\b)?
  | \b(?P<ord>{"|".join(ORDINALS)})\b
  | \b(?P<vague>(?:tens|hundreds)\s+of\s+thousands|dozens|hundreds|thousands|millions|billions)\b
)""", re.VERBOSE | re.IGNORECASE)


_SMALL = "a|an|one|two|three|four|five|six|seven|eight|nine|ten"
# Where a share or a spelled number can start in an ASCII text: a run of digits, or a run of
# letters that is one of these words (each branch opens with one after a word boundary).
_SHARE_STARTS = frozenset([*_SMALL.split("|"), "half"])
_WHOLE = "two|three|four|five|six|seven|eight|nine|ten|hundred"
_WHOLES = frozenset(_WHOLE.split("|"))
_SPELLED_STARTS = frozenset([
    *UNITS, *SCALES, *ORDINALS, "dozen", "a", "an", "tens", "dozens", "hundreds", "thousands", "millions", "billions",
])
_RUN_RE = re.compile(r"[A-Za-z]+|[0-9]+")
_DENOMINATOR = "|".join(FRACTIONS)
# A share of a whole: "two-thirds", "a quarter of", "half of", "one in three", "9 out of 10".
_SHARE_RE = LazyPattern(rf"""\b(?:
    (?P<num>{_SMALL})(?:-|\s+(?=(?:{_DENOMINATOR})\s+of\b))(?P<den>{_DENOMINATOR})\b
  | (?P<half>half)(?=\s+(?:of|the|a|an|its|their|his|her|all)\b)
  | (?P<n>\d{{1,3}}|{_SMALL})\s+(?:in|out\s+of)\s+(?P<d>\d{{1,4}}|{_WHOLE})\b
        (?!\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b)
)""", re.VERBOSE | re.IGNORECASE)
# "the 24-year-old Solberg" is "Solberg, 24,": an age is a plain number, not a length of time.
_AGE_AFTER_RE = LazyPattern(r"[\s-]years?[\s-]old\b", re.IGNORECASE)
# "2.1 billion dollars" is "$2.1 billion".
_CURRENCY_AFTER_RE = LazyPattern(r"\s+(?:(?P<us>US|U\.S\.)\s+)?(?P<name>dollars?|euros?|yen)\b", re.IGNORECASE)
_CURRENCY_NAMES = {"dollar": "$", "dollars": "$", "euro": "€", "euros": "€", "yen": "¥"}
# An approximator just before a figure: "nearly 300", "more than $2 billion".
_APPROXIMATION_RE = LazyPattern(rf"\b({APPROXIMATION_PATTERN})\s+$", re.IGNORECASE)
# How far back an approximator may start before its figure ("upwards of", "no fewer than").
APPROXIMATION_LOOK_BACK = 16


class Count(NamedTuple):
    """The key of a definite figure: equal keys are the same figure however it is written."""

    value: str      # the normalised decimal: "1500000" for "$1.5 million"
    currency: str   # "$", "£", ... or ""
    percent: bool
    ordinal: bool
    unit: str       # a unit of time or measure ("km", "year") or ""
    approx: str = ""  # how the figure is bounded: "about", "nearly", "more than", ... (APPROXIMATIONS)

    @property
    def form(self) -> tuple[str, bool, bool]:
        """What sort of figure it is: an amount of money, a percentage, an ordinal, a count."""
        return self.currency, self.percent, self.ordinal


class Vague(NamedTuple):
    """The key of a vague quantity: "dozens", "tens of thousands"."""

    words: str


# Counts paired as one changed value when at most this far apart ("9,200" -> "9,000"); further
# apart they pair only by order ("9,200" -> "two" is not one number changed).
PAIR_SIZE_RATIO = 2
# A figure in another unit is the same quantity within this share ...
CONVERSION_TOLERANCE = 0.03
# ... or within the rounding of a round figure ("100" is 50-150), but never beyond this share.
ROUNDING_TOLERANCE = 0.05
# Temperatures are given in whole degrees; a share means nothing near zero.
TEMPERATURE_TOLERANCE = 0.5
# A bare four-digit number in this range may be a year ("a 2019 report").
YEARS = range(1800, 2100)
# How far back a minus sign may stand before a temperature ("minus 5C").
MINUS_LOOK_BACK = 8


def extract(text: str, masked: str, digits: bool, spelled: bool, runs: frozenset[str] | None) -> tuple[Item, ...]:
    """The numbers of a text (``masked``: its folded text with the dates blanked out; ``runs``: its
    ``ascii_words``)."""
    items = _shares(text, masked) if (digits or spelled) and _may_share(runs, digits) else []
    if items:
        masked = blank(masked, items)
    for m in _figures(masked) if digits else ():
        value = Decimal(m.group("num").replace(",", ""))
        glued = (m.group("glued") or "").lower()
        scale = m.group("scale") or ""
        value *= SCALES.get(scale.lower(), SCALE_ABBREVIATIONS.get(scale.lower(), 1))
        value *= SCALE_ABBREVIATIONS.get(glued, 1)
        currency = (m.group("cur") or "").replace("US$", "$")
        pct, ordinal = bool(m.group("pct")), bool(m.group("ord"))
        if not currency and not pct:
            currency = _currency_after(masked, m.end())
        unit = (UNITS_OF_MEASURE.get(glued, "") or GLUED_TEMPERATURES.get(m.group("glued") or "", "")
                or ("" if currency or pct or ordinal else _unit_after(masked, m.end())))
        start = m.start("cur") if m.group("cur") else m.start("num")
        if unit in ("celsius", "fahrenheit"):
            minus = _MINUS_BEFORE_RE.search(masked, max(0, start - MINUS_LOOK_BACK), start)
            if minus:
                value, start = -value, minus.start()  # "-5C", "minus 5 degrees Celsius"
        key = Count(format(value.normalize(), "f"), currency, pct, ordinal, unit)
        items.append(Item(key, surface(text, start, m.end()), start, m.end()))
    masked = blank(masked, items)
    for m in _matches(_SPELLED_RE, masked, _SPELLED_STARTS, False) if spelled else ():
        words = m.group().lower()
        if m.group("vague"):
            key = Vague(" ".join(words.split()))
        elif m.group("ord"):
            key = Count(str(ORDINALS[words]), "", False, True, "")
        else:
            if _is_pronoun_one(masked, m):
                continue
            pct = bool(m.group("pct"))
            value = _spelled_value(m.group()[: m.start("pct") - m.start()] if pct else m.group())
            currency = "" if pct else _currency_after(masked, m.end())
            unit = "" if pct or currency else _unit_after(masked, m.end())
            key = Count(str(value), currency, pct, False, unit)
        items.append(make_item(text, m, key))
    items.sort(key=lambda item: item.start)
    return tuple(_approximated(item, masked) for item in items)


def _may_share(runs: frozenset[str] | None, digits: bool) -> bool:
    """False where no share can stand: a fraction needs its denominator, "N in M" an "in" or "out"
    and a whole in digits or words."""
    if may_hold(runs, FRACTIONS):
        return True
    return ("in" in runs or "out" in runs) and (digits or not runs.isdisjoint(_WHOLES))


def _shares(text: str, masked: str) -> list[Item]:
    """Fractions and "N in M" as percentages: "a quarter" is "25%", "two-thirds" is "two in three"."""
    items = []
    for m in _matches(_SHARE_RE, masked, _SHARE_STARTS, True):
        if m.group("half"):
            if previous_word(masked, m.start()) in ORDINALS:
                continue  # "the second half of the year"
            share = Decimal(1) / 2
        elif m.group("den"):
            share = Decimal(_small(m.group("num"))) / FRACTIONS[m.group("den").lower()]
        else:
            part, whole = _small(m.group("n")), _small(m.group("d"))
            if not 0 < part < whole:
                continue
            share = Decimal(part) / whole
        percent = (100 * share).quantize(Decimal("0.1")).normalize()
        items.append(make_item(text, m, Count(format(percent, "f"), "", True, False, "")))
    return items


def _figures(masked: str):
    """``_DIGIT_RE.finditer(masked)``. A figure opens at its first digit, at the space before it, or
    at most two letters before a "$" ("US$"); in an ASCII text only those places are tried."""
    if not masked.isascii():
        return _DIGIT_RE.finditer(masked)
    starts = set()
    for m in DIGITS_RE.finditer(masked):
        starts.update((m.start() - 1, m.start()))
    i = masked.find("$")
    while i >= 0:
        starts.update((i - 2, i - 1, i))
        i = masked.find("$", i + 1)
    starts.discard(-1)
    starts.discard(-2)
    return matches_at(_DIGIT_RE, masked, sorted(starts))


def _matches(pattern: re.Pattern, masked: str, words: frozenset[str], digits: bool):
    """``pattern.finditer(masked)`` for a pattern whose matches open with one of ``words`` (or a
    run of digits) after a word boundary: in an ASCII text only those runs are tried. (Outside
    ASCII every place is tried: the shortcut was only proved for ASCII letters and boundaries.)"""
    if not masked.isascii():
        return pattern.finditer(masked)
    starts = [m.start() for m in _RUN_RE.finditer(masked)
              if m.group().lower() in words or (digits and m.group()[0] <= "9")]
    return matches_at(pattern, masked, starts) if starts else ()


def _small(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else 1 if word in ("a", "an") else 100 if word == "hundred" else UNITS[word]


def _currency_after(masked: str, end: int) -> str:
    m = _CURRENCY_AFTER_RE.match(masked, end)
    return _CURRENCY_NAMES[m.group("name").lower()] if m else ""


def _approximated(item: Item, masked: str) -> Item:
    """The item with the approximator before its figure in its key ("nearly 300" is not "300")."""
    if not isinstance(item.key, Count) or not masked[item.start - 1:item.start].isspace():
        return item  # an approximator ends in white space just before its figure
    m = _APPROXIMATION_RE.search(masked, max(0, item.start - APPROXIMATION_LOOK_BACK), item.start)
    if not m:
        return item
    return item._replace(key=item.key._replace(approx=APPROXIMATIONS[" ".join(m.group(1).lower().split())]))


def _unit_after(text: str, end: int) -> str:
    if _AGE_AFTER_RE.match(text, end):
        return ""
    m = _UNIT_AFTER_RE.match(text, end)
    return UNITS_OF_MEASURE[" ".join(m.group(1).lower().split())] if m else ""


def is_year(item: Item) -> bool:
    """A plain count that could be a year: "2019" in "a 2019 report"."""
    key = item.key
    if not isinstance(key, Count):
        return False  # "thousands"
    plain = not (key.currency or key.percent or key.ordinal or key.unit)
    return plain and key.value.isdigit() and int(key.value) in YEARS


def diff(items_a, items_b, a: TextFacts, b: TextFacts) -> list[Fact]:
    """Changed numbers paired in order, values of like size first ("9,200" -> "9,000", not -> "two")."""
    left_a, left_b = unmatched(items_a, items_b)
    # A figure given in another unit is the same quantity: "14 miles" ~ "23 km".
    left_a = [x for x in left_a if not any(_same_quantity(x, y) for y in items_b)]
    left_b = [y for y in left_b if not any(_same_quantity(y, x) for x in items_a)]

    def fact(x: Item, y: Item) -> Fact:
        if _unit(x) != _unit(y):
            x, y = _with_unit(x, a), _with_unit(y, b)  # "10 years" -> "10 months"
        if _approx(x) != _approx(y):
            x, y = _with_approximator(x, a), _with_approximator(y, b)  # "Nearly 300" -> "More than 300"
        return Fact(FactType.NUMBER, x.surface, y.surface)
    return pair_alike(FactType.NUMBER, left_a, left_b, _size_ratio, fact)


def _size_ratio(x: Item, y: Item) -> float | None:
    """How far apart two counts of the same kind are (1.0 is equal), or None if unlike or far."""
    if not _same_form(x.key, y.key):
        return None
    size_x, size_y = _in_common_unit(x.key, y.key)
    if size_x <= 0 or size_y <= 0:
        return None
    ratio = max(size_x, size_y) / min(size_x, size_y)
    return ratio if ratio <= PAIR_SIZE_RATIO else None


def _same_form(key_x, key_y) -> bool:
    return isinstance(key_x, Count) and isinstance(key_y, Count) and key_x.form == key_y.form


def _in_common_unit(key_x: Count, key_y: Count) -> tuple[float, float]:
    """Both values in the unit of ``key_y`` where one converts to the other, else as written."""
    x, y = float(key_x.value), float(key_y.value)
    measure_x, measure_y = MEASURES.get(key_x.unit), MEASURES.get(key_y.unit)
    if measure_x and measure_y and measure_x.quantity == measure_y.quantity and measure_x != measure_y:
        x = (x + measure_x.offset) * measure_x.factor / measure_y.factor - measure_y.offset
    return x, y


def _unit(item: Item) -> str:
    return item.key.unit if isinstance(item.key, Count) else ""


def _approx(item: Item) -> str:
    return item.key.approx if isinstance(item.key, Count) else ""


def _with_approximator(item: Item, facts_of: TextFacts) -> Item:
    m = _APPROXIMATION_RE.search(facts_of.folded, max(0, item.start - APPROXIMATION_LOOK_BACK), item.start)
    return item._replace(surface=surface(facts_of.text, m.start(), item.end), start=m.start()) if m else item


def _same_quantity(x: Item, y: Item) -> bool:
    """One quantity in two units, equal within the rounding of either figure ("6 miles" ~ "10 km")."""
    if not _same_form(x.key, y.key):
        return False
    measure_x, measure_y = MEASURES.get(x.key.unit), MEASURES.get(y.key.unit)
    if not measure_x or not measure_y or measure_x.quantity != measure_y.quantity or measure_x == measure_y:
        return False
    return _rounds_to(x.key, y.key) or _rounds_to(y.key, x.key)


def _rounds_to(key_x: Count, key_y: Count) -> bool:
    """``key_x`` in the unit of ``key_y`` is its value within 3%, or within its rounding up to 5% ("100")."""
    converted, written = _in_common_unit(key_x, key_y)
    if MEASURES[key_y.unit].quantity == "temperature":
        return abs(converted - written) <= TEMPERATURE_TOLERANCE
    half_step = 10.0 ** Decimal(key_y.value).normalize().as_tuple().exponent / 2  # "23": 0.5, "100": 50
    tolerance = min(max(CONVERSION_TOLERANCE * abs(written), half_step), ROUNDING_TOLERANCE * abs(written))
    return abs(converted - written) <= tolerance


def _with_unit(item: Item, facts_of: TextFacts) -> Item:
    m = _UNIT_AFTER_RE.match(facts_of.folded, item.end)
    return item._replace(surface=surface(facts_of.text, item.start, m.end())) if m else item


def _is_pronoun_one(text: str, m: re.Match) -> bool:
    # "no one", "one another", "the one who", "would be one of friendship", "never had one": not a count.
    if m.group().lower() != "one":
        return False
    return previous_word(text, m.start()) in ONE_PRONOUN_BEFORE or bool(
        _ONE_PRONOUN_AFTER_RE.match(text, m.end())
    )


def _spelled_value(words: str) -> int:
    total = current = 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in UNITS:
            current += UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
    return total + current
