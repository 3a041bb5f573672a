"""Load a model once per process, even when several worker threads ask at the same time."""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def load_once(loader: Callable[[], T | None]) -> Callable[[], T | None]:
    """Keep the first result of a loader without arguments, behind a lock; has ``cache_clear``.

    A ``None`` (a load that failed) is not kept: a model file that was missing or locked at
    start-up is tried again by the next comparison instead of for the rest of the session.
    """
    lock = threading.Lock()
    kept: list[T] = []

    @functools.wraps(loader)
    def load() -> T | None:
        with lock:
            if not kept:
                value = loader()
                if value is None:
                    return None
                kept.append(value)
            return kept[0]

    def cache_clear() -> None:
        with lock:
            kept.clear()

    load.cache_clear = cache_clear  # type: ignore[attr-defined]
    return load
