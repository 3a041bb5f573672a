"""Decoding bytes honestly: UTF-8 with a few bad bytes, legacy code pages, and a corpus per code page."""
from pathlib import Path

import pytest

from viewer.engine.loading import LoadError, decode, decode_text, load_bytes

CORPUS = Path(__file__).resolve().parent.parent / "data" / "encodings"


def corpus(codec):
    """The texts written for one code page: UTF-8, separated by blank lines."""
    texts = (CORPUS / f"{codec}.txt").read_text(encoding="utf-8").split("\n\n")
    return [text.strip("\n") for text in texts if text.strip()]


def test_clean_utf8_has_no_note():
    assert decode_text("Café “owners”.".encode()) == ("Café “owners”.", "utf-8", "")


def test_utf8_with_a_stray_byte_stays_utf8():
    decoded = decode_text(b"the caf\xc3\xa9 owner said \xff.\n")
    assert decoded.text == "the café owner said \ufffd.\n"
    assert decoded.encoding == "utf-8"
    assert decoded.note == "Read as UTF-8: 1 byte was not valid UTF-8 and shows as \ufffd."


def test_utf8_with_a_few_bad_bytes_among_many_good_ones():
    text = "Le café de la gare a rouvert — à la joie des habitués et des élèves du lycée. " * 3
    decoded = decode_text(text.encode() + b"\x91\x92\xe9")
    assert decoded.text == text + "\ufffd" * 3
    assert decoded.note == "Read as UTF-8: 3 bytes were not valid UTF-8 and show as \ufffd."


@pytest.mark.parametrize("text", ["谢谢。", "是的。"])
def test_legacy_bytes_that_look_like_utf8_in_places_are_not_utf8(text):
    # GB18030 "谢谢。" holds two valid UTF-8 sequences ("лл") beside two bad bytes.
    assert decode_text(text.encode("gb18030")) == (
        text, "gb18030", "Read as GB18030: the file is not UTF-8 and names no encoding.")


@pytest.mark.parametrize(
    "text",
    [
        "The fire cost €2.5 million — the café owner said.\n",
        "He said “no”.",
        "It’s over.",
        "Prices rose 3 % in March… economists had expected 2 %.",
    ],
)
def test_short_windows_1252_texts(text):
    assert decode_text(text.encode("cp1252")) == (
        text, "cp1252", "Read as Windows-1252 (cp1252): the file is not UTF-8 and names no encoding.")


def test_central_european_letters_choose_windows_1250():
    assert decode_text("Kraków wygrał 2:1.".encode("cp1250")).encoding == "cp1250"
    # Letters both code pages hold the same way stay Windows-1252.
    assert decode_text("Két ember megsérült.".encode("cp1250")).encoding == "cp1252"


@pytest.mark.parametrize(
    "text, codec", [("Да.", "cp1251"), ("Нет.", "koi8-r"), ("東京。", "shift_jis"), ("北京。", "gb18030")]
)
def test_two_letter_texts_in_other_scripts(text, codec):
    assert decode_text(text.encode(codec))[:2] == (text, codec)


def test_binary_without_zero_bytes_is_refused():
    data = bytes((k * 37) % 255 + 1 for k in range(4000))
    with pytest.raises(LoadError, match="^input: looks like a binary file, not text$"):
        decode(data)


def test_the_charset_an_html_page_names_is_used():
    page = ('<html><head><meta charset="windows-1251"><title>Мост</title></head><body><article><p>'
            "Мэр Москвы заявил, что новый мост откроют в сентябре. Работы начнутся весной."
            "</p></article></body></html>")
    version = load_bytes(page.encode("cp1251"), "page.html")
    assert (version.encoding, version.notes) == ("cp1251", ())
    assert "новый мост" in version.text
    # A page that names the wrong one is read as what it is, with a note.
    version = load_bytes(page.replace("windows-1251", "koi8-r").encode("cp1251"), "page.html")
    assert version.encoding == "cp1251" and "новый мост" in version.text
    assert version.notes == (
        "Read as Windows-1251 (cp1251): the file is not UTF-8, and reads badly as the koi8-r it names.",)


@pytest.mark.parametrize(
    "codec", ["cp1252", "latin-1", "cp1250", "cp1251", "koi8-r", "shift_jis", "gb18030"]
)
def test_corpus_decodes_exactly(codec):
    texts = corpus(codec)
    assert len(texts) >= 20
    missed = [(text, got) for text in texts if (got := decode(text.encode(codec))) != text]
    share = 1 - len(missed) / len(texts)
    print(f"{codec}: {len(texts) - len(missed)}/{len(texts)} exact ({share:.0%})")
    assert share >= 0.95, missed
