"""Models load once per process, even when worker threads ask together."""
import threading
import time

from viewer.engine.once import load_once


def test_threads_asking_together_load_once_and_share_the_result():
    calls = []

    @load_once
    def load():
        calls.append(1)
        time.sleep(0.05)
        return object()

    results = []
    threads = [threading.Thread(target=lambda: results.append(load())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len({id(r) for r in results}) == 1
    load.cache_clear()
    load()
    assert len(calls) == 2


def test_a_failed_load_is_tried_again():
    answers = [None, "model"]

    @load_once
    def load():
        return answers.pop(0)

    assert load() is None
    assert load() == "model"
    assert load() == "model" and answers == []
