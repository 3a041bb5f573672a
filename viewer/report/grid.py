"""The aligned grid a Comparison is read as: one row per collated row, one cell per version.

Pure Python (no Qt), shared by the window's table model and the HTML report. A cell knows its
kind against the base, its text (the row's sentences of that version, joined by spaces) and the
highlight spans inside that text; everything is computed lazily and cached per cell.
"""
from __future__ import annotations

import enum
import html
import json
import re
from dataclasses import dataclass, field
from functools import cached_property

from viewer.engine.model import Comparison, Fact, Kind, Link, Version

CHANGE_KINDS = (Kind.EDITED, Kind.PARAPHRASE, Kind.PARTIAL, Kind.OMITTED, Kind.ADDED)
# Kinds whose word diff is worth showing inside a cell (identical pairs differ only trivially).
WORD_DIFF_KINDS = (Kind.EDITED, Kind.PARAPHRASE, Kind.PARTIAL)
# Which kind names a cell holding sentences of several kinds: the most telling one.
_PRIORITY = {Kind.PARTIAL: 0, Kind.PARAPHRASE: 1, Kind.EDITED: 2, Kind.ADDED: 3,
             Kind.IDENTICAL: 4, Kind.FURNITURE: 5}

# Links less likely than this are linked mostly by their place in the story: the viewer marks
# them so a reader checks them (scores are calibrated probabilities, see engine/scoring.py).
UNCERTAIN_BELOW = 0.5


class Role(enum.Enum):
    """What a cell stands for, before its kind."""

    BASE = "base"        # a sentence of the base version
    VERSION = "version"  # a sentence of another version, coloured by its kind
    OMITTED = "omitted"  # a hole: the base sentence of this row has no counterpart here
    AWAY = "away"        # a hole: the counterpart of the base sentence sits in another row (moved)
    EMPTY = "empty"      # nothing: another version added a sentence in this row


class Span(enum.Enum):
    """Highlights inside a cell's text."""

    DELETED = "deleted"    # words of the base missing from the focus version (struck through)
    INSERTED = "inserted"  # words of a version missing from the base (underlined)
    ADDED = "added"        # a whole added sentence inside a cell of another kind


@dataclass(frozen=True)
class Cell:
    """One version's part of one row."""

    role: Role
    kind: Kind | None                        # None for base and empty cells
    text: str = ""                           # joined sentence text ("" for holes)
    spans: tuple[tuple[int, int, Span], ...] = ()  # (start, end, style) offsets into ``text``
    sentences: tuple[int, ...] = ()
    paragraph_start: bool = False            # the first sentence opens a paragraph of its version
    furniture: bool = False
    moved: bool = False                      # linked to a base sentence out of order
    counterpart_row: int | None = None       # row holding the linked base sentence (moved/away)
    facts: tuple[Fact, ...] = ()
    score: float | None = None


@dataclass(frozen=True)
class Summary:
    """How much of the base one version keeps, as counts of base content sentences."""

    version: int
    base_sentences: int
    identical: int
    edited: int
    paraphrase: int
    partial: int
    omitted: int
    added: int
    moved: int

    @property
    def kept(self) -> int:
        return self.identical + self.edited

    @property
    def paraphrased(self) -> int:
        return self.paraphrase + self.partial

    def percent(self, count: int) -> float:
        """``count`` as a percentage of the base's content sentences."""
        return 100.0 * count / self.base_sentences if self.base_sentences else 0.0



def fact_key(version: Version, link: Link, fact: Fact) -> str:
    """A name for ``fact`` of ``link`` in ``version`` that survives recomparing and moving columns."""
    # The version's name, not its column: reordering the versions keeps a dismissal.
    return json.dumps([version.name, list(link.a), list(link.b), str(fact.type), fact.a, fact.b],
                      ensure_ascii=False, separators=(",", ":"))

