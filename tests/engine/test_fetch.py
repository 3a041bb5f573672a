"""Fetching versions by web address, against a local HTTP server on 127.0.0.1 started by the test."""
import hashlib
import http.server
import time
from pathlib import Path

import pytest
from local_site import serve, stop, without_proxies

from viewer.engine.fetch import FetchError, Fetched, fetch, is_url, media_kind, user_agent
from viewer.engine.loading import LoadError, load_fetched, load_file, url_name
from viewer.engine.params import Params

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLE = (DATA / "article.html").read_bytes()
PDF = (DATA / "documents" / "story.pdf").read_bytes()
DOCX = (DATA / "documents" / "plain.docx").read_bytes()
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
RUSSIAN = "Пожар уничтожил склад в порту во вторник вечером.\n"


class Site:
    """A small web site on 127.0.0.1: each path answers as a real server would; requests are recorded."""

    ROUTES = {
        "/story.html": (200, "text/html; charset=utf-8", ARTICLE),
        "/notes.txt": (200, "text/plain", "Short notes.\nOne more line.\n".encode()),
        "/russian.txt": (200, "text/plain; charset=KOI8-R", RUSSIAN.encode("koi8-r")),
        "/report.pdf": (200, "application/pdf", PDF),
        "/download": (200, "application/octet-stream", DOCX),
        "/picture.png": (200, "image/png", PNG),
        "/missing": (404, "text/html", b"<html><body>Not here</body></html>"),
        "/broken": (500, "text/html", b"<html><body>Oops</body></html>"),
    }

    def __init__(self):
        self.requests: list[tuple[str, str]] = []  # (path, user agent)
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                if self.path in ("/moved", "/to-ftp"):
                    self.send_response(302)
                    self.send_header("Location", "/story.html" if self.path == "/moved" else "ftp://127.0.0.1/x")
                    self.end_headers()
                    return
                if self.path == "/slow":
                    time.sleep(3)
                if self.path == "/huge":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(50 * 2**20))
                    self.end_headers()
                    return
                status, kind, body = site.ROUTES.get(self.path, (404, "text/html", b"<html>no</html>"))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server, self.base = serve(Handler)
        self.server.handle_error = lambda request, address: None  # a client that gave up on /slow

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        stop(self.server)


@pytest.fixture
def site(monkeypatch):
    without_proxies(monkeypatch)
    server = Site()
    yield server
    server.stop()


def test_is_url_takes_one_http_address_and_nothing_else():
    assert is_url("https://example.com/a/b?c=1")
    assert is_url("  http://127.0.0.1:8000/story.html\n")
    assert not is_url("example.com/story")
    assert not is_url("ftp://example.com/story")
    assert not is_url("https://example.com/a and more words")
    assert not is_url("file:///etc/passwd")


def test_media_kinds():
    assert [media_kind(t) for t in ("text/html", "application/xhtml+xml", "text/plain", "application/pdf",
                                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                     "application/octet-stream", "image/png", "application/json")] == \
        ["html", "html", "text", "pdf", "docx", "sniff", None, None]


def test_a_page_is_fetched_with_a_clear_user_agent_and_read_as_an_article(site):
    fetched = fetch(site.url("/story.html"))
    assert fetched.data == ARTICLE
    assert fetched.content_type == "text/html; charset=utf-8"
    assert fetched.final_url == fetched.url == site.url("/story.html")
    assert site.requests == [("/story.html", user_agent())]
    assert user_agent().startswith("storydiff/") and user_agent().endswith(" (+fact-checking diff viewer)")
    version = load_fetched(fetched)
    assert version.text == load_file(DATA / "article.html").text
    assert version.url == site.url("/story.html")
    assert version.path is None
    assert version.read_at == fetched.read_at and fetched.read_at.endswith("Z")
    assert version.sha256 == hashlib.sha256(ARTICLE).hexdigest()
    assert version.name == f"127.0.0.1:{site.server.server_address[1]}/story.html"


def test_a_redirect_is_followed_and_the_final_address_kept(site):
    fetched = fetch(site.url("/moved"))
    assert fetched.url == site.url("/moved")
    assert fetched.final_url == site.url("/story.html")
    assert [path for path, _ in site.requests] == ["/moved", "/story.html"]
    assert load_fetched(fetched).url == site.url("/story.html")


