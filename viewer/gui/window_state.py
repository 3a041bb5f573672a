"""How the window looks, kept between runs (Meld's windowstate): geometry, which panels show, zoom."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow

from viewer.gui.settings import Settings

MIN_ZOOM, MAX_ZOOM = -6, 14  # point sizes from the desktop's


class WindowState(QObject):
    """Panel flags and zoom steps, read from the settings and written back as they change."""

    panelsChanged = Signal()           # the legend, the overview strip, the detail or Facts pane was shown or hidden
    furnitureChanged = Signal(bool)    # page furniture rows shown
    fontChanged = Signal(QFont)        # the text font at the new zoom
    themeChanged = Signal(str)         # "system", "light" or "dark"

    def __init__(self, settings: Settings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.show_legend = settings.flag("legend", True)
        self.show_overview = settings.flag("overview", True)
        self.show_detail = settings.flag("detail", True)
        self.show_facts = settings.flag("facts", False)
        self.show_furniture = settings.flag("furniture", True)
        self.zoom_steps = settings.zoom()
        self.theme = settings.theme()

    # ----------------------------------------------------------------------------- geometry
    def restore(self, window: QMainWindow) -> None:
        """The saved geometry and toolbar state, or most of the screen the first time."""
        geometry = self.settings.geometry()
        if geometry is not None:
            window.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                window.resize(min(1400, int(area.width() * 0.85)), min(900, int(area.height() * 0.85)))
        state = self.settings.window_state()
        if state is not None:
            window.restoreState(state)

    def restore_toolbars(self, window: QMainWindow) -> None:
        """The saved toolbar state, once the toolbars exist (they come after the window's first paint)."""
        state = self.settings.window_state()
        if state is not None:
            window.restoreState(state)

    def save(self, window: QMainWindow) -> None:
        self.settings.set_geometry(window.saveGeometry(), window.saveState())
        self.settings.sync()

    # ----------------------------------------------------------------------------- panels
    def set_legend_visible(self, on: bool) -> None:
        self.show_legend = on
        self._set_flag("legend", on)

    def set_overview_visible(self, on: bool) -> None:
        self.show_overview = on
        self._set_flag("overview", on)

    def set_detail_visible(self, on: bool) -> None:
        self.show_detail = on
        self._set_flag("detail", on)

    def set_facts_visible(self, on: bool) -> None:
        self.show_facts = on
        self._set_flag("facts", on)

    def _set_flag(self, key: str, on: bool) -> None:
        self.settings.set_flag(key, on)
        self.panelsChanged.emit()

    def set_furniture_visible(self, on: bool) -> None:
        self.show_furniture = on
        self.settings.set_flag("furniture", on)
        self.furnitureChanged.emit(on)

    def set_theme(self, theme: str) -> None:
        """Use the desktop's colours ("system"), or storydiff's "light" or "dark" palette."""
        if theme != self.theme:
            self.theme = theme
            self.settings.set_theme(theme)
            self.themeChanged.emit(theme)

    # ----------------------------------------------------------------------------- zoom
    def zoom(self, steps: int | None) -> None:
        """Make the text ``steps`` points larger (smaller when negative); None: the normal size."""
        self.zoom_steps = 0 if steps is None else max(MIN_ZOOM, min(MAX_ZOOM, self.zoom_steps + steps))
        self.settings.set_zoom(self.zoom_steps)
        self.fontChanged.emit(self.font())

    def zoom_in(self) -> None:
        self.zoom(1)

    def zoom_out(self) -> None:
        self.zoom(-1)

    def zoom_reset(self) -> None:
        self.zoom(None)

    def font(self) -> QFont:
        """The application's font, ``zoom_steps`` points larger."""
        font = QFont(QApplication.font())
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(max(6.0, size + self.zoom_steps))
        return font
