"""compare(): base choice, progress, cancel, and the engine's independence from Qt."""
import gc
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.engine.loading import load_file
from viewer.engine.model import Kind
from viewer.engine.pipeline import compare
from viewer.engine.progress import Cancelled

SAMPLE = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-fire").glob("*.txt"))


def test_engine_imports_no_qt():
    code = ("import sys, viewer.engine.pipeline, viewer.engine.loading, viewer.cli, viewer.report.json_report, "
            "viewer.report.text_report; print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_pairs_run_from_the_chosen_base_to_the_others_in_order():
    versions = [load_file(p) for p in SAMPLE]
    comparison = compare(versions, base=2)
    assert comparison.base == 2
    assert [(p.a, p.b) for p in comparison.pairs] == [(2, 0), (2, 1), (2, 3)]
    assert comparison.pair_with(2) is None
    assert comparison.pair_with(3).b == 3


def test_sentence_kind_against_the_base():
    versions = [load_file(p) for p in SAMPLE[:2]]
    comparison = compare(versions)
    trimmed = versions[1]
    kinds = [comparison.sentence_kind(1, j) for j in range(len(trimmed.sentences))]
    assert kinds[0] is Kind.FURNITURE  # "Skip to main content"
    assert Kind.IDENTICAL in kinds and Kind.EDITED in kinds
    assert comparison.sentence_kind(0, 0) is None


def test_progress_reports_each_pair_then_collation():
    seen = []
    compare([load_file(p) for p in SAMPLE], progress=lambda share, what: seen.append((round(share, 2), what)))
    assert [s for s, _ in seen] == [0.0, 0.33, 0.67, 1.0]
    assert seen[-1][1] == "Collating"


def test_cancel_stops_the_work():
    with pytest.raises(Cancelled):
        compare([load_file(p) for p in SAMPLE], cancelled=lambda: True)


def test_the_cycle_collector_is_paused_while_comparing_and_restored_after_even_on_cancel():
    collecting = []
    versions = [load_file(p) for p in SAMPLE]
    assert gc.isenabled()
    compare(versions, progress=lambda share, what: collecting.append(gc.isenabled()))
    assert collecting and not any(collecting) and gc.isenabled()
    with pytest.raises(Cancelled):
        compare(versions, cancelled=lambda: True)
    assert gc.isenabled()
    gc.disable()  # a caller that keeps it off finds it off
    try:
        compare(versions)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_needs_two_versions_and_a_valid_base():
    one = load_file(SAMPLE[0])
    with pytest.raises(ValueError, match="at least two"):
        compare([one])
    with pytest.raises(ValueError, match="base 5"):
        compare([one, one], base=5)
