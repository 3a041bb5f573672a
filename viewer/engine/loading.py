"""Turn files, bytes or pasted text into a segmented ``Version``.

Bytes are decoded after a byte-order mark, as UTF-8, or in the most plausible legacy code page
(charset-normalizer proposes, a plausibility score picks); newlines become ``\\n``, and HTML pages
are reduced to their article text by trafilatura; Word and PDF files are read by
:mod:`documents`, web addresses fetched by :mod:`fetch`. Only regular files are read, only up to
the size limit, and only ever for reading.
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from viewer.engine import documents
from viewer.engine.fetch import Fetched, media_kind, now_iso
from viewer.engine.model import Sentence, Version
from viewer.engine.params import Params
from viewer.engine.segment import segment

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".md")
# Every kind of file storydiff reads: what a folder is searched for.
STORY_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + documents.DOCUMENT_SUFFIXES
# The suffixes as a reader names them in a message.
FORMATS_READ = ".txt, .md, .html, .docx, .pdf"
# Encodings a reader may pick by hand, spelled as ``codecs.lookup`` and ``Version.encoding`` spell them.
CHOOSABLE_ENCODINGS = (
    "utf-8", "cp1252", "iso8859-1", "iso8859-15", "cp1250", "cp1251", "koi8-r", "mac-roman",
    "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr", "utf-16",
)
_NAMES = {
    "utf-8": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32": "UTF-32",
    "cp1252": "Windows-1252", "iso8859-1": "Latin-1", "iso8859-15": "Latin-9", "cp1250": "Windows-1250",
    "cp1251": "Windows-1251", "koi8-r": "KOI8-R", "mac-roman": "Mac Roman", "shift_jis": "Shift-JIS",
    "cp932": "Shift-JIS (Windows)", "euc_jp": "EUC-JP", "gb18030": "GB18030", "big5": "Big5",
    "euc_kr": "EUC-KR",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Control characters that never occur in text files (tab, newline, form feed and CR excluded).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# Characters that would break a one-line message or hide its text: controls, line and paragraph
# separators, bidirectional overrides, and the surrogates that undecodable file names carry.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Python's own flags for reading, plus: never block on a pipe swapped in after the check, and
# never make a terminal the controlling one.
_NO_WAIT = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


class LoadError(Exception):
    """A version that cannot be loaded; ``str()`` names the file and the reason in one line."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        # A web address is named whole: its last segment alone says little.
        where = self.path if "://" in self.path else Path(self.path).name
        super().__init__(f"{printable(where)}: {printable(reason)}")


class Decoded(NamedTuple):
    """Decoded text with ``\\n`` newlines, the codec used, and a one-line note if the choice was uncertain."""

    text: str
    encoding: str
    note: str = ""


def printable(text: str) -> str:
    """``text`` with control and other line-breaking characters escaped as Python writes them."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


def megabytes(size: int) -> str:
    """A size for a message: "2 MB", "2.5 MB"."""
    return f"{size / 2**20:.1f}".removesuffix(".0") + " MB"


def size_problem(text: str, sentences: tuple, params: Params) -> str:
    """Why a version is too large to compare (more text or sentences than ``params`` allow), or ""."""
    if len(text) > params.max_file_bytes:  # characters: at least as many bytes
        return f"is larger than the {megabytes(params.max_file_bytes)} limit"
    if len(sentences) > params.max_sentences:
        return f"has {len(sentences):,} sentences, more than the {params.max_sentences:,} a comparison may hold"
    return ""


def encoding_label(encoding: str) -> str:
    """A reader's name for a codec, e.g. "Windows-1252 (cp1252)"."""
    codec = _codec(encoding) or encoding
    name = _NAMES.get(codec)
    return f"{name} ({codec})" if name and name.lower() != codec else name or codec


