"""Print and Save as PDF: a cover (evidence trail, per-version summary, legend, changed facts), then the rows.

Laid out here rather than by Qt's rich text pagination, which splits table rows across pages (it
does not honour ``page-break-inside: avoid``) and gave 55 pages for five short stories. Each
aligned row is laid out on its own, one QTextDocument per cell, and goes whole to the next page
when it does not fit; only a block taller than a whole page is cut, and then between lines. The
column header repeats on every page of rows. Names and sources wrap only at word boundaries and
after ``- _ . /`` (never inside a word).

Everything is measured in points; the documents are laid out on a 288 dpi device (fonts take
whole pixels, so at 72 dpi 7.5 pt would be set as 8) and drawn scaled to the printer's resolution.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (QAbstractTextDocumentLayout, QBrush, QColor, QFont, QImage, QPageLayout, QPageSize,
                           QPainter, QPen, QTextDocument, QTextOption)
from PySide6.QtPrintSupport import QPrinter

from viewer.engine.model import Comparison, Kind
from viewer.report import html_report
from viewer.report.evidence import evidence
from viewer.report.facts_list import changed_facts, kept_facts
from viewer.report.grid import Grid

# Page and type sizes, in points (1/72 inch) unless named otherwise.
MARGIN_MM = 10.0
FONT_PT = 7.5          # the rows; the cover reads the same size, its title larger
HEADER_PT = 7.5          # the column names
FOOTER_PT = 6.5
CELL_PAD = 2.5           # inside each cell, all round
FOOTER_GAP = 4.0         # between the body and the page number line
LANDSCAPE_FROM = 4       # versions: more than three side by side are printed landscape
_FAMILY = "DejaVu Sans"
_RULE = QColor("#cccccc")
_PARA_RULE = QColor("#888888")
_HEADER_BG = QColor("#f0f0f0")
_HATCH = QColor("#e8b596")
# Break opportunities in names and paths (a zero-width space after each separator).
_BREAK_AFTER = "-_./\\?&=+"
_ZWSP = "\u200b"

_CSS = """
h1 { font-size: 13pt; margin: 0 0 4pt 0; }
h2 { font-size: 9.5pt; margin: 8pt 0 3pt 0; }
.meta { color: #555555; }
.note { background-color: #fff4d6; }
table { border-collapse: collapse; }
th { text-align: left; background-color: #f0f0f0; }
.furniture { color: #888888; font-style: italic; }
.moved { background-color: #f0e442; color: #3a3200; font-weight: bold; }
.facts { color: #a33f00; font-weight: bold; }
.gap { color: #7a2d00; font-style: italic; font-weight: bold; }
.glyph { font-weight: bold; }
tt, code, .sha { font-family: "DejaVu Sans Mono", monospace; }
"""


def breakable(text: str) -> str:
    """``text`` escaped, with break points after separators: a long file name wraps between its parts."""
    out = escape(text)
    for mark in _BREAK_AFTER:
        out = out.replace(escape(mark), escape(mark) + _ZWSP)
    return out


_UNITS = 4  # document units per point (a 288 dpi device)


def _layout_device() -> QImage:
    """The paint device every document is laid out on: ``_UNITS`` of a document make a point."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(72 * _UNITS / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


class _Layout:
    """Makes the documents of one report, all on the same device."""

    def __init__(self):
        self.device = _layout_device()
        self.documents: list[QTextDocument] = []  # kept alive as long as the layout

    def document(self, html: str, width: float, size: float = FONT_PT) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDocumentMargin(0)
        font = QFont(_FAMILY)
        font.setPointSizeF(size)
        doc.setDefaultFont(font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)  # never inside a word
        doc.setDefaultTextOption(option)
        doc.setDefaultStyleSheet(_CSS)
        doc.setHtml(html)
        doc.setTextWidth(width * _UNITS)
        self.documents.append(doc)
        return doc


def _height(doc: QTextDocument) -> float:
    """A document's height in points."""
    return doc.size().height() / _UNITS


def _line_spans(doc: QTextDocument, top: float = 0.0, whole: bool = False) -> list[tuple[float, float]]:
    """Every laid-out line of ``doc`` as (top, bottom), table cells included; ``whole``: every paragraph."""
    layout = doc.documentLayout()
    spans = []
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        text_layout = block.layout()
        if whole and text_layout.lineCount():
            last = text_layout.lineAt(text_layout.lineCount() - 1)
            spans.append((top + rect.top() / _UNITS, top + (rect.top() + last.y() + last.height()) / _UNITS))
            block = block.next()
            continue
        for k in range(text_layout.lineCount()):
            line = text_layout.lineAt(k)
            y = top + (rect.top() + line.y()) / _UNITS
            spans.append((y, y + line.height() / _UNITS))
        block = block.next()
    return spans


def _best_cut(spans: list[tuple[float, float]], limit: float) -> float:
    """The lowest y up to ``limit`` that cuts through no line (``limit`` itself when none does)."""
    candidates = sorted({b for _, b in spans if b <= limit} | {t for t, _ in spans if t <= limit}, reverse=True)
    for y in candidates:
        if y > 0 and not any(t < y - 0.01 and y + 0.01 < b for t, b in spans):
            return y
    return limit


@dataclass
class Block:
    """Something printed across the body's width: a flow of text, the column header or an aligned row."""

    height: float
    kind: str                      # "flow", "header" or "row"
    row: int = -1                  # the grid row of a "row" block
    docs: tuple = ()               # (x, y, QTextDocument)
    fills: tuple = ()              # (x, width, colour, hatched)
    rules: tuple = ()              # (y, colour): horizontal lines across the block
    columns: tuple = ()            # x of the vertical lines between cells

    def lines(self, whole: bool = False) -> list[tuple[float, float]]:
        """The block's lines (or, ``whole``, its paragraphs) as (top, bottom): where it must not be cut."""
        return [span for x, y, doc in self.docs for span in _line_spans(doc, y, whole)]

    def paint(self, painter: QPainter, width: float) -> None:
        for x, w, colour, hatched in self.fills:
            painter.fillRect(QRectF(x, 0, w, self.height), QColor(colour))
            if hatched:
                painter.fillRect(QRectF(x, 0, w, self.height), QBrush(_HATCH, Qt.BrushStyle.BDiagPattern))
        for x, y, doc in self.docs:
            painter.save()
            painter.translate(x, y)
            painter.scale(1 / _UNITS, 1 / _UNITS)
            doc.documentLayout().draw(painter, QAbstractTextDocumentLayout.PaintContext())
            painter.restore()
        painter.setPen(QPen(_RULE, 0.4))
        for x in self.columns:
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height))
        for y, colour in self.rules:
            painter.setPen(QPen(QColor(colour), 0.6 if colour != _RULE.name() else 0.4))
            painter.drawLine(QPointF(0, y), QPointF(width, y))


@dataclass
class Piece:
    """A block, or the part of one from ``start`` to ``end`` (its own y), placed at ``y`` on a page."""

    block: Block
    y: float
    start: float
    end: float


@dataclass
class Plan:
    """Where every block goes: pages of pieces, the body's size, the line at the foot of each page."""

    pages: list[list[Piece]]
    width: float
    height: float
    footer: str
    layout: _Layout

    def rows_on(self, page: int) -> list[int]:
        return [p.block.row for p in self.pages[page] if p.block.kind == "row"]


def landscape(versions: int) -> bool:
    """Whether a report of this many versions is printed landscape."""
    return versions >= LANDSCAPE_FROM


def configure(printer: QPrinter, versions: int) -> None:
    """A4, landscape when more than three versions sit side by side, narrow margins."""
    orientation = QPageLayout.Orientation.Landscape if landscape(versions) else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                      QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                      QPageLayout.Unit.Millimeter))


def plan(comparison: Comparison, page: QRectF, options: dict | None = None,
         dismissed: Collection[str] = ()) -> Plan:
    """Lay the report out on pages whose printable area is ``page`` (in points)."""
    layout = _Layout()
    grid = Grid(comparison, frozenset(dismissed))
    width = page.width()
    height = page.height() - FOOTER_PT * 1.6 - FOOTER_GAP
    cover = [_flow(layout, html, width) for html in _cover_html(comparison, grid, options, dismissed)]
    widths = column_widths(grid, width)
    header = _header(layout, grid, widths)
    rows = [_row(layout, grid, r, widths) for r in range(grid.row_count)]
    pages = _paginate(cover, height)
    pages += _paginate(rows, height, header)
    base = comparison.versions[comparison.base].name
    footer = f"storydiff · {base} and {len(comparison.versions) - 1} other version(s) · {comparison.compared_at}"
    return Plan(pages, width, height, footer, layout)


def _paginate(blocks: list[Block], height: float, header: Block | None = None) -> list[list[Piece]]:
    """Blocks onto pages, each kept whole unless it is taller than a page (then cut between lines)."""
    pages: list[list[Piece]] = []
    page: list[Piece] = []
    y = 0.0

    def new_page():
        nonlocal page, y
        if page:
            pages.append(page)
        page, y = [], 0.0
        if header is not None:
            page.append(Piece(header, 0.0, 0.0, header.height))
            y = header.height

    new_page()
    for block in blocks:
        room = height - y
        if block.height <= room:
            page.append(Piece(block, y, 0.0, block.height))
            y += block.height
            continue
        whole_page = height - (header.height if header else 0.0)
        # A row goes whole to the next page; so does a short flow (a heading with its table).
        if block.height <= whole_page and (block.kind == "row" or block.height <= height / 4):
            new_page()
            page.append(Piece(block, y, 0.0, block.height))
            y += block.height
            continue
        # Taller than the room left (a flow) or than a whole page (a row): cut between lines.
        spans, paragraphs = block.lines(), block.lines(whole=True)
        start = 0.0
        while block.height - start > height - y:
            # Between paragraphs (a table's rows) when that fills half the room, else between lines.
            room = height - y
            cut = _best_cut([(t - start, b - start) for t, b in paragraphs], room)
            if cut < room / 2 or cut == room:
                cut = _best_cut([(t - start, b - start) for t, b in spans], room)
            cut += start
            if cut <= start + 0.5:  # nothing fits in what is left of this page
                if y <= (header.height if header else 0.0):
                    cut = start + height - y  # not even on an empty page: cut where the page ends
                else:
                    new_page()
                    continue
            page.append(Piece(block, y, start, cut))
            start = cut
            new_page()
        page.append(Piece(block, y, start, block.height))
        y += block.height - start
    if len(page) > (1 if header else 0):
        pages.append(page)
    return pages


def _flow(layout: _Layout, html: str, width: float) -> Block:
    doc = layout.document(html, width)
    return Block(_height(doc) + 4.0, "flow", docs=((0.0, 0.0, doc),))


def _cover_html(comparison: Comparison, grid: Grid, options: dict | None,
                dismissed: Collection[str]) -> list[str]:
    names = [v.name for v in comparison.versions]
    title = f"storydiff: {names[comparison.base]} and {len(names) - 1} other version(s)"
    meta = (f"Base: <b>{breakable(names[comparison.base])}</b> · {len(names)} versions · {grid.row_count} rows")
    on = [k.replace("_", " ") for k, v in (options or {}).items() if v]
    if on:
        meta += " · identical " + escape(", ".join(on))
    head = f"<h1>{escape(title)}</h1><p class='meta'>{meta}</p>"
    head += "".join(f"<p class='note'>{escape(note)}</p>" for note in comparison.notes)
    parts = [head, html_report.evidence_html(evidence(comparison, dismissed), wrap=breakable),
             "<h2>Versions</h2>" + html_report.summary_html(grid), html_report.legend_html(grid)]
    facts = _facts_html(grid)
    if facts:
        parts.append(facts)
    return parts


def _facts_html(grid: Grid) -> str:
    """The changed facts two to a line (the first half on the left): half the pages of one column.

    One table, so the page can break between any two of its lines.
    """
    entries = kept_facts(changed_facts(grid.comparison, grid), grid.dismissed)
    if not entries:
        return ""
    half = (len(entries) + 1) // 2

    def cells(e) -> str:
        if e is None:
            return "<td></td>" * 4
        return (f"<td>{e.row + 1}</td><td>{escape(e.type)}</td>"
                f"<td>{escape(e.base or '—')} → {escape(e.wording or '—')}</td>"
                f"<td>{breakable(grid.versions[e.version].name)}</td>")

    right = entries[half:] + [None] * (2 * half - len(entries))
    lines = "".join(f"<tr>{cells(a)}<td width='3%'></td>{cells(b)}</tr>" for a, b in zip(entries[:half], right))
    head = "<th>Row</th><th>Type</th><th>Base → version</th><th>Version</th>"
    return (f"<h2>Changed facts ({len(entries)})</h2><table width='100%' cellpadding='1'>"
            f"<tr>{head}<th></th>{head}</tr>{lines}</table>")


def column_widths(grid: Grid, width: float) -> list[float]:
    """Widths that make the rows short: a column with more text gets more room, none under a tenth.

    Minimises the estimated total height (each row as tall as its tallest cell, a cell's lines
    estimated from its characters) by moving width between columns a step at a time.
    """
    n = grid.column_count
    chars = [[_cell_chars(grid, r, k) for k in range(n)] for r in range(grid.row_count)]
    char_width = 0.5 * FONT_PT  # DejaVu Sans averages about half an em per character

    def total(widths: list[float]) -> float:
        return sum(max(-(-c * char_width // max(1.0, w - 2 * CELL_PAD)) for c, w in zip(line, widths) if c)
                   if any(line) else 0 for line in chars)

    widths = [width / n] * n
    least, step = max(width / (n * 2.5), 60.0), width / 100
    best = total(widths)
    improved = True
    while improved:
        improved = False
        for i in range(n):
            for j in range(n):
                if i == j or widths[j] - step < least:
                    continue
                trial = list(widths)
                trial[i] += step
                trial[j] -= step
                cost = total(trial)
                if cost < best:
                    widths, best, improved = trial, cost, True
    return widths


def _cell_chars(grid: Grid, row: int, column: int) -> int:
    cell = grid.cell(row, column)
    if not cell.text:
        return 12 if cell.kind is not None or cell.moved else 0  # "− omitted", "⇅ moved to row 12"
    # An edited cell prints its word diff: the base's deleted words as well.
    return int(len(cell.text) * (1.3 if cell.kind is Kind.EDITED else 1.0)) + 20 * len(cell.facts)


def _lefts(widths: list[float]) -> list[float]:
    return [sum(widths[:k]) for k in range(len(widths))]


def _header(layout: _Layout, grid: Grid, widths: list[float]) -> Block:
    docs, height = [], 0.0
    lefts = _lefts(widths)
    for k, version in enumerate(grid.versions):
        label = f"<b>{breakable(version.name)}</b>" + (" (base)" if k == grid.base else "")
        doc = layout.document(label, widths[k] - 2 * CELL_PAD, HEADER_PT)
        docs.append((lefts[k] + CELL_PAD, CELL_PAD, doc))
        height = max(height, _height(doc))
    height += 2 * CELL_PAD
    return Block(height, "header", docs=tuple(docs), fills=((0.0, sum(widths), _HEADER_BG.name(), False),),
                 rules=((0.3, _PARA_RULE.name()), (height - 0.3, _PARA_RULE.name())), columns=tuple(lefts[1:]))


def _row(layout: _Layout, grid: Grid, row: int, widths: list[float]) -> Block:
    docs, fills, height = [], [], 0.0
    lefts = _lefts(widths)
    for k in range(grid.column_count):
        css, bg, inner = html_report.cell_parts(grid, row, k)
        if not inner:
            continue
        doc = layout.document(inner, widths[k] - 2 * CELL_PAD)
        docs.append((lefts[k] + CELL_PAD, CELL_PAD, doc))
        height = max(height, _height(doc))
        if bg:
            fills.append((lefts[k], widths[k], bg, css == "k-omitted"))
    height += 2 * CELL_PAD
    rules = [(height - 0.3, _RULE.name())]  # inside the block, so its clip keeps it
    if row and grid.opens_paragraph(row):
        rules.append((0.3, _PARA_RULE.name()))
    return Block(height, "row", row=row, docs=tuple(docs), fills=tuple(fills), rules=tuple(rules),
                 columns=tuple(lefts[1:]))


def _page_rect_points(printer: QPrinter) -> QRectF:
    return printer.pageLayout().paintRect(QPageLayout.Unit.Point)


def print_comparison(comparison: Comparison, printer: QPrinter, options: dict | None = None,
                     dismissed: Collection[str] = ()) -> int:
    """Render the report on ``printer`` (already set up by a print dialog or for PDF); return its pages."""
    laid = plan(comparison, QRectF(QPointF(0, 0), _page_rect_points(printer).size()), options, dismissed)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        scale = printer.resolution() / 72.0
        painter.scale(scale, scale)
        footer_font = QFont(_FAMILY)
        footer_font.setPointSizeF(FOOTER_PT / scale)  # the painter's scale applies to it too
        for number, pieces in enumerate(laid.pages, start=1):
            if number > 1:
                printer.newPage()
            for piece in pieces:
                painter.save()
                painter.setClipRect(QRectF(0, piece.y, laid.width, piece.end - piece.start))
                painter.translate(0, piece.y - piece.start)
                piece.block.paint(painter, laid.width)
                painter.restore()
            painter.setPen(QColor("#666666"))
            painter.setFont(footer_font)
            foot = QRectF(0, laid.height + FOOTER_GAP, laid.width, FOOTER_PT * 1.6)
            painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, laid.footer)
            painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"page {number} of {len(laid.pages)}")
    finally:
        painter.end()
    return len(laid.pages)


def save_pdf(comparison: Comparison, path: str, options: dict | None = None, dismissed: Collection[str] = ()) -> int:
    """Write the report as a PDF file; return its number of pages."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    printer.setDocName("storydiff report")
    printer.setCreator("storydiff")
    configure(printer, len(comparison.versions))
    return print_comparison(comparison, printer, options, dismissed)
