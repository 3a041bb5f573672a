"""Facts that differ inside a link: numbers, dates, names, quotes, attribution, hedges, negation.

Rule-based (regular expressions and small word lists, standard library only) so that it can run
on every link. Each text is reduced to a list of facts with a comparison key; facts whose keys
match on both sides are unchanged, the rest are paired in order of appearance.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from .model import Fact

NUMBER = "number"
DATE = "date"
NAME = "name"
QUOTE = "quote"
ATTRIBUTION = "attribution"
HEDGE = "hedge"
NEGATION = "negation"
FACT_TYPES = (NUMBER, DATE, NAME, QUOTE, ATTRIBUTION, HEDGE, NEGATION)

# Typographic variants folded one character for one, so spans stay valid in the original text.
_FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u2013": "-", "\u2014": "-",
    "\u2212": "-",
})


class _Item(NamedTuple):
    key: object
    surface: str
    start: int
    end: int


# ---------------------------------------------------------------------------------------------
# Word lists

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE_ABBREVIATIONS = {"k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A bare month or year is only a date after one of these (else "May" is a verb, 2000 a count).
# A year usually ends a phrase: "in 2023.", "(2023)".
_YEAR_ENDINGS = ("", ".", ",", ";", ":", ")", "!", "?", "'")
_DATE_PREPOSITIONS = frozenset(
    "in since until till by last next this early late mid of from to through before after during "
    "between and or around circa".split()
)

_ATTRIBUTION_VERBS = {
    "said": "say", "says": "say", "say": "say", "saying": "say", "told": "tell", "tells": "tell",
    "stated": "state", "claimed": "claim", "claims": "claim", "claiming": "claim",
    "alleged": "allege", "alleges": "allege", "insisted": "insist", "insists": "insist",
    "admitted": "admit", "admits": "admit", "noted": "note", "added": "add", "adds": "add",
    "wrote": "write", "writes": "write", "announced": "announce", "announces": "announce",
    "confirmed": "confirm", "confirms": "confirm", "denied": "deny", "denies": "deny",
    "argued": "argue", "argues": "argue", "explained": "explain", "warned": "warn",
    "warns": "warn", "acknowledged": "acknowledge", "asserted": "assert", "reported": "report",
    "testified": "testify", "declared": "declare", "conceded": "concede", "revealed": "reveal",
    "tweeted": "tweet", "stressed": "stress", "emphasised": "emphasise", "emphasized": "emphasise",
    "according to": "according to",
}

_MODALS = {
    "may": "may", "might": "may", "could": "could", "can": "can", "would": "would",
    "should": "should", "must": "must", "shall": "shall", "will": "will",
    "won't": "will", "wo": "will", "ca": "can", "sha": "shall", "cannot": "can",
}
_HEDGE_ADVERBS = frozenset(
    "likely unlikely possibly probably perhaps maybe reportedly allegedly apparently presumably "
    "seemingly potentially supposedly purportedly arguably".split()
)
# Words before a modal that make it a noun: "the will of the people", "a must".
_NOUN_DETERMINERS = frozenset("the a an his her their its my your our political free good ill own".split())

_TITLES = frozenset(
    "mr mrs ms miss mx dr prof sir dame lord lady rev gen col capt lt sgt maj cpl adm sen rep gov "
    "president vice prime minister chancellor king queen prince princess pope judge justice mayor "
    "chief secretary senator governor ambassador inspector detective commissioner premier sheikh "
    "emir ayatollah pastor archbishop bishop cardinal chairman chairwoman ceo pm spokesman "
    "spokeswoman spokesperson".split()
)
_CONNECTORS = frozenset("of de del della da di van von der den bin ibn al la le du dos das y".split())
# Capitalised only because they open a sentence (or a quote).
_COMMON_WORDS = frozenset("""
a an the this that these those there here it its he she they we you i me him her them us his
their our your my who whom whose which what when where why how while whilst if unless because
as since though although but and or nor so yet also then thus hence still even just only now
today tonight yesterday tomorrow later earlier meanwhile however moreover furthermore instead
otherwise nevertheless nonetheless indeed already again once after before during until despite
according amid among between about above across against along around at by for from in into
near of off on onto out over per through to toward towards under up upon via with within without
all any both each either every few many most much neither no none nobody nothing not some
several such other another more less least one two some anyone everyone someone no-one
is are was were be been being has have had do does did will would shall should may might can
could must let lets please yes well oh ok okay
police officials authorities residents witnesses rescuers firefighters protesters investigators
prosecutors lawmakers analysts experts doctors scientists researchers troops soldiers forces
government company companies shares prices markets stocks investors voters people families
children students workers officers sources reports critics supporters opponents demonstrators
survivors victims patients passengers citizens leaders ministers officers judges lawyers
fire rain snow floods flooding heavy strong thousands hundreds dozens millions billions
local state federal national international regional global new old former first last next
breaking update updated exclusive watch read live photo video
""".split())
_COMMON_SUFFIX = re.compile(r"(?:ly|ing|ed|ers|ors|ists|ants|ents|ians|ions|ities|ies|ness|ments?|als|ives|sses)$")
_ALIASES = {
    "us": ("united", "states"), "usa": ("united", "states"), "uk": ("united", "kingdom"),
    "un": ("united", "nations"), "eu": ("european", "union"),
}
# Approximations that say the same thing: "about 40" and "around 40" are no change.
_APPROXIMATIONS = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "estimated": "about", "an estimated": "about", "nearly": "nearly",
    "almost": "nearly", "close to": "nearly", "more than": "more than", "over": "more than",
    "upwards of": "more than", "less than": "less than", "fewer than": "less than",
    "under": "less than", "up to": "up to", "at most": "up to", "as many as": "up to",
    "as much as": "up to", "at least": "at least",
}

# ---------------------------------------------------------------------------------------------
# Regular expressions (all run on the folded text)

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE_RE = re.compile(rf"""
    (?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
  | (?P<slash>\b\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})\b)
  | (?P<md>\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b(?:,?\s+(?P<y1>{_YEAR})\b)?)
  | (?P<dm>\b(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})(?![a-z])(?:,?\s+(?P<y2>{_YEAR})\b)?)
  | (?P<my>\b(?P<m3>{_MONTH}),?\s+(?P<y3>{_YEAR})\b)
  | (?P<time>\b(?P<th>[01]?\d|2[0-3])(?::(?P<tm>[0-5]\d))?\s?(?P<ap>[ap]\.m\.|[ap]m\b|[AP]M\b)
            |\b(?P<th2>[01]?\d|2[0-3]):(?P<tm2>[0-5]\d)\b|\b(?P<noon>noon|midnight)\b)
  | (?P<wd>\b(?:(?P<wrel>(?i:last|next|this))\s+)?(?P<wday>{_WEEKDAY})s?\b)
  | (?P<rel>\b(?i:today|tonight|yesterday|tomorrow|last\s+night
            |(?:(?:earlier|later)\s+)?(?:last|next|this)\s+(?:week|weekend|month|year|morning
              |afternoon|evening|night|spring|summer|autumn|fall|winter))\b)
  | (?P<decade>\b(?:1[89]|20)\d0s\b)
  | (?P<year>(?<![\d,.$£€¥])\b{_YEAR}\b(?![,.]\d|\s?%))
  | (?P<month>\b(?:January|February|March|April|May|June|July|August|September|October
              |November|December)\b)