def load_file(path: str | Path, params: Params = Params(), encoding: str | None = None) -> Version:
    """Read one file (text, Markdown, HTML, Word or PDF) into a segmented Version, or raise LoadError.

    ``encoding`` (a codec name) overrides detection.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    is_document = suffix in documents.DOCUMENT_SUFFIXES
    data = _read_regular_file(path, params.max_document_bytes if is_document else params.max_file_bytes)
    kind = "html" if suffix in HTML_SUFFIXES else "docx" if suffix in documents.DOCX_SUFFIXES \
        else "pdf" if suffix in documents.PDF_SUFFIXES else None
    return load_bytes(data, path.name, path=str(path), params=params, kind=kind, encoding=encoding,
                      read_at=now_iso())


def load_fetched(fetched: Fetched, params: Params = Params(), name: str | None = None) -> Version:
    """The Version of a fetched page or document (or its snapshot): ``url`` and ``read_at`` as fetched."""
    kind = media_kind(fetched.content_type)
    charset = _HEADER_CHARSET.search(fetched.content_type)
    return load_bytes(fetched.data, name or url_name(fetched.final_url), params=params,
                      kind=None if kind == "sniff" else kind, url=fetched.final_url, read_at=fetched.read_at,
                      where=fetched.url, charset=charset.group(1) if charset else None)


_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def url_name(url: str) -> str:
    """A short name for a fetched version: its address without the scheme, query or trailing slash."""
    name = re.sub(r"^https?://(www\.)?", "", url, flags=re.IGNORECASE).split("#", 1)[0].split("?", 1)[0]
    return name.rstrip("/") or url


def _read_regular_file(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file; pipes, devices and sockets are refused unopened."""
    try:
        size = _regular_size(path, os.stat(path))
        if size > limit:
            raise LoadError(path, f"is {megabytes(size)}, larger than the {megabytes(limit)} limit")
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | _NO_WAIT)) as file:
            # The path may have been swapped for a pipe or device since the check.
            _regular_size(path, os.fstat(file.fileno()))
            # Sizes can lie (files in /proc, files still growing): read one byte past the limit.
            data = file.read(limit + 1)
    except OSError as error:
        raise LoadError(path, _os_reason(path, error)) from None
    except ValueError:  # a name with a NUL character
        raise LoadError(path, "no such file") from None
    if len(data) > limit:
        raise LoadError(path, f"is larger than the {megabytes(limit)} limit")
    return data


def _regular_size(path: Path, status: os.stat_result) -> int:
    mode = status.st_mode
    if stat.S_ISREG(mode):
        return status.st_size
    if stat.S_ISDIR(mode):
        reason = "is a folder, not a file"
    elif stat.S_ISFIFO(mode):
        reason = "is a named pipe (FIFO), not a file"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        reason = "is a device, not a file"
    elif stat.S_ISSOCK(mode):
        reason = "is a socket, not a file"
    else:
        reason = "is not a regular file"
    raise LoadError(path, reason)


def _os_reason(path: Path, error: OSError) -> str:
    # 1921: Windows' "the name of the file cannot be resolved by the system", its symlink loop.
    if error.errno == errno.ELOOP or getattr(error, "winerror", None) == 1921:
        return "is a symlink loop"
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return "is a link to a missing file" if os.path.islink(path) else "no such file"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(error, PermissionError):
        return "cannot be read: permission denied"
    return f"cannot be read: {error.strerror or error}"


def load_bytes(
    data: bytes,
    name: str,
    path: str | None = None,
    params: Params = Params(),
    is_html: bool | None = None,
    encoding: str | None = None,
    kind: str | None = None,
    url: str | None = None,
    read_at: str = "",
    where: str | None = None,
    charset: str | None = None,
) -> Version:
    """Decode, clean and segment raw bytes; ``is_html=None`` sniffs the content.

    ``kind`` ("text", "html", "docx", "pdf") says what the bytes are meant to be; a Word or PDF
    file is known by its content whatever it is called. ``encoding`` (a codec name) overrides
    detection; ``charset`` is one a web server named (it counts as a page's ``<meta charset>``);
    ``url`` and ``read_at`` go to the Version's evidence trail; ``where`` names the input in
    messages (default: ``path`` or ``name``).
    """
    where = where or path or name
    sha256 = hashlib.sha256(data).hexdigest()
    sniffed = documents.sniff(data)
    if kind in ("docx", "pdf") or sniffed:
        return _load_document(data, sniffed, kind, name, path, where, sha256, params, url, read_at)
    if len(data) > params.max_file_bytes:
        raise LoadError(where, f"is larger than the {megabytes(params.max_file_bytes)} limit")
    if not data.strip():
        raise LoadError(where, "is empty")
    if kind is not None:
        is_html = kind == "html"
    if is_html is None:
        is_html = bool(_HTML_START.match(data[:4096]))
    declared = _charset_label(charset) if charset else None
    if declared is None and is_html:
        declared = _declared_charset(data)
    decoded = decode_text(data, where, encoding, declared)
    text = extract_article(decoded.text, where) if is_html else decoded.text
    notes = (decoded.note,) if decoded.note else ()
    return _make_version(text, name, path, sha256, params, decoded.encoding, notes, url=url, read_at=read_at,
                         where=where)


