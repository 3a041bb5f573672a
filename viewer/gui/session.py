"""Session files: which versions were compared, the base, the options and the facts dismissed as
"not a change", as JSON.

A file version is kept as its path (absolute, plus relative to the session file so a folder
can be moved as a whole) and the sha256 of what was compared; pasted text is kept inline, and so
is what a web address gave (its snapshot, base64, with the address and the time it was fetched),
so reopening repeats the comparison offline. Reopening returns sources that carry the expected
fingerprint, so the loader can warn when a file changed since the session was saved. A name the
reader gave a version is kept. No Qt here.
"""
from __future__ import annotations

import base64
import binascii
import json
import os
import stat
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from viewer.engine.loading import printable
from viewer.gui.jobs import Source
from viewer.report.output import write_text

FORMAT = "storydiff-session"
FORMAT_VERSION = 1
SUFFIX = ".storydiff"
MAX_BYTES = 200 * 2**20  # pasted versions are kept inline, so a session may be large, but not endless


class SessionError(Exception):
    """A session file that cannot be read."""


@dataclass
class Session:
    sources: list[Source]
    base: int = 0
    options: dict = field(default_factory=dict)
    dismissed: frozenset[str] = frozenset()  # keys of viewer.report.facts_list entries


def save_session(path: str | os.PathLike, sources: list[Source], fingerprints: list[str],
                 base: int, options: dict, dismissed: Collection[str] = ()) -> None:
    """Write a session file for ``sources`` (with the sha256 of what was compared); never over one of them."""
    write_text(path, session_text(path, sources, fingerprints, base, options, dismissed), [s.path for s in sources])


def session_text(path: str | os.PathLike, sources: list[Source], fingerprints: list[str],
                 base: int, options: dict, dismissed: Collection[str] = ()) -> str:
    """The session file's JSON; ``path`` is where it will be saved (file paths are kept relative to it too)."""
    folder = Path(path).resolve().parent
    entries = []
    for source, sha in zip(sources, fingerprints):
        if source.path is not None:
            absolute = Path(source.path).resolve()
            try:
                relative = os.path.relpath(absolute, folder)
            except ValueError:  # another drive on Windows
                relative = None
            entry = {"name": source.label, "path": str(absolute), "relative_path": relative, "sha256": sha}
            if source.encoding:
                entry["encoding"] = source.encoding
            entries.append(entry)
        elif source.data is not None:
            entry = {"name": source.label, "url": source.url, "read_at": source.read_at,
                     "content_type": source.content_type, "sha256": sha,
                     "snapshot": base64.b64encode(source.data).decode("ascii")}
            if source.text:
                entry["text"] = source.text
            entries.append(entry)
        else:
            entries.append({"name": source.label, "text": source.text or "", "sha256": sha})
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, "base": base,
            "options": options, "versions": entries, "dismissed_facts": sorted(dismissed)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load_session(path: str | os.PathLike) -> Session:
    """Read a session file; raises SessionError when it is not one."""
    name = printable(Path(path).name)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a named pipe would block the window forever
            raise SessionError(f"{name}: not a session file, not even a regular file")
        if info.st_size > MAX_BYTES:
            raise SessionError(f"{name}: is {info.st_size / 2**20:.0f} MB, too large for a session file")
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeError, json.JSONDecodeError) as exc:
        raise SessionError(f"{name}: not a readable session file ({printable(str(exc))})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SessionError(f"{name}: not a storydiff session file")
    folder = Path(path).resolve().parent
    sources = []
    for entry in data.get("versions", []):
        if not isinstance(entry, dict):
            continue
        if "snapshot" in entry:
            try:
                snapshot = base64.b64decode(str(entry["snapshot"]), validate=True)
            except (binascii.Error, ValueError):
                raise SessionError(f"{name}: a version's snapshot is damaged") from None
            url = entry.get("url") if isinstance(entry.get("url"), str) and entry.get("url") else None
            sources.append(Source(data=snapshot, url=url, name=str(entry.get("name", "")), text=_string(entry, "text"),
                                  content_type=_string(entry, "content_type"), read_at=_string(entry, "read_at"),
                                  expected_sha256=entry.get("sha256") or None))
            continue
        if "text" in entry:
            sources.append(Source(text=str(entry["text"]), name=str(entry.get("name", "")),
                                  expected_sha256=entry.get("sha256") or None))
            continue
        candidates = [entry.get("path")]
        if entry.get("relative_path"):
            candidates.insert(0, str(folder / entry["relative_path"]))
        found = next((c for c in candidates if c and Path(c).is_file()), entry.get("path"))
        encoding = entry.get("encoding")
        renamed = _string(entry, "name")
        sources.append(Source(path=str(found), expected_sha256=entry.get("sha256") or None,
                              encoding=encoding if isinstance(encoding, str) and encoding else None,
                              name=renamed if renamed != Path(str(found)).name else ""))
    if not sources:
        raise SessionError(f"{name}: the session lists no versions")
    base = data.get("base", 0)
    base = base if isinstance(base, int) and 0 <= base < len(sources) else 0
    options = data.get("options") if isinstance(data.get("options"), dict) else {}
    dismissed = data.get("dismissed_facts") if isinstance(data.get("dismissed_facts"), list) else []
    return Session(sources, base, options, frozenset(k for k in dismissed if isinstance(k, str)))


def _string(entry: dict, key: str) -> str:
    value = entry.get(key)
    return value if isinstance(value, str) else ""
