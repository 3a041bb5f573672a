"""Build the QApplication and the main window, open what the command line asked for, run."""
from __future__ import annotations

import sys


def create_application(argv: list[str] | None = None):
    """The QApplication, named for QSettings, with the storydiff icon."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    # Names first: QSettings() files its values under them.
    QCoreApplication.setOrganizationName("storydiff")
    QCoreApplication.setApplicationName("storydiff")
    QCoreApplication.setApplicationVersion("0.1.0")
    QGuiApplication.setDesktopFileName("storydiff")
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    from viewer.gui.main_window import app_icon

    app.setWindowIcon(app_icon())
    return app


def run(files: list[str], open_sample: bool) -> int:
    """Open the window on ``files`` (or the sample story) and run until it closes."""
    app = create_application()
    from viewer.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if open_sample:
        window.files.open_sample()
    if files:
        window.add_paths(files)
    return app.exec()
