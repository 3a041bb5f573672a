"""The background worker: results arrive on the GUI thread, newer jobs supersede older ones."""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from viewer.engine.progress import Cancelled
from viewer.gui.worker import Worker


def test_result_arrives_on_the_gui_thread(qtbot):
    worker = Worker()
    ran_on = []

    def job(progress, cancelled):
        ran_on.append(QThread.currentThread())
        progress(0.5, "half")
        return 42

    with qtbot.waitSignal(worker.finished, timeout=5000) as blocker:
        job_id = worker.submit(job)
    assert blocker.args == [job_id, 42]
    assert ran_on[0] is not QApplication.instance().thread()
    assert not worker.busy
    worker.shutdown()


def test_a_newer_job_supersedes_an_older_one(qtbot):
    worker = Worker()
    release = threading.Event()
    saw_cancel = []
    results = []
    worker.finished.connect(lambda job_id, result: results.append(result))

    def slow(progress, cancelled):
        release.wait(5)
        saw_cancel.append(cancelled())
        return "old"

    first = worker.submit(slow)
    with qtbot.waitSignal(worker.finished, timeout=5000) as blocker:
        second = worker.submit(lambda progress, cancelled: "new")
    assert blocker.args == [second, "new"] and second > first
    with qtbot.assertNotEmitted(worker.finished):
        release.set()
        assert worker.wait(5000)
        QApplication.processEvents()  # the late result is delivered now, and dropped
    assert results == ["new"]
    assert saw_cancel == [True]
    worker.shutdown()


def test_failures_and_cancellation_are_reported(qtbot):
    worker = Worker()
    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.submit(lambda progress, cancelled: 1 / 0)
    assert "ZeroDivisionError" in blocker.args[1]

    started = threading.Event()

    def stoppable(progress, cancelled):
        started.set()
        while not cancelled():
            time.sleep(0.005)
        raise Cancelled()

    got = []
    worker.finished.connect(lambda *a: got.append(a))
    worker.submit(stoppable)
    assert started.wait(5)
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        worker.cancel()
    with qtbot.assertNotEmitted(worker.finished), qtbot.assertNotEmitted(worker.failed):
        assert worker.wait(5000)
        QApplication.processEvents()  # what the stopped job reported is delivered now, and dropped
    assert got == [] and not worker.busy
    worker.shutdown()


def test_the_window_stays_responsive_and_can_cancel(window, qtbot, monkeypatch):
    """A slow comparison runs off the GUI thread; Cancel returns to the previous result."""
    from gui_helpers import DATA, drop
    import viewer.gui.jobs as jobs

    drop(window, [DATA / "pair_a.txt", DATA / "pair_b.txt"], qtbot)
    real = jobs.pipeline.compare
    gate = threading.Event()

    def slow_compare(*args, cancelled=None, **kwargs):
        while not gate.is_set():
            if cancelled():
                raise Cancelled()
            time.sleep(0.005)
        return real(*args, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(jobs.pipeline, "compare", slow_compare)
    window.add_paths([DATA / "plain.txt"])
    qtbot.waitUntil(lambda: window.progress.bar.isVisible(), timeout=3000)
    assert window.progress.cancel_button.isVisible()
    window.progress.cancel_button.click()
    assert not window.progress.bar.isVisible()
    assert window.view.grid_model.columnCount() == 2
    assert [s.label for s in window.document.sources] == ["pair_a.txt", "pair_b.txt"]
    gate.set()