def _load_document(data: bytes, sniffed: str | None, kind: str | None, name: str, path: str | None, where: str,
                   sha256: str, params: Params, url: str | None, read_at: str) -> Version:
    """A Word or PDF file: its text through :mod:`documents`, then segmented as any other."""
    if len(data) > params.max_document_bytes:
        raise LoadError(where, f"is larger than the {megabytes(params.max_document_bytes)} limit")
    if not data.strip():
        raise LoadError(where, "is empty")
    what = sniffed or kind
    if what == "pdf" and sniffed != "pdf":
        raise LoadError(where, "is not a PDF file (it does not start with %PDF-); check that it downloaded in full")
    try:
        extracted = documents.pdf_text(data) if what == "pdf" else documents.docx_text(data, params.max_document_bytes)
    except documents.DocumentError as error:
        raise LoadError(where, str(error)) from None
    return _make_version(extracted.text, name, path, sha256, params, "utf-8", extracted.notes,
                         furniture=extracted.furniture, url=url, read_at=read_at, where=where)


def load_text(text: str, name: str, params: Params = Params()) -> Version:
    """Segment text that is already decoded (e.g. pasted from the clipboard).

    Unpaired surrogates (text cut out of UTF-16 mid-character) become U+FFFD, with a note.
    """
    text = normalize_newlines(text)
    if not text.strip():
        raise LoadError(name, "is empty")
    notes: tuple[str, ...] = ()
    broken = len(_SURROGATE.findall(text))
    if broken:
        text = _SURROGATE.sub("\ufffd", text)
        what = "character was broken (an unpaired surrogate) and shows" if broken == 1 else \
            "characters were broken (unpaired surrogates) and show"
        notes = (f"{broken} {what} as \ufffd.",)
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _make_version(text, name, None, sha256, params, "utf-8", notes)


_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(data: bytes, where: str = "input") -> str:
    """Decode bytes to text with ``\\n`` newlines, or raise LoadError for binary data."""
    return decode_text(data, where).text


def decode_text(data: bytes, where: str = "input", encoding: str | None = None, declared: str | None = None) -> Decoded:
    """Decode bytes as ``encoding`` if given, else after a BOM, as UTF-8, as ``declared`` (an
    HTML page's charset) or in the likeliest legacy code page; raise LoadError for binary data.

    UTF-8 with a few bad bytes stays UTF-8, the bytes showing as U+FFFD (see ``_mostly_utf8``).
    """
    if encoding is not None:
        decoded = _decode_as(data, where, encoding)
    else:
        decoded = _detect(data, where, declared)
    if len(_CONTROL.findall(decoded.text[:65536])) > 8:
        raise LoadError(where, "looks like a binary file, not text")
    return decoded._replace(text=normalize_newlines(decoded.text))


def _decode_as(data: bytes, where: str, encoding: str) -> Decoded:
    codec = _codec(encoding)
    if codec is None:
        raise LoadError(where, f"unknown encoding {encoding}")
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        text = data.decode(codec, "replace")
    bad = text.count("\ufffd")
    return Decoded(text, codec, f"Read as {encoding_label(codec)}, as chosen: "
                                f"{_count(bad, 'character does', 'characters do')} not fit it and show as \ufffd.")


