"""The About box (kept apart so the window module stays about wiring)."""
from __future__ import annotations

import platform


def about_text() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    try:
        from importlib.metadata import version

        ours = version("storydiff")
    except Exception:  # noqa: BLE001 - running from a checkout
        ours = "0.1.0 (source checkout)"
    return (
        f"<h3>storydiff {ours}</h3>"
        "<p>See exactly how versions of one news story differ, sentence by sentence: the wire "
        "original, a trimmed republication, an AI rewrite, another outlet, a correction.</p>"
        "<p>Colours follow the Okabe–Ito palette, and every kind of change also has a glyph "
        "(~ edited, ≈ paraphrase, ◐ partial, + added, hatched gaps for omissions), so they stay "
        "distinguishable without colour.</p>"
        f"<p><small>Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}<br>"
        "MIT licence</small></p>"
    )


def show_about(parent, icon) -> None:
    """The About box over ``parent``, with the program's ``icon``."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setWindowTitle("About storydiff")
    box.setIconPixmap(icon.pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text())
    box.exec()
