"""Load a model once per process, even when several worker threads ask at the same time."""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def load_once(loader: Callable[[], T]) -> Callable[[], T]:
    """``functools.cache`` for a loader without arguments, behind a lock; keeps ``cache_clear``."""
    lock = threading.Lock()
    cached = functools.cache(loader)

    @functools.wraps(loader)
    def load() -> T:
        with lock:
            return cached()

    load.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return load
