"""Serve a built site from 127.0.0.1 the way GitHub Pages serves a project site.

- Under a sub-path (`/tf-custom-training/`); anything outside it is a 404.
- A missing page gets the site's own `404.html` with status 404, as on Pages.
- A directory without its trailing slash is redirected (301) to it.
- Optionally gzipped (text types only), as Pages does when the client accepts it.

Used by the browser and reader tests and by `make bench` (Lighthouse). `serve_plain` is
Python's own `http.server`, for the offline gate.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import posixpath
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    gzip = False

    def log_message(self, *args):
        pass

    def _local(self) -> Path | None:
        """The file or directory a request path maps to, or None outside the prefix."""
        path = unquote(urlsplit(self.path).path)
        if not (path + "/").startswith(self.prefix):
            return None
        rel = posixpath.normpath(path[len(self.prefix) :] or ".").lstrip("/")
        if rel.startswith(".."):
            return None
        return Path(self.directory, rel)

    def send_head(self):
        local = self._local()
        if local is not None and local.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", urlsplit(self.path).path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            local = local / "index.html"
        if local is None or not local.is_file():
            return self._send(Path(self.directory, "404.html"), 404)
        return self._send(local, 200)

    def _send(self, file: Path, status: int):
        if not file.is_file():  # no 404 page: a bare 404
            self.send_error(404)
            return None
        body = file.read_bytes()
        ctype = self.guess_type(str(file))
        headers = {"Content-Type": ctype, "Cache-Control": "max-age=600"}
        if self.gzip and ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            headers |= {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        self.send_response(status)
        for key, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(key, value)
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns: copyfile() reads it and the handler closes it."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


class _Plain(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_plain(directory: Path | str):
    """Python's stock static server (`python3 -m http.server`), as the README's offline
    instructions use it: the site at the root, no 404 page, no compression."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Plain, directory=str(directory)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def serve(directory: Path | str, prefix: str = "/", gzip: bool = False):
    """Start a threaded server on a free port of 127.0.0.1. Bind first: a build may need the URL.

    Returns (server, url), where url ends with the prefix. Stop it with server.shutdown().
    """
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("Handler", (_Handler,), {"prefix": prefix, "gzip": gzip})
    os.makedirs(directory, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}{prefix}"
