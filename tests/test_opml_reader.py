"""feeds.opml as a feed reader takes it: imported into `reader` (the Python library) from the
served file, every feed in it fetched over HTTP from `syndicate serve`'s server and updated."""

from __future__ import annotations

import io
import socket
import threading
import urllib.request

import pytest

from feeds_fixtures import CANONICAL, build_store
from syndicate import publish as feeds
from syndicate.server import make_feed_server

reader_lib = pytest.importorskip("reader", reason="the `reader` library is a test dependency (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("opml")
    with socket.socket() as s:  # a free port, so the feeds are published for the address they are served at
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    site = f"http://127.0.0.1:{port}/"
    store = build_store(root / "s.db")
    report = feeds.publish(store, root / "out", site_url=site)
    store.close()
    server = make_feed_server(root / "out", port=port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, report, root
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_the_opml_file_imports_into_reader_and_every_feed_updates(served):
    site, report, root = served
    opml = urllib.request.urlopen(site + "feeds.opml", timeout=10).read()
    with reader_lib.make_reader(str(root / "reader.sqlite")) as reader:
        reader.import_feeds(io.BytesIO(opml))
        urls = {f.url for f in reader.get_feeds()}
        assert urls == {site + f.path + ".atom" for f in report.feeds}  # every feed, once
        results = list(reader.update_feeds_iter())
        assert len(results) == len(urls)
        assert not [r for r in results if r.error], [(r.url, r.error) for r in results if r.error]
        for feed in reader.get_feeds():
            assert feed.last_exception is None and feed.last_updated is not None, feed.url
            assert feed.title  # read from the feed itself
        counts = {f.url: reader.get_entry_counts(feed=f).total for f in reader.get_feeds()}
        assert counts[site + "all.atom"] == len(CANONICAL)
        assert counts == {site + f.path + ".atom": len(f.entries) for f in report.feeds}
        again = list(reader.update_feeds_iter())  # a second poll: nothing new, nothing twice
        assert all(r.error is None and (r.value is None or r.value.new == 0) for r in again)
        assert reader.get_entry_counts().total == sum(counts.values())
