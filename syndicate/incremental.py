"""The incremental crawl policy, as pure functions: what a run may skip, what it re-checks,
how far it follows a category's list pages. The spider applies them (syndicate/spider.py);
the store keeps the state they read (crawl_state, articles.last_seen, pages)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")


def may_skip(state: dict, now: datetime, sweep: timedelta) -> bool:
    """May this crawl stop at stored articles? Only when the last crawl of the source finished
    cleanly (a killed or failed one leaves gaps only a full crawl finds) and a full crawl
    completed within the sweep period (the safety net for anything an incremental crawl
    cannot see, such as a new page buried deep in a list)."""
    if not state.get("complete") or not state.get("full_sweep"):
        return False
    complete = datetime.fromisoformat(state["complete"])
    if state.get("started") and datetime.fromisoformat(state["started"]) > complete:
        return False
    return datetime.fromisoformat(state["full_sweep"]) > now - sweep


def due(info: dict, now: datetime, freshness: timedelta) -> bool:
    """A stored article whose last check is older than the freshness window (four windows for
    one the site no longer serves: it may come back)."""
    window = freshness * (4 if info.get("gone") else 1)
    return datetime.fromisoformat(info["last_seen"]) < now - window


def conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """Headers of a conditional request from the validators a page last answered with."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def target(url: str) -> str:
    """Path and query: what URL patterns are matched against."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def page_number(path_and_query: str) -> int:
    """The page number of a pagination URL's path and query: its last number (0 for none)."""
    numbers = re.findall(r"\d+", path_and_query)
    return int(numbers[-1]) if numbers else 0


def pages_to_follow(pages: list[tuple[int, T]], listed: list[bool], here: int,
                    incremental: bool) -> tuple[list[T], bool]:
    """Which of a list page's further pages (page number, request) to follow, and whether the
    crawl stopped there at stored articles.

    A full crawl follows them all. An incremental one stops when most of what this page lists
    is stored (``listed``: one flag per article link, stored or not): the pages after it are
    older. A majority, not any one link, so a sidebar of stored "hot news" cannot stop it.
    Otherwise it goes one page further, to the nearest page after ``here`` (the pager also
    links pages far beyond it)."""
    if not incremental:
        return [request for _, request in pages], False
    if listed and 2 * sum(listed) >= len(listed):
        return [], True
    later = [(n, request) for n, request in pages if n > here]
    return ([min(later, key=lambda pair: pair[0])[1]] if later else []), False
