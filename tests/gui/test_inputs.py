"""The viewer's inputs: Word and PDF files, web addresses (Open URL, pasted, dropped), clipboard HTML,
renaming a version, a folder with nothing to read, and sessions that reopen fetched pages offline.

Web addresses are served by a local HTTP server on 127.0.0.1 that the test starts and stops.
"""
from __future__ import annotations

import http.server
import json
import socket
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu

from gui_helpers import DATA, wait_shown
from local_site import serve, stop, without_proxies

DOCS = DATA / "documents"
ARTICLE = (DATA / "article.html").read_bytes()
# The same story, a few words changed, as another outlet would run it.
REWRITE = (ARTICLE.replace(b"next spring", b"next summer").replace(b"four years", b"five years"))


class Site:
    """A local web server: /a.html, /b.html, /report.pdf, and 404 for anything else; counts requests."""

    def __init__(self):
        self.paths: list[str] = []
        self.release = threading.Event()  # /slow answers once this is set
        routes = {"/a.html": ("text/html", ARTICLE), "/b.html": ("text/html", REWRITE),
                  "/report.pdf": ("application/pdf", (DOCS / "story.pdf").read_bytes())}
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.paths.append(self.path)
                if self.path == "/slow":
                    site.release.wait(10)
                kind, body = routes.get(self.path, ("text/html", None))
                self.send_response(200 if body is not None else 404)
                body = body if body is not None else b"<html>gone</html>"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server, self.base = serve(Handler)

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self.release.set()
        stop(self.server)


@pytest.fixture
def site(monkeypatch):
    without_proxies(monkeypatch)
    server = Site()
    yield server
    server.stop()


def answer_dialogs(monkeypatch, *answers: str) -> list[str]:
    """QInputDialog.getText answers ``answers`` in turn; returns the labels it was asked with."""
    asked: list[str] = []
    queue = list(answers)

    def get_text(parent, title, label, *args, **kwargs):
        asked.append(title)
        return queue.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return asked


def refuse_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def texts(version):
    return [version.sentence_text(k) for k in range(len(version.sentences))]


# ----------------------------------------------------------------------------- Word and PDF
def test_word_and_pdf_files_open_side_by_side_with_notes_and_furniture(window, qtbot):
    comparison = wait_shown(window, qtbot, lambda: window.open_paths([DOCS / "story.docx", DOCS / "story.pdf"]))
    docx, pdf = comparison.versions
    assert (docx.name, pdf.name) == ("story.docx", "story.pdf")
    assert texts(docx)[3] == "Nobody was hurt, the fire service said on Wednesday."
    assert [texts(pdf)[k] for k, s in enumerate(pdf.sentences) if s.furniture][:2] == [
        "Saltmere Gazette - Harbour report", "Page 1 of 3"]
    assert docx.read_at and pdf.read_at
    level, html = window.message_bar.level, window.message_bar.label.text()
    assert level == "warning"
    assert "<b>story.docx</b>: The document&#x27;s 1 comment was left out." in html
    assert "tracked changes (1 insertion, 1 deletion)" in html


def test_word_and_pdf_versions_reopen_from_a_session(window, qtbot, tmp_path):
    first = wait_shown(window, qtbot, lambda: window.open_paths([DOCS / "plain.docx", DOCS / "story.pdf"]))
    path = tmp_path / "documents.storydiff"
    assert window.files.save_session(str(path))
    window.close_comparison()
    again = wait_shown(window, qtbot, lambda: window.files.open_session(str(path)))
    assert [texts(v) for v in again.versions] == [texts(v) for v in first.versions]
    assert [[s.furniture for s in v.sentences] for v in again.versions] == \
        [[s.furniture for s in v.sentences] for v in first.versions]
    assert [v.sha256 for v in again.versions] == [v.sha256 for v in first.versions]


def test_a_scanned_pdf_is_refused_in_the_message_bar_and_the_rest_load(window, qtbot):
    comparison = wait_shown(window, qtbot, lambda: window.open_paths(
        [DOCS / "plain.docx", DOCS / "scanned.pdf", DOCS / "story.docx"]))
    assert [v.name for v in comparison.versions] == ["plain.docx", "story.docx"]
    html = window.message_bar.label.text()
    assert window.message_bar.level == "error"
    assert "scanned.pdf: has no text layer (a scanned PDF?): run OCR on it first, or copy its text" in html


