"""Stored preferences (QSettings) and their translation into engine parameters.

Only the GUI reads stored settings; the engine gets a ``Params``.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings

from viewer.engine.params import Params

OPTION_KEYS = ("ignore_case", "ignore_punctuation", "ignore_quotes", "transformer")
MAX_RECENT = 10


def _bool(value, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("1", "true", "yes", "on")


class Settings:
    """Typed access to the window's QSettings."""

    def __init__(self, qsettings: QSettings | None = None):
        self.q = qsettings if qsettings is not None else QSettings()

    # Options that decide what counts as identical.
    def options(self) -> dict[str, bool]:
        defaults = Params()
        return {key: _bool(self.q.value(f"options/{key}"), getattr(defaults, key)) for key in OPTION_KEYS}

    def set_options(self, options: dict[str, bool]) -> None:
        for key in OPTION_KEYS:
            if key in options:
                self.q.setValue(f"options/{key}", bool(options[key]))

    @staticmethod
    def params_for(options: dict[str, bool]) -> Params:
        return Params().with_changes(**{k: bool(v) for k, v in options.items() if k in OPTION_KEYS})

    # View.
    def flag(self, key: str, default: bool) -> bool:
        return _bool(self.q.value(f"view/{key}"), default)

    def set_flag(self, key: str, value: bool) -> None:
        self.q.setValue(f"view/{key}", bool(value))

    def theme(self) -> str:
        """The chosen theme: "system", "light" or "dark"."""
        value = str(self.q.value("view/theme", "system") or "system")
        return value if value in ("system", "light", "dark") else "system"

    def set_theme(self, theme: str) -> None:
        self.q.setValue("view/theme", theme)

    def zoom(self) -> int:
        try:
            return int(self.q.value("view/zoom", 0))
        except (TypeError, ValueError):
            return 0

    def set_zoom(self, steps: int) -> None:
        self.q.setValue("view/zoom", int(steps))

    def geometry(self) -> QByteArray | None:
        value = self.q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self.q.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)

    def last_folder(self) -> str:
        return str(self.q.value("files/last_folder", "") or "")

    def set_last_folder(self, folder: str) -> None:
        self.q.setValue("files/last_folder", folder)

    # Recent comparisons: each entry is a set of files, or a session file.
    def recent(self) -> list[dict]:
        raw = self.q.value("files/recent", "[]")
        try:
            entries = json.loads(raw if isinstance(raw, str) else "[]")
        except json.JSONDecodeError:
            return []
        return [e for e in entries if isinstance(e, dict) and ("files" in e or "session" in e)]

    def add_recent(self, entry: dict) -> None:
        entries = [e for e in self.recent() if e != entry]
        entries.insert(0, entry)
        self.q.setValue("files/recent", json.dumps(entries[:MAX_RECENT]))

    def clear_recent(self) -> None:
        self.q.setValue("files/recent", "[]")

    def sync(self) -> None:
        self.q.sync()
