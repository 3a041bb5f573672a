"""Small bars of the window: the find bar, the message bar (non-modal messages), job progress."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QStyle, QToolButton,
                               QWidget)


def edge_to_edge(layout):
    """``layout`` without margins or spacing: bars and views of a page sit edge to edge."""
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    return layout


class FindBar(QWidget):
    """A search field with next/previous; Enter finds the next row, Shift+Enter the previous."""

    findRequested = Signal(str, bool)   # text, forward
    termChanged = Signal(str)
    closeRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(QLabel("Find:"))
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Text in any version")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find text")
        self.field.textChanged.connect(self.termChanged)
        self.field.returnPressed.connect(lambda: self.findRequested.emit(self.field.text(), True))
        layout.addWidget(self.field, 1)
        self.previous = QToolButton(self)
        self.previous.setText("Previous")
        self.previous.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self.previous.clicked.connect(lambda: self.findRequested.emit(self.field.text(), False))
        layout.addWidget(self.previous)
        self.next = QToolButton(self)
        self.next.setText("Next")
        self.next.setToolTip("Next match (Enter, F3)")
        self.next.clicked.connect(lambda: self.findRequested.emit(self.field.text(), True))
        layout.addWidget(self.next)
        self.status = QLabel(self)
        self.status.setMinimumWidth(110)
        layout.addWidget(self.status)
        close = QToolButton(self)
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.closeRequested)
        layout.addWidget(close)
        back = QShortcut(QKeySequence("Shift+Return"), self.field)
        back.activated.connect(lambda: self.findRequested.emit(self.field.text(), False))
        # Esc is the window's Cancel action, which closes this bar when nothing runs.

    def text(self) -> str:
        return self.field.text()

    def open(self, text: str = "") -> None:
        if text:
            self.field.setText(text)
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def set_status(self, text: str, failed: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: palette(bright-text); background: #D55E00; padding: 0 4px;"
                                  if failed else "")


class MessageBar(QFrame):
    """A dismissible message above the rows (like Meld's info bars): never blocks the window."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.icon = QLabel(self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Message")
        layout.addWidget(self.label, 1)
        close = QToolButton(self)
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip("Dismiss")
        close.clicked.connect(self.dismiss)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.level = ""
        self.hide()

    def show_message(self, html: str, level: str = "error") -> None:
        """Show ``html``; ``level`` is "error", "warning" or "info"."""
        self.level = level
        icon = {"error": QStyle.StandardPixmap.SP_MessageBoxCritical,
                "warning": QStyle.StandardPixmap.SP_MessageBoxWarning}.get(level, QStyle.StandardPixmap.SP_MessageBoxInformation)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        tint = {"error": "#D55E00", "warning": "#E69F00"}.get(level, "#56B4E9")
        self.setStyleSheet(f"MessageBar {{ border: 1px solid {tint}; border-left: 4px solid {tint}; }}")
        self.label.setText(html)
        self.show()

    def text(self) -> str:
        return self.label.text()

    def dismiss(self) -> None:
        self.hide()
        self.label.clear()


class JobProgress(QWidget):
    """A progress bar and a Cancel button for the status bar, shown only once a job has run a moment."""

    cancelRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(False)
        layout.addWidget(self.bar)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop this comparison and keep the previous one (Esc)")
        self.cancel_button.clicked.connect(self.cancelRequested)
        layout.addWidget(self.cancel_button)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(150)  # no flicker for quick jobs
        self._delay.timeout.connect(self.show)
        self.hide()

    def start(self) -> None:
        self._delay.start()

    def set_fraction(self, fraction: float) -> None:
        self.bar.setValue(int(fraction * 100))

    def stop(self) -> None:
        self._delay.stop()
        self.hide()
        self.bar.setValue(0)
