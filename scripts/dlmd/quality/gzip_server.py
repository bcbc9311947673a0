"""The loopback static server for a built site (tests and figures): answers like the host.

GitHub Pages serves text gzip-compressed (dlmd.pageweight.host), a directory URL from its
index.html and a missing page as 404.html with status 404; Lighthouse and the transfer sizes
must see the bytes a reader downloads, which Python's plain `http.server` does not send.
"""

from __future__ import annotations

import http.server
import posixpath
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dlmd.pageweight.host import content_type, gzipped, is_compressible


class GzipHandler(http.server.BaseHTTPRequestHandler):
    """Serve files under `root` (set by `serving`), gzip-compressed when the client asks."""

    root: Path
    base_path: str  # where the site lives on the host, e.g. "/" or "/project/"
    _cache: dict[tuple[Path, float], bytes]
    _lock: threading.Lock
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host; every reply has Content-Length

    def log_message(self, format: str, *args: object) -> None:
        pass  # a test run does not need an access log on stderr

    def _resolve(self) -> tuple[int, Path | None, str | None]:
        """(status, file to send, redirect location) for the request path."""
        raw = urllib.parse.urlsplit(self.path).path
        if raw == self.base_path.rstrip("/"):
            return 301, None, self.base_path
        if not raw.startswith(self.base_path):
            return 404, None, None
        rel = posixpath.normpath(urllib.parse.unquote(raw[len(self.base_path) :])).lstrip("/")
        if rel.startswith("..") or "\x00" in rel:
            return 404, None, None
        target = (self.root / rel) if rel not in ("", ".") else self.root
        if target.is_dir():
            if not raw.endswith("/"):
                return 301, None, raw + "/"
            target = target / "index.html"
        if target.is_file():
            return 200, target, None
        return 404, None, None

    def _body(self, path: Path, gzip_it: bool) -> bytes:
        data = path.read_bytes()
        if not gzip_it:
            return data
        key = (path, path.stat().st_mtime)
        with self._lock:
            cached = self._cache.get(key)
        if cached is None:
            cached = gzipped(data)
            with self._lock:
                self._cache[key] = cached
        return cached

    def _reply(self, send_body: bool) -> None:
        status, path, location = self._resolve()
        if status == 301:
            self.send_response(301)
            self.send_header("Location", location or "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path is None:
            path = self.root / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        ctype = content_type(path)
        accepts = self.headers.get("Accept-Encoding", "")
        gzip_it = is_compressible(ctype) and "gzip" in accepts
        body = self._body(path, gzip_it)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if is_compressible(ctype):
            self.send_header("Vary", "Accept-Encoding")
        if gzip_it:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def do_GET(self) -> None:
        self._reply(send_body=True)

    def do_HEAD(self) -> None:
        self._reply(send_body=False)


@contextmanager
def serving(root: Path, base_path: str = "/") -> Iterator[str]:
    """Serve `root` with gzip on a free loopback port for the duration of the block; yield the
    site's URL. The site is served below `base_path` as on the production host (a project site
    lives at /<repository>/), so pages that use absolute paths, such as 404.html, work too."""
    if not (base_path.startswith("/") and base_path.endswith("/")):
        raise ValueError(f"base_path must start and end with '/', got {base_path!r}")
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such folder; build the site first")
    fields = {"root": root, "base_path": base_path, "_cache": {}, "_lock": threading.Lock()}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("Site", (GzipHandler,), fields))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()
