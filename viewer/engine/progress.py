"""How long engine work reports progress and is stopped; imports nothing from the engine.

Every layer (align, the transformer, the pipeline, the GUI's worker) raises and recognises the
one ``Cancelled`` defined here.
"""
from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]   # fraction 0..1 of the work, and what is being done
CancelCheck = Callable[[], bool]          # true once the caller wants the work stopped


class Cancelled(Exception):
    """Raised by long work whose cancel check turned true."""


def check_cancelled(cancelled: CancelCheck | None) -> None:
    """Raise ``Cancelled`` when ``cancelled()`` is true."""
    if cancelled is not None and cancelled():
        raise Cancelled()
