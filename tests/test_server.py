"""`syndicate serve` over real HTTP on 127.0.0.1: types, validators, 304, HEAD, gzip, and refusals."""

from __future__ import annotations

import gzip
import http.client
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from feeds_fixtures import build_store
from syndicate import publish as feeds
from syndicate.cli import cli
from syndicate.server import make_feed_server


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    store = build_store(root / "syndicate.db")
    out = root / "out"
    feeds.publish(store, out)
    store.close()
    (root / "secret.txt").write_text("outside the output directory")
    os.symlink(root / "secret.txt", out / "leak.txt")
    os.symlink(out / "all.atom", out / "alias.atom")  # a link that stays inside is fine
    (out / ".all.atom.abc.tmp").write_text("half-written")
    server = make_feed_server(out, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield out, server
    server.shutdown()
    server.server_close()
    thread.join(5)


def request(server, path: str, method: str = "GET", headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
    conn.request(method, path, headers=headers or {})  # sent as given: no client-side normalising
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_binds_loopback_by_default(site):
    _, server = site
    assert server.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize("path, content_type", [
    ("/all.atom", "application/atom+xml; charset=utf-8"),
    ("/lang/zh-Hans.rss", "application/rss+xml; charset=utf-8"),
    ("/source/csr_china_en.json", "application/feed+json; charset=utf-8"),
    ("/index.html", "text/html; charset=utf-8"),
    ("/feeds.opml", "text/x-opml; charset=utf-8"),
    ("/", "text/html; charset=utf-8"),
])
def test_serves_files_with_their_types(site, path, content_type):
    out, server = site
    response, body = request(server, path)
    assert response.status == 200
    assert response.getheader("Content-Type") == content_type
    assert body == (out / (path.lstrip("/") or "index.html")).read_bytes()
    assert response.getheader("Vary") == "Accept-Encoding"


def test_strong_etag_and_304(site):
    _, server = site
    response, _ = request(server, "/all.atom")
    etag, modified = response.getheader("ETag"), response.getheader("Last-Modified")
    assert etag.startswith('"') and not etag.startswith("W/")
    assert modified.endswith("GMT")
    again, body = request(server, "/all.atom", headers={"If-None-Match": etag})
    assert again.status == 304 and body == b""
    assert again.getheader("ETag") == etag and again.getheader("Vary") == "Accept-Encoding"
    since, body = request(server, "/all.atom", headers={"If-Modified-Since": modified})
    assert since.status == 304 and body == b""
    stale, body = request(server, "/all.atom", headers={"If-None-Match": '"not-it"'})
    assert stale.status == 200 and body


def test_new_bytes_get_a_new_etag(site, tmp_path):
    out, server = site
    target = out / "category" / "events.json"
    first, _ = request(server, "/category/events.json")
    original = target.read_bytes()
    target.write_bytes(original.replace(b"Forum", b"Forum!"))
    try:
        second, body = request(server, "/category/events.json", headers={"If-None-Match": first.getheader("ETag")})
        assert second.status == 200 and b"Forum!" in body
        assert second.getheader("ETag") != first.getheader("ETag")
    finally:
        target.write_bytes(original)


def test_head_has_headers_and_no_body(site):
    out, server = site
    get, _ = request(server, "/all.rss")
    head, body = request(server, "/all.rss", method="HEAD")
    assert head.status == 200 and body == b""
    assert head.getheader("Content-Length") == str((out / "all.rss").stat().st_size)
    for name in ("Content-Type", "ETag", "Last-Modified", "Vary"):
        assert head.getheader(name) == get.getheader(name)


def test_gzip_when_asked(site):
    out, server = site
    plain, _ = request(server, "/all.atom")
    response, body = request(server, "/all.atom", headers={"Accept-Encoding": "gzip, deflate"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Vary") == "Accept-Encoding"
    assert gzip.decompress(body) == (out / "all.atom").read_bytes() and len(body) < len(gzip.decompress(body))
    assert response.getheader("ETag") != plain.getheader("ETag")  # a different representation
    again, _ = request(server, "/all.atom", headers={"Accept-Encoding": "gzip",
                                                     "If-None-Match": response.getheader("ETag")})
    assert again.status == 304
    refused, body = request(server, "/all.atom", headers={"Accept-Encoding": "gzip;q=0"})
    assert refused.getheader("Content-Encoding") is None and body == (out / "all.atom").read_bytes()


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/lang/../../secret.txt", "/..%2fsecret.txt", "/lang/..%2f..%2fsecret.txt",
    "//secret.txt", "/leak.txt", "/lang/", "/lang", "/archive", "/.all.atom.abc.tmp", "/%00", "/all.atom%00.html",
    "/nope.atom", "/..\\secret.txt",
])
def test_refuses_what_is_not_a_published_file(site, path):
    _, server = site
    response, body = request(server, path)
    assert response.status == 404, path
    assert b"outside" not in body and b"half-written" not in body


def test_symlink_inside_the_directory_is_served(site):
    out, server = site
    response, body = request(server, "/alias.atom")
    assert response.status == 200 and body == (out / "all.atom").read_bytes()


def test_only_get_and_head(site):
    _, server = site
    response, _ = request(server, "/all.atom", method="POST")
    assert response.status == 405 and response.getheader("Allow") == "GET, HEAD"


def test_cli_serve_needs_a_published_directory(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--out", str(tmp_path / "missing"), "--port", "0"])
    assert result.exit_code != 0 and "syndicate publish" in result.output


def test_serves_the_new_set_once_a_publish_switches(tmp_path):
    """The server follows the published link per request: after a publish it serves the new
    set, and never a file of another generation beside the index it served."""
    store = build_store(tmp_path / "s.db")
    out = tmp_path / "out"
    feeds.publish(store, out, site_url="http://a.test/")
    server = make_feed_server(out, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        _, first = request(server, "/all.atom")
        assert b"http://a.test/all.atom" in first
        feeds.publish(store, out, site_url="http://b.test/")
        _, second = request(server, "/all.atom")
        assert b"http://b.test/all.atom" in second and b"http://a.test/" not in second
        feeds.publish(store, out, site_url="http://c.test/")  # the first generation is pruned now
        response, third = request(server, "/all.atom")
        assert response.status == 200 and b"http://c.test/all.atom" in third
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        store.close()


def test_stalled_clients_are_bounded_and_headers_and_logs_are_clean(tmp_path, capfd):
    """Clients that connect and send nothing once held a thread each (200: 203 threads); every response carried
    two Date headers; the access log wrote ANSI colour codes. Now: idle connections are closed
    after a timeout, the number of connections is capped, one Date, plain log lines."""
    import socket
    import time

    store = build_store(tmp_path / "s.db")
    out = tmp_path / "out"
    feeds.publish(store, out)
    store.close()
    server = make_feed_server(out, port=0, channel_timeout=2, connection_limit=100)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stalled = []
    try:
        before = threading.active_count()
        for _ in range(60):
            sock = socket.create_connection(("127.0.0.1", server.server_port), timeout=5)
            stalled.append(sock)
        time.sleep(0.5)
        assert threading.active_count() - before < 20  # no thread per connection
        time.sleep(4.5)  # past the idle timeout and a clean-up turn: the server closed them
        closed = 0
        for sock in stalled:
            sock.settimeout(0.5)
            try:
                closed += sock.recv(1) == b""
            except OSError:
                closed += 1
        assert closed == len(stalled)
        response, _ = request(server, "/all.atom")
        assert response.status == 200
        assert len([h for h, _ in response.getheaders() if h.lower() == "date"]) == 1
    finally:
        for sock in stalled:
            sock.close()
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert "\x1b[" not in capfd.readouterr().err


def test_feeds_are_published_for_the_address_they_are_served_at():
    """`make run` publishes with the default site URL and `make serve` serves with the default
    host and port: the links in the feeds (self, archives, categories) must point there."""
    from syndicate import settings

    assert settings.SYNDICATE_SITE_URL == f"http://{settings.SYNDICATE_SERVE_HOST}:{settings.SYNDICATE_SERVE_PORT}/"
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "--site-url" not in run and "syndicate run" in run
    assert "syndicate serve --out var/feeds" in makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
