"""Loading files: encodings, newlines, HTML extraction and every kind of bad input."""
from pathlib import Path

import pytest

from viewer.engine.loading import LoadError, decode, load_bytes, load_file, load_text
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

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
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
