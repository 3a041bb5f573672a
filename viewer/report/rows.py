"""Which rows of a grid a filter shows, where Next Change stops, which rows a search finds,
and what Copy puts on the clipboard.

Pure functions of a :class:`~viewer.report.grid.Grid`: the window applies their answers to its
view, and tests call them without one.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from viewer.engine.model import Kind
from viewer.report.grid import Grid, Role


def row_has_kinds(grid: Grid, row: int, kinds: Collection[Kind]) -> bool:
    """Whether ``row`` holds a sentence of one of ``kinds``.

    A row that is neither a change nor page furniture counts as identical, even where its
    versions hold no identical sentence (a base sentence every version left alone).
    """
    found = grid.row_kinds[row]
    if Kind.IDENTICAL in kinds and not grid.is_change(row) and not grid.is_furniture(row):
        found = found | {Kind.IDENTICAL}
    return bool(found & set(kinds))


def hidden_rows(grid: Grid, kinds: Collection[Kind], show_furniture: bool) -> frozenset[int]:
    """The rows a filter hides: those without any of ``kinds`` (none when empty), and furniture unless shown."""
    return frozenset(r for r in range(grid.row_count)
                     if (kinds and not row_has_kinds(grid, r, kinds))
                     or (not show_furniture and grid.is_furniture(r)))


def is_stop(grid: Grid, row: int, kinds: Collection[Kind]) -> bool:
    """Whether Next Change stops at ``row``: any change, or under a filter a row holding its kinds."""
    return row_has_kinds(grid, row, kinds) if kinds else grid.is_change(row)


def has_omission(grid: Grid, row: int) -> bool:
    """Whether a version left out the base sentence of ``row``."""
    return Kind.OMITTED in grid.row_kinds[row]


def next_row(grid: Grid, start: int, step: int, hidden: Collection[int] = frozenset(),
             accept: Callable[[Grid, int], bool] | None = None) -> int | None:
    """The first row after ``start`` going ``step`` (1 or -1) that is not hidden and that ``accept`` takes."""
    row = start + step
    while 0 <= row < grid.row_count:
        if row not in hidden and (accept is None or accept(grid, row)):
            return row
        row += step
    return None


def rows_containing(grid: Grid, text: str) -> list[int]:
    """The rows whose text, in any version, contains ``text`` (ignoring case); none for no text."""
    if not text:
        return []
    needle = text.casefold()
    return [r for r in range(grid.row_count) if needle in grid.row_text(r).casefold()]


def next_match(rows: Sequence[int], current: int, forward: bool = True) -> int | None:
    """The match after (or before) row ``current`` among sorted ``rows``, wrapping around; None without rows."""
    if not rows:
        return None
    if forward:
        return next((r for r in rows if r > current), rows[0])
    return next((r for r in reversed(rows) if r < current), rows[-1])


def cell_to_copy(grid: Grid, row: int, column: int) -> str:
    """The text of a cell; a gap left by an omission quotes the base sentence it lacks."""
    cell = grid.cell(row, column)
    if cell.role is Role.OMITTED:
        return f"[omitted] {grid.cell(row, grid.base).text}"
    return cell.text


def row_to_copy(grid: Grid, row: int) -> str:
    """Every version's text of a row, one line each: ``name [base or kind]: text``."""
    lines = []
    for c in range(grid.column_count):
        cell = grid.cell(row, c)
        label = "base" if c == grid.base else (cell.kind.value if cell.kind else "")
        text = cell.text or ("(omitted)" if cell.role is Role.OMITTED else "")
        lines.append(f"{grid.versions[c].name} [{label}]: {text}")
    return "\n".join(lines)
