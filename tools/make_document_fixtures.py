"""Write the Word and PDF fixtures of the tests into ``tests/data/documents/``.

Every file is written by hand (zipfile and WordprocessingML, PDF syntax), so the tests need no
office suite and the bytes do not change between runs::

    python tools/make_document_fixtures.py

- ``story.docx``: a heading, three paragraphs, a comment and two tracked changes (an insertion, a deletion).
- ``plain.docx``: a heading and two paragraphs, no comments or tracked changes.
- ``story.pdf``: three pages with a running header, page numbers, a hyphenated line end and a
  paragraph that runs on over a page break.
- ``scanned.pdf``: one page of graphics, no text layer.
- ``encrypted.pdf``: a PDF behind a password (its /U entry matches no password).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "data" / "documents"

# ----------------------------------------------------------------------------- Word
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
</Relationships>"""
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{_W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
</w:styles>"""
_COMMENTS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{_W}">
<w:comment w:id="0" w:author="Editor" w:date="2026-11-02T10:00:00Z" w:initials="ED">
<w:p><w:r><w:t>Check this figure with the fire service.</w:t></w:r></w:p>
</w:comment>
</w:comments>"""


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _paragraph(*parts: str, style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(parts)}</w:p>"


def _document(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{_W}"><w:body>{body}<w:sectPr/></w:body></w:document>')


def story_docx() -> dict[str, str]:
    """The parts of ``story.docx``: a heading, three paragraphs, a comment, an insertion and a deletion."""
    body = "".join([
        _paragraph(_run("Fire destroys harbour warehouse"), style="Heading1"),
        _paragraph(
            _run("A fire destroyed a warehouse on the harbour front on Tuesday night. "),
            '<w:commentRangeStart w:id="0"/>',
            _run("Forty firefighters fought the blaze for six hours."),
            '<w:commentRangeEnd w:id="0"/>',
            '<w:r><w:commentReference w:id="0"/></w:r>',
        ),
        _paragraph(
            _run("Nobody was hurt, the fire service said"),
            '<w:ins w:id="1" w:author="Editor" w:date="2026-11-02T10:05:00Z">'
            '<w:r><w:t xml:space="preserve"> on Wednesday</w:t></w:r></w:ins>',
            _run("."),
        ),
        _paragraph(
            _run("The cause of the fire is "),
            '<w:del w:id="2" w:author="Editor" w:date="2026-11-02T10:06:00Z">'
            '<w:r><w:delText xml:space="preserve">not yet </w:delText></w:r></w:del>',
            _run("known."),
        ),
    ])
    return {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/styles.xml": _STYLES,
        "word/comments.xml": _COMMENTS,
        "word/document.xml": _document(body),
    }


def plain_docx() -> dict[str, str]:
    """The parts of ``plain.docx``: a heading and two paragraphs, nothing tracked."""
    body = "".join([
        _paragraph(_run("Fire destroys harbour warehouse"), style="Heading1"),
        _paragraph(_run("A fire destroyed a warehouse on the harbour front on Tuesday night. "
                        "Sixty firefighters fought the blaze for six hours.")),
        _paragraph(_run("Nobody was hurt, the fire service said.")),
    ])
    parts = story_docx()
    parts["word/document.xml"] = _document(body)
    del parts["word/comments.xml"]
    parts["word/_rels/document.xml.rels"] = "\n".join(
        line for line in _DOCUMENT_RELS.split("\n") if "comments" not in line)
    parts["[Content_Types].xml"] = "\n".join(
        line for line in _CONTENT_TYPES.split("\n") if "comments" not in line)
    return parts


def write_docx(path: Path, parts: dict[str, str]) -> None:
    # A fixed date: the same bytes on every run.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 2, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


# ----------------------------------------------------------------------------- PDF
HEADER = "Saltmere Gazette - Harbour report"
# Lines of each page's body, as (font size, text, gap before); pages break as listed.
STORY_PAGES = [
    [
        (18, "Fire destroys harbour warehouse", 0),
        (11, "A fire destroyed a warehouse on the harbour front on", 26),
        (11, "Tuesday night. Forty firefighters fought the blaze for", 14),
        (11, "six hours before it was under control.", 14),
        (11, "Nobody was hurt, the fire service said. The ware-", 24),
        (11, "house stored fishing nets and rope.", 14),
        (11, "The harbour master said the quay would stay closed", 24),
        (11, "while engineers checked the sea wall, which was", 14),
    ],
    [
        (11, "damaged by the heat. Boats were moved to the", 0),
        (11, "north basin.", 14),
        (11, "Police said the cause of the fire was not yet known.", 24),
        (11, "A well-known local trader, who owns the next", 24),
        (11, "building, said the well-", 14),
        (11, "known smell of tar hung over the town all night.", 14),
    ],
    [
        (11, "The council will meet on Friday to discuss the repairs.", 0),
    ],
]


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _pdf(pages: list[bytes], extra_trailer: str = "", encrypt: str | None = None) -> bytes:
    """A PDF of pages given as content streams, in Helvetica (a standard font: nothing embedded)."""
    objects: list[str | bytes] = []
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append("<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, content in enumerate(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>")
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    if encrypt:
        objects.append(encrypt)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + (body if isinstance(body, bytes) else body.encode("latin-1"))
        out += b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    encrypt_ref = f" /Encrypt {len(objects)} 0 R" if encrypt else ""
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{encrypt_ref}{extra_trailer} >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def _text_page(lines: list[tuple[int, str, float]], number: int, count: int) -> bytes:
    ops = ["BT", "/F1 9 Tf", f"1 0 0 1 72 750 Tm {_pdf_string(HEADER)} Tj", "ET"]
    y = 700.0
    for size, text, gap in lines:
        y -= gap
        ops += ["BT", f"/F1 {size} Tf", f"1 0 0 1 72 {y:.0f} Tm {_pdf_string(text)} Tj", "ET"]
    ops += ["BT", "/F1 9 Tf", f"1 0 0 1 300 40 Tm {_pdf_string(f'Page {number} of {count}')} Tj", "ET"]
    return "\n".join(ops).encode("latin-1")


def story_pdf() -> bytes:
    return _pdf([_text_page(lines, n, len(STORY_PAGES)) for n, lines in enumerate(STORY_PAGES, start=1)])


def scanned_pdf() -> bytes:
    # Grey bars where a scan's lines of text would be: graphics, no text objects.
    bars = "\n".join(f"0.3 g 72 {700 - 20 * i} 460 10 re f" for i in range(20))
    return _pdf([bars.encode("ascii")])


def encrypted_pdf() -> bytes:
    # The standard security handler, 40-bit RC4; /U matches no password, so no reader can open it
    # without one (pdfium answers "password required").
    encrypt = ("<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 "
               f"/O <{'11' * 32}> /U <{'22' * 32}> >>")
    return _pdf([_text_page(STORY_PAGES[2], 1, 1)], extra_trailer=f" /ID [<{'33' * 16}> <{'33' * 16}>]",
                encrypt=encrypt)


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    write_docx(FOLDER / "story.docx", story_docx())
    write_docx(FOLDER / "plain.docx", plain_docx())
    (FOLDER / "story.pdf").write_bytes(story_pdf())
    (FOLDER / "scanned.pdf").write_bytes(scanned_pdf())
    (FOLDER / "encrypted.pdf").write_bytes(encrypted_pdf())
    print(f"wrote 5 files to {FOLDER}")


if __name__ == "__main__":
    main()
