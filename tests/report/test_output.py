"""The write guard: no writer may replace an input, by any name, and a failed write leaves the old file."""
from __future__ import annotations

import os
import stat

import pytest

from viewer.report import output


@pytest.fixture
def inputs(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("The original.\n", encoding="utf-8")
    b = tmp_path / "sub" / "b.txt"
    b.parent.mkdir()
    b.write_text("Another.\n", encoding="utf-8")
    return a, b


def test_every_name_of_an_input_is_refused(tmp_path, inputs):
    a, b = inputs
    (tmp_path / "link.txt").symlink_to(a)
    os.link(a, tmp_path / "hard.txt")
    for target in (a, tmp_path / "sub" / ".." / "a.txt", tmp_path / "link.txt", tmp_path / "hard.txt",
                   b):
        with pytest.raises(output.OutputRefused) as refusal:
            output.write_text(target, "overwritten", inputs)
        assert "never writes to its inputs" in str(refusal.value) and "\n" not in str(refusal.value)
    assert a.read_text(encoding="utf-8") == "The original.\n"
    assert b.read_text(encoding="utf-8") == "Another.\n"


def test_a_relative_name_of_an_input_is_refused(tmp_path, inputs, monkeypatch):
    monkeypatch.chdir(tmp_path / "sub")
    with pytest.raises(output.OutputRefused):
        output.check_output("../a.txt", inputs)
    output.check_output("../c.txt", inputs)


def test_the_refusal_offers_a_free_name_beside_it(tmp_path, inputs):
    a, _ = inputs
    (tmp_path / "a-report.txt").write_text("taken", encoding="utf-8")
    with pytest.raises(output.OutputRefused) as refusal:
        output.check_output(a, inputs)
    assert refusal.value.suggestion == tmp_path / "a-report-2.txt"
    assert "save as a-report-2.txt instead" in str(refusal.value)


def test_a_newline_in_the_name_stays_on_one_line(tmp_path):
    odd = tmp_path / "two\nlines.txt"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(output.OutputRefused) as refusal:
        output.check_output(odd, [odd])
    assert "\n" not in str(refusal.value) and "two\\nlines.txt" in str(refusal.value)


def test_a_failed_write_leaves_the_earlier_file_whole(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("earlier", encoding="utf-8")

    def half(path):
        with open(path, "w", encoding="utf-8") as f:
            f.write("half a rep")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        output.write_with(target, half, [])
    assert target.read_text(encoding="utf-8") == "earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary left behind


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    output.write_text(target, "new", [])
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.html"
    umask = os.umask(0o022)
    try:
        output.write_text(fresh, "x", [])
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # as a plain write makes it, not mkstemp's 0600


def test_write_text_writes_the_text_as_utf8_bytes_with_its_own_line_ends(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "_WRITE_CHARS", 7)  # many pieces, cut inside "é—“”"
    text = "a,b\r\nç,“quoted”—é\r\nlast line\n" * 3
    target = tmp_path / "report.csv"
    output.write_text(target, text, [])
    assert target.read_bytes() == text.encode("utf-8")
