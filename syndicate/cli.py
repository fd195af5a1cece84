"""The `syndicate` command line: a thin layer over the library (click lives only here)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import settings as defaults  # data only: every default lives there

DEFAULT_DB = defaults.SYNDICATE_DB
DEFAULT_OUT = defaults.SYNDICATE_FEEDS_DIR
STATS_LINKS = 20  # links across languages `syndicate stats` lists


def _source_keys() -> list[str]:
    """Every crawlable source: the registry's keys (dedicated spider or the generic one)."""
    from .sources import registry

    return sorted(registry().sources)


class _Cli(click.Group):
    """Registry problems are messages, whichever command meets them first."""

    def invoke(self, ctx):
        from .sources import RegistryError

        try:
            return super().invoke(ctx)
        except RegistryError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Cli)
@click.version_option(package_name="csr-syndicate")
def cli():
    """csr-syndicate: crawl CSR news sites, deduplicate stories, publish feeds.

    Example:

    \b
        syndicate crawl --mirror && syndicate stats
    """


@cli.group(invoke_without_command=True)
@click.pass_context
def sources(ctx):
    """List the sources in the registry (syndicate/data/sources.toml): key, language, home, which
    spider crawls it (a dedicated one, or the generic one), and how it is discovered.

    Example:

    \b
        syndicate sources
        syndicate sources check
    """
    if ctx.invoked_subcommand is not None:
        return
    from .sources import registry
    from .crawl import spider_names

    spiders = set(spider_names())
    for key, src in sorted(registry().sources.items()):
        spider = "spider" if key in spiders else "generic"
        found = ",".join(src.discovery.kinds) or "home page"
        click.echo(f"{key}\t{src.language}\t{src.home}\t{spider}\t{found}\t{src.name}")


@sources.command(name="check")
@click.option("--file", "path", type=click.Path(dir_okay=False),
              help="Registry file (default: $SYNDICATE_REGISTRY, else syndicate/data/sources.toml).")
def sources_check(path):
    """Validate the registry: unknown keys, bad URLs, bad patterns or selectors, missing
    rights statements. Exit status 1 when anything is wrong. Crawls run this first.

    Example:

    \b
        syndicate sources check
        syndicate sources check --file my-sources.toml
    """
    from .sources import check_registry, registry_path
    from .crawl import spider_names

    path = Path(path) if path else registry_path()
    errors = check_registry(path, set(spider_names()))
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if errors:
        raise SystemExit(1)
    click.echo(f"{path}: ok")


def _check_paths(db: str, out: str | None = None, must_exist: bool = False) -> None:
    """Refuse, with a message, a database that is not one of ours or an output path that is
    not a directory, before anything starts (never a traceback halfway through a crawl)."""
    import sqlite3

    from .store import Store, StoreRefused

    if must_exist and not Path(db).exists():
        raise click.ClickException(f"no database at {db} (run `syndicate crawl` first)")
    if out is not None and Path(out).exists() and not Path(out).is_dir():
        raise click.ClickException(f"--out {out} exists and is not a directory")
    try:
        Store(db, readonly=must_exist).close()
    except (StoreRefused, sqlite3.Error, OSError) as exc:
        raise click.ClickException(f"cannot use {db} as the database: {exc}") from None


def _check_registry_first() -> None:
    from .sources import check_registry
    from .crawl import spider_names

    errors = check_registry(dedicated=set(spider_names()))
    if errors:
        raise click.UsageError("the source registry has errors (see `syndicate sources check`):\n  "
                               + "\n  ".join(errors))


def _base_urls(names: list[str], base_urls: tuple[str, ...], mirror) -> dict[str, str]:
    """Per-source copies of the sites: --base-url URL (one source) or SOURCE=URL, and --mirror."""
    from .sources import registry

    urls = {}
    if mirror is not None:
        for name in names:
            host = registry().get(name).host
            if host in mirror.base_urls:
                urls[name] = mirror.base_urls[host]
    for value in base_urls:
        name, sep, url = value.partition("=")
        if not sep or "://" in name:
            if len(names) != 1:
                raise click.UsageError("--base-url URL points one source at a copy of its site: name exactly one "
                                       "SOURCE, or write --base-url SOURCE=URL")
            name, url = names[0], value
        if name not in names:
            raise click.UsageError(f"--base-url names {name!r}, which is not being crawled")
        problem = _web_url_problem(url)
        if problem:
            raise click.UsageError(f"--base-url {url!r}: {problem}")
        urls[name] = url
    return urls


