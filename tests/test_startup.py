"""Start-up: a small ``storydiff compare`` imports only what it needs (issue 13).

Each test runs the command in a fresh interpreter and reads back the modules it imported; the
speed itself is measured by ``benchmarks/bench_speed.py``, not here.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent

# Run storydiff as ``python -m viewer`` would, then write the names of the imported modules.
_CHILD = """
import json, os, runpy, sys
listing, sys.argv = sys.argv[1], ["storydiff", *sys.argv[2:]]
try:
    runpy.run_module("viewer", run_name="__main__", alter_sys=True)
except SystemExit as done:
    status = done.code
with open(listing, "w") as out:
    json.dump({"status": status, "modules": sorted(sys.modules),
               "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS")}, out)
"""

# Heavy modules that a compare of two plain-text files must not import.
NOT_FOR_PLAIN_TEXT = ("scipy", "trafilatura", "lxml", "charset_normalizer", "PySide6", "sentencex",
                      "mammoth", "pypdfium2", "dask", "distributed", "pyarrow", "torch",
                      "sentence_transformers", "viewer.gui", "viewer.batch", "viewer.engine.transformer",
                      # the version comes from viewer.__version__; dismissed facts alone need the grid
                      "importlib.metadata", "viewer.report.facts_list", "viewer.report.grid",
                      # web addresses alone need these (fetch imports them when it fetches)
                      "urllib.request", "http", "ssl", "email", "socket", "zipfile",
                      # plain np.unique imports it (sparse._sorted_unique stands in); only HTML needs html
                      "numpy.ma", "html")


def run_child(tmp_path, *args, env=None) -> dict:
    listing = tmp_path / "modules.json"
    subprocess.run([sys.executable, "-c", _CHILD, str(listing), *map(str, args)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, env=env)
    found = json.loads(listing.read_text())
    assert found["status"] == 0
    return found


def imported(tmp_path, *args) -> set[str]:
    return set(run_child(tmp_path, *args)["modules"])


def loaded(modules: set[str], package: str) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


def test_a_plain_text_compare_imports_no_heavy_module(tmp_path):
    modules = imported(tmp_path, "compare", DATA / "pair_a.txt", DATA / "pair_b.txt", "--format", "json",
                       "-o", tmp_path / "out.json")
    assert json.loads((tmp_path / "out.json").read_text())["format"] == "storydiff"
    assert [p for p in NOT_FOR_PLAIN_TEXT if loaded(modules, p)] == []
    # What the compare does need was imported: the listing is real.
    assert {"numpy", "tokenizers", "syntok.segmenter", "viewer.engine.align", "viewer.report.json_report"} <= modules
    assert not loaded(modules, "viewer.report.html_report")
    assert not loaded(modules, "viewer.report.text_report")


def test_split_lines_does_not_import_the_sentence_splitter(tmp_path):
    modules = imported(tmp_path, "compare", DATA / "pair_a.txt", DATA / "pair_b.txt", "--split", "lines",
                       "--format", "json", "-o", tmp_path / "out.json")
    assert not loaded(modules, "syntok")
    assert not loaded(modules, "regex")
    assert "viewer.engine.align" in modules


def test_html_input_brings_in_the_html_extractor(tmp_path):
    # The other side of lazy imports: what an input needs is still there when it needs it.
    modules = imported(tmp_path, "compare", DATA / "article.html", DATA / "pair_b.txt", "--format", "json",
                       "-o", tmp_path / "out.json")
    assert loaded(modules, "trafilatura")
    assert not loaded(modules, "scipy")


def test_compare_runs_numpy_on_one_blas_thread_unless_told_otherwise(tmp_path):
    args = ("compare", DATA / "pair_a.txt", DATA / "pair_b.txt", "--format", "json", "-o", tmp_path / "out.json")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert run_child(tmp_path, *args, env=env)["blas_threads"] == "1"
    assert run_child(tmp_path, *args, env=dict(env, OPENBLAS_NUM_THREADS="2"))["blas_threads"] == "2"


def test_version_loads_no_engine(tmp_path):
    modules = imported(tmp_path, "--version")
    assert not loaded(modules, "importlib.metadata")
    assert not loaded(modules, "viewer.engine")
    assert not loaded(modules, "numpy")
    assert not loaded(modules, "viewer.engine.pipeline")
    assert not loaded(modules, "PySide6")