def _detect(data: bytes, where: str, declared: str | None) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), "utf-8" if codec == "utf-8-sig" else codec)
            except UnicodeDecodeError:
                raise LoadError(where, f"starts like {codec.upper()} text but cannot be decoded") from None
    if b"\x00" in data:
        decoded = _utf16_without_bom(data)
        if decoded is None:
            raise LoadError(where, "looks like a binary file, not text")
        return decoded
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Each undecodable byte becomes one surrogate, which UTF-8 cannot encode: "ignore" drops them.
    text = data.decode("utf-8", "surrogateescape")
    bad = len(text) - len(text.encode("utf-8", "ignore").decode("utf-8"))
    if _mostly_utf8(text, bad):
        shows = "byte was not valid UTF-8 and shows" if bad == 1 else "bytes were not valid UTF-8 and show"
        return Decoded(_SURROGATE.sub("\ufffd", text), "utf-8", f"Read as UTF-8: {bad} {shows} as \ufffd.")
    text, codec = _decode_legacy(data, declared)
    if codec == declared:
        return Decoded(text, codec)
    if declared:
        why = f"is not UTF-8, and reads badly as the {declared} it names"
    else:
        why = "is not UTF-8 and names no encoding"
    return Decoded(text, codec, f"Read as {encoding_label(codec)}: the file {why}.")


def _mostly_utf8(text: str, bad: int) -> bool:
    """Whether UTF-8 with ``bad`` undecodable bytes (surrogates in ``text``) is still UTF-8.

    Yes when valid multi-byte characters are many and outnumber the bad bytes two to one; for
    a few, when they at least match up to three bad bytes that stand apart from them, and the
    rest reads cleanly. Legacy text seldom forms valid sequences by accident, and those sit
    against bad bytes (GB18030's "谢谢。" is "лл" and two bad bytes).
    """
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    if good >= 2 * bad and good >= 10:
        return True
    if bad > 3 or good < bad or _BAD_BESIDE_NON_ASCII.search(text):
        return False
    return not _implausibility(_SURROGATE.sub(" ", text[:_SAMPLE_BYTES]))


_BAD_BESIDE_NON_ASCII = re.compile("[\udc80-\udcff][^\x00-\x7f]|[^\x00-\x7f][\udc80-\udcff]")


def _count(n: int, one: str, many: str) -> str:
    return f"1 {one}" if n == 1 else f"{n} {many}"


def _codec(name: str) -> str | None:
    """The codec's canonical name, or None if Python has no text codec by that name."""
    try:
        info = codecs.lookup(name)
    except (LookupError, TypeError, ValueError):
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page names in a meta tag, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    return _charset_label(match.group(1).decode("ascii")) if match else None


def _charset_label(label: str) -> str | None:
    """The codec a declared charset label means, if Python knows it (None for UTF labels: UTF-8 is tried first)."""
    codec = _codec(label)
    # As browsers do (the WHATWG encoding standard): Latin-1 and ASCII labels mean Windows-1252,
    # and a UTF label on a page that is not UTF-8 is ignored.
    if codec is None or codec.startswith("utf"):
        return None
    return "cp1252" if codec in ("iso8859-1", "ascii") else codec


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text saved without a byte-order mark, told by its zero high bytes; else None.

    Text in Latin script stores a zero byte in every other place (the odd places for
    little-endian, the even ones for big-endian); binary data has zeros anywhere.
    """
    head = data[:8192]
    even, odd = head[0::2], head[1::2]
    if len(head) < 4 or len(head) % 2:
        return None
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.05 * len(other):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return None if len(_CONTROL.findall(text[:65536])) > 8 else Decoded(text, codec)
    return None


# Code pages most legacy text was saved in, likeliest first: the first of equally plausible
# readings wins. charset-normalizer is asked for others only when none of these reads cleanly;
# it misses these on short texts (it stops at the first multi-byte codec that decodes).
_LIKELY = ("cp1252", "iso8859-1", "cp1250", "cp1251", "koi8-r", "shift_jis", "cp932", "gb18030")
# A reading in another code page must be clearly more plausible than the best likely one: its
# oddness counts this much more, plus a constant for short texts.
_OTHER_WEIGHT, _OTHER_PENALTY = 1.5, 2.0
# Multi-byte codecs and the classic set inside them: characters outside it are rare in real text
# and common when the bytes were meant for another codec (Shift-JIS read as GB18030).
_CORE = {
    "gb18030": "gb2312", "gbk": "gb2312", "cp949": "euc_kr", "johab": "euc_kr", "cp932": "shift_jis",
    "shift_jis_2004": "shift_jis", "shift_jisx0213": "shift_jis", "euc_jis_2004": "euc_jp",
    "euc_jisx0213": "euc_jp", "big5hkscs": "big5", "cp950": "big5",
}
_SAMPLE_BYTES = 16384


def _decode_legacy(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The most plausible reading of non-UTF-8 bytes, and its codec.

    The encoding the file names, if any, and the likely code pages are scored on a sample (see
    ``_implausibility``); charset-normalizer's candidates join them when none reads cleanly, and
    must then be clearly better. (Its own pick, the least "chaos", reads "He said “no”." in
    cp1252 as Cyrillic "He said УnoФ.")
    """
    sample = _sample(data)
    scored: list[tuple[float, int, str]] = []
    for order, codec in enumerate((declared,) + _LIKELY if declared else _LIKELY):
        if all(codec != c for _, _, c in scored):
            _score(sample, codec, False, order, scored)
    if min(scored)[0] > 0:
        from charset_normalizer import from_bytes

        for order, match in enumerate(from_bytes(data), start=len(_LIKELY) + 1):
            codec = _codec(match.encoding)
            # UTF-16 and UTF-32 without zero bytes are CJK guesses on bytes of any kind.
            if codec and not codec.startswith("utf") and all(codec != c for _, _, c in scored):
                _score(sample, codec, True, order, scored)
    for _, _, codec in sorted(scored):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return data.decode("iso8859-1"), "iso8859-1"  # never reached: Latin-1 decodes any bytes


