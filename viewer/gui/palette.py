"""Colours, glyphs and brushes for each kind of change: the GUI's half of the Kind vocabulary.

Hues are Okabe-Ito (distinguishable with the common colour-vision deficiencies), and every kind
also carries a glyph, and deletions/insertions a strike-through/underline, so nothing relies on
hue alone. Tints are blended onto the current palette's base colour, so light and dark themes
both work.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from viewer.engine.model import Kind

# Okabe & Ito (2008), "Color Universal Design".
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#8C8C8C"

KIND_HUE = {
    Kind.IDENTICAL: GREY,
    Kind.EDITED: SKY_BLUE,
    Kind.PARAPHRASE: ORANGE,
    Kind.PARTIAL: REDDISH_PURPLE,
    Kind.OMITTED: VERMILLION,
    Kind.ADDED: BLUISH_GREEN,
    Kind.FURNITURE: GREY,
}

# A glyph per kind, drawn in the cell's gutter and the legend: readable in greyscale.
KIND_GLYPH = {
    Kind.IDENTICAL: "=",
    Kind.EDITED: "~",
    Kind.PARAPHRASE: "≈",
    Kind.PARTIAL: "◐",
    Kind.OMITTED: "−",
    Kind.ADDED: "+",
    Kind.FURNITURE: "·",
}

KIND_HELP = {
    Kind.IDENTICAL: "Same words as the base (ignoring whitespace, quote style and trivial punctuation)",
    Kind.EDITED: "Local word changes; most words survive in order",
    Kind.PARAPHRASE: "Same content, reworded",
    Kind.PARTIAL: "Shares a fact or clause; one side says substantially more",
    Kind.OMITTED: "A base sentence with no counterpart in this version",
    Kind.ADDED: "A sentence with no counterpart in the base",
    Kind.FURNITURE: "Page furniture (navigation, date stamps, credits): not counted",
}

MOVED_GLYPH = "⇅"
FACT_GLYPH = "⚠"
DELETED_HUE = VERMILLION
INSERTED_HUE = BLUE
MOVED_HUE = YELLOW
FIND_HUE = YELLOW


def blend(top: QColor | str, bottom: QColor, alpha: float) -> QColor:
    """``top`` laid over ``bottom`` with opacity ``alpha``, as an opaque colour."""
    t = QColor(top)
    return QColor(
        round(t.red() * alpha + bottom.red() * (1 - alpha)),
        round(t.green() * alpha + bottom.green() * (1 - alpha)),
        round(t.blue() * alpha + bottom.blue() * (1 - alpha)),
    )


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette draws light text on a dark base."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


@dataclass(frozen=True)
class Colours:
    """Concrete colours for one palette (rebuilt when the system palette changes)."""

    base: QColor
    text: QColor
    dim_text: QColor
    grid: QColor
    paragraph: QColor
    highlight: QColor
    tint: dict
    strong: dict
    deleted_bg: QColor
    deleted_fg: QColor
    inserted_bg: QColor
    inserted_fg: QColor
    added_bg: QColor
    find_bg: QColor
    fact_fg: QColor
    moved_bg: QColor
    moved_fg: QColor
    dark: bool

    def hatch(self) -> QBrush:
        """The brush of an omitted gap: diagonal hatching in the omitted hue."""
        colour = QColor(self.strong[Kind.OMITTED])
        colour.setAlpha(150 if self.dark else 110)
        return QBrush(colour, Qt.BrushStyle.BDiagPattern)


def colours(palette: QPalette | None = None) -> Colours:
    """Colours for ``palette`` (default: the application's)."""
    palette = palette or QApplication.palette()
    dark = is_dark(palette)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    tint_alpha = 0.30 if dark else 0.22
    tint = {k: blend(h, base, tint_alpha) for k, h in KIND_HUE.items()}
    tint[Kind.IDENTICAL] = base
    tint[Kind.FURNITURE] = base
    # Glyphs and stripes: full hue, nudged towards the text colour where it would be too faint.
    strong = {k: QColor(h) for k, h in KIND_HUE.items()}
    if not dark:
        strong[Kind.EDITED] = QColor("#2C8FC9")
    return Colours(
        base=base,
        text=text,
        dim_text=blend(text, base, 0.55),
        grid=blend(text, base, 0.12),
        paragraph=blend(text, base, 0.30),
        highlight=palette.color(QPalette.ColorRole.Highlight),
        tint=tint,
        strong=strong,
        deleted_bg=blend(DELETED_HUE, base, 0.38 if dark else 0.26),
        deleted_fg=blend(text, QColor(DELETED_HUE), 0.75) if not dark else QColor("#FFB38A"),
        inserted_bg=blend(INSERTED_HUE, base, 0.55 if dark else 0.22),
        inserted_fg=QColor("#003E66") if not dark else QColor("#BFE3FF"),
        added_bg=blend(BLUISH_GREEN, base, tint_alpha),
        find_bg=blend(FIND_HUE, base, 0.75 if not dark else 0.45),
        fact_fg=QColor("#A33F00") if not dark else QColor("#FF9F5A"),
        moved_bg=QColor(MOVED_HUE),
        moved_fg=QColor("#3A3200"),
        dark=dark,
    )
