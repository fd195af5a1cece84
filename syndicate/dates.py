"""Dates as news sites write them, to timezone-aware datetimes."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

# Numeric forms first (fast, exact): 2019-07-19 14:19:21, 2019/7/19, 2019.07.19 14:19,
# 2019年07月19日 14时19分, 2019年7月19日 14:19.
_NUMERIC = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[\sT]*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2})(?:\.\d+)?\s*秒?)?)?"
    r"(?P<tz>\s*(?:Z|[+-]\d{2}:?\d{2}))?"
    r"(?P<zone>\s*(?:[ECMP][SD]T|UTC|GMT|CES?T|BST|JST|HKT)\b)?"
)


# English month names: "July 2, 2011", "Jul. 2nd 2011", "2 July 2011" (a named zone or a
# time after it goes to dateparser, which reads those).
_MONTH = r"(?P<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?"
_WORDED = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.replace('mon', 'mon2')},?\s+)"
    r"(?P<y>(?:19|20)\d{2})\b(?P<time>,?\s+(?:at\s+|[–—-]\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?"
    r"(?:\s*(?:[ECMP][SD]T|UTC|GMT|CES?T|BST|JST|HKT)\b)?)?",
    re.IGNORECASE,
)

# A date that names its own zone: "10:35 AM EST", "GMT", "UTC", "+0200".
_NAMED_ZONE = re.compile(r"\b(?:[ECMP][SD]T|UTC|GMT|CES?T|BST|JST|HKT|CST)\b|[+-]\d{2}:?\d{2}\b")


def find_date_text(text: str) -> str | None:
    """The first thing in ``text`` that is shaped like a numeric date, else None."""
    match = _NUMERIC.search(text or "") or _worded(text or "")
    return match.group(0).strip() if match else None


def starts_with_date(text: str) -> bool:
    """Whether ``text`` opens with a date, numeric or worded ("2019-08-28 ...", "August 4, 2018 ...")."""
    text = text.lstrip()
    match = _NUMERIC.match(text) or _worded(text)
    return bool(match) and match.start() == 0


def _worded(text: str) -> re.Match | None:
    """The first date written with an English month name whose month is a month ("Mayor 3, 2011" is not)."""
    for match in _WORDED.finditer(text):
        if (match["mon"] or match["mon2"]).lower() in _MONTH_NAMES:
            return match
    return None


_MONTH_NAMES = {name: i for i, full in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                                  "august", "september", "october", "november", "december"), 1)
                for name in (full, full[:3])} | {"sept": 9}


def parse_date(text: str | None, tz: str = "Asia/Shanghai", now: datetime | None = None,
               order: str | None = None) -> datetime | None:
    """Parse a date as written on a page; the site's zone applies when the text gives none.

    Returns None when the text holds no valid date (the caller stores NULL, never a guess).
    Relative and worded dates ("3天前", "Dec 22, 2011 – 10:35 AM EST") go through dateparser;
    ``order`` (the registry's date_order: "MDY", "DMY") settles "07/24/2019".
    """
    if not text or not text.strip():
        return None
    zone = ZoneInfo(tz)
    match = _NUMERIC.search(text)
    if match:
        try:
            value = datetime(
                int(match["y"]), int(match["m"]), int(match["d"]),
                int(match["H"] or 0), int(match["M"] or 0), int(match["S"] or 0),
            )
        except ValueError:
            return None  # 2017-13-45: shaped like a date, but not one
        if match["tz"]:
            offset = match["tz"].strip()
            offset = "+00:00" if offset == "Z" else offset if ":" in offset else f"{offset[:3]}:{offset[3:]}"
            return datetime.fromisoformat(value.isoformat() + offset)
        if match["zone"]:  # "2019-03-26 16:20 EST": the page's zone, not the site's
            return _parse_words(match.group(0), tz, now, order) or value.replace(tzinfo=zone)
        return value.replace(tzinfo=zone)
    match = _worded(text)
    if match and match["time"]:
        return _parse_words(match.group(0), tz, now, order)
    if match:
        try:  # "July 2, 2011": exact without dateparser
            return datetime(int(match["y"]), _MONTH_NAMES[(match["mon"] or match["mon2"]).lower()],
                            int(match["d1"] or match["d2"]), tzinfo=zone)
        except ValueError:
            return None  # February 30
    return _parse_words(text, tz, now, order)


def _parse_words(text: str, tz: str, now: datetime | None, order: str | None = None) -> datetime | None:
    if not re.search(r"\d|前|昨|今|yesterday|today|ago", text, re.IGNORECASE):
        return None
    import dateparser  # slow to import; only worded dates need it

    settings = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DAY_OF_MONTH": "first",
        "STRICT_PARSING": False,
    }
    if order:
        settings["DATE_ORDER"] = order  # "07/24/2019" is month first on a US site
    if not _NAMED_ZONE.search(text):
        settings["TIMEZONE"] = tz  # the site's zone, for a date that names none (else the page's offset is kept)
    if now is not None:
        settings["RELATIVE_BASE"] = now.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
    cleaned = re.sub(r"\s+[–—-]\s+", " ", text.strip())
    cleaned = re.sub(r"^[^\W\d]+(?:\s[^\W\d]+)?\s*[:：]\s*", "", cleaned)  # "Posted: ...", "时间："
    value = dateparser.parse(cleaned, languages=["en", "zh"], settings=settings)
    if value is None or not (1990 <= value.year <= 2100):
        return None
    return value


def iso(value: datetime | None) -> str | None:
    """ISO 8601 with offset, seconds precision; None stays None."""
    return value.isoformat(timespec="seconds") if value else None


def crawl_time(value: str | None) -> datetime:
    """The crawl's clock: ``value`` (ISO 8601, SYNDICATE_NOW) when set, for reproducible runs,
    else now; UTC when the value names no zone."""
    if value:
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)
