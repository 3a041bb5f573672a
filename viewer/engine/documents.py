"""Word and PDF files as plain text with paragraphs, for the loader.

A ``.docx`` goes through mammoth (docx to clean HTML; comments are not read, tracked insertions
are read as accepted and deletions left out), then each paragraph, heading, list item or table
cell becomes a paragraph. A PDF's text layer is read with pdfium, lines are rebuilt from the
characters' positions, joined into paragraphs (by the gap between lines, a change of type size,
an indent), line-end hyphens are taken out unless the document writes the word with one, and
lines that run along the top or bottom of most pages (a header, a page number) are returned as
page furniture. Both libraries are imported only when a document is read.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from typing import NamedTuple

DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
DOCUMENT_SUFFIXES = DOCX_SUFFIXES + PDF_SUFFIXES
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "caption"}
# A page number, alone on its line: "7", "- 7 -", "Page 7", "Page 7 of 12", "7/12".
_PAGE_NUMBER = re.compile(r"^[\s\-–—|]*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[\s\-–—|]*$", re.IGNORECASE)
_TERMINAL = re.compile(r"""[.!?:;]["'”’)\]]*$""")
_WORD_BEFORE = re.compile(r"(\w+)$")
_WORD_AFTER = re.compile(r"^(\w+)")
_SOFT_HYPHEN = "\ufffe"  # how pdfium marks a hyphen it found at a line end
_BULLETS = "•▪◦●■"  # a list item starts a paragraph of its own


class DocumentError(Exception):
    """A document that cannot be read; the message is the reason (the loader adds the file name)."""


class Extracted(NamedTuple):
    """A document's text, the spans of its page furniture, and notes for the reader."""

    text: str
    furniture: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()


def sniff(data: bytes) -> str | None:
    """ "docx" or "pdf" when the bytes are one (whatever the file's name says), else None."""
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
    return None


# ----------------------------------------------------------------------------- Word
def docx_text(data: bytes, max_bytes: int) -> Extracted:
    """The paragraphs and headings of a Word document; notes say which comments and changes were left out.

    ``max_bytes`` bounds the unpacked XML, so a small file cannot unpack into an endless one.
    """
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DocumentError("is not a Word document (.docx), or is damaged: it is not a valid zip file; "
                            "open it in Word and save it again") from None
    with archive:
        if "word/document.xml" not in names:
            raise DocumentError("is a zip file but not a Word document (.docx): it has no word/document.xml")
        unpacked = sum(i.file_size for i in archive.infolist() if i.filename.endswith((".xml", ".rels")))
        if unpacked > max_bytes:
            raise DocumentError(f"unpacks to {unpacked / 2**20:.1f} MB of XML, more than the "
                                f"{max_bytes / 2**20:.1f} MB storydiff reads".replace(".0 MB", " MB"))
        try:
            notes = _tracked_notes(archive)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
            raise DocumentError(f"is a damaged Word document ({error})") from None
    import mammoth
    import mammoth.images

    # Pictures are not text: skip reading them at all.
    no_images = mammoth.images.img_element(lambda image: {"alt": image.alt_text or ""})
    try:
        result = mammoth.convert_to_html(io.BytesIO(data), convert_image=no_images)
    except Exception as error:  # mammoth raises whatever its zip and XML readers raise
        raise DocumentError(f"is a damaged Word document ({type(error).__name__}: {error})") from None
    paragraphs = _html_paragraphs(result.value)
    if not paragraphs:
        raise DocumentError("holds no text")
    return Extracted("\n\n".join(paragraphs) + "\n", (), notes)


def _tracked_notes(archive) -> tuple[str, ...]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    body = etree.fromstring(archive.read("word/document.xml"), parser)
    inserted = sum(1 for _ in body.iter(f"{_W}ins", f"{_W}moveTo"))
    deleted = sum(1 for _ in body.iter(f"{_W}del", f"{_W}moveFrom"))
    comments = 0
    if "word/comments.xml" in archive.namelist():
        comments = sum(1 for _ in etree.fromstring(archive.read("word/comments.xml"), parser).iter(f"{_W}comment"))
    notes = []
    if inserted or deleted:
        notes.append(f"The document has tracked changes ({_count(inserted, 'insertion')}, "
                     f"{_count(deleted, 'deletion')}): read as if accepted, deleted text left out.")
    if comments:
        notes.append(f"The document's {_count(comments, 'comment')} {'was' if comments == 1 else 'were'} left out.")
    return tuple(notes)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _html_paragraphs(html: str) -> list[str]:
    """The text of each block (paragraph, heading, list item, table cell) of mammoth's HTML."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(f"<div>{html}</div>")
    paragraphs = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in _BLOCKS:
            continue
        if any(isinstance(a.tag, str) and a.tag in _BLOCKS for a in element.iterancestors()):
            continue  # inside a block already taken whole (a paragraph in a table cell)
        text = " ".join(element.text_content().split())
        if text:
            paragraphs.append(text)
    return paragraphs


# ----------------------------------------------------------------------------- PDF
class _Line(NamedTuple):
    text: str
    left: float
    bottom: float
    top: float
    size: float
    hyphen: bool  # ended at a line-end hyphen


def pdf_text(data: bytes) -> Extracted:
    """A PDF's text layer in reading order, paragraphs rebuilt, running headers and page numbers as furniture."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise DocumentError("is an encrypted PDF (it needs a password): open it, and save or print "
                                "it as a PDF without one") from None
        raise DocumentError("is not a readable PDF (damaged or incomplete)") from None
    try:
        pages = [_page_lines(document[i], raw) for i in range(len(document))]
    finally:
        document.close()
    if not any(line.text.strip() for page in pages for line in page):
        raise DocumentError("has no text layer (a scanned PDF?): run OCR on it first, or copy its text")
    return _assemble(pages)


