"""Offline semantic sentence embeddings from the static model shipped in ``viewer/models/``.

The model is all-MiniLM-L6-v2 distilled by model2vec into one vector per word piece (see
``tools/build_model.py``); a sentence is the mean of its token vectors, as model2vec computes it.
Only numpy and ``tokenizers`` are used, and nothing is ever downloaded.
"""
from __future__ import annotations

import itertools
import json
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from viewer.engine.once import load_once

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from tokenizers import Tokenizer

MODEL_NAME = "minilm-static"
# Texts are tokenised in chunks so a huge call does not hold every encoding at once.
_BATCH = 1024


def model_dir() -> Traversable:
    """The shipped model folder (package data of ``viewer.models``)."""
    # Installed as files beside this package, as usual: importlib.resources (with the zipfile
    # and tempfile it imports) would add 20-40 ms to every command's start-up.
    folder = Path(__file__).resolve().parent.parent / "models" / MODEL_NAME
    if folder.is_dir():
        return folder
    from importlib import resources

    return resources.files("viewer.models").joinpath(MODEL_NAME)


class StaticEmbedder:
    """Sentence encoder: mean of static token vectors, L2-normalised."""

    def __init__(self, vectors: np.ndarray, tokenizer: Tokenizer, config: dict[str, Any]):
        # Sums run on float32 rows: float16 products are slow in numpy and lose precision in sums.
        # A row is converted when a sentence first uses its token (see ``_convert``): converting
        # the whole table took longer than comparing two articles. Rows never converted stay zero.
        self._stored = vectors
        self.vectors = np.zeros(vectors.shape, dtype=np.float32)
        self._converted = np.zeros(len(vectors), dtype=bool)
        self._lock = threading.Lock()
        self.config = dict(config)
        self.normalize = bool(config.get("normalize", True))
        self.max_length: int | None = config.get("max_length", 512)
        median = config.get("median_token_length")
        if median is None:
            median = int(np.median([len(token) for token in tokenizer.get_vocab()]))
        self._max_chars = None if self.max_length is None else self.max_length * int(median)
        self.tokenizer = tokenizer
        # Same settings as model2vec's StaticModel: no batch padding, truncation at max_length
        # tokens, and the unknown token dropped (its vector would only add noise).
        tokenizer.no_padding()
        if self.max_length is None:
            tokenizer.no_truncation()
        else:
            tokenizer.enable_truncation(self.max_length)
        self.unk_id = _unknown_token_id(tokenizer)

    @property
    def dims(self) -> int:
        """Length of one sentence vector."""
        return int(self.vectors.shape[1])

    def tokenize(self, sentences: Sequence[str]) -> list[list[int]]:
        """Token ids of each sentence, without special tokens or the unknown token."""
        texts = list(sentences)
        if self._max_chars is not None:
            # model2vec cuts the text before tokenising; doing the same keeps long inputs equal.
            texts = [text[: self._max_chars] for text in texts]
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        unk = self.unk_id
        if unk is None:
            return [encoding.ids for encoding in encodings]
        return [[i for i in encoding.ids if i != unk] for encoding in encodings]

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """Vectors of ``sentences``: float32, shape (n, dims), rows of unit length.

        A text without any known token (empty, or only unknown symbols) gets a zero row.
        """
        if isinstance(sentences, str):
            raise TypeError("encode takes a sequence of sentences, not one string")
        texts = list(sentences)
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for start in range(0, len(texts), _BATCH):
            ids = self.tokenize(texts[start:start + _BATCH])
            lengths = np.fromiter((len(row) for row in ids), dtype=np.int64, count=len(ids))
            if not lengths.any():
                continue
            self._convert(ids, int(lengths.sum()))
            sums = self._token_sums(ids, lengths)
            filled = lengths > 0
            out[start:start + len(ids)][filled] = sums[filled] / lengths[filled, None]
        if self.normalize:  # a batch at a time (row by row the same): the whole table's squares would double it
            for start in range(0, len(texts), _BATCH):
                block = out[start:start + _BATCH]
                norms = np.linalg.norm(block, axis=1, keepdims=True)
                np.divide(block, norms, out=block, where=norms > 0)
        return out

    def _convert(self, ids: list[list[int]], count: int) -> None:
        """Make the float32 rows of the tokens in ``ids`` ready in ``vectors`` (``count`` ids in all)."""
        wanted = np.fromiter(itertools.chain.from_iterable(ids), dtype=np.int64, count=count)
        with self._lock:  # one model serves every worker thread
            new = wanted[~self._converted[wanted]]
            if len(new):
                self.vectors[new] = self._stored[new]
                self._converted[new] = True

    def _token_sums(self, ids: list[list[int]], lengths: np.ndarray) -> np.ndarray:
        """Per sentence, the sum of its token vectors, added in token order (float32).

        One token position at a time over the sentences that reach it: no (tokens x dims) copy.
        """
        order = np.argsort(-lengths, kind="stable")  # longest first: those reaching a position lead
        sorted_lengths = lengths[order]
        padded = np.zeros((len(ids), int(sorted_lengths[0]) if len(ids) else 0), dtype=np.int64)
        for row, k in enumerate(order):
            padded[row, :lengths[k]] = ids[k]
        sums = np.zeros((len(ids), self.dims), dtype=np.float32)
        reaching = len(ids)
        for position in range(padded.shape[1]):
            while reaching and sorted_lengths[reaching - 1] <= position:
                reaching -= 1
            sums[:reaching] += self.vectors[padded[:reaching, position]]
        out = np.empty_like(sums)
        out[order] = sums
        return out


