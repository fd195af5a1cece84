"""Serve the offline mirror (syndicate/data/mirror) on 127.0.0.1, one static HTTP server per real host.

Each directory of the mirror named like a host (``en.csr-china.net``) is served by its own
``ThreadingHTTPServer`` on a free port; ``MirrorServer.base_urls`` maps the real host to it.
The servers behave like a plain static server in front of the CMS's generated files: GET and
HEAD, query strings ignored, ``index.html`` for directories, 404 for anything else, strong
ETags, a fixed Last-Modified per file and 304 answers to conditional requests. Response header
overrides (the site's lying ``charset``) come from ``headers.json``. Every request is logged in
``MirrorServer.requests`` so tests can count what a crawl asked for.

Pages that differ by query string (Drupal's ``/news?page=2``) are files named
``NAME__QUERY.html`` next to where ``NAME`` would be: ``news__page=2.html`` answers
``/news?page=2`` (the query must match exactly; headers.json key ``/news?page=2``) and
``news__.html`` answers ``/news`` itself and any other query on it, even when a ``news/``
directory exists beside it (headers.json key ``/news``). Such files are reachable only through
those URLs: ``/news__page=2.html`` is a 404. Hosts without such files behave as before.

    with serve_mirror() as mirror:
        mirror.base_urls["en.csr-china.net"]   # "http://127.0.0.1:PORT"

    python -m syndicate.mirror [--root DIR]    # serve until Ctrl-C
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import signal
import threading
import time
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

DEFAULT_ROOT = Path(__file__).resolve().parent / "data" / "mirror"  # shipped in the package
DEFAULT_LAST_MODIFIED = "Sun, 01 Jan 2017 00:00:00 GMT"
CONTENT_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".php": "text/html", ".txt": "text/plain",
    ".gif": "image/gif", ".png": "image/png", ".jpg": "image/jpeg", ".css": "text/css",
    ".js": "application/javascript", ".xml": "application/xml", ".json": "application/json",
}
LOGGED_HEADERS = ("Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language",
                  "Referer", "If-None-Match", "If-Modified-Since")
QUERY_FILE_SEPARATOR = "__"
SAFE_QUERY = re.compile(r"[A-Za-z0-9_.=&+%-]+")  # queries that may name a file (no "/")
NOT_FOUND_BODY = (b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
                  b"<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n")


class RequestLog(list):
    """A list of request records that threads can append to safely; ``clear()`` empties it."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()

    def append(self, record: dict[str, Any]) -> None:
        with self._lock:
            super().append(record)

    def clear(self) -> None:
        with self._lock:
            super().clear()

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return self[:]

    def __iter__(self):
        return iter(self.snapshot())


