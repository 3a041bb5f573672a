"""Build the QApplication and the main window, open what the command line asked for, run."""
from __future__ import annotations

import os
import socket
import sys
from collections.abc import Mapping

# Qt platforms that draw without a display server.
HEADLESS_PLATFORMS = {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}
NO_DISPLAY_HINT = "use 'storydiff compare A B' for a text report, or run under xvfb-run"


def display_problem(env: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no window can open here (one line), or None. Qt itself would abort with a core dump."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    wanted = [p.split(":")[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";") if p.strip()]
    if any(p in HEADLESS_PLATFORMS for p in wanted):
        return None
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None  # macOS and Windows always have their own display
    if env.get("WAYLAND_DISPLAY") and (not wanted or "wayland" in wanted):
        return None
    display = env.get("DISPLAY", "")
    if not display:
        return "no display found (DISPLAY is not set)"
    if not _x_server_answers(display):
        return f"no display found (nothing answers at DISPLAY={display})"
    return None


def _x_server_answers(display: str) -> bool:
    """Whether a local X display (":0", "unix:1.0") has a server; other forms are not checked."""
    host, _, number = display.rpartition(":")
    number = number.split(".")[0]
    if host not in ("", "unix") or not number.isdigit():
        return True
    path = f"/tmp/.X11-unix/X{number}"
    for address in (path, "\0" + path):  # the socket file, or Linux's abstract socket of the same name
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(1.0)
            try:
                sock.connect(address)
                return True
            except OSError:
                continue
    return False


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


def open_window(files: list[str], open_sample: bool, settings=None):
    """Show the window's shell at once; after its first paint, build the rest (importing the
    engine) and open ``files`` or the sample story. Returns the window."""
    from PySide6.QtCore import QTimer

    from viewer.gui.main_window import MainWindow

    window = MainWindow(settings, deferred=True)

    def finish() -> None:
        if window.ready:
            return
        window.finish_building()
        if open_sample:
            window.files.open_sample()
        if files:
            window.add_paths(files)

    window.shellPainted.connect(finish)
    QTimer.singleShot(1000, finish)  # a window shown minimised may never paint
    window.show()
    return window


def run(files: list[str], open_sample: bool) -> int:
    """Open the window on ``files`` (or the sample story) and run until it closes."""
    problem = display_problem()
    if problem:
        print(f"storydiff: {problem}: {NO_DISPLAY_HINT}", file=sys.stderr)
        return 2
    app = create_application()
    window = open_window(files, open_sample)  # noqa: F841 (kept alive until exec returns)
    return app.exec()