def _page_lines(page, raw) -> list[_Line]:
    """The page's lines in pdfium's reading order, split where the baseline moves."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        lines: list[_Line] = []
        chars: list[str] = []
        box: list[float] = []  # left, bottom, top, size of the current line

        def finish(hyphen: bool = False) -> None:
            line = "".join(chars).strip()
            if line:
                lines.append(_Line(line, box[0], box[1], box[2], box[3], hyphen))
            chars.clear()
            box.clear()

        for i in range(min(count, len(text))):
            char = text[i]
            if char in "\r\n":
                if chars:
                    finish()
                continue
            if char == _SOFT_HYPHEN:
                finish(hyphen=True)
                continue
            if char.isspace():
                if chars:
                    chars.append(" ")
                continue
            left, bottom, right, top = textpage.get_charbox(i)
            size = raw.FPDFText_GetFontSize(textpage, i) or (top - bottom)
            # A new baseline without a line break (pdfium joined a hyphenated line): a new line.
            if box and abs(bottom - box[1]) > 0.6 * max(size, box[3]) and not _same_line_mark(char):
                finish(hyphen=bool(chars) and chars[-1] == "-")
            if not box:
                box.extend((left, bottom, top, size))
            else:
                box[1] = min(box[1], bottom) if abs(bottom - box[1]) < 0.3 * size else box[1]
                box[2] = max(box[2], top)
            chars.append(char)
        finish()
        return lines
    finally:
        textpage.close()


def _same_line_mark(char: str) -> bool:
    # Superscripts and quotes sit off the baseline without starting a line.
    return char in "'\"’”“‘*†‡°¹²³⁴⁵⁶⁷⁸⁹⁰"


def _furniture_keys(pages: list[list[_Line]]) -> set[str]:
    """Lines (digits as #) at the top or bottom of at least two pages and 40 % of them.

    Not half: a book's running heads alternate between left and right pages.
    """
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_key(line.text) for line in _edges(lines)})
    least = max(2, -(-2 * len(pages) // 5))
    return {key for key, n in seen.items() if n >= least}


def _edges(lines: list[_Line]) -> list[_Line]:
    """The two highest and two lowest lines of a page."""
    by_height = sorted(lines, key=lambda line: -line.bottom)
    return by_height[:2] + by_height[-2:] if len(by_height) > 4 else by_height


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _assemble(pages: list[list[_Line]]) -> Extracted:
    running = _furniture_keys(pages) if len(pages) > 1 else set()
    words = _hyphenated_words(pages)
    step = _usual_step(pages)
    paragraphs: list[tuple[str, bool]] = []  # (text, furniture)
    current: list[_Line] = []
    waiting: list[str] = []  # furniture met inside a paragraph that runs on over a page break

    def close() -> None:
        if current:
            paragraphs.append((_join(current, words), False))
            current.clear()
        paragraphs.extend((text, True) for text in waiting)
        waiting.clear()

    for lines in pages:
        edges = {id(line) for line in _edges(lines)}
        previous: _Line | None = None
        for line in lines:
            if id(line) in edges and (_key(line.text) in running or _PAGE_NUMBER.match(line.text)):
                if current:
                    waiting.append(line.text)
                else:
                    paragraphs.append((line.text, True))
                continue
            if current and _breaks(current[-1], line, previous, step):
                close()
            current.append(line)
            previous = line
    close()
    text_parts, furniture, position = [], [], 0
    for text, is_furniture in paragraphs:
        if is_furniture:
            furniture.append((position, position + len(text)))
        text_parts.append(text)
        position += len(text) + 2
    return Extracted("\n\n".join(text_parts) + "\n", tuple(furniture))


def _breaks(last: _Line, line: _Line, previous_on_page: _Line | None, step: float) -> bool:
    """Whether ``line`` starts a new paragraph after ``last``."""
    if previous_on_page is None or line.bottom > last.bottom + 0.5 * line.size:
        # A new page or column: the paragraph runs on unless the last line ended a sentence.
        return bool(_TERMINAL.search(last.text)) and not last.hyphen
    if abs(line.size - last.size) > 1.0 or line.text[:1] in _BULLETS:
        return True
    if last.bottom - line.bottom > 1.3 * step:
        return True
    # An indented first line after a finished sentence.
    return bool(_TERMINAL.search(last.text)) and line.left > last.left + 1.5 * line.size


def _usual_step(pages: list[list[_Line]]) -> float:
    """The usual distance between baselines of consecutive lines of one size."""
    steps = [a.bottom - b.bottom for lines in pages for a, b in zip(lines, lines[1:])
             if 0 < a.bottom - b.bottom < 3 * a.size and abs(a.size - b.size) <= 1.0]
    return sorted(steps)[len(steps) // 2] if steps else 14.0


def _hyphenated_words(pages: list[list[_Line]]) -> set[str]:
    """Words the document writes with a hyphen inside a line ("well-known"), lowercased."""
    found = set()
    for lines in pages:
        for line in lines:
            found.update(m.lower() for m in re.findall(r"\w+-\w+", line.text))
    return found


def _join(lines: list[_Line], hyphenated: set[str]) -> str:
    """One paragraph from its lines; a line-end hyphen goes unless the document writes the word with one."""
    text = lines[0].text
    for before, line in zip(lines, lines[1:]):
        if before.hyphen:
            head = text[:-1] if text.endswith("-") else text
            first = _WORD_AFTER.match(line.text)
            last = _WORD_BEFORE.search(head)
            keep = bool(first and last) and (
                f"{last.group(1)}-{first.group(1)}".lower() in hyphenated or not first.group(1)[0].islower())
            text = head + ("-" if keep else "") + line.text
        else:
            text += " " + line.text
    return text
