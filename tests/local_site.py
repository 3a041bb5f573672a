"""A web server on 127.0.0.1 for the tests that fetch (engine and viewer): started and stopped here."""
from __future__ import annotations

import http.server
import threading

PROXY_VARIABLES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


def without_proxies(monkeypatch) -> None:
    """Requests to 127.0.0.1 must not go through a proxy set in the environment."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def serve(handler: type[http.server.BaseHTTPRequestHandler]) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``handler`` on a free port in a daemon thread; return the server and its base address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def stop(server: http.server.ThreadingHTTPServer) -> None:
    server.shutdown()
    server.server_close()
