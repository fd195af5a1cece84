"""Crawl hardening: what keeps an unattended crawl polite, bounded and on the public web.

``HARDENING_SETTINGS`` (this module is data only: it imports nothing) is merged into the
project settings; it names the components of the modules below by dotted path. Each does one job, reads its settings in ``from_crawler``, and refuses a request by raising
a ``refusals.Refused`` subclass (an ``IgnoreRequest``, so Scrapy neither retries nor logs a
traceback) after counting it in the stats under ``syndicate/...`` and logging one line.

- ``address``: :class:`SchemeGuardMiddleware`: only http and https are fetched.
  :class:`AddressGuardMiddleware` and :class:`GuardedResolver`: no request reaches a loopback,
  private, link-local, multicast, reserved or cloud-metadata address, checked on the literal
  host, on the DNS answer and on every redirect hop, unless the operator allowed that
  ``host:port`` (``SYNDICATE_ALLOWED_NETLOCS`` or the spider's ``allowed_netlocs``).
  ``SYNDICATE_HOST_MAP`` (name -> IP) is consulted before system DNS, by the check and by the
  connection alike.
- ``robots``: :class:`RobotsTxtMiddleware`: replaces Scrapy's, which lets requests through
  unchecked when several wait for the same robots.txt; a 5xx robots.txt disallows the whole
  host; answers are kept in the crawl's store for ``SYNDICATE_ROBOTS_CACHE_HOURS``.
- ``limits``: :class:`SizeLimitMiddleware` and :class:`BoundedHttpCompressionMiddleware`: bodies
  cut off at ``DOWNLOAD_MAXSIZE``, on the wire or once decompressed, become counted refusals.
  :class:`LoopAwareRedirectMiddleware` / :class:`LoopAwareMetaRefreshMiddleware`: redirect
  loops and redirect chains over ``REDIRECT_MAX_TIMES`` are counted and logged.
  :class:`PageBudget`: closes a spider after ``SYNDICATE_MAX_PAGES`` responses (per source:
  ``custom_settings`` or a ``max_pages`` spider attribute).
"""

MiB = 2**20
_HTTP11 = "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler"
_STOCK = "scrapy.downloadermiddlewares"

HARDENING_SETTINGS: dict = {
    "ROBOTSTXT_OBEY": True,
    "TELNETCONSOLE_ENABLED": False,
    # Scrapy 2.19's RemoteControl: an HTTP endpoint on localhost that runs posted Python code.
    "REMOTE_CONTROL_ENABLED": False,
    # Only http and https. The HTTP/1.1 handler is pinned because it is the one that
    # connects through the reactor's resolver, i.e. through GuardedResolver.
    "DOWNLOAD_HANDLERS": {
        "http": _HTTP11,
        "https": _HTTP11,
        "file": None,
        "data": None,
        "ftp": None,
        "s3": None,
    },
    "TWISTED_DNS_RESOLVER": "syndicate.hardening.address.GuardedResolver",
    "DOWNLOADER_MIDDLEWARES": {
        "syndicate.hardening.address.SchemeGuardMiddleware": 10,
        "syndicate.hardening.address.AddressGuardMiddleware": 60,
        f"{_STOCK}.robotstxt.RobotsTxtMiddleware": None,
        "syndicate.hardening.robots.RobotsTxtMiddleware": 100,
        # process_exception runs from high to low numbers: after DownloaderStats (850)
        # has counted the exception, after RetryMiddleware (550) has passed on it.
        "syndicate.hardening.limits.SizeLimitMiddleware": 540,
        f"{_STOCK}.redirect.MetaRefreshMiddleware": None,
        "syndicate.hardening.limits.LoopAwareMetaRefreshMiddleware": 580,
        f"{_STOCK}.httpcompression.HttpCompressionMiddleware": None,
        "syndicate.hardening.limits.BoundedHttpCompressionMiddleware": 590,
        f"{_STOCK}.redirect.RedirectMiddleware": None,
        "syndicate.hardening.limits.LoopAwareRedirectMiddleware": 600,
    },
    "EXTENSIONS": {"syndicate.hardening.limits.PageBudget": 500},
    "DOWNLOAD_MAXSIZE": 8 * MiB,
    "DOWNLOAD_WARNSIZE": 2 * MiB,
    "DOWNLOAD_TIMEOUT": 30,
    "DNS_TIMEOUT": 10,
    "REDIRECT_MAX_TIMES": 10,
    "SYNDICATE_MAX_PAGES": 5000,
    # "host:port" entries (or base URLs) that may be on a non-public address, e.g. the
    # offline mirror's "127.0.0.1:43121"; spiders may add theirs as `allowed_netlocs`.
    "SYNDICATE_ALLOWED_NETLOCS": [],
    # Static name -> IP table consulted before system DNS (tests, pinned hosts).
    "SYNDICATE_HOST_MAP": {},
}
