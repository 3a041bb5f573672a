"""The one way storydiff writes a file: never onto an input, and never half a file.

Every writer (reports, sessions, PDF, the CLI's ``-o``) passes the paths it read from. A target
that is one of them, by any route (the same path, ``..``, a symlink, a hard link), is refused
with the reason and a free name to use instead. The file is written beside the target under a
temporary name and renamed over it, so a failed write leaves any earlier file whole.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from viewer.engine.loading import printable

PathLike = str | os.PathLike


class OutputRefused(OSError):
    """A write that would change an input; ``suggestion`` is a free name beside it."""

    def __init__(self, path: PathLike, suggestion: Path):
        self.path = str(path)
        self.suggestion = suggestion
        super().__init__(
            f"{printable(Path(path).name)}: is one of the versions being compared, and storydiff never "
            f"writes to its inputs; save as {printable(suggestion.name)} instead"
        )


def is_input(target: PathLike, inputs: Iterable[PathLike | None]) -> bool:
    """True when writing ``target`` would change one of ``inputs``."""
    return any(_same_file(Path(target), Path(p)) for p in inputs if p)


def check_output(target: PathLike, inputs: Iterable[PathLike | None]) -> None:
    """Raise OutputRefused when ``target`` is one of ``inputs``."""
    inputs = [p for p in inputs if p]
    if is_input(target, inputs):
        raise OutputRefused(target, free_name(target, inputs))


def free_name(target: PathLike, inputs: Iterable[PathLike | None]) -> Path:
    """A name beside ``target`` that is neither an input nor an existing file: ``a-report.json``, ``a-report-2.json``…"""
    target = Path(target)
    inputs = [p for p in inputs if p]
    for n in range(1, 1000):
        candidate = target.with_name(f"{target.stem}-report{'' if n == 1 else f'-{n}'}{target.suffix}")
        if not candidate.exists() and not is_input(candidate, inputs):
            return candidate
    return target.with_name(f"{target.stem}-report-{os.getpid()}{target.suffix}")


def write_text(target: PathLike, text: str, inputs: Iterable[PathLike | None]) -> None:
    """Write ``text`` as UTF-8 to ``target``, unless it is an input; line ends as they are in ``text``
    (a CSV's CRLF stays CRLF on every system)."""

    def write(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8", newline="") as stream:
            # A piece at a time: a long report's encoded bytes all at once would be a second copy of it.
            for start in range(0, len(text), _WRITE_CHARS):
                stream.write(text[start:start + _WRITE_CHARS])

    write_with(target, write, inputs)


_WRITE_CHARS = 1 << 20


def write_with(target: PathLike, write: Callable[[str], None], inputs: Iterable[PathLike | None]) -> None:
    """Let ``write(path)`` fill a temporary file beside ``target``, then put it in place.

    For writers that insist on a path of their own (Qt's PDF printer).
    """
    check_output(target, inputs)
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    import tempfile  # here: only the writers that need a path of their own use it

    handle, temporary = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".part", dir=folder)
    os.close(handle)
    try:
        write(temporary)
        if not os.path.getsize(temporary) and target.suffix.lower() == ".pdf":
            raise OSError(f"{target.name}: nothing was written")
        _keep_mode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _keep_mode(target: Path, temporary: str) -> None:
    """A replaced file keeps its permissions; a new one gets the usual ones (mkstemp makes it 0600)."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(temporary, mode)


def _same_file(x: Path, y: Path) -> bool:
    """Whether ``x`` and ``y`` name one file: the same path, a symlink or a hard link to it."""
    try:
        if x.exists() and y.exists():
            return x.samefile(y)
        return x.resolve() == y.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on older Pythons
        return os.path.abspath(x) == os.path.abspath(y)
