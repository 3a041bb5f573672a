"""Facts that differ inside a link: numbers, dates, names, quotes, attribution, hedges, negation.

Rule-based (regular expressions and small word lists, standard library only) so that it can run
on every link. Each text is reduced to a list of facts with a comparison key; facts whose keys
match on both sides are unchanged, the rest are paired in order of appearance (numbers and dates
like with like first) or reported as dropped or added.

Fact-checkers act on every flag, so the rules lean towards what a reader would call a change:

- number: a unit of time or measure is part of the value ("10 years" -> "10 months" is a change,
  "40 km" ~ "40 kilometres"). A figure in another unit is the same quantity where the conversion
  (miles/km, feet/metres, pounds/kg, mph/km/h, acres/hectares, Fahrenheit/Celsius) agrees within
  3%, or within the rounding of a round figure up to 5% ("6 miles" ~ "10 km"; temperatures to
  half a degree). Changed values are paired like-sized first ("9,200" -> "9,000"); a pair in
  different units shows them ("14-mile" -> "30-kilometre"). A bare year read as a count ("a 2019
  report") is the date "in 2019"; "one" used as a pronoun ("no one", "never had one") is no count.
- date: "this Tuesday" is "on Tuesday", "the coming spring" is "next spring"; a changed date
  pairs with one of its own grain (time, day, week, month, season, year) before any other.
- attribution: "say", "tell", "add", "write", "note" and "according to" are neutral reporting and
  count as one verb; any other verb ("state", "claim", "allege", "insist", "admit", "deny",
  "complain", ...) says something about the speaker's stance and is flagged when it replaces or is
  replaced by another. "did not say", "has not said", "claims to the land", "was announced" and
  "according to estimates" (a hedge) are not attributions. A neutral attribution that names no
  new source is not flagged: "according to Russian news reports" where the other side says
  "Russian news reports showed", or a "she said" added to a quote that both sides carry or
  repeating a "said" the other side has.
- name: a name counts as present on the other side if its words occur there in any case, with or
  without diacritics ("Oberstäfeln" ~ "Oberstaefeln"), as a part of a hyphen compound
  ("Muslim-majority"), as the demonym of a place ("Ukrainian" for "Ukraine"; "American" for
  "US") or as its acronym ("ICC"). A dropped and an added name are paired as one change only
  where they stand in the same place of the word alignment. A dateline ("BEIJING -") is not a
  name, nor is a common word opening a sentence, a quote, a bracket or what follows a dash ("A",
  "The"), nor what stands before a title ("Chinese leader Xi Jinping" is Xi Jinping). A
  hyphenated adjective ("Chinese-Russian relations") dropped with a phrase that holds another
  dropped name is left to that name; a one-word speaker ("Mr. Wang said") against a "he said" on
  the other side is the same person.
- negation: only a change of polarity is flagged (one side negated where the other is not);
  "gave no indication" and "did not say" are both negated; "nothing but", "for nothing" and "no
  fewer than" are not negations.
- hedge: "not likely" is "unlikely", "might" and "could" are "may", "must" may be said as "is
  obliged to", and "is expected to" as "forecasters expect" or "according to estimates"; a modal
  keeps its key whatever verb follows ("can be sold" ~ "can sell"). A "will" with nothing in its
  place is a tense, not a hedge. A "would" that reports a future inside a reported or indirect
  clause ("did not say when he would leave") is not a hedge, and may stand for a quoted "will". A
  hedge flag that repeats a negation flag ("cannot" dropped) is told once, as the negation.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from decimal import Decimal
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
_RELATIVE_SYNONYMS = {"coming": "next", "upcoming": "next"}
# How fine a date is: a changed date pairs with one of its own grain first.
_DATE_GRAINS = {"t": "time", "my": "month", "m": "month", "y": "year", "decade": "year"}
_RELATIVE_GRAINS = {
    "week": "week", "weekend": "week", "month": "month", "year": "year", "spring": "season",
    "summer": "season", "autumn": "season", "fall": "season", "winter": "season",
}

# Neutral reporting verbs share the key "say" (see the module docstring).
_ATTRIBUTION_VERBS = {
    "said": "say", "says": "say", "say": "say", "saying": "say", "told": "say", "tells": "say",
    "tell": "say", "stated": "state", "states": "state", "claimed": "claim", "claims": "claim",
    "claiming": "claim", "alleged": "allege", "alleges": "allege", "insisted": "insist",
    "insists": "insist", "admitted": "admit", "admits": "admit", "noted": "say", "added": "say",
    "adds": "say", "wrote": "say", "writes": "say", "announced": "announce", "announces": "announce",
    "confirmed": "confirm", "confirms": "confirm", "denied": "deny", "denies": "deny",
    "argued": "argue", "argues": "argue", "explained": "explain", "warned": "warn",
    "warns": "warn", "acknowledged": "acknowledge", "asserted": "assert", "reported": "report",
    "testified": "testify", "declared": "declare", "conceded": "concede", "revealed": "reveal",
    "tweeted": "tweet", "stressed": "stress", "emphasised": "emphasise", "emphasized": "emphasise",
    "cautioned": "warn", "cautions": "warn", "complained": "complain", "complains": "complain",
    "complain": "complain",
    "according to": "say",
}
# Verbs that often take a plain object ("announced no initiatives", "confirmed the deal"): an
# attribution only before "that" or at the end of a clause (", officials confirmed.").
_OBJECT_VERBS = frozenset("announced announces confirmed confirms revealed reported acknowledged".split())
# "did not say", "declined to tell": the verb is what was (not) said, not an attribution.
_BARE_VERBS = frozenset("say tell".split())
_AUXILIARIES = frozenset(
    "do does did not to will would could can may might should must shall cannot never".split()
)

_MODALS = {
    "may": "may", "might": "may", "could": "may", "can": "can", "would": "would",
    "should": "should", "must": "must", "shall": "shall", "will": "will",
    "wo": "will", "ca": "can", "sha": "shall", "cannot": "can",
}
_HEDGE_ADVERBS = frozenset(
    "likely unlikely possibly probably perhaps maybe reportedly allegedly apparently presumably "
    "seemingly potentially supposedly purportedly arguably".split()
)
# Left out of the source after "according to".
_DETERMINERS = frozenset("the a an this that these those his her their its our my your".split())
# Words before a modal that make it a noun: "the will of the people", "a must".
_NOUN_DETERMINERS = frozenset("the a an his her their its my your our political free good ill own".split())

_TITLES = frozenset(
    "mr mrs ms miss mx dr prof sir dame lord lady rev gen col capt lt sgt maj cpl adm sen rep gov "
    "president vice prime minister chancellor king queen prince princess pope judge justice mayor "
    "chief secretary senator governor ambassador inspector detective commissioner premier sheikh "
    "emir ayatollah pastor archbishop bishop cardinal chairman chairwoman ceo pm spokesman "
    "spokeswoman spokesperson leader commander superintendent constable sergeant councilwoman "
    "councilman councillor councilor councilmember member congressman congresswoman assemblyman "
    "assemblywoman alderman".split()
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
several such other another more less least one two anyone everyone someone no-one
is are was were be been being has have had do does did will would shall should may might can
could must let lets please yes well oh ok okay
police officials authorities residents witnesses rescuers firefighters protesters investigators
prosecutors lawmakers analysts experts doctors scientists researchers troops soldiers forces
government company companies shares prices markets stocks investors voters people families
children students workers officers sources reports critics supporters opponents demonstrators
survivors victims patients passengers citizens leaders ministers judges lawyers
fire rain snow floods flooding heavy strong thousands hundreds dozens millions billions
local state federal national international regional global new old former first last next
breaking update updated exclusive watch read live photo video
prior following given due like unlike including except beyond besides regarding concerning
whether whatever whoever wherever whenever overall separately similarly likewise asked
inside outside behind below beneath beside throughout amidst twice rather
part parts half rest members top
""".split())
# Common nouns that open a sentence alone ("City finance director ...") but also open names
# ("City Council", "Court of Appeal"): dropped only when they stand alone.
_COMMON_NOUNS = frozenset(
    "city town county village district province region council court school schools hospital side".split()
)
_COMMON_SUFFIX = re.compile(
    r"(?:ly|ing|ed|ers|ors|ists|ants|ents|ians|ions|tion|sion|ity|ities|ies|ency|ancy|ness|ments?|als|ives|sses)$"
)
# Demonyms and adjectives name their place: "Ukrainian" ~ "Ukraine", "Chinese" ~ "China".
_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "is", "i", "ic", "s")
_PLACE_ENDINGS = ("e", "a", "y")
# Units that are not names: "35 degrees Celsius", "35C", "20°F".
_MEASURE_NAMES = frozenset("fahrenheit celsius centigrade".split())
_FIGURE_CHARS = frozenset("0123456789°")
# A name written with or without its diacritics is the same name: "Oberstäfeln" ~ "Oberstaefeln".
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_IRREGULAR_DEMONYMS = {
    "british": "britain", "briton": "britain", "britons": "britain", "french": "france",
    "dutch": "netherlands", "spanish": "spain", "welsh": "wales", "swiss": "switzerland",
    "greek": "greece", "turkish": "turkey", "polish": "poland", "swedish": "sweden",
    "danish": "denmark", "finnish": "finland", "filipino": "philippines", "afghan": "afghanistan",
    "english": "england", "scottish": "scotland", "irish": "ireland", "thai": "thailand",
}
_ALIASES = {
    "us": ("united", "states"), "usa": ("united", "states"), "america": ("united", "states"),
    "american": ("united", "states"), "americans": ("united", "states"), "uk": ("united", "kingdom"),
    "britain": ("united", "kingdom"), "british": ("united", "kingdom"), "un": ("united", "nations"),
    "eu": ("european", "union"),
}
# Pronouns that stand for a person named elsewhere in the story ("he said" for "Torigian said").
_SUBJECT_PRONOUNS = frozenset("he she".split())
_SPEAKER_PRONOUNS = frozenset("he she they we".split())
_WEEKDAY_ABBREVIATIONS = frozenset("mon tue tues wed thu thur thurs fri".split())
# Approximations that say the same thing: "about 40" and "around 40" are no change.
_APPROXIMATIONS = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "estimated": "about", "an estimated": "about", "nearly": "nearly",
    "almost": "nearly", "close to": "nearly", "more than": "more than", "over": "more than",
    "upwards of": "more than", "less than": "less than", "fewer than": "less than",
    "under": "less than", "up to": "up to", "at most": "up to", "as many as": "up to",
    "as much as": "up to", "at least": "at least", "no fewer than": "at least",
    "no less than": "at least", "no more than": "up to", "shorter than": "less than",
    "longer than": "more than", "below": "less than", "above": "more than",
}
# Units read with a number: "10 years" -> "10 months" is a change, "40 km" ~ "40 kilometres".
_UNITS_OF_MEASURE = {
    **dict.fromkeys("second seconds".split(), "second"), **dict.fromkeys("minute minutes".split(), "minute"),
    **dict.fromkeys("hour hours hr hrs".split(), "hour"), **dict.fromkeys("day days".split(), "day"),
    **dict.fromkeys("week weeks".split(), "week"), **dict.fromkeys("month months".split(), "month"),
    **dict.fromkeys("year years".split(), "year"), **dict.fromkeys("decade decades".split(), "decade"),
    **dict.fromkeys("century centuries".split(), "century"),
    **dict.fromkeys("km kms kilometre kilometres kilometer kilometers".split(), "km"),
    **dict.fromkeys("mile miles".split(), "mile"), **dict.fromkeys("metre metres meter meters".split(), "m"),
    **dict.fromkeys("foot feet ft".split(), "ft"), **dict.fromkeys("cm centimetre centimetres".split(), "cm"),
    **dict.fromkeys("inch inches".split(), "inch"), **dict.fromkeys("yard yards".split(), "yard"),
    **dict.fromkeys("kg kgs kilogram kilograms kilo kilos".split(), "kg"),
    **dict.fromkeys("tonne tonnes ton tons".split(), "tonne"), **dict.fromkeys("lb lbs pound pounds".split(), "lb"),
    "mph": "mph", **dict.fromkeys("km/h kmh kph".split(), "km/h"),
    **dict.fromkeys("acre acres".split(), "acre"), **dict.fromkeys("hectare hectares".split(), "hectare"),
    **dict.fromkeys("litre litres liter liters".split(), "litre"),
    **dict.fromkeys("gallon gallons".split(), "gallon"), **dict.fromkeys("barrel barrels".split(), "barrel"),
    **dict.fromkeys("degree degrees".split(), "degree"),
    **dict.fromkeys(["°f", "° f", "degrees f", "degrees fahrenheit", "fahrenheit"], "fahrenheit"),
    **dict.fromkeys(["°c", "° c", "degrees c", "degrees celsius", "celsius", "degrees centigrade", "centigrade"],
                    "celsius"),
}
_GLUED_TEMPERATURES = {"F": "fahrenheit", "C": "celsius"}  # "35C (95F)"
# Units that convert into each other: (quantity, factor, offset), the value in a common unit
# being (value + offset) * factor.
_MEASURES = {
    "mile": ("length", 1609.344, 0), "km": ("length", 1000, 0), "m": ("length", 1, 0), "ft": ("length", 0.3048, 0),
    "cm": ("length", 0.01, 0), "inch": ("length", 0.0254, 0), "yard": ("length", 0.9144, 0),
    "kg": ("mass", 1, 0), "lb": ("mass", 0.45359237, 0), "acre": ("area", 4046.8564, 0),
    "hectare": ("area", 10000, 0), "mph": ("speed", 1.609344, 0), "km/h": ("speed", 1, 0),
    "celsius": ("temperature", 1, 0), "fahrenheit": ("temperature", 5 / 9, -32),
}

