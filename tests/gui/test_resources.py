"""Every resource the code refers to exists, and the desktop entry and icon are usable."""
from __future__ import annotations

import configparser
import re
from pathlib import Path

from PySide6.QtGui import QIcon

from viewer import paths

ROOT = Path(__file__).resolve().parents[2]


def test_named_resources_exist():
    for parts in paths.REFERENCED:
        assert paths.resource_path(*parts).exists(), parts


def test_every_literal_resource_path_in_the_code_exists():
    pattern = re.compile(r"resource_path\(((?:\s*\"[^\"]+\"\s*,?)+)\)")
    found = 0
    for source in (ROOT / "viewer").rglob("*.py"):
        for match in pattern.finditer(source.read_text(encoding="utf-8")):
            parts = re.findall(r"\"([^\"]+)\"", match.group(1))
            if source.name == "paths.py" and parts == ["icons", "storydiff.svg"]:
                continue  # the docstring example, also listed in REFERENCED
            assert paths.resource_path(*parts).exists(), (source, parts)
            found += 1
    assert paths.resource_path(*paths.APP_ICON).suffix == ".svg"


def test_sample_story_has_versions_and_no_readme():
    files = paths.sample_story_files()
    assert len(files) >= 2
    assert all(f.suffix == ".txt" and not f.name.upper().startswith("README") for f in files)


def test_desktop_entry():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(paths.resource_path(*paths.DESKTOP_ENTRY), encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"].startswith("storydiff")
    assert section["Icon"] == "storydiff" and section["Categories"].endswith(";")


def test_icon_renders(qapp):
    icon = QIcon(str(paths.resource_path(*paths.APP_ICON)))
    pixmap = icon.pixmap(64, 64)
    assert not pixmap.isNull() and pixmap.width() == 64
    image = pixmap.toImage()
    assert image.pixelColor(32, 4).alpha() > 0  # drawn, not blank
