"""Session files: round trip, moved folders, files that are not sessions."""
from __future__ import annotations

import json
import shutil

import pytest

from viewer.gui.jobs import Source
from viewer.gui.session import SessionError, load_session, save_session


def test_round_trip_with_pasted_text(tmp_path):
    story = tmp_path / "a.txt"
    story.write_text("One. Two.")
    sources = [Source(path=str(story)), Source(text="Pasted words.", name="Clipboard")]
    save_session(tmp_path / "s.storydiff", sources, ["abc", "def"], 1, {"ignore_case": True})
    session = load_session(tmp_path / "s.storydiff")
    assert session.base == 1 and session.options == {"ignore_case": True}
    assert session.sources[0].path == str(story.resolve()) and session.sources[0].expected_sha256 == "abc"
    assert session.sources[1].text == "Pasted words." and session.sources[1].label == "Clipboard"


def test_a_moved_folder_still_opens(tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.txt").write_text("One.")
    save_session(folder / "s.storydiff", [Source(path=str(folder / "a.txt"))], ["x"], 0, {})
    shutil.move(folder, tmp_path / "moved")
    session = load_session(tmp_path / "moved" / "s.storydiff")
    assert session.sources[0].path == str(tmp_path / "moved" / "a.txt")


@pytest.mark.parametrize("content", ["not json", json.dumps({"format": "other"}),
                                     json.dumps({"format": "storydiff-session", "versions": []})])
def test_not_a_session(tmp_path, content):
    path = tmp_path / "bad.storydiff"
    path.write_text(content)
    with pytest.raises(SessionError, match="bad.storydiff"):
        load_session(path)


def test_a_broken_session_shows_a_message(window, tmp_path):
    path = tmp_path / "bad.storydiff"
    path.write_text("{")
    assert window.files.open_session(str(path)) is False
    assert window.message_bar.isVisible() and "bad.storydiff" in window.message_bar.text()


def test_a_chosen_encoding_survives_the_round_trip(tmp_path):
    story = tmp_path / "a.txt"
    story.write_bytes("Café.".encode("cp1252"))
    save_session(tmp_path / "s.storydiff", [Source(path=str(story), encoding="cp1250"), Source(path=str(story))],
                 ["x", "y"], 0, {})
    session = load_session(tmp_path / "s.storydiff")
    assert [s.encoding for s in session.sources] == ["cp1250", None]


def test_a_session_is_never_saved_over_one_of_its_versions(tmp_path):
    story = tmp_path / "a.txt"
    story.write_text("One.")
    with pytest.raises(OSError, match="never writes to its inputs"):
        save_session(story, [Source(path=str(story))], ["x"], 0, {})
    assert story.read_text() == "One."


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_not_read_as_a_session(tmp_path):
    import os

    pipe = tmp_path / "pipe.storydiff"
    os.mkfifo(pipe)
    with pytest.raises(SessionError, match="pipe.storydiff: not a session file, not even a regular file"):
        load_session(pipe)


def test_dismissed_facts_survive_the_round_trip(tmp_path):
    story = tmp_path / "a.txt"
    story.write_text("One. Two.")
    keys = {'["b.txt",[0],[0],"number","40","60"]', '["b.txt",[1],[1],"name","Smith","Smyth"]'}
    save_session(tmp_path / "s.storydiff", [Source(path=str(story))], ["x"], 0, {}, keys)
    assert load_session(tmp_path / "s.storydiff").dismissed == keys
    save_session(tmp_path / "none.storydiff", [Source(path=str(story))], ["x"], 0, {})
    assert load_session(tmp_path / "none.storydiff").dismissed == frozenset()


def test_a_session_without_dismissals_or_with_odd_ones_opens(tmp_path):
    story = tmp_path / "a.txt"
    story.write_text("One.")
    for value, expected in ((None, frozenset()), ("not a list", frozenset()), (["k", 3, None], {"k"})):
        data = {"format": "storydiff-session", "versions": [{"path": str(story)}]}
        if value is not None:
            data["dismissed_facts"] = value
        (tmp_path / "s.storydiff").write_text(json.dumps(data))
        assert load_session(tmp_path / "s.storydiff").dismissed == expected
