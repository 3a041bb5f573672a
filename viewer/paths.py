"""Where storydiff's bundled resources live: the one place that resolves them.

The top-level ``resources/`` folder is installed as the package ``viewer.resources``; in a plain
checkout that package is not importable, so the folder beside ``viewer/`` is used instead.
"""
from __future__ import annotations

from importlib import resources as _resources
from pathlib import Path

# Every resource the code refers to, by name, so a test can check that each one exists.
APP_ICON = ("icons", "storydiff.svg")
DESKTOP_ENTRY = ("storydiff.desktop",)
SAMPLE_STORY = ("samples", "harbour-fire")
REFERENCED = (APP_ICON, DESKTOP_ENTRY, SAMPLE_STORY)

STORY_SUFFIXES = (".txt", ".md", ".html", ".htm")


def resources_root() -> Path:
    """The folder holding the bundled resources."""
    try:
        root = Path(str(_resources.files("viewer.resources")))
        if root.is_dir():
            return root
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. ``resource_path("icons", "storydiff.svg")``."""
    return resources_root().joinpath(*parts)


def story_files_in(folder: Path) -> list[Path]:
    """The story files (text, Markdown, HTML) directly inside ``folder``, sorted by name."""
    return sorted(
        p for p in Path(folder).iterdir()
        if p.is_file() and p.suffix.lower() in STORY_SUFFIXES
        and not p.name.startswith(".") and not p.stem.upper().startswith("README")
    )


def sample_story_files() -> list[Path]:
    """The versions of the bundled sample story, in reading order (wire original first)."""
    folder = resource_path(*SAMPLE_STORY)
    return story_files_in(folder) if folder.is_dir() else []
