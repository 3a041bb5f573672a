"""The shipped static embedding model: offline loading, output shape and a sense of meaning."""
from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from viewer.engine import embedding
from viewer.engine.embedding import StaticEmbedder, default_model, load_model, model_dir


@pytest.fixture(scope="module")
def model() -> StaticEmbedder:
    loaded = load_model()
    assert loaded is not None
    return loaded


def test_shipped_files_exist():
    folder = model_dir()
    for name in ("config.json", "tokenizer.json", "embeddings.npy", "LICENSE", "NOTICE"):
        assert folder.joinpath(name).is_file(), name


def test_loads_offline(no_network):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loaded = load_model()
    assert isinstance(loaded, StaticEmbedder)
    assert loaded.encode(["The fire destroyed 141 homes."]).shape == (1, loaded.dims)


def test_import_is_cheap():
    # tokenizers is imported by load_model only, not by importing the module.
    code = "import sys, viewer.engine.embedding; print('tokenizers' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "False"


def test_runtime_needs_only_numpy_and_tokenizers():
    code = (
        "import sys; from viewer.engine.embedding import load_model; load_model().encode(['x']); "
        "print(sorted(m for m in ('huggingface_hub', 'model2vec', 'torch', 'transformers') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "[]"


def test_encode_shape_dtype_and_norm(model):
    vectors = model.encode(["Officials said the death toll had risen to 12.", "Schools will stay closed.", "Rain."])
    assert vectors.shape == (3, 256)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_encode_empty_inputs(model):
    assert model.encode([]).shape == (0, model.dims)
    # No token at all: a zero row rather than NaN.
    vectors = model.encode(["", "   ", "Rain fell."])
    assert not np.isnan(vectors).any()
    assert np.all(vectors[:2] == 0)
    assert np.linalg.norm(vectors[2]) == pytest.approx(1.0, abs=1e-5)


def test_encode_is_batch_independent(model):
    sentences = ["The blaze burned 141 houses.", "A spokesperson declined to comment.", "Xi met Biden."]
    together = model.encode(sentences)
    alone = np.vstack([model.encode([s]) for s in sentences])
    np.testing.assert_allclose(together, alone, atol=1e-6)


def test_encode_rejects_a_bare_string(model):
    with pytest.raises(TypeError):
        model.encode("one sentence")


def test_paraphrase_scores_higher_than_unrelated(model):
    base, paraphrase, unrelated = model.encode([
        "The fire destroyed 141 homes in the valley on Monday.",
        "On Monday the blaze burned down 141 houses in the valley.",
        "Firefighters said strong winds were expected to ease by the weekend.",
    ])
    assert base @ paraphrase > 0.8
    assert base @ paraphrase > base @ unrelated + 0.3


def test_missing_model_returns_none_with_warning(tmp_path):
    with pytest.warns(RuntimeWarning, match="semantic model unavailable"):
        assert load_model(tmp_path / "nowhere") is None


def test_broken_model_returns_none_with_warning(tmp_path):
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(model_dir().joinpath(name), tmp_path / name)
    np.save(tmp_path / "embeddings.npy", np.zeros((10, 256), dtype=np.float16))
    with pytest.warns(RuntimeWarning, match="does not fit"):
        assert load_model(tmp_path) is None


def test_default_model_loads_once():
    embedding.default_model.cache_clear()
    first = default_model()
    assert first is not None
    assert default_model() is first


def test_rows_become_float32_as_their_tokens_are_met():
    sentences = ["The fire destroyed 141 homes.", "Xi met Putin in Moscow on Monday.", "Rain."]
    lazy = load_model()
    assert not lazy._converted.any() and not lazy.vectors.any()
    vectors = lazy.encode(sentences)
    used = sorted({i for ids in lazy.tokenize(sentences) for i in ids})
    assert np.flatnonzero(lazy._converted).tolist() == used
    # The same vectors, to the bit, as from the whole table converted up front.
    whole = load_model()
    whole.vectors[:] = np.load(model_dir().joinpath("embeddings.npy")).astype(np.float32)
    whole._converted[:] = True
    assert np.array_equal(lazy.vectors[used], whole.vectors[used])
    assert np.array_equal(vectors, whole.encode(sentences))
    assert np.array_equal(lazy.encode(sentences[::-1]), whole.encode(sentences[::-1]))


def test_remembering_embedder_gives_the_models_rows_and_encodes_each_sentence_once(model):
    calls = []

    class Counting:
        dims = model.dims

        def encode(self, sentences):
            calls.append(list(sentences))
            return model.encode(sentences)

    remembering = embedding.RememberingEmbedder(Counting())
    first = remembering.encode(["The ferry sank.", "Two were rescued."])
    assert np.array_equal(first, model.encode(["The ferry sank.", "Two were rescued."]))
    assert not first.flags.writeable  # its rows are remembered: nobody may change them
    again = remembering.encode(["Two were rescued.", "A third swam ashore.", "Two were rescued."])
    assert np.array_equal(again, model.encode(["Two were rescued.", "A third swam ashore.", "Two were rescued."]))
    assert calls == [["The ferry sank.", "Two were rescued."], ["A third swam ashore."]]
    assert remembering.encode([]).shape == (0, model.dims)
