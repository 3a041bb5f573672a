"""The window's long job as a pure function: load what is not loaded yet, compare, and build the grid.

No Qt here: the worker runs :func:`load_and_compare` on a pool thread and hands the
:class:`Outcome` back to the GUI thread.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from viewer.engine import fetch, loading, pipeline
from viewer.engine.model import Comparison, Version
from viewer.engine.params import Params
from viewer.engine.progress import Cancelled
from viewer.report.grid import Grid


@dataclass(eq=False)
class Source:
    """Where one version comes from: a file, pasted text or HTML, or a web address. Compared by identity."""

    path: str | None = None
    text: str | None = None
    name: str = ""
    expected_sha256: str | None = None  # set when reopened from a session
    encoding: str | None = None  # chosen by the user; None: detected
    url: str | None = None  # a web address: fetched once, then read from ``data``
    data: bytes | None = None  # what the address gave (its snapshot), or HTML pasted from the clipboard
    content_type: str = ""  # the Content-Type of ``data`` (its charset counts when it is read)
    read_at: str = ""  # when ``data`` was fetched

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if self.url:
            return loading.url_name(self.url)
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
    fetched: dict = field(default_factory=dict)  # Source -> fetch.Fetched, for addresses fetched by this job
    grid: Grid | None = None  # the comparison's grid, every cell built (prepared_grid)


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
    """Load one source, never over the network; raises ``loading.LoadError`` for files that cannot be read."""
    if source.path is not None:
        return loading.load_file(source.path, params, encoding=source.encoding)
    if source.data is not None and source.url:
        return loading.load_fetched(snapshot(source), params, name=source.name or None)
    if source.data is not None:  # HTML from the clipboard; its plain text if no article is found
        try:
            return loading.load_bytes(source.data, source.label, params=params, kind="html")
        except loading.LoadError:
            if not (source.text or "").strip():
                raise
    return loading.load_text(source.text or "", source.label, params)


def snapshot(source: Source) -> fetch.Fetched:
    """What a fetched source's address gave, as kept."""
    return fetch.Fetched(source.url or "", source.url or "", source.data or b"", source.content_type, source.read_at)


def load_and_compare(
    sources: list[Source],
    base_source: Source | None,
    params: Params,
    cache: dict,
    progress: Callable[[float, str], None],
    cancelled: Callable[[], bool],
    limit: int | None = None,
    dismissed: frozenset[str] = frozenset(),
) -> Outcome:
    """Load every source not in ``cache``, then compare those that loaded against the base, and
    build the grid the window shows (leaving out the facts ``dismissed``).

    Once ``limit`` versions have loaded, the remaining sources are left out untried: files that
    fail to load do not count against the limit.
    """
    loaded: dict = {}
    ok_sources: list[Source] = []
    versions: list[Version] = []
    errors: list[tuple[Source, str]] = []
    changed: list[Source] = []
    left_out: list[Source] = []
    fetched: dict = {}
    to_load = [s for s in sources if s not in cache]
    for source in sources:
        if limit is not None and len(ok_sources) >= limit:
            left_out.append(source)
            continue
        if cancelled():
            raise Cancelled()
        version = cache.get(source)
        if version is None:
            fetching = source.url is not None and source.data is None
            progress(0.3 * len(loaded) / max(1, len(to_load)), f"{'Fetching' if fetching else 'Loading'} {source.label}")
            try:
                if fetching:  # the one place the viewer goes to the network: an address the user gave
                    fetched[source] = fetch.fetch(source.url, params, cancelled)
                    version = loading.load_fetched(fetched[source], params, name=source.name or None)
                else:
                    version = load_source(source, params)
            except fetch.FetchError as exc:
                if cancelled():
                    raise Cancelled() from None
                errors.append((source, str(exc)))
                continue
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
    grid = prepared_grid(comparison, dismissed, cancelled) if comparison is not None else None
    return Outcome(ok_sources, versions, base, comparison, errors, changed, loaded, left_out, fetched, grid)


def prepared_grid(comparison: Comparison, dismissed: frozenset[str], cancelled: Callable[[], bool]) -> Grid:
    """The grid of ``comparison`` with every cell and row kind built as the window first shows them:
    the legend, the overview and the row heights read them all (tens of ms, off the GUI thread)."""
    grid = Grid(comparison, dismissed)
    for row in range(grid.row_count):
        if cancelled():
            raise Cancelled()
        for column in range(grid.column_count):
            grid.cell(row, column)  # the base column with the default focus, the view's first
    grid.row_kinds, grid.row_moved  # cached properties: worked out here, not on the GUI thread
    return grid
