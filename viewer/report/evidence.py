"""The evidence trail of a comparison: what was compared, when, with what, and how to run it again.

One plain, JSON-ready dict that every export carries (JSON, HTML, CSV, the printed report), so a
reader of a published fact-check can check the inputs' checksums and re-run the comparison.
"""
from __future__ import annotations

import dataclasses
import shlex
from collections.abc import Collection

from viewer import __version__
from viewer.engine.model import Comparison, Version
from viewer.engine.params import Params

# Settings that ``storydiff compare`` takes as options; any other changed setting is named in
# ``command_notes`` (the command alone would not give the same result).
_COMMAND_OPTIONS = ("split", "transformer", "ignore_case", "ignore_punctuation", "ignore_quotes")
STDIN_NAME = "stdin"  # the name the command line gives a version read from standard input (-)


def changed_settings(params: Params | None) -> dict | None:
    """The fields of ``params`` that differ from the defaults, JSON-ready (None when not recorded)."""
    if params is None:
        return None
    defaults = Params()
    return {f.name: _plain(getattr(params, f.name)) for f in dataclasses.fields(Params)
            if getattr(params, f.name) != getattr(defaults, f.name)}


def source_of(version: Version) -> str | None:
    """Where a version came from: its URL, else its file (None for pasted text)."""
    return version.url or version.path


def evidence(comparison: Comparison, dismissed: Collection[str] = ()) -> dict:
    """The evidence trail of ``comparison``; ``dismissed`` are the fact keys the reader set aside."""
    settings = changed_settings(comparison.params)
    command, command_notes = rerun_command(comparison)
    return {
        "storydiff": __version__,  # not importlib.metadata: 30-90 ms of every export (a test holds them equal)
        "compared_at": comparison.compared_at,
        "base": comparison.base,
        "versions": [{"name": v.name, "source": source_of(v), "url": v.url, "path": v.path,
                      "read_at": v.read_at, "sha256": v.sha256, "encoding": v.encoding, "notes": list(v.notes)}
                     for v in comparison.versions],
        "settings": settings,
        "semantic_model": comparison.semantic_model,
        "notes": list(comparison.notes),
        "dismissed_facts": _dismissed_count(comparison, dismissed),
        "command": command,
        "command_notes": command_notes,
    }


def rerun_command(comparison: Comparison) -> tuple[str, list[str]]:
    """The ``storydiff compare`` command line that makes this comparison again, and why it might not."""
    notes = []
    sources = []
    for version in comparison.versions:
        source = source_of(version)
        if source is None and version.name == STDIN_NAME:
            notes.append("- is standard input: give it the same text again (its sha256 is in the trail)")
            source = "-"
        elif source is None:
            notes.append(f"{version.name} was pasted, not read from a file: save it and put its path in the command")
            source = version.name
        elif version.url and version.path:
            notes.append(f"{version.url} was fetched; to repeat it offline, put its snapshot {version.path} "
                         "in place of the address")
        sources.append(source)
    words = ["storydiff", "compare", *sources, "--base", sources[comparison.base]]
    settings = changed_settings(comparison.params) or {}
    for name, value in settings.items():
        option = "--" + name.replace("_", "-")
        if name not in _COMMAND_OPTIONS:
            notes.append(f"the setting {name} = {value} has no command-line option")
        elif isinstance(value, bool):
            words.append(option if value else "--no-" + name.replace("_", "-"))
        else:
            words += [option, str(value)]
    if comparison.params is None:
        notes.append("the settings were not recorded")
    return shlex.join(words), notes


def evidence_lines(trail: dict) -> list[tuple[str, str]]:
    """The trail as (label, value) lines, for the CSV and other flat forms."""
    lines = [("storydiff", trail["storydiff"]), ("compared at", trail["compared_at"]),
             ("command", trail["command"])]
    lines += [("command note", note) for note in trail["command_notes"]]
    lines.append(("settings", settings_text(trail)))
    lines.append(("base", trail["versions"][trail["base"]]["name"]))
    for k, v in enumerate(trail["versions"], start=1):
        label = f"version {k}"
        lines += [(label, v["name"]), (f"{label} source", v["source"] or "pasted text"),
                  (f"{label} read at", v["read_at"]), (f"{label} sha256", v["sha256"]),
                  (f"{label} encoding", v["encoding"])]
        lines += [(f"{label} note", note) for note in v["notes"]]
    lines += [("note", note) for note in trail["notes"]]
    if trail["dismissed_facts"]:
        lines.append(("facts dismissed as not a change", str(trail["dismissed_facts"])))
    return lines


def settings_text(trail: dict) -> str:
    """The settings that changed the result, in a line: "split=lines, ignore_case=true; semantic model used"."""
    model = "semantic model used" if trail["semantic_model"] else "semantic model not used (shared words only)"
    if trail["settings"] is None:
        return f"not recorded; {model}"
    changed = ", ".join(f"{k}={_text(v)}" for k, v in trail["settings"].items()) or "defaults"
    return f"{changed}; {model}"


def _dismissed_count(comparison: Comparison, dismissed: Collection[str]) -> int:
    if not dismissed:
        return 0
    from viewer.report.facts_list import changed_facts

    return sum(1 for e in changed_facts(comparison) if e.key in dismissed)


def _plain(value):
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
