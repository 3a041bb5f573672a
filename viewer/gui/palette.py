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


_cache: dict[int, Colours] = {}  # by QPalette.cacheKey: headers and the strip ask at every paint


def colours(palette: QPalette | None = None) -> Colours:
    """Colours for ``palette`` (default: the application's)."""
    palette = palette or QApplication.palette()
    key = palette.cacheKey()
    found = _cache.get(key)
    if found is None:
        if len(_cache) > 16:
            _cache.clear()
        found = _cache[key] = _colours(palette)
    return found


def _colours(palette: QPalette) -> Colours:
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


# ----------------------------------------------------------------------------- themes (View ▸ Theme)
THEMES = {"system": "&System", "light": "&Light", "dark": "&Dark"}
_LIGHT = {"Window": "#efefef", "WindowText": "#1a1a1a", "Base": "#ffffff", "AlternateBase": "#f5f5f5",
          "Text": "#1a1a1a", "Button": "#e8e8e8", "ButtonText": "#1a1a1a", "Highlight": "#2f6fb0",
          "HighlightedText": "#ffffff", "ToolTipBase": "#ffffdc", "ToolTipText": "#1a1a1a",
          "PlaceholderText": "#7a7a7a", "BrightText": "#ffffff", "Link": "#1f5f9f", "Mid": "#b8b8b8",
          "Dark": "#9f9f9f", "Light": "#ffffff", "Midlight": "#f4f4f4", "Shadow": "#767676"}
_DARK = {"Window": "#2b2b2b", "WindowText": "#e6e6e6", "Base": "#1e1e1e", "AlternateBase": "#262626",
         "Text": "#e6e6e6", "Button": "#333333", "ButtonText": "#e6e6e6", "Highlight": "#3d7ab8",
         "HighlightedText": "#ffffff", "ToolTipBase": "#333333", "ToolTipText": "#e6e6e6",
         "PlaceholderText": "#8c8c8c", "BrightText": "#ffffff", "Link": "#7fb8ef", "Mid": "#555555",
         "Dark": "#202020", "Light": "#4a4a4a", "Midlight": "#3c3c3c", "Shadow": "#0f0f0f"}
_DISABLED = {"light": "#9a9a9a", "dark": "#7a7a7a"}
_system: tuple[QPalette, str] | None = None  # the palette and style the desktop gave, before any theme


def theme_palette(theme: str) -> QPalette:
    """The palette of the "light" or "dark" theme (the dark one is also the screenshots')."""
    colours_ = _DARK if theme == "dark" else _LIGHT
    pal = QPalette()
    for role, colour in colours_.items():
        pal.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED["dark" if theme == "dark" else "light"]))
    return pal


def apply_theme(theme: str) -> None:
    """Give the whole application the palette of ``theme`` ("system": the desktop's), live."""
    global _system
    app = QApplication.instance()
    if app is None or theme not in THEMES:
        return
    if _system is None:
        if theme == "system":
            return  # nothing was changed: the desktop's palette is on
        _system = (QPalette(app.palette()), app.style().name())
    if theme == "system":
        palette, style = _system
        if app.style().name() != style:
            app.setStyle(style)
        app.setPalette(palette)
        return
    # Native styles of macOS and Windows draw with their own colours: Fusion follows the palette.
    if app.style().name().lower() in ("macos", "windowsvista"):
        app.setStyle("Fusion")
    app.setPalette(theme_palette(theme))
