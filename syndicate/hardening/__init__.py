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
- ``polite``: :class:`HostPace`: each host's floor, the least delay between two requests to it:
  the operator's ``DOWNLOAD_DELAY`` (a source's registry ``download_delay`` on the real site),
  its robots.txt Crawl-delay (capped at ``SYNDICATE_CRAWL_DELAY_MAX``), its back-off.
  :class:`RetryAfterMiddleware`: a 429 or 503 with Retry-After pauses the host that long before
  the retry and doubles its floor; a wait over ``SYNDICATE_RETRY_AFTER_MAX`` is refused instead.
  :class:`HostThrottle`: AutoThrottle (latency-driven delays) held at each host's floor.
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
        f"{_STOCK}.retry.RetryMiddleware": None,
        "syndicate.hardening.polite.RetryAfterMiddleware": 550,
        f"{_STOCK}.redirect.MetaRefreshMiddleware": None,
        "syndicate.hardening.limits.LoopAwareMetaRefreshMiddleware": 580,
        f"{_STOCK}.httpcompression.HttpCompressionMiddleware": None,
        "syndicate.hardening.limits.BoundedHttpCompressionMiddleware": 590,
        f"{_STOCK}.redirect.RedirectMiddleware": None,
        "syndicate.hardening.limits.LoopAwareRedirectMiddleware": 600,
    },
    "EXTENSIONS": {
        "syndicate.hardening.limits.PageBudget": 500,
        "syndicate.hardening.polite.HostPace": 0,
        "scrapy.extensions.throttle.AutoThrottle": None,
        "syndicate.hardening.polite.HostThrottle": 0,
    },
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
    # Politeness (polite.py). A delay a site asks for, or the operator sets, is a minimum:
    # Scrapy's default jitter (+-50 %) would halve it.
    "DOWNLOAD_DELAY_JITTER": 0,
    # AutoThrottle: about one request in flight per host, the delay following its latency, up
    # to one request a minute for a slow host. A host starts at its floor (AutoThrottle never
    # starts below DOWNLOAD_DELAY: the registry's delay on a real site): AutoThrottle lowers a
    # delay only on 200s, so a higher start would hold every 304 re-check and redirect there.
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "AUTOTHROTTLE_START_DELAY": 0.0,
    "AUTOTHROTTLE_MAX_DELAY": 60.0,
    # The longest delay between two requests a host can impose, by its robots.txt Crawl-delay
    # or by backing us off (a Crawl-delay of 86400 must not stall a cron run).
    "SYNDICATE_CRAWL_DELAY_MAX": 60.0,
    # The longest Retry-After (429, 503) waited for; a longer one gives the request up.
    "SYNDICATE_RETRY_AFTER_MAX": 120.0,
}
