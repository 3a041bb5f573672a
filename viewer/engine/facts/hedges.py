"""Hedges: modals, hedging adverbs, adjectives and verbs, passive reporting ("is expected to").

"not likely" is "unlikely", "might" and "could" are "may", "must" may be said as "is obliged to",
and "is expected to" as "forecasters expect" or "according to estimates"; a modal keeps its key
whatever verb follows ("can be sold" ~ "can sell"). A "will" with nothing in its place is a
tense, not a hedge. A "would" that reports a future inside a reported or indirect clause ("did
not say when he would leave") is not a hedge, and may stand for a quoted "will".
"""
from __future__ import annotations

import re
from typing import NamedTuple

from viewer.engine.facts.base import Item, LazyPattern, TextFacts, make_item, may_hold, previous_word, unmatched
from viewer.engine.facts.words import (
    ACTIVE_FORMS,
    ESTIMATES_PATTERN,
    HEDGE_ADJECTIVES,
    HEDGE_ADVERBS,
    HEDGE_GRADES,
    MODALS,
    NOUN_DETERMINERS,
    REPORTING_VERB_PATTERN,
    REPORTS_PATTERN,
)
from viewer.engine.model import Fact, FactType

_MODAL_RE = LazyPattern(r"""
    \b(?:(?P<m>(?i:might|could|can|would|should|must|shall))(?:n't)?|(?P<lm>may|will)
        |(?P<c>(?i:wo|ca|sha))(?=n't)n't|(?P<cannot>(?i:cannot)))\b
    (?:\s+(?P<aux>be|have)\b)?
""", re.VERBOSE)
_HEDGE_RE = LazyPattern(rf"""\b(?:
    \b(?P<notlikely>(?:not|\w+n't)\s+likely)\b
  | \b(?P<adv>{"|".join(HEDGE_ADVERBS)})\b
  | \b(?P<verb>appear|appears|appeared|appearing|seem|seems|seemed|seemingly)\b
        (?!\s+(?:in|on|at|before|with|alongside|for|during|from|outside|inside|together|onstage
              |live|publicly|briefly)\b)
  | \b(?:be|been|being|is|are|was|were)\s+(?P<seen>seen)\s+to\b
  | \b(?:is|are|was|were|be|been)\s+(?P<passive>believed|thought|expected|understood|feared|
        estimated|suspected|rumou?red)\s+to\b
  | \b(?:a|an|the|its|their|his|her|one|two|three|four|five|\d+)\s+
        (?P<adj>{"|".join(HEDGE_ADJECTIVES)})\b(?=\s+[a-z])
  | \b(?P<suspected>suspected)\b
  | \b(?:is|are|was|were|be|been|being|seems?|seemed|feels?|felt)\s+(?:almost\s+)?(?P<sure>certain|sure|confident)\b
  | \b(?P<estimates>according\s+to\s+{ESTIMATES_PATTERN})
  | \b(?P<reports>{REPORTS_PATTERN})
)""", re.VERBOSE | re.IGNORECASE)
_NOT_AFTER_RE = LazyPattern(r"(?:n't|\s+not)\b", re.IGNORECASE)
# "could not", "cannot" in other words: "was unable to", "was able to".
_ABILITY_RE = LazyPattern(r"\b(?:(?:un)?able|incapable|capable|inability)\b", re.IGNORECASE)
# Say what "must" says, and the active verbs of a passive hedge ("are expected to" ~ "expect").
_OBLIGATION_RE = LazyPattern(
    r"\b(?:(?:is|are|was|were|be|been|being)\s+(?:obliged|obligated|required|bound)|has|have|had|need|needs)"
    r"\s+to\b",
    re.IGNORECASE,
)
# A "would" after a reporting verb or a wh-word in the same clause is reported future
# ("said Xi would visit", "did not say when he would leave"), not the writer's hedge.
_REPORTED_BEFORE_RE = LazyPattern(
    r"\b(?:" + REPORTING_VERB_PATTERN
    + r"|believed|believes|thought|expected|expects|hoped|hopes|predicted|promised|indicated"
    r"|knew|know|asked|whether|when|how|where|why|what)\b[^.,;:!?()\"]*$",
    re.IGNORECASE,
)
_ABBREVIATION_DOT_RE = LazyPattern(r"\b(Mrs|Mr|Ms|Dr|St|Jr|Sr|Lt|Gen|Sen|Rep|Gov|Col|Prof|Capt|Sgt|[A-Z])\.")
# "have" in "may have" belongs to the modal, not to the verbs a modal can stand in for.
_AFTER_MODAL_RE = LazyPattern(r"\b(?:may|might|could|can|would|should|must|shall|will|not|n't)\s+$", re.IGNORECASE)
_COPULA_RE = LazyPattern(r"\b(?P<be>is|are|was|were)\b|\b(?P<have>has|have|had)\b", re.IGNORECASE)
_COPULAS = frozenset("is are was were has have had".split())


