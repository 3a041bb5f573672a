"""The comparison document without a window: each request submits the right job, outcomes update it."""
from __future__ import annotations

import hashlib
import threading

import pytest
from PySide6.QtWidgets import QApplication

from viewer.gui import document as document_module
from viewer.gui.document import ComparisonDocument, outcome_messages
from viewer.gui.jobs import Outcome, Source

from gui_helpers import DATA

PAIR = [DATA / "pair_a.txt", DATA / "pair_b.txt"]


@pytest.fixture
def doc(qtbot):
    d = ComparisonDocument({"ignore_case": False}, limit=3)
    yield d
    d.worker.shutdown()


def outcome_of(qtbot, doc, action) -> Outcome:
    """Run ``action`` and wait for the outcome of the job it submits."""
    with qtbot.waitSignal(doc.outcomeReady, timeout=10000) as blocker:
        action()
    return blocker.args[0]


def names(outcome: Outcome) -> list[str]:
    return [v.name for v in outcome.comparison.versions]


@pytest.fixture
def jobs(monkeypatch):
    """Every job the document submits, as (labels of its sources, label of its base); the jobs still run."""
    seen = []
    real = document_module.load_and_compare

    def spy(sources, base_source, params, cache, progress, cancelled, **options):
        seen.append(([s.label for s in sources], base_source.label if base_source else None))
        return real(sources, base_source, params, cache, progress, cancelled, **options)

    monkeypatch.setattr(document_module, "load_and_compare", spy)
    return seen


def test_adding_files_compares_them_against_the_first(qtbot, doc, jobs):
    outcome = outcome_of(qtbot, doc, lambda: doc.add_files(PAIR))
    assert jobs == [(["pair_a.txt", "pair_b.txt"], "pair_a.txt")]
    assert names(outcome) == ["pair_a.txt", "pair_b.txt"] and outcome.comparison.base == 0
    assert doc.shown_sources == doc.sources and doc.shown_base is doc.sources[0]
    assert set(doc.cache) == set(doc.sources)


def test_a_file_already_there_is_not_added_twice(qtbot, doc, jobs):
    outcome_of(qtbot, doc, lambda: doc.add_files(PAIR))
    assert doc.add_files([DATA / ".." / "data" / "pair_a.txt"]) == []
    assert len(jobs) == 1 and not doc.busy


def test_a_file_that_fails_to_load_drops_out(qtbot, doc, jobs, tmp_path):
    outcome = outcome_of(qtbot, doc, lambda: doc.add_files([PAIR[0], tmp_path / "gone.txt", PAIR[1]]))
    assert [s.label for s, _ in outcome.errors] == ["gone.txt"]
    assert [s.label for s in doc.sources] == ["pair_a.txt", "pair_b.txt"]
    assert names(outcome) == ["pair_a.txt", "pair_b.txt"]


def test_base_move_and_remove_each_submit_one_job(qtbot, doc, jobs):
    outcome_of(qtbot, doc, lambda: doc.add_files([*PAIR, DATA / "plain.txt"]))
    outcome = outcome_of(qtbot, doc, lambda: doc.set_base(1))
    assert jobs[-1] == (["pair_a.txt", "pair_b.txt", "plain.txt"], "pair_b.txt")
    assert outcome.comparison.base == 1
    outcome = outcome_of(qtbot, doc, lambda: doc.move(2, 0))
    assert jobs[-1] == (["plain.txt", "pair_a.txt", "pair_b.txt"], "pair_b.txt")
    assert names(outcome) == ["plain.txt", "pair_a.txt", "pair_b.txt"] and outcome.comparison.base == 2
    assert doc.move(0, 0) is False  # already there: no job
    removed = doc.sources[2]
    outcome = outcome_of(qtbot, doc, lambda: doc.remove(2))
    assert jobs[-1] == (["plain.txt", "pair_a.txt"], "plain.txt")  # the base went, the first is the base
    assert names(outcome) == ["plain.txt", "pair_a.txt"] and outcome.comparison.base == 0
    assert len(jobs) == 4
    assert removed not in doc.cache and set(doc.cache) == set(doc.sources)