class _HostServer(ThreadingHTTPServer):
    """One host's server: knows its docroot, its header overrides and the shared log."""

    daemon_threads = True

    def __init__(self, host: str, docroot: Path, overrides: dict[str, dict[str, str]], log: RequestLog):
        self.host = host
        self.docroot = docroot.resolve()
        self.overrides = overrides
        self.log = log
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request, client_address) -> None:  # clients hanging up are not news
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _HostServer
    protocol_version = "HTTP/1.1"
    timeout = 30  # idle keep-alive connections end on their own

    def version_string(self) -> str:
        return "Apache"

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _not_allowed(self) -> None:
        self._respond(405, {"Allow": "GET, HEAD", "Content-Type": "text/plain"}, b"Method Not Allowed\n")

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the log is self.server.log
        pass

    def _serve(self, body: bool) -> None:
        target = self._resolve()
        if isinstance(target, str):  # a directory asked for without its slash
            self._respond(301, {"Location": target, "Content-Type": "text/plain"}, b"", body)
            return
        if target is None:
            self._respond(404, {"Content-Type": "text/html"}, NOT_FOUND_BODY, body)
            return
        file, key = target
        data = file.read_bytes()
        headers = {
            "Content-Type": CONTENT_TYPES.get(file.suffix.lower(), "application/octet-stream"),
            "ETag": '"' + hashlib.sha256(data).hexdigest()[:32] + '"',
            "Last-Modified": DEFAULT_LAST_MODIFIED,
        }
        headers.update(self.server.overrides.get(key, {}))
        if self._not_modified(headers["ETag"], headers["Last-Modified"]):
            self._respond(304, {k: headers[k] for k in ("ETag", "Last-Modified")}, b"", False)
            return
        self._respond(200, headers, data, body)

    def _resolve(self) -> tuple[Path, str] | str | None:
        """Map the request path to (file, headers.json key), a redirect target, or None (404)."""
        raw = self.path
        path, _, query = raw.partition("?")
        path = path.partition("#")[0]
        if not path.startswith("/"):
            return None
        decoded = unquote(path)
        segments = decoded.split("/")[1:]
        if "\\" in decoded or "\x00" in decoded or any(s in (".", "..") for s in segments) \
                or "" in segments[:-1]:
            return None  # traversal, encoded or not, and "//absolute" paths
        if QUERY_FILE_SEPARATOR in segments[-1]:
            return None  # a query file: only its URL reaches it
        file = self.server.docroot.joinpath(*segments)
        query_file = self._query_file(file, segments[-1], decoded, query)
        if query_file is not None:
            return query_file
        if file.is_dir():
            if segments[-1] != "":
                return decoded + "/" + (f"?{query}" if query else "")
            file = file / "index.html"
        try:
            resolved = file.resolve(strict=True)
        except (FileNotFoundError, NotADirectoryError, OSError):
            return None
        if not resolved.is_file() or not resolved.is_relative_to(self.server.docroot):
            return None
        key = "/" + resolved.relative_to(self.server.docroot).as_posix()
        if key == "/index.html" or key.endswith("/index.html"):
            key = key.removesuffix("index.html")
        return resolved, key

    def _query_file(self, file: Path, name: str, decoded: str, query: str) -> tuple[Path, str] | None:
        """``NAME__QUERY.html`` for ``/NAME?QUERY``, else ``NAME__.html`` for ``/NAME`` (see module doc)."""
        if not name:
            return None
        queries = [query] if SAFE_QUERY.fullmatch(query) else []
        for q in queries + [""]:
            candidate = file.with_name(f"{name}{QUERY_FILE_SEPARATOR}{q}.html")
            try:
                resolved = candidate.resolve(strict=True)
            except (FileNotFoundError, NotADirectoryError, OSError):
                continue
            if resolved.is_file() and resolved.is_relative_to(self.server.docroot):
                return resolved, decoded + (f"?{q}" if q else "")
        return None

    def _not_modified(self, etag: str, last_modified: str) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
            return "*" in tags or etag in tags
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False
        return False

    def _respond(self, status: int, headers: dict[str, str], data: bytes, body: bool = True) -> None:
        self.server.log.append({
            "time": time.monotonic(),  # when it arrived (tests measure a crawl's pace)
            "host": self.server.host,
            "method": self.command,
            "path": self.path,
            "headers": {h: self.headers[h] for h in LOGGED_HEADERS if h in self.headers},
            "status": status,
        })
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body and status != 304:
            self.wfile.write(data)


class MirrorServer:
    """The servers of every host directory under ``root``; a context manager."""

    def __init__(self, root: Path = DEFAULT_ROOT):
        self.root = Path(root)
        self.requests = RequestLog()
        self._servers: dict[str, _HostServer] = {}
        self._threads: list[threading.Thread] = []

    @property
    def hosts(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and "." in p.name and not p.name.startswith("."))

    @property
    def base_urls(self) -> dict[str, str]:
        """Real host -> ``http://127.0.0.1:PORT`` of the server standing in for it."""
        return {host: f"http://127.0.0.1:{srv.server_address[1]}" for host, srv in self._servers.items()}

    def url(self, host: str, path: str = "/") -> str:
        """The mirror URL of ``path`` on the real ``host``."""
        return self.base_urls[host] + path

    def clear(self) -> None:
        self.requests.clear()

    def start(self) -> MirrorServer:
        if self._servers:
            return self
        headers_file = self.root / "headers.json"
        overrides = json.loads(headers_file.read_text("utf-8")) if headers_file.exists() else {}
        for host in self.hosts:
            server = _HostServer(host, self.root / host, overrides.get(host, {}), self.requests)
            thread = threading.Thread(target=server.serve_forever, name=f"mirror-{host}", daemon=True)
            thread.start()
            self._servers[host] = server
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_mirror(root: Path = DEFAULT_ROOT) -> MirrorServer:
    """Start serving the mirror at ``root``; use as ``with serve_mirror() as mirror: ...``."""
    return MirrorServer(root).start()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m syndicate.mirror", description="Serve the offline mirror.")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help=f"mirror directory (default {DEFAULT_ROOT})")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with serve_mirror(args.root) as mirror:
        for host, url in mirror.base_urls.items():
            print(f"{host}\t{url}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
