"""One worker for long jobs: a pure call off the GUI thread, with progress, cancel and a job id.

A job is a callable ``fn(progress, cancelled) -> result``. Submitting a job cancels the previous
one; results, progress and failures of any job but the newest are dropped, so a slow, superseded
comparison can never overwrite a newer one. The job never touches a widget: it reports through
Qt signals, which are delivered on the GUI thread.

Each job runs on a daemon thread of its own rather than in a fixed pool: a job stuck in I/O
(a file on a hung network share) cannot hold up the jobs after it, nor keep the process alive
once the window has closed.
"""
from __future__ import annotations

import threading
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from viewer.engine.progress import CancelCheck, Cancelled, Progress

Job = Callable[[Progress, CancelCheck], Any]


class _Relay(QObject):
    """Carries a job's reports from the pool thread to the GUI thread (queued signals)."""

    progress = Signal(int, float, str)
    done = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)


def _run(job_id: int, fn: Job, relay: _Relay, flag: threading.Event) -> None:
    """A job's thread: run it and report how it ended (only through the relay's queued signals)."""
    def progress(fraction: float, message: str = "") -> None:
        if not flag.is_set():
            relay.progress.emit(job_id, float(fraction), message)

    try:
        try:
            result = fn(progress, flag.is_set)
        except Exception as exc:  # noqa: BLE001 - every failure must reach the window, not end silently
            if flag.is_set() or isinstance(exc, Cancelled):
                relay.cancelled.emit(job_id)
            else:
                relay.failed.emit(job_id, "".join(traceback.format_exception_only(exc)).strip()
                                  + "\n\n" + traceback.format_exc())
        else:
            if flag.is_set():
                relay.cancelled.emit(job_id)
            else:
                relay.done.emit(job_id, result)
    except RuntimeError:  # the window (and its relay) went away while this job was stuck
        pass


class Worker(QObject):
    """Runs one job at a time for the window; a newer job supersedes an older one."""

    started = Signal(int)
    progress = Signal(int, float, str)      # job id, fraction 0..1, message
    finished = Signal(int, object)          # job id, result (only for the newest job)
    failed = Signal(int, str)               # job id, message
    cancelled = Signal(int)                 # job id (only for the newest job)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._threads: list[threading.Thread] = []
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._relay.cancelled.connect(self._on_cancelled)
        self._last_id = 0
        self._current: int | None = None
        self._flags: dict[int, threading.Event] = {}

    @property
    def busy(self) -> bool:
        """Whether the newest job is still running."""
        return self._current is not None

    def submit(self, fn: Job) -> int:
        """Start ``fn`` off the GUI thread, cancelling any job still running; return its id."""
        self.cancel()
        self._last_id += 1
        job_id = self._last_id
        flag = threading.Event()
        self._flags[job_id] = flag
        self._current = job_id
        self._threads = [t for t in self._threads if t.is_alive()]
        thread = threading.Thread(target=_run, args=(job_id, fn, self._relay, flag),
                                  name=f"storydiff-job-{job_id}", daemon=True)
        self._threads.append(thread)
        thread.start()
        self.started.emit(job_id)
        return job_id

    def cancel(self) -> None:
        """Ask the running job to stop; its result, if any, will be dropped."""
        if self._current is not None:
            self._flags[self._current].set()
            job_id, self._current = self._current, None
            self.cancelled.emit(job_id)

    def wait(self, msecs: int = 5000) -> bool:
        """Block until every started job has returned, or ``msecs`` have passed; True when all returned."""
        deadline = time.monotonic() + msecs / 1000
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._threads = [t for t in self._threads if t.is_alive()]
        return not self._threads

    def shutdown(self, msecs: int = 3000) -> None:
        """Cancel every job and give them ``msecs`` to wind down; a stuck one is left behind (a daemon)."""
        for flag in self._flags.values():
            flag.set()
        self._current = None
        self.wait(msecs)

    # Reports arrive here on the GUI thread; anything from a superseded job is dropped.
    def _on_progress(self, job_id: int, fraction: float, message: str) -> None:
        if job_id == self._current:
            self.progress.emit(job_id, fraction, message)

    def _on_done(self, job_id: int, result: object) -> None:
        self._flags.pop(job_id, None)
        if job_id == self._current:
            self._current = None
            self.finished.emit(job_id, result)

    def _on_failed(self, job_id: int, message: str) -> None:
        self._flags.pop(job_id, None)
        if job_id == self._current:
            self._current = None
            self.failed.emit(job_id, message)

    def _on_cancelled(self, job_id: int) -> None:
        self._flags.pop(job_id, None)
