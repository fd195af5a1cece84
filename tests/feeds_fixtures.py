"""A small, realistic store for the feed and server tests, built with the real Store.

English and Simplified Chinese; originals, reprints, an item of unknown origin and date, an
exact duplicate, and one item of hostile scraped text (control characters, markup).
"""

from __future__ import annotations

from pathlib import Path

from syndicate.items import Article
from syndicate.sources import registry
from syndicate.store import Store

EN, ZH = registry().get("csr_china_en"), registry().get("csr_china_zh")
CRAWL_1 = "2024-03-05T00:00:00+00:00"
CRAWL_2 = "2024-03-06T00:00:00+00:00"


def en_reprint_rights(outlet: str) -> str:
    return f"Source: {outlet} (not from this site). {EN.reprint_statement}"


def zh_reprint_rights(outlet: str) -> str:
    return f"来源：{outlet}（非本网）。 {ZH.reprint_statement}"


ORIGINAL_EN = Article(
    url="https://en.csr-china.net/a/news/2024/0301/101.html",
    canonical_url="https://en.csr-china.net/a/news/2024/0301/101.html",
    source="csr_china_en", title="Chinese firms publish record number of CSR reports",
    body=("A record 2,100 Chinese companies published CSR reports in 2023, the GoldenBee study finds.\n\n"
          "SECOND-PARAGRAPH-EN-ORIGINAL: the study covers listed and state-owned companies alike.\n\n"
          "Third paragraph: the analysts expect the number to grow again in 2024."),
    published="2024-03-01T10:00:00+08:00", author="Li Wei", category="CSR News", tags=["ESG", "Reporting"],
    language="en", origin="original", outlet="CSR-China Website", rights=EN.copyright_statement,
)
REPRINT_EN = Article(
    url="https://en.csr-china.net/a/news/2024/0302/102.html",
    canonical_url="https://en.csr-china.net/a/news/2024/0302/102.html",
    source="csr_china_en", title="Green finance pilot zones expand to ten provinces",
    body=("Ten provinces now host green finance pilot zones, Xinhua reports.\n\n"
          "SECOND-PARAGRAPH-EN-REPRINT: the zones test green bonds and climate-risk disclosure."),
    published="2024-03-02T08:30:00+08:00", category="CSR News", tags=["Green finance"],
    language="en", origin="reprinted", outlet="Xinhua News Agency", rights=en_reprint_rights("Xinhua News Agency"),
)
DUPLICATE_EN = Article(  # the same story under a second address, seen a day later
    url="https://en.csr-china.net/a/knowledge/2024/0303/103.html",
    canonical_url="https://en.csr-china.net/a/knowledge/2024/0303/103.html",
    source="csr_china_en", title="Green finance pilot zones expand to ten provinces",
    body=REPRINT_EN.body, published="2024-03-03T09:00:00+08:00", category="Knowledge",
    language="en", origin="reprinted", outlet="Xinhua News Agency", rights=en_reprint_rights("Xinhua News Agency"),
)
UNKNOWN_EN = Article(
    url="https://en.csr-china.net/a/events/104.html",
    canonical_url="https://en.csr-china.net/a/events/104.html",
    source="csr_china_en", title="Forum on responsible supply chains",
    body="The forum brings together buyers and suppliers.\n\nSECOND-PARAGRAPH-EN-UNKNOWN: registration is open.",
    published=None, category="Events", language="en", origin="unknown", outlet=None, rights=None,
)
HOSTILE_EN = Article(
    url="https://en.csr-china.net/a/news/2024/0304/105.html",
    canonical_url="https://en.csr-china.net/a/news/2024/0304/105.html",
    source="csr_china_en",
    title="<script>alert('t')</script>Water\x00 stewardship\x0b <img src=x onerror=alert(1)>awards",
    body=("Winners\x01 were named <script>alert('b')</script> at the \x1bceremony "
          "<a href=\"javascript:alert(2)\">here</a> <img src=x onerror=\"alert(3)\"> <iframe src=//evil.test>"
          "</iframe>.\n\nSECOND-PARAGRAPH-EN-HOSTILE \ufffe\x85\x9f end."),
    published="2024-03-04T12:00:00+08:00", author="Ed\x1ftor <b>Wang</b>", category="CSR News",
    tags=["<b>bold</b>", "Water\x07"], language="en", origin="reprinted",
    outlet="China Daily", rights=en_reprint_rights("China Daily"),
)
ORIGINAL_ZH = Article(
    url="http://www.csr-china.net/a/news/qiye/2024/0228/201.html",
    canonical_url="http://www.csr-china.net/a/news/qiye/2024/0228/201.html",
    source="csr_china_zh", title="金蜜蜂企业社会责任报告研究发布",
    body="研究显示，2023年发布社会责任报告的企业数量创新高。\n\n第二段-中文原创：报告质量整体提升。",
    published="2024-02-28T09:00:00+08:00", author="张明", category="企业动态", tags=["责任报告"],
    language="zh-Hans", origin="original", outlet="企业社会责任中国网", rights=ZH.copyright_statement,
)
REPRINT_ZH = Article(
    url="http://www.csr-china.net/a/news/qiye/2024/0229/202.html",
    canonical_url="http://www.csr-china.net/a/news/qiye/2024/0229/202.html",
    source="csr_china_zh", title="多家央企发布乡村振兴报告",
    body="新华网北京2月29日电，多家中央企业发布乡村振兴专题报告。\n\n第二段-中文转载：报告披露了帮扶成效。",
    published="2024-02-29T15:30:00+08:00", category="企业动态", language="zh-Hans", origin="reprinted",
    outlet="新华网", rights=zh_reprint_rights("新华网"),
)

FIRST_CRAWL = [ORIGINAL_EN, REPRINT_EN, UNKNOWN_EN, HOSTILE_EN, ORIGINAL_ZH, REPRINT_ZH]
SECOND_CRAWL = [DUPLICATE_EN]
CANONICAL = FIRST_CRAWL
BY_URL = {a.canonical_url: a for a in FIRST_CRAWL + SECOND_CRAWL}


def build_store(path: Path) -> Store:
    """The fixture store: two crawls, the second finding a copy of a story already stored."""
    store = Store(str(path))
    for now, articles in ((CRAWL_1, FIRST_CRAWL), (CRAWL_2, SECOND_CRAWL)):
        with store.batch():
            for article in articles:
                store.upsert(article, now)
    return store


def numbered(n: int, start: int = 0, year: int = 2023) -> list[Article]:
    """``n`` plain English originals with distinct days, for paging and limits."""
    return [
        Article(url=f"https://en.csr-china.net/a/news/{year}/{i:04d}.html",
                canonical_url=f"https://en.csr-china.net/a/news/{year}/{i:04d}.html",
                source="csr_china_en", title=f"Story number {i}",
                body=f"Story {i} of {year} opens with a distinct first paragraph {i * 7919}.\n\nAnd a second one {i}.",
                published=f"{year}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}T08:00:00+08:00",
                category="CSR News", language="en", origin="original", outlet="CSR-China Website",
                rights=EN.copyright_statement)
        for i in range(start, start + n)
    ]
