"""Loading files: encodings, newlines, HTML extraction and every kind of bad input."""
import codecs
import os
import socket
import tempfile
import threading
from pathlib import Path

import pytest

from viewer.engine.loading import (
    CHOOSABLE_ENCODINGS, LoadError, decode, encoding_label, load_bytes, load_file, load_text,
)
from viewer.engine.params import Params

DATA = Path(__file__).resolve().parent.parent / "data"
CAFE = "Café owners met on Monday on Müllerstraße. “We are worried,” said Ana Muñoz"


@pytest.mark.parametrize("name", ["utf8_bom.txt", "utf16.txt", "cp1252.txt", "crlf.txt"])
def test_encodings_decode_to_the_same_text(name):
    version = load_file(DATA / name)
    assert version.text.startswith(CAFE)
    assert "\r" not in version.text and "\ufeff" not in version.text
    assert version.text.endswith("Prices rose 12% — the third rise this year.\n")


def test_latin1_keeps_its_accents():
    version = load_file(DATA / "latin1.txt")
    assert version.text.startswith('Café owners met on Monday on Müllerstraße. "We are worried," said Ana Muñoz')


def test_offsets_index_the_decoded_text():
    version = load_file(DATA / "utf16.txt")
    assert [version.sentence_text(k) for k in range(len(version.sentences))] == [
        "Café owners met on Monday on Müllerstraße.",
        "“We are worried,” said Ana Muñoz, who runs the town’s oldest bakery.",
        "Prices rose 12% — the third rise this year.",
    ]
    assert [s.paragraph for s in version.sentences] == [0, 0, 1]


def test_lone_carriage_returns_become_newlines():
    assert decode(b"One.\rTwo.\r\nThree.") == "One.\nTwo.\nThree."


def test_html_page_gives_headline_and_article_only():
    version = load_file(DATA / "article.html")
    assert version.text.startswith("Keeper's cottage to reopen as museum\n\n")
    assert version.sentence_text(0) == "Keeper's cottage to reopen as museum"
    for chrome in ("Related stories", "cookie", "Copyright", "<script", "function"):
        assert chrome.lower() not in version.text.lower()


def test_html_is_sniffed_without_a_suffix():
    html = (DATA / "article.html").read_bytes()
    version = load_bytes(html, "saved")
    assert version.text.startswith("Keeper's cottage to reopen as museum")


def test_version_records_name_path_and_hash():
    version = load_file(DATA / "plain.txt")
    assert version.name == "plain.txt"
    assert version.path == str(DATA / "plain.txt")
    import hashlib

    assert version.sha256 == hashlib.sha256((DATA / "plain.txt").read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "name, reason",
    [
        ("binary.bin", "binary.bin: looks like a binary file, not text"),
        ("empty.txt", "empty.txt: is empty"),
        ("blank.txt", "blank.txt: is empty"),
        ("missing.txt", "missing.txt: no such file"),
    ],
)
def test_bad_files_raise_one_clear_line(name, reason):
    with pytest.raises(LoadError) as caught:
        load_file(DATA / name)
    assert str(caught.value) == reason
    assert caught.value.path == str(DATA / name)


def test_folder_is_refused():
    with pytest.raises(LoadError, match=r"^data: is a folder, not a file$"):
        load_file(DATA)


def test_file_over_the_limit_is_refused():
    with pytest.raises(LoadError, match=r"^plain.txt: is 0 MB, larger than the 0 MB limit$"):
        load_file(DATA / "plain.txt", Params(max_file_bytes=10))


def test_unreadable_file_is_refused(tmp_path, monkeypatch):
    target = tmp_path / "locked.txt"
    target.write_text("Some text.", encoding="utf-8")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", deny)  # chmod would not stop root
    with pytest.raises(LoadError, match=r"^locked.txt: cannot be read: permission denied$"):
        load_file(target)


def test_pasted_text():
    version = load_text("First line.\r\nSecond one here.", "Pasted 1")
    assert version.text == "First line.\nSecond one here."
    assert version.path is None
    assert [version.sentence_text(k) for k in range(2)] == ["First line.", "Second one here."]
    with pytest.raises(LoadError, match="^Pasted 2: is empty$"):
        load_text("  \n ", "Pasted 2")


def test_loading_never_writes(tmp_path):
    source = tmp_path / "story.txt"
    source.write_bytes(b"A story.\r\nWith CRLF.\r\n")
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    load_file(source)
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(codec):
    text = "Caf\u00e9 \u201cquotes\u201d and a line.\r\nSecond line.\n"
    assert decode(text.encode(codec)) == "Caf\u00e9 \u201cquotes\u201d and a line.\nSecond line.\n"


def test_zero_bytes_scattered_through_data_are_still_binary():
    data = bytes((k * 37) % 256 for k in range(4000))
    with pytest.raises(LoadError, match="binary"):
        decode(data)