""", re.VERBOSE)

_DIGIT_RE = re.compile(r"""
    (?<![\w.])(?<![A-Za-z]-)
    (?P<cur>(?:US|A|C|NZ|HK|S)?\$|£|€|¥|₹)?\s?
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?:(?P<ord>st|nd|rd|th)\b|(?P<glued>[A-Za-z]{1,4})\b)?
    (?:\s?(?P<pct>%|percent\b|per\s+cent\b))?
    (?:\s+(?P<scale>thousand|million|billion|trillion|bn|mn)\b)?
    (?!\w)
""", re.VERBOSE | re.IGNORECASE)
_NUMBER_WORD = "|".join([*_UNITS, *_SCALES, "dozen"])
_SPELLED_RE = re.compile(rf"""
    \b(?:an?\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?
    (?:{_NUMBER_WORD})(?:(?:-|\s+|\s+and\s+)(?:{_NUMBER_WORD}))*\b
    (?:\s+(?P<pct>percent|per\s+cent)\b)?
  | \b(?P<ord>{"|".join(_ORDINALS)})\b
  | \b(?P<vague>(?:tens|hundreds)\s+of\s+thousands|dozens|hundreds|thousands|millions|billions)\b
""", re.VERBOSE | re.IGNORECASE)

_ATTRIBUTION_RE = re.compile(
    r"\b(?:according\s+to|" + "|".join(w for w in _ATTRIBUTION_VERBS if " " not in w) + r")\b",
    re.IGNORECASE,
)
_MODAL_RE = re.compile(r"""
    \b(?:(?P<m>(?i:might|could|can|would|should|must|shall))(?:n't)?|(?P<lm>may|will)
        |(?P<c>(?i:wo|ca|sha))(?=n't)n't|(?P<cannot>(?i:cannot)))\b
    (?:\s+(?P<aux>be|have)\b)?
""", re.VERBOSE)
_HEDGE_RE = re.compile(rf"""
    \b(?P<adv>{"|".join(_HEDGE_ADVERBS)})\b
  | \b(?P<verb>appear|appears|appeared|appearing|seem|seems|seemed|seemingly)\b
  | \b(?:is|are|was|were|be|been)\s+(?P<passive>believed|thought|expected|understood|feared|
        estimated|suspected|rumou?red)\s+to\b
  | \b(?P<suspected>suspected)\b
  | \b(?P<approx>about|around|roughly|approximately|nearly|almost|some|up\s+to|at\s+least
        |at\s+most|more\s+than|less\s+than|fewer\s+than|over|under|as\s+many\s+as
        |as\s+much\s+as|an\s+estimated|estimated|close\s+to|upwards\s+of)
        \s+(?=[$£€¥]?\d|(?:{_NUMBER_WORD}|dozens|hundreds|thousands)\b)
""", re.VERBOSE | re.IGNORECASE)
# "have" in "may have" belongs to the modal, not to the verbs a modal can stand in for.
_AFTER_MODAL_RE = re.compile(r"\b(?:may|might|could|can|would|should|must|shall|will|not|n't)\s+$", re.IGNORECASE)
_COPULA_RE = re.compile(r"\b(?P<be>is|are|was|were)\b|\b(?P<have>has|have|had)\b", re.IGNORECASE)
_NEGATION_RE = re.compile(r"""
    \b(?:not(?!\s+only\b)|never|without|none|nobody|nothing|neither|nor|cannot
        |no(?!\.?\s*\d)(?!-)|\w+n't)\b
""", re.VERBOSE | re.IGNORECASE)

_PREVIOUS_WORD_RE = re.compile(r"([A-Za-z]+)[\s-]*$")
_WORD_RE = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)+\.?|[^\W\d_](?:[\w'\-]*[^\W_])?")
_PLAIN_WORD_RE = re.compile(r"\w+(?:'\w+)*")
_QUOTE_SINGLE_RE = re.compile(r"(?:^|(?<=[\s(\[]))'(?=\w)((?:[^'\n]|(?<=\w)'(?=\w))+?)(?<=[\w.,!?])'(?!\w)")


# ---------------------------------------------------------------------------------------------
# Public entry point

def fact_changes(text_a: str, text_b: str) -> tuple[Fact, ...]:
    """The facts that differ between two linked texts, as ``Fact(type, a, b)`` in type order."""
    if _canonical(text_a) == _canonical(text_b):
        return ()
    a, b = _extract(text_a), _extract(text_b)
    facts: list[Fact] = []
    facts += _pair(NUMBER, a.numbers, b.numbers)
    facts += _pair(DATE, a.dates, b.dates)
    facts += _diff_names(a, b)
    facts += _diff_quotes(a, b)
    facts += _pair(ATTRIBUTION, a.attributions, b.attributions)
    facts += _diff_hedges(a, b)
    facts += _pair(NEGATION, a.negations, b.negations)
    return tuple(dict.fromkeys(facts))


def _canonical(text: str) -> str:
    return " ".join(text.translate(_FOLD).split())


class _Facts(NamedTuple):
    text: str
    folded: str
    numbers: tuple[_Item, ...]
    dates: tuple[_Item, ...]
    names: tuple[_Item, ...]
    quotes: tuple[_Item, ...]
    attributions: tuple[_Item, ...]
    hedges: tuple[_Item, ...]
    copulas: tuple[_Item, ...]
    negations: tuple[_Item, ...]
    words: frozenset[str]
    unquoted: tuple[tuple[str, int, int], ...]


@lru_cache(maxsize=4096)
def _extract(text: str) -> _Facts:
    # Cached: a base sentence is compared with its counterpart in every other version.
    folded = text.translate(_FOLD)
    dates, masked = _dates(text, folded)
    quotes, quoted_spans = _quotes(text, folded)
    unquoted = tuple(
        (m.group().lower(), m.start(), m.end())
        for m in _PLAIN_WORD_RE.finditer(folded)
        if not any(s <= m.start() < e for s, e in quoted_spans)
    )
    return _Facts(
        text=text,
        folded=folded,
        numbers=_numbers(text, masked),
        dates=dates,
        names=_names(text, folded),
        quotes=quotes,
        attributions=tuple(
            _item(text, m, _ATTRIBUTION_VERBS[" ".join(m.group().lower().split())])
            for m in _ATTRIBUTION_RE.finditer(folded)
        ),
        hedges=_hedges(text, folded),
        copulas=tuple(
            _item(text, m, "be" if m.group("be") else "have")
            for m in _COPULA_RE.finditer(folded)
            if not _AFTER_MODAL_RE.search(folded, max(0, m.start() - 16), m.start())
        ),
        negations=_negations(text, folded),
        words=_word_set(folded),
        unquoted=unquoted,
    )


def _item(text: str, match: re.Match, key: object, group: int | str = 0) -> _Item:
    start, end = match.span(group)
    return _Item(key, _surface(text, start, end), start, end)


def _surface(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


# ---------------------------------------------------------------------------------------------
# Comparison

def _pair(fact_type: str, items_a: tuple[_Item, ...], items_b: tuple[_Item, ...]) -> list[Fact]:
    """Facts for the items whose keys are not matched on the other side, paired in order."""
    left_a, left_b = _unmatched(items_a, items_b)
    return _facts_from(fact_type, left_a, left_b)


def _unmatched(items_a, items_b) -> tuple[list[_Item], list[_Item]]:
    count_a = Counter(item.key for item in items_a)
    count_b = Counter(item.key for item in items_b)
    left_a = [item for item in items_a if _take(count_b, item.key)]
    left_b = [item for item in items_b if _take(count_a, item.key)]
    return left_a, left_b


def _take(counts: Counter, key) -> bool:
    """True when ``key`` has no counterpart left in ``counts`` (else use one up)."""
    if counts[key] > 0:
        counts[key] -= 1
        return False
    return True


def _facts_from(fact_type: str, left_a, left_b) -> list[Fact]:
    facts = [Fact(fact_type, x.surface, y.surface) for x, y in zip(left_a, left_b, strict=False)]
    facts += [Fact(fact_type, x.surface, "") for x in left_a[len(left_b):]]
    facts += [Fact(fact_type, "", y.surface) for y in left_b[len(left_a):]]
    return facts


# ---------------------------------------------------------------------------------------------
# Dates and numbers

def _dates(text: str, folded: str) -> tuple[tuple[_Item, ...], str]:
    """Date items, and the folded text with those dates blanked out for the number scan."""
    items = []
    masked = list(folded)
    for m in _DATE_RE.finditer(folded):
        key = _date_key(m, folded)
        if key is None:
            continue
        items.append(_item(text, m, key))
        masked[m.start():m.end()] = " " * (m.end() - m.start())
    return tuple(items), "".join(masked)


def _date_key(m: re.Match, folded: str):
    if m.group("iso"):
        return ("md", int(m.group("im")), int(m.group("id")), int(m.group("iy")))
    if m.group("slash"):
        return ("slash", m.group("slash"))
    if m.group("md"):
        return ("md", _month(m.group("m1")), _int(m.group("d1")), _int(m.group("y1")))
    if m.group("dm"):
        return ("md", _month(m.group("m2")), _int(m.group("d2")), _int(m.group("y2")))
    if m.group("my"):
        return ("my", _month(m.group("m3")), int(m.group("y3")))
    if m.group("time"):
        if m.group("noon"):
            return ("t", 12 if m.group("noon").lower() == "noon" else 0, 0)
        if m.group("th2"):
            return ("t", int(m.group("th2")), int(m.group("tm2")))
        hour = int(m.group("th")) % 12 + (12 if m.group("ap").lower().startswith("p") else 0)
        return ("t", hour, int(m.group("tm") or 0))
    if m.group("wd"):
        return ("wd", (m.group("wrel") or "").lower(), m.group("wday").lower())
    if m.group("rel"):
        return ("rel", " ".join(m.group("rel").lower().split()))
    if m.group("decade"):
        return ("decade", m.group("decade"))
    if m.group("year"):
        # A bare four-digit number is a year only where a date could stand; else it is a count.
        after = folded[m.end():m.end() + 1]
        if _previous_word(folded, m.start()) in _DATE_PREPOSITIONS or after in _YEAR_ENDINGS:
            return ("y", int(m.group("year")))
        return None
    if m.group("month"):
        if _previous_word(folded, m.start()) in _DATE_PREPOSITIONS:
            return ("m", _month(m.group("month")))
        return None
    return None


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _int(value: str | None) -> int | None:
    return int(re.sub(r"\D", "", value)) if value else None


def _previous_word(text: str, start: int) -> str:
    m = _PREVIOUS_WORD_RE.search(text, max(0, start - 30), start)
    return m.group(1).lower() if m else ""


def _numbers(text: str, masked: str) -> tuple[_Item, ...]:
    items = []
    masked_list = list(masked)
    for m in _DIGIT_RE.finditer(masked):
        try:
            value = Decimal(m.group("num").replace(",", ""))
        except InvalidOperation:
            continue
        glued = (m.group("glued") or "").lower()
        scale = m.group("scale") or ""
        value *= _SCALES.get(scale.lower(), _SCALE_ABBREVIATIONS.get(scale.lower(), 1))
        value *= _SCALE_ABBREVIATIONS.get(glued, 1)
        currency = (m.group("cur") or "").replace("US$", "$")
        key = ("n", format(value.normalize(), "f"), currency, bool(m.group("pct")), bool(m.group("ord")))
        start = m.start("cur") if m.group("cur") else m.start("num")
        items.append(_Item(key, _surface(text, start, m.end()), start, m.end()))
        masked_list[m.start():m.end()] = " " * (m.end() - m.start())
    masked = "".join(masked_list)
    for m in _SPELLED_RE.finditer(masked):
        words = m.group().lower()
        if m.group("vague"):
            key = ("vague", " ".join(words.split()))
        elif m.group("ord"):
            key = ("n", str(_ORDINALS[words]), "", False, True)
        else:
            if _is_pronoun_one(masked, m):
                continue
            spelled = m.group()[: m.start("pct") - m.start()] if m.group("pct") else m.group()
            key = ("n", str(_spelled_value(spelled)), "", bool(m.group("pct")), False)
        items.append(_item(text, m, key))
    items.sort(key=lambda item: item.start)
    return tuple(items)


def _is_pronoun_one(text: str, m: re.Match) -> bool:
    # "no one", "one another": not a count.
    if m.group().lower() != "one":
        return False
    return _previous_word(text, m.start()) in ("no", "any", "every") or bool(
        re.match(r"\s+another\b", text[m.end():], re.IGNORECASE)
    )


def _spelled_value(words: str) -> int:
    total = current = 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return total + current


# ---------------------------------------------------------------------------------------------
# Names

def _word_set(folded: str) -> frozenset[str]:
    words = set()
    for m in _WORD_RE.finditer(folded):
        token = _name_token(m.group())
        words.add(token)
        words.update(_ALIASES.get(token, ()))
    return frozenset(words)


def _name_token(token: str) -> str:
    token = token.lower().replace(".", "")
    if token.endswith("'s"):
        token = token[:-2]
    return token.rstrip("'")


def _is_capitalised(token: str) -> bool:
    return token[0].isupper() or bool(re.match(r"(?:al|el|ad|as|an|bin|ibn|abu)-[A-Z]", token))


def _is_title_case(folded: str) -> bool:
    """Headline-style text, where capitals say nothing about names."""
    long_words = [w for w in _WORD_RE.findall(folded) if len(w) >= 4 and w.lower() not in _CONNECTORS]
    if len(long_words) < 4:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= 0.8


def _starts_sentence(folded: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and folded[i] in " \t\r":
        i -= 1
    if i < 0 or folded[i] in ".!?:;\n\"'":
        return True
    return False


def _names(text: str, folded: str) -> tuple[_Item, ...]:
    if _is_title_case(folded):
        return ()
    lowercase_words = {w for w in _WORD_RE.findall(folded) if w[0].islower()}
    runs: list[list[re.Match]] = []
    run: list[re.Match] = []
    previous_end = -1
    for m in _WORD_RE.finditer(folded):
        token = m.group()
        lower = _name_token(token)
        gap = folded[previous_end:m.start()] if previous_end >= 0 else " "
        joined = run and (gap.isspace() or (gap.strip() == "." and _is_initial_or_title(run[-1].group())))
        if not joined and run:
            runs.append(run)
            run = []
        if _is_capitalised(token) and not _is_non_name(lower):
            run.append(m)
        elif run and lower in _CONNECTORS and token.islower():
            run.append(m)
        elif run:
            runs.append(run)
            run = []
        previous_end = m.end()
    if run:
        runs.append(run)

    items: dict[tuple[str, ...], _Item] = {}
    for run in runs:
        run = _trim_run(run, folded, lowercase_words)
        if not run:
            continue
        start, end = run[0].start(), run[-1].end()
        last = run[-1].group()
        if last.endswith("'s"):
            end -= 2
        elif last.endswith("'"):
            end -= 1
        tokens = (_name_token(m.group()) for m in run if m.group().lower() not in _CONNECTORS)
        key = tuple(word for token in tokens for word in _ALIASES.get(token, (token,)))
        items.setdefault(key, _Item(key, _surface(text, start, end), start, end))
    return tuple(items.values())


def _is_initial_or_title(token: str) -> bool:
    return (len(token) == 1 and token.isupper()) or _name_token(token) in _TITLES


def _is_non_name(lower: str) -> bool:
    """Capitalised words that are never names: dates, numbers, the pronoun I."""
    return (
        lower in _MONTHS or lower.rstrip("s") in _WEEKDAYS or lower in _UNITS or lower in _ORDINALS
        or lower in _SCALES or lower == "i"
    )


def _trim_run(run: list[re.Match], folded: str, lowercase_words: set[str]) -> list[re.Match]:
    """Drop titles, leading connectors and sentence-initial common words from a name run."""
    while run:
        token = run[0].group()
        lower = _name_token(token)
        if lower in _TITLES or (lower in _CONNECTORS and token.islower()):
            run = run[1:]
            continue
        if _starts_sentence(folded, run[0].start()) and not token.isupper():
            common = lower in _COMMON_WORDS or lower in _ATTRIBUTION_VERBS or lower in _HEDGE_ADVERBS
            if common or (len(run) == 1 and (_COMMON_SUFFIX.search(lower) or lower in lowercase_words)):
                run = run[1:]
                continue
        break
    while run and run[-1].group().islower():
        run = run[:-1]
    return run


def _diff_names(a: _Facts, b: _Facts) -> list[Fact]:
    left_a = [n for n in a.names if not _name_present(n, b)]
    left_b = [n for n in b.names if not _name_present(n, a)]
    return _facts_from(NAME, left_a, left_b)


def _name_present(name: _Item, other: _Facts) -> bool:
    tokens = set(name.key)
    # Present if all its words occur on the other side (any case), or a shorter form does.
    return tokens <= other.words or any(set(n.key) <= tokens for n in other.names)


# ---------------------------------------------------------------------------------------------
# Quotes

def _quotes(text: str, folded: str) -> tuple[tuple[_Item, ...], list[tuple[int, int]]]:
    spans = []
    marks = [i for i, c in enumerate(folded) if c == '"']
    for i in range(0, len(marks), 2):
        start = marks[i]
        # An unclosed quote runs to the end: a quotation that continues in the next paragraph.
        end = marks[i + 1] + 1 if i + 1 < len(marks) else len(folded)
        spans.append((start, end))
    for m in _QUOTE_SINGLE_RE.finditer(folded):
        if not any(s <= m.start() < e for s, e in spans):
            spans.append(m.span())
    spans.sort()
    items = []
    for start, end in spans:
        words = tuple(w.lower() for w in _PLAIN_WORD_RE.findall(folded, start, end))
        if words:
            items.append(_Item(words, _surface(text, start, end), start, end))
    return tuple(items), spans


def _diff_quotes(a: _Facts, b: _Facts) -> list[Fact]:
    left_a, left_b = _unmatched(a.quotes, b.quotes)
    if not left_a and not left_b:
        return []
    # Reworded quotes: pair the most similar first.
    scored = sorted(
        ((SequenceMatcher(None, qa.key, qb.key, autojunk=False).ratio(), i, j)
         for i, qa in enumerate(left_a) for j, qb in enumerate(left_b)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    partner_of_a: dict[int, int] = {}
    taken_b: set[int] = set()
    for ratio, i, j in scored:
        if ratio < 0.5:
            break
        if i not in partner_of_a and j not in taken_b:
            partner_of_a[i] = j
            taken_b.add(j)
    facts = []
    for i, qa in enumerate(left_a):
        if i in partner_of_a:
            facts.append(Fact(QUOTE, qa.surface, left_b[partner_of_a[i]].surface))
        else:
            facts.append(Fact(QUOTE, qa.surface, _unquoted_survivor(qa, b)))
    for j, qb in enumerate(left_b):
        if j not in taken_b:
            facts.append(Fact(QUOTE, _unquoted_survivor(qb, a), qb.surface))
    return facts


def _unquoted_survivor(quote: _Item, other: _Facts) -> str:
    """The other side's unquoted words that repeat the quote (indirect speech), or ""."""
    words = quote.key
    if len(words) < 3 or not other.unquoted:
        return ""
    other_words = [w for w, _, _ in other.unquoted]
    matcher = SequenceMatcher(None, words, other_words, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    matched = sum(blk.size for blk in blocks)
    # Half the words is enough: indirect speech shifts pronouns and tenses ("we are" -> "they were").
    if matched < max(2, 0.5 * len(words)):
        return ""
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size
    if last - first > 2 * len(words):
        return ""
    return _surface(other.text, other.unquoted[first][1], other.unquoted[last - 1][2])


# ---------------------------------------------------------------------------------------------
# Hedges and negation

def _hedges(text: str, folded: str) -> tuple[_Item, ...]:
    items = []
    for m in _MODAL_RE.finditer(folded):
        if m.group("lm") or m.group("m"):
            word = (m.group("lm") or m.group("m")).lower()
            if _previous_word(folded, m.start()) in _NOUN_DETERMINERS:
                continue
        else:
            word = (m.group("c") or m.group("cannot")).lower()
        key = ("modal", _MODALS[word], m.group("aux") or "")
        items.append(_item(text, m, key))
    for m in _HEDGE_RE.finditer(folded):
        if m.group("adv"):
            key = ("adv", m.group("adv").lower())
        elif m.group("verb"):
            key = ("verb", m.group("verb").lower().rstrip("sd").removesuffix("ing").removesuffix("e"))
        elif m.group("passive"):
            key = ("passive", m.group("passive").lower())
        elif m.group("suspected"):
            key = ("adv", "suspected")
        else:
            key = ("approx", _APPROXIMATIONS[" ".join(m.group("approx").lower().split())])
            items.append(_item(text, m, key, "approx"))
            continue
        items.append(_item(text, m, key))
    items.sort(key=lambda item: item.start)
    return tuple(items)


def _diff_hedges(a: _Facts, b: _Facts) -> list[Fact]:
    left_a, left_b = _unmatched(a.hedges, b.hedges)
    facts = [Fact(HEDGE, x.surface, y.surface) for x, y in zip(left_a, left_b, strict=False)]
    extra_a, extra_b = left_a[len(left_b):], left_b[len(left_a):]
    if extra_a or extra_b:
        # "is" -> "may be": a modal with "be"/"have" stands where the other side had the verb.
        copulas_a, copulas_b = _unmatched(a.copulas, b.copulas)
        facts += [Fact(HEDGE, x.surface, _replaced_verb(x, copulas_b)) for x in extra_a]
        facts += [Fact(HEDGE, _replaced_verb(y, copulas_a), y.surface) for y in extra_b]
    return facts


def _replaced_verb(hedge: _Item, copulas: list[_Item]) -> str:
    aux = hedge.key[2] if hedge.key[0] == "modal" else ""
    for i, copula in enumerate(copulas):
        if aux and copula.key == aux:
            return copulas.pop(i).surface
    return ""


def _negations(text: str, folded: str) -> tuple[_Item, ...]:
    items = []
    for m in _NEGATION_RE.finditer(folded):
        word = m.group().lower()
        key = "not" if word in ("not", "cannot") or word.endswith("n't") else word
        items.append(_item(text, m, key))
    return tuple(items)
