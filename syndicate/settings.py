"""Scrapy settings for every csr-syndicate crawl (scrapy.cfg points here), and the one place
every default lives: crawl settings, hardening settings, and the CLI's publishing and
serving defaults. This module imports no component (components are named by dotted path),
so loading the settings costs nothing."""

from syndicate.hardening import HARDENING_SETTINGS as _HARDENING

BOT_NAME = "csr-syndicate"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = "csr-syndicate/0.1 (+https://github.com/csr-syndicate/csr-syndicate; CSR news syndication)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 4
CONCURRENT_ITEMS = 10  # a page yields one article or a few requests: Scrapy's 100 is 100 tasks a response
DOWNLOAD_DELAY = 0  # on a real site, the source's registry download_delay (the floor: hardening/polite.py)
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]  # a 429 or 503's Retry-After is obeyed (hardening/polite.py)
COOKIES_ENABLED = False
LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"

ITEM_PIPELINES = {
    "syndicate.pipelines.StorePipeline": 500,
    "syndicate.pipelines.HealthPipeline": 800,
}

# Where the crawl keeps its state and articles (one connection per crawler, shared by the
# spider, the pipelines, the crawl-state extension and the robots.txt cache), and how many
# items one transaction holds.
SYNDICATE_DB = "var/syndicate.db"
SYNDICATE_BATCH_SIZE = 25
# The crawl's clock (ISO 8601); empty means now. Tests set it for reproducible rows.
SYNDICATE_NOW = ""
# Incremental crawls re-check a stored article when its last check is older than this.
SYNDICATE_FRESHNESS_HOURS = 72
# Ignore the stored state and crawl everything (a full re-crawl).
SYNDICATE_FULL_CRAWL = False
# A crawl that follows every list page runs at least this often (the incremental safety net).
SYNDICATE_FULL_SWEEP_HOURS = 168
# A robots.txt fetched within this many hours is reused from the store (RFC 9309 allows 24).
SYNDICATE_ROBOTS_CACHE_HOURS = 24

# Hardening (syndicate/hardening/): fixed robots.txt under concurrency, http(s) only, no
# private/loopback/metadata addresses unless the operator pointed a source there,
# size/time/page limits, counted redirect loops.
globals().update({k: v for k, v in _HARDENING.items() if k not in ("DOWNLOADER_MIDDLEWARES", "EXTENSIONS")})
DOWNLOADER_MIDDLEWARES = {**_HARDENING["DOWNLOADER_MIDDLEWARES"]}
EXTENSIONS = {
    **_HARDENING["EXTENSIONS"],
    # Records crawl starts and clean completions: what makes the next run incremental.
    "syndicate.extensions.CrawlState": 600,
    # Live progress per source on a terminal; nothing under cron (syndicate/progress.py).
    "syndicate.progress.Progress": 700,
}
# The time budget of one source's crawl, in seconds (Scrapy's CloseSpider extension): a site
# that trickles bytes cannot hold the run and its lock for hours. A source cut by it is
# reported failed (exit 3, "cut by its time budget"); the next run goes on from the store.
CLOSESPIDER_TIMEOUT = 1800
# Pagination is followed link by link, so depth grows with list pages; the page cap
# (SYNDICATE_MAX_PAGES) is what ends calendar-style traps.
DEPTH_LIMIT = 60

# A shared Redis frontier (`syndicate crawl --redis`, syndicate/distributed.py); None: local.
# The add-on puts a crawl that names one on it, however the crawl was started (Scrapyd too).
SYNDICATE_REDIS = None
ADDONS = {"syndicate.distributed.RedisAddon": 0}

# Live progress lines on a terminal: "auto" (when standard error is one), "always", "never".
SYNDICATE_PROGRESS = "auto"

# Defaults of the CLI's publishing and serving options.
SYNDICATE_FEEDS_DIR = "var/feeds"
SYNDICATE_SITE_URL = "http://127.0.0.1:8080/"
SYNDICATE_FEED_LIMIT = 50  # entries per subscription feed, and rows per archive page
# A WebSub hub (https://www.w3.org/TR/websub/): the feeds name it and each publish tells it
# which feeds changed. None: no hub, no push.
SYNDICATE_WEBSUB_HUB = None
# Also publish every Simplified Chinese feed in Traditional characters (hant/<feed>), converted
# with OpenCC for readers in Taiwan, Hong Kong and Macau. Stored text is never converted.
SYNDICATE_ZH_HANT = False
SYNDICATE_SERVE_HOST = "127.0.0.1"
SYNDICATE_SERVE_PORT = 8080
# `syndicate run` exits 7 (not the quiet 75) when another run has held the lock this long.
SYNDICATE_STUCK_AFTER_MINUTES = 180
