"""The window's long job as a pure function: load what is not loaded yet, then compare.

No Qt here: the worker runs :func:`load_and_compare` on a pool thread and hands the
:class:`Outcome` back to the GUI thread.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from viewer.engine import loading, pipeline
from viewer.engine.model import Comparison, Version
from viewer.engine.params import Params
from viewer.engine.progress import Cancelled


@dataclass(eq=False)
class Source:
    """Where one version comes from: a file, or pasted text. Compared by identity."""

    path: str | None = None
    text: str | None = None
    name: str = ""
    expected_sha256: str | None = None  # set when reopened from a session
    encoding: str | None = None  # chosen by the user; None: detected

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        return Path(self.path).name if self.path else "Pasted text"


@dataclass
class Outcome:
    """What one job produced: the versions that loaded, the files that failed, the comparison."""

    sources: list[Source]
    versions: list[Version]
    base: int
    comparison: Comparison | None
    errors: list[tuple[Source, str]] = field(default_factory=list)
    changed: list[Source] = field(default_factory=list)
    loaded: dict = field(default_factory=dict)  # Source -> Version, for the window's cache
    left_out: list[Source] = field(default_factory=list)  # not tried: ``limit`` versions had loaded


def file_sha256(path: str) -> str:
    """The sha256 of a file's bytes ("" when it cannot be read)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def version_sha256(version: Version) -> str:
    """The fingerprint a session keeps for a version: the engine's, else the file's bytes."""
    if version.sha256:
        return version.sha256
    if version.path:
        return file_sha256(version.path)
    return hashlib.sha256(version.text.encode("utf-8")).hexdigest()


def load_source(source: Source, params: Params) -> Version:
    """Load one source; raises ``loading.LoadError`` for files that cannot be read."""
    if source.path is not None:
        return loading.load_file(source.path, params, encoding=source.encoding)
    return loading.load_text(source.text or "", source.label, params)


def load_and_compare(
    sources: list[Source],
    base_source: Source | None,
    params: Params,
    cache: dict,
    progress: Callable[[float, str], None],
    cancelled: Callable[[], bool],
    limit: int | None = None,
) -> Outcome:
    """Load every source not in ``cache``, then compare those that loaded against the base.

    Once ``limit`` versions have loaded, the remaining sources are left out untried: files that
    fail to load do not count against the limit.
    """
    loaded: dict = {}
    ok_sources: list[Source] = []
    versions: list[Version] = []
    errors: list[tuple[Source, str]] = []
    changed: list[Source] = []
    left_out: list[Source] = []
    to_load = [s for s in sources if s not in cache]
    for source in sources:
        if limit is not None and len(ok_sources) >= limit:
            left_out.append(source)
            continue
        if cancelled():
            raise Cancelled()
        version = cache.get(source)
        if version is None:
            progress(0.3 * len(loaded) / max(1, len(to_load)), f"Loading {source.label}")
            try:
                version = load_source(source, params)
            except loading.LoadError as exc:
                errors.append((source, str(exc)))
                continue
            except (OSError, ValueError, UnicodeError) as exc:
                errors.append((source, f"{source.label}: {exc}"))
                continue
            loaded[source] = version
            if source.expected_sha256 and version_sha256(version) != source.expected_sha256:
                changed.append(source)
        ok_sources.append(source)
        versions.append(version)
    base = ok_sources.index(base_source) if base_source in ok_sources else 0
    comparison = None
    if len(versions) >= 2:
        def scaled(fraction: float, message: str = "") -> None:
            progress(0.3 + 0.7 * fraction, message)

        comparison = pipeline.compare(versions, params, base=base, progress=scaled, cancelled=cancelled)
    progress(1.0, "Done")
    return Outcome(ok_sources, versions, base, comparison, errors, changed, loaded, left_out)
