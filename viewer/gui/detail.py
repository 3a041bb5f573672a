"""The detail pane: the selected row in full, each version's word diff against the base."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from viewer.engine.model import Kind
from viewer.gui import palette
from viewer.report.grid import UNCERTAIN_BELOW, Grid, Role, word_diff_html


def _hex(colour) -> str:
    return colour.name()


class DetailPane(QTextBrowser):
    """Read-only rich text: base sentence, then per version kind, score, facts and word diff."""

    rowRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor)
        self.setAccessibleName("Row details")
        self.setPlaceholderText("Select a row to see each version's word-by-word differences.")
        self._grid: Grid | None = None
        self._row = -1

    def show_row(self, grid: Grid | None, row: int) -> None:
        self._grid, self._row = grid, row
        if grid is None or not 0 <= row < grid.row_count:
            self.clear()
            return
        self.setHtml(self.row_html(grid, row))

    def refresh(self) -> None:
        self.show_row(self._grid, self._row)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Our own palette is the one row_html reads: rebuild once it has changed (a dark theme).
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == "row":
            try:
                self.rowRequested.emit(int(url.path() or url.host()) - 1)
            except ValueError:
                pass

    def row_html(self, grid: Grid, row: int) -> str:
        c = palette.colours(self.palette())
        comp = grid.comparison
        base = grid.base
        base_v = comp.versions[base]
        dim = _hex(c.dim_text)
        deleted = (f"text-decoration: line-through; background-color: {_hex(c.deleted_bg)}; "
                   f"color: {_hex(c.deleted_fg)};")
        inserted = (f"text-decoration: underline; background-color: {_hex(c.inserted_bg)}; "
                    f"color: {_hex(c.inserted_fg)};")
        out = [f"<p style='color:{dim}'>Row {row + 1} of {grid.row_count}. "
               f"<span style='{deleted}'>struck</span> = only in the base, "
               f"<span style='{inserted}'>underlined</span> = only in that version.</p>"]
        base_cell = grid.cell(row, base)
        out.append("<table width='100%' cellspacing='0' cellpadding='4'>")
        if base_cell.role is Role.BASE:
            out.append(self._entry(f"{escape(base_v.name)} <small>(base)</small>",
                                   "", escape(base_cell.text), c.base))
        else:
            out.append(self._entry(f"{escape(base_v.name)} <small>(base)</small>", "",
                                   f"<i style='color:{dim}'>no sentence here</i>", c.base))
        for column in range(grid.column_count):
            if column == base:
                continue
            name = escape(comp.versions[column].name)
            cell = grid.cell(row, column)
            if cell.role is Role.OMITTED and cell.kind is Kind.OMITTED:
                out.append(self._entry(name, self._badge(Kind.OMITTED, c),
                                       "<i>omitted: this version has no counterpart</i>", c.tint[Kind.OMITTED]))
                continue
            if cell.role is Role.AWAY:
                target = cell.counterpart_row + 1
                out.append(self._entry(name, f"{palette.MOVED_GLYPH} moved",
                                       f"<a href='row:{target}'>at row {target}</a>", c.base))
                continue
            if cell.role is not Role.VERSION:
                out.append(self._entry(name, "", f"<i style='color:{dim}'>nothing here</i>", c.base))
                continue
            pieces_html = []
            meta = []
            links = grid.links_in_row(row, column)
            if cell.kind is Kind.ADDED or not links:
                pieces_html.append(f"<span style='{inserted}'>{escape(cell.text)}</span>"
                                   if cell.kind is Kind.ADDED else escape(cell.text))
            for link in links:
                pieces_html.append(word_diff_html(grid.word_diff(link, column), f"<span style='{deleted}'>{{}}</span>",
                                                  f"<span style='{inserted}'>{{}}</span>"))
                pieces_html.append(" ")
                meta.append(f"score {link.score:.2f}" + (" (uncertain: check it)" if link.score < UNCERTAIN_BELOW else ""))
                if link.moved:
                    where = (f" <a href='row:{cell.counterpart_row + 1}'>(its place: after row "
                             f"{cell.counterpart_row + 1})</a>" if cell.counterpart_row is not None else "")
                    meta.append(f"{palette.MOVED_GLYPH} moved{where}")
                if len(link.a) > 1 or len(link.b) > 1:
                    meta.append(f"{len(link.a)} base sentence(s) → {len(link.b)} here")
            facts = ""
            if cell.facts:
                items = "".join(f"<li><b>{escape(f.type)}</b>: {escape(f.a) or '—'} → {escape(f.b) or '—'}</li>"
                                for f in cell.facts)
                facts = f"<div style='color:{_hex(c.fact_fg)}'>{palette.FACT_GLYPH} Facts that differ:<ul>{items}</ul></div>"
            body = "".join(pieces_html)
            if meta:
                body += f"<br><small style='color:{dim}'>{' · '.join(meta)}</small>"
            out.append(self._entry(name, self._badge(cell.kind, c), body + facts, c.tint[cell.kind]))
        out.append("</table>")
        return "".join(out)

    @staticmethod
    def _badge(kind: Kind, c) -> str:
        return (f"<span style='color:{_hex(c.strong[kind]) if not c.dark else _hex(c.text)}'>"
                f"<b>{escape(palette.KIND_GLYPH[kind])}</b></span> {kind.label}")

    def _entry(self, name: str, badge: str, body: str, tint) -> str:
        # The text colour goes with the tint, so a cell never pairs dark-theme text with a light tint.
        text = _hex(palette.colours(self.palette()).text)
        return (f"<tr><td width='18%' valign='top' style='color:{text}'><b>{name}</b><br><small>{badge}</small></td>"
                f"<td valign='top' bgcolor='{_hex(tint)}' style='color:{text}'>{body}</td></tr>")
