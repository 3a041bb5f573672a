"""compare(versions) -> Comparison: align every version to the base, then collate rows."""
from __future__ import annotations

import functools
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone

from viewer.engine.align import align
from viewer.engine.collate import collate
from viewer.engine.embedding import RememberingEmbedder
from viewer.engine.loading import printable, size_problem
from viewer.engine.model import Comparison, Version
from viewer.engine.params import Params
from viewer.engine.progress import CancelCheck, Progress, check_cancelled
from viewer.engine.scoring import Rescorer, embedder_for
from viewer.engine.worddiff import is_coarse

LEXICAL_ONLY = "The semantic model could not be loaded: sentences are matched on shared words only."
NO_TRANSFORMER = ("No sentence-transformer could be used (it needs storydiff[semantic] or STORYDIFF_TRANSFORMER, "
                  "and the semantic model): uncertain pairs were not re-scored.")


class TooLarge(ValueError):
    """Raised by compare() before any work when a version is larger than ``Params`` allows."""


def coarse_note(count: int) -> str:
    """The note for links whose word differences were shown coarsely (worddiff.anchored_diff)."""
    sentences = "one very long sentence" if count == 1 else f"{count} very long sentences"
    return f"Word differences inside {sentences} are shown coarsely: parts of them are marked as replaced whole."


def compare(
    versions: Sequence[Version],
    params: Params = Params(),
    base: int = 0,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Comparison:
    """Align each version to ``versions[base]`` and collate all of them into rows."""
    with without_cycle_collection():
        return _compare(tuple(versions), params, base, progress, cancelled)


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused for a stretch of work, then restored as it was.

    A comparison makes millions of small objects and no reference cycles: on a 10k-sentence pair
    the collector's passes over them took ~10 % of the time and freed nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compare(versions: tuple[Version, ...], params: Params, base: int, progress: Progress | None,
             cancelled: CancelCheck | None) -> Comparison:
    if len(versions) < 2:
        raise ValueError("compare needs at least two versions")
    if not 0 <= base < len(versions):
        raise ValueError(f"base {base} is not one of the {len(versions)} versions")
    for version in versions:
        check_size(version, params)
    others = [v for v in range(len(versions)) if v != base]
    embedder = embedder_for(params)
    if embedder is not None:
        embedder = RememberingEmbedder(embedder)
    notes = [LEXICAL_ONLY] if params.semantic and embedder is None else []
    # The transformer's weights were fitted on top of the static model's evidence.
    rescorer = rescorer_for(params, progress) if embedder is not None else None
    if params.transformer and rescorer is None:
        notes.append(NO_TRANSFORMER)
    pairs = []
    for done, other in enumerate(others):
        check_cancelled(cancelled)
        name = versions[other].name
        steps = None
        if progress is not None:
            progress(done / len(others), f"Aligning {name}")
            steps = functools.partial(_within, progress, done, len(others), name)
        pairs.append(align(versions[base], versions[other], params, (base, other), cancelled, embedder,
                           rescorer, steps))
    coarse = sum(is_coarse(link.ops) for pair in pairs for link in pair.links)
    if coarse:
        notes.append(coarse_note(coarse))
    if progress is not None:
        progress(1.0, "Collating")
    rows = collate(versions, base, pairs, params, embedder)
    return Comparison(versions=versions, base=base, pairs=tuple(pairs), rows=rows, notes=tuple(notes),
                      params=params, semantic_model=embedder is not None,
                      compared_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))


def _within(progress: Progress, done: int, count: int, name: str, fraction: float, what: str) -> None:
    """Progress of one alignment (``what`` of version ``name``) as progress of the whole comparison."""
    progress((done + fraction) / count, f"{what} {name}")


def check_size(version: Version, params: Params) -> None:
    """Raise ``TooLarge`` when a version holds more text or sentences than a comparison may take."""
    problem = size_problem(version.text, version.sentences, params)
    if problem:
        raise TooLarge(f"{printable(version.name)}: {problem}")


def rescorer_for(params: Params, progress: Progress | None = None) -> Rescorer | None:
    """The optional full transformer (storydiff[semantic]) as a re-scorer, when installed and asked for."""
    if not params.transformer:
        return None
    from viewer.engine.transformer import default_transformer, find_transformer, rescore

    if find_transformer() is None:
        return None
    if progress is not None:
        progress(0.0, "Loading the sentence-transformer")
    encoder = default_transformer()
    return None if encoder is None else functools.partial(rescore, encoder=encoder)