def _load_in_thread(path):
    """load_file(path) in a thread: its result or error, or None if it is still blocked after 10 s."""
    outcome = []

    def run():
        try:
            outcome.append(load_file(path))
        except Exception as error:  # noqa: BLE001 -- handed to the test
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    return outcome[0] if outcome else None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_opening_it(tmp_path):
    pipe = tmp_path / "p.txt"
    os.mkfifo(pipe)
    outcome = _load_in_thread(pipe)
    if outcome is None:  # blocked in open(): free it before failing
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    assert isinstance(outcome, LoadError) and str(outcome) == "p.txt: is a named pipe (FIFO), not a file"


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_device_is_refused():
    # /dev/zero is refused the same way, before it is read without end.
    with pytest.raises(LoadError, match="^null: is a device, not a file$"):
        load_file("/dev/null")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_socket_is_refused():
    with tempfile.TemporaryDirectory() as folder:  # short: socket paths are limited to ~100 bytes
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(os.path.join(folder, "s.txt"))
            with pytest.raises(LoadError, match="^s.txt: is a socket, not a file$"):
                load_file(os.path.join(folder, "s.txt"))


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="no /proc here")
def test_a_file_whose_size_lies_is_read_only_to_the_limit():
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(LoadError, match="^status: is larger than the 0 MB limit$"):
        load_file("/proc/self/status", Params(max_file_bytes=100))


def test_symlink_loop_and_dangling_link(tmp_path):
    loop, dangling = tmp_path / "loop.txt", tmp_path / "gone.txt"
    try:
        loop.symlink_to(loop)
        dangling.symlink_to(tmp_path / "missing.txt")
    except OSError:
        pytest.skip("no symlinks here")
    with pytest.raises(LoadError, match="^loop.txt: is a symlink loop$"):
        load_file(loop)
    with pytest.raises(LoadError, match="^gone.txt: is a link to a missing file$"):
        load_file(dangling)


@pytest.mark.parametrize(
    "name, shown",
    [("two\nlines.txt", r"two\nlines.txt"), ("esc\x1b[2J.txt", r"esc\x1b[2J.txt"), ("sep\u2028.txt", r"sep\u2028.txt")],
)
def test_error_messages_stay_one_line_whatever_the_file_name(tmp_path, name, shown):
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path / name)
    assert str(caught.value) == f"{shown}: no such file"
    assert caught.value.path == str(tmp_path / name)


def test_unpaired_surrogates_in_pasted_text_show_as_replacement_characters():
    version = load_text("The mayor\ud800 spoke.", "Pasted 1")
    assert version.text == "The mayor\ufffd spoke."
    assert version.notes == ("1 character was broken (an unpaired surrogate) and shows as \ufffd.",)


def _nested_page(depth):
    paragraph = ("The council voted on Tuesday to close the old harbour bridge for repairs, after engineers "
                 "found cracks in two of its supports. The work will take six months, officials said.")
    return ("<html><head><title>Bridge to close</title></head><body>" + "<div>" * depth
            + f"<article><p>{paragraph}</p></article>" + "</div>" * depth + "</body></html>").encode()


def test_deeply_nested_html_loads():
    # libxml2 stops at 256 levels unless asked for huge documents.
    version = load_bytes(_nested_page(300), "deep.html")
    assert version.text.startswith("Bridge to close\n\nThe council voted on Tuesday")


def test_html_nested_past_the_parser_limit_is_refused():
    with pytest.raises(LoadError, match="^deeper.html: is nested too deeply to read"):
        load_bytes(_nested_page(2100), "deeper.html")


def test_version_records_encoding_and_notes():
    plain = load_file(DATA / "plain.txt")
    assert (plain.encoding, plain.notes) == ("utf-8", ())
    assert load_file(DATA / "utf16.txt").encoding == "utf-16"
    legacy = load_file(DATA / "cp1252.txt")
    assert legacy.encoding == "cp1252"
    assert legacy.notes == ("Read as Windows-1252 (cp1252): the file is not UTF-8 and names no encoding.",)


def test_chosen_encoding_overrides_detection():
    data = "Señor Muñoz said “no”.".encode("cp1252")
    version = load_bytes(data, "story.txt", encoding="cp1250")
    assert (version.text, version.encoding, version.notes) == ("Seńor Muńoz said “no”.", "cp1250", ())
    version = load_file(DATA / "cp1252.txt", encoding="cp1252")
    assert version.text.startswith(CAFE) and version.notes == ()


def test_chosen_encoding_that_does_not_fit_is_noted():
    version = load_bytes("Café Zoë.".encode("cp1252"), "story.txt", encoding="utf-8")
    assert version.text == "Caf\ufffd Zo\ufffd."
    assert version.notes == ("Read as UTF-8, as chosen: 2 characters do not fit it and show as \ufffd.",)


@pytest.mark.parametrize("name", ["klingon", "base64"])
def test_unknown_encoding_is_refused(name):
    with pytest.raises(LoadError, match=f"^story.txt: unknown encoding {name}$"):
        load_bytes(b"Some text.", "story.txt", encoding=name)


def test_choosable_encodings_are_spelled_as_versions_record_them():
    assert {"utf-8", "cp1252", "iso8859-1", "cp1250", "cp1251", "koi8-r", "shift_jis", "gb18030"} <= set(
        CHOOSABLE_ENCODINGS)
    for name in CHOOSABLE_ENCODINGS:
        assert codecs.lookup(name).name == name
        assert name.lower() in encoding_label(name).lower()


def test_a_version_beyond_the_comparison_limits_is_refused_by_the_loader():
    params = Params(max_sentences=3)
    with pytest.raises(LoadError, match=r"^many: has 4 sentences, more than the 3 a comparison may hold$"):
        load_text("One.\nTwo.\nThree.\nFour.\n", "many", params)
    assert len(load_text("One.\nTwo.\nThree.\n", "few", params).sentences) == 3
    with pytest.raises(LoadError, match=r"^pasted: is larger than the 0 MB limit$"):
        load_text("A pasted text longer than the limit.", "pasted", Params(max_file_bytes=20))
