"""The story-wide list of changed facts: one entry per fact of each link of each version, in story order.

Pure Python (no Qt): the viewer's Facts pane, the HTML report, the CSV and the JSON's list of
dismissed facts read the same entries. An entry's ``key`` names it across recomparisons, so a
fact dismissed as "not a change" stays dismissed when the same versions are compared again.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import NamedTuple

from viewer.engine.model import Comparison
from viewer.report.grid import Grid, fact_key


class FactEntry(NamedTuple):
    """One changed fact of one link of one version."""

    version: int                      # the version's column
    row: int                          # the grid row holding the version's sentence
    type: str                         # "number", "date", "name", ...
    base: str                         # the base's wording ("" when the version added the fact)
    wording: str                      # the version's wording ("" when it dropped the fact)
    base_sentences: tuple[int, ...]   # the link's sentences of the base
    version_sentences: tuple[int, ...]
    key: str


def changed_facts(comparison: Comparison, grid: Grid | None = None) -> list[FactEntry]:
    """Every changed fact across all versions, by row and then by version column."""
    grid = grid or Grid(comparison)
    entries = []
    for pair in comparison.pairs:
        version = comparison.versions[pair.b]
        for link in pair.links:
            row = grid.row_of.get((pair.b, link.b[0]), -1) if link.b else -1
            entries += [FactEntry(pair.b, row, str(f.type), f.a, f.b, link.a, link.b,
                                  fact_key(version, link, f)) for f in link.facts]
    entries.sort(key=lambda e: (e.row, e.version))  # stable: a link's facts keep their order
    return entries


def kept_facts(entries: Iterable[FactEntry], dismissed: Collection[str]) -> list[FactEntry]:
    """The entries not dismissed: what exports list."""
    return [e for e in entries if e.key not in dismissed]


def shown_facts(entries: Iterable[FactEntry], types: Collection[str] = (), versions: Collection[int] = (),
                dismissed: Collection[str] = (), show_dismissed: bool = False) -> list[FactEntry]:
    """The entries a filter shows: of ``types`` and ``versions`` (any when empty), dismissed ones only if asked."""
    return [e for e in entries
            if (not types or e.type in types) and (not versions or e.version in versions)
            and (show_dismissed or e.key not in dismissed)]


def types_present(entries: Iterable[FactEntry]) -> list[str]:
    """The fact types among ``entries``, in the order they first appear."""
    return list(dict.fromkeys(e.type for e in entries))

