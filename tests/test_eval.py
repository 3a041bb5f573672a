"""Alignment quality on the shared gold sets, through the real command (skipped when absent).

Floors sit just under what we measure (benchmarks/quality.py prints the detailed numbers; the README
gives them). ArgRewrite's gold never crosses, so it is scored --in-order (moved links left out).
"""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
COMMAND = f"{sys.executable} -m viewer compare"


def run(*args):
    return subprocess.run([sys.executable, *map(str, args), "--cmd", COMMAND],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


def needs(path: Path):
    return pytest.mark.skipif(not path.exists(), reason="../shared/eval is not here")


pytestmark = pytest.mark.slow  # each runs the scorer over a whole gold set


@needs(EVAL / "seeds")
def test_news_rewrite_seed_gold():
    proc = run(EVAL / "run_span_gold.py", EVAL / "seeds", ROOT.parent / "shared" / "samples" / "xi-moscow",
               "--min-links", "0.98", "--min-omitted", "0.96", "--min-kind", "0.90")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@needs(EVAL / "bible_dev")
def test_translation_gold():
    proc = run(EVAL / "run_span_gold.py", EVAL / "bible_dev", EVAL / "bible_dev",
               "--min-links", "0.89", "--min-omitted", "0.78")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@needs(EVAL / "argrewrite_v2" / "dev.jsonl")
def test_essay_revision_gold():
    proc = run(EVAL / "run_jsonl_gold.py", EVAL / "argrewrite_v2" / "dev.jsonl", "--in-order",
               "--min-f1", "0.97", "--min-omitted", "0.80")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@needs(EVAL / "aesop_gnat" / "dev.jsonl")
def test_retelling_gold():
    proc = run(EVAL / "run_jsonl_gold.py", EVAL / "aesop_gnat" / "dev.jsonl", "--min-f1", "0.57")
    assert proc.returncode == 0, proc.stdout + proc.stderr
