"""The open comparison as a document (Meld's melddoc): sources, base, options, loaded versions, the worker.

State is the list of *sources* (files or pasted text) the user asked for, the base among them,
the options, and the facts the reader dismissed as "not a change" (entry keys of
:mod:`viewer.report.facts_list`, which name a fact across recomparisons). Any change submits one job (:func:`jobs.load_and_compare`) to the worker; only
the newest job's outcome is announced, older ones are dropped. A Source is never changed once a
job may read it: a changed one is replaced, and its loaded version moves to the new key.
"""
from __future__ import annotations

import dataclasses
import functools
import os
import threading
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from viewer.engine.embedding import default_model
from viewer.engine.params import Params
from viewer.gui.jobs import Outcome, Source, load_and_compare
from viewer.gui.settings import OPTION_KEYS, Settings
from viewer.gui.worker import Worker

MAX_VERSIONS = 10


class ComparisonDocument(QObject):
    """What is compared and how; emits what became of each request."""

    started = Signal()
    progress = Signal(float, str)       # fraction 0..1, message
    outcomeReady = Signal(object)       # the Outcome of the newest job
    failed = Signal(str)                # the newest job raised: its message and traceback
    cleared = Signal()                  # nothing left to compare
    optionsChanged = Signal(dict)       # the options now in force
    dismissedChanged = Signal(frozenset)  # the keys of the facts dismissed as "not a change"

    def __init__(self, options: dict[str, bool], limit: int = MAX_VERSIONS, parent: QObject | None = None):
        super().__init__(parent)
        self.options = dict(options)
        self.limit = limit
        self.sources: list[Source] = []
        self.base_source: Source | None = None
        self.cache: dict[Source, object] = {}  # Source -> its loaded Version
        # What the newest outcome showed: cancel and failure go back to it, columns index it.
        self.shown_sources: list[Source] = []
        self.shown_base: Source | None = None
        self.dismissed: frozenset[str] = frozenset()
        self._pasted = 0
        self.worker = Worker(self)
        self.worker.started.connect(lambda _: self.started.emit())
        self.worker.progress.connect(lambda _, fraction, message: self.progress.emit(fraction, message))
        self.worker.finished.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)

    # ----------------------------------------------------------------------------- reading
    @property
    def busy(self) -> bool:
        return self.worker.busy

    @property
    def full(self) -> bool:
        return len(self.sources) >= self.limit

    def params(self) -> Params:
        return Settings.params_for(self.options)

    def source_at(self, column: int) -> Source | None:
        """The source shown in column ``column``."""
        return self.shown_sources[column] if 0 <= column < len(self.shown_sources) else None

    def input_paths(self) -> list[str]:
        """Every file being compared or shown: no export or session may be written over one."""
        return [s.path for s in [*self.sources, *self.shown_sources] if s.path]

    # ----------------------------------------------------------------------------- changing
    def add_files(self, files: list[Path]) -> list[Source]:
        """Add the files not already among the sources, and recompare; returns the new sources."""
        known = {os.path.realpath(s.path) for s in self.sources if s.path}
        new = [Source(path=str(f)) for f in files if os.path.realpath(f) not in known]
        if new:
            self._extend(new)
        return new

    def add_text(self, text: str, name: str | None = None) -> Source:
        """Add pasted text as a version, and recompare."""
        self._pasted += 1
        source = Source(text=text, name=name or f"Pasted text {self._pasted}")
        self._extend([source])
        return source

    def add_url(self, url: str) -> Source | None:
        """Add a web address as a version (the next job fetches it), unless it is already one; recompare."""
        url = url.strip()
        if any(s.url == url for s in self.sources):
            return None
        source = Source(url=url)
        self._extend([source])
        return source

    def add_html(self, html: str, text: str = "", name: str | None = None) -> Source:
        """Add HTML from the clipboard as a version (its article; ``text``, the plain text, if none is found)."""
        self._pasted += 1
        source = Source(data=html.encode("utf-8"), content_type="text/html", text=text,
                        name=name or f"Pasted page {self._pasted}")
        self._extend([source])
        return source

    def rename(self, column: int, name: str) -> None:
        """Call version ``column`` ``name`` (kept in the session), and recompare."""
        old = self.source_at(column)
        name = " ".join(name.split())
        if old is None or not name or name == old.label:
            return
        new = dataclasses.replace(old, name=name)
        if old in self.cache:
            self.cache[new] = dataclasses.replace(self.cache.pop(old), name=name)
        self._replace(old, new)
        self.recompute()

    def _extend(self, new: list[Source]) -> None:
        self.sources.extend(new)
        if self.base_source is None:
            self.base_source = self.sources[0]
        self.recompute()

    def open(self, sources: list[Source], base: int, options: dict, dismissed: frozenset[str] = frozenset()) -> None:
        """Start over with ``sources`` (a session): ``base`` indexes them; known ``options`` apply."""
        self.options.update({key: bool(value) for key, value in options.items() if key in OPTION_KEYS})
        self.optionsChanged.emit(dict(self.options))
        self._set_dismissed(frozenset(dismissed))
        self.sources = list(sources)
        self.base_source = self.sources[base]
        self.shown_sources = []
        self.recompute()

    def forget_sources(self) -> None:
        """Drop the sources before new ones are added; what is shown stays until their outcome."""
        self.sources, self.base_source, self.shown_sources = [], None, []
        self._set_dismissed(frozenset())

    def close(self) -> None:
        """Stop, and forget every source and loaded version."""
        self.worker.cancel()
        self.sources, self.base_source, self.shown_sources, self.shown_base = [], None, [], None
        self.cache.clear()
        self._set_dismissed(frozenset())
        self.cleared.emit()

    def set_base(self, column: int) -> None:
        """Compare every other version with version ``column``."""
        source = self.source_at(column)
        if source is None or source is self.base_source:
            return
        self.base_source = source
        self.recompute()

    def move(self, column: int, position: int) -> bool:
        """Move version ``column`` to ``position`` among the columns; True if the order changed."""
        source = self.source_at(column)
        if source is None:
            return False
        order = [s for s in self.sources if s is not source]
        order.insert(max(0, min(position, len(order))), source)
        if order == self.sources:
            return False
        self.sources = order
        self.recompute()
        return True

    def remove(self, column: int) -> None:
        source = self.source_at(column)
        if source is None:
            return
        self.sources = [s for s in self.sources if s is not source]
        if self.base_source is source:
            self.base_source = self.sources[0] if self.sources else None
        self.recompute()

    def set_encoding(self, column: int, encoding: str) -> None:
        """Read one file again with ``encoding`` ("": detect it), and recompare."""
        old = self.source_at(column)
        if old is None or old.path is None or (old.encoding or "") == encoding:
            return
        # A new Source, and no cache entry: the old one keys the file as first read.
        self._replace(old, Source(path=old.path, name=old.name, encoding=encoding or None))
        self.recompute()

    def set_option(self, key: str, value: bool) -> None:
        """Change what counts as identical, and recompare."""
        if self.options.get(key) == bool(value):
            return
        self.options[key] = bool(value)
        self.optionsChanged.emit(dict(self.options))
        if self.sources:
            self.recompute()

    def dismiss(self, keys: list[str], on: bool = True) -> None:
        """Mark the facts ``keys`` as not a change (``on``), or as a change again; no recompare."""
        self._set_dismissed(self.dismissed | set(keys) if on else self.dismissed - set(keys))

    def _set_dismissed(self, keys: frozenset[str]) -> None:
        if keys != self.dismissed:
            self.dismissed = keys
            self.dismissedChanged.emit(keys)

    def _replace(self, old: Source, new: Source) -> None:
        self.sources = [new if s is old else s for s in self.sources]
        if self.base_source is old:
            self.base_source = new

    # ----------------------------------------------------------------------------- the job
    def recompute(self) -> None:
        """Submit the one job that brings the outcome up to the requested state."""
        if not self.sources:
            self.worker.cancel()
            self.cleared.emit()
            return
        job = functools.partial(load_and_compare, list(self.sources), self.base_source, self.params(),
                                dict(self.cache), limit=self.limit, dismissed=self.dismissed)
        self.worker.submit(lambda progress, cancelled: job(progress, cancelled))

    def cancel(self) -> bool:
        """Stop the running job and go back to what is shown; False when none was running."""
        if not self.worker.busy:
            return False
        self.worker.cancel()
        self._restore()
        return True

    def preload_model(self) -> None:
        """Read the semantic model while the user picks files: the first comparison need not wait for it."""
        # The one piece of background work outside the worker: it has no result, progress or cancel,
        # and as a job it would cancel, or be cancelled by, the first comparison. (A whole warm-up
        # comparison was tried: it competes with a comparison asked for at once and made the
        # load-to-view benchmark slower.)
        threading.Thread(target=default_model, name="storydiff-model", daemon=True).start()

    def _restore(self) -> None:
        self.sources = list(self.shown_sources)
        self.base_source = self.shown_base

    def _on_failed(self, job_id: int, message: str) -> None:
        self._restore()
        self.failed.emit(message)

    def _on_done(self, job_id: int, outcome: Outcome) -> None:
        loaded = {**self.cache, **outcome.loaded}
        # Sources that failed to load drop out; the rest keep their order.
        self.sources = list(outcome.sources)
        if self.base_source not in self.sources:
            self.base_source = self.sources[0] if self.sources else None
        # A file changed since its session was saved is shown as it is now: its next source
        # expects nothing. (The old Source may still be read by a job: it is replaced, not changed.)
        for old in outcome.changed:
            if old in self.sources:
                new = dataclasses.replace(old, expected_sha256=None)
                loaded[new] = loaded.pop(old)
                self._replace(old, new)
        # A fetched address keeps what it gave, so a recomparison or a session never fetches it again.
        for old, fetched in outcome.fetched.items():
            if old in self.sources and old in loaded:
                new = dataclasses.replace(old, url=fetched.final_url, data=fetched.data,
                                          content_type=fetched.content_type, read_at=fetched.read_at)
                loaded[new] = loaded.pop(old)
                self._replace(old, new)
        # Only versions still compared are kept.
        self.cache = {s: loaded[s] for s in self.sources if s in loaded}
        self.shown_sources = list(self.sources)
        self.shown_base = self.base_source
        self.outcomeReady.emit(outcome)


