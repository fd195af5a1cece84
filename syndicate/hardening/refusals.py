"""What the hardening refuses: each refusal is an ``IgnoreRequest`` (Scrapy neither retries
nor logs a traceback) whose class name is the reason."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from twisted.internet.error import DNSLookupError

class Refused(IgnoreRequest):
    """A request the hardening refused; the class name is the reason."""


class SchemeRefused(Refused):
    """Not http or https."""


class AddressRefused(Refused):
    """The host is, or resolves to, a non-public address the operator did not allow."""


class RobotsTxtDisallowed(Refused):
    """robots.txt disallows the URL."""


class RobotsTxtUnreachable(RobotsTxtDisallowed):
    """robots.txt answered 5xx (or could not be fetched): the whole host is disallowed."""


class ResponseTooLarge(Refused):
    """The body went over DOWNLOAD_MAXSIZE on the wire."""


class DecompressionBomb(ResponseTooLarge):
    """The body went over DOWNLOAD_MAXSIZE while being decompressed."""


class RedirectLoop(Refused):
    """A redirect leads back to a URL already visited in the same chain."""


class TooManyRedirects(Refused):
    """A redirect chain went over REDIRECT_MAX_TIMES."""


class RetryAfterTooLong(Refused):
    """A 429 or 503 asked us to wait longer than SYNDICATE_RETRY_AFTER_MAX: given up, not waited for."""


class BlockedAddressError(DNSLookupError):
    """GuardedResolver refused a DNS answer (a DNSLookupError, so the connection just fails)."""


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[:limit] + "..."