def test_versions_already_loaded_are_not_read_again(qtbot, doc):
    outcome_of(qtbot, doc, lambda: doc.add_files(PAIR))
    outcome = outcome_of(qtbot, doc, lambda: doc.set_base(1))
    assert outcome.loaded == {}
    outcome = outcome_of(qtbot, doc, lambda: doc.add_files([DATA / "plain.txt"]))
    assert [s.label for s in outcome.loaded] == ["plain.txt"]


def test_an_encoding_replaces_the_source_and_its_cache_entry(qtbot, doc, tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Café owners met on Monday, said Ana Muñoz.\n".encode("cp1252"))
    outcome_of(qtbot, doc, lambda: doc.add_files([PAIR[0], legacy]))
    old = doc.sources[1]
    outcome = outcome_of(qtbot, doc, lambda: doc.set_encoding(1, "cp1251"))
    new = doc.sources[1]
    assert new is not old and old.encoding is None and new.encoding == "cp1251"
    assert outcome.comparison.versions[1].encoding == "cp1251"
    assert old not in doc.cache and new in doc.cache


def test_options_change_the_job_and_are_announced(qtbot, doc):
    announced = []
    doc.optionsChanged.connect(announced.append)
    doc.set_option("ignore_case", True)  # nothing to compare yet: no job
    assert announced == [{"ignore_case": True}] and not doc.busy
    outcome_of(qtbot, doc, lambda: doc.add_files(PAIR))
    doc.set_option("ignore_case", True)  # unchanged: nothing happens
    assert len(announced) == 1 and not doc.busy
    outcome_of(qtbot, doc, lambda: doc.set_option("ignore_case", False))
    assert announced[-1] == {"ignore_case": False} and doc.params().ignore_case is False


def test_a_session_that_changed_is_said_once_and_its_source_replaced(qtbot, doc):
    wrong = Source(path=str(PAIR[1]), expected_sha256="0" * 64)
    right = Source(path=str(PAIR[0]), expected_sha256=hashlib.sha256(PAIR[0].read_bytes()).hexdigest())
    announced = []
    doc.optionsChanged.connect(announced.append)
    outcome = outcome_of(qtbot, doc, lambda: doc.open([right, wrong], 1, {"ignore_case": True, "unknown": True}))
    assert announced == [{"ignore_case": True}]
    assert outcome.changed == [wrong] and outcome.comparison.base == 1
    # The source a job read is never changed: a new one, expecting nothing, takes its place and its version.
    assert wrong.expected_sha256 == "0" * 64
    replaced = doc.sources[1]
    assert replaced is not wrong and replaced.path == wrong.path and replaced.expected_sha256 is None
    assert doc.base_source is replaced and doc.shown_base is replaced
    assert wrong not in doc.cache and doc.cache[replaced] is outcome.loaded[wrong]
    outcome = outcome_of(qtbot, doc, lambda: doc.set_base(0))
    assert outcome.changed == []


def test_a_superseded_job_is_dropped(qtbot, doc, monkeypatch):
    gate = threading.Event()
    real = document_module.load_and_compare
    calls = []

    def gated(sources, base_source, params, cache, progress, cancelled, **options):
        calls.append(len(sources))
        if len(calls) == 1:
            gate.wait(5)  # the first job is still loading when the second is asked for
        return real(sources, base_source, params, cache, progress, lambda: False, **options)

    monkeypatch.setattr(document_module, "load_and_compare", gated)
    doc.add_files(PAIR)
    outcomes = []
    doc.outcomeReady.connect(outcomes.append)
    with qtbot.waitSignal(doc.outcomeReady, timeout=10000):
        doc.add_files([DATA / "plain.txt"])
    with qtbot.assertNotEmitted(doc.outcomeReady):
        gate.set()
        assert doc.worker.wait(5000)
        QApplication.processEvents()  # the first job's late result is delivered now, and dropped
    assert calls == [2, 3]
    assert [names(o) for o in outcomes] == [["pair_a.txt", "pair_b.txt", "plain.txt"]]


def test_cancel_goes_back_to_what_is_shown(qtbot, doc, monkeypatch):
    outcome_of(qtbot, doc, lambda: doc.add_files(PAIR))
    shown = list(doc.sources)
    assert doc.cancel() is False  # nothing running
    gate = threading.Event()
    monkeypatch.setattr(document_module, "load_and_compare", lambda *a, **k: gate.wait(5))
    doc.add_files([DATA / "plain.txt"])
    assert doc.busy and len(doc.sources) == 3
    with qtbot.assertNotEmitted(doc.outcomeReady):
        assert doc.cancel() is True
        gate.set()
        assert doc.worker.wait(5000)
        QApplication.processEvents()
    assert doc.sources == shown and doc.base_source is shown[0]


def test_a_failed_job_is_reported_and_the_sources_go_back(qtbot, doc, monkeypatch):
    outcome_of(qtbot, doc, lambda: doc.add_files(PAIR))
    shown = list(doc.sources)

    def broken(*args, **kwargs):
        raise RuntimeError("the engine broke")

    monkeypatch.setattr(document_module, "load_and_compare", broken)
    with qtbot.waitSignal(doc.failed, timeout=10000) as blocker:
        doc.add_files([DATA / "plain.txt"])
    assert blocker.args[0].startswith("RuntimeError: the engine broke")
    assert doc.sources == shown


def test_closing_and_removing_the_last_version_clear(qtbot, doc):
    outcome_of(qtbot, doc, lambda: doc.add_files(PAIR))
    with qtbot.waitSignal(doc.cleared, timeout=1000):
        doc.close()
    assert doc.sources == [] and doc.shown_sources == [] and doc.base_source is None and doc.cache == {}
    outcome = outcome_of(qtbot, doc, lambda: doc.add_files(PAIR[:1]))
    assert outcome.comparison is None and len(outcome.versions) == 1
    with qtbot.waitSignal(doc.cleared, timeout=1000):
        doc.remove(0)
    assert not doc.busy


def test_pasted_text_is_numbered_and_the_limit_counts_sources(qtbot, doc):
    outcome = outcome_of(qtbot, doc, lambda: doc.add_text("The council met on Tuesday."))
    assert [s.label for s in doc.sources] == ["Pasted text 1"] and outcome.comparison is None
    outcome = outcome_of(qtbot, doc, lambda: doc.add_text("The council met on Monday."))
    assert names(outcome) == ["Pasted text 1", "Pasted text 2"]
    assert not doc.full
    outcome = outcome_of(qtbot, doc, lambda: doc.add_files(PAIR))
    assert doc.full and [s.label for s in outcome.left_out] == ["pair_b.txt"]
    assert [s.label for s in doc.sources] == ["Pasted text 1", "Pasted text 2", "pair_a.txt"]


def test_outcome_messages_name_every_problem():
    a, b, c = Source(path="/x/a.txt"), Source(path="/x/<b>.txt"), Source(text="x", name="Clip")
    outcome = Outcome([a], [], 0, None, errors=[(b, "<b>.txt: is empty")], changed=[a], left_out=[c])
    messages = outcome_messages(outcome, ["<b>dir</b>: this folder holds no .txt, .md or .html files"], limit=4)
    assert [level for _, level in messages] == ["warning", "error", "warning", "warning"]
    html = [text for text, _ in messages]
    assert html[0] == ("<b>Some files were not added:</b><ul style='margin:0'>"
                       "<li><b>dir</b>: this folder holds no .txt, .md or .html files</li></ul>")
    assert html[1] == "<b>This file could not be opened:</b><ul style='margin:0'><li>&lt;b&gt;.txt: is empty</li></ul>"
    assert html[2] == ("<b>Only 4 versions fit side by side; 1 more were not added:</b>"
                       "<ul style='margin:0'><li>Clip</li></ul>")
    assert html[3] == ("<b>Changed since the session was saved (shown as they are now):</b>"
                       "<ul style='margin:0'><li>a.txt</li></ul>")
    assert outcome_messages(Outcome([], [], 0, None), []) == []