# ---------------------------------------------------------------------------------------------
# Regular expressions (all run on the folded text). The long alternations open with one "\b(?:"
# so that positions inside words are rejected once, not once per branch (1.5x faster).

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE_RE = re.compile(rf"""\b(?:
    (?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
  | (?P<slash>\b\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})\b)
  | (?P<md>\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b(?:,?\s+(?P<y1>{_YEAR})\b)?)
  | (?P<dm>\b(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})(?![a-z])(?:,?\s+(?P<y2>{_YEAR})\b)?)
  | (?P<my>\b(?P<m3>{_MONTH}),?\s+(?P<y3>{_YEAR})\b)
  | (?P<time>\b(?P<th>[01]?\d|2[0-3])(?:[:.](?P<tm>[0-5]\d))?\s?(?P<ap>[ap]\.m\.|[ap]m\b|[AP]M\b)
            |\b(?P<th2>[01]?\d|2[0-3]):(?P<tm2>[0-5]\d)\b|\b(?P<noon>noon|midnight)\b)
  | (?P<wd>\b(?:(?P<wrel>(?i:last|next|this))\s+)?(?P<wday>{_WEEKDAY})s?\b)
  | (?P<rel>\b(?i:today|tonight|yesterday|tomorrow|last\s+night
            |(?:(?:earlier|later)\s+)?(?:last|next|this|coming|upcoming)\s+(?:week|weekend|month|year|morning
              |afternoon|evening|night|spring|summer|autumn|fall|winter))\b)
  | (?P<decade>\b(?:1[89]|20)\d0s\b)
  | (?P<year>(?<![\d,.$£€¥])\b{_YEAR}\b(?![,.]\d|\s?%))
  | (?P<month>\b(?:January|February|March|April|May|June|July|August|September|October
              |November|December)\b)
)""", re.VERBOSE)

