"""The source registry: the shipped file is valid, and `sources check` names each mistake."""

from click.testing import CliRunner

from syndicate.cli import cli
from syndicate.sources import REGISTRY_PATH, check_registry, registry
from syndicate.crawl import spider_names


def test_the_shipped_registry_is_valid():
    assert check_registry(REGISTRY_PATH, set(spider_names())) == []
    result = CliRunner().invoke(cli, ["sources", "check"])
    assert result.exit_code == 0 and result.output.strip().endswith(": ok")


def test_outlet_aliases_are_data():
    reg = registry()
    assert reg.normalise_outlet("《WTO经济导刊》") == reg.normalise_outlet("可持续发展经济导刊")
    assert reg.normalise_outlet("china wto tribune") == "China Sustainability Tribune"
    assert reg.normalise_outlet("Some New Outlet.") == "Some New Outlet"


BAD = """
[outlets]
"A" = 1

[sources.Bad-Key]
name = "x"
home = "https://x.example/"
language = "en"
copyright_statement = "c"

[sources.broken]
name = "Broken"
home = "ftp://broken.example"
language = "en"
timezone = "Mars/Olympus"
frobnicate = true
dateline = "(("

[sources.broken.discovery]
feeds = ["not a url"]
article_pattern = "[a-"

[sources.broken.selectors]
title = "h1[["
colour = "red"
"""


def test_check_names_every_mistake(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(BAD, "utf-8")
    errors = check_registry(path, dedicated=set())
    expected = [
        "outlets.A: the canonical name must be a string",
        "sources.Bad-Key: a source key is lower-case letters, digits and _",
        "sources.Bad-Key.discovery: the generic spider needs feeds, sitemaps or list_pages",
        "sources.broken: missing rights statement (copyright_statement)",
        "sources.broken.frobnicate: unknown key",
        "sources.broken.home: bad URL 'ftp://broken.example' (http or https with a host)",
        "sources.broken.timezone: unknown time zone 'Mars/Olympus'",
        "sources.broken.discovery.feeds: bad URL 'not a url' (http or https with a host)",
        "sources.broken.selectors.colour: unknown key (one of author, body, category, date, tags, title)",
    ]
    for line in expected:
        assert line in errors
    assert any(e.startswith("sources.broken.dateline: bad regular expression") for e in errors)
    assert any(e.startswith("sources.broken.discovery.article_pattern: bad regular expression") for e in errors)
    assert any(e.startswith("sources.broken.selectors.title: bad CSS selector") for e in errors)
    result = CliRunner().invoke(cli, ["sources", "check", "--file", str(path)])
    assert result.exit_code == 1 and "error: sources.broken.frobnicate: unknown key" in result.output


def test_unreadable_registry_is_one_clear_error(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text("[sources\n", "utf-8")
    errors = check_registry(path)
    assert len(errors) == 1 and str(path) in errors[0]


MEANINGS = """
[sources.meaning]
name = "Meaning"
home = "https://meaning.example/"
language = "en"
timezone = "UTC"
copyright_statement = "c"
date_order = "M/D/Y"
reprint_note = "Source: {source}."
date_patterns = ['Posted: (.+)']

[sources.meaning.discovery]
list_pages = ["https://elsewhere.example/news/"]
"""


def test_check_catches_what_would_break_a_crawl(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(MEANINGS, "utf-8")
    errors = check_registry(path, dedicated=set())
    for line in [
        "sources.meaning.date_order: one of MDY, DMY, YMD",
        "sources.meaning.reprint_note: the only placeholder is {outlet}, not ['source']",
        "sources.meaning.date_patterns: 'Posted: (.+)' has no (?P<date>...) group",
        "sources.meaning.discovery.list_pages: https://elsewhere.example/news/ is not on the home host meaning.example",
        "sources.meaning.discovery: the generic spider needs an article_pattern (which links are articles, not list pages)",
    ]:
        assert line in errors


def test_every_command_reports_a_broken_registry_as_a_message(tmp_path, monkeypatch):
    from syndicate import sources

    broken = tmp_path / "sources.toml"
    broken.write_text('[sources.x]\nhome = "https://x.example/"\n', "utf-8")
    from syndicate.store import Store

    Store(str(tmp_path / "none.db")).close()  # an empty database: publishing reads the registry
    monkeypatch.setenv("SYNDICATE_REGISTRY", str(broken))
    sources.registry.cache_clear()
    try:
        for args in (["sources"], ["publish", "--db", str(tmp_path / "none.db")], ["crawl", "--db", str(tmp_path / "c.db")]):
            result = CliRunner().invoke(cli, args)
            assert result.exit_code in (1, 2), args
            assert "missing name" in result.output or "sources check" in result.output, (args, result.output)
            assert not isinstance(result.exception, (TypeError, KeyError))
    finally:
        sources.registry.cache_clear()


DANGEROUS = """
[sources.risky]
name = "Risky"
home = "http://169.254.169.254/latest/"
language = "../../../tmp/x"
timezone = "UTC"
copyright_statement = "All rights reserved."
download_delay = -5
date_patterns = ["(x+x+)+y"]

[sources.risky.discovery]
feeds = ["http://127.0.0.1:8080/feed"]
article_pattern = "^/news/"

[sources.slow]
name = "Slow"
home = "https://slow.example/"
language = "en"
timezone = "UTC"
copyright_statement = "All rights reserved."
download_delay = 1e308
author_patterns = ["By (?P<author>(\\\\s*\\\\w+)*)$"]

[sources.slow.discovery]
feeds = ["https://slow.example/feed"]
article_pattern = "^/(?:[\\\\w-]+/)+\\\\d+\\\\.html$"
"""


def test_check_refuses_dangerous_values(tmp_path):
    """Values that once passed: a negative or endless delay, a regex that backtracks for
    seconds on 24 characters of page text, a home on the metadata address, a path as a language."""
    path = tmp_path / "sources.toml"
    path.write_text(DANGEROUS, "utf-8")
    errors = check_registry(path, dedicated=set())
    for start in ("sources.risky.home: http://169.254.169.254/latest/ is on a non-public address",
                  "sources.risky.language: a BCP 47 language tag",
                  "sources.risky.download_delay: seconds between requests, from 0 to 3600 (got -5)",
                  "sources.risky.date_patterns: '(x+x+)+y' repeats a repetition",
                  "sources.risky.discovery.feeds: http://127.0.0.1:8080/feed is on a non-public address",
                  "sources.slow.download_delay: seconds between requests, from 0 to 3600 (got 1e+308)",
                  "sources.slow.author_patterns:"):
        assert any(e.startswith(start) for e in errors), (start, errors)
    assert not any(e.startswith("sources.slow.discovery.article_pattern") for e in errors)  # "/" anchors each round