@dataclass
class Grid:
    """Lazily built cells of a Comparison; ``focus`` picks the version whose deletions the base shows."""

    comparison: Comparison
    dismissed: frozenset[str] = frozenset()  # fact keys (fact_key) a reader marked "not a change"
    _cells: dict = field(default_factory=dict, repr=False)

    @property
    def versions(self) -> tuple[Version, ...]:
        return self.comparison.versions

    @property
    def base(self) -> int:
        return self.comparison.base

    @property
    def row_count(self) -> int:
        return len(self.comparison.rows)

    @property
    def column_count(self) -> int:
        return len(self.comparison.versions)

    @cached_property
    def row_of(self) -> dict[tuple[int, int], int]:
        """The row holding each ``(version, sentence)``."""
        where: dict[tuple[int, int], int] = {}
        for r, row in enumerate(self.comparison.rows):
            for v, indices in enumerate(row.cells):
                for i in indices:
                    where.setdefault((v, i), r)
        return where

    def set_dismissed(self, keys: frozenset[str]) -> None:
        """Leave the facts with these keys out of the cells (they are rebuilt)."""
        if keys != self.dismissed:
            self.dismissed = frozenset(keys)
            self._cells.clear()

    def default_focus(self) -> int | None:
        """The first version that is not the base (None with a single version)."""
        return next((v for v in range(self.column_count) if v != self.base), None)

    # ----------------------------------------------------------------------------- cells
    def cell(self, row: int, column: int, focus: int | None = None) -> Cell:
        """The cell of ``column`` in ``row``; for the base, deletions are those of ``focus``."""
        if column != self.base:
            focus = None
        elif focus is None or focus == self.base:
            focus = self.default_focus()
        key = (row, column, focus)
        cell = self._cells.get(key)
        if cell is None:
            cell = self._cells[key] = self._make_cell(row, column, focus)
        return cell

    def _make_cell(self, row: int, column: int, focus: int | None) -> Cell:
        comp = self.comparison
        indices = comp.rows[row].cells[column]
        version = comp.versions[column]
        if not indices:
            return self._hole(row, column)
        text, starts = _join(version, indices)
        paragraph_start = _opens_paragraph(version, indices[0])
        furniture = all(version.sentences[i].furniture for i in indices)
        if column == self.base:
            spans: list[tuple[int, int, Span]] = []
            pair = comp.pair_with(focus) if focus is not None else None
            if pair is not None:
                for i, offset in zip(indices, starts):
                    link = pair.link_of_a.get(i)
                    if link is not None and link.kind in WORD_DIFF_KINDS:
                        spans += _op_spans(link, "-", version.sentences[i], offset, Span.DELETED)
            return Cell(Role.BASE, None, text, tuple(spans), indices, paragraph_start, furniture)
        pair = comp.pair_with(column)
        kinds = [comp.sentence_kind(column, j) for j in indices]
        kind = min(kinds, key=lambda k: _PRIORITY.get(k, 9))
        spans = []
        links: list[Link] = []
        for j, offset, k in zip(indices, starts, kinds):
            link = pair.link_of_b.get(j) if pair else None
            if link is None:
                if k is Kind.ADDED and kind is not Kind.ADDED:
                    s = version.sentences[j]
                    spans.append((offset, offset + s.end - s.start, Span.ADDED))
                continue
            if link not in links:
                links.append(link)
            if link.kind in WORD_DIFF_KINDS:
                spans += _op_spans(link, "+", version.sentences[j], offset, Span.INSERTED)
        moved = any(link.moved for link in links)
        counterpart = None
        if moved:
            # A moved sentence sits level with its base sentence; its own place in this version
            # is after the sentence before it, which is where "jump to original position" goes.
            own = indices[0] - 1 if indices[0] > 0 else indices[-1] + 1
            counterpart = self.row_of.get((column, own))
        facts = tuple(f for link in links for f in link.facts if fact_key(version, link, f) not in self.dismissed)
        score = max((link.score for link in links), default=None)
        return Cell(Role.VERSION, kind, text, tuple(spans), indices, paragraph_start, furniture,
                    moved, counterpart, facts, score)

    def _hole(self, row: int, column: int) -> Cell:
        comp = self.comparison
        if column == self.base:
            return Cell(Role.EMPTY, None)
        base_indices = comp.rows[row].cells[self.base]
        pair = comp.pair_with(column)
        if not base_indices or pair is None:
            return Cell(Role.EMPTY, None)
        omitted = set(pair.omitted)
        content = [i for i in base_indices if not comp.versions[self.base].sentences[i].furniture]
        if any(i in omitted for i in content):
            return Cell(Role.OMITTED, Kind.OMITTED, sentences=base_indices)
        for i in base_indices:
            link = pair.link_of_a.get(i)
            if link is not None and link.b:
                target = self.row_of.get((column, link.b[0]))
                if target is not None and target != row:
                    return Cell(Role.AWAY, None, sentences=base_indices, counterpart_row=target,
                                moved=True)
        # Omitted furniture leaves a plain hole: not a change worth a hatch.
        return Cell(Role.EMPTY, None, furniture=bool(base_indices) and not content)

    # ----------------------------------------------------------------------------- rows
    @cached_property
    def row_kinds(self) -> tuple[frozenset[Kind], ...]:
        """Per row, the kinds of its non-base cells (moves count as ``None`` members)."""
        out = []
        for r in range(self.row_count):
            kinds: set = set()
            for c in range(self.column_count):
                if c == self.base:
                    continue
                cell = self.cell(r, c)
                if cell.kind is not None:
                    kinds.add(cell.kind)
            out.append(frozenset(kinds))
        return tuple(out)

    @cached_property
    def row_moved(self) -> tuple[bool, ...]:
        return tuple(any(self.cell(r, c).moved for c in range(self.column_count) if c != self.base)
                     for r in range(self.row_count))

    def is_change(self, row: int) -> bool:
        """Whether a row differs from the base in any version (furniture never counts)."""
        return bool(self.row_kinds[row] & set(CHANGE_KINDS)) or self.row_moved[row]

    def is_furniture(self, row: int) -> bool:
        """Whether every sentence of the row is page furniture."""
        cells = [self.cell(row, c) for c in range(self.column_count)]
        filled = [c for c in cells if c.sentences and c.role in (Role.BASE, Role.VERSION)]
        return bool(filled) and all(c.furniture for c in filled)

    def opens_paragraph(self, row: int) -> bool:
        """Whether any version starts a new paragraph in this row."""
        return row > 0 and any(self.cell(row, c).paragraph_start for c in range(self.column_count))

    def row_text(self, row: int) -> str:
        """All text of a row, for searching."""
        return "\n".join(self.cell(row, c).text for c in range(self.column_count))

    # ----------------------------------------------------------------------------- figures
    def counts(self) -> dict[Kind, int]:
        """Number of non-base cells of each kind, as the legend shows them; MOVED-ness apart."""
        counts = {k: 0 for k in Kind}
        for r in range(self.row_count):
            for c in range(self.column_count):
                if c != self.base:
                    cell = self.cell(r, c)
                    if cell.role in (Role.VERSION, Role.OMITTED) and cell.kind is not None:
                        counts[cell.kind] += 1
        return counts

    def moved_count(self) -> int:
        return sum(1 for r in range(self.row_count) for c in range(self.column_count)
                   if c != self.base and self.cell(r, c).role is Role.VERSION and self.cell(r, c).moved)

    def summary(self, version: int) -> Summary | None:
        """Shares of the base's content sentences that ``version`` keeps, rewords or omits."""
        comp = self.comparison
        pair = comp.pair_with(version)
        if pair is None:
            return None
        base = comp.versions[comp.base]
        other = comp.versions[version]
        content = [i for i, s in enumerate(base.sentences) if not s.furniture]
        tally = {k: 0 for k in Kind}
        moved = 0
        for i in content:
            link = pair.link_of_a.get(i)
            if link is None:
                tally[Kind.OMITTED] += 1
            else:
                tally[link.kind] += 1
                moved += link.moved
        added = sum(1 for j in pair.added if not other.sentences[j].furniture)
        return Summary(version, len(content), tally[Kind.IDENTICAL], tally[Kind.EDITED],
                       tally[Kind.PARAPHRASE], tally[Kind.PARTIAL], tally[Kind.OMITTED], added, moved)

    # ----------------------------------------------------------------------------- details
    def links_in_row(self, row: int, column: int) -> list[Link]:
        """The links (to the base) of the sentences of ``column`` in ``row``."""
        comp = self.comparison
        pair = comp.pair_with(column)
        if pair is None:
            return []
        out: list[Link] = []
        for j in comp.rows[row].cells[column]:
            link = pair.link_of_b.get(j)
            if link is not None and link not in out:
                out.append(link)
        return out

    def word_diff(self, link: Link, column: int) -> list[tuple[str, str]]:
        """A link's word diff as ``(tag, text)`` pieces: ``=`` kept, ``-`` base only, ``+`` version only."""
        comp = self.comparison
        a = comp.versions[comp.base].text
        b = comp.versions[column].text
        if not link.ops:
            return [("=", sentences_text(comp.versions[column], link.b))]
        pieces: list[tuple[str, str]] = []
        end_a = end_b = None
        for op in link.ops:
            if op.tag == "-":
                gap = a[end_a:op.a_start] if end_a is not None else ""
                text = a[op.a_start:op.a_end]
                end_a = op.a_end
            else:
                gap = b[end_b:op.b_start] if end_b is not None else ""
                text = b[op.b_start:op.b_end]
                end_b = op.b_end
                if op.tag == "=":
                    end_a = op.a_end
            # Whitespace between words is the source's own; anything else lies between the link's
            # sentences and was not diffed (page furniture, another sentence).
            gap = " … " if gap.strip() else re.sub(r"\s+", " ", gap)
            if not gap and pieces and pieces[-1][0] != op.tag and "=" not in (op.tag, pieces[-1][0]):
                gap = " "  # between a deletion and the insertion that replaces it
            if gap:
                _push(pieces, "=", gap)
            _push(pieces, op.tag, text)
        return pieces