def test_a_folder_with_nothing_to_read_says_so(window, qtbot, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "picture.png").write_bytes(b"\x89PNG")
    (folder / "README.txt").write_text("not a version")
    messages = []
    window.messageShown.connect(lambda level, html: messages.append((level, html)))
    window.add_paths([folder])
    assert messages == [("warning", "<b>Some files were not added:</b><ul style='margin:0'><li><b>photos</b>: holds "
                                    "no files storydiff can read (.txt, .md, .html, .docx, .pdf)</li></ul>")]
    assert window.document.sources == []


def test_a_folder_of_word_and_pdf_files_adds_them(window, qtbot, tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    for name in ("plain.docx", "story.pdf"):
        (folder / name).write_bytes((DOCS / name).read_bytes())
    comparison = wait_shown(window, qtbot, lambda: window.add_paths([folder]))
    assert [v.name for v in comparison.versions] == ["plain.docx", "story.pdf"]


# ----------------------------------------------------------------------------- web addresses
def test_open_url_fetches_and_a_saved_session_reopens_offline(window, qtbot, site, monkeypatch, tmp_path):
    asked = answer_dialogs(monkeypatch, site.url("/a.html"), site.url("/b.html"))
    wait_shown(window, qtbot, window.act_open_url.trigger)
    comparison = wait_shown(window, qtbot, window.act_open_url.trigger)
    assert asked == ["Open URL", "Open URL"]
    assert site.paths == ["/a.html", "/b.html"]
    a, b = comparison.versions
    assert (a.url, b.url) == (site.url("/a.html"), site.url("/b.html"))
    assert a.name == site.url("/a.html").removeprefix("http://")
    assert texts(a)[1].endswith("will reopen as a small museum next spring, the town council said on Monday.")
    assert texts(b)[1].endswith("will reopen as a small museum next summer, the town council said on Monday.")
    # A recomparison reads the kept bytes: no second fetch.
    wait_shown(window, qtbot, lambda: window.document.set_base(1))
    assert site.paths == ["/a.html", "/b.html"]

    path = tmp_path / "web.storydiff"
    assert window.files.save_session(str(path))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert [v["url"] for v in saved["versions"]] == [site.url("/a.html"), site.url("/b.html")]
    assert saved["versions"][0]["read_at"] == a.read_at and saved["versions"][0]["content_type"] == "text/html"

    site.stop()
    refuse_network(monkeypatch)
    window.close_comparison()
    reopened = wait_shown(window, qtbot, lambda: window.files.open_session(str(path)))
    assert [texts(v) for v in reopened.versions] == [texts(a), texts(b)]
    assert reopened.base == 1
    assert [(v.url, v.read_at, v.sha256) for v in reopened.versions] == [
        (a.url, a.read_at, a.sha256), (b.url, b.read_at, b.sha256)]
    assert window.message_bar.isHidden() or "Changed since" not in window.message_bar.label.text()


def test_a_url_that_fails_names_the_address_and_the_answer(window, qtbot, site, monkeypatch):
    answer_dialogs(monkeypatch, site.url("/gone"))
    messages = []
    window.messageShown.connect(lambda level, html: messages.append((level, html)))
    wait_shown(window, qtbot, window.act_open_url.trigger)
    assert messages[-1][0] == "error"
    assert f"{site.url('/gone')}: the server answered 404 Not Found" in messages[-1][1]
    assert window.document.sources == []


def test_text_that_is_not_a_url_is_refused_by_the_dialog(window, monkeypatch, site):
    answer_dialogs(monkeypatch, "www.example.com/story")
    messages = []
    window.messageShown.connect(lambda level, html: messages.append((level, html)))
    window.act_open_url.trigger()
    assert messages == [("error", "<b>www.example.com/story</b>: is not a web address (http:// or https://); "
                                  "to open a file, use File ▸ Open.")]
    assert window.document.sources == [] and site.paths == []


def test_a_pasted_url_is_fetched_not_pasted_as_a_sentence(window, qtbot, site):
    wait_shown(window, qtbot, lambda: window.open_paths([DATA / "article.html"]))
    QGuiApplication.clipboard().setText(site.url("/b.html") + "\n")
    comparison = wait_shown(window, qtbot, window.act_paste.trigger)
    assert site.paths == ["/b.html"]
    assert comparison.versions[1].url == site.url("/b.html")
    assert len(comparison.versions[1].sentences) == len(comparison.versions[0].sentences) == 8


def test_a_dropped_link_is_fetched(window, qtbot, site):
    wait_shown(window, qtbot, lambda: window.open_paths([DOCS / "plain.docx"]))
    mime = QMimeData()
    mime.setUrls([QUrl(site.url("/report.pdf"))])
    pos = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert window.drop.overlay.isVisible() and window.drop.overlay.text == "Drop to add 1 version"
    event = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    comparison = wait_shown(window, qtbot, lambda: QApplication.sendEvent(window, event))
    assert site.paths == ["/report.pdf"]
    assert comparison.versions[1].url == site.url("/report.pdf")
    assert comparison.versions[1].sentences[0].furniture


# ----------------------------------------------------------------------------- clipboard HTML and renaming
def test_clipboard_html_is_read_as_an_article_and_a_pasted_version_can_be_renamed(window, qtbot, monkeypatch,
                                                                                   tmp_path):
    wait_shown(window, qtbot, lambda: window.open_paths([DATA / "article.html"]))
    mime = QMimeData()
    mime.setHtml(REWRITE.decode("utf-8"))
    mime.setText("the plain text a browser puts beside it")
    QGuiApplication.clipboard().setMimeData(mime)
    comparison = wait_shown(window, qtbot, window.act_paste.trigger)
    pasted = comparison.versions[1]
    assert pasted.name == "Pasted page 1"
    assert "<" not in pasted.text and "Brackenford Courier" not in pasted.text  # the article, not the markup
    assert texts(pasted)[1].endswith("next summer, the town council said on Monday.")

    # Rename it from the column header's menu.
    answer_dialogs(monkeypatch, "Courier rewrite")

    def pick_rename():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        rename = next(a for a in menu.actions() if a.text() == "Re&name…")
        menu.close()
        rename.trigger()

    QTimer.singleShot(0, pick_rename)  # once the header's menu is open
    header = window.view.header
    x = header.sectionViewportPosition(1) + 10
    renamed = wait_shown(window, qtbot, lambda: header.customContextMenuRequested.emit(
        header.rect().topLeft() + type(header.rect().topLeft())(x, 5)))
    assert [v.name for v in renamed.versions] == ["article.html", "Courier rewrite"]
    assert texts(renamed.versions[1]) == texts(pasted)

    path = tmp_path / "pasted.storydiff"
    assert window.files.save_session(str(path))
    window.close_comparison()
    reopened = wait_shown(window, qtbot, lambda: window.files.open_session(str(path)))
    assert [v.name for v in reopened.versions] == ["article.html", "Courier rewrite"]
    assert texts(reopened.versions[1]) == texts(pasted)


def test_a_renamed_file_keeps_its_name_in_the_session(window, qtbot, monkeypatch, tmp_path):
    wait_shown(window, qtbot, lambda: window.open_paths([DOCS / "plain.docx", DOCS / "story.docx"]))
    answer_dialogs(monkeypatch, "  Draft   with edits ")
    comparison = wait_shown(window, qtbot, lambda: window.files.ask_rename(1))
    assert [v.name for v in comparison.versions] == ["plain.docx", "Draft with edits"]
    path = tmp_path / "named.storydiff"
    assert window.files.save_session(str(path))
    from viewer.gui.session import load_session

    session = load_session(path)
    assert [s.label for s in session.sources] == ["plain.docx", "Draft with edits"]
    assert Path(session.sources[1].path).resolve() == (DOCS / "story.docx").resolve()


def test_a_slow_fetch_shows_progress_and_can_be_cancelled(window, qtbot, site, monkeypatch):
    wait_shown(window, qtbot, lambda: window.open_paths([DOCS / "plain.docx", DOCS / "story.docx"]))
    messages = []
    window.document.progress.connect(lambda fraction, message: messages.append(message))
    answer_dialogs(monkeypatch, site.url("/slow"))
    window.act_open_url.trigger()
    # The job's progress reaches the window through the event loop: wait for it too.
    fetching = f"Fetching {site.url('/slow').removeprefix('http://')}"
    qtbot.waitUntil(lambda: site.paths == ["/slow"] and fetching in messages, timeout=5000)
    window.act_cancel.trigger()
    assert not window.document.busy
    assert [v.name for v in window.comparison.versions] == ["plain.docx", "story.docx"]
    assert [s.label for s in window.document.sources] == ["plain.docx", "story.docx"]
    assert window.statusBar().currentMessage() == "Comparison cancelled; showing the previous result."


def test_a_damaged_snapshot_in_a_session_is_refused(tmp_path):
    from viewer.gui.session import SessionError, load_session

    path = tmp_path / "bad.storydiff"
    path.write_text(json.dumps({"format": "storydiff-session", "versions": [
        {"name": "example.org/a", "url": "https://example.org/a", "snapshot": "not base64!"}]}))
    with pytest.raises(SessionError) as error:
        load_session(path)
    assert str(error.value) == "bad.storydiff: a version's snapshot is damaged"