class HedgeKey(NamedTuple):
    """The key of a hedge: its kind ("modal", "adv", "verb", "passive", or "reported"
    for a "would" of reported speech), the word it comes down to, and a modal's "be"/"have"."""

    kind: str
    word: str
    aux: str = ""

    @property
    def plain(self) -> HedgeKey:
        """The key without its "be"/"have": "can be sold" and "can sell" are one modal."""
        return self._replace(aux="")


WILL = HedgeKey("modal", "will")
MUST = HedgeKey("modal", "must")
CAN = HedgeKey("modal", "can")
# How far back a reporting verb may stand before a "would" of reported speech.
REPORTED_LOOK_BACK = 60
# How far back a modal may stand before a "be"/"have" it governs ("may well have").
MODAL_LOOK_BACK = 16


def extract(text: str, folded: str, cues: bool, runs: frozenset[str] | None) -> tuple[Item, ...]:
    """Modals always; the other hedges only where a cue word stands. (An approximator such as
    "about 40" belongs to its number: "nearly" -> "more than" is a number change.) ``runs``: the
    text's ``ascii_words``; a modal is one of them, or ends in "n't"."""
    items = []
    modals = may_hold(runs, MODALS) or "n't" in folded
    for m in _MODAL_RE.finditer(folded) if modals else ():
        modal = m.group("lm") or m.group("m")
        if modal and previous_word(folded, m.start()) in NOUN_DETERMINERS:
            continue
        word = (modal or m.group("c") or m.group("cannot")).lower()
        kind = "modal"
        if word == "would" and _is_reported(folded, m.start()):
            kind, word = "reported", "will"
        elif word == "could" and (m.group().endswith("n't") or _NOT_AFTER_RE.match(folded, m.end("m"))):
            word = "can"  # "could not attend" says what "was unable to" says, not "may"
        key = HedgeKey(kind, MODALS[word], m.group("aux") or "")
        items.append(make_item(text, m, key))
    for m in _HEDGE_RE.finditer(folded) if cues else ():
        if m.group("notlikely"):
            key = HedgeKey("adv", "unlikely")
        elif m.group("seen"):
            key = HedgeKey("verb", "appear")
        elif m.group("adv"):
            key = _graded(m.group("adv"))
        elif m.group("adj"):
            items.append(make_item(text, m, _graded(m.group("adj")), "adj"))
            continue
        elif m.group("sure"):
            items.append(make_item(text, m, HedgeKey("adv", "certain"), "sure"))
            continue
        elif m.group("reports"):
            key = HedgeKey("adv", "reported")
        elif m.group("verb"):
            key = HedgeKey("verb", m.group("verb").lower().rstrip("sd").removesuffix("ing").removesuffix("e"))
        elif m.group("passive"):
            key = HedgeKey("passive", m.group("passive").lower())
        elif m.group("suspected"):
            key = _graded("suspected")
        else:
            key = HedgeKey("passive", "expected")  # "according to estimates"
        items.append(make_item(text, m, key))
    items.sort(key=lambda item: item.start)
    return tuple(items)


def _graded(word: str) -> HedgeKey:
    """A hedging adverb or adjective by its strength: "likely" and "probably" are one grade."""
    word = word.lower()
    return HedgeKey("adv", HEDGE_GRADES.get(word, word))