def _redis_settings(url: str) -> dict:
    """The setting that puts a crawl on the shared frontier (distributed.RedisAddon does the
    rest), once Redis at ``url`` answers (else one clear line, exit 1)."""
    from .distributed import connect

    try:
        connect(url).ping()
    except Exception as exc:  # noqa: BLE001 - any failure to reach it: say so, start nothing
        raise click.ClickException(f"cannot reach Redis at {url}: {exc}") from None
    return {"SYNDICATE_REDIS": url}


def _check_topics() -> None:
    """The topic feeds' file (syndicate/data/feeds.toml or $SYNDICATE_TOPICS) is read before any work."""
    from .sources import registry
    from .topics import TopicsError, load_topics

    try:
        load_topics(None, set(registry().sources))
    except TopicsError as exc:
        raise click.ClickException(f"topic feeds: {exc}") from None


def _check_hub(hub: str | None) -> None:
    problem = _web_url_problem(hub, ("http", "https")) if hub else None
    if problem:
        raise click.UsageError(f"--hub {hub!r}: {problem}")


def _check_site_url(site_url: str) -> None:
    problem = _web_url_problem(site_url, ("http", "https", "file"))
    if problem:
        raise click.UsageError(f"--site-url {site_url!r}: {problem}")


def _web_url_problem(url: str, schemes: tuple[str, ...] = ("http", "https")) -> str | None:
    """Why ``url`` is no usable address (a usage error), or None."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError as exc:
        return f"not a URL ({exc})"
    if parts.scheme not in schemes:
        return f"not a URL ({' or '.join(schemes)} only)"
    if parts.scheme != "file" and not parts.hostname:
        return "not a URL (no host)"
    return None


def _settings(pairs: tuple[str, ...], verbose: bool) -> dict[str, str]:
    settings = {"LOG_LEVEL": "INFO" if verbose else "WARNING"}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.isupper():
            raise click.UsageError(f"-s expects NAME=VALUE with an upper-case Scrapy setting name, got {pair!r}")
        settings[key] = value
    return settings


def _crawl(names, db, base_urls, use_mirror, settings) -> list:
    from contextlib import nullcontext

    from .crawl import run_crawl

    _check_registry_first()
    names = list(names) or _source_keys()
    unknown = sorted(set(names) - set(_source_keys()))
    if unknown:
        raise click.UsageError(f"unknown source(s): {', '.join(unknown)} (see `syndicate sources`)")
    _base_urls(names, base_urls, None)  # usage errors before anything starts
    if db:
        _check_paths(db)
    if use_mirror:
        from .mirror import serve_mirror
        context = serve_mirror()
    else:
        context = nullcontext(None)
    with context as mirror:
        return run_crawl(names, db, _base_urls(names, base_urls, mirror), settings)


def crawl_options(command):
    """The options `crawl` and `run` share."""
    for option in reversed([
        click.argument("source", nargs=-1),
        click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write."),
        click.option("--base-url", "base_urls", multiple=True, metavar="[SOURCE=]URL",
                     help="Crawl a copy of a site served at URL (paths unchanged); repeatable as SOURCE=URL."),
        click.option("--mirror", "use_mirror", is_flag=True,
                     help="Serve the bundled offline mirror (syndicate/data/mirror) on 127.0.0.1 and crawl it."),
        click.option("-s", "--set", "pairs", multiple=True, metavar="NAME=VALUE",
                     help="Override a Scrapy/syndicate setting, e.g. -s SYNDICATE_FULL_CRAWL=1."),
        click.option("-v", "--verbose", is_flag=True, help="Log every request (Scrapy INFO level)."),
    ]):
        command = option(command)
    return command


@cli.command()
@crawl_options
@click.option("--redis", "redis_url", metavar="URL", default=defaults.SYNDICATE_REDIS,
              help="Work a shared frontier in Redis with other crawlers; items go to Redis for `syndicate ingest`.")
def crawl(source, db, base_urls, use_mirror, pairs, verbose, redis_url):
    """Crawl SOURCE... (default: all) into the store; one summary line per source. Exit
    status 3 when a source failed (as `run`), 0 otherwise.

    With --redis, any number of crawler processes on any number of machines share one
    frontier and politeness per host; their items wait in Redis for `syndicate ingest`.

    Example:

    \b
        syndicate crawl csr_china_en --db var/syndicate.db
        syndicate crawl --mirror
        syndicate crawl csr_china_zh --base-url http://127.0.0.1:8001
        syndicate crawl --redis redis://10.0.0.5:6379/0
    """
    from .runner import EXIT_OK, EXIT_SOURCE_FAILED

    settings = _settings(pairs, verbose)
    if redis_url:
        settings.update(_redis_settings(redis_url))
        db = ""
    reports = _crawl(source, db, base_urls, use_mirror, settings)
    for report in reports:
        click.echo(report.summary() + (f" FAILED: {report.failure}" if report.failure else ""))
    sys.exit(EXIT_SOURCE_FAILED if any(r.failure for r in reports) else EXIT_OK)


@cli.command()
@crawl_options
@click.option("--out", default=DEFAULT_OUT, show_default=True, help="Directory to publish the feeds to.")
@click.option("--site-url", default=defaults.SYNDICATE_SITE_URL, show_default=True,
              help="Public URL where OUT is served.")
@click.option("--limit", default=defaults.SYNDICATE_FEED_LIMIT, show_default=True, type=click.IntRange(min=1),
              help="Entries per feed.")
@click.option("--stuck-after", default=defaults.SYNDICATE_STUCK_AFTER_MINUTES, show_default=True,
              type=click.FloatRange(min=0), metavar="MINUTES",
              help="Exit 7 (reported by cron) instead of 75 when another run has held the lock this long.")
@click.option("--hub", default=defaults.SYNDICATE_WEBSUB_HUB, metavar="URL",
              help="A WebSub hub: the feeds name it, and each publish tells it which feeds changed.")
@click.option("--zh-hant/--no-zh-hant", default=defaults.SYNDICATE_ZH_HANT, show_default=True,
              help="Also publish each Simplified Chinese feed in Traditional characters (hant/...).")
def run(source, db, base_urls, use_mirror, pairs, verbose, out, site_url, limit, stuck_after, hub, zh_hant):
    """Crawl SOURCE... (default: all), then publish: the entry point for cron.

    One summary line per source, then a final line. Exit status: 0 every source crawled
    and the feeds published; 3 a source failed (the others are still crawled and
    published); 4 publishing failed; 5 both; 6 a source's extraction drifted (see
    `syndicate health`); 7 another run has held this database's lock for longer than
    --stuck-after (it may hang); 75 another run holds the lock (cron stays quiet).

    Example:

    \b
        syndicate run --db var/syndicate.db --out var/feeds
        syndicate run --mirror --db var/syndicate.db --out var/feeds
    """
    from .lock import Locked
    from .progress import meter
    from .runner import EXIT_STUCK, locked_code, run as run_all

    settings = _settings(pairs, verbose)
    _check_site_url(site_url)
    _check_hub(hub)
    _check_topics()
    _check_paths(db, out)
    shown = meter("publishing", str(settings.get("SYNDICATE_PROGRESS", defaults.SYNDICATE_PROGRESS)))
    try:
        result = run_all(lambda: _crawl(source, db, base_urls, use_mirror, settings), db, out, site_url, limit,
                         hub, zh_hant, shown)
        if shown is not None:
            shown.close()  # a publish that failed half-way leaves its line open
    except Locked as exc:
        code = locked_code(exc, stuck_after)
        stuck = f"; held for more than {stuck_after:g} minutes: it may be stuck" if code == EXIT_STUCK else ""
        click.echo(f"syndicate run: {exc}; not starting a second one{stuck}", err=True)
        sys.exit(code)
    except OSError as exc:  # the lock file cannot be made next to the database
        raise click.ClickException(f"cannot lock {db}: {exc}") from None
    for report in result.reports:
        click.echo(report.summary() + (f" FAILED: {report.failure}" if report.failure else ""))
    if result.published is None:
        click.echo(f"publish FAILED: {result.publish_error}", err=True)
    else:
        click.echo(result.published.summary())
    for name, alarms in sorted(result.drifted.items()):
        click.echo(f"warning: {name}: extraction drifted: {'; '.join(alarms)} (see `syndicate health`)", err=True)
    feeds = f"feeds in {Path(out) / 'index.html'}" if result.published else "feeds NOT published"
    click.echo(f"run: {len(result.reports)} sources, {len(result.failed)} failed, {feeds}; exit {result.code}")
    sys.exit(result.code)


@cli.command()
@click.argument("file_or_url")
@click.option("--source", "source_name", help="Registry source whose parser to use (default: the one whose host "
              "matches the URL, else the generic extractor).")
@click.option("--url", help="The page's address, for a saved file.")
@click.option("--content-type", default="text/html", show_default=True, help="HTTP Content-Type of a saved file.")
@click.option("--allow-netloc", "allowed", multiple=True, metavar="HOST:PORT",
              help="Let a fetched URL reach this non-public host:port (a mirror on 127.0.0.1); repeatable.")
def extract(file_or_url, source_name, url, content_type, allowed):
    """Print, as JSON, the article exactly as the pipeline would store it.

    Without --source, the registry source whose host matches the page's URL is used, else
    the generic extractor (no site knowledge). A URL is fetched as a crawl fetches it: only
    public addresses (unless --allow-netloc), robots.txt obeyed, size and redirect limits.

    Example:

    \b
        syndicate extract saved.html --source csr_china_zh \\
            --url http://www.csr-china.net/a/news/qiye/2019/0719/512.html
        syndicate extract https://en.csr-china.net/a/knowledge/CSRNews/2017/0928/277.html
        syndicate extract page.html --url https://www.example.org/news/1.html
    """
    from .errors import SkipPage
    from .sources import registry
    from .offline import extract_row

    if source_name is not None and source_name not in _source_keys():
        raise click.UsageError(f"unknown source {source_name!r} (see `syndicate sources`)")
    if file_or_url.startswith(("http://", "https://")):
        from .crawl import FetchFailed, fetch_page

        try:  # as a crawl fetches: address guard, robots.txt, size and redirect limits
            fetched, body, content_type = fetch_page(file_or_url, tuple(allowed))
        except FetchFailed as exc:
            raise click.ClickException(f"could not fetch {file_or_url}: {exc}") from None
        url = url or fetched
    else:
        path = Path(file_or_url)
        if path.is_dir():
            raise click.ClickException(f"{file_or_url} is a directory, not a saved page")
        if not path.is_file():
            raise click.ClickException(f"no such file: {file_or_url}")
        body = path.read_bytes()
        if not url:
            if source_name is None:
                raise click.UsageError("a saved page needs --url (its address) or --source")
            url = registry().get(source_name).home
            click.echo(f"warning: no --url given; using {url}", err=True)
    kind = _not_html(body, content_type)
    if kind:
        raise click.ClickException(f"not an HTML page ({kind}): nothing to extract")
    try:
        row = extract_row(source_name, url, body, content_type)
    except SkipPage as exc:
        raise click.ClickException(f"not an article: {type(exc).__name__}") from None
    click.echo(json.dumps(row, ensure_ascii=False, sort_keys=True, indent=2))


def _not_html(body: bytes, content_type: str) -> str | None:
    """What a fetched or saved body is when it is not a web page (a PDF, an image...), else None."""
    media = content_type.split(";")[0].strip().lower()
    if media and media not in ("text/html", "application/xhtml+xml", "text/plain", "application/octet-stream", ""):
        return media
    for magic, name in ((b"%PDF", "a PDF"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
                        (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive"), (b"\x1f\x8b", "gzip data")):
        if body.startswith(magic):
            return name
    if b"<" not in body[:4096]:
        return "no markup in it"
    return None


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
def stats(db):
    """Counts of stored articles by source, language, origin and duplicates, the stories
    linked across English and Chinese (score, titles, the kinds of evidence shared), and each
    source's last crawl: when, how long, how many requests, and the drift flags of
    `syndicate health`.

    Example:

    \b
        syndicate stats --db var/syndicate.db
    """
    from .health import drift
    from .store import Store

    _check_paths(db, must_exist=True)
    with Store(db, readonly=True) as store:
        counts = store.stats()
        crawls = [(c, drift(store.health_history(c["source"]))) for c in store.last_crawls()]
        links = store.translations()
    for group, rows in counts.items():
        click.echo(f"{group}:")
        for key, count in rows:
            click.echo(f"  {key}\t{count}")
    click.echo(f"translations: {len(links)} stories told in both English and Chinese")
    for link in links[:STATS_LINKS]:
        shared = ", ".join(k for k in sorted(json.loads(link["evidence"])) if k not in ("words", "days"))
        click.echo(f"  {link['score']:.1f}\t{link['en_title']} ({link['en_source']}) = {link['zh_title']} "
                   f"({link['zh_source']})\t{shared}")
    if len(links) > STATS_LINKS:
        click.echo(f"  ... {len(links) - STATS_LINKS} more (the store's stories view shows every one)")
    click.echo("last crawl:")
    for crawl, alarms in crawls:
        took = f"{crawl['duration']:.1f} s" if crawl["duration"] is not None else "?"
        requests = crawl["requests"] if crawl["requests"] is not None else "?"
        flags = "drift: " + "; ".join(alarms) if alarms else "ok"
        click.echo(f"  {crawl['source']}\t{crawl['crawled']}\t{'full' if crawl['full'] else 'incremental'}\t{took}\t"
                   f"{requests} requests\t{crawl['articles']} articles\t{flags}")


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option("--runs", default=5, show_default=True, type=click.IntRange(min=1), help="Crawls to show per source.")
@click.argument("source", nargs=-1)
def health(db, runs, source):
    """Extraction health of the last crawls per SOURCE (default: all): the share of articles
    with a title from the heading, a date, an author, a known origin, an outlet on reprints
    and tags, and the median body length. A source whose last crawl fell well below its own
    baseline is flagged DRIFT; exit status 6 when any is.

    Example:

    \b
        syndicate health --db var/syndicate.db
        syndicate health csr_china_en --runs 10
    """
    from .health import drift, report_lines
    from .store import Store

    from .runner import EXIT_DRIFT

    _check_paths(db, must_exist=True)
    with Store(db, readonly=True) as store:
        names = list(source) or store.health_sources()
        histories = {name: store.health_history(name, runs + 5) for name in names}
    flagged = 0
    for name, history in histories.items():
        alarms = drift(history)
        flagged += bool(alarms)
        click.echo(f"{name}: " + (f"DRIFT: {'; '.join(alarms)}" if alarms else "ok" if history else "no crawls recorded"))
        if history:
            click.echo("\n".join(report_lines(history[:runs])))
    if flagged:
        sys.exit(EXIT_DRIFT)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option("--out", default=DEFAULT_OUT, show_default=True, help="Directory to write the feeds to.")
@click.option("--site-url", default=defaults.SYNDICATE_SITE_URL, show_default=True,
              help="Public URL where OUT is served (for rel=self and autodiscovery links).")
@click.option("--limit", default=defaults.SYNDICATE_FEED_LIMIT, show_default=True, type=click.IntRange(min=1),
              help="Newest entries in each feed; also the size of its archive pages (keep it fixed).")
@click.option("--full", is_flag=True,
              help="Build every file again and compare (after editing the store by hand); unchanged files stay.")
@click.option("--hub", default=defaults.SYNDICATE_WEBSUB_HUB, metavar="URL",
              help="A WebSub hub: the feeds name it, and each publish tells it which feeds changed.")
@click.option("--zh-hant/--no-zh-hant", default=defaults.SYNDICATE_ZH_HANT, show_default=True,
              help="Also publish each Simplified Chinese feed in Traditional characters (hant/...).")
def publish(db, out, site_url, limit, full, hub, zh_hant):
    """Write Atom, RSS and JSON feeds and an index page from the store.

    Only the files whose stories or settings changed since the last publish are built; with
    nothing new in the store, nothing is done at all.

    Example:

    \b
        syndicate publish --db var/syndicate.db --out var/feeds
        syndicate publish --site-url https://feeds.example.org/csr/ --limit 100
        syndicate publish --full
        syndicate publish --site-url https://feeds.example.org/csr/ --hub https://hub.example.org/
        syndicate publish --zh-hant
    """
    from .publish import publish as publish_feeds

    _check_site_url(site_url)
    _check_hub(hub)
    _check_topics()
    _check_paths(db, out, must_exist=True)
    from .progress import meter

    shown = meter("publishing")
    try:
        report = publish_feeds(db, out, site_url=site_url, limit=limit, full=full, hub=hub, zh_hant=zh_hant,
                               progress=shown)
    except OSError as exc:
        raise click.ClickException(f"publishing failed, the previous feeds are left in place: {exc}") from None
    finally:
        if shown is not None:
            shown.close()
    click.echo(report.summary())


@cli.command()
@click.option("--out", default=DEFAULT_OUT, show_default=True, help="Directory of published feeds to serve.")
@click.option("--host", default=defaults.SYNDICATE_SERVE_HOST, show_default=True, help="Address to bind.")
@click.option("--port", default=defaults.SYNDICATE_SERVE_PORT, show_default=True, type=click.IntRange(0, 65535),
              help="Port to bind.")
def serve(out, host, port):
    """Serve the published feeds over HTTP (ETag, 304, gzip; files under OUT only).

    Example:

    \b
        syndicate serve --out var/feeds --port 8080
    """
    from .server import serve as serve_feeds

    if Path(out).exists() and not Path(out).is_dir():
        raise click.ClickException(f"--out {out} is not a directory of published feeds")

    try:
        serve_feeds(out, host, port, on_ready=lambda url: click.echo(f"serving {out} at {url} (Ctrl-C to stop)"))
    except OSError as exc:  # no such directory, port in use
        raise click.ClickException(str(exc)) from None


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to browse.")
@click.option("--host", default=defaults.SYNDICATE_SERVE_HOST, show_default=True, help="Address to bind.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to bind.")
def browse(db, host, port):
    """Browse and search the store in Datasette (an optional extra: pip install 'csr-syndicate[browse]').

    Opens the stories view (one row per story, newest first), the copies view, facets by
    source, language, origin and outlet, and full-text search in English and Chinese.

    Example:

    \b
        syndicate browse --db var/syndicate.db       # then open http://127.0.0.1:8001/
    """
    from .browse import BrowseUnavailable, browse as run_browse

    _check_paths(db, must_exist=True)  # and brings an older store up to date: the views, the search index
    click.echo(f"browsing {db} at http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        code = run_browse(Path(db), host, port)
    except BrowseUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(code)


@cli.command()
@click.option("--redis", "redis_url", metavar="URL", required=True, help="The Redis the crawlers queue items in.")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write.")
@click.option("--batch", default=100, show_default=True, type=click.IntRange(min=1), help="Items per transaction.")
@click.option("--wait", default=5.0, show_default=True, type=click.FloatRange(min=0.1), metavar="SECONDS",
              help="Stop once no item has come for this long.")
@click.option("--forever", is_flag=True, help="Never stop (a service); Ctrl-C or SIGTERM between batches.")
def ingest(redis_url, db, batch, wait, forever):
    """The one writer of a distributed crawl: drain the items crawlers queued in Redis into
    the store, in batches, with the same logic as a local crawl.

    A batch leaves Redis only once it is committed: a writer killed mid-batch loses nothing,
    and the next one puts that batch back first. Exit 75 when another writer is running.

    Example:

    \b
        syndicate ingest --redis redis://10.0.0.5:6379/0 --db var/syndicate.db
        syndicate ingest --redis redis://127.0.0.1:6379/0 --forever
    """
    from .ingest import WriterBusy, ingest as drain
    from .lock import Locked
    from .runner import EXIT_LOCKED

    _check_paths(db)
    try:
        report = drain(redis_url, db, batch, wait, forever)
    except (Locked, WriterBusy) as exc:
        click.echo(f"syndicate ingest: {exc}; not starting a second writer", err=True)
        sys.exit(EXIT_LOCKED)
    except Exception as exc:  # noqa: BLE001 - Redis unreachable or lost: one line, non-zero
        import redis

        if isinstance(exc, redis.RedisError):
            raise click.ClickException(f"Redis at {redis_url}: {exc}") from None
        raise
    click.echo(report.summary())


def main() -> None:  # pragma: no cover
    cli(prog_name="syndicate")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
