"""Databases that are not ours, newer than this code, or not writable: refused before a single
byte is written and before any request, with exit 1 and one line naming the file."""

import hashlib
import shutil
import sqlite3
import subprocess
import os

import pytest

from test_run import syndicate
from syndicate.store import Store

CRAWL = ["crawl", "csr_china_en", "--base-url", "http://127.0.0.1:9/"]  # never reached: refused first


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(result, db) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"cannot use {db} as the database" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "no page could be fetched" not in result.stdout + result.stderr


@pytest.mark.parametrize("schema", [
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)",                        # any other program's
    "CREATE TABLE articles (id TEXT PRIMARY KEY, body TEXT); PRAGMA application_id = 1234",  # looks like ours
])
def test_a_foreign_database_is_refused_and_left_untouched(tmp_path, schema):
    db = tmp_path / "theirs.db"
    conn = sqlite3.connect(db)
    conn.executescript(schema)
    conn.commit()
    conn.close()
    before = digest(db)
    for args in (CRAWL, ["publish"], ["stats"]):
        refused(syndicate(*args, "--db", str(db)), db)
    assert digest(db) == before
    assert not (tmp_path / "theirs.db-wal").exists()
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL


def our_store(db, sql: str):
    """One of our stores, then changed behind the code's back by ``sql``."""
    Store(str(db)).close()
    conn = sqlite3.connect(db)
    conn.execute(sql)
    conn.commit()
    conn.close()
    return db


def test_a_database_written_by_a_newer_version_is_refused(tmp_path):
    db = our_store(tmp_path / "newer.db", "INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')")
    result = syndicate(*CRAWL, "--db", str(db))
    refused(result, db)
    assert "newer csr-syndicate" in result.stderr


def test_our_database_from_before_the_application_id_is_still_ours(tmp_path):
    db = our_store(tmp_path / "old.db", "PRAGMA application_id = 0")
    result = syndicate("stats", "--db", str(db))
    assert result.returncode == 0, result.stderr


def test_a_database_that_cannot_be_written_is_said_so_before_any_request(tmp_path):
    db = tmp_path / "ro.db"
    Store(str(db)).close()
    if os.geteuid() == 0:  # root writes read-only files: make it immutable instead
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(db)]).returncode:
            pytest.skip("running as root without chattr +i: no way to make a file read-only here")
    else:
        db.chmod(0o444)
    try:
        result = syndicate(*CRAWL, "--db", str(db))
        refused(result, db)
        assert "cannot write" in result.stderr
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)])


def test_a_directory_as_the_database_is_said_so(tmp_path):
    result = syndicate(*CRAWL, "--db", str(tmp_path))
    refused(result, tmp_path)
    assert "is a directory" in result.stderr


# -- usage errors and misleading messages (issue 10, case 10) ----------------------------------
@pytest.mark.parametrize("args, says", [
    (["crawl", "csr_china_en", "--base-url", "notaurl"], "--base-url 'notaurl': not a URL"),
    (["crawl", "csr_china_en", "--base-url", "ftp://mirror.example/"], "not a URL (http or https only)"),
    (["run", "csr_china_en", "--base-url", "http://127.0.0.1:9/", "--site-url", "notaurl"], "--site-url 'notaurl'"),
    (["publish", "--site-url", "javascript:alert(1)"], "--site-url 'javascript:alert(1)'"),
])
def test_usage_errors_exit_2_without_a_traceback(tmp_path, args, says):
    result = syndicate(*args, "--db", str(tmp_path / "u.db"), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr


def test_crawl_exits_3_when_a_source_fetched_nothing(tmp_path):
    """As `run` does for the same crawl: a source that fetched nothing failed."""
    result = syndicate(*CRAWL, "--db", str(tmp_path / "c.db"))
    assert result.returncode == 3, result.stdout + result.stderr
    assert "FAILED: no page could be fetched" in result.stdout


def test_messages_say_what_is_wrong(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n")
    for args, says in (
        (["extract", str(tmp_path), "--url", "https://x.example/a.html"], "is a directory, not a saved page"),
        (["extract", str(pdf), "--url", "https://x.example/report.pdf"], "not an HTML page (a PDF)"),
        (["serve", "--out", str(pdf)], "is not a directory of published feeds"),
    ):
        result = syndicate(*args)
        assert result.returncode == 1 and says in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


# -- syndicate extract URL fetches as a crawl does (issue 10, case 8) --------------------------
ARTICLE = ("<html><head><title>Forum on water - Example</title></head><body><h1>Forum on water</h1>"
           "<p>Date: 2024-03-09</p><p>Delegates from forty companies met in Beijing to compare their water "
           "targets and the audits behind them.</p><p>The next forum is planned for the autumn.</p></body></html>")


def test_extract_fetches_through_the_crawl_guards():
    """It once fetched with plain urllib: no address guard, no robots.txt, a 16 MiB limit."""
    from hardening_servers import Server, page

    rules = page("User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    with Server({"/robots.txt": rules,
                 "/news/1.html": page(ARTICLE), "/private/2.html": page(ARTICLE)}) as s:
        refused = syndicate("extract", s.url("/news/1.html"))
        assert refused.returncode == 1 and "non-public" not in refused.stdout
        assert "AddressRefused" in refused.stderr and "loopback" in refused.stderr
        assert s.hits() == []  # not one request reached the loopback service
        allowed = syndicate("extract", s.url("/news/1.html"), "--allow-netloc", s.netloc())
        assert allowed.returncode == 0, allowed.stderr
        assert '"title": "Forum on water"' in allowed.stdout
        assert [h.path for h in s.hits()] == ["/robots.txt", "/news/1.html"]  # robots.txt first, as a crawl
        private = syndicate("extract", s.url("/private/2.html"), "--allow-netloc", s.netloc())
        assert private.returncode == 1 and "robots.txt" in private.stderr.lower()
