"""The table model of the aligned view: rows of a Comparison, one column per version."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from viewer.engine.loading import encoding_label
from viewer.engine.model import Comparison, Kind
from viewer.report.grid import UNCERTAIN_BELOW, Cell, Grid, Role
from viewer.gui.palette import KIND_HELP

CELL_ROLE = Qt.ItemDataRole.UserRole + 1      # the grid.Cell of an index
KIND_ROLE = Qt.ItemDataRole.UserRole + 2      # its Kind (None for base/holes)
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 3   # header: grid.Summary of a version (None for the base)
BASE_ROLE = Qt.ItemDataRole.UserRole + 4      # header: whether the section is the base
ENCODING_ROLE = Qt.ItemDataRole.UserRole + 5  # header: the encoding a file was read with
UNSURE_ROLE = Qt.ItemDataRole.UserRole + 6    # header: the loader's notes (a guessed encoding, bad bytes)

_Index = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # asked for every cell painted: combined once


class AlignedModel(QAbstractTableModel):
    """Serves the cells of a :class:`Grid`; ``focus`` is the version whose deletions the base shows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid: Grid | None = None
        self.focus: int | None = None
        self.dismissed: frozenset[str] = frozenset()  # fact keys the cells leave out
        self._summaries: dict = {}  # version -> grid.Summary: the header asks at every paint

    @property
    def comparison(self) -> Comparison | None:
        return self.grid.comparison if self.grid else None

    def set_comparison(self, comparison: Comparison | None, grid: Grid | None = None) -> None:
        """Serve ``comparison``; ``grid``, if it is of that comparison, is used rather than a new one."""
        self.beginResetModel()
        if comparison is None:
            self.grid = None
        elif grid is not None and grid.comparison is comparison:
            self.grid = grid
            grid.set_dismissed(self.dismissed)  # dismissals made while it was built
        else:
            self.grid = Grid(comparison, self.dismissed)
        self._summaries: dict = {}
        self.focus = self.grid.default_focus() if self.grid else None
        self.endResetModel()

    def set_dismissed(self, keys: frozenset[str]) -> bool:
        """Leave the facts with these keys out of the cells; True if that changed anything."""
        if keys == self.dismissed:
            return False
        self.dismissed = frozenset(keys)
        if self.grid is not None:
            self.grid.set_dismissed(self.dismissed)
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        return True

    def set_focus(self, version: int | None) -> bool:
        """Show in the base column the words ``version`` deleted; True if that changed anything."""
        if self.grid is None or version is None or version == self.grid.base or version == self.focus:
            return False
        self.focus = version
        base = self.grid.base
        self.dataChanged.emit(self.index(0, base), self.index(self.rowCount() - 1, base))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, base, base)
        return True

    def cell(self, row: int, column: int) -> Cell:
        return self.grid.cell(row, column, self.focus)

    # Qt's model interface.
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.grid is None else self.grid.row_count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.grid is None else self.grid.column_count

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.grid is None:
            return None
        cell = self.cell(index.row(), index.column())
        if role == CELL_ROLE:
            return cell
        if role == KIND_ROLE:
            return cell.kind
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if cell.role is Role.OMITTED:
                return "omitted"
            if cell.role is Role.AWAY:
                return "moved"
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), index.column(), cell)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self.grid is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        if not 0 <= section < self.grid.column_count:
            return None
        version = self.grid.versions[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return version.name
        if role == SUMMARY_ROLE:
            if section not in self._summaries:
                self._summaries[section] = self.grid.summary(section)
            return self._summaries[section]
        if role == BASE_ROLE:
            return section == self.grid.base
        if role == ENCODING_ROLE:
            return version.encoding if version.path else None
        if role == UNSURE_ROLE:
            return version.notes
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tooltip(section)
        return None

    # Tooltips say in words what the colours say.
    def _tooltip(self, row: int, column: int, cell: Cell) -> str | None:
        grid = self.grid
        name = grid.versions[column].name
        base_name = grid.versions[grid.base].name
        lines: list[str] = []
        if cell.role is Role.OMITTED:
            lines.append(f"<b>Omitted</b> from {_esc(name)}: this sentence of {_esc(base_name)} has no counterpart.")
        elif cell.role is Role.AWAY:
            lines.append(f"<b>Moved</b>: {_esc(name)} has this sentence elsewhere, at row {cell.counterpart_row + 1}."
                         "<br>Double-click to go there.")
        elif cell.role is Role.BASE:
            lines.append(f"<b>{_esc(base_name)}</b> (base), sentence {cell.sentences[0] + 1}")
            if self.focus is not None:
                lines.append(f"Struck-through words are missing from {_esc(grid.versions[self.focus].name)}.")
        elif cell.role is Role.VERSION and cell.kind is not None:
            head = f"<b>{cell.kind.label}</b>"
            if cell.score is not None and cell.kind not in (Kind.ADDED, Kind.FURNITURE):
                head += f" (score {cell.score:.2f})"
                if cell.score < UNCERTAIN_BELOW:
                    head += " · <i>uncertain: linked mostly by its place in the story; check it</i>"
            lines.append(head + f" · {_esc(name)}, sentence {cell.sentences[0] + 1}")
            lines.append(f"<i>{_esc(KIND_HELP[cell.kind])}</i>")
            if cell.moved:
                lines.append(f"⇅ <b>Moved</b>: shown level with its sentence in {_esc(base_name)}; "
                             f"in {_esc(name)} it comes elsewhere in the story"
                             + (f", after row {cell.counterpart_row + 1}. Double-click (or Ctrl+J) to go there."
                                if cell.counterpart_row not in (None, row) else "."))
            for fact in cell.facts:
                lines.append(f"⚠ {_esc(fact.type)}: {_esc(fact.a) or '—'} → {_esc(fact.b) or '—'}")
        else:
            return None
        return "<br>".join(lines)

    def _header_tooltip(self, section: int) -> str:
        grid = self.grid
        version = grid.versions[section]
        where = _esc(version.path) if version.path else "pasted text"
        head = f"<b>{_esc(version.name)}</b><br>{where}<br>{len(version.sentences)} sentences"
        if version.path:
            head += f", read as {_esc(encoding_label(version.encoding))}"
        for note in version.notes:
            head += f"<br>⚠ {_esc(note)}"
        if version.notes and version.path:
            head += "<br><i>Right-click the header to read it with another encoding.</i>"
        summary = grid.summary(section)
        if summary is None:
            return head + "<br><b>Base</b>: the other versions are compared with this one."
        s = summary
        rows = [
            ("Kept", s.kept, f"{s.identical} identical, {s.edited} edited"),
            ("Paraphrased", s.paraphrased, f"{s.paraphrase} paraphrase, {s.partial} partial"),
            ("Omitted", s.omitted, ""),
            ("Added", s.added, "sentences not in the base"),
        ]
        body = "".join(f"<tr><td>{label}</td><td align=right>&nbsp;{count}</td>"
                       f"<td align=right>&nbsp;{s.percent(count):.0f}%</td><td>&nbsp;{note}</td></tr>"
                       for label, count, note in rows)
        moved = f"<br>{s.moved} moved" if s.moved else ""
        return (f"{head}<br>Of {s.base_sentences} base sentences:<table>{body}</table>{moved}"
                "<br><i>Right-click for base, order and removal.</i>")


def _esc(text: str | None) -> str:
    from html import escape

    return escape(text or "", quote=False)
