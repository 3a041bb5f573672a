"""Frozen data objects of a comparison.

Every span is a pair of character offsets into ``Version.text`` (the decoded text with ``\\n``
newlines); text is sliced from the version, never copied into the objects.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from viewer.engine.params import Params


class Kind(enum.Enum):
    """What happened to a sentence between the base and another version.

    The one vocabulary shared by the engine, the reports and the GUI palette.
    """

    IDENTICAL = "identical"    # same words, ignoring whitespace, quote style and trivial punctuation
    EDITED = "edited"          # local word changes, most words survive in order
    PARAPHRASE = "paraphrase"  # same content, reworded
    PARTIAL = "partial"        # shares a fact or clause, one side says substantially more
    OMITTED = "omitted"        # a base sentence with no counterpart in the other version
    ADDED = "added"            # a sentence of the other version with no counterpart in the base
    FURNITURE = "furniture"    # page furniture (navigation, date stamps, credits), never counted

    @property
    def label(self) -> str:
        return self.value.capitalize()


LINK_KINDS = (Kind.IDENTICAL, Kind.EDITED, Kind.PARAPHRASE, Kind.PARTIAL)


class FactType(str, enum.Enum):
    """What kind of fact changed inside a link (``Fact.type``).

    A ``str`` enum: it compares equal to its value and writes as it, so reports and JSON say "number".
    """

    NUMBER = "number"            # a count, amount, percentage, ordinal or measure
    DATE = "date"                # a date, time of day, weekday or relative date
    NAME = "name"                # a person, place or organisation
    QUOTE = "quote"              # words inside quotation marks
    ATTRIBUTION = "attribution"  # who asserts it, and with which reporting verb
    HEDGE = "hedge"              # how certain: modals, hedging words, approximators
    NEGATION = "negation"        # whether it happened at all

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


@dataclass(frozen=True)
class Sentence:
    """One sentence (or headline, byline, dateline) of a version: ``text[start:end]``."""

    start: int
    end: int
    paragraph: int
    furniture: bool = False


@dataclass(frozen=True)
class Version:
    """One loaded version of the story."""

    name: str
    text: str
    sentences: tuple[Sentence, ...]
    path: str | None = None
    sha256: str = ""
    # The codec the bytes were read with, as ``codecs.lookup`` spells it ("utf-8" for pasted text).
    encoding: str = "utf-8"
    # One-line remarks for the reader when the reading was uncertain, e.g. a guessed code page.
    notes: tuple[str, ...] = ()
    # Evidence trail: the web address a fetched version came from (``path`` is then its snapshot,
    # if one was kept), and when it was read or fetched (ISO 8601, UTC). ``sha256`` is always of
    # the bytes as read or fetched.
    url: str | None = None
    read_at: str = ""

    def sentence_text(self, index: int) -> str:
        """The text of sentence ``index``."""
        s = self.sentences[index]
        return self.text[s.start:s.end]


class Op(NamedTuple):
    """One word-diff operation inside a link, as absolute offsets into both versions' texts.

    ``tag`` is ``"="`` (kept: both spans set), ``"-"`` (deleted from a: the b span is empty)
    or ``"+"`` (inserted in b: the a span is empty).
    """

    tag: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class Fact:
    """A fact that differs inside a link, e.g. ``Fact(FactType.NUMBER, "141", "123")``.

    An empty ``a`` means the fact was added in b; an empty ``b`` means it was dropped.
    """

    type: str  # a FactType (a str enum); reports and sessions may give its plain value
    a: str
    b: str


@dataclass(frozen=True)
class Link:
    """Sentences of version a (indices ``a``) that correspond to sentences ``b`` of version b."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    kind: Kind
    score: float
    moved: bool = False
    ops: tuple[Op, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Pair:
    """The alignment of version ``b`` to version ``a`` (the base)."""

    a: int
    b: int
    links: tuple[Link, ...]
    omitted: tuple[int, ...]
    added: tuple[int, ...]

    @cached_property
    def link_of_a(self) -> dict[int, Link]:
        """The link holding each linked sentence of a."""
        return {i: link for link in self.links for i in link.a}

    @cached_property
    def link_of_b(self) -> dict[int, Link]:
        """The link holding each linked sentence of b."""
        return {j: link for link in self.links for j in link.b}


@dataclass(frozen=True)
class Row:
    """Corresponding sentences across all versions: ``cells[v]`` holds sentence indices of version v."""

    cells: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Comparison:
    """Versions, the base, one pair per non-base version (in version order) and the collated rows."""

    versions: tuple[Version, ...]
    base: int
    pairs: tuple[Pair, ...]
    rows: tuple[Row, ...]
    # What the reader should know about how it was made, e.g. "lexical matching only".
    notes: tuple[str, ...] = ()
    # Evidence trail: the parameters it was made with (None: not recorded), whether the semantic
    # model was used, and when it was made (ISO 8601, UTC).
    params: Params | None = None
    semantic_model: bool = False
    compared_at: str = ""

    @cached_property
    def _pair_by_version(self) -> dict[int, Pair]:
        return {pair.b: pair for pair in self.pairs}

    def pair_with(self, version: int) -> Pair | None:
        """The pair aligning ``version`` to the base, or None for the base itself."""
        return self._pair_by_version.get(version)

    def sentence_kind(self, version: int, index: int) -> Kind | None:
        """The kind of a non-base sentence against the base (None for base sentences)."""
        pair = self.pair_with(version)
        if pair is None:
            return None
        if self.versions[version].sentences[index].furniture:
            return Kind.FURNITURE
        link = pair.link_of_b.get(index)
        return link.kind if link else Kind.ADDED
