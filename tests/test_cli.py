"""The command line: help with an example on every command, and each command on real input."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from crawltools import ROOT, TRUTH
from syndicate.cli import cli

FIXTURE = ROOT / "tests" / "fixtures" / "pages" / "csr_china_zh-a-news-qiye-2019-0719-512"


def commands():
    return sorted(cli.commands)


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"syndicate {name}" in result.output


def test_sources_lists_the_registry_and_spiders():
    result = CliRunner().invoke(cli, ["sources"])
    assert result.exit_code == 0
    lines = {line.split("\t")[0]: line for line in result.output.splitlines()}
    assert "csr_china_en" in lines and "csr_china_zh" in lines
    assert "\tspider\t" in lines["csr_china_en"]


def test_extract_prints_the_stored_row_of_a_saved_gbk_page():
    meta = json.loads(FIXTURE.with_suffix(".json").read_text("utf-8"))
    result = CliRunner().invoke(cli, ["extract", str(FIXTURE.with_suffix(".html")), "--source", "csr_china_zh",
                                      "--url", meta["url"], "--content-type", meta["content_type"]])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert row["title"] == meta["expected"]["title"]
    assert row["body"] == meta["expected"]["body"]
    assert row["author"] == "陈晨" and "\ufffd" not in result.output
    assert list(row) == sorted(row)


def test_extract_errors_are_messages_not_tracebacks(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["extract", str(tmp_path / "nope.html"), "--source", "csr_china_en"])
    assert missing.exit_code == 1 and "no such file" in missing.output
    unknown = runner.invoke(cli, ["extract", str(FIXTURE.with_suffix(".html")), "--source", "nope"])
    assert unknown.exit_code == 2 and "unknown source" in unknown.output
    page = tmp_path / "empty.html"
    page.write_bytes(b"<html><body><p>nothing here</p></body></html>")
    empty = runner.invoke(cli, ["extract", str(page), "--source", "csr_china_en", "--url",
                                "https://en.csr-china.net/a/x/y/2020/0101/1.html"])
    assert empty.exit_code == 1 and "not an article: NoTitle" in empty.output
    assert not any(r.exception and not isinstance(r.exception, SystemExit) for r in (missing, unknown, empty))


def test_stats_without_a_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no database" in result.output


def test_crawl_base_url_and_stats_through_the_installed_command(tmp_path):
    from syndicate.mirror import serve_mirror

    db = tmp_path / "cli.db"
    exe = ROOT / ".venv" / "bin" / "syndicate"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "syndicate.cli"]
    with serve_mirror() as mirror:
        crawl = subprocess.run(command + ["crawl", "csr_china_zh", "--db", str(db), "--base-url",
                                          mirror.base_urls["www.csr-china.net"]],
                               capture_output=True, text=True, timeout=300)
    assert crawl.returncode == 0, crawl.stderr
    summary = crawl.stdout.strip().splitlines()
    assert len(summary) == 1 and summary[0].startswith("csr_china_zh: ")
    assert "Traceback" not in crawl.stderr
    stats = subprocess.run(command + ["stats", "--db", str(db)], capture_output=True, text=True, timeout=60)
    chinese = sum(a["source"] == "csr_china_zh" for a in TRUTH["articles"])
    assert f"csr_china_zh\t{chinese}" in stats.stdout
    assert f"zh-Hans\t{chinese}" in stats.stdout


def test_base_url_needs_exactly_one_source():
    result = CliRunner().invoke(cli, ["crawl", "--base-url", "http://127.0.0.1:1", "--db", "/dev/null"])
    assert result.exit_code == 2 and "exactly one SOURCE" in result.output


def test_scrapy_list_and_crawl_from_the_project_root(tmp_path):
    from syndicate.mirror import serve_mirror

    scrapy = ROOT / ".venv" / "bin" / "scrapy"
    listed = subprocess.run([str(scrapy), "list"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert listed.stdout.split() == ["csr_china_en", "csr_china_zh", "generic"]
    db = tmp_path / "scrapy.db"
    with serve_mirror() as mirror:
        run = subprocess.run([str(scrapy), "crawl", "csr_china_en", "-a",
                              f"base_url={mirror.base_urls['en.csr-china.net']}", "-s", f"SYNDICATE_DB={db}",
                              "-s", "LOG_LEVEL=WARNING"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    import sqlite3
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == \
        sum(a["source"] == "csr_china_en" for a in TRUTH["articles"])


@pytest.mark.parametrize("args,message", [
    (["stats", "--db", "{junk}"], "cannot use {junk} as the database: file is not a database"),
    (["publish", "--db", "{junk}"], "cannot use {junk} as the database"),
    (["crawl", "--db", "{junk}", "--mirror"], "cannot use {junk} as the database"),
    (["run", "--db", "{junk}", "--mirror"], "cannot use {junk} as the database"),
    (["run", "--db", "/proc/nope/x.db"], "cannot use /proc/nope/x.db as the database"),
    (["run", "--db", "{db}", "--out", "{junk}"], "--out {junk} exists and is not a directory"),
])
def test_bad_paths_are_messages_not_tracebacks(tmp_path, args, message):
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    fill = {"junk": str(junk), "db": str(tmp_path / "ok.db")}
    result = CliRunner().invoke(cli, [a.format(**fill) for a in args])
    assert result.exit_code == 1
    assert message.format(**fill) in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("url,source", [
    ("https://www.csrwire.com/press_releases/33012-Harbor-Logistics-Cuts-Warehouse-Energy-Use-by-30-Percent", "csrwire"),
    ("http://www.goldenbeechina.com/en/news/1045.html", "goldenbee_en"),
    ("http://www.goldenbeechina.com/news/20190719/5238.html", "goldenbee"),
])
def test_extract_without_source_uses_the_registry_source_of_the_host(url, source):
    meta_path = next(p for p in (ROOT / "tests" / "fixtures" / "pages").glob("*.json")
                     if json.loads(p.read_text("utf-8"))["url"] == url)
    meta = json.loads(meta_path.read_text("utf-8"))
    result = CliRunner().invoke(cli, ["extract", str(meta_path.with_suffix(".html")), "--url", url,
                                      "--content-type", meta["content_type"]])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert row["source"] == source == meta["source"]
    assert row["title"] == meta["expected"]["title"]


def test_extract_of_an_unknown_site_uses_the_generic_extractor(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Water Pledge Signed | Example News</title></head><body>"
                    "<article><h1>Water Pledge Signed</h1><p>Source: Reuters</p>"
                    + "".join(f"<p>Paragraph {n} about a water pledge signed by forty companies in the river basin, "
                              f"with targets for 2030 and yearly public reporting on progress.</p>" for n in range(3))
                    + "</article></body></html>", "utf-8")
    result = CliRunner().invoke(cli, ["extract", str(page), "--url", "https://news.example.org/2024/water.html"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert row["source"] == "news.example.org" and row["title"] == "Water Pledge Signed"
    assert (row["origin"], row["outlet"]) == ("reprinted", "Reuters")
    assert row["body"].startswith("Paragraph 0 about a water pledge")
