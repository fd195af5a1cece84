"""Serve the published feeds: a small WSGI app (werkzeug's request and response objects) on
waitress, for cron-driven sites and feed readers.

What it does: GET and HEAD of files under the output directory, with the right content types,
a strong ETag (SHA-256 of the bytes) and Last-Modified, 304 answers to conditional requests,
and gzip when the client asks (``Vary: Accept-Encoding`` on every answer). What it refuses,
with 404: paths outside the directory (``..``, encoded or not), symlinks leading out of it,
hidden files (``.*``, which includes the publisher's temporary files) and directories (no
listings; ``/`` serves ``index.html``).

Any static web server does the same job: point nginx/Apache/Caddy at the output directory and
map ``.atom`` to ``application/atom+xml``, ``.rss`` to ``application/rss+xml`` and ``.json``
to ``application/feed+json``. The output directory is a link to the current published set,
switched atomically, so any server sends files of one whole set.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from werkzeug.security import safe_join
from werkzeug.wrappers import Request, Response

from . import settings as defaults
from .publish.formats import FORMATS

DEFAULT_HOST = defaults.SYNDICATE_SERVE_HOST
DEFAULT_PORT = defaults.SYNDICATE_SERVE_PORT

CONTENT_TYPES = {
    **{f".{fmt.suffix}": f"{fmt.media_type}; charset=utf-8" for fmt in FORMATS.values()},
    ".html": "text/html; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
COMPRESSIBLE = {".atom", ".rss", ".json", ".html", ".opml", ".xml", ".txt", ".css", ".svg"}
MIN_GZIP_BYTES = 256


@dataclass(frozen=True)
class _Representation:
    body: bytes
    etag: str
    gzipped: bytes
    gzip_etag: str
    modified: datetime


class FeedServer:
    """WSGI app serving the files under ``root`` (read fresh on every change; small feeds only)."""

    def __init__(self, root: str | Path):
        self.root = Path(root).absolute()  # resolved per request: publish switches it to a new set
        self._cache: dict[tuple, _Representation] = {}
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        return self.respond(Request(environ))(environ, start_response)

    def respond(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            response = Response("method not allowed\n", 405, mimetype="text/plain")
            response.headers["Allow"] = "GET, HEAD"
            return response
        path = self.resolve(request.path)
        if path is None:
            return Response("not found\n", 404, mimetype="text/plain")
        try:
            rep = self._load(path)
        except OSError:
            return Response("not found\n", 404, mimetype="text/plain")
        suffix = path.suffix.lower()
        compress = (suffix in COMPRESSIBLE and len(rep.body) >= MIN_GZIP_BYTES
                    and request.accept_encodings["gzip"] > 0)
        response = Response(rep.gzipped if compress else rep.body, content_type=_content_type(path))
        response.set_etag(rep.gzip_etag if compress else rep.etag)
        response.last_modified = rep.modified
        response.vary.add("Accept-Encoding")
        if compress:
            response.content_encoding = "gzip"
        response.cache_control.no_cache = True  # readers may keep it, but revalidate (cheap: 304)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response.make_conditional(request)

    def resolve(self, url_path: str) -> Path | None:
        """The file a URL path names, or None: never outside root, never hidden, never a directory."""
        rel = url_path.lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        parts = rel.split("/")
        if any(part in ("", ".", "..") or part.startswith(".") or "\\" in part or "\x00" in part
               for part in parts):
            return None
        base = Path(os.path.realpath(self.root))  # the published set this request is served from
        joined = safe_join(str(base), rel)
        if joined is None:
            return None
        real = Path(os.path.realpath(joined))
        if not real.is_relative_to(base) or not real.is_file():
            return None
        return real

    def _load(self, path: Path) -> _Representation:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            key = (str(path), st.st_ino, st.st_size, st.st_mtime_ns)
            with self._lock:
                cached = self._cache.get(key)
            if cached:
                return cached
            body = fh.read()
        digest = hashlib.sha256(body).hexdigest()[:32]
        rep = _Representation(body=body, etag=digest, gzipped=gzip.compress(body, mtime=0),
                              gzip_etag=digest + "-gzip",
                              modified=datetime.fromtimestamp(int(st.st_mtime), timezone.utc))
        with self._lock:
            self._cache = {k: v for k, v in self._cache.items() if k[0] != key[0]}
            self._cache[key] = rep
        return rep


def _content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


class FeedHttpServer:
    """The feed app on waitress, a production WSGI server: a fixed pool of worker threads,
    idle connections closed after ``channel_timeout`` seconds, at most ``connection_limit``
    connections, one Date header, plain log lines."""

    def __init__(self, app, host: str, port: int, threads: int = 4, connection_limit: int = 100,
                 channel_timeout: int = 30):
        from waitress.server import create_server

        self._server = create_server(app, host=host, port=port, threads=threads, connection_limit=connection_limit,
                                     channel_timeout=channel_timeout, ident="csr-syndicate",
                                     cleanup_interval=max(1, channel_timeout // 2), asyncore_loop_timeout=0.5)
        self._stopping = False

    @property
    def server_port(self) -> int:
        return self._server.effective_port

    @property
    def server_address(self) -> tuple[str, int]:
        return self._server.effective_host, self._server.effective_port

    def serve_forever(self) -> None:
        try:
            self._server.run()
        except OSError:  # the socket closed under the loop's select(): only after shutdown()
            if not self._stopping:
                raise

    def shutdown(self) -> None:
        self._stopping = True
        self._server.close()  # the loop ends at its next turn (asyncore_loop_timeout)

    def server_close(self) -> None:
        self._server.task_dispatcher.shutdown()


def make_feed_server(out: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                     channel_timeout: int = 30, connection_limit: int = 100) -> FeedHttpServer:
    """The feed server for ``out``; port 0 picks a free port (``server.server_port``)."""
    if not Path(out).is_dir():
        raise FileNotFoundError(f"no output directory at {out} (run `syndicate publish` first)")
    return FeedHttpServer(FeedServer(out), host, port, connection_limit=connection_limit,
                          channel_timeout=channel_timeout)


def serve(out: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, on_ready=None) -> None:
    """Serve ``out`` until interrupted; ``on_ready(url)`` is called once the port is bound."""
    server = make_feed_server(out, host, port)
    if on_ready:
        on_ready(f"http://{host}:{server.server_port}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
