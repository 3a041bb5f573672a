"""What the window shows before two versions are loaded: what to do, and two ways to start."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    openRequested = Signal()
    sampleRequested = Signal()
    pasteRequested = Signal()

    def __init__(self, icon: QIcon, parent=None):
        super().__init__(parent)
        self.setObjectName("EmptyState")
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        art = QLabel(self)
        art.setPixmap(icon.pixmap(96, 96))
        art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(art)
        self.heading = QLabel("Drop two or more versions of a story here", self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setAccessibleName("Drop two or more versions of a story here")
        outer.addWidget(self.heading)
        self.hint = QLabel(
            "Text, Markdown, HTML, Word or PDF files, a folder of them, or web addresses (File ▸ Open URL): "
            "the wire original, a republication, a rewrite, a correction…\n"
            "storydiff lines them up sentence by sentence and shows what changed.",
            self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        outer.addWidget(self.hint)
        self.status = QLabel(self)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.status.hide()
        outer.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_button = QPushButton("Open Versions…", self)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.openRequested)
        buttons.addWidget(self.open_button)
        self.paste_button = QPushButton("Paste as Version", self)
        self.paste_button.clicked.connect(self.pasteRequested)
        buttons.addWidget(self.paste_button)
        self.sample_button = QPushButton("Try the Sample Story", self)
        self.sample_button.setToolTip("A fictional harbour fire in four versions: wire, trimmed, reworded, corrected")
        self.sample_button.clicked.connect(self.sampleRequested)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        outer.addStretch(3)

    def set_status(self, text: str) -> None:
        """A line under the hint, e.g. "1 version loaded: wire.txt. Add at least one more."."""
        self.status.setText(text)
        self.status.setVisible(bool(text))