def _push(pieces: list[tuple[str, str]], tag: str, text: str) -> None:
    if pieces and pieces[-1][0] == tag:
        pieces[-1] = (tag, pieces[-1][1] + text)
    elif text:
        pieces.append((tag, text))


def sentences_text(version: Version, indices: tuple[int, ...]) -> str:
    """The text of sentences ``indices`` of ``version``, joined by spaces."""
    return " ".join(version.sentence_text(i) for i in indices)


def _join(version: Version, indices: tuple[int, ...]) -> tuple[str, list[int]]:
    parts, starts, pos = [], [], 0
    for i in indices:
        starts.append(pos)
        t = version.sentence_text(i)
        parts.append(t)
        pos += len(t) + 1
    return " ".join(parts), starts


def _opens_paragraph(version: Version, index: int) -> bool:
    return index == 0 or version.sentences[index].paragraph != version.sentences[index - 1].paragraph


def _op_spans(link: Link, tag: str, sentence, offset: int, style: Span) -> list[tuple[int, int, Span]]:
    """Spans of ``link.ops`` with ``tag`` that fall inside ``sentence``, relative to the cell text."""
    out = []
    for op in link.ops:
        if op.tag != tag:
            continue
        start, end = (op.a_start, op.a_end) if tag == "-" else (op.b_start, op.b_end)
        start, end = max(start, sentence.start), min(end, sentence.end)
        if end > start:
            out.append((offset + start - sentence.start, offset + end - sentence.start, style))
    return out


def word_diff_html(pieces: list[tuple[str, str]], deleted: str, inserted: str) -> str:
    """Word-diff pieces as escaped HTML; ``deleted``/``inserted`` are format strings around ``{}``."""
    out = []
    for tag, text in pieces:
        text = html.escape(text)
        out.append(deleted.format(text) if tag == "-" else inserted.format(text) if tag == "+" else text)
    return "".join(out)
