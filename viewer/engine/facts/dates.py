"""Dates and times: calendar dates, times of day, weekdays, relative dates, bare months and years.

"this Tuesday" is "on Tuesday", "the coming spring" is "next spring"; a changed date pairs with
one of its own grain (time, day, week, month, season, year) before any other. A bare year read
as a count on one side ("a 2019 report") is the date "in 2019" where the other side dates a year.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from viewer.engine.facts.base import (
    DIGITS_RE,
    Item,
    LazyPattern,
    TextFacts,
    blank,
    matches_at,
    word_starts,
    pair_alike,
    previous_word,
    surface,
    unmatched,
)
from viewer.engine.facts.numbers import is_year
from viewer.engine.facts.words import (
    DATE_GRAINS,
    DATE_PREPOSITIONS,
    DATE_WORDS,
    MONTHS,
    RELATIVE_GRAINS,
    RELATIVE_SYNONYMS,
    YEAR_ENDINGS,
)
from viewer.engine.model import Fact, FactType

# All patterns run on the folded text. The long alternations open with one "\b(?:" so that
# positions inside words are rejected once, not once per branch (1.5x faster).
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE_RE = LazyPattern(rf"""\b(?:
    (?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
  | (?P<slash>\b\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})\b)
  | (?P<md>\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b(?:,?\s+(?P<y1>{_YEAR})\b)?)
  | (?P<dm>\b(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})(?![a-z])(?:,?\s+(?P<y2>{_YEAR})\b)?)
  | (?P<my>\b(?P<m3>{_MONTH}),?\s+(?P<y3>{_YEAR})\b)
  | (?P<time>\b(?P<th>[01]?\d|2[0-3])(?:[:.](?P<tm>[0-5]\d))?\s?(?P<ap>[ap]\.m\.|[ap]m\b|[AP]M\b)
            |\b(?P<th2>[01]?\d|2[0-3]):(?P<tm2>[0-5]\d)\b|\b(?P<noon>noon|midnight)\b)
  | (?P<wd>\b(?:(?P<wrel>(?i:last|next|this))\s+)?(?P<wday>{_WEEKDAY})s?\b)
  | (?P<rel>\b(?i:today|tonight|yesterday|tomorrow|last\s+night|overnight|(?P<weekend>(?:over|at|during|on)\s+(?:the\s+)?weekends?)
            |(?:(?:earlier|later)\s+)?(?:last|next|this|coming|upcoming)\s+(?:week|weekend|month|year|morning
              |afternoon|evening|night|spring|summer|autumn|fall|winter))\b)
  | (?P<decade>\b(?:1[89]|20)\d0s\b)
  | (?P<year>(?<![\d,.$£€¥])\b{_YEAR}\b(?![,.]\d|\s?%))
  | (?P<month>\b(?:January|February|March|April|May|June|July|August|September|October
              |November|December)\b)
)""", re.VERBOSE)


# Words besides the DATE_WORDS that open a date: "last Friday", "over the weekend", "later this year".
_OPENERS = frozenset("last next this coming upcoming over at during on earlier later".split())
_OPENING_WORDS = DATE_WORDS | _OPENERS
_PART_BEFORE_RE = LazyPattern(r"\b(?P<part>early|late)\s+(?:on\s+)?$", re.IGNORECASE)
_PART_AFTER_RE = LazyPattern(r"\s+(?P<part>morning|afternoon|evening|night)\b", re.IGNORECASE)
# How far back "late on" may stand before its day.
PART_LOOK_BACK = 10


class DateKey(NamedTuple):
    """The key of a date: its form ("md" month and day, "t" time, "wd" weekday, "rel" relative,
    "y" year, ...) and its values; equal keys are the same date however it is written."""

    form: str
    value: tuple
    part: str = ""  # the part of the day: "early", "late", "morning", "evening", ...


def extract(text: str, folded: str, runs: frozenset[str] | None) -> tuple[tuple[Item, ...], str]:
    """Date items, and the folded text with those dates blanked out for the number scan
    (``runs``: the text's ``ascii_words``)."""
    items = []
    for m in _matches(folded, runs):
        key = _date_key(m, folded)
        if key is None:
            continue
        start, end = m.span()
        if key.form in ("wd", "md"):
            # "late on Friday", "Sunday morning": the part of the day belongs to the date.
            before = _PART_BEFORE_RE.search(folded, max(0, start - PART_LOOK_BACK), start)
            after = _PART_AFTER_RE.match(folded, end)
            if before or after:
                part = (before or after).group("part").lower()
                key = key._replace(part=part)
                start, end = (before.start(), end) if before else (start, after.end())
        items.append(Item(key, surface(text, start, end), start, end))
    return tuple(items), blank(folded, items)


def _matches(folded: str, runs: frozenset[str] | None):
    """``_DATE_RE.finditer(folded)``, tried only where a date can open: at a run of digits or one of
    the ``_OPENING_WORDS``. Every branch that opens with a letter needs one of the ``DATE_WORDS``."""
    if runs is None:
        return _DATE_RE.finditer(folded)
    starts = [m.start() for m in DIGITS_RE.finditer(folded)]
    if not runs.isdisjoint(DATE_WORDS):
        starts = sorted({*starts, *word_starts(folded, runs, _OPENING_WORDS)})
    return matches_at(_DATE_RE, folded, starts)


def _date_key(m: re.Match, folded: str) -> DateKey | None:
    if m.group("iso"):
        return DateKey("md", (int(m.group("im")), int(m.group("id")), int(m.group("iy"))))
    if m.group("slash"):
        return DateKey("slash", (m.group("slash"),))
    if m.group("md"):
        return DateKey("md", (_month(m.group("m1")), _int(m.group("d1")), _int(m.group("y1"))))
    if m.group("dm"):
        return DateKey("md", (_month(m.group("m2")), _int(m.group("d2")), _int(m.group("y2"))))
    if m.group("my"):
        return DateKey("my", (_month(m.group("m3")), int(m.group("y3"))))
    if m.group("time"):
        if m.group("noon"):
            return DateKey("t", (12 if m.group("noon").lower() == "noon" else 0, 0))
        if m.group("th2"):
            return DateKey("t", (int(m.group("th2")), int(m.group("tm2"))))
        hour = int(m.group("th")) % 12 + (12 if m.group("ap").lower().startswith("p") else 0)
        return DateKey("t", (hour, int(m.group("tm") or 0)))
    if m.group("wd"):
        # "this Tuesday" is the Tuesday that "on Tuesday" means.
        relative = (m.group("wrel") or "").lower()
        return DateKey("wd", ("" if relative == "this" else relative, m.group("wday").lower()))
    if m.group("weekend"):
        return DateKey("rel", ("the weekend",))  # "over the weekend" ~ "at the weekend"
    if m.group("rel"):
        words = m.group("rel").lower().split()
        return DateKey("rel", (" ".join(RELATIVE_SYNONYMS.get(w, w) for w in words),))
    if m.group("decade"):
        return DateKey("decade", (m.group("decade"),))
    if m.group("year"):
        # A bare four-digit number is a year only where a date could stand; else it is a count.
        after = folded[m.end():m.end() + 1]
        if previous_word(folded, m.start()) in DATE_PREPOSITIONS or after in YEAR_ENDINGS:
            return DateKey("y", (int(m.group("year")),))
        return None
    if previous_word(folded, m.start()) in DATE_PREPOSITIONS:
        return DateKey("m", (_month(m.group("month")),))
    return None


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _int(value: str | None) -> int | None:
    return int(re.sub(r"\D", "", value)) if value else None


def years_as_dates(numbers, dates, other: TextFacts) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    """A bare year read as a count ("a 2019 report") is a date where the other side dates a year."""
    other_years = [d for d in other.dates if d.key.form == "y"]
    if not other_years or not any(is_year(n) for n in numbers):
        return numbers, dates
    other_numbers = {n.key for n in other.numbers}
    years = [n for n in numbers if is_year(n) and n.key not in other_numbers]
    if not years:
        return numbers, dates
    kept = tuple(n for n in numbers if n not in years)
    moved = (Item(DateKey("y", (int(n.key.value),)), n.surface, n.start, n.end) for n in years)
    return kept, tuple(sorted((*dates, *moved), key=lambda item: item.start))


def diff(items_a, items_b) -> list[Fact]:
    """Changed dates paired in order, like with like first ("on Tuesday" -> "on Monday", not -> "in May")."""
    left_a, left_b = unmatched(items_a, items_b)
    return pair_alike(FactType.DATE, left_a, left_b, lambda x, y: 1.0 if _grain(x.key) == _grain(y.key) else None)


def _grain(key: DateKey) -> str:
    if key.form == "rel":
        return RELATIVE_GRAINS.get(key.value[0].rsplit(" ", 1)[-1], "day")
    return DATE_GRAINS.get(key.form, "day")
