"""The word lists of fact extraction: number words, months, reporting verbs, modals, titles, ...

Plain data (and the regular-expression fragments built from it) shared by the per-type modules.
"""
from __future__ import annotations

from typing import NamedTuple

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
SCALE_ABBREVIATIONS = {"k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
# Fractions by their denominator: "two-thirds", "a quarter", "three fifths".
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
    "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A bare month or year is only a date after one of these (else "May" is a verb, 2000 a count).
# A year usually ends a phrase: "in 2023.", "(2023)".
YEAR_ENDINGS = ("", ".", ",", ";", ":", ")", "!", "?", "'")
DATE_PREPOSITIONS = frozenset(
    "in since until till by last next this early late mid of from to through before after during "
    "between and or around circa".split()
)
RELATIVE_SYNONYMS = {"coming": "next", "upcoming": "next"}
# How fine a date is: a changed date pairs with one of its own grain first.
DATE_GRAINS = {"t": "time", "my": "month", "m": "month", "y": "year", "decade": "year"}
RELATIVE_GRAINS = {
    "week": "week", "weekend": "week", "month": "month", "year": "year", "spring": "season",
    "summer": "season", "autumn": "season", "fall": "season", "winter": "season",
}
# Neutral reporting verbs share the key "say": said, stated, told, added, noted, wrote, tweeted
# and "according to" only report; the others say something about the speaker's stance.
ATTRIBUTION_VERBS = {
    "said": "say", "says": "say", "say": "say", "saying": "say", "told": "say", "tells": "say",
    "tell": "say", "stated": "say", "states": "say", "claimed": "claim", "claims": "claim",
    "claiming": "claim", "alleged": "allege", "alleges": "allege", "insisted": "insist",
    "insists": "insist", "admitted": "admit", "admits": "admit", "noted": "say", "added": "say",
    "adds": "say", "wrote": "say", "writes": "say", "announced": "announce", "announces": "announce",
    "confirmed": "confirm", "confirms": "confirm", "denied": "deny", "denies": "deny",
    "argued": "argue", "argues": "argue", "explained": "explain", "warned": "warn",
    "warns": "warn", "acknowledged": "acknowledge", "asserted": "assert", "reported": "report",
    "testified": "testify", "declared": "declare", "conceded": "concede", "revealed": "reveal",
    "tweeted": "say", "tweets": "say", "stressed": "stress", "emphasised": "emphasise", "emphasized": "emphasise",
    "cautioned": "warn", "cautions": "warn", "complained": "complain", "complains": "complain",
    "complain": "complain",
    "according to": "say",
}
# Sources of one kind, for "police said" ~ "officers said" (a changed source is flagged).
SOURCE_SYNONYMS = {
    "officer": "police", "policeman": "police", "policemen": "police", "detective": "police",
    "authoritie": "official", "government": "official", "administration": "official",
    "firm": "company", "group": "company", "business": "company", "employer": "company",
    "spokesperson": "spokesman", "spokeswoman": "spokesman", "representative": "spokesman",
    "resident": "resident", "local": "resident", "villager": "resident", "inhabitant": "resident",
    "witness": "witness", "bystander": "witness", "onlooker": "witness",
    "medic": "doctor", "physician": "doctor", "insurgent": "rebel", "militant": "rebel",
}
# Verbs that often take a plain object ("announced no initiatives", "confirmed the deal"): an
# attribution only before "that" or at the end of a clause (", officials confirmed.").
OBJECT_VERBS = frozenset("announced announces confirmed confirms revealed reported acknowledged".split())
# "did not say", "declined to tell": the verb is what was (not) said, not an attribution.
BARE_VERBS = frozenset("say tell".split())
AUXILIARIES = frozenset(
    "do does did not to will would could can may might should must shall cannot never".split()
)
MODALS = {
    "may": "may", "might": "may", "could": "may", "can": "can", "would": "would",
    "should": "should", "must": "must", "shall": "shall", "will": "will",
    "wo": "will", "ca": "can", "sha": "shall", "cannot": "can",
}
# Hedges of one strength share a grade: "likely" ~ "probably", "reportedly" ~ "according to reports".
HEDGE_GRADES = {
    "likely": "probable", "probably": "probable", "probable": "probable", "presumably": "probable",
    "possibly": "possible", "perhaps": "possible", "maybe": "possible", "potentially": "possible",
    "possible": "possible", "potential": "possible",
    "reportedly": "reported", "supposedly": "reported", "purportedly": "reported",
    "apparently": "apparent", "seemingly": "apparent", "apparent": "apparent",
    "allegedly": "alleged", "alleged": "alleged", "suspected": "suspected", "presumed": "suspected",
    "certain": "certain", "certainly": "certain", "definitely": "certain", "sure": "certain",
    "confident": "certain", "confirmed": "certain", "unconfirmed": "unconfirmed",
}
# Adjectives of certainty before a noun: "a possible case", "a confirmed case".
HEDGE_ADJECTIVES = frozenset(
    "possible probable likely potential suspected presumed alleged apparent confirmed unconfirmed".split()
)
HEDGE_ADVERBS = frozenset(
    "likely unlikely possibly probably perhaps maybe reportedly allegedly apparently presumably "
    "seemingly potentially supposedly purportedly arguably certainly definitely".split()
)
# Left out of the source after "according to".
DETERMINERS = frozenset("the a an this that these those his her their its our my your".split())
# Words before a modal that make it a noun: "the will of the people", "a must".
NOUN_DETERMINERS = frozenset("the a an his her their its my your our political free good ill own".split())
TITLES = frozenset(
    "mr mrs ms miss mx dr prof sir dame lord lady rev gen col capt lt sgt maj cpl adm sen rep gov "
    "president vice prime minister chancellor king queen prince princess pope judge justice mayor "
    "chief secretary senator governor ambassador inspector detective commissioner premier sheikh "
    "emir ayatollah pastor archbishop bishop cardinal chairman chairwoman ceo pm spokesman "
    "spokeswoman spokesperson leader commander superintendent constable sergeant councilwoman "
    "councilman councillor councilor councilmember member congressman congresswoman assemblyman "
    "assemblywoman alderman".split()
)
CONNECTORS = frozenset("of de del della da di van von der den bin ibn al la le du dos das y".split())
# Capitalised only because they open a sentence (or a quote).
COMMON_WORDS = frozenset("""
a an the this that these those there here it its he she they we you i me him her them us his
their our your my who whom whose which what when where why how while whilst if unless because
as since though although but and or nor so yet also then thus hence still even just only now
today tonight yesterday tomorrow later earlier meanwhile however moreover furthermore instead
otherwise nevertheless nonetheless indeed already again once after before during until despite
according amid among between about above across against along around at by for from in into
near of off on onto out over per through to toward towards under up upon via with within without
ahead behind beyond inside outside throughout
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
almost nearly roughly approximately fewer estimated quarter third thirds quarters
thick dense black white grey gray dark bright heavy huge massive large small big little long short
high low major minor severe rescue emergency gross net total early late recent further additional
smoke flames crews water power health traffic rail trains flights shops homes houses buildings
roads bridges sales profits inflation unemployment growth exports imports talks elections turnout
""".split())
# Common nouns that open a sentence alone ("City finance director ...") but also open names
# ("City Council", "Court of Appeal"): dropped only when they stand alone.
COMMON_NOUNS = frozenset(
    "city town county village district province region council court school schools hospital side".split()
)
# Demonyms and adjectives name their place: "Ukrainian" ~ "Ukraine", "Chinese" ~ "China".
DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "is", "i", "ic", "s")
PLACE_ENDINGS = ("e", "a", "y")
# Units that are not names: "35 degrees Celsius", "35C", "20°F".
MEASURE_NAMES = frozenset("fahrenheit celsius centigrade".split())
FIGURE_CHARS = frozenset("0123456789°")
# A name written with or without its diacritics is the same name: "Oberstäfeln" ~ "Oberstaefeln".
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
IRREGULAR_DEMONYMS = {
    "british": "britain", "briton": "britain", "britons": "britain", "french": "france",
    "dutch": "netherlands", "spanish": "spain", "welsh": "wales", "swiss": "switzerland",
    "greek": "greece", "turkish": "turkey", "polish": "poland", "swedish": "sweden",
    "danish": "denmark", "finnish": "finland", "filipino": "philippines", "afghan": "afghanistan",
    "english": "england", "scottish": "scotland", "irish": "ireland", "thai": "thailand",
}
ALIASES = {
    "us": ("united", "states"), "usa": ("united", "states"), "america": ("united", "states"),
    "american": ("united", "states"), "americans": ("united", "states"), "uk": ("united", "kingdom"),
    "britain": ("united", "kingdom"), "british": ("united", "kingdom"), "un": ("united", "nations"),
    "eu": ("european", "union"),
}
# Abbreviations in names, each with the words it may stand for: "St. Petersburg" ~ "Saint Petersburg".
NAME_ABBREVIATIONS = {
    "st": ("saint", "street"), "ste": ("sainte",), "mt": ("mount",), "ft": ("fort",), "pt": ("port", "point"),
    "ave": ("avenue",), "rd": ("road",), "dr": ("doctor", "drive"), "lt": ("lieutenant",),
    "col": ("colonel",), "gen": ("general",), "capt": ("captain",), "sgt": ("sergeant",),
    "maj": ("major",), "adm": ("admiral",), "gov": ("governor",), "sen": ("senator",),
    "rep": ("representative",), "prof": ("professor",), "dept": ("department",), "univ": ("university",),
    "intl": ("international",), "natl": ("national",), "assn": ("association",), "co": ("company",),
    "corp": ("corporation",), "inc": ("incorporated",), "ltd": ("limited",), "bros": ("brothers",),
}
# British and American spellings of one word, written out as their American form.
SPELLING_VARIANTS = (
    ("isation", "ization"), ("isations", "izations"), ("ised", "ized"), ("ise", "ize"), ("our", "or"),
    ("ours", "ors"), ("tre", "ter"), ("tres", "ters"), ("ence", "ense"), ("ogue", "og"), ("lled", "led"),
    ("amme", "am"), ("ammes", "ams"),
)
# Names that a verb carries: "said on Twitter" ~ "tweeted".
NAMES_IN_VERBS = {"twitter": frozenset("tweeted tweets tweet tweeting".split())}
# Pronouns that stand for a person named elsewhere in the story ("he said" for "Torigian said").
SUBJECT_PRONOUNS = frozenset("he she".split())
SPEAKER_PRONOUNS = frozenset("he she they we".split())
WEEKDAY_ABBREVIATIONS = frozenset("mon tue tues wed thu thur thurs fri".split())
# Approximations that say the same thing: "about 40" and "around 40" are no change.
APPROXIMATIONS = {
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
UNITS_OF_MEASURE = {
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
GLUED_TEMPERATURES = {"F": "fahrenheit", "C": "celsius"}  # "35C (95F)"


class Measure(NamedTuple):
    """A unit that converts: the value in the quantity's common unit is (value + offset) * factor."""

    quantity: str
    factor: float
    offset: float = 0


# Units that convert into each other.
MEASURES = {
    "mile": Measure("length", 1609.344), "km": Measure("length", 1000), "m": Measure("length", 1),
    "ft": Measure("length", 0.3048), "cm": Measure("length", 0.01), "inch": Measure("length", 0.0254),
    "yard": Measure("length", 0.9144), "kg": Measure("mass", 1), "lb": Measure("mass", 0.45359237),
    "acre": Measure("area", 4046.8564), "hectare": Measure("area", 10000), "mph": Measure("speed", 1.609344),
    "km/h": Measure("speed", 1), "celsius": Measure("temperature", 1),
    "fahrenheit": Measure("temperature", 5 / 9, -32),
}
ONE_PRONOUN_BEFORE = frozenset("no any every each the this that which another someone".split())
NUMBER_WORD_PATTERN = "|".join([*UNITS, *SCALES, "dozen"])
# Words without which a text cannot hold a date (besides digits), a spelled number, an attribution,
# a hedge other than a modal, or a negation (besides "n't").
DATE_WORDS = frozenset([
    *MONTHS, *WEEKDAYS, *(day + "s" for day in WEEKDAYS), "today", "tonight", "yesterday",
    "tomorrow", "noon", "midnight", "week", "weekend", "month", "year", "morning", "afternoon",
    "evening", "night", "spring", "summer", "autumn", "fall", "winter", "overnight", "weekends",
])
NUMBER_WORDS = frozenset([
    *UNITS, *SCALES, *ORDINALS, *FRACTIONS, "dozen", "dozens", "tens", "hundreds", "thousands", "millions",
    "billions",
])
REPORTING_VERB_PATTERN = "|".join(w for w in ATTRIBUTION_VERBS if " " not in w)
ATTRIBUTION_WORDS = frozenset([*REPORTING_VERB_PATTERN.split("|"), "according"])
HEDGE_WORDS = frozenset([
    *HEDGE_ADVERBS, *"appear appears appeared appearing seem seems seemed seen believed thought".split(),
    *"expected understood feared estimated suspected rumored rumoured according".split(),
    *HEDGE_ADJECTIVES, "certain", "sure", "confident", "able", "unable",
])
NEGATION_WORDS = frozenset(
    "not never without none nobody nothing neither nor cannot no yet fail fails failed failing refuse refuses "
    "refused refusing decline declines declined declining".split()
)
# "according to reports" names no source: the hedge "reportedly"; "reports by the ministry" do.
REPORTS_PATTERN = (r"according\s+to\s+(?:(?:unconfirmed|media|press|news|local|several|some|multiple)\s+)?reports\b"
                   r"(?!\s+(?:by|from|in|on|of)\b)")
# "according to estimates" is a hedge ("is expected to"), not a source; "estimates by the ministry" is.
ESTIMATES_PATTERN = r"(?:the\s+)?(?:estimates|projections|forecasts)\b(?!\s+(?:of|by|from)\b)"
APPROXIMATION_PATTERN = "|".join(w.replace(" ", r"\s+") for w in sorted(APPROXIMATIONS, key=len, reverse=True))
ACTIVE_FORMS = {
    "expected": frozenset("expect expects expected expecting".split()),
    "believed": frozenset("believe believes believed".split()),
    "thought": frozenset("think thinks thought".split()),
    "feared": frozenset("fear fears feared".split()),
    "estimated": frozenset("estimate estimates estimated".split()),
    "suspected": frozenset("suspect suspects suspected".split()),
}
ARABIC_PREFIXES = ("al", "el", "ad", "as", "an", "bin", "ibn", "abu")