def outcome_messages(outcome: Outcome, problems: list[str], limit: int = MAX_VERSIONS) -> list[tuple[str, str]]:
    """What the reader is told with an outcome, as (html, level): files not added or not opened,
    versions over the limit, files changed since their session, guessed encodings, engine notes."""
    messages = []
    if problems:
        messages.append((list_html("Some files were not added:", problems), "warning"))
    if outcome.errors:
        items = [escape(text) for _, text in outcome.errors]
        head = ("This file could not be opened:" if len(items) == 1
                else f"These {len(items)} files could not be opened:")
        tail = " The other versions are loaded." if outcome.versions else ""
        messages.append((list_html(head, items) + tail, "error"))
    if outcome.left_out:
        names = [escape(s.label) for s in outcome.left_out]
        messages.append((list_html(f"Only {limit} versions fit side by side; "
                                   f"{len(names)} more were not added:", names), "warning"))
    if outcome.changed:
        names = [escape(s.label) for s in outcome.changed]
        messages.append((list_html("Changed since the session was saved (shown as they are now):", names), "warning"))
    # How newly read files were decoded, when that was a guess or bytes were replaced.
    for source, version in outcome.loaded.items():
        messages += [(f"<b>{escape(source.label)}</b>: {escape(note)}", "warning") for note in version.notes]
    if outcome.comparison is not None:
        messages += [(escape(note), "warning") for note in outcome.comparison.notes]
    return messages


def list_html(head: str, items: list[str]) -> str:
    return f"<b>{head}</b><ul style='margin:0'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