def test_a_pdf_and_a_vaguely_labelled_word_file_are_read_as_documents(site):
    pdf = load_fetched(fetch(site.url("/report.pdf")))
    assert pdf.sentence_text(1) == "Fire destroys harbour warehouse"
    assert pdf.sentences[0].furniture
    docx = load_fetched(fetch(site.url("/download")))
    assert docx.sentence_text(2) == "Sixty firefighters fought the blaze for six hours."
    assert load_fetched(fetch(site.url("/notes.txt"))).text == "Short notes.\nOne more line.\n"


def test_a_404_and_a_500_say_what_the_server_answered(site):
    with pytest.raises(FetchError) as error:
        fetch(site.url("/missing"))
    assert str(error.value) == f"{site.url('/missing')}: the server answered 404 Not Found"
    with pytest.raises(FetchError) as error:
        fetch(site.url("/broken"))
    assert str(error.value) == f"{site.url('/broken')}: the server answered 500 Internal Server Error"


def test_an_image_is_refused_with_what_to_do(site):
    with pytest.raises(FetchError) as error:
        fetch(site.url("/picture.png"))
    assert str(error.value) == (f"{site.url('/picture.png')}: the server sent image/png, not a web page, text, "
                                "PDF or Word document; save what it shows as HTML and open that")


def test_a_server_that_does_not_answer_in_time_is_given_up(site):
    started = time.monotonic()
    with pytest.raises(FetchError) as error:
        fetch(site.url("/slow"), Params(fetch_timeout=0.5))
    assert time.monotonic() - started < 2.5
    assert str(error.value) == f"{site.url('/slow')}: no answer within 0.5 s; try again later"


def test_a_page_over_the_size_limit_is_refused_by_its_length(site):
    with pytest.raises(FetchError) as error:
        fetch(site.url("/huge"))
    assert str(error.value) == f"{site.url('/huge')}: is 50 MB, larger than the 20 MB limit"


def test_a_server_that_is_not_there_is_refused(site):
    url = site.url("/story.html")
    site.stop()
    with pytest.raises(FetchError, match=r": the server refused the connection$"):
        fetch(url)


def test_a_snapshot_loads_again_without_the_network(site, no_network):
    fetched = Fetched("http://example.org/a", "http://example.org/b", ARTICLE, "text/html", "2026-11-30T20:00:00Z")
    version = load_fetched(fetched)
    assert (version.url, version.read_at, version.name) == ("http://example.org/b", "2026-11-30T20:00:00Z",
                                                            "example.org/b")


def test_a_fetched_page_with_no_article_names_the_address(site):
    fetched = Fetched("https://example.org/empty", "https://example.org/empty",
                      b"<html><body><script>render()</script></body></html>", "text/html", "2026-11-30T20:00:00Z")
    with pytest.raises(LoadError) as error:
        load_fetched(fetched)
    assert str(error.value) == ("https://example.org/empty: no article text found in this HTML page (one built "
                                "by scripts?): save the page from the browser as HTML and open that, or copy its text")


def test_url_names():
    assert url_name("https://www.example.com/world/xi-moscow/?utm=1#top") == "example.com/world/xi-moscow"
    assert url_name("http://example.com/") == "example.com"


def test_the_charset_a_server_names_is_used_without_a_guess(site):
    fetched = fetch(site.url("/russian.txt"))
    assert fetched.content_type == "text/plain; charset=KOI8-R"
    version = load_fetched(fetched)
    assert (version.text, version.encoding, version.notes) == (RUSSIAN, "koi8-r", ())
    # The same bytes with the header's charset left out: a guess, and a note says so.
    guessed = load_fetched(fetched._replace(content_type="text/plain"))
    assert guessed.notes == ("Read as KOI8-R: the file is not UTF-8 and names no encoding.",)
    assert media_kind("Text/HTML; charset=utf-8") == "html"


def test_a_redirect_away_from_the_web_is_refused(site):
    with pytest.raises(FetchError) as error:
        fetch(site.url("/to-ftp"))
    assert str(error.value) == (f"{site.url('/to-ftp')}: was redirected to ftp://127.0.0.1/x, which is not an http "
                                "or https address")
