"""Alignment quality on the shared gold sets, through the real command (skipped when absent).

Floors sit just under what we measure (benchmarks/quality.py prints the detailed numbers; the README
gives them). ArgRewrite's gold never crosses, so it is scored --in-order (moved links left out).
The four scorers start together and run side by side: each spends most of its time starting
one storydiff process per document, so on two cores the four take about as long as the longest.
"""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
COMMAND = f"{sys.executable} -m viewer compare"

# Each gold set: what must exist, and the scorer's arguments with their floors.
RUNS = {
    "news rewrite": (EVAL / "seeds", ["run_span_gold.py", EVAL / "seeds", SHARED / "samples" / "xi-moscow",
                                      "--min-links", "0.98", "--min-omitted", "0.96", "--min-kind", "0.90"]),
    "translation": (EVAL / "bible_dev", ["run_span_gold.py", EVAL / "bible_dev", EVAL / "bible_dev",
                                         "--min-links", "0.89", "--min-omitted", "0.78"]),
    "essay revision": (EVAL / "argrewrite_v2" / "dev.jsonl",
                       ["run_jsonl_gold.py", EVAL / "argrewrite_v2" / "dev.jsonl", "--in-order",
                        "--min-f1", "0.97", "--min-omitted", "0.80"]),
    "retelling": (EVAL / "aesop_gnat" / "dev.jsonl",
                  ["run_jsonl_gold.py", EVAL / "aesop_gnat" / "dev.jsonl", "--min-f1", "0.57"]),
}

pytestmark = pytest.mark.slow  # each runs the scorer over a whole gold set


@pytest.fixture(scope="module")
def scorers():
    """The scorer of every gold set that is here, all started at once."""
    started = {}
    for name, (needed, (script, *args)) in RUNS.items():
        if needed.exists():
            started[name] = subprocess.Popen([sys.executable, str(EVAL / script), *map(str, args), "--cmd", COMMAND],
                                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    yield started
    for process in started.values():
        if process.poll() is None:
            process.kill()


@pytest.mark.parametrize("name", list(RUNS))
def test_gold_set_holds_its_floor(scorers, name):
    if name not in scorers:
        pytest.skip("../shared/eval is not here")
    output, _ = scorers[name].communicate(timeout=600)
    assert scorers[name].returncode == 0, output