def _score(sample: bytes, codec: str, other: bool, order: int, scored: list) -> None:
    try:
        text = codecs.getincrementaldecoder(codec)().decode(sample)
    except (UnicodeDecodeError, LookupError):
        return
    cost = _implausibility(text)
    core = _CORE.get(codec)
    if core:
        cost += sum(1 for c in set(text) if c > "\x7f" and not _encodes(c, core))
    if other:
        cost = cost * _OTHER_WEIGHT + _OTHER_PENALTY
    scored.append((cost, order, codec))


@lru_cache(maxsize=4096)
def _encodes(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _sample(data: bytes) -> bytes:
    """Up to 16 KB of the lines that hold non-ASCII bytes (ASCII reads the same in every candidate)."""
    if len(data) <= _SAMPLE_BYTES:
        return data
    lines: list[bytes] = []
    size = position = 0
    while size < _SAMPLE_BYTES and (found := _NON_ASCII_BYTE.search(data, position)):
        # Newlines never occur inside a multi-byte character of the candidate codecs, and the
        # bytes before the first non-ASCII one are ASCII: a piece may start at any of them.
        start = max(data.rfind(b"\n", 0, found.start()) + 1, found.start() - 256)
        end = data.find(b"\n", found.start())
        end = len(data) if end < 0 else end
        lines.append(data[start:min(end, start + _SAMPLE_BYTES - size)])
        size += len(lines[-1]) + 1
        position = end + 1
    return b"\n".join(lines)


_NON_ASCII_BYTE = re.compile(rb"[\x80-\xff]")


# Accented letters of the languages written in Latin script, and the letters beyond а-я of those
# written in Cyrillic, lowercase: a reading whose letters no single language uses together (Czech
# "ř" read as Danish "ø" beside "í" and "š") is unlikely.
_LANGUAGE_LETTERS = (
    "àâæçéèêëîïôœùûüÿ",  # French
    "áéíóúüñ",  # Spanish
    "áâãàçéêíóôõú",  # Portuguese
    "àèéìíîòóùú",  # Italian
    "àçèéíïòóúü",  # Catalan
    "äöüßé",  # German
    "áéíóúàèëïöüç",  # Dutch
    "åäöéü",  # Swedish, Finnish
    "æøåéó",  # Danish, Norwegian
    "áéíóúýþðæö",  # Icelandic
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "čćđšž",  # Croatian, Slovene, Bosnian
    "ăâîșțşţ",  # Romanian
    "çğıöşüâî",  # Turkish
    "āčēģīķļņšūž",  # Latvian
    "ąčęėįšųūž",  # Lithuanian
    "äõöüšž",  # Estonian
    "ё",  # Russian (beyond а-я, as for the Cyrillic languages below)
    "єіїґ",  # Ukrainian
    "ёіў",  # Belarusian
    "ђјљњћџ",  # Serbian
    "ѓѕјљњќџ",  # Macedonian
)
# Symbols that sit against a word in ordinary text; any other symbol there is suspect.
_QUOTES = set("“”‘’„‚«»‹›")
_TOUCH_WORD = _QUOTES | set("–—…·")
_INSIDE_WORD = set("’–—…·")  # it’s, l·l, safe—for now
_AFTER_WORD = _TOUCH_WORD | set("™®©°")
_AFTER_SHORT_WORD = _AFTER_WORD | set("²³¹ªº")  # m², Nº
_BEFORE_WORD = _TOUCH_WORD | set("¿¡•°")  # °C
_COMMON_SYMBOLS = _TOUCH_WORD | set("•°€£¥¢©®™§¶¡¿±×÷½¼¾¹²³ªº№†‡‰\xa0")
_GRAVE_OR_AE = set("àèìòùæ")
_VOWELS = set("aeiouyáéíóúýàèìòùâêîôûäëïöüÿãõåæøœąęěůőű")


@lru_cache(maxsize=8192)
def _script(char: str) -> str:
    if char.isascii() or char in "ªºµ":
        return "LATIN"
    name = unicodedata.name(char, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC")):
        return "cjk"  # Japanese mixes kanji and kana in one word
    return name.split(" ", 1)[0]


def _words(text: str):
    """Runs of letters and the marks on them (a Thai tone mark on a Latin letter belongs to its word)."""
    start = None
    for i, char in enumerate(text):
        if char.isalpha() or (char > "\x7f" and unicodedata.category(char).startswith("M")):
            if start is None:
                start = i
        elif start is not None:
            yield text[start:i]
            start = None
    if start is not None:
        yield text[start:]


def _cjk_punctuation(char: str) -> bool:
    return "\u3000" <= char <= "\u303f" or "\uff01" <= char <= "\uff60" or "\uffe0" <= char <= "\uffee"


def _implausibility(text: str) -> float:
    """How odd a decoded text looks, 0 for clean text.

    Counted: controls and unassigned characters, rare symbols, symbols inside or against words,
    words that mix scripts (cafķ, cafй) or case (пРИВЕТ), words of accented letters only, unlikely
    letter pairs, and accented letters no single language uses together in a line.
    """
    return sum(_odd_words(line) for line in text.split("\n")) + _odd_symbols(text)


def _odd_words(line: str) -> float:
    cost = 0.0
    letters: Counter[str] = Counter()
    for word in _words(line):
        if word.isascii():
            continue
        scripts = {_script(c) for c in word}
        if len(scripts - {"COMBINING"}) > 1:
            cost += 3
        if "COMBINING" in scripts:  # only cp1258 makes these, for Vietnamese
            cost += sum(1 for c in word if _script(c) == "COMBINING")
        if any(a.islower() and b.isupper() and not (a.isascii() and b.isascii()) for a, b in zip(word, word[1:])):
            cost += 1
        lower = word.lower()
        latin = [c for c in lower if not c.isascii() and _script(c) == "LATIN"]
        letters.update(latin)
        letters.update(c for c in lower if _script(c) == "CYRILLIC" and not "а" <= c <= "я")
        if len(latin) == len(word) > 1:
            cost += len(word) - 1
        for a, b in zip(lower, lower[1:]):
            # Grave vowels and æ are not followed by a vowel in the languages that use them;
            # Polish ń never is, Spanish ñ always is, French œ by u, i or e (Polish ś is not).
            if (a in _GRAVE_OR_AE or a == "ń") and b in _VOWELS:
                cost += 1
            elif a == "ñ" and b not in _VOWELS or a == "œ" and b not in "uie":
                cost += 1
        if lower.endswith(("ñ", "œ")):
            cost += 1
        cost += sum(1 for c in word if "\uff61" <= c <= "\uff9f")  # half-width katakana
    if letters:
        explained = max(sum(n for c, n in letters.items() if c in language) for language in _LANGUAGE_LETTERS)
        cost += 1.5 * (sum(letters.values()) - explained)
    return cost


def _odd_symbols(text: str) -> float:
    cost = 0.0
    for i, char in enumerate(text):
        if char.isascii() or char.isalpha() or char.isspace():
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Co", "Cn", "Cs") or char == "\ufffd":
            cost += 4
            continue
        if category.startswith("M") or _cjk_punctuation(char):
            continue
        if char not in _COMMON_SYMBOLS:
            cost += 1
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        word_before = before.isalpha() and _script(before) != "cjk"
        word_after = after.isalpha() and _script(after) != "cjk"
        if word_before and word_after:
            if char not in _INSIDE_WORD:
                cost += 2
        elif word_before:
            short = not text[max(0, i - 3):i].isalpha()
            if char not in (_AFTER_SHORT_WORD if short else _AFTER_WORD):
                cost += 1.5
        elif word_after:
            if char not in _BEFORE_WORD:
                cost += 1.5
        if not before.isascii() and not before.isalpha() and not before.isspace() and not _cjk_punctuation(before):
            if not (char in _TOUCH_WORD and before in _TOUCH_WORD):
                cost += 1
    return cost


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading byte-order mark is dropped."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def extract_article(html: str, where: str = "input") -> str:
    """The headline and article body of an HTML page, as plain text with paragraph breaks."""
    import trafilatura

    tree = _deep_tree(html, where)
    document = trafilatura.bare_extraction(
        html if tree is None else tree,
        favor_precision=True, include_comments=False, include_tables=False, with_metadata=True,
    )
    body = getattr(document, "text", None) if document is not None else None
    if not body or not body.strip():
        raise LoadError(where, "no article text found in this HTML page (one built by scripts?): "
                               "save the page from the browser as HTML and open that, or copy its text")
    title = (getattr(document, "title", None) or "").strip()
    # Blank lines keep trafilatura's paragraphs apart for the segmenter.
    paragraphs = [p.strip() for p in normalize_newlines(body).split("\n") if p.strip()]
    if title and not paragraphs[0].startswith(title):
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs) + "\n"


def _deep_tree(html: str, where: str):
    """The page parsed with libxml2's option for huge documents if it nests past libxml2's usual
    limit (256 levels, which silently cuts the page), else None; past 2048 levels, LoadError."""
    from lxml import etree
    from lxml import html as lxml_html

    data = html.encode("utf-8", "surrogatepass")

    def parse(huge: bool):
        # trafilatura's own parser settings, plus the huge option
        parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=huge, collect_ids=False,
                                      default_doctype=False, remove_comments=True, remove_pis=True)
        try:
            tree = lxml_html.fromstring(data, parser=parser)
        except (etree.ParserError, ValueError):
            return None, False
        too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in parser.error_log)
        return tree, too_deep

    if not parse(False)[1]:
        return None
    tree, too_deep = parse(True)
    if too_deep:
        raise LoadError(where, "is nested too deeply to read (more than 2048 levels of HTML elements)")
    return tree


def _make_version(
    text: str, name: str, path: str | None, sha256: str, params: Params, encoding: str, notes: tuple[str, ...],
    furniture: tuple[tuple[int, int], ...] = (), url: str | None = None, read_at: str = "", where: str | None = None,
) -> Version:
    where = where or path or name
    sentences = segment(text, params.split, params.fast_segment_chars)
    if not sentences:
        raise LoadError(where, "has no sentences to compare")
    too_large = size_problem(text, sentences, params)
    if too_large:
        raise LoadError(where, too_large)
    if furniture:
        sentences = _mark_spans(sentences, furniture)
    return Version(name=name, text=text, sentences=sentences, path=path, sha256=sha256, encoding=encoding,
                   notes=notes, url=url, read_at=read_at or now_iso())


def _mark_spans(sentences: tuple[Sentence, ...], spans: tuple[tuple[int, int], ...]) -> tuple[Sentence, ...]:
    """Sentences inside one of ``spans`` (a PDF's running headers and page numbers) become furniture."""
    return tuple(
        Sentence(s.start, s.end, s.paragraph, True)
        if not s.furniture and any(start <= s.start and s.end <= end for start, end in spans) else s
        for s in sentences)