_DIGIT_RE = re.compile(r"""
    (?<![\w.])(?<![A-Za-z]-)
    (?P<cur>(?:US|A|C|NZ|HK|S)?\$|£|€|¥|₹)?\s?
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?:(?P<ord>st|nd|rd|th)\b|(?P<glued>[A-Za-z]{1,4})\b)?
    (?:\s?(?P<pct>%|percent\b|per\s+cent\b))?
    (?:\s+(?P<scale>thousand|million|billion|trillion|bn|mn)\b)?
    (?!\w)
""", re.VERBOSE | re.IGNORECASE)
_UNIT_AFTER_RE = re.compile(
    r"[\s-]?("
    + "|".join(re.escape(unit).replace(r"\ ", r"\s+") for unit in sorted(_UNITS_OF_MEASURE, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_MINUS_BEFORE_RE = re.compile(r"(?<![\w.])(?:-|minus\s+)$", re.IGNORECASE)
_ONE_PRONOUN_BEFORE = frozenset("no any every each the this that which another someone".split())
_ONE_PRONOUN_AFTER_RE = re.compile(r"\s+(?:another|of|who|that|which)\b|\s*(?:[,.;:!?)\"]|$)", re.IGNORECASE)
_NUMBER_WORD = "|".join([*_UNITS, *_SCALES, "dozen"])
_SPELLED_RE = re.compile(rf"""\b(?:
    \b(?:an?\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?
    (?:{_NUMBER_WORD})(?:(?:-|\s+|\s+and\s+)(?:{_NUMBER_WORD}))*\b
    (?:\s+(?P<pct>percent|per\s+cent)\b)?
  | \b(?P<ord>{"|".join(_ORDINALS)})\b
  | \b(?P<vague>(?:tens|hundreds)\s+of\s+thousands|dozens|hundreds|thousands|millions|billions)\b
)""", re.VERBOSE | re.IGNORECASE)

# Words without which a text cannot hold a date (besides digits), a spelled number, an attribution,
# a hedge other than a modal, or a negation (besides "n't").
_DATE_WORDS = frozenset([
    *_MONTHS, *_WEEKDAYS, *(day + "s" for day in _WEEKDAYS), "today", "tonight", "yesterday",
    "tomorrow", "noon", "midnight", "week", "weekend", "month", "year", "morning", "afternoon",
    "evening", "night", "spring", "summer", "autumn", "fall", "winter",
])
_NUMBER_WORDS = frozenset([
    *_UNITS, *_SCALES, *_ORDINALS, "dozen", "dozens", "tens", "hundreds", "thousands", "millions",
    "billions",
])
_REPORTING_VERBS = "|".join(w for w in _ATTRIBUTION_VERBS if " " not in w)
_ATTRIBUTION_WORDS = frozenset([*_REPORTING_VERBS.split("|"), "according"])
_ATTRIBUTION_RE = re.compile(rf"\b(?:according\s+to|{_REPORTING_VERBS})\b", re.IGNORECASE)
_HEDGE_WORDS = frozenset([
    *_HEDGE_ADVERBS, *"appear appears appeared appearing seem seems seemed seen believed thought".split(),
    *"expected understood feared estimated suspected rumored rumoured according".split(),
])
_NEGATION_WORDS = frozenset(
    "not never without none nobody nothing neither nor cannot no yet fail fails failed failing refuse refuses "
    "refused refusing decline declines declined declining".split()
)
_MODAL_RE = re.compile(r"""
    \b(?:(?P<m>(?i:might|could|can|would|should|must|shall))(?:n't)?|(?P<lm>may|will)
        |(?P<c>(?i:wo|ca|sha))(?=n't)n't|(?P<cannot>(?i:cannot)))\b
    (?:\s+(?P<aux>be|have)\b)?
""", re.VERBOSE)
# "according to estimates" is a hedge ("is expected to"), not a source; "estimates by the ministry" is.
_ESTIMATES = r"(?:the\s+)?(?:estimates|projections|forecasts)\b(?!\s+(?:of|by|from)\b)"
_ESTIMATES_AFTER_RE = re.compile(r"\s+" + _ESTIMATES, re.IGNORECASE)
_APPROXIMATION = "|".join(w.replace(" ", r"\s+") for w in sorted(_APPROXIMATIONS, key=len, reverse=True))
_HEDGE_RE = re.compile(rf"""\b(?:
    \b(?P<notlikely>(?:not|\w+n't)\s+likely)\b
  | \b(?P<adv>{"|".join(_HEDGE_ADVERBS)})\b
  | \b(?P<verb>appear|appears|appeared|appearing|seem|seems|seemed|seemingly)\b
        (?!\s+(?:in|on|at|before|with|alongside|for|during|from|outside|inside|together|onstage
              |live|publicly|briefly)\b)
  | \b(?:be|been|being|is|are|was|were)\s+(?P<seen>seen)\s+to\b
  | \b(?:is|are|was|were|be|been)\s+(?P<passive>believed|thought|expected|understood|feared|
        estimated|suspected|rumou?red)\s+to\b
  | \b(?P<suspected>suspected)\b
  | \b(?P<estimates>according\s+to\s+{_ESTIMATES})
)""", re.VERBOSE | re.IGNORECASE)
_APPROXIMATION_RE = re.compile(
    rf"\b({_APPROXIMATION})\s+(?=[$£€¥]?\d|(?:{_NUMBER_WORD}|dozens|hundreds|thousands)\b)", re.IGNORECASE
)
# Say what "must" says, and the active verbs of a passive hedge ("are expected to" ~ "expect").
_OBLIGATION_RE = re.compile(
    r"\b(?:(?:is|are|was|were|be|been|being)\s+(?:obliged|obligated|required|bound)|has|have|had|need|needs)"
    r"\s+to\b",
    re.IGNORECASE,
)
_ACTIVE_FORMS = {
    "expected": frozenset("expect expects expected expecting".split()),
    "believed": frozenset("believe believes believed".split()),
    "thought": frozenset("think thinks thought".split()),
    "feared": frozenset("fear fears feared".split()),
    "estimated": frozenset("estimate estimates estimated".split()),
    "suspected": frozenset("suspect suspects suspected".split()),
}
# A "would" after a reporting verb or a wh-word in the same clause is reported future
# ("said Xi would visit", "did not say when he would leave"), not the writer's hedge.
_REPORTED_BEFORE_RE = re.compile(
    r"\b(?:" + _REPORTING_VERBS
    + r"|believed|believes|thought|expected|expects|hoped|hopes|predicted|promised|indicated"
    r"|knew|know|asked|whether|when|how|where|why|what)\b[^.,;:!?()\"]*$",
    re.IGNORECASE,
)
_ABBREVIATION_DOT_RE = re.compile(r"\b(Mrs|Mr|Ms|Dr|St|Jr|Sr|Lt|Gen|Sen|Rep|Gov|Col|Prof|Capt|Sgt|[A-Z])\.")
# "have" in "may have" belongs to the modal, not to the verbs a modal can stand in for.
_AFTER_MODAL_RE = re.compile(r"\b(?:may|might|could|can|would|should|must|shall|will|not|n't)\s+$", re.IGNORECASE)
_COPULA_RE = re.compile(r"\b(?P<be>is|are|was|were)\b|\b(?P<have>has|have|had)\b", re.IGNORECASE)
_NEGATION_RE = re.compile(r"""
    \b(?:not(?!\s+only\b)|never|without|none(?!\s+other\s+than\b)|nobody|(?<!\bfor\s)nothing(?!\s+but\b)
        |neither|nor|cannot|no(?!\.?\s*\d)(?!\s+(?:fewer|less|more)\s+than\b)|\w+n't
        |(?P<verb>(?:(?<=\bhas\s)|(?<=\bhave\s)|(?<=\bhad\s)|(?<=\bis\s)|(?<=\bare\s)|(?<=\bwas\s)
                |(?<=\bwere\s))yet\s+to
            |fail(?:s|ed|ing)?\s+to|refus(?:e|es|ed|ing)\s+to
            |declin(?:e|es|ed|ing)\s+to(?!\s*(?:[$£€¥\d]|(?:a|an|the|its|their|his|her|record|about
                |around|nearly|almost|just|only|roughly)\b))))\b
""", re.VERBOSE | re.IGNORECASE)
# "not likely" is the hedge "unlikely", not a negation of its own.
_LIKELY_AFTER_RE = re.compile(r"\s+likely\b", re.IGNORECASE)

_PASSIVE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# A determiner or possessive makes the verb form a noun: "Russia's claims", "the reports".
# ("he's said" is "he has said", not a possessive.)
_NOUN_BEFORE_RE = re.compile(
    r"(?:\w(?<!\bhe)(?<!\bshe)(?<!\bit)(?<!\bwho)(?<!\bthat)(?<!\bthere)'s|s'"
    r"|\b(?:the|a|an|his|her|its|their|our|your|my|these|those|such|any|no|earlier"
    r"|previous|similar|false|new|territorial))\s+$",
    re.IGNORECASE,
)
_CLAUSE_AFTER_RE = re.compile(r"\s*(?:that\b|[.,;:!?\"')\]]|$)", re.IGNORECASE)
_LOWER_WORD_AFTER_RE = re.compile(r"\s+[a-z]")
# The source after "according to", up to the end of its clause (at most six words).
_SOURCE_AFTER_RE = re.compile(r"\s+((?:[\w'-]+\s+){0,5}?[\w'-]+)\s*(?=[,.;:!?)\"]|$|(?:that|who|which)\b)")
_PREVIOUS_TOKEN_RE = re.compile(r"(\w+(?:'\w+)?)\s+$")
# "BEIJING -", "KYIV, Ukraine (AP) -": place and agency of the story, not names in the sentence.
_DATELINE_RE = re.compile(r"""
    \s*[A-Z][A-Z.']+[A-Z.](?:-[A-Z]+)*(?:\s+[A-Z][A-Z.']*[A-Z.](?:-[A-Z]+)*)*
    (?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)*)?
    \s*(?:\([^()]{1,40}\)\s*)?(?:-+|:)
""", re.VERBOSE)
_ARABIC_PREFIXES = ("al", "el", "ad", "as", "an", "bin", "ibn", "abu")
_ARABIC_PREFIX_RE = re.compile(rf"(?:{'|'.join(_ARABIC_PREFIXES)})-[A-Z]")
_DIGIT_CHAR_RE = re.compile(r"\d")
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
    numbers_a, dates_a = _years_as_dates(a.numbers, a.dates, b)
    numbers_b, dates_b = _years_as_dates(b.numbers, b.dates, a)
    facts += _diff_numbers(numbers_a, numbers_b, a, b)
    facts += _diff_dates(dates_a, dates_b)
    facts += _diff_names(a, b)
    facts += _diff_quotes(a, b)
    facts += _diff_attributions(a, b)
    negations = _diff_negations(a, b)
    # "cannot" dropped is one change, told once as a negation.
    negated = {(f.a, f.b) for f in negations}
    facts += [f for f in _diff_hedges(a, b) if (f.a, f.b) not in negated]
    facts += negations
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
    quote_spans: tuple[tuple[int, int], ...]


@lru_cache(maxsize=4096)
def _extract(text: str) -> _Facts:
    # Cached: a base sentence is compared with its counterpart in every other version.
    folded = text.translate(_FOLD)
    word_matches = tuple(_WORD_RE.finditer(folded))
    words = _word_set(word_matches)
    # The long alternations are the slow part; a text without a digit or trigger word skips them.
    digits = bool(_DIGIT_CHAR_RE.search(folded))
    spelled = not words.isdisjoint(_NUMBER_WORDS)
    if digits or not words.isdisjoint(_DATE_WORDS):
        dates, masked = _dates(text, folded)
    else:
        dates, masked = (), folded
    quotes, quoted_spans = _quotes(text, folded)
    return _Facts(
        text=text,
        folded=folded,
        numbers=_numbers(text, masked, digits, spelled),
        dates=dates,
        names=_names(text, folded, word_matches),
        quotes=quotes,
        attributions=_attributions(text, folded) if not words.isdisjoint(_ATTRIBUTION_WORDS) else (),
        hedges=_hedges(text, folded, not words.isdisjoint(_HEDGE_WORDS), digits or spelled),
        copulas=tuple(
            _item(text, m, "be" if m.group("be") else "have")
            for m in _COPULA_RE.finditer(folded)
            if not _AFTER_MODAL_RE.search(folded, max(0, m.start() - 16), m.start())
        ),
        negations=_negations(text, folded) if "n't" in folded or not words.isdisjoint(_NEGATION_WORDS) else (),
        words=words,
        quote_spans=tuple(quoted_spans),
    )


def _item(text: str, match: re.Match, key: object, group: int | str = 0) -> _Item:
    start, end = match.span(group)
    return _Item(key, _surface(text, start, end), start, end)


def _surface(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


# ---------------------------------------------------------------------------------------------
# Comparison

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


def _facts_from(fact_type: str, left_a, left_b, fact=None) -> list[Fact]:
    """The items paired in order; what one side has over is dropped or added."""
    fact = fact or (lambda x, y: Fact(fact_type, x.surface, y.surface))
    facts = [fact(x, y) for x, y in zip(left_a, left_b, strict=False)]
    facts += [Fact(fact_type, x.surface, "") for x in left_a[len(left_b):]]
    facts += [Fact(fact_type, "", y.surface) for y in left_b[len(left_a):]]
    return facts


# ---------------------------------------------------------------------------------------------
# Dates and numbers

def _dates(text: str, folded: str) -> tuple[tuple[_Item, ...], str]:
    """Date items, and the folded text with those dates blanked out for the number scan."""
    items = []
    for m in _DATE_RE.finditer(folded):
        key = _date_key(m, folded)
        if key is not None:
            items.append(_item(text, m, key))
    return tuple(items), _blank(folded, items)


def _blank(text: str, items: list[_Item]) -> str:
    """``text`` with the items blanked out, so that a later scan does not read them again."""
    chars = list(text)
    for item in items:
        chars[item.start:item.end] = " " * (item.end - item.start)
    return "".join(chars)


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
        # "this Tuesday" is the Tuesday that "on Tuesday" means.
        relative = (m.group("wrel") or "").lower()
        return ("wd", "" if relative == "this" else relative, m.group("wday").lower())
    if m.group("rel"):
        words = m.group("rel").lower().split()
        return ("rel", " ".join(_RELATIVE_SYNONYMS.get(w, w) for w in words))
    if m.group("decade"):
        return ("decade", m.group("decade"))
    if m.group("year"):
        # A bare four-digit number is a year only where a date could stand; else it is a count.
        after = folded[m.end():m.end() + 1]
        if _previous_word(folded, m.start()) in _DATE_PREPOSITIONS or after in _YEAR_ENDINGS:
            return ("y", int(m.group("year")))
        return None
    if _previous_word(folded, m.start()) in _DATE_PREPOSITIONS:
        return ("m", _month(m.group("month")))
    return None


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _int(value: str | None) -> int | None:
    return int(re.sub(r"\D", "", value)) if value else None


def _previous_word(text: str, start: int) -> str:
    m = _PREVIOUS_WORD_RE.search(text, max(0, start - 30), start)
    return m.group(1).lower() if m else ""


def _numbers(text: str, masked: str, digits: bool, spelled: bool) -> tuple[_Item, ...]:
    items = []
    for m in _DIGIT_RE.finditer(masked) if digits else ():
        value = Decimal(m.group("num").replace(",", ""))
        glued = (m.group("glued") or "").lower()
        scale = m.group("scale") or ""
        value *= _SCALES.get(scale.lower(), _SCALE_ABBREVIATIONS.get(scale.lower(), 1))
        value *= _SCALE_ABBREVIATIONS.get(glued, 1)
        currency = (m.group("cur") or "").replace("US$", "$")
        pct, ordinal = bool(m.group("pct")), bool(m.group("ord"))
        unit = (_UNITS_OF_MEASURE.get(glued, "") or _GLUED_TEMPERATURES.get(m.group("glued") or "", "")
                or ("" if currency or pct or ordinal else _unit_after(masked, m.end())))
        start = m.start("cur") if m.group("cur") else m.start("num")
        if unit in ("celsius", "fahrenheit"):
            minus = _MINUS_BEFORE_RE.search(masked, max(0, start - 8), start)
            if minus:
                value, start = -value, minus.start()  # "-5C", "minus 5 degrees Celsius"
        key = ("n", format(value.normalize(), "f"), currency, pct, ordinal, unit)
        items.append(_Item(key, _surface(text, start, m.end()), start, m.end()))
    masked = _blank(masked, items)
    for m in _SPELLED_RE.finditer(masked) if spelled else ():
        words = m.group().lower()
        if m.group("vague"):
            key = ("vague", " ".join(words.split()))
        elif m.group("ord"):
            key = ("n", str(_ORDINALS[words]), "", False, True, "")
        else:
            if _is_pronoun_one(masked, m):
                continue
            pct = bool(m.group("pct"))
            value = _spelled_value(m.group()[: m.start("pct") - m.start()] if pct else m.group())
            key = ("n", str(value), "", pct, False, "" if pct else _unit_after(masked, m.end()))
        items.append(_item(text, m, key))
    items.sort(key=lambda item: item.start)
    return tuple(items)


def _unit_after(text: str, end: int) -> str:
    m = _UNIT_AFTER_RE.match(text, end)
    return _UNITS_OF_MEASURE[" ".join(m.group(1).lower().split())] if m else ""


def _years_as_dates(numbers, dates, other: _Facts) -> tuple[tuple[_Item, ...], tuple[_Item, ...]]:
    """A bare year read as a count ("a 2019 report") is a date where the other side dates a year."""
    other_years = [d for d in other.dates if d.key[0] == "y"]
    if not other_years or not any(_is_year(n) for n in numbers):
        return numbers, dates
    other_numbers = {n.key for n in other.numbers}
    years = [n for n in numbers if _is_year(n) and n.key not in other_numbers]
    if not years:
        return numbers, dates
    kept = tuple(n for n in numbers if n not in years)
    moved = (_Item(("y", int(n.key[1])), n.surface, n.start, n.end) for n in years)
    return kept, tuple(sorted((*dates, *moved), key=lambda item: item.start))


def _is_year(item: _Item) -> bool:
    if item.key[0] != "n":
        return False  # "thousands"
    _, value, currency, pct, ordinal, unit = item.key
    return not (currency or pct or ordinal or unit) and value.isdigit() and 1800 <= int(value) <= 2099


def _diff_numbers(items_a, items_b, a: _Facts, b: _Facts) -> list[Fact]:
    """Changed numbers paired in order, values of like size first ("9,200" -> "9,000", not -> "two")."""
    left_a, left_b = _unmatched(items_a, items_b)
    # A figure given in another unit is the same quantity: "14 miles" ~ "23 km".
    left_a = [x for x in left_a if not any(_same_quantity(x, y) for y in items_b)]
    left_b = [y for y in left_b if not any(_same_quantity(y, x) for x in items_a)]

    def fact(x: _Item, y: _Item) -> Fact:
        if _unit(x) != _unit(y):
            x, y = _with_unit(x, a), _with_unit(y, b)  # "10 years" -> "10 months"
        return Fact(NUMBER, x.surface, y.surface)
    return _pair_alike(NUMBER, left_a, left_b, _size_ratio, fact)


def _diff_dates(items_a, items_b) -> list[Fact]:
    """Changed dates paired in order, like with like first ("on Tuesday" -> "on Monday", not -> "in May")."""
    left_a, left_b = _unmatched(items_a, items_b)
    return _pair_alike(DATE, left_a, left_b, lambda x, y: 1.0 if _grain(x.key) == _grain(y.key) else None)


def _grain(key: tuple) -> str:
    if key[0] == "rel":
        return _RELATIVE_GRAINS.get(key[1].rsplit(" ", 1)[-1], "day")
    return _DATE_GRAINS.get(key[0], "day")


def _pair_alike(fact_type: str, left_a: list[_Item], left_b: list[_Item], distance, fact=None) -> list[Fact]:
    """Alike items paired first (``_close_pairs``); between those pairs the rest pair in order."""
    if not left_a or not left_b:
        return _facts_from(fact_type, left_a, left_b)
    facts = []
    done_a = done_b = 0
    for i, j in [*_close_pairs(left_a, left_b, distance), (len(left_a), len(left_b))]:
        facts += _facts_from(fact_type, left_a[done_a:i], left_b[done_b:j], fact)
        if i < len(left_a):
            facts += _facts_from(fact_type, left_a[i:i + 1], left_b[j:j + 1], fact)
        done_a, done_b = i + 1, j + 1
    return facts


def _close_pairs(left_a: list[_Item], left_b: list[_Item], distance) -> list[tuple[int, int]]:
    """The most pairs with a distance that keep their order on both sides, closest first (a tiny LCS)."""
    n, m = len(left_a), len(left_b)
    cost = [[distance(x, y) for y in left_b] for x in left_a]
    # best[i][j]: (pairs, -total distance) over left_a[i:], left_b[j:]
    best = [[(0, 0.0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1])
            if cost[i][j] is not None:
                count, closeness = best[i + 1][j + 1]
                best[i][j] = max(best[i][j], (count + 1, closeness - cost[i][j]))
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        after = best[i + 1][j + 1]
        if cost[i][j] is not None and best[i][j] == (after[0] + 1, after[1] - cost[i][j]):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _size_ratio(x: _Item, y: _Item) -> float | None:
    """How far apart two counts of the same kind are (1.0 is equal), or None if unlike or far."""
    if x.key[0] != "n" or y.key[0] != "n" or x.key[2:5] != y.key[2:5]:
        return None
    size_x, size_y = _in_common_unit(x.key, y.key)
    if size_x <= 0 or size_y <= 0:
        return None
    ratio = max(size_x, size_y) / min(size_x, size_y)
    return ratio if ratio <= 2 else None


def _in_common_unit(key_x: tuple, key_y: tuple) -> tuple[float, float]:
    """Both values in the unit of ``key_y`` where one converts to the other, else as written."""
    x, y = float(key_x[1]), float(key_y[1])
    measure_x, measure_y = _MEASURES.get(key_x[5]), _MEASURES.get(key_y[5])
    if measure_x and measure_y and measure_x[0] == measure_y[0] and measure_x != measure_y:
        x = (x + measure_x[2]) * measure_x[1] / measure_y[1] - measure_y[2]
    return x, y


def _unit(item: _Item) -> str:
    return item.key[5] if item.key[0] == "n" else ""


def _same_quantity(x: _Item, y: _Item) -> bool:
    """One quantity in two units, equal within the rounding of either figure ("6 miles" ~ "10 km")."""
    if x.key[0] != "n" or y.key[0] != "n" or x.key[2:5] != y.key[2:5]:
        return False
    measure_x, measure_y = _MEASURES.get(x.key[5]), _MEASURES.get(y.key[5])
    if not measure_x or not measure_y or measure_x[0] != measure_y[0] or measure_x == measure_y:
        return False
    return _rounds_to(x.key, y.key) or _rounds_to(y.key, x.key)


def _rounds_to(key_x: tuple, key_y: tuple) -> bool:
    """``key_x`` in the unit of ``key_y`` is its value within 3%, or within its rounding up to 5% ("100")."""
    converted, written = _in_common_unit(key_x, key_y)
    if _MEASURES[key_y[5]][0] == "temperature":
        return abs(converted - written) <= 0.5  # whole degrees; a percentage means nothing near zero
    half_step = 10.0 ** Decimal(key_y[1]).normalize().as_tuple().exponent / 2  # "23": 0.5, "100": 50
    tolerance = min(max(0.03 * abs(written), half_step), 0.05 * abs(written))
    return abs(converted - written) <= tolerance


def _with_unit(item: _Item, facts_of: _Facts) -> _Item:
    m = _UNIT_AFTER_RE.match(facts_of.folded, item.end)
    return item._replace(surface=_surface(facts_of.text, item.start, m.end())) if m else item


def _is_pronoun_one(text: str, m: re.Match) -> bool:
    # "no one", "one another", "the one who", "would be one of friendship", "never had one": not a count.
    if m.group().lower() != "one":
        return False
    return _previous_word(text, m.start()) in _ONE_PRONOUN_BEFORE or bool(
        _ONE_PRONOUN_AFTER_RE.match(text, m.end())
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

def _word_set(word_matches: tuple[re.Match, ...]) -> frozenset[str]:
    words = set()
    for m in word_matches:
        token = m.group().lower()
        if "." in token or "'" in token:
            token = _name_token(token)
        words.add(token)
        if not token.isascii():
            words.update(_spellings(token))
        words.update(_ALIASES.get(token, ()))
        if "-" in token:
            words.update(token.split("-"))  # "Muslim-majority" still names Muslims
    return frozenset(words)


@lru_cache(maxsize=4096)
def _stem_sets(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Stems of a text's words read as demonyms and as places, for ``_token_present``."""
    demonyms, places = set(), set()
    for word in words:
        demonyms |= _demonym_stems(word)
        places |= _place_stems(word)
    return frozenset(demonyms), frozenset(places)


def _demonym_stems(word: str) -> set[str]:
    stems = {word[:-len(e)] for e in _DEMONYM_ENDINGS if word.endswith(e) and len(word) - len(e) >= 4}
    if word in _IRREGULAR_DEMONYMS:
        stems.add(_IRREGULAR_DEMONYMS[word])
    return stems


def _place_stems(word: str) -> set[str]:
    stems = {word[:-len(e)] for e in _PLACE_ENDINGS if word.endswith(e) and len(word) - len(e) >= 4}
    stems.add(word)
    return stems


def _name_token(token: str) -> str:
    return token.lower().replace(".", "").removesuffix("'s").rstrip("'")


def _name_core(token: str) -> str:
    """The capitalised parts of a compound: "Muslim-majority" names "muslim"."""
    if "-" in token:
        parts = [part for part in token.split("-") if part and not part[0].islower()]
        if parts:
            return _name_token("-".join(parts))
    return _name_token(token)


def _is_capitalised(token: str) -> bool:
    return token[0].isupper() or ("-" in token and bool(_ARABIC_PREFIX_RE.match(token)))


def _is_title_case(folded: str, words: list[str]) -> bool:
    """Headline-style text, where capitals say nothing about names (a headline has no full stop)."""
    if folded.rstrip().endswith("."):
        return False
    long_words = [w for w in words if len(w) >= 4 and w.lower() not in _CONNECTORS]
    if len(long_words) < 4:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= 0.8


def _starts_sentence(folded: str, start: int) -> bool:
    """At the start of a sentence, a quote or a bracket, or after a dash (a dateline ends in one)."""
    i = start - 1
    while i >= 0 and folded[i] in " \t\r":
        i -= 1
    return i < 0 or folded[i] in ".!?:;\n\"'([-"


def _names(text: str, folded: str, word_matches: tuple[re.Match, ...]) -> tuple[_Item, ...]:
    words = [m.group() for m in word_matches]
    if _is_title_case(folded, words):
        return ()
    lowercase_words = {w for w in words if w[0].islower()}
    dateline = _DATELINE_RE.match(folded)
    first = dateline.end() if dateline else 0
    runs: list[list[re.Match]] = []
    run: list[re.Match] = []
    previous_end = -1
    for m in word_matches:
        if m.start() < first:
            continue
        token = m.group()
        if not run and token[0].islower() and not _is_capitalised(token):
            previous_end = m.end()
            continue  # the common case, kept cheap
        if m.start() and folded[m.start() - 1] in _FIGURE_CHARS:
            token = token.lower()  # a unit glued to its figure: "35C", "20°C"
        gap = folded[previous_end:m.start()] if previous_end >= 0 else " "
        joined = run and (gap.isspace() or (gap.strip() == "." and _is_initial_or_title(run[-1].group())))
        if joined and run[-1].group().endswith(("'s", "'")):
            joined = False  # "Xi Jinping's Russia visit": a possessive ends the name
        if not joined and run:
            runs.append(run)
            run = []
        if _is_capitalised(token) and not _is_non_name(_name_token(token)):
            run.append(m)
        elif run and (token in _CONNECTORS or token in _TITLES):
            run.append(m)  # "Chinese leader Xi Jinping": the title still leads to the name
        elif run:
            runs.append(run)
            run = []
        previous_end = m.end()
    if run:
        runs.append(run)

    items: dict[tuple[str, ...], _Item] = {}
    for run in runs:
        while run and run[-1].group().islower():
            run = run[:-1]  # "the Texas governor": no name follows the title, Texas stays
        run = _trim_run(_after_titles(run), folded, lowercase_words)
        if not run:
            continue
        start, end = run[0].start(), run[-1].end()
        last = run[-1].group()
        if last.endswith("'s"):
            end -= 2
        elif last.endswith("'"):
            end -= 1
        tokens = (_name_core(m.group()) for m in run if m.group().lower() not in _CONNECTORS)
        key = tuple(word for token in tokens for word in _ALIASES.get(token, (token,)))
        items.setdefault(key, _Item(key, _surface(text, start, end), start, end))
    return tuple(items.values())


def _after_titles(run: list[re.Match]) -> list[re.Match]:
    """The name after its title: "Chinese President Xi Jinping" is Xi Jinping."""
    for i in range(len(run) - 1, -1, -1):
        if _name_token(run[i].group()) in _TITLES:
            return run[i + 1:]
    return run


def _is_initial_or_title(token: str) -> bool:
    return (len(token) == 1 and token.isupper()) or _name_token(token) in _TITLES


def _is_non_name(lower: str) -> bool:
    """Capitalised words that are never names: dates, numbers, the pronoun I."""
    return (
        lower in _MONTHS or lower.rstrip("s") in _WEEKDAYS or lower in _WEEKDAY_ABBREVIATIONS
        or lower in _UNITS or lower in _ORDINALS or lower in _SCALES or lower in ("i", "no")
        or lower in _MEASURE_NAMES
    )


def _trim_run(run: list[re.Match], folded: str, lowercase_words: set[str]) -> list[re.Match]:
    """Drop titles, leading connectors and sentence-initial common words from a name run."""
    while run:
        token = run[0].group()
        lower = _name_token(token)
        if lower in _TITLES or (lower in _CONNECTORS and token.islower()):
            run = run[1:]
            continue
        if _starts_sentence(folded, run[0].start()) and not (token.isupper() and len(token) > 1):
            common = lower in _COMMON_WORDS or lower in _ATTRIBUTION_VERBS or lower in _HEDGE_ADVERBS
            alone = len(run) == 1 and (
                _COMMON_SUFFIX.search(lower) or lower in lowercase_words or lower in _COMMON_NOUNS
            )
            if common or alone:
                run = run[1:]
                continue
        break
    return run


def _diff_names(a: _Facts, b: _Facts) -> list[Fact]:
    left_a = [n for n in a.names if not _name_present(n, b)]
    left_b = [n for n in b.names if not _name_present(n, a)]
    if not left_a and not left_b:
        return []
    words_a, starts_a = _word_spans(a.folded)
    words_b, starts_b = _word_spans(b.folded)
    ranges_a = [_word_range(starts_a, n) for n in left_a]
    ranges_b = [_word_range(starts_b, n) for n in left_b]
    opcodes = None
    paired: list[Fact] = []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    if left_a and left_b:
        # A dropped and an added name are one change only where they replace each other in the
        # word alignment ("in Paris" -> "in London"); elsewhere they are a drop and an add.
        opcodes = SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in opcodes:
            if tag != "replace":
                continue
            in_a = [i for i, (s, e) in enumerate(ranges_a) if i not in taken_a and s < i2 and i1 < e]
            in_b = [j for j, (s, e) in enumerate(ranges_b) if j not in taken_b and s < j2 and j1 < e]
            for i, j in zip(in_a, in_b, strict=False):
                paired.append(Fact(NAME, left_a[i].surface, left_b[j].surface))
                taken_a.add(i)
                taken_b.add(j)
    rest_a = [i for i in range(len(left_a)) if i not in taken_a]
    rest_b = [j for j in range(len(left_b)) if j not in taken_b]
    adjectives_a = {i for i in rest_a if _is_compound_adjective(left_a[i], a.folded)}
    adjectives_b = {j for j in rest_b if _is_compound_adjective(left_b[j], b.folded)}
    if adjectives_a or adjectives_b:
        if opcodes is None:
            opcodes = SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes()
        rest_a = _without_compound_adjectives(rest_a, adjectives_a, ranges_a, [(o[1], o[2]) for o in opcodes])
        rest_b = _without_compound_adjectives(rest_b, adjectives_b, ranges_b, [(o[3], o[4]) for o in opcodes])
    rest_a = _without_pronoun_speakers(rest_a, left_a, a, words_a, words_b)
    rest_b = _without_pronoun_speakers(rest_b, left_b, b, words_b, words_a)
    dropped = [Fact(NAME, left_a[i].surface, "") for i in rest_a]
    added = [Fact(NAME, "", left_b[j].surface) for j in rest_b]
    return paired + dropped + added


def _is_compound_adjective(name: _Item, folded: str) -> bool:
    """A hyphen compound of capitalised parts used before a noun: "Chinese-Russian relations"."""
    parts = name.surface.split("-")
    return (
        len(name.key) == 1 and len(parts) > 1 and all(part[:1].isupper() for part in parts)
        and parts[0].lower() not in _ARABIC_PREFIXES  # "Al-Qaeda"
        and bool(_LOWER_WORD_AFTER_RE.match(folded, name.end))
    )


def _without_compound_adjectives(rest, adjectives, ranges, blocks) -> list[int]:
    """Leave out a compound adjective dropped (or added) with a whole phrase that has a name of its own.

    "said Joseph Torigian, an expert in Chinese-Russian relations": flagging Joseph Torigian says
    it; "Chinese-Russian" on its own would be noise. Alone ("US-China relations" -> "relations")
    it stays.
    """
    def block_of(i: int) -> int:
        start = ranges[i][0]
        return next((k for k, (lo, hi) in enumerate(blocks) if lo <= start < hi), -1)
    blocks_with_names = {block_of(i) for i in rest if i not in adjectives}
    return [i for i in rest if not (i in adjectives and block_of(i) in blocks_with_names)]


def _without_pronoun_speakers(rest, names, facts_of: _Facts, words, other_words) -> list[int]:
    """Leave out a speaker named by surname where the other side says "he" or "she".

    News names a person in full once, then by surname or pronoun: "Mr. Wang said" and "he said"
    are the same speaker. Conservative: only a one-word name standing next to its reporting verb
    ("Torigian said", "according to Torigian"), and no more of them than the other side's extra
    "he" and "she".
    """
    speakers = [
        i for i in rest
        if len(names[i].key) == 1 and not names[i].surface.isupper() and _is_speaker(names[i], facts_of)
    ]
    if not speakers:
        return rest
    surplus = sum(w in _SUBJECT_PRONOUNS for w in other_words) - sum(w in _SUBJECT_PRONOUNS for w in words)
    if surplus < len(speakers):
        return rest
    return [i for i in rest if i not in speakers]


def _is_speaker(name: _Item, facts_of: _Facts) -> bool:
    return any(
        0 <= verb.start - name.end <= 2 or 0 <= name.start - verb.end <= 2 for verb in facts_of.attributions
    )


@lru_cache(maxsize=1024)
def _word_spans(folded: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    matches = list(_PLAIN_WORD_RE.finditer(folded))
    return tuple(m.group().lower() for m in matches), tuple(m.start() for m in matches)


def _word_range(starts: tuple[int, ...], item: _Item) -> tuple[int, int]:
    return bisect_right(starts, item.start) - 1, bisect_left(starts, item.end)


def _name_present(name: _Item, other: _Facts) -> bool:
    """Its words occur on the other side in some form, or a shorter form or its acronym does."""
    tokens = set(name.key)
    if tokens <= other.words or any(set(n.key) <= tokens for n in other.names):
        return True
    if all(_token_present(token, other) for token in tokens):
        return True
    if len(name.key) == 1 and name.surface.isupper() and 2 <= len(name.surface) <= 6:
        return any(_initials(n.key) == name.key[0] for n in other.names)
    return len(name.key) >= 3 and _initials(name.key) in other.words


def _token_present(token: str, other: _Facts) -> bool:
    if token in other.words or (not token.isascii() and not _spellings(token).isdisjoint(other.words)):
        return True
    if "-" in token:
        return all(_token_present(part, other) for part in token.split("-") if part)
    demonyms, places = _stem_sets(other.words)
    return bool(_demonym_stems(token) & places or _place_stems(token) & demonyms)


def _spellings(word: str) -> set[str]:
    """A word with its diacritics written out and dropped: "oberstäfeln", "oberstaefeln", "oberstafeln"."""
    return {word, _without_accents(word.translate(_UMLAUTS)), _without_accents(word)}


def _without_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _initials(key: tuple[str, ...]) -> str:
    return "".join(word[0] for word in key if word)


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
    unquoted = _unquoted(other.folded, other.quote_spans)
    if len(words) < 3 or not unquoted:
        return ""
    other_words = [w for w, _, _ in unquoted]
    matcher = SequenceMatcher(None, words, other_words, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    matched = sum(blk.size for blk in blocks)
    # Half the words is enough: indirect speech shifts pronouns and tenses ("we are" -> "they were").
    if matched < max(2, 0.5 * len(words)):
        return ""
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size
    if last - first > 2 * len(words):
        return ""
    return _surface(other.text, unquoted[first][1], unquoted[last - 1][2])


@lru_cache(maxsize=1024)
def _unquoted(folded: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[str, int, int], ...]:
    """The words outside quotation marks, with their spans (only needed for indirect speech)."""
    return tuple(
        (m.group().lower(), m.start(), m.end())
        for m in _PLAIN_WORD_RE.finditer(folded)
        if not any(s <= m.start() < e for s, e in spans)
    )


# ---------------------------------------------------------------------------------------------
# Attribution

def _attributions(text: str, folded: str) -> tuple[_Item, ...]:
    items = []
    for m in _ATTRIBUTION_RE.finditer(folded):
        word = " ".join(m.group().lower().split())
        before = folded[max(0, m.start() - 30):m.start()]
        if word == "according to":
            if _ESTIMATES_AFTER_RE.match(folded, m.end()):
                continue
        else:
            if m.group()[0].isupper() and not _starts_sentence(folded, m.start()):
                continue  # "the United States"
            if _PASSIVE_BEFORE_RE.search(before) or _NOUN_BEFORE_RE.search(before):
                continue
            previous = _previous_token(before)
            if previous in ("not", "never") or (word in _BARE_VERBS and previous in _AUXILIARIES):
                continue  # "has not said how much", "did not say when"
            if word in _OBJECT_VERBS and not _CLAUSE_AFTER_RE.match(folded, m.end()):
                continue
        items.append(_item(text, m, _ATTRIBUTION_VERBS[word]))
    return tuple(items)


def _diff_attributions(a: _Facts, b: _Facts) -> list[Fact]:
    left_a, left_b = _unmatched(a.attributions, b.attributions)
    if len(left_a) != len(left_b):
        left_a = [x for x in left_a if not _same_source(x, a, b)]
        left_b = [y for y in left_b if not _same_source(y, b, a)]
    return _facts_from(ATTRIBUTION, left_a, left_b)


def _same_source(item: _Item, facts_of: _Facts, other: _Facts) -> bool:
    """A neutral attribution that names no new source: the other side already gives it.

    "Russian news reports showed ..." -> "..., according to Russian news reports" is one source
    re-worded; '"It is over."' -> '"It is over," she said.' names the speaker of a quote that
    both sides carry; "X said A. She said B." -> "X said A and B." repeats the speaker.
    """
    if item.key != "say":
        return False
    folded = facts_of.folded
    if item.surface.lower().startswith("according"):
        source = _SOURCE_AFTER_RE.match(folded, item.end)
        words = [w.lower() for w in _PLAIN_WORD_RE.findall(source.group(1))] if source else []
        words = [w for w in words if w not in _DETERMINERS]
        return bool(words) and _contains_run(_word_spans(other.folded)[0], words)
    before = folded[max(0, item.start - 12):item.start]
    if _previous_token(before) not in _SPEAKER_PRONOUNS:
        return False
    return bool(facts_of.quotes and other.quotes) or any(x.key == "say" for x in other.attributions)


def _contains_run(words: tuple[str, ...], run: list[str]) -> bool:
    n = len(run)
    return any(list(words[i:i + n]) == run for i in range(len(words) - n + 1))


def _previous_token(before: str) -> str:
    """The word just before, with "didn't" read as "not"."""
    m = _PREVIOUS_TOKEN_RE.search(before)
    if not m:
        return ""
    token = m.group(1).lower()
    return "not" if token.endswith("n't") else token


# ---------------------------------------------------------------------------------------------
# Hedges and negation

def _hedges(text: str, folded: str, cues: bool, numbers: bool) -> tuple[_Item, ...]:
    """Modals always; the other hedges only where a cue word or a number (for "about 40") stands."""
    items = []
    for m in _MODAL_RE.finditer(folded):
        modal = m.group("lm") or m.group("m")
        if modal and _previous_word(folded, m.start()) in _NOUN_DETERMINERS:
            continue
        word = (modal or m.group("c") or m.group("cannot")).lower()
        kind = "modal"
        if word == "would" and _is_reported(folded, m.start()):
            kind, word = "reported", "will"
        key = (kind, _MODALS[word], m.group("aux") or "")
        items.append(_item(text, m, key))
    for m in _HEDGE_RE.finditer(folded) if cues else ():
        if m.group("notlikely"):
            key = ("adv", "unlikely")
        elif m.group("seen"):
            key = ("verb", "appear")
        elif m.group("adv"):
            key = ("adv", m.group("adv").lower())
        elif m.group("verb"):
            key = ("verb", m.group("verb").lower().rstrip("sd").removesuffix("ing").removesuffix("e"))
        elif m.group("passive"):
            key = ("passive", m.group("passive").lower())
        elif m.group("suspected"):
            key = ("adv", "suspected")
        else:
            key = ("passive", "expected")  # "according to estimates"
        items.append(_item(text, m, key))
    for m in _APPROXIMATION_RE.finditer(folded) if numbers else ():
        items.append(_item(text, m, ("approx", _APPROXIMATIONS[" ".join(m.group(1).lower().split())]), 1))
    items.sort(key=lambda item: item.start)
    return tuple(items)


def _diff_hedges(a: _Facts, b: _Facts) -> list[Fact]:
    left_a, left_b = _unmatched(a.hedges, b.hedges)
    if not left_a and not left_b:
        return []
    # "can be sold" -> "can sell": the same modal; "be"/"have" only matter against a bare verb.
    left_a, left_b = _unmatched_by(left_a, left_b, lambda h: h.key[:2])
    # "must" -> "is obliged to", "is expected to" <- "forecasters expect": the same in other words.
    if len(left_a) != len(left_b):
        left_a = [h for h in left_a if not _said_otherwise(h, b)]
        left_b = [h for h in left_b if not _said_otherwise(h, a)]
    # A reported "would" is never flagged itself, but it may tell a quoted "will" indirectly.
    reported_a = [h for h in left_a if h.key[0] == "reported"]
    reported_b = [h for h in left_b if h.key[0] == "reported"]
    left_a = _absorb_will([h for h in left_a if h.key[0] != "reported"], reported_b)
    left_b = _absorb_will([h for h in left_b if h.key[0] != "reported"], reported_a)
    facts = [Fact(HEDGE, x.surface, y.surface) for x, y in zip(left_a, left_b, strict=False)]
    # A "will" with nothing in its place only changes the tense ("will remain" -> "are"): no hedge.
    extra_a = [h for h in left_a[len(left_b):] if h.key[:2] != ("modal", "will")]
    extra_b = [h for h in left_b[len(left_a):] if h.key[:2] != ("modal", "will")]
    if extra_a or extra_b:
        # "is" -> "may be": a modal with "be"/"have" stands where the other side had the verb.
        copulas_a, copulas_b = _unmatched(a.copulas, b.copulas)
        facts += [Fact(HEDGE, x.surface, _replaced_verb(x, copulas_b)) for x in extra_a]
        facts += [Fact(HEDGE, _replaced_verb(y, copulas_a), y.surface) for y in extra_b]
    return facts


def _unmatched_by(items_a: list[_Item], items_b: list[_Item], key) -> tuple[list[_Item], list[_Item]]:
    projected_a = [item._replace(key=key(item)) for item in items_a]
    projected_b = [item._replace(key=key(item)) for item in items_b]
    left_a, left_b = _unmatched(projected_a, projected_b)
    kept_a = {(item.start, item.end) for item in left_a}
    kept_b = {(item.start, item.end) for item in left_b}
    return ([item for item in items_a if (item.start, item.end) in kept_a],
            [item for item in items_b if (item.start, item.end) in kept_b])


def _said_otherwise(hedge: _Item, other: _Facts) -> bool:
    if hedge.key[:2] == ("modal", "must"):
        return bool(_OBLIGATION_RE.search(other.folded))
    if hedge.key[0] == "passive":
        return not other.words.isdisjoint(_ACTIVE_FORMS.get(hedge.key[1], ()))
    return False


def _is_reported(folded: str, start: int) -> bool:
    # Abbreviation dots ("Mr. Xi", "U.S.") do not end the clause.
    before = _ABBREVIATION_DOT_RE.sub(r"\1", folded[max(0, start - 60):start])
    return bool(_REPORTED_BEFORE_RE.search(before))


def _absorb_will(hedges: list[_Item], reported: list[_Item]) -> list[_Item]:
    for item in reported:
        for i, hedge in enumerate(hedges):
            if hedge.key == ("modal", "will", item.key[2]):
                del hedges[i]
                break
    return hedges


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
        if word == "nor" and any(item.key == "neither" for item in items):
            continue  # "neither ... nor" negates once
        if (word == "not" or word.endswith("n't")) and _LIKELY_AFTER_RE.match(folded, m.end()):
            continue
        key = "not" if m.group("verb") or word in ("not", "cannot") or word.endswith("n't") else word
        items.append(_item(text, m, key))
    return tuple(items)


def _diff_negations(a: _Facts, b: _Facts) -> list[Fact]:
    """Only a change in how often a text negates: "no" -> "not" keeps the polarity."""
    left_a, left_b = _unmatched(a.negations, b.negations)
    same = min(len(left_a), len(left_b))
    return _facts_from(NEGATION, left_a[same:], left_b[same:])
