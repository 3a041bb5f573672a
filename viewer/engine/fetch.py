"""Fetch a version from the web: one GET with a timeout, a size cap and a User-Agent that says who asks.

Only called for an address the user gave. Redirects are followed and the final address kept;
what came back is returned as bytes with its media type, so the loader reads it as it would a
saved file, and the caller can keep the bytes as a snapshot to repeat the comparison offline.
"""
from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from typing import Callable, NamedTuple

from viewer.engine.params import Params

_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown")
PDF_TYPES = ("application/pdf", "application/x-pdf")
DOCX_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
# Servers label downloads vaguely: these are sniffed for a PDF or Word file.
_VAGUE_TYPES = ("application/octet-stream", "binary/octet-stream", "application/download",
                "application/force-download", "")
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A fetch that failed; ``str()`` is one line naming the address and the reason."""

    def __init__(self, url: str, reason: str):
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


class Fetched(NamedTuple):
    """What one address gave: the final address after redirects, the bytes, their media type, when."""

    url: str            # as asked
    final_url: str      # after redirects
    data: bytes
    content_type: str   # the Content-Type header as sent, e.g. "text/html; charset=utf-8" ("" when none)
    read_at: str        # ISO 8601, UTC


def is_url(text: str) -> bool:
    """Whether ``text`` is one http(s) address and nothing else."""
    return bool(_URL.match(text.strip()))


def now_iso() -> str:
    """The time now, ISO 8601 in UTC to the second: "2026-11-30T20:25:00Z"."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def user_agent() -> str:
    from viewer import __version__

    return f"storydiff/{__version__} (+fact-checking diff viewer)"


def fetch(url: str, params: Params = Params(), cancelled: Callable[[], bool] | None = None) -> Fetched:
    """GET ``url`` (http or https), following redirects; raise FetchError with the reason.

    No more than ``params.max_document_bytes`` is read (``params.max_file_bytes`` for a web page
    or text); the whole fetch takes at most about ``params.fetch_timeout`` seconds.
    """
    # Imported here: the loader imports this module, and start-up should not pay for http and ssl.
    import socket
    import urllib.error
    import urllib.request
    from http.client import HTTPException

    url = url.strip()
    if not is_url(url):
        raise FetchError(url, "is not an http or https address")
    request = urllib.request.Request(url, headers={
        "User-Agent": user_agent(),
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5",
    })
    timeout = params.fetch_timeout
    deadline = time.monotonic() + timeout
    read_at = now_iso()
    try:
        with _opener().open(request, timeout=timeout) as response:
            final_url = response.geturl()
            content_type = " ".join(response.headers.get("Content-Type", "").split())
            kind = media_kind(content_type)
            if kind is None:
                raise FetchError(url, f"the server sent {bare_type(content_type)}, not a web page, text, PDF or Word "
                                      f"document; save what it shows as HTML and open that")
            limit = params.max_file_bytes if kind in ("html", "text") else params.max_document_bytes
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise FetchError(url, f"is {_megabytes(int(length))}, larger than the {_megabytes(limit)} limit")
            chunks: list[bytes] = []
            size = 0
            while True:
                if cancelled is not None and cancelled():
                    raise FetchError(url, "cancelled")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"took longer than {timeout:g} s to arrive; try again, or save the "
                                          f"page as HTML and open that")
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"is larger than the {_megabytes(limit)} limit")
    except FetchError:
        raise
    except _NotWeb as error:
        raise FetchError(url, f"was redirected to {error}, which is not an http or https address") from None
    except urllib.error.HTTPError as error:
        raise FetchError(url, f"the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchError(url, f"no answer within {timeout:g} s; try again later") from None
        if isinstance(reason, socket.gaierror):
            raise FetchError(url, "the server's name could not be found (no network, or a typo?)") from None
        if isinstance(reason, ConnectionRefusedError):
            raise FetchError(url, "the server refused the connection") from None
        raise FetchError(url, f"cannot be reached: {getattr(reason, 'strerror', None) or reason}") from None
    except (socket.timeout, TimeoutError):
        raise FetchError(url, f"no answer within {timeout:g} s; try again later") from None
    except (HTTPException, OSError, ValueError) as error:
        raise FetchError(url, f"the connection failed: {error}") from None
    return Fetched(url, final_url, b"".join(chunks), content_type, read_at)


class _NotWeb(Exception):
    """A redirect to anything but http or https (urllib would follow one to ftp)."""


def _opener():
    import urllib.request

    class WebOnly(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if not newurl.lower().startswith(("http://", "https://")):
                raise _NotWeb(newurl)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(WebOnly)


def media_kind(content_type: str) -> str | None:
    """How the loader reads a media type (parameters allowed): "html", "text", "pdf", "docx", "sniff"
    (look at the bytes), or None."""
    content_type = bare_type(content_type)
    if content_type in HTML_TYPES:
        return "html"
    if content_type in TEXT_TYPES:
        return "text"
    if content_type in PDF_TYPES:
        return "pdf"
    if content_type in DOCX_TYPES:
        return "docx"
    if content_type in _VAGUE_TYPES:
        return "sniff"
    return None


def bare_type(content_type: str) -> str:
    """The media type of a Content-Type value, lowercase, without parameters: "text/html"."""
    return content_type.split(";", 1)[0].strip().lower()


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f}".removesuffix(".0") + " MB"
