"""Many crawler processes, on any number of machines, working one frontier in Redis
(scrapy-redis), with one writer (``syndicate ingest``, syndicate/ingest.py) to the store.

``syndicate crawl --redis URL`` switches the same spiders to these parts (:func:`settings`):

- :class:`Frontier`, scrapy-redis's scheduler and duplicate filter, shared by every crawler of
  a source; the frontier is kept while crawlers work and cleared by the last one out;
- :class:`ReliableQueue`: a request popped by a crawler moves to that crawler's in-flight list
  (``LMOVE``) and leaves it only when its download is over (:class:`Acknowledge`); the lists of
  a crawler whose heartbeat stopped (killed) go back to the queue, so another crawls them;
- :class:`QueuePipeline`: items go to the list ``syndicate:items`` as JSON (items.to_message),
  not to the store; the writer takes them from there;
- :class:`SharedPace`: the least delay between two requests to a host holds across all
  crawlers (a lock per host in Redis), not per process;
- :class:`CrawlEvents`: the start and the clean end of each crawler's crawl, as messages, so
  the writer keeps the crawl state (what makes the next run incremental).

What crawlers know of the store (stored articles, validators, the last crawls) the writer
publishes to Redis after each batch (:func:`publish_state`); a crawler reads it when it starts
(:func:`load_state`), so an unchanged distributed re-crawl is as cheap as a local one.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import uuid

import redis
from scrapy import signals
from scrapy.exceptions import DropItem, IgnoreRequest, NotConfigured
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from scrapy_redis.queue import FifoQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import deferLater

from .config import CrawlConfig
from .items import Article, to_message

logger = logging.getLogger(__name__)

PREFIX = "syndicate"
ITEMS = f"{PREFIX}:items"                   # items for the writer (a list, LPUSH / LMOVE from the right)
HEARTBEAT_TTL = int(os.environ.get("SYNDICATE_HEARTBEAT_TTL", "15"))  # seconds a crawler's heartbeat lives unrenewed
STARTED, COMPLETED = "CrawlStarted", "CrawlCompleted"  # CrawlEvents' messages (the writer keeps the crawl state)
WORKER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"  # this crawler process


# The components a crawl on the shared frontier adds to its own (RedisAddon).
COMPONENTS = {
    "DOWNLOADER_MIDDLEWARES": {"syndicate.distributed.Acknowledge": 1, "syndicate.distributed.SharedPace": 950},
    "SPIDER_MIDDLEWARES": {"syndicate.distributed.Acknowledge": 1},
    "EXTENSIONS": {"syndicate.distributed.CrawlEvents": 650},
}


def settings(url: str) -> dict:
    """The Scrapy settings that put a crawl on the shared Redis frontier at ``url``."""
    return {
        "REDIS_URL": url,
        "SCHEDULER": "syndicate.distributed.Frontier",
        "SCHEDULER_QUEUE_CLASS": "syndicate.distributed.ReliableQueue",
        "SCHEDULER_QUEUE_KEY": queue_key("%(spider)s"),
        "SCHEDULER_DUPEFILTER_KEY": f"{PREFIX}:%(spider)s:seen",  # a run's own: Frontier.open
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,           # one crawler done is not the crawl done (Frontier.close)
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,    # never a blocking pop: it would stop the reactor (Frontier)
        "SYNDICATE_DB": "",                  # the crawler keeps nothing: the writer does
        "ITEM_PIPELINES": {"syndicate.distributed.QueuePipeline": 500},
        "SYNDICATE_REDIS": url,
    }


class RedisAddon:
    """A Scrapy add-on (``ADDONS`` in syndicate/settings.py): a crawl whose SYNDICATE_REDIS
    setting names a Redis works its shared frontier, whoever started it (``syndicate crawl
    --redis``, ``scrapy crawl -s SYNDICATE_REDIS=...``, Scrapyd's ``setting=SYNDICATE_REDIS=...``)."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def update_settings(self, scrapy_settings) -> None:
        url = scrapy_settings.get("SYNDICATE_REDIS")
        if url:
            for key, value in settings(url).items():
                scrapy_settings.set(key, value, priority="cmdline")
            for name, components in COMPONENTS.items():  # added to the crawl's own
                scrapy_settings[name].update(components)


def connect(url: str):
    return redis.Redis.from_url(url, decode_responses=False, socket_connect_timeout=5, socket_timeout=30)


_LOST: set[int] = set()  # crawlers already closing for a lost Redis


def redis_lost(crawler, exc: Exception) -> None:
    """Redis went away mid-crawl: say so once and close the crawl (reason ``redis_lost``, a
    failed source, exit 3). What was taken stays in Redis if it kept its data: the next run resumes."""
    if id(crawler) in _LOST:
        return
    _LOST.add(id(crawler))
    logger.error("lost Redis at %s (%s: %s): stopping this crawl; the next run resumes",
                 crawler.settings.get("SYNDICATE_REDIS"), type(exc).__name__, exc)
    deferred_from_coro(crawler.engine.close_spider_async(reason="redis_lost"))


SEEN_TTL = 6 * 3600  # seconds a finished run's pages-seen set is kept (late crawlers of that run)


def run_of(crawler) -> str:
    """The run a crawler belongs to: SYNDICATE_RUN, else the hour of the crawl's clock."""
    return crawler.settings.get("SYNDICATE_RUN") or CrawlConfig.of(crawler).stamp[:13]


def queue_key(spider_name: str) -> str:
    """The source's shared queue of requests."""
    return f"{PREFIX}:{spider_name}:requests"


def inflight_lists(server, spider_name: str):
    """The in-flight lists of every crawler of the source (key names, as Redis returns them)."""
    return server.scan_iter(match=inflight_key(spider_name, "*"))


def pages_key(spider_name: str) -> str:
    """Downloads of all crawlers of a source in this crawl (the page cap, hardening/limits.py)."""
    return f"{PREFIX}:{spider_name}:pages"


def inflight_key(spider_name: str, worker: str = WORKER) -> str:
    return f"{PREFIX}:{spider_name}:inflight:{worker}"


def heartbeat_key(spider_name: str, worker: str = WORKER) -> str:
    """Alive while this process crawls ``spider_name`` (a process may crawl several sources)."""
    return f"{PREFIX}:{spider_name}:alive:{worker}"


class ReliableQueue(FifoQueue):
    """scrapy-redis's FIFO queue whose pop moves the request to this crawler's in-flight list
    (never blocking: the engine asks again while another crawler's requests are in flight)."""

    def pop(self, timeout=0):
        raw = self.server.lmove(self.key, inflight_key(self.spider.name), "RIGHT", "LEFT")
        if raw is None:
            return None
        request = self._decode_request(raw)
        request.meta["syndicate_frontier"] = raw  # what Acknowledge removes from the in-flight list
        return request


def requeue_orphans(server, spider_name: str) -> int:
    """Put back on the queue the in-flight requests of crawlers whose heartbeat stopped."""
    moved = 0
    queue = queue_key(spider_name)
    for key in inflight_lists(server, spider_name):
        worker = key.decode().rsplit(":inflight:", 1)[1]
        if server.exists(heartbeat_key(spider_name, worker)):
            continue
        while server.lmove(key, queue, "RIGHT", "RIGHT") is not None:
            moved += 1
    if moved:
        logger.warning("%d requests a stopped crawler had taken are back on the frontier of %s", moved, spider_name)
    return moved


class Frontier(Scheduler):
    """The shared scheduler: requeues a dead crawler's in-flight requests as it opens and while
    it runs; clears the frontier only when nothing is queued or in flight anywhere."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        return scheduler

    def open(self, spider):
        from twisted.internet import task

        # The pages seen belong to this run (the crawl clock's hour: crawlers started together
        # share it), so a crawler that starts after the others finished fetches nothing again,
        # and the next run starts afresh.
        super().open(spider)
        self.df.key = f"{PREFIX}:{spider.name}:seen:{run_of(self.crawler)}"
        self._beat()
        # The heartbeat beats on the reactor's clock, not the engine's: a crawler whose requests
        # all wait for a host's pace asks for no new one, yet is alive.
        self._heart = task.LoopingCall(self._beat)
        self._heart.start(HEARTBEAT_TTL / 3, now=False)

    def _beat(self) -> None:
        """This crawler is alive; the requests of those that are not go back to the queue."""
        try:
            self.server.set(heartbeat_key(self.spider.name), b"1", ex=HEARTBEAT_TTL)
            requeue_orphans(self.server, self.spider.name)
        except redis.RedisError as exc:
            redis_lost(self.crawler, exc)

    def next_request(self):
        try:
            return super().next_request()
        except redis.RedisError as exc:
            redis_lost(self.crawler, exc)
            return None

    def enqueue_request(self, request):
        try:
            taken = request.meta.pop("syndicate_frontier", None)
            if taken:  # a retry or a redirect of a request taken: the new one stands in its place
                queued = super().enqueue_request(request)
                self.server.lrem(inflight_key(self.spider.name), 1, taken)
                return queued
            return super().enqueue_request(request)
        except redis.RedisError as exc:
            redis_lost(self.crawler, exc)
            return False

    def has_pending_requests(self):
        """Requests queued, or in flight anywhere: a page another crawler is fetching may list
        more, so a crawler is not done while one is (a dead one's go back: requeue_orphans)."""
        try:
            return len(self) > 0 or any(self.server.llen(k) for k in inflight_lists(self.server, self.spider.name))
        except redis.RedisError as exc:
            redis_lost(self.crawler, exc)
            return False

    def close(self, reason):
        if self._heart.running:
            self._heart.stop()
        name = self.spider.name
        try:
            self.server.delete(inflight_key(name))
            busy = any(self.server.llen(k) for k in inflight_lists(self.server, name))
            if not len(self) and not busy:  # the crawl is over: what it saw lapses after a while
                self.server.expire(self.df.key, SEEN_TTL)
                self.server.delete(pages_key(name))
            self.server.delete(heartbeat_key(name))
        except redis.RedisError:  # lost: what it held lapses there (heartbeat) and is taken back
            pass


class _OnRedis:
    """A crawl component that works only on a shared frontier: off (NotConfigured) otherwise."""

    def __init__(self, crawler, server):
        self.crawler, self.server = crawler, server

    @classmethod
    def from_crawler(cls, crawler):
        url = crawler.settings.get("SYNDICATE_REDIS")
        if not url:
            raise NotConfigured
        return cls(crawler, connect(url))


class Acknowledge(_OnRedis):
    """A request taken from the frontier leaves this crawler's in-flight list once what it
    brought is safe: as a downloader middleware (outermost), when its download failed for good
    or its response goes to an errback; as a spider middleware (outermost), once its callback's
    output (items queued for the writer, requests on the frontier) has all gone out. (A retry or
    a redirect takes its place on the frontier: Frontier.enqueue_request.)"""

    def _ack(self, request, spider=None) -> None:
        raw = request.meta.get("syndicate_frontier")
        if raw:
            try:
                self.server.lrem(inflight_key(self.crawler.spider.name), 1, raw)
            except redis.RedisError as exc:
                redis_lost(self.crawler, exc)

    def process_response(self, request, response, spider=None):
        if response.status >= 400 and response.status not in request.meta.get("handle_httpstatus_list", ()):
            self._ack(request, spider)  # an errback's: no callback output to wait for
        return response

    def process_exception(self, request, exception, spider=None):
        self._ack(request, spider)
        return None

    def process_spider_output(self, response, result, spider=None):
        yield from result
        self._ack(response.request, spider)

    async def process_spider_output_async(self, response, result, spider=None):
        async for output in result:
            yield output
        self._ack(response.request, spider)


class SharedPace(_OnRedis):
    """The least delay between two requests to a host (the download slot's delay: the
    operator's delay, Crawl-delay, back-off; hardening/polite.py) held across every crawler:
    a request waits until it holds the host's lock in Redis, which lapses after the delay."""

    async def process_request(self, request, spider=None):
        from twisted.internet import reactor

        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        delay = slot.delay if slot is not None else self.crawler.settings.getfloat("DOWNLOAD_DELAY")
        if delay <= 0:
            return None
        lock = f"{PREFIX}:pace:{key}"
        try:
            while not self.server.set(lock, WORKER.encode(), nx=True, px=max(1, int(delay * 1000))):
                wait = max(self.server.pttl(lock), 1) / 1000
                await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        except redis.RedisError as exc:
            redis_lost(self.crawler, exc)
            raise IgnoreRequest("Redis lost") from None
        return None


class QueuePipeline:
    """Items to the writer's Redis list instead of the store (one message each)."""

    def __init__(self, crawler, server):
        self.crawler, self.server, self.now = crawler, server, CrawlConfig.of(crawler).stamp
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, connect(crawler.settings.get("SYNDICATE_REDIS")))

    def process_item(self, item, spider=None):
        try:
            self.server.lpush(ITEMS, json.dumps(to_message(item, self.now), ensure_ascii=False, sort_keys=True))
        except redis.RedisError as exc:
            redis_lost(self.crawler, exc)
            raise DropItem("Redis lost: the next run fetches it again") from None
        self.stats.inc_value("syndicate/queued")
        if isinstance(item, Article):
            self.stats.inc_value("syndicate/queued/articles")
        return item

    def open_spider(self, spider=None):
        self.stats.set_value("syndicate/distributed", 1)


class CrawlEvents(_OnRedis):
    """A crawl's start and its clean end, sent to the writer as messages (the crawl state)."""

    def __init__(self, crawler, server):
        super().__init__(crawler, server)
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    def _send(self, kind: str, spider, **extra) -> None:
        message = {"type": kind, "now": CrawlConfig.of(self.crawler).stamp, "item": {"source": spider.name, **extra}}
        try:
            self.server.lpush(ITEMS, json.dumps(message, sort_keys=True))
        except redis.RedisError as exc:
            redis_lost(self.crawler, exc)

    def opened(self, spider) -> None:
        self._send(STARTED, spider)

    def closed(self, spider, reason: str) -> None:
        from .report import CrawlReport

        report = CrawlReport(spider.name, dict(self.crawler.stats.get_stats()) | {"finish_reason": reason})
        if reason == "finished" and not report.errors and not report.failure:
            self._send(COMPLETED, spider, full=not getattr(spider, "incremental", False))


# -- the incremental state, published by the writer, read by crawlers -------------------------------
def state_key(source: str) -> str:
    return f"{PREFIX}:state:{source}"


def publish_state(server, store, sources) -> None:
    """What a crawler of each of ``sources`` needs of the store, as one JSON value each."""
    for source in sources:
        state = {"known": store.known(source), "validators": {k: list(v) for k, v in
                                                             store.page_validators(source).items()},
                 "crawl_state": store.crawl_state(source)}
        server.set(state_key(source), json.dumps(state, sort_keys=True))


def load_state(url: str, source: str) -> dict | None:
    """The state the writer last published for ``source`` (None: never)."""
    raw = connect(url).get(state_key(source))
    if raw is None:
        return None
    state = json.loads(raw)
    state["validators"] = {k: tuple(v) for k, v in state["validators"].items()}
    return state
