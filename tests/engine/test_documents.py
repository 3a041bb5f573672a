"""Word and PDF inputs: text, paragraphs, furniture, notes, and every refusal.

The fixtures in tests/data/documents/ are written by tools/make_document_fixtures.py; one test
checks that the generator still writes exactly those bytes.
"""
import io
import sys
import zipfile
from pathlib import Path

import pytest

from viewer.engine import documents
from viewer.engine.loading import LoadError, load_bytes, load_file
from viewer.engine.params import Params

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "tests" / "data" / "documents"


def sentences(version):
    return [(version.sentence_text(k), s.paragraph, s.furniture) for k, s in enumerate(version.sentences)]


def test_the_fixtures_are_what_the_generator_writes():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_document_fixtures as make
    finally:
        sys.path.pop(0)
    assert (DOCS / "story.pdf").read_bytes() == make.story_pdf()
    assert (DOCS / "scanned.pdf").read_bytes() == make.scanned_pdf()
    assert (DOCS / "encrypted.pdf").read_bytes() == make.encrypted_pdf()
    for name, parts in (("story.docx", make.story_docx()), ("plain.docx", make.plain_docx())):
        with zipfile.ZipFile(DOCS / name) as archive:
            assert {n: archive.read(n).decode("utf-8") for n in archive.namelist()} == parts


# ----------------------------------------------------------------------------- sniffing
def test_sniff_knows_documents_by_their_bytes_only():
    assert documents.sniff(b"plain text") is None
    assert documents.sniff(b"PK\x03\x04 not really a zip") is None
    assert documents.sniff((DOCS / "story.docx").read_bytes()) == "docx"
    assert documents.sniff((DOCS / "story.pdf").read_bytes()) == "pdf"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<x/>")  # an OpenDocument-like zip: not Word
    assert documents.sniff(buffer.getvalue()) is None


def test_a_document_is_read_by_its_content_whatever_its_name(tmp_path):
    renamed = tmp_path / "story.txt"
    renamed.write_bytes((DOCS / "story.pdf").read_bytes())
    version = load_file(renamed)
    assert version.sentence_text(1) == "Fire destroys harbour warehouse"
    assert load_bytes((DOCS / "plain.docx").read_bytes(), "pasted").sentence_text(0) == \
        "Fire destroys harbour warehouse"


# ----------------------------------------------------------------------------- Word
def test_docx_keeps_headings_and_paragraphs_apart():
    version = load_file(DOCS / "plain.docx")
    assert sentences(version) == [
        ("Fire destroys harbour warehouse", 0, False),
        ("A fire destroyed a warehouse on the harbour front on Tuesday night.", 1, False),
        ("Sixty firefighters fought the blaze for six hours.", 1, False),
        ("Nobody was hurt, the fire service said.", 2, False),
    ]
    assert version.notes == ()
    assert version.encoding == "utf-8"
    assert version.path == str(DOCS / "plain.docx")
    assert version.read_at.endswith("Z") and version.read_at[10] == "T"


def test_docx_leaves_comments_out_reads_tracked_changes_as_accepted_and_says_so():
    version = load_file(DOCS / "story.docx")
    assert [text for text, _, _ in sentences(version)] == [
        "Fire destroys harbour warehouse",
        "A fire destroyed a warehouse on the harbour front on Tuesday night.",
        "Forty firefighters fought the blaze for six hours.",
        "Nobody was hurt, the fire service said on Wednesday.",  # the tracked insertion
        "The cause of the fire is known.",  # "not yet " was a tracked deletion
    ]
    assert "Check this figure" not in version.text  # the comment
    assert version.notes == (
        "The document has tracked changes (1 insertion, 1 deletion): read as if accepted, deleted text left out.",
        "The document's 1 comment was left out.",
    )


def test_a_docx_that_is_not_a_zip_is_refused_with_what_to_do(tmp_path):
    broken = tmp_path / "letter.docx"
    broken.write_bytes(b"This was saved as plain text with the wrong name.")
    with pytest.raises(LoadError) as error:
        load_file(broken)
    assert str(error.value) == ("letter.docx: is not a Word document (.docx), or is damaged: it is not a valid "
                                "zip file; open it in Word and save it again")


def test_a_zip_without_a_word_document_is_refused(tmp_path):
    other = tmp_path / "archive.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(LoadError, match=r"^archive\.docx: is a zip file but not a Word document \(\.docx\): "
                                        r"it has no word/document\.xml$"):
        load_file(other)


