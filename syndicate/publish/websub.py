"""WebSub (W3C Recommendation, 2018): after a publish, tell the hub which feeds changed.

With a hub configured, every subscription feed names it (``rel="hub"`` beside ``rel="self"``;
JSON Feed ``hubs``), and each publish sends the hub one ``hub.mode=publish`` request per feed
address whose bytes changed (each format of a feed is its own topic), and none when nothing
changed. A notification the hub does not take (down, refused, timed out) is logged and kept in
``.<out>.websub.json`` beside the output directory, to be sent again at the next publish: never
fatal, never lost."""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

logger = logging.getLogger(__name__)

TIMEOUT = 10  # seconds per notification: a hub that hangs cannot hold up the run for long
USER_AGENT = "csr-syndicate (WebSub publisher)"


def pending_path(out: Path) -> Path:
    """Where notifications not yet taken by the hub wait for the next publish."""
    return out.parent / f".{out.name}.websub.json"


def _pending(path: Path, hub: str) -> set[str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return set()
    except (OSError, ValueError) as exc:
        logger.warning("ignored unreadable %s (%s): only this publish's changes are announced", path, exc)
        return set()
    return set(data.get("urls", [])) if isinstance(data, dict) and data.get("hub") == hub else set()


def _save(path: Path, hub: str, urls: list[str]) -> None:
    if not urls:
        path.unlink(missing_ok=True)
        return
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps({"hub": hub, "urls": urls}, indent=1, sort_keys=True) + "\n", "utf-8")
    os.replace(temporary, path)


def ping(hub: str, topic: str, timeout: float = TIMEOUT) -> str | None:
    """One ``hub.mode=publish`` request for ``topic``; None when the hub took it (2xx), else why not."""
    body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": topic}).encode("ascii")
    request = urllib.request.Request(hub, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read(65536)
            return None if 200 <= response.status < 300 else f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"


def announce(hub: str, out: Path, changed: list[str], timeout: float = TIMEOUT) -> tuple[list[str], list[str]]:
    """Notify ``hub`` of every address in ``changed`` and of those a past publish could not
    announce; returns (announced, still pending)."""
    path = pending_path(out)
    sent, failed = [], []
    topics = sorted(set(changed) | _pending(path, hub))
    for n, topic in enumerate(topics):
        problem = ping(hub, topic, timeout)
        if problem is None:
            sent.append(topic)
            continue
        failed.append(topic)
        logger.warning("WebSub hub %s did not take the notification for %s (%s): sent again at the next "
                       "publish", hub, topic, problem)
        if not problem.startswith("HTTP"):  # the hub cannot be reached: the rest wait for the next publish
            failed += topics[n + 1:]
            if topics[n + 1:]:
                logger.warning("WebSub hub %s unreachable: %d more notifications wait for the next publish",
                               hub, len(topics) - n - 1)
            break
    _save(path, hub, failed)
    return sent, failed