def diff(a: TextFacts, b: TextFacts) -> list[Fact]:
    """Hedges dropped, added or changed, where no other wording of the same hedge stands."""
    left_a, left_b = unmatched(a.hedges, b.hedges)
    if not left_a and not left_b:
        return []
    # "can be sold" -> "can sell": the same modal; "be"/"have" only matter against a bare verb.
    left_a, left_b = _unmatched_by(left_a, left_b, lambda h: h.key.plain)
    # "must" -> "is obliged to", "is expected to" <- "forecasters expect": the same in other words.
    if len(left_a) != len(left_b):
        left_a = [h for h in left_a if not _said_otherwise(h, b)]
        left_b = [h for h in left_b if not _said_otherwise(h, a)]
    # A reported "would" is never flagged itself, but it may tell a quoted "will" indirectly.
    reported_a = [h for h in left_a if h.key.kind == "reported"]
    reported_b = [h for h in left_b if h.key.kind == "reported"]
    left_a = _absorb_will([h for h in left_a if h.key.kind != "reported"], reported_b)
    left_b = _absorb_will([h for h in left_b if h.key.kind != "reported"], reported_a)
    facts = [Fact(FactType.HEDGE, x.surface, y.surface) for x, y in zip(left_a, left_b, strict=False)]
    # A "will" with nothing in its place only changes the tense ("will remain" -> "are"): no hedge.
    extra_a = [h for h in left_a[len(left_b):] if h.key.plain != WILL]
    extra_b = [h for h in left_b[len(left_a):] if h.key.plain != WILL]
    if extra_a or extra_b:
        # "is" -> "may be": a modal with "be"/"have" stands where the other side had the verb.
        copulas_a, copulas_b = unmatched(a.copulas, b.copulas)
        facts += [Fact(FactType.HEDGE, x.surface, _replaced_verb(x, copulas_b)) for x in extra_a]
        facts += [Fact(FactType.HEDGE, _replaced_verb(y, copulas_a), y.surface) for y in extra_b]
    return facts


def _unmatched_by(items_a: list[Item], items_b: list[Item], key) -> tuple[list[Item], list[Item]]:
    projected_a = [item._replace(key=key(item)) for item in items_a]
    projected_b = [item._replace(key=key(item)) for item in items_b]
    left_a, left_b = unmatched(projected_a, projected_b)
    kept_a = {(item.start, item.end) for item in left_a}
    kept_b = {(item.start, item.end) for item in left_b}
    return ([item for item in items_a if (item.start, item.end) in kept_a],
            [item for item in items_b if (item.start, item.end) in kept_b])


def _said_otherwise(hedge: Item, other: TextFacts) -> bool:
    if hedge.key.plain == MUST:
        return bool(_OBLIGATION_RE.search(other.folded))
    if hedge.key.plain == CAN:
        return bool(_ABILITY_RE.search(other.folded))
    if hedge.key.kind == "passive":
        return not other.words.isdisjoint(ACTIVE_FORMS.get(hedge.key.word, ()))
    return False


def _is_reported(folded: str, start: int) -> bool:
    # Abbreviation dots ("Mr. Xi", "U.S.") do not end the clause.
    before = _ABBREVIATION_DOT_RE.sub(r"\1", folded[max(0, start - REPORTED_LOOK_BACK):start])
    return bool(_REPORTED_BEFORE_RE.search(before))


def _absorb_will(hedges: list[Item], reported: list[Item]) -> list[Item]:
    for item in reported:
        for i, hedge in enumerate(hedges):
            if hedge.key == WILL._replace(aux=item.key.aux):
                del hedges[i]
                break
    return hedges


def _replaced_verb(hedge: Item, copulas: list[Item]) -> str:
    aux = hedge.key.aux if hedge.key.kind == "modal" else ""
    for i, copula in enumerate(copulas):
        if aux and copula.key == aux:
            return copulas.pop(i).surface
    return ""


def copulas(text: str, folded: str, runs: frozenset[str] | None) -> tuple[Item, ...]:
    """The plain verbs "be" and "have" a modal may stand in for ("is" -> "may be")."""
    if not may_hold(runs, _COPULAS):
        return ()
    return tuple(
        make_item(text, m, "be" if m.group("be") else "have")
        for m in _COPULA_RE.finditer(folded)
        if not _AFTER_MODAL_RE.search(folded, max(0, m.start() - MODAL_LOOK_BACK), m.start())
    )