def test_a_docx_unpacking_past_the_limit_is_refused_before_mammoth_reads_it(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document>" + " " * (3 * 2**20) + "</w:document>")
    assert bomb.stat().st_size < 2**20
    with pytest.raises(LoadError, match=r"^bomb\.docx: unpacks to 3 MB of XML, more than the 1 MB storydiff reads$"):
        load_file(bomb, Params(max_document_bytes=2**20))


def test_a_docx_without_text_is_refused(tmp_path):
    empty = tmp_path / "empty.docx"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("word/document.xml",
                         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         "<w:body><w:p/></w:body></w:document>")
    with pytest.raises(LoadError, match=r"^empty\.docx: holds no text$"):
        load_file(empty)


# ----------------------------------------------------------------------------- PDF
def test_pdf_rebuilds_paragraphs_and_flags_headers_and_page_numbers():
    version = load_file(DOCS / "story.pdf")
    header = "Saltmere Gazette - Harbour report"
    assert sentences(version) == [
        (header, 0, True),
        ("Fire destroys harbour warehouse", 1, False),  # a larger size: a paragraph of its own
        ("A fire destroyed a warehouse on the harbour front on Tuesday night.", 2, False),
        ("Forty firefighters fought the blaze for six hours before it was under control.", 2, False),
        ("Nobody was hurt, the fire service said.", 3, False),
        ("The warehouse stored fishing nets and rope.", 3, False),  # "ware-" + "house": the hyphen goes
        # A sentence that runs on over the page break stays whole; that page's footer and the next
        # page's header follow its paragraph.
        ("The harbour master said the quay would stay closed while engineers checked the sea wall, "
         "which was damaged by the heat.", 4, False),
        ("Boats were moved to the north basin.", 4, False),
        ("Page 1 of 3", 5, True),
        (header, 6, True),
        ("Police said the cause of the fire was not yet known.", 7, False),
        # "well-" + "known" at a line end keeps its hyphen: the document writes "well-known" elsewhere.
        ("A well-known local trader, who owns the next building, said the well-known smell of tar hung "
         "over the town all night.", 8, False),
        ("Page 2 of 3", 9, True),
        (header, 10, True),
        ("The council will meet on Friday to discuss the repairs.", 11, False),
        ("Page 3 of 3", 12, True),
    ]
    assert version.notes == ()


def test_a_pdf_without_a_text_layer_is_refused_as_probably_scanned():
    with pytest.raises(LoadError) as error:
        load_file(DOCS / "scanned.pdf")
    assert str(error.value) == "scanned.pdf: has no text layer (a scanned PDF?): run OCR on it first, or copy its text"


def test_an_encrypted_pdf_is_refused_as_encrypted():
    with pytest.raises(LoadError) as error:
        load_file(DOCS / "encrypted.pdf")
    assert str(error.value) == ("encrypted.pdf: is an encrypted PDF (it needs a password): open it, and save or "
                                "print it as a PDF without one")


def test_a_damaged_pdf_and_a_pdf_named_file_that_is_not_one_are_refused(tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes((DOCS / "story.pdf").read_bytes()[:300])
    with pytest.raises(LoadError, match=r"^cut\.pdf: is not a readable PDF \(damaged or incomplete\)$"):
        load_file(cut)
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"<html><body>Sorry, the download failed.</body></html>")
    with pytest.raises(LoadError, match=r"^fake\.pdf: is not a PDF file \(it does not start with %PDF-\); "
                                        r"check that it downloaded in full$"):
        load_file(fake)


def test_a_document_larger_than_the_document_limit_is_refused_unread(tmp_path):
    with pytest.raises(LoadError, match=r"^story\.pdf: is 0 MB, larger than the 0 MB limit$"):
        load_file(DOCS / "story.pdf", Params(max_document_bytes=1000))


def test_a_document_may_be_larger_than_the_text_limit():
    version = load_file(DOCS / "story.pdf", Params(max_file_bytes=1000))
    assert len((DOCS / "story.pdf").read_bytes()) > 1000
    assert version.sentence_text(1) == "Fire destroys harbour warehouse"


def test_dehyphenation_joins_broken_words_and_keeps_real_compounds():
    def line(text, hyphen=False):
        return documents._Line(text, 72, 0, 10, 11, hyphen)

    assert documents._join([line("The ware", True), line("house burned.")], set()) == "The warehouse burned."
    assert documents._join([line("a well", True), line("known smell")], {"well-known"}) == "a well-known smell"
    # Before a capital (Franco-German) the hyphen stays.
    assert documents._join([line("the Franco", True), line("German border")], set()) == "the Franco-German border"
    assert documents._join([line("no hyphen"), line("here")], set()) == "no hyphen here"


def test_a_paragraph_breaks_at_a_wider_gap_a_new_size_an_indent_or_a_bullet():
    def line(text, bottom, left=72.0, size=11.0):
        return documents._Line(text, left, bottom, bottom + size, size, False)

    last = line("The quay is closed.", 600)
    assert not documents._breaks(line("The quay is", 600), line("closed.", 586), last, 14)
    assert documents._breaks(last, line("Boats moved.", 576), last, 14)  # a gap of 24 after a step of 14
    assert documents._breaks(line("Fire", 600, size=18), line("A fire", 586), last, 14)
    assert documents._breaks(last, line("Boats moved.", 586, left=90), last, 14)  # an indented first line
    assert not documents._breaks(line("the quay", 600), line("closed.", 586, left=90), last, 14)
    assert documents._breaks(line("Items:", 600), line("• rope and nets", 586), last, 14)
    # A new page (nothing above on it): the paragraph runs on unless a sentence ended.
    assert not documents._breaks(line("which was", 60), line("damaged.", 700), None, 14)
    assert documents._breaks(line("was damaged.", 60), line("Boats moved.", 700), None, 14)


def test_running_heads_may_alternate_between_left_and_right_pages():
    def page(number):
        head = f"{number} The Saltmere Gazette" if number % 2 == 0 else f"Harbour report {number}"
        words = "harbour fire quay rope nets boats wall heat tar council repairs".split()
        body = [documents._Line(f"The {words[number - 1]} was {words[k]}.", 72, 700 - 14 * k, 711 - 14 * k, 11, False)
                for k in range(6)]
        return [documents._Line(head, 72, 750, 759, 9, False), *body]

    pages = [page(n) for n in range(1, 12)]  # 11 pages: 5 even, 6 odd
    assert documents._furniture_keys(pages) == {"# the saltmere gazette", "harbour report #"}
    # A line at the edge of one page only is not furniture.
    assert documents._furniture_keys(pages[:1] + [[documents._Line("Other", 72, 750, 759, 9, False)]]) == set()
