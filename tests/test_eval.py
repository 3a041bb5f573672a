"""Alignment quality on the shared gold sets, through the real command (skipped when absent).

Floors: the seeds at issue 4's targets; ArgRewrite just under what we measure (its gold treats
moved sentences as deleted and added, which we keep as moves; see README "Alignment quality").
benchmarks/quality.py prints the detailed numbers.
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


@pytest.mark.skipif(not (EVAL / "seeds").is_dir(), reason="../shared/eval is not here")
def test_news_rewrite_seed_gold():
    proc = run(EVAL / "run_span_gold.py", EVAL / "seeds", ROOT.parent / "shared" / "samples" / "xi-moscow",
               "--min-links", "0.97", "--min-omitted", "0.95", "--min-kind", "0.90")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(not (EVAL / "argrewrite_v2" / "dev.jsonl").is_file(), reason="../shared/eval is not here")
def test_essay_revision_gold():
    proc = run(EVAL / "run_jsonl_gold.py", EVAL / "argrewrite_v2" / "dev.jsonl", "--min-f1", "0.97",
               "--min-omitted", "0.78")
    assert proc.returncode == 0, proc.stdout + proc.stderr