class RememberingEmbedder:
    """Wraps an embedder so that each distinct sentence is encoded once per comparison.

    The base version is compared with every other version; its sentences need one encoding.
    """

    def __init__(self, embedder: StaticEmbedder):
        self.embedder = embedder
        self.dims = embedder.dims
        self.known: dict[str, np.ndarray] = {}

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        sentences = list(sentences)
        missing = list(dict.fromkeys(s for s in sentences if s not in self.known))
        if missing:
            encoded = self.embedder.encode(missing)
            self.known.update(zip(missing, encoded))
            if missing == sentences:
                # All new and distinct (a first pair): the rows as encoded, without a second table
                # of them (80 MB on a 64k-sentence pair). Read-only: the remembered rows are views of it.
                encoded.flags.writeable = False
                return encoded
        if not sentences:
            return np.zeros((0, self.dims), dtype=np.float32)
        return np.stack([self.known[s] for s in sentences])


def load_model(path: str | Path | Traversable | None = None) -> StaticEmbedder | None:
    """Load the static model from ``path`` (default: the shipped one), or None with a warning."""
    folder = model_dir() if path is None else path
    if isinstance(folder, str):
        folder = Path(folder)
    try:
        # Imported here so that importing this module stays cheap.
        from tokenizers import Tokenizer

        config = json.loads(folder.joinpath("config.json").read_text(encoding="utf-8"))
        tokenizer = Tokenizer.from_str(folder.joinpath("tokenizer.json").read_text(encoding="utf-8"))
        if isinstance(folder, Path):
            # Mapped, not read: only the rows of the tokens a comparison meets come from disk.
            vectors = np.load(folder / "embeddings.npy", mmap_mode="r", allow_pickle=False)
        else:
            # Read from the open file: going through bytes in memory took 8x as long (start-up).
            with folder.joinpath("embeddings.npy").open("rb") as stream:
                vectors = np.load(stream, allow_pickle=False)
        if vectors.ndim != 2 or vectors.shape[0] != tokenizer.get_vocab_size():
            raise ValueError(f"matrix {vectors.shape} does not fit a vocabulary of {tokenizer.get_vocab_size()}")
        if config.get("dims", vectors.shape[1]) != vectors.shape[1]:
            raise ValueError(f"config says {config['dims']} dims, matrix has {vectors.shape[1]}")
        return StaticEmbedder(vectors, tokenizer, config)
    except Exception as exc:  # any unreadable model means: fall back to lexical similarity
        warnings.warn(f"semantic model unavailable at {folder}: {exc}", RuntimeWarning, stacklevel=2)
        return None


@load_once
def default_model() -> StaticEmbedder | None:
    """The shipped model, loaded once per process (None if it cannot be read)."""
    return load_model()


def _unknown_token_id(tokenizer: Tokenizer) -> int | None:
    # WordPiece, BPE and WordLevel name their unknown token; Unigram keeps only its id.
    token = getattr(tokenizer.model, "unk_token", None)
    if token is not None:
        return tokenizer.token_to_id(token)
    return json.loads(tokenizer.to_str())["model"].get("unk_id")
