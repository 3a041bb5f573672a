"""Turn files, bytes or pasted text into a segmented ``Version``.

Bytes are decoded with charset-normalizer (after a byte-order mark or valid UTF-8), newlines
become ``\\n``, and HTML pages are reduced to their article text by trafilatura. Files are only
ever opened for reading.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from viewer.engine.model import Version
from viewer.engine.params import Params
from viewer.engine.segment import segment

STORY_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
_PREFERRED_ON_TIE = ("cp1252", "latin_1", "iso8859_15")
# Control characters that never occur in text files (tab, newline, form feed and CR excluded).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


class LoadError(Exception):
    """A version that cannot be loaded; ``str()`` names the file and the reason in one line."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{Path(self.path).name}: {reason}")


def load_file(path: str | Path, params: Params = Params()) -> Version:
    """Read one file (text, Markdown or HTML) into a segmented Version, or raise LoadError."""
    path = Path(path)
    try:
        if path.is_dir():
            raise LoadError(path, "is a folder, not a file")
        if not path.exists():
            raise LoadError(path, "no such file")
        size = path.stat().st_size
        if size > params.max_file_bytes:
            raise LoadError(
                path, f"is {size / 2**20:.0f} MB, larger than the {params.max_file_bytes / 2**20:.0f} MB limit"
            )
        data = path.read_bytes()
    except PermissionError:
        raise LoadError(path, "cannot be read: permission denied") from None
    except OSError as error:
        raise LoadError(path, f"cannot be read: {error.strerror or error}") from None
    is_html = path.suffix.lower() in HTML_SUFFIXES
    return load_bytes(data, path.name, path=str(path), params=params, is_html=is_html)


def load_bytes(
    data: bytes,
    name: str,
    path: str | None = None,
    params: Params = Params(),
    is_html: bool | None = None,
) -> Version:
    """Decode, clean and segment raw bytes; ``is_html=None`` sniffs the content."""
    where = path or name
    if len(data) > params.max_file_bytes:
        raise LoadError(where, f"is larger than the {params.max_file_bytes / 2**20:.0f} MB limit")
    if not data.strip():
        raise LoadError(where, "is empty")
    text = decode(data, where)
    if is_html is None:
        is_html = bool(_HTML_START.match(data[:4096]))
    if is_html:
        text = extract_article(text, where)
    return _make_version(text, name, path, hashlib.sha256(data).hexdigest(), params)


def load_text(text: str, name: str, params: Params = Params()) -> Version:
    """Segment text that is already decoded (e.g. pasted from the clipboard)."""
    text = normalize_newlines(text)
    if not text.strip():
        raise LoadError(name, "is empty")
    return _make_version(text, name, None, hashlib.sha256(text.encode("utf-8")).hexdigest(), params)


def decode(data: bytes, where: str = "input") -> str:
    """Decode bytes to text with ``\\n`` newlines, or raise LoadError for binary data."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return normalize_newlines(data.decode(codec))
            except UnicodeDecodeError:
                raise LoadError(where, f"starts like {codec.upper()} text but cannot be decoded") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise LoadError(where, "looks like a binary file, not text")
        return normalize_newlines(text)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data, where)
    if len(_CONTROL.findall(text[:65536])) > 8:
        raise LoadError(where, "looks like a binary file, not text")
    return normalize_newlines(text)


def _utf16_without_bom(data: bytes) -> str | None:
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
            return None if len(_CONTROL.findall(text[:65536])) > 8 else text
    return None


def _decode_legacy(data: bytes, where: str) -> str:
    """Decode non-UTF-8 bytes with charset-normalizer's best guess.

    Short Western texts often tie between code pages; on a tie the common Western ones win
    (cp1250 would turn "ñ" into "ń").
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise LoadError(where, "is not text in any known encoding (binary file?)")
    top = min((m.chaos, -m.coherence) for m in matches)
    tied = [m for m in matches if (m.chaos, -m.coherence) == top]
    for preferred in _PREFERRED_ON_TIE:
        for match in tied:
            if match.encoding == preferred:
                return str(match)
    return str(tied[0])


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading byte-order mark is dropped."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def extract_article(html: str, where: str = "input") -> str:
    """The headline and article body of an HTML page, as plain text with paragraph breaks."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, favor_precision=True, include_comments=False, include_tables=False, with_metadata=True
    )
    body = getattr(document, "text", None) if document is not None else None
    if not body or not body.strip():
        raise LoadError(where, "no article text found in this HTML page")
    title = (getattr(document, "title", None) or "").strip()
    # Blank lines keep trafilatura's paragraphs apart for the segmenter.
    paragraphs = [p.strip() for p in normalize_newlines(body).split("\n") if p.strip()]
    if title and not paragraphs[0].startswith(title):
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs) + "\n"


def _make_version(text: str, name: str, path: str | None, sha256: str, params: Params) -> Version:
    sentences = segment(text, params.split, params.fast_segment_chars)
    if not sentences:
        raise LoadError(path or name, "has no sentences to compare")
    return Version(name=name, text=text, sentences=sentences, path=path, sha256=sha256)
