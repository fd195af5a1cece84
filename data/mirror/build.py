#!/usr/bin/env python3
"""Generate the offline mirror of csr-china.net and four other CSR sites that the spiders are tested against.

The mirror reproduces what is known about the real site (shared/sources/csr-china.md): two
editions on two hosts, DedeCMS URL shapes and list pages, five article templates per edition
(A-C, and D-E added later: footers holding the source line, sidebars and related lists before
the article, titles outside h-tags, <br><br> paragraphs, meta lines below the body, labelled
dates in other forms), GBK pages whose HTTP header lies about the charset or says nothing,
reprints, duplicates and a few broken pages.
The article texts live in content/en.toml and content/zh.toml; this script holds the site facts
(as data at the top) and the page templates (small functions below), and writes:

    <out>/en.csr-china.net/...   files, one per URL path ("/" -> index.html), raw bytes as served
    <out>/www.csr-china.net/...
    <out>/headers.json           per host and URL path: Last-Modified and Content-Type overrides
    <out>/truth.json             the answer key for the spiders

Four more sites (issue 5), each in another CMS style, reprint CSR-China articles and each other:
www.csrwire.com (WordPress-like: feed, sitemaps, category archives), www.3blmedia.com
(Drupal-like: ?page=N lists, RSS), www.goldenbeechina.com (a Chinese portal, GBK, with an
English section) and www.sustainability-reports.com (a WordPress news blog). Their facts are the
Site records in the second half of this file, their posts content/<site key>.toml; see
"Four more CSR sites" below for what the answer key counts as body, origin and date.

Nothing depends on the clock or on set order: the same content gives the same bytes.

    python data/mirror/build.py [--out DIR]      # default: next to this script
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote, quote_plus
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content"

# ---------------------------------------------------------------------------------------------
# Site facts
# ---------------------------------------------------------------------------------------------

EN, ZH = "en.csr-china.net", "www.csr-china.net"
HOSTS = (EN, ZH)
CANONICAL_SCHEME = {EN: "https", ZH: "http"}
LANGUAGE = {EN: "en", ZH: "zh-Hans"}
PAGE_SIZE = 5
SHANGHAI = timezone(timedelta(hours=8))
STATIC_DATE = datetime(2017, 1, 1, tzinfo=timezone.utc)  # Last-Modified of undated pages

EN_DISCLAIMER = (
    'All the materials on the site "Source: XXX (not from this site)" have been reprinted from '
    "other media. They do not imply the agreement by the site.",
    'All the materials with "Source: CSR-China Website" are the copyright of CSR-China Website. '
    "None of them may be used in any form or by any means without permission from CSR-China Website.",
)
ZH_DISCLAIMER = (
    '凡本网注明"来源：XXX（非本网）"的作品，均转载自其它媒体，转载目的在于传递更多信息，'
    "并不代表本网赞同其观点和对其真实性负责。",
    '凡本网注明"来源：企业社会责任中国网"的作品，版权均属于企业社会责任中国网，'
    "未经本网授权不得转载、摘编或利用其它方式使用上述作品。",
)
EN_FOOTER = ("GoldenBee Official WeChat", "Copyright © Csr-china.net All Right Reserved.")
ZH_FOOTER = ("金蜜蜂官方微信", "Copyright &copy; 企业社会责任中国网 版权所有")  # © is not in GBK

# Outlet names as written -> the one name stored (names also lose surrounding 《》 and <>:
# "Source: &lt;China Daily&gt;" shows "Source: <China Daily>", the outlet China Daily).
OUTLET_ALIASES = {
    "China WTO Tribune": "China Sustainability Tribune",
    "Sino-Swedish Corporate Social": "Sino-Swedish Corporate Social Responsibility Website",
    "Xinhua": "Xinhua News Agency",
    "Xinhuanet": "Xinhua News Agency",
    "中新网": "中国新闻网",
    "CSR-China": "CSR-China Website",
    "WTO经济导刊": "可持续发展经济导刊",
    "本网": "企业社会责任中国网",
}
SITE_OUTLET = {EN: "CSR-China Website", ZH: "企业社会责任中国网"}
SOURCE_KEY = {EN: "csr_china_en", ZH: "csr_china_zh"}  # registry keys (data/sources.toml)
SITE_NAMES = {
    "en": ["CSR-China Website", "CSR-China", "CSR China", "csr-china.net", "Csr-china.net"],
    "zh": ["企业社会责任中国网", "本网", "企业社会责任中国", "csr-china.net"],
}


@dataclass(frozen=True)
class Category:
    """A DedeCMS list ("typeid"): its folder, its breadcrumb and its list pages."""

    host: str
    slug: str
    path: str
    typeid: int
    name: str
    section: str
    section_path: str
    list_charset: str | None = None  # charset the list pages' HTTP header claims

    def list_path(self, page: int) -> str:
        return self.path if page == 1 else f"{self.path}list_{self.typeid}_{page}.html"


CATEGORIES = {
    (EN, "CSRNews"): Category(EN, "CSRNews", "/a/knowledge/CSRNews/", 3, "CSR News", "Knowledge", "/a/knowledge/"),
    (EN, "Report"): Category(EN, "Report", "/a/knowledge/Report/", 5, "CSR Reports", "Knowledge", "/a/knowledge/"),
    (ZH, "qiye"): Category(ZH, "qiye", "/a/news/qiye/", 7, "企业动态", "新闻中心", "/a/news/", "utf-8"),
    (ZH, "zhengce"): Category(ZH, "zhengce", "/a/news/zhengce/", 8, "政策法规", "新闻中心", "/a/news/"),
}
# How list pages write their article links, in rotation (specs may override one link).
LINK_ROTATION = {EN: ("rel", "root", "http", "https"), ZH: ("rel", "root", "http", "root")}
# How each template's sidebar links to other articles.
SIDEBAR_FORM = {"A": "root", "B": "http", "C": "root", "D": "http", "E": "root"}
# The first templates. Their pages were written before D and E existed; their sidebars pick
# only among articles of these templates, so adding D/E articles leaves those pages unchanged.
LEGACY_TEMPLATES = ("A", "B", "C")
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y年%m月%d日 %H:%M", "%Y/%m/%d")
GIF = bytes.fromhex("47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b")


# ---------------------------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------------------------


@dataclass
class Article:
    """One article-shaped page; `reason` is set for the pages a crawl must drop.

    Special links: `list_href` replaces the rotating link form on the page's own list pages,
    `recommended_href` puts the page, linked that way, in the "Recommended" box of the other
    category's list pages, and `home_pick` lists it under the home page's editor's picks.
    """

    host: str
    id: int
    category: Category
    folder: str
    template: str = "A"
    title: str = ""
    body: list[str] = field(default_factory=list)
    date: str | None = None
    source: str | None = None
    source_at: str = "meta"
    not_from_site: bool = False
    author: str | None = None
    views: int = 0
    tags: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    header_charset: str | None = None
    list_href: str | None = None
    recommended_href: str | None = None
    home_pick: bool = False
    duplicate_of: Article | None = None
    reason: str | None = None
    list_title: str = ""

    @property
    def path(self) -> str:
        return f"{self.category.path}{self.folder}/{self.id}.html"

    @property
    def canonical_url(self) -> str:
        return f"{CANONICAL_SCHEME[self.host]}://{self.host}{self.path}"

    @property
    def folder_date(self) -> date:
        return datetime.strptime(self.folder, "%Y/%m%d").date()

    @property
    def published(self) -> datetime | None:
        """The page's own date; the URL folder only when the page shows none."""
        if self.date is None:
            d = self.folder_date
            return datetime(d.year, d.month, d.day, tzinfo=SHANGHAI)
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(self.date, fmt).replace(tzinfo=SHANGHAI)
            except ValueError:
                pass
        return None

    @property
    def list_date(self) -> str:
        return self.published.date().isoformat() if self.published else str(self.date)

    @property
    def outlet(self) -> str | None:
        if self.source is None:
            return None
        name = self.source.strip("《》<>")
        return OUTLET_ALIASES.get(name, name)

    @property
    def origin(self) -> str:
        if self.source is None:
            return "unknown"
        return "original" if self.outlet == SITE_OUTLET[self.host] else "reprinted"

    @property
    def source_line(self) -> str:
        if self.host == EN:
            return f"Source: {self.source}" + (" (not from this site)" if self.not_from_site else "")
        return f"来源：{self.source}" + ("（非本网）" if self.not_from_site else "")

    @property
    def last_modified(self) -> datetime:
        d = self.folder_date
        return datetime(d.year, d.month, d.day, 2, 0, tzinfo=timezone.utc)


def paragraph_text(block: str) -> str | None:
    """Plain text of a body block as the answer key counts it (images have none; a line that
    is only a credit, such as "（原标题：...）", is not story text: as on the other sites)."""
    if block.startswith(("[img]", "（原标题：")):
        return None
    if block.startswith("[caption] "):
        return block.removeprefix("[caption] ")
    return block.removeprefix("## ")


def apply_edits(body: list[str], edits: dict) -> list[str]:
    """A reprint's body: drop paragraphs, replace phrases (each must match), add lines."""
    drop = set(edits.get("drop", []))
    out = [p for i, p in enumerate(body) if i not in drop]
    for old, new in edits.get("replace", []):
        if not any(old in p for p in out):
            raise ValueError(f"edit {old!r} matches nothing")
        out = [p.replace(old, new) for p in out]
    return edits.get("prepend", []) + out + edits.get("append", [])


def load_edition(host: str, filename: str) -> list[Article]:
    """Read one content file; copies and reprints are resolved against earlier ids."""
    data = tomllib.loads((CONTENT / filename).read_text("utf-8"))
    default_encoding = "gbk" if host == ZH else "utf-8"
    built: dict[int, Article] = {}
    for spec in data["article"]:
        spec = dict(spec)
        original = None
        if "copy_of" in spec:
            original = built[spec.pop("copy_of")]
            for key in ("title", "body", "source", "source_at", "not_from_site", "author", "tags"):
                spec.setdefault(key, getattr(original, key))
        if "reprint_of" in spec:
            original = built[spec.pop("reprint_of")]
            spec["body"] = apply_edits(original.body, spec.pop("edits"))
        category = CATEGORIES[(host, spec.pop("category"))]
        spec.setdefault("encoding", default_encoding)
        built[spec["id"]] = Article(host=host, category=category, duplicate_of=original, **spec)
    drops = []
    for spec in data.get("drop", []):
        spec = dict(spec)
        category = CATEGORIES[(host, spec.pop("category"))]
        drops.append(Article(host=host, category=category, encoding=default_encoding, **spec))
    return list(built.values()) + drops


# ---------------------------------------------------------------------------------------------
# Output: files, headers and the links seen
# ---------------------------------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(timezone.utc), usegmt=True)


class Mirror:
    """Collects the files of both hosts, their headers, and every link written to an article."""

    def __init__(self, articles: list[Article]):
        self.articles = articles
        self.files: dict[tuple[str, str], bytes] = {}
        self.headers: dict[str, dict[str, dict[str, str]]] = {host: {} for host in HOSTS}
        self.links: dict[tuple[str, str], set[str]] = defaultdict(set)

    def stored(self, host: str) -> list[Article]:
        """Articles (not drops) of a host, newest first."""
        return sorted((a for a in self.articles if a.host == host and not a.reason), key=lambda a: -a.id)

    def href(self, a: Article, form: str, base: str | None = None) -> str:
        """Write a link to `a` in the given form and remember it; returns the escaped attribute."""
        if form == "rel":
            assert base and a.path.startswith(base), (a.path, base)
            url = a.path.removeprefix(base)
        elif form == "root":
            url = a.path
        elif form in ("http", "https"):
            url = f"{form}://{a.host}{a.path}"
        else:
            url = form  # an explicit URL from the spec
        self.links[(a.host, a.path)].add(url)
        return html.escape(url, quote=True)

    def add(self, host: str, path: str, content: str | bytes, encoding: str = "utf-8",
            modified: datetime = STATIC_DATE, charset: str | None = None,
            content_type: str | None = None) -> None:
        """Store a file at URL `path` with its Last-Modified and any Content-Type override.

        `content_type` replaces the server's guess from the file name (feeds, extensionless
        pages); `charset` alone makes it text/html with that charset.
        """
        data = content if isinstance(content, bytes) else content.encode(encoding)
        file = url_file(path)
        assert (host, file) not in self.files, (host, path)
        self.files[(host, file)] = data
        headers = {"Last-Modified": http_date(modified)}
        if content_type:
            headers["Content-Type"] = content_type
        elif charset:
            headers["Content-Type"] = f"text/html; charset={charset}"
        self.headers.setdefault(host, {})[path.removesuffix("?")] = headers


def url_file(path: str) -> str:
    """The file serving URL `path`: "/" -> "index.html"; a query makes a query file that
    syndicate/mirror.py serves for exactly that URL: "/news?page=1" -> "news__page=1.html",
    and "/news?" (the bare /news, next to a news/ directory) -> "news__.html"."""
    if "?" in path:
        base, _, query = path.partition("?")
        return f"{base.lstrip('/')}__{query}.html"
    return path.lstrip("/") + ("index.html" if path.endswith("/") else "")


# ---------------------------------------------------------------------------------------------
# English templates
# ---------------------------------------------------------------------------------------------


def en_nav() -> str:
    return (
        '<div id="header"><div class="logo"><a href="/"><img src="/templets/default/images/logo.gif" alt="CSR-China" /></a></div>\n'
        '<ul id="nav"><li><a href="/">Home</a></li><li><a href="/a/knowledge/CSRNews/">CSR News</a></li>'
        '<li><a href="/a/knowledge/Report/">CSR Reports</a></li><li><a href="/a/about/">About Us</a></li>'
        '<li><a href="http://www.csr-china.net/">中文</a></li></ul></div>'
    )


def en_crumbs(cat: Category) -> str:
    return (f'<a href="/">Home</a> &gt; <a href="{cat.section_path}">{cat.section}</a> &gt; '
            f'<a href="{cat.path}">{esc(cat.name)}</a> &gt;')


def en_footer() -> str:
    wechat, copyright_ = EN_FOOTER
    return (f'<div class="footer"><p>{wechat}</p><img src="/templets/default/images/wechat.gif" alt="" />'
            f"<p>{copyright_}</p><p>Power by DedeCms</p></div>")


def en_meta_parts(a: Article) -> list[str]:
    """The 2017 meta line: date, source, author, view counter, with nothing between them."""
    if a.date is None:
        return []
    return [a.date, a.source if a.source_at == "meta" and a.source else "", a.author or "", f"{a.views:04d}"]


def body_blocks(a: Article) -> list[str]:
    """Body blocks including a "Source: ..." line when the source is not in the meta line."""
    blocks = list(a.body)
    if a.source and a.source_at == "first":
        blocks.insert(0, a.source_line)
    elif a.source and a.source_at == "last":
        blocks.append(a.source_line)
    return blocks


def render_body(blocks: list[str], style: str, indent: str = "") -> str:
    """Body markup; `style` decides how sub-headings, images and captions look."""
    out = []
    for block in blocks:
        if block.startswith("[img] "):
            src = block.removeprefix("[img] ")
            if style == "C":
                out.append(f'<p class="img"><img src="{src}" alt=""></p>')
            else:
                out.append(f'<p style="text-align:center"><img src="{src}" alt="" border="0" /></p>')
        elif block.startswith("[caption] "):
            text = esc(block.removeprefix("[caption] "))
            out.append(f'<p class="pic-caption">{text}</p>' if style == "A" else f"<p>{text}</p>")
        elif block.startswith("## "):
            text = esc(block.removeprefix("## "))
            out.append(f"<p><strong>{text}</strong></p>" if style == "B" else f"<h3>{text}</h3>")
        else:
            out.append(f"<p>{indent}{esc(block)}</p>")
    return "\n".join(out)


def tag_href(tag: str, encoding: str) -> str:
    """DedeCMS tag URL; Chinese tags are percent-encoded in the page's own charset."""
    return "/tags.php?/" + quote_plus(tag.encode(encoding)) + "/"


def tag_links(a: Article, sep: str = " ") -> str:
    return sep.join(f'<a href="{tag_href(t, a.encoding)}">{esc(t)}</a>' for t in a.tags)


def sidebar_items(m: Mirror, a: Article) -> list[Article]:
    """Four other stored articles of the same host, picked by position (deterministic); pages
    of the legacy templates pick only among legacy-template articles."""
    pool = sorted(m.stored(a.host), key=lambda x: x.id)
    if a.template in LEGACY_TEMPLATES:
        pool = [x for x in pool if x.template in LEGACY_TEMPLATES]
    start = next((i for i, x in enumerate(pool) if x.id > a.id), 0)
    picks = [pool[(start + k) % len(pool)] for k in (0, 3, 7, 12, 18)]
    return [x for x in picks if x.id != a.id][:4]


def sidebar_links(m: Mirror, a: Article, template: str, item: str) -> str:
    form = SIDEBAR_FORM[template]
    return "\n".join(item.format(href=m.href(x, form), title=esc(x.title)) for x in sidebar_items(m, a))


def en_article_a(m: Mirror, a: Article) -> str:
    """Template A (2017-2021): div.content > div.article > h1 + div.info + div.body."""
    title_tag = f"<title>{esc(a.title)} - CSR-China</title>\n" if a.title else ""
    meta = "".join(f'<span class="{cls}">{esc(v)}</span>'
                   for cls, v in zip(("date", "source", "author", "hits"), en_meta_parts(a)))
    tags = f'<div class="tags">Tags: {tag_links(a)}</div>\n' if a.tags else ""
    statement = "".join(f"<p>{esc(s)}</p>" for s in EN_DISCLAIMER)
    hot = sidebar_links(m, a, "A", '<li><a href="{href}">{title}</a></li>')
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
{title_tag}<meta name="keywords" content="{html.escape(','.join(a.tags))}">
</head>
<body>
{en_nav()}
<div class="content">
<div class="position">{en_crumbs(a.category)}</div>
<div class="article">
<h1>{esc(a.title)}</h1>
<div class="info">{meta}</div>
<div class="body">
{render_body(body_blocks(a), "A")}
</div>
{tags}<div class="statement">{statement}</div>
</div>
<div class="sidebar"><h3>Hot news</h3><ul>
{hot}
</ul></div>
</div>
{en_footer()}
</body>
</html>
"""


def en_article_b(m: Mirror, a: Article) -> str:
    """Template B (old DedeCMS): nested tables, td.title, the meta line one text node."""
    tags = f'<tr><td class="keywords">Related keywords: {tag_links(a, "&nbsp;")}</td></tr>\n' if a.tags else ""
    statement = "<br />".join(esc(s) for s in EN_DISCLAIMER)
    hot = sidebar_links(m, a, "B", '<tr><td class="hot-item"><a href="{href}">{title}</a></td></tr>')
    wechat, copyright_ = EN_FOOTER
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(a.title)}_CSR-China Website</title>
</head>
<body>
{en_nav()}
<table width="960" border="0" cellspacing="0" cellpadding="0" align="center" class="main">
<tr>
<td width="230" valign="top" class="leftbox">
<table width="100%" class="hot"><tr><td class="hot-title">Hot news</td></tr>
{hot}
</table>
</td>
<td valign="top" class="rightbox">
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td class="position">{en_crumbs(a.category)}</td></tr>
<tr><td class="title">{esc(a.title)}</td></tr>
<tr><td class="info" align="center">{esc("".join(en_meta_parts(a)))}</td></tr>
<tr><td class="content" id="text">
{render_body(body_blocks(a), "B")}
</td></tr>
{tags}<tr><td class="statement">{statement}</td></tr>
</table>
</td>
</tr>
</table>
<table width="960" align="center" class="bottom"><tr><td>{wechat}<br />{copyright_}<br />Power by DedeCms</td></tr></table>
</body>
</html>
"""


def en_article_c(m: Mirror, a: Article) -> str:
    """Template C (HTML5, 2018 on): article > header > h2; a logo h1; no disclaimer block."""
    tags = f'<footer class="post-tags"><p>{tag_links(a)}</p></footer>\n' if a.tags else ""
    hot = sidebar_links(m, a, "C", '<li><a href="{href}">{title}</a></li>')
    wechat, copyright_ = EN_FOOTER
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a.title)}</title>
</head>
<body>
<header class="site-header"><h1 class="logo"><a href="/">CSR-China</a></h1>
<nav class="menu"><a href="/">Home</a> <a href="/a/knowledge/CSRNews/">CSR News</a> <a href="/a/knowledge/Report/">CSR Reports</a> <a href="/a/about/">About Us</a></nav></header>
<main class="wrap">
<nav class="crumbs">{en_crumbs(a.category)}</nav>
<article class="post">
<header><h2 class="post-title">{esc(a.title)}</h2><p class="meta"></p></header>
<section class="post-body">
{render_body(body_blocks(a), "C")}
</section>
{tags}</article>
<aside class="side"><h2>Hot news</h2><ul>
{hot}
</ul></aside>
</main>
<footer class="site-footer"><div class="wechat">{wechat}</div><p class="copy">{copyright_}</p></footer>
</body>
</html>
"""


def en_article_d(m: Mirror, a: Article) -> str:
    """Template D (generated class names): the "Hot news" box BEFORE the article in source order,
    an empty meta line, and an article footer AFTER the body holding the source line (its own
    element) and the tags; <title> is "Title - Category - CSR-China Website"."""
    hot = sidebar_links(m, a, "D", '<li class="n-4"><a href="{href}">{title}</a></li>')
    source = f'<div class="s6y">{esc(a.source_line)}</div>' if a.source else ""
    tags = f'<div class="g2v">{tag_links(a)}</div>' if a.tags else ""
    statement = "".join(f"<p>{esc(s)}</p>" for s in EN_DISCLAIMER)
    wechat, copyright_ = EN_FOOTER
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a.title)} - {esc(a.category.name)} - CSR-China Website</title>
</head>
<body class="p0q">
<div class="x7f2">
<div class="c-a91"><a class="l5" href="/"><img src="/templets/default/images/logo.gif" alt="CSR-China" /></a>
<div class="v-22"><a href="/">Home</a> <a href="/a/knowledge/CSRNews/">CSR News</a> <a href="/a/knowledge/Report/">CSR Reports</a> <a href="/a/about/">About Us</a> <a href="http://www.csr-china.net/">中文</a></div></div>
<div class="k3p">{en_crumbs(a.category)}</div>
<div class="r8t">
<div class="q9e"><h2 class="t4n">Hot news</h2><ul class="u-0c">
{hot}
</ul></div>
<div class="m2c">
<h1 class="h-5b">{esc(a.title)}</h1>
<div class="d0x"></div>
<div class="b7w">
{render_body(a.body, "D")}
</div>
<div class="f1r">{source}{tags}</div>
<div class="z8d">{statement}</div>
</div>
</div>
</div>
<div class="w0a"><p class="w0a-1">{wechat}</p><img src="/templets/default/images/wechat.gif" alt="" /><p class="w0a-2">{copyright_}</p></div>
</body>
</html>
"""


def br_body(blocks: list[str]) -> str:
    """A body in one container: blocks separated by <br><br>, consecutive bullet lines ("·")
    by a single <br>; sub-headings in <b>, images as bare <img>."""
    out = []
    for i, block in enumerate(blocks):
        if block.startswith("[img] "):
            piece = f'<img src="{block.removeprefix("[img] ")}" alt="" />'
        elif block.startswith("## "):
            piece = f"<b>{esc(block.removeprefix('## '))}</b>"
        else:
            piece = esc(paragraph_text(block))
        if i:
            bullets = block.startswith("·") and blocks[i - 1].startswith("·")
            out.append("<br>\n" if bullets else "<br><br>\n")
        out.append(piece)
    return "".join(out)


def en_article_e(m: Mirror, a: Article) -> str:
    """Template E (a definition list): the title in <strong> (no h-tag), "Date: ...  Author: ..."
    under it, the source line in its own <dd> just BEFORE the body, the body one <dd> with
    <br><br> between paragraphs; <title> is "Title | CSR-China"."""
    info = "&nbsp;&nbsp;".join(([f"Date: {esc(a.date)}"] if a.date else [])
                               + ([f"Author: {esc(a.author)}"] if a.author else []))
    source = f'<dd class="nfrom">{esc(a.source_line)}</dd>\n' if a.source else ""
    tags = f'<dd class="nkeys">Keywords: {tag_links(a, ", ")}</dd>\n' if a.tags else ""
    statement = "<br />".join(esc(s) for s in EN_DISCLAIMER)
    more = sidebar_links(m, a, "E", '<li><a href="{href}">{title}</a></li>')
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(a.title)} | CSR-China</title>
</head>
<body>
{en_nav()}
<div id="wrapper">
<div class="place">{en_crumbs(a.category)}</div>
<dl class="newsview">
<dt class="ntitle"><strong>{esc(a.title)}</strong></dt>
<dd class="ninfo">{info}</dd>
{source}<dd class="ntext">
{br_body(a.body)}
</dd>
{tags}</dl>
<div class="nstatement">{statement}</div>
<div class="nmore"><div class="nmore-title">Related news</div><ul>
{more}
</ul></div>
</div>
{en_footer()}
</body>
</html>
"""


def en_soft_404(m: Mirror, a: Article) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Page not found - CSR-China</title>
</head>
<body>
{en_nav()}
<div class="content"><div class="error">
<h1>Page not found</h1>
<p>Sorry, the page you requested could not be found. It may have been removed, or the address may be wrong.</p>
<p><a href="/">Return to the home page</a></p>
</div></div>
{en_footer()}
</body>
</html>
"""


def en_list(m: Mirror, cat: Category, items: list[tuple[Article, str]], page: int, pages: int,
            recommended: str) -> str:
    rows = "\n".join(
        f'<li><span class="date">{esc(a.list_date)}</span><a href="{href}" target="_blank">{esc(a.title or a.list_title)}</a>'
        f'<p class="intro">{esc(intro(a))}</p></li>' for a, href in items)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(cat.name)} - CSR-China</title>
</head>
<body>
{en_nav()}
<div class="content">
<div class="position">{en_crumbs(cat)}</div>
<div class="listbox">
<ul class="list">
{rows}
</ul>
{pager(cat, page, pages, ("First", "Prev", "Next", "Last"), f"Page {page} of {pages}")}
</div>
<div class="sidebar"><h3>Recommended</h3><ul>
{recommended}
</ul></div>
</div>
{en_footer()}
</body>
</html>
"""


def intro(a: Article) -> str:
    words = next((t for t in map(paragraph_text, a.body) if t), "").split()
    return " ".join(words[:24]) + ("..." if len(words) > 24 else "")


def pager(cat: Category, page: int, pages: int, labels: tuple[str, str, str, str], info: str) -> str:
    """DedeCMS pager: first/prev, page numbers (current unlinked), next/last."""
    first, prev, next_, last = labels

    def link(n: int, text: str) -> str:
        target = cat.path if n == 1 else f"list_{cat.typeid}_{n}.html"
        return f'<li><a href="{target}">{text}</a></li>'

    parts = [f'<li><span class="pageinfo">{info}</span></li>']
    parts += [link(1, first), link(page - 1, prev)] if page > 1 else [f"<li>{first}</li>", f"<li>{prev}</li>"]
    parts += [f'<li class="thisclass">{n}</li>' if n == page else link(n, str(n)) for n in range(1, pages + 1)]
    parts += [link(page + 1, next_), link(pages, last)] if page < pages else [f"<li>{next_}</li>", f"<li>{last}</li>"]
    return '<div class="dede_pages"><ul class="pagelist">' + "".join(parts) + "</ul></div>"


def en_home(m: Mirror) -> str:
    latest = "\n".join(f'<li><a href="{m.href(a, "root")}">{esc(a.title)}</a> <span>{a.list_date}</span></li>'
                       for a in m.stored(EN)[:6])
    picks = "\n".join(f'<li><a href="{m.href(a, "root")}">{esc(a.title)}</a></li>'
                      for a in reversed(m.stored(EN)) if a.home_pick)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CSR-China Website - Corporate Social Responsibility News from China</title>
</head>
<body>
{en_nav()}
<div class="search"><form action="/plus/search.php" method="get"><input type="text" name="q" /><input type="submit" value="Search" /></form>
<a href="/plus/search.php?keyword=ESG">Advanced search</a></div>
<div class="content">
<div class="box"><h2><a href="/a/knowledge/CSRNews/">CSR News</a></h2><h2><a href="/a/knowledge/Report/">CSR Reports</a></h2>
<h3>Latest</h3><ul>
{latest}
</ul>
<h3>Editor's picks</h3><ul>
{picks}
</ul></div>
<div class="sidebar">
<p><a href="/a/about/">About CSR-China</a> | <a href="/tags.php?/csr/">Tag: csr</a> | <a href="javascript:void(0);" onclick="subscribe()">Subscribe</a></p>
<p>Contact: <a href="mailto:csr@csr-china.net">csr@csr-china.net</a></p>
<p>Partner: <a href="https://www.unglobalcompact.org/" target="_blank">UN Global Compact</a></p>
</div>
</div>
{en_footer()}
</body>
</html>
"""


EN_ABOUT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>About Us - CSR-China</title>
</head>
<body>
{nav}
<div class="content"><div class="position"><a href="/">Home</a> &gt; About Us</div>
<div class="page">
<h1>About CSR-China</h1>
<p>CSR-China Website (csr-china.net) reports on corporate social responsibility and sustainable development in China. It is run by the team behind China Sustainability Tribune, known until 2018 as China WTO Tribune, and the GoldenBee CSR programmes.</p>
<p>Contact: csr@csr-china.net</p>
</div></div>
{footer}
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# Chinese templates
# ---------------------------------------------------------------------------------------------


def zh_head(title: str | None, charset: str, html5: bool = False) -> str:
    """Page head; GBK pages declare gb2312 (the CMS default), never gbk."""
    declared = "gb2312" if charset == "gbk" else charset
    meta = (f'<meta charset="{declared}">' if html5
            else f'<meta http-equiv="Content-Type" content="text/html; charset={declared}" />')
    title_tag = f"\n<title>{esc(title)}</title>" if title else ""
    return f"<head>\n{meta}{title_tag}\n</head>"


def zh_nav() -> str:
    return ('<div class="top"><div class="logo"><a href="/"><img src="/templets/default/images/logo.gif" alt="企业社会责任中国网" /></a></div>\n'
            '<div class="nav"><a href="/">首页</a> | <a href="/a/news/">新闻中心</a> | <a href="/a/news/qiye/">企业动态</a> | '
            '<a href="/a/news/zhengce/">政策法规</a> | <a href="/a/about/">关于我们</a> | <a href="https://en.csr-china.net/">English</a></div></div>')


def zh_crumbs(cat: Category) -> str:
    return (f'<a href="/">首页</a> &gt; <a href="{cat.section_path}">{cat.section}</a> &gt; '
            f'<a href="{cat.path}">{cat.name}</a> &gt;')


def zh_footer() -> str:
    wechat, copyright_ = ZH_FOOTER
    return f'<div class="foot"><p>{wechat}</p><p>{copyright_}</p><p>Power by DedeCms</p></div>'


def zh_meta(a: Article) -> str:
    """The meta line in the form of the template that shows it."""
    source = a.source_line.removeprefix("来源：") if a.source else ""
    if a.template == "A":  # 2019-07-19 14:19:21  来源：中央广电总台国际在线  编辑：陈晨
        parts = [a.date or "", f"来源：{source}"] + ([f"编辑：{a.author}"] if a.author else [])
        return "  ".join(parts)
    if a.template == "B":  # 来源:    作者:    时间: 2007-01-30
        return "    ".join([f"来源: {source}".rstrip(), f"作者: {a.author or ''}".rstrip(), f"时间: {a.date or ''}"])
    parts = [f"发布时间：{a.date}"]  # C
    parts += [f"来源：{source}"] if source else []
    parts += [f"作者：{a.author}"] if a.author else []
    return "  ".join(parts)


def zh_article_a(m: Mirror, a: Article) -> str:
    """Template A: div.main > div.left > div.title h1 + div.info + div.content."""
    tags = f'<div class="keywords">关键词：{tag_links(a)}</div>\n' if a.tags else ""
    statement = "".join(f"<p>{s}</p>" for s in ZH_DISCLAIMER)
    related = sidebar_links(m, a, "A", '<li><a href="{href}">{title}</a></li>')
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
{zh_head(a.title + "_企业社会责任中国网", a.encoding)}
<body>
{zh_nav()}
<div class="main">
<div class="left">
<div class="weizhi">{zh_crumbs(a.category)}</div>
<div class="title"><h1>{esc(a.title)}</h1></div>
<div class="info">{esc(zh_meta(a))}</div>
<div class="content">
{render_body(a.body, "A")}
</div>
{tags}<div class="shengming">{statement}</div>
</div>
<div class="right"><div class="rtitle">相关文章</div><ul>
{related}
</ul></div>
</div>
{zh_footer()}
</body>
</html>
"""


def zh_article_b(m: Mirror, a: Article) -> str:
    """Template B (old tables): td.biaoti, td.xinxi with ASCII colons, indented paragraphs."""
    tags = f'<tr><td class="tags">标签：{tag_links(a, "&nbsp;")}</td></tr>\n' if a.tags else ""
    hot = sidebar_links(m, a, "B", '<tr><td><a href="{href}">{title}</a></td></tr>')
    wechat, copyright_ = ZH_FOOTER
    title = a.title + "-企业社会责任中国网" if a.title else None
    return f"""<html>
{zh_head(title, a.encoding)}
<body>
{zh_nav()}
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr>
<td width="700" valign="top" class="l">
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td class="position">当前位置：{zh_crumbs(a.category)}</td></tr>
<tr><td class="biaoti" align="center">{esc(a.title)}</td></tr>
<tr><td class="xinxi" align="center">{esc(zh_meta(a))}</td></tr>
<tr><td class="zhengwen">
{render_body(a.body, "B", indent="　　")}
</td></tr>
{tags}<tr><td class="mianze">{"".join(ZH_DISCLAIMER)}</td></tr>
</table>
</td>
<td width="270" valign="top" class="r">
<table width="100%"><tr><th>热点新闻</th></tr>
{hot}
</table>
</td>
</tr>
</table>
<table width="980" align="center"><tr><td class="bottom">{wechat}<br/>{copyright_}</td></tr></table>
</body>
</html>
"""


def zh_article_c(m: Mirror, a: Article) -> str:
    """Template C (HTML5): article.news-detail > header > h2; lone tag links; no disclaimer."""
    tags = f'<div class="tag-list">{tag_links(a)}</div>\n' if a.tags else ""
    picks = sidebar_links(m, a, "C", '<li><a href="{href}">{title}</a></li>')
    wechat, copyright_ = ZH_FOOTER
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
{zh_head(a.title, a.encoding, html5=True)}
<body>
<header class="hd"><div class="logo">企业社会责任中国网</div>
<nav><a href="/">首页</a> <a href="/a/news/qiye/">企业动态</a> <a href="/a/news/zhengce/">政策法规</a></nav></header>
<div class="container">
<div class="crumb">{zh_crumbs(a.category)}</div>
<article class="news-detail">
<header><h2>{esc(a.title)}</h2><p class="article-meta">{esc(zh_meta(a))}</p></header>
<div class="article-content">
{render_body(a.body, "C")}
</div>
{tags}</article>
<aside class="sidebar"><h3>推荐阅读</h3><ul>
{picks}
</ul></aside>
</div>
<footer class="ft"><p>{wechat}</p><p>{copyright_}</p></footer>
</body>
</html>
"""


def related_items(m: Mirror, a: Article, count: int) -> list[Article]:
    """The `count` stored articles of the host posted just before `a` (wrapping round), newest first."""
    pool = [x for x in sorted(m.stored(a.host), key=lambda x: x.id) if x.id != a.id]
    start = next((i for i, x in enumerate(pool) if x.id > a.id), len(pool))
    return [pool[(start - 1 - k) % len(pool)] for k in range(min(count, len(pool)))]


def zh_article_d(m: Mirror, a: Article) -> str:
    """Template D (HTML5 in GBK, <meta charset="gb2312">): a long 相关文章 list with dates BEFORE
    the article, the meta line BELOW the body (发布时间：2021年05月06日 09:30  来源：...  作者：...);
    <title> is 标题_栏目名_企业社会责任中国网."""
    related = "\n".join(f'<li><a href="{m.href(x, SIDEBAR_FORM["D"])}" target="_blank">{esc(x.title)}</a>'
                        f"<span>{esc(x.list_date)}</span></li>" for x in related_items(m, a, 10))
    source = a.source_line.removeprefix("来源：") if a.source else ""
    meta = "  ".join(([f"发布时间：{a.date}"] if a.date else []) + ([f"来源：{source}"] if source else [])
                     + ([f"作者：{a.author}"] if a.author else []))
    tags = f'<div class="bq">标签：{tag_links(a)}</div>\n' if a.tags else ""
    statement = "".join(f"<p>{s}</p>" for s in ZH_DISCLAIMER)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
{zh_head(f"{a.title}_{a.category.name}_企业社会责任中国网", a.encoding, html5=True)}
<body>
{zh_nav()}
<div class="wrap">
<div class="weizhi">当前位置：{zh_crumbs(a.category)}</div>
<div class="xgwz"><div class="xgwz-t">相关文章</div><ul>
{related}
</ul></div>
<div class="nr">
<h1 class="bt">{esc(a.title)}</h1>
<div class="zw">
{render_body(a.body, "D")}
</div>
<div class="xx">{esc(meta)}</div>
{tags}<div class="sm">{statement}</div>
</div>
</div>
{zh_footer()}
</body>
</html>
"""


def zh_article_e(m: Mirror, a: Article) -> str:
    """Template E (HTML5 divs, UTF-8; the header names no charset): 日期：2022/03/15 under the title,
    稿件来源：... in its own element after the body beside 关键词： tags as plain text joined by 、;
    <title> is 标题_栏目名."""
    meta = " ".join(f"<span>{esc(x)}</span>" for x in ([f"日期：{a.date}"] if a.date else [])
                    + ([f"作者：{a.author}"] if a.author else []))
    origin = f'<div class="d-src">稿件来源：{esc(a.source_line.removeprefix("来源："))}</div>' if a.source else ""
    keywords = f'<div class="d-kw">关键词：{esc("、".join(a.tags))}</div>' if a.tags else ""
    statement = "".join(f"<p>{s}</p>" for s in ZH_DISCLAIMER)
    hot = sidebar_links(m, a, "E", '<li><a href="{href}">{title}</a></li>')
    wechat, copyright_ = ZH_FOOTER
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
{zh_head(f"{a.title}_{a.category.name}", a.encoding, html5=True)}
<body>
<div class="g-top"><div class="g-logo"><a href="/">企业社会责任中国网</a></div>
<div class="g-nav"><a href="/">首页</a><a href="/a/news/">新闻中心</a><a href="/a/news/qiye/">企业动态</a><a href="/a/news/zhengce/">政策法规</a><a href="https://en.csr-china.net/">English</a></div></div>
<div class="g-main">
<div class="g-crumb">{zh_crumbs(a.category)}</div>
<div class="d-box">
<div class="d-hd"><h1 class="d-title">{esc(a.title)}</h1><div class="d-meta">{meta}</div></div>
<div class="d-bd">
{render_body(a.body, "E")}
</div>
<div class="d-ft">{origin}{keywords}</div>
<div class="d-statement">{statement}</div>
</div>
<div class="g-side"><div class="g-side-hd">热门文章</div><ul>
{hot}
</ul></div>
</div>
<div class="g-foot"><p>{wechat}</p><p>{copyright_}</p></div>
</body>
</html>
"""


def zh_soft_404(m: Mirror, a: Article) -> str:
    return f"""<html>
{zh_head("页面不存在_企业社会责任中国网", "gbk")}
<body>
<script type="text/javascript">setTimeout(function(){{ window.location.href = "/"; }}, 3000);</script>
<div class="error"><p>页面不存在，3秒后返回首页</p><p><a href="/">如果您的浏览器没有自动跳转，请点击这里</a></p></div>
</body>
</html>
"""


def zh_list(m: Mirror, cat: Category, items: list[tuple[Article, str]], page: int, pages: int,
            recommended: str) -> str:
    rows = "\n".join(f'<li><a href="{href}" class="title" target="_blank">{esc(a.title or a.list_title)}</a>'
                     f'<span class="date">{esc(a.list_date)}</span></li>' for a, href in items)
    total = len([a for a in m.articles if a.category == cat])
    return f"""<html>
{zh_head(cat.name + "_企业社会责任中国网", "gbk")}
<body>
{zh_nav()}
<div class="main">
<div class="left">
<div class="weizhi">当前位置：{zh_crumbs(cat)}</div>
<div class="listbox"><ul class="e2">
{rows}
</ul></div>
{pager(cat, page, pages, ("首页", "上一页", "下一页", "末页"), f"共 <strong>{pages}</strong>页<strong>{total}</strong>条")}
</div>
<div class="right"><div class="rtitle">推荐阅读</div><ul>
{recommended}
</ul></div>
</div>
{zh_footer()}
</body>
</html>
"""


def zh_home(m: Mirror) -> str:
    latest = "\n".join(f'<li><a href="{m.href(a, "root")}">{esc(a.title)}</a><span>{a.list_date}</span></li>'
                       for a in m.stored(ZH)[:6])
    picks = "\n".join(f'<li><a href="{m.href(a, "root")}">{esc(a.title)}</a></li>'
                      for a in reversed(m.stored(ZH)) if a.home_pick)
    gbk_tag = tag_href("企业社会责任", "gbk")
    return f"""<html>
{zh_head("企业社会责任中国网", "gbk")}
<body>
{zh_nav()}
<div class="search"><form action="/plus/search.php" method="get"><input type="text" name="q" /><input type="submit" value="搜索" /></form>
<a href="/plus/search.php?keyword=ESG">高级搜索</a></div>
<div class="main">
<div class="left">
<div class="box"><h2><a href="/a/news/qiye/">企业动态</a></h2><h2><a href="/a/news/zhengce/">政策法规</a></h2>
<h3>最新文章</h3><ul>
{latest}
</ul>
<h3>编辑推荐</h3><ul>
{picks}
</ul></div>
</div>
<div class="right">
<p><a href="/a/about/">关于我们</a> | <a href="/tags.php?/csr/">标签：csr</a> | <a href="{gbk_tag}">标签：企业社会责任</a></p>
<p><a href="javascript:;" onclick="this.style.behavior='url(#default#homepage)';this.setHomePage('http://www.csr-china.net/');">设为首页</a></p>
<p>投稿邮箱：<a href="mailto:tougao@csr-china.net">tougao@csr-china.net</a></p>
<p>友情链接：<a href="https://www.unglobalcompact.org/" target="_blank">联合国全球契约</a></p>
</div>
</div>
{zh_footer()}
</body>
</html>
"""


ZH_ABOUT = """<html>
{head}
<body>
{nav}
<div class="main"><div class="weizhi"><a href="/">首页</a> &gt; 关于我们</div>
<h1>关于我们</h1>
<p>企业社会责任中国网（csr-china.net）专注报道中国企业社会责任与可持续发展，由《可持续发展经济导刊》（原《WTO经济导刊》）团队运营。</p>
</div>
{footer}
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# Site assembly
# ---------------------------------------------------------------------------------------------

ARTICLE_TEMPLATES = {
    EN: {"A": en_article_a, "B": en_article_b, "C": en_article_c, "D": en_article_d, "E": en_article_e},
    ZH: {"A": zh_article_a, "B": zh_article_b, "C": zh_article_c, "D": zh_article_d, "E": zh_article_e},
}
ROBOTS = "User-agent: *\nDisallow: /plus/\nDisallow: /member/\n"


def section_page(host: str, section: str, path: str, cats: list[Category]) -> str:
    links = "\n".join(f'<li><a href="{c.path}">{esc(c.name)}</a></li>' for c in cats)
    if host == EN:
        return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{section} - CSR-China</title>\n'
                f"</head>\n<body>\n{en_nav()}\n<div class=\"content\"><h2>{section}</h2><ul>\n{links}\n</ul></div>\n"
                f"{en_footer()}\n</body>\n</html>\n")
    return (f'<html>\n{zh_head(section + "_企业社会责任中国网", "gbk")}\n<body>\n{zh_nav()}\n'
            f'<div class="main"><h2>{section}</h2><ul>\n{links}\n</ul></div>\n{zh_footer()}\n</body>\n</html>\n')


def tags_page(m: Mirror, host: str) -> str:
    encoding = "utf-8" if host == EN else "gbk"
    tags = sorted({t for a in m.articles if a.host == host for t in a.tags})
    links = " ".join(f'<a href="{tag_href(t, encoding)}">{esc(t)}</a>' for t in tags)
    if host == EN:
        return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Tags - CSR-China</title>\n'
                f'</head>\n<body>\n{en_nav()}\n<div class="content"><h2>Tags</h2><p>{links}</p></div>\n{en_footer()}\n</body>\n</html>\n')
    return (f'<html>\n{zh_head("标签_企业社会责任中国网", "gbk")}\n<body>\n{zh_nav()}\n'
            f'<div class="main"><h2>标签</h2><p>{links}</p></div>\n{zh_footer()}\n</body>\n</html>\n')


def build_lists(m: Mirror, cat: Category) -> list[str]:
    """All list pages of a category, newest first, links written in rotating forms."""
    entries = sorted((a for a in m.articles if a.category == cat), key=lambda a: -a.id)
    pages = (len(entries) + PAGE_SIZE - 1) // PAGE_SIZE
    rotation = LINK_ROTATION[cat.host]
    others = [a for a in m.articles if a.host == cat.host and a.recommended_href and a.category != cat]
    render = en_list if cat.host == EN else zh_list
    encoding = "utf-8" if cat.host == EN else "gbk"
    newest = max(a.last_modified for a in entries)
    paths = []
    for page in range(1, pages + 1):
        chunk = entries[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        items = []
        for n, a in enumerate(chunk, start=(page - 1) * PAGE_SIZE):
            form = a.list_href or rotation[n % len(rotation)]
            items.append((a, m.href(a, form, base=cat.path)))
        recommended = "\n".join(f'<li><a href="{m.href(a, a.recommended_href)}">{esc(a.title)}</a></li>' for a in others)
        path = cat.list_path(page)
        m.add(cat.host, path, render(m, cat, items, page, pages, recommended), encoding, newest, cat.list_charset)
        paths.append(path)
    return paths


def build_site(articles: list[Article]) -> tuple[Mirror, dict[str, list[str]]]:
    m = Mirror(articles)
    list_pages: dict[str, list[str]] = {host: [] for host in HOSTS}
    for cat in CATEGORIES.values():
        list_pages[cat.host] += build_lists(m, cat)
    for a in articles:
        if a.reason == "not_found":
            continue
        if a.reason == "soft_404":
            page = (en_soft_404 if a.host == EN else zh_soft_404)(m, a)
        else:
            page = ARTICLE_TEMPLATES[a.host][a.template](m, a)
        m.add(a.host, a.path, page, a.encoding, a.last_modified, a.header_charset)
        for block in a.body:
            if block.startswith("[img] ") and (a.host, block.removeprefix("[img] /")) not in m.files:
                m.add(a.host, block.removeprefix("[img] "), GIF, modified=a.last_modified)
    newest = {host: max(a.last_modified for a in m.stored(host)) for host in HOSTS}
    m.add(EN, "/", en_home(m), "utf-8", newest[EN])
    m.add(ZH, "/", zh_home(m), "gbk", newest[ZH])
    m.add(EN, "/a/about/", EN_ABOUT.format(nav=en_nav(), footer=en_footer()))
    m.add(ZH, "/a/about/", ZH_ABOUT.format(head=zh_head("关于我们_企业社会责任中国网", "gbk"), nav=zh_nav(),
                                          footer=zh_footer()), "gbk")
    for host, section, path in ((EN, "Knowledge", "/a/knowledge/"), (ZH, "新闻中心", "/a/news/")):
        cats = [c for c in CATEGORIES.values() if c.host == host]
        m.add(host, path, section_page(host, section, path, cats), "utf-8" if host == EN else "gbk")
    for host in HOSTS:
        m.add(host, "/tags.php", tags_page(m, host), "utf-8" if host == EN else "gbk")
        m.add(host, "/robots.txt", ROBOTS)
        for image in ("logo.gif", "wechat.gif"):
            m.add(host, f"/templets/default/images/{image}", GIF)
    return m, list_pages


def truth(m: Mirror, list_pages: dict[str, list[str]]) -> dict:
    """The answer key, derived from the same specs as the pages."""
    articles = []
    for a in sorted((a for a in m.articles if not a.reason), key=lambda a: (a.host, a.id)):
        texts = [t for t in map(paragraph_text, a.body) if t is not None]
        articles.append({
            "host": a.host, "path": a.path, "canonical_url": a.canonical_url, "title": a.title,
            "published": a.published.isoformat() if a.published else None,
            "author": a.author, "category": a.category.name, "tags": a.tags,
            "origin": a.origin, "outlet": a.outlet, "outlet_as_written": a.source,
            "language": LANGUAGE[a.host],
            "duplicate_of": a.duplicate_of.canonical_url if a.duplicate_of else None,
            "encoding": a.encoding, "header_charset": a.header_charset, "template": a.template,
            "body_first": texts[0], "body_last": texts[-1], "paragraphs": len(texts),
            "link_forms": sorted(m.links[(a.host, a.path)]), "source": SOURCE_KEY[a.host],
        })
    drops = [{"host": a.host, "path": a.path, "reason": a.reason}
             for a in sorted((a for a in m.articles if a.reason), key=lambda a: (a.host, a.id))]
    aliases = dict(OUTLET_ALIASES)
    aliases.update({a.source: a.outlet for a in m.articles if a.source and a.source != a.outlet})
    return {"articles": articles, "drops": drops, "list_pages": list_pages,
            "outlet_aliases": aliases, "site_names": SITE_NAMES}


def write(out: Path, m: Mirror, key: dict) -> None:
    for host in m.headers:
        shutil.rmtree(out / host, ignore_errors=True)
    for (host, file), data in sorted(m.files.items()):
        target = out / host / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    dump = {"sort_keys": True, "indent": 1, "ensure_ascii": False}
    (out / "headers.json").write_text(json.dumps(m.headers, **dump) + "\n", "utf-8")
    (out / "truth.json").write_text(json.dumps(key, **dump) + "\n", "utf-8")


# =============================================================================================
# Four more CSR sites (issue 5): CSRwire, 3BL Media, GoldenBee, sustainability-reports.com
# =============================================================================================
#
# Each site is a Site record (facts as data) plus small page templates; its posts are in
# content/<site key>.toml. A post may reprint a CSR-China article or another site's post
# (reprint_of = "<registry key>:<id>", body edited as for CSR-China reprints). The answer key
# follows the same rules on every site:
#
# body        the article's own paragraphs, sub-headings and captions, in order. Not body: the
#             title, meta lines ("Submitted by:", "Posted:", "Series:", "Tags:", "KEYWORDS:",
#             "Tweet me:", the Issuer block, "source:goldencsr    date:...", "2019-07-19 14:19:21
#             来源：...  编辑：..."), a reprint's boilerplate lines (`lead`/`trailer` in the
#             content: "Source: CSR China, 14 February 2017", "(Source: CSR China)", "Editor's
#             note: ...", "（原标题：...）", "本文转自...", "转载自：..."), widgets, sidebars,
#             comments, footers. A dateline or agency byline opening the first paragraph
#             ("NEW YORK, March 3, 2021 /3BL Media/ — ", "LONDON (Reuters) - ",
#             "BEIJING (Xinhua) -- ") is cut off and the rest of that paragraph is body; so is a
#             trailer run into the last paragraph (" (Source: CSR China)").
# published   the page's own date with the offset of the site's zone. CSRwire prints "EST" all
#             year: -05:00 always. 3BL press releases: the dateline's date at 00:00
#             America/New_York (the RSS pubDate has the posting time; it is not the answer);
#             3BL blog posts: "Submitted by ... on MM/DD/YYYY - HH:MM", America/New_York.
#             GoldenBee: Asia/Shanghai. sustainability-reports.com: the post's <time datetime>
#             / <abbr title> (Europe/Berlin); the date in "Source: CSR China, <date>" is the
#             original's, not the post's.
# origin      by the page's own statement: a source naming the site itself -> original; another
#             outlet -> reprinted ("Source:"/"来源：" lines, "(Source: X)" trailers, agency
#             bylines, 本文转自/转载自 markers, a cross-domain rel=canonical, whose host is then
#             the outlet as written); nothing -> unknown. Press releases name an issuer
#             ("Submitted by:", "Issuer"): the issuer is the author, not an outlet, so a release
#             without a source line is unknown.
# duplicate_of  the original's canonical URL on whatever site: the copy a page tags original,
#             else the earliest published.
# link_forms  every href, feed <link> and sitemap <loc> by which the site points at the page
#             (links from other hosts and rel=canonical are not counted).

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
TODAY = date(2026, 11, 25)  # the day the mirror pretends to be served (CSRwire's date widget)
POST_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


@dataclass
class Site:
    """A registry source: what data/sources.toml will say about it, and what its pages show."""

    key: str
    host: str
    name: str
    scheme: str  # how the site links to itself
    language: str
    timezone: str  # the registry's zone
    site_names: tuple[str, ...]
    outlets: dict[str, str]  # language -> the outlet stored for the site's originals
    rights: dict[str, str]  # language -> the terms/disclaimer text of the footer, as shown
    robots: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    list_pages: tuple[str, ...] = ()  # the first page of each list
    article_pattern: str = ""
    pagination: str = ""
    boilerplate: tuple[str, ...] = ()  # line starts/markers that are never body
    zone_override: timezone | None = None  # a fixed offset the pages state ("EST")

    def url(self, path: str, scheme: str | None = None) -> str:
        return f"{scheme or self.scheme}://{self.host}{path}"

    @property
    def zone(self):
        return self.zone_override or ZoneInfo(self.timezone)


CSRWIRE = Site(
    key="csrwire", host="www.csrwire.com", name="CSRwire", scheme="https", language="en",
    timezone="America/New_York", site_names=("CSRwire", "CSRwire.com", "www.csrwire.com"),
    outlets={"en": "CSRwire"},
    rights={"en": "© 2026 CSRwire, LLC. All rights reserved. Press releases are the sole responsibility "
                  "of the organizations that submit them; CSRwire does not edit or endorse their content."},
    robots="User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
           "Sitemap: https://www.csrwire.com/sitemap.xml\n",
    feeds=("https://www.csrwire.com/feed/",), sitemaps=("https://www.csrwire.com/sitemap.xml",),
    list_pages=("https://www.csrwire.com/category/environment/",
                "https://www.csrwire.com/category/responsible-business/"),
    article_pattern=r"^/press_releases/\d+-[A-Za-z0-9-]+$",
    pagination="WordPress: /category/<slug>/page/<n>/ for n >= 2, linked as 'Older releases'",
    boilerplate=("Submitted by:", "Posted:", "Series:", "Tags:", "Comments", "Share:"),
    zone_override=timezone(timedelta(hours=-5), "EST"),
)
TBL = Site(
    key="3blmedia", host="www.3blmedia.com", name="3BL Media", scheme="https", language="en",
    timezone="America/New_York", site_names=("3BL Media", "3BL", "3blmedia.com"),
    outlets={"en": "3BL Media"},
    rights={"en": "© 2026 3BL Media, LLC. All rights reserved. Content is provided by the issuing "
                  "organizations, which are solely responsible for it. News releases may be republished "
                  "in full with credit to the issuer."},
    robots="User-agent: *\nDisallow: /admin/\nDisallow: /search/\nDisallow: /user/\n",
    feeds=("https://www.3blmedia.com/rss.xml",),
    list_pages=("https://www.3blmedia.com/news",),
    article_pattern=r"^/news/[a-z0-9-]+$",
    pagination="Drupal: ?page=<n>, 0-based (/news is page 0, /news?page=1 the second page); "
               "pager links are query-only relative hrefs such as '?page=1'",
    boilerplate=("Tweet me:", "KEYWORDS:", "Issuer", "Primary Category", "Submitted by", "Editor's note:"),
)
GOLDENBEE = Site(
    key="goldenbee", host="www.goldenbeechina.com", name="金蜜蜂 GoldenBee", scheme="http",
    language="zh-Hans", timezone="Asia/Shanghai", site_names=("金蜜蜂", "GoldenBee", "goldencsr", "金蜜蜂企业社会责任"),
    outlets={"zh-Hans": "金蜜蜂", "en": "GoldenBee"},
    rights={"zh-Hans": "凡本网注明“来源：金蜜蜂”的作品，版权均属金蜜蜂企业社会责任所有，未经书面授权不得转载、摘编或以其他方式使用。"
                       "凡本网注明其他来源的作品，均转载自其他媒体，转载目的在于传递更多信息，不代表本网观点。",
            "en": 'Copyright © GoldenBee. All rights reserved. Articles marked "source:goldencsr" are the property '
                  "of GoldenBee and may not be reproduced without written permission."},
    robots="User-agent: *\nDisallow: /plus/\nDisallow: /member/\nDisallow: /data/\n",
    list_pages=("http://www.goldenbeechina.com/news/list_1.html", "http://www.goldenbeechina.com/en/news/"),
    article_pattern=r"^/(news/\d{8}|en/news)/\d+\.html$",
    pagination="/news/list_<n>.html from n = 1; /en/news/ then /en/news/list_<n>.html from n = 2; "
               "下一页 / Next links",
    boilerplate=("来源：", "编辑：", "（原标题：", "本文转自", "转载自", "source:", "关键词："),
)
SR = Site(
    key="sustainability_reports", host="www.sustainability-reports.com", name="sustainability-reports.com",
    scheme="https", language="en", timezone="Europe/Berlin",
    site_names=("sustainability-reports.com", "Sustainability Reports", "www.sustainability-reports.com"),
    outlets={"en": "sustainability-reports.com"},
    rights={"en": "© 2026 sustainability-reports.com. All rights reserved. News marked “Source:” is quoted "
                  "from the source named, which keeps all rights to it. Our own articles may not be "
                  "reproduced without prior permission."},
    robots="User-agent: *\nDisallow: /wp-admin/\nDisallow: /?s=\nAllow: /wp-admin/admin-ajax.php\n",
    list_pages=("https://www.sustainability-reports.com/news/",),
    article_pattern=r"^/\d{4}/\d{2}/[a-z0-9-]+/$",
    pagination="WordPress: /news/page/<n>/ for n >= 2, linked as 'Older posts'",
    boilerplate=("Source:", "(Source:", "Posted on", "Posted in", "Tagged", "Leave a Reply"),
)
SITES = {s.key: s for s in (GOLDENBEE, TBL, CSRWIRE, SR)}  # load order: reprints after their originals
SITE_BY_HOST = {s.host: s for s in SITES.values()}
MORE_OUTLET_ALIASES = {
    "CSR China": "CSR-China Website",
    "csr-china": "CSR-China Website",
    "en.csr-china.net": "CSR-China Website",
    "goldencsr": "GoldenBee",
    "金蜜蜂企业社会责任": "金蜜蜂",
}


def outlet_name(written: str | None) -> str | None:
    if written is None:
        return None
    name = written.strip("《》")
    return MORE_OUTLET_ALIASES.get(name, OUTLET_ALIASES.get(name, name))


@dataclass
class Post:
    """An article-shaped page of one of the four sites; `reason` is set for pages to drop.

    `lead` and `trailer` are boilerplate paragraphs around the body, `prefix` the dateline or
    byline in front of the first paragraph, `inline_trailer` text run onto the last one;
    `extra` holds the site-specific fields (slug, series, issuer, tweet, ...).
    """

    site: Site
    id: str
    date: datetime  # site-local, as the page shows it
    title: str = ""
    body: list[str] = field(default_factory=list)
    template: str = "A"
    language: str = ""
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    author: str | None = None
    source: str | None = None
    lead: list[str] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)
    inline_trailer: str = ""
    prefix: str = ""
    canonical: str | None = None
    encoding: str = "utf-8"
    header_charset: str | None = "UTF-8"
    duplicate_of: Article | Post | None = None
    extra: dict = field(default_factory=dict)
    reason: str | None = None
    list_title: str = ""
    path: str = ""

    @property
    def host(self) -> str:
        return self.site.host

    @property
    def published(self) -> datetime:
        return self.date.replace(tzinfo=self.site.zone)

    @property
    def canonical_url(self) -> str:
        return self.site.url(self.path)

    @property
    def outlet(self) -> str | None:
        return outlet_name(self.source)

    @property
    def origin(self) -> str:
        if self.source is None:
            return "unknown"
        return "original" if self.outlet == self.site.outlets[self.language] else "reprinted"

    @property
    def last_modified(self) -> datetime:
        return self.published.astimezone(timezone.utc)


POST_FIELDS = {"id", "date", "title", "body", "template", "language", "category", "tags", "author", "source",
               "lead", "trailer", "inline_trailer", "prefix", "canonical", "encoding", "header_charset",
               "reason", "list_title"}


def post_path(p: Post) -> str:
    d = p.date
    if p.site is CSRWIRE:
        return f"/press_releases/{p.id}-{p.extra['slug']}"
    if p.site is TBL:
        return f"/news/{p.id}"
    if p.site is GOLDENBEE:
        return f"/en/news/{p.id}.html" if p.language == "en" else f"/news/{d:%Y%m%d}/{p.id}.html"
    return f"/{d:%Y}/{d:%m}/{p.id}/"


def dateline(city: str, d: datetime) -> str:
    return f"{city}, {MONTHS[d.month - 1]} {d.day}, {d.year} /3BL Media/ — "


def make_post(site: Site, spec: dict, registry: dict) -> Post:
    """One post from its content spec; a reprint's body is the original's, edited."""
    original = None
    if "reprint_of" in spec:
        original = registry[spec.pop("reprint_of")]
        assert original.duplicate_of is None, "reprint the original, not a copy"
        spec["body"] = apply_edits(original.body, spec.pop("edits", {}))
    when = parse_local(spec.pop("date"))
    extra = {k: spec.pop(k) for k in sorted(spec) if k not in POST_FIELDS}
    spec.setdefault("language", site.language)
    if site is GOLDENBEE:
        spec.setdefault("encoding", "gbk" if spec["language"] == "zh-Hans" else "utf-8")
        spec.setdefault("header_charset", None)  # the meta tag is the only charset
    post = Post(site=site, id=str(spec.pop("id")), date=when, duplicate_of=original, extra=extra, **spec)
    if "dateline" in extra:
        post.prefix = dateline(extra["dateline"], when)
    post.path = post_path(post)
    return post


def parse_local(text: str) -> datetime:
    """A content date ("YYYY-MM-DD[ HH:MM[:SS]]"), naive: the site's local time."""
    for fmt in POST_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            pass
    raise ValueError(f"bad date {text!r}")


def load_posts(articles: list[Article]) -> list[Post]:
    """Every site's posts and drops; `reprint_of` may name any article loaded before."""
    registry: dict[str, Article | Post] = {f"{SOURCE_KEY[a.host]}:{a.id}": a for a in articles if not a.reason}
    posts = []
    for site in SITES.values():
        data = tomllib.loads((CONTENT / f"{site.key}.toml").read_text("utf-8"))
        for spec in data.get("post", []):
            post = make_post(site, dict(spec), registry)
            registry[f"{site.key}:{post.id}"] = post
            posts.append(post)
        for spec in data.get("drop", []):
            posts.append(make_post(site, dict(spec), registry))
    return posts


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def link(m: Mirror, p: Post, form: str = "abs", base: str | None = None, suffix: str = "") -> str:
    """A link to `p` as the site writes it (remembered for link_forms); returns the escaped attribute.

    form: "abs" (the site's scheme), "http"/"https", "root" (/path) or "rel" (relative to `base`).
    """
    if form == "rel":
        assert base and p.path.startswith(base), (p.path, base)
        url = p.path.removeprefix(base)
    elif form == "root":
        url = p.path
    else:
        url = p.site.url(p.path, None if form == "abs" else form)
    url += suffix
    m.links[(p.host, p.path)].add(url)
    return attr(url)


def post_body(p: Post, heading: str = "h3", para: str = "<p>{}</p>", indent: str = "", limit: int | None = None) -> str:
    """Lead lines, the body (prefix on the first paragraph, inline trailer on the last), trailer
    lines; `limit` keeps only the first body blocks (a teaser, without the trailer)."""
    out = [para.format(esc(line)) for line in p.lead]
    texts = [i for i, b in enumerate(p.body) if not b.startswith(("[img] ", "[caption] ", "## "))]
    for i, block in enumerate(p.body[:limit]):
        if block.startswith("[img] "):
            out.append(f'<p><img src="{attr(block.removeprefix("[img] "))}" alt="" /></p>')
        elif block.startswith("[caption] "):
            out.append(f'<p class="caption">{esc(block.removeprefix("[caption] "))}</p>')
        elif block.startswith("## "):
            out.append(f"<{heading}>{esc(block.removeprefix('## '))}</{heading}>")
        else:
            text = (p.prefix if i == texts[0] else "") + block + (p.inline_trailer if i == texts[-1] else "")
            out.append(para.format(indent + esc(text)))
    if limit is None:
        out += [para.format(esc(line)) for line in p.trailer]
    return "\n".join(out)


def excerpt(p: Post, words: int = 30) -> str:
    """The list/feed teaser: the start of the entry's text, boilerplate lead included (as CMSs do)."""
    first = next((b for b in p.body if not b.startswith(("[img] ", "[caption] ", "## "))), "")
    text = " ".join([*p.lead, p.prefix + first])
    if p.language != "en":
        return text[:60] + ("…" if len(text) > 60 else "")
    split = text.split()
    return " ".join(split[:words]) + (" […]" if len(split) > words else "")


def stored_posts(posts: list[Post], site: Site, language: str | None = None) -> list[Post]:
    """A site's posts (not drops), newest first."""
    return sorted((p for p in posts if p.site is site and not p.reason and (language is None or p.language == language)),
                  key=lambda p: p.published, reverse=True)


def listed(posts: list[Post], site: Site) -> list[Post]:
    """What the site's lists show, newest first: its posts and its broken pages."""
    return sorted((p for p in posts if p.site is site and p.reason != "not_found"), key=lambda p: p.published, reverse=True)


def pages_of(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def rfc822(moment: datetime) -> str:
    return format_datetime(moment.astimezone(timezone.utc))


# ---- CSRwire: WordPress-like, press releases, feed, sitemaps, category archives ----------------

CW_CATEGORIES = {"environment": "Environment", "responsible-business": "Responsible Business"}  # slug -> name
CW_SLUGS = {name: slug for slug, name in CW_CATEGORIES.items()}
CW_PAGE_SIZE = 4
CW_HTML = "text/html; charset=UTF-8"


def cw_posted(d: datetime) -> str:
    """`Dec 22, 2011 – 10:35 AM EST` (the site prints EST all year)."""
    hour = d.hour % 12 or 12
    return f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year} – {hour}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'} EST"


def cw_head(title: str, canonical: str | None = None, og_title: str | None = None, description: str = "") -> str:
    lines = ["<head>", '<meta charset="UTF-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{esc(title)}</title>"]
    if canonical:
        lines.append(f'<link rel="canonical" href="{attr(canonical)}" />')
    if og_title:
        lines += [f'<meta property="og:title" content="{attr(og_title)}" />',
                  '<meta property="og:site_name" content="CSRwire" />', '<meta property="og:type" content="article" />']
    if description:
        lines.append(f'<meta name="description" content="{attr(description)}" />')
    lines += ['<link rel="alternate" type="application/rss+xml" title="CSRwire &raquo; Feed" href="https://www.csrwire.com/feed/" />',
              "</head>"]
    return "\n".join(lines)


def cw_header() -> str:
    cats = " ".join(f'<a href="https://www.csrwire.com/category/{slug}/">{name}</a>' for slug, name in CW_CATEGORIES.items())
    return ('<header class="site-header"><a class="logo" href="https://www.csrwire.com/">CSRwire</a>\n'
            f'<nav class="main-nav"><a href="https://www.csrwire.com/">Home</a> {cats} '
            '<a href="https://www.csrwire.com/feed/">RSS</a></nav></header>')


def cw_footer() -> str:
    return (f'<footer class="site-footer"><p class="terms">{esc(CSRWIRE.rights["en"])}</p>'
            '<p class="newsletter">Sign up for the CSRwire newsletter</p></footer>')


def cw_sidebar(m: Mirror, posts: list[Post], current: Post | None) -> str:
    latest = [p for p in stored_posts(posts, CSRWIRE) if p is not current][:4]
    items = "\n".join(f'<li><a href="{link(m, p)}">{esc(p.title)}</a></li>' for p in latest)
    return f'<aside class="sidebar"><h3 class="widget-title">Latest Press Releases</h3><ul>\n{items}\n</ul></aside>'


def cw_meta_rows(p: Post) -> list[tuple[str, str]]:
    rows = [("Submitted by:", p.author or ""), ("Posted:", cw_posted(p.date))]
    if p.extra.get("series"):
        rows.append(("Series:", p.extra["series"]))
    return rows


def cw_article(m: Mirror, posts: list[Post], p: Post) -> str:
    """Template A (to 2018): div#press-release, meta as paragraphs, plain-text tags. B (2019 on):
    article.press-release, meta as a list, tag links; both have the current-date widget on top."""
    cat = CW_SLUGS[p.category]
    crumbs = (f'<a href="https://www.csrwire.com/">Home</a> &raquo; '
              f'<a href="https://www.csrwire.com/category/{cat}/">{CW_CATEGORIES[cat]}</a>')
    today = f"{TODAY:%A}, {MONTHS[TODAY.month - 1]} {TODAY.day}, {TODAY.year}"
    share = quote(p.canonical_url, safe="")
    if p.template == "A":
        meta = "\n".join(f'<p class="{label[:-1].split()[0].lower()}">{label} {esc(value)}</p>' for label, value in cw_meta_rows(p))
        tags = f'<p class="pr-tags">Tags: {esc(", ".join(p.tags))}</p>\n' if p.tags else ""
        main = f"""<div id="date-widget" class="today">{today}</div>
<div id="content" class="container">
<div id="press-release" class="main">
<div class="breadcrumbs">{crumbs}</div>
<h1 class="pr-title">{esc(p.title)}</h1>
<div class="pr-meta">
{meta}
</div>
<div class="pr-body">
{post_body(p, heading="h3")}
</div>
{tags}<div class="share">Share: <a href="https://twitter.com/intent/tweet?url={share}">Twitter</a> <a href="https://www.linkedin.com/shareArticle?mini=true&amp;url={share}">LinkedIn</a></div>
<p class="comments-link"><a href="{link(m, p, suffix='#comments')}">Comments (0)</a></p>
</div>
{cw_sidebar(m, posts, p)}
</div>"""
    else:
        meta = "".join(f"<li><strong>{label}</strong> {esc(value)}</li>" for label, value in cw_meta_rows(p))
        tag_spans = ", ".join(f'<span class="tag">{esc(t)}</span>' for t in p.tags)
        tags = f'<footer class="entry-footer"><span class="tags">Tags: {tag_spans}</span></footer>\n' if p.tags else ""
        main = f"""<div class="top-bar"><span class="current-date">{today}</span> <a href="https://www.csrwire.com/feed/">Subscribe</a></div>
<main id="content" class="site-main">
<nav class="breadcrumbs">{crumbs}</nav>
<article class="press-release type-press_releases">
<header class="entry-header"><h1 class="entry-title">{esc(p.title)}</h1>
<ul class="pr-details">{meta}</ul></header>
<div class="entry-content">
{post_body(p, heading="h2")}
</div>
{tags}</article>
<div class="share-bar"><a href="https://twitter.com/intent/tweet?url={share}">Share on Twitter</a></div>
{cw_sidebar(m, posts, p)}
</main>"""
    return f"""<!DOCTYPE html>
<html lang="en-US">
{cw_head(p.title + " | CSRwire", canonical=p.canonical_url, og_title=p.title, description=excerpt(p, 25))}
<body class="single single-press_releases postid-{p.id}">
{cw_header()}
{main}
<div id="comments" class="comments-area"><h3 class="comments-title">Comments</h3><p class="no-comments">There are no comments yet. Be the first to comment.</p>
<form action="https://www.csrwire.com/wp-comments-post.php" method="post" id="commentform"><textarea name="comment" rows="4"></textarea><input type="submit" value="Post Comment" /></form></div>
{cw_footer()}
</body>
</html>
"""


def cw_archive(m: Mirror, posts: list[Post], slug: str, items: list[Post], page: int, pages: int) -> str:
    base = f"https://www.csrwire.com/category/{slug}/"

    def page_url(n: int) -> str:
        return base if n == 1 else f"{base}page/{n}/"

    entries = "\n".join(
        f'<article class="pr-summary"><h2 class="entry-title"><a href="{link(m, p)}">{esc(p.title)}</a></h2>'
        f'<p class="meta">{MONTHS[p.date.month - 1][:3]} {p.date.day}, {p.date.year} | {esc(p.author or "")}</p>'
        f'<p>{esc(excerpt(p))} <a class="more-link" href="{link(m, p)}">Read more</a></p></article>' for p in items)
    nav = []
    if page > 1:
        nav.append(f'<a class="prev page-numbers" href="{page_url(page - 1)}">&laquo; Newer releases</a>')
    nav += [f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == page
            else f'<a class="page-numbers" href="{page_url(n)}">{n}</a>' for n in range(1, pages + 1)]
    if page < pages:
        nav.append(f'<a class="next page-numbers" href="{page_url(page + 1)}">Older releases &raquo;</a>')
    title = f"{CW_CATEGORIES[slug]} Archives"
    return f"""<!DOCTYPE html>
<html lang="en-US">
{cw_head(title + " | CSRwire", canonical=page_url(page))}
<body class="archive category category-{slug}">
{cw_header()}
<main id="content" class="site-main">
<header class="page-header"><h1 class="page-title">Category: {CW_CATEGORIES[slug]}</h1></header>
<div class="archive-list">
{entries}
</div>
<nav class="navigation pagination" role="navigation"><div class="nav-links">{"".join(nav)}</div></nav>
{cw_sidebar(m, posts, None)}
</main>
{cw_footer()}
</body>
</html>
"""


def cw_home(m: Mirror, posts: list[Post]) -> str:
    latest = "\n".join(f'<li><a href="{link(m, p)}">{esc(p.title)}</a> <span class="date">{cw_posted(p.date)}</span></li>'
                       for p in stored_posts(posts, CSRWIRE)[:6])
    cats = "\n".join(f'<li><a href="https://www.csrwire.com/category/{slug}/">{name}</a></li>' for slug, name in CW_CATEGORIES.items())
    return f"""<!DOCTYPE html>
<html lang="en-US">
{cw_head("CSRwire - Corporate Social Responsibility Newswire", canonical="https://www.csrwire.com/")}
<body class="home">
{cw_header()}
<main id="content" class="site-main">
<section class="latest"><h2>Latest Press Releases</h2><ul>
{latest}
</ul></section>
<section class="categories"><h2>Categories</h2><ul>
{cats}
</ul></section>
<p><a href="https://www.csrwire.com/feed/">RSS feed</a> | <a href="https://www.csrwire.com/sitemap.xml">Sitemap</a></p>
</main>
{cw_footer()}
</body>
</html>
"""


def cw_feed(m: Mirror, posts: list[Post]) -> str:
    """RSS 2.0 as WordPress writes it: links with utm parameters, dc:creator, categories and tags."""
    stored = stored_posts(posts, CSRWIRE)
    items = []
    for p in stored[:10]:
        cats = [p.category] + p.tags
        items.append(f"""	<item>
		<title>{esc(p.title)}</title>
		<link>{link(m, p, suffix="?utm_source=rss&utm_medium=rss&utm_campaign=" + p.extra["slug"].lower())}</link>
		<dc:creator><![CDATA[{p.author}]]></dc:creator>
		<pubDate>{rfc822(p.published)}</pubDate>
{"".join(f"		<category><![CDATA[{c}]]></category>{chr(10)}" for c in cats)}		<guid isPermaLink="false">https://www.csrwire.com/?p={p.id}</guid>
		<description><![CDATA[{excerpt(p, 40)}]]></description>
	</item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel>
	<title>CSRwire</title>
	<atom:link href="https://www.csrwire.com/feed/" rel="self" type="application/rss+xml" />
	<link>https://www.csrwire.com</link>
	<description>The Corporate Social Responsibility Newswire</description>
	<lastBuildDate>{rfc822(stored[0].published)}</lastBuildDate>
	<language>en-US</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<sy:updateFrequency>1</sy:updateFrequency>
{chr(10).join(items)}
</channel>
</rss>
"""


def cw_sitemaps(m: Mirror, posts: list[Post]) -> dict[str, str]:
    """A sitemap index with the press release and category sitemaps (Yoast style)."""
    stored = stored_posts(posts, CSRWIRE)
    newest = stored[0].published.isoformat()
    index = ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
             + "".join(f"\t<sitemap>\n\t\t<loc>https://www.csrwire.com/{name}</loc>\n\t\t<lastmod>{newest}</lastmod>\n\t</sitemap>\n"
                       for name in ("post-sitemap.xml", "category-sitemap.xml"))
             + "</sitemapindex>\n")
    urls = "".join(f"\t<url>\n\t\t<loc>{link(m, p)}</loc>\n\t\t<lastmod>{p.published.isoformat()}</lastmod>\n\t</url>\n"
                   for p in sorted(stored, key=lambda p: p.published))
    post_map = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"{urls}</urlset>\n")
    cats = "".join(f"\t<url>\n\t\t<loc>https://www.csrwire.com/category/{slug}/</loc>\n\t</url>\n" for slug in CW_CATEGORIES)
    cat_map = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
               f"{cats}</urlset>\n")
    return {"/sitemap.xml": index, "/post-sitemap.xml": post_map, "/category-sitemap.xml": cat_map}


def build_csrwire(m: Mirror, posts: list[Post]) -> list[str]:
    """Articles, category archives, home, feed and sitemaps; returns the list pages."""
    lists = []
    for slug in CW_CATEGORIES:
        entries = [p for p in stored_posts(posts, CSRWIRE) if CW_SLUGS[p.category] == slug]
        chunks = pages_of(entries, CW_PAGE_SIZE)
        for n, chunk in enumerate(chunks, start=1):
            path = f"/category/{slug}/" + (f"page/{n}/" if n > 1 else "")
            m.add(CSRWIRE.host, path, cw_archive(m, posts, slug, chunk, n, len(chunks)),
                  modified=max(p.last_modified for p in entries), content_type=CW_HTML)
            lists.append(path)
    for p in stored_posts(posts, CSRWIRE):
        m.add(p.host, p.path, cw_article(m, posts, p), modified=p.last_modified, content_type=CW_HTML)
    newest = stored_posts(posts, CSRWIRE)[0].last_modified
    m.add(CSRWIRE.host, "/", cw_home(m, posts), modified=newest, content_type=CW_HTML)
    m.add(CSRWIRE.host, "/feed/", cw_feed(m, posts), modified=newest, content_type="application/rss+xml; charset=UTF-8")
    for path, xml in cw_sitemaps(m, posts).items():
        m.add(CSRWIRE.host, path, xml, modified=newest, content_type="text/xml; charset=UTF-8")
    return lists


# ---- 3BL Media: Drupal-like, ?page=N lists, RSS with an empty title and escaped HTML -----------

TBL_PAGE_SIZE = 4
TBL_HTML = "text/html; charset=UTF-8"


def tbl_page(title: str, main: str, canonical: str | None = None, body_class: str = "", description: str = "") -> str:
    head = ['<meta charset="utf-8" />']
    if canonical:
        head.append(f'<link rel="canonical" href="{attr(canonical)}" />')
    if description:
        head.append(f'<meta name="description" content="{attr(description)}" />')
    head.append(f"<title>{esc(title)}</title>")
    head_html = "\n".join(head)
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
{head_html}
<link rel="alternate" type="application/rss+xml" href="https://www.3blmedia.com/rss.xml" />
</head>
<body class="{body_class}">
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<header role="banner"><div class="site-branding"><a href="/" rel="home">3BL Media</a></div>
<nav role="navigation"><ul class="menu"><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/rss.xml">RSS</a></li></ul></nav></header>
<main role="main"><div class="region region-content">
{main}
</div></main>
<footer role="contentinfo"><div class="region region-footer"><p class="legal">{esc(TBL.rights["en"])}</p></div></footer>
</div>
</body>
</html>
"""


def tbl_submitted(d: datetime) -> str:
    """Drupal's submitted line: `Wed, 07/24/2019 - 09:30`."""
    return f"{d:%a}, {d:%m/%d/%Y - %H:%M}"


def tbl_article(m: Mirror, posts: list[Post], p: Post) -> str:
    """Template A, a press release: dateline, "Tweet me:", KEYWORDS, Issuer block.
    Template B, a blog post: "Submitted by ISSUER on DATE", no dateline, no tweet."""
    issuer = p.author or ""
    if p.template == "A":
        kind, submitted = "press-release", ""
        tweet = f'\n<p>Tweet me: {esc(p.extra["tweet"])}</p>' if p.extra.get("tweet") else ""
    else:
        kind, tweet = "blog", ""
        submitted = (f'<div class="node__submitted">Submitted by <span class="field--name-uid">{esc(issuer)}</span> on '
                     f'<span class="field--name-created">{tbl_submitted(p.date)}</span></div>\n')
    more = "\n".join(f'<li><a href="{link(m, x, "root")}">{esc(x.title)}</a></li>'
                     for x in [x for x in stored_posts(posts, TBL) if x is not p][:3])
    main = f"""<article role="article" class="node node--type-{kind} node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{esc(p.title)}</span></h1>
{submitted}<div class="field field--name-field-primary-category"><div class="field__label">Primary Category</div><div class="field__item">{esc(p.category or "")}</div></div>
<div class="clearfix text-formatted field field--name-body field__item">
{post_body(p, heading="h3")}{tweet}
</div>
<div class="field field--name-field-keywords"><p>KEYWORDS: {esc(", ".join(p.tags))}</p></div>
<div class="issuer-block"><h2 class="block-title">Issuer</h2><div class="issuer-name">{esc(issuer)}</div>
<p class="issuer-description">{esc(p.extra.get("about", ""))}</p></div>
</article>
<div class="block block-views-more-news"><h2>More News</h2><ul>
{more}
</ul></div>"""
    return tbl_page(f"{p.title} | 3BL Media", main, canonical=p.canonical_url, body_class=f"path-node page-node-type-{kind}",
                    description=excerpt(p, 25))


def tbl_list(m: Mirror, items: list[Post], page: int, pages: int) -> str:
    """/news?page=N (0-based); pager links are relative query strings, as Drupal writes them."""
    rows = "\n".join(
        f'<div class="views-row"><div class="views-field views-field-title"><span class="field-content">'
        f'<a href="{link(m, p, "root")}" hreflang="en">{esc(p.title)}</a></span></div>'
        f'<div class="views-field views-field-issuer">{esc(p.author or "")}</div>'
        f'<div class="views-field views-field-created">{p.date:%m-%d-%y}</div>'
        f'<div class="views-field views-field-body"><p>{esc(excerpt(p, 28))}</p></div></div>' for p in items)
    nav = []
    if page > 0:
        nav += ['<li class="pager__item pager__item--first"><a href="?page=0" title="Go to first page">« First</a></li>',
                f'<li class="pager__item pager__item--previous"><a href="?page={page - 1}" rel="prev">‹ Previous</a></li>']
    nav += ['<li class="pager__item is-active"><a href="?page={0}" title="Current page">{1}</a></li>'.format(n, n + 1)
            if n == page else f'<li class="pager__item"><a href="?page={n}">{n + 1}</a></li>' for n in range(pages)]
    if page < pages - 1:
        nav += [f'<li class="pager__item pager__item--next"><a href="?page={page + 1}" rel="next">Next ›</a></li>',
                f'<li class="pager__item pager__item--last"><a href="?page={pages - 1}" title="Go to last page">Last »</a></li>']
    pager = ('<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 id="pagination-heading" '
             'class="visually-hidden">Pagination</h4><ul class="pager__items js-pager__items">\n'
             + "\n".join(nav) + "\n</ul></nav>")
    main = f"""<h1 class="page-title">News</h1>
<div class="view view-news-list view-display-id-page_1">
<div class="view-content">
{rows}
</div>
{pager}
</div>"""
    title = "News | 3BL Media" if page == 0 else f"News | Page {page + 1} | 3BL Media"
    return tbl_page(title, main, body_class="path-news")


def tbl_home(m: Mirror, posts: list[Post]) -> str:
    latest = "\n".join(f'<li><a href="{link(m, p, "root")}">{esc(p.title)}</a> <span>{esc(p.author or "")}</span></li>'
                       for p in stored_posts(posts, TBL)[:4])
    main = f"""<h1 class="page-title">3BL Media: Sustainability and Purpose-Driven News</h1>
<div class="block block-latest"><h2>Latest News</h2><ul>
{latest}
</ul><p><a href="/news">All news</a> | <a href="/rss.xml">RSS</a></p></div>"""
    return tbl_page("3BL Media | Sustainability and Purpose-Driven News", main, canonical="https://www.3blmedia.com/",
                    body_class="path-frontpage")


def tbl_posting_time(p: Post) -> datetime:
    """When the node was created (the RSS pubDate): blog posts at their submitted time, press
    releases at the `posted` time of their dateline day, New York time."""
    if p.template == "B":
        return p.published
    hour, minute = map(int, p.extra["posted"].split(":"))
    return p.published.replace(hour=hour, minute=minute)


def tbl_rss(m: Mirror, posts: list[Post]) -> str:
    """Drupal's rss.xml: an EMPTY channel title and the teaser HTML entity-escaped."""
    items = []
    for n, p in enumerate(stored_posts(posts, TBL)[:10]):
        teaser = html.escape(post_body(p, limit=2), quote=False)
        items.append(f"""<item>
  <title>{esc(p.title)}</title>
  <link>{link(m, p)}</link>
  <description>{teaser}</description>
  <pubDate>{rfc822(tbl_posting_time(p))}</pubDate>
  <dc:creator>{esc(p.author or "")}</dc:creator>
  <guid isPermaLink="false">{p.extra["nid"]} at https://www.3blmedia.com</guid>
</item>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xml:base="https://www.3blmedia.com/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title></title>
    <link>https://www.3blmedia.com/</link>
    <description></description>
    <language>en</language>
    <atom:link href="https://www.3blmedia.com/rss.xml" rel="self" type="application/rss+xml" />
{chr(10).join(items)}
  </channel>
</rss>
"""


def build_3blmedia(m: Mirror, posts: list[Post]) -> list[str]:
    stored = stored_posts(posts, TBL)
    lists = []
    chunks = pages_of(stored, TBL_PAGE_SIZE)
    for n, chunk in enumerate(chunks):
        path = "/news?" + (f"page={n}" if n else "")  # "/news?" is /news itself (see url_file)
        m.add(TBL.host, path, tbl_list(m, chunk, n, len(chunks)), modified=stored[0].last_modified, content_type=TBL_HTML)
        lists.append(path.removesuffix("?"))
    for p in stored:
        m.add(p.host, p.path, tbl_article(m, posts, p), modified=p.last_modified, content_type=TBL_HTML)
    m.add(TBL.host, "/", tbl_home(m, posts), modified=stored[0].last_modified, content_type=TBL_HTML)
    m.add(TBL.host, "/rss.xml", tbl_rss(m, posts), modified=stored[0].last_modified,
          content_type="application/rss+xml; charset=utf-8")
    return lists


# ---- GoldenBee (金蜜蜂): a Chinese portal in GBK with an English section ------------------------

GB_ZH_PAGE_SIZE = 5
GB_EN_PAGE_SIZE = 3


def gb_meta_source(p: Post) -> str:
    """The source as the meta line shows it: empty when the page names it only in a marker line."""
    return "" if p.extra.get("source_at") == "marker" or p.source is None else p.source


def gb_zh_meta(p: Post) -> list[str]:
    """`2019-07-19 14:19:21`, `来源：中国新闻网`, `编辑：王敏` (shown two spaces apart)."""
    return [f"{p.date:%Y-%m-%d %H:%M:%S}", f"来源：{gb_meta_source(p)}", f"编辑：{p.author or ''}"]


def gb_zh_top() -> str:
    return ('<div class="top"><a href="/" class="logo"><img src="/images/logo.gif" alt="金蜜蜂" /></a>\n'
            '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/news/list_1.html">新闻资讯</a></li>'
            '<li><a href="/en/news/">English</a></li></ul></div>')


def gb_zh_footer() -> str:
    return (f'<div class="footer"><p class="statement">{esc(GOLDENBEE.rights["zh-Hans"])}</p>'
            "<p>Copyright &copy; 金蜜蜂企业社会责任 www.goldenbeechina.com</p></div>")


def gb_zh_article(m: Mirror, posts: list[Post], p: Post) -> str:
    """Template A (XHTML, meta line one text node) and B (HTML5, meta fields in spans, indented
    paragraphs); both GBK, declared only in the page (the server sends no charset)."""
    stored = stored_posts(posts, GOLDENBEE, "zh-Hans")
    i = stored.index(p)
    newer, older = (stored[i - 1] if i > 0 else None), (stored[i + 1] if i + 1 < len(stored) else None)

    def neighbour(label: str, x: Post | None) -> str:
        return f"<p>{label}：" + (f'<a href="{link(m, x, "root")}">{esc(x.title)}</a>' if x else "没有了") + "</p>"

    prev_next = neighbour("上一篇", older) + neighbour("下一篇", newer)
    hot = "\n".join(f'<li><a href="{link(m, x, "root")}">{esc(x.title)}</a></li>'
                    for x in [stored[(i + k) % len(stored)] for k in (2, 3, 5, 7)] if x is not p)
    keywords = f'<div class="keywords">关键词：{" ".join(f"<span>{esc(t)}</span>" for t in p.tags)}</div>\n' if p.tags else ""
    if p.template == "A":
        head = ('<meta http-equiv="Content-Type" content="text/html; charset=gbk" />\n'
                f"<title>{esc(p.title)}_金蜜蜂企业社会责任</title>\n"
                f'<meta name="keywords" content="{attr(",".join(p.tags))}" />')
        doctype = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
                   '<html xmlns="http://www.w3.org/1999/xhtml">')
        article = f"""<div class="article">
<h1 class="article-title">{esc(p.title)}</h1>
<div class="article-info">{esc("  ".join(gb_zh_meta(p)))}</div>
<div class="article-content" id="zoom">
{post_body(p, heading="h4")}
</div>
{keywords}<div class="prenext">{prev_next}</div>
</div>"""
    else:
        head = f'<meta charset="gbk">\n<title>{esc(p.title)}-金蜜蜂</title>'
        doctype = '<!DOCTYPE html>\n<html lang="zh-CN">'
        spans = "  ".join(f"<span>{esc(x)}</span>" for x in gb_zh_meta(p))
        article = f"""<div class="news-show">
<h2 class="show-title">{esc(p.title)}</h2>
<div class="show-info">{spans}</div>
<div class="show-con">
{post_body(p, heading="h4", para='<p style="text-indent:2em">{}</p>')}
</div>
{keywords}<div class="prenext">{prev_next}</div>
</div>"""
    return f"""{doctype}
<head>
{head}
</head>
<body>
{gb_zh_top()}
<div class="wrap">
<div class="location">您现在的位置：<a href="/">首页</a> &gt; <a href="/news/list_1.html">新闻资讯</a> &gt; 正文</div>
<div class="main-left">
{article}
</div>
<div class="main-right"><h3>热点新闻</h3><ul>
{hot}
</ul></div>
</div>
{gb_zh_footer()}
</body>
</html>
"""


def gb_en_page(title: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
</head>
<body>
<div class="en-top"><a href="/"><img src="/images/logo_en.gif" alt="GoldenBee" /></a>
<a href="/en/news/">News</a> <a href="/">中文</a></div>
<div class="en-main">
{main}
</div>
<div class="en-foot"><p>{esc(GOLDENBEE.rights["en"])}</p></div>
</body>
</html>
"""


def gb_en_article(m: Mirror, posts: list[Post], p: Post) -> str:
    """`source:goldencsr    date:2018-12-18 11:34:02` under the title, four spaces apart."""
    info = f"source:{gb_meta_source(p)}    date:{p.date:%Y-%m-%d %H:%M:%S}"
    main = f"""<div class="en-pos"><a href="/">Home</a> &gt; <a href="/en/news/">News</a></div>
<h1 class="en-title">{esc(p.title)}</h1>
<div class="en-info">{esc(info)}</div>
<div class="en-con">
{post_body(p, heading="h3")}
</div>"""
    return gb_en_page(f"{p.title}-GoldenBee", main)


def gb_zh_list(m: Mirror, items: list[Post], page: int, pages: int, total: int) -> str:
    rows = "\n".join(f'<li><span class="time">{p.date:%Y-%m-%d}</span><a href="{link(m, p, "rel", "/news/")}" '
                     f'title="{attr(p.title)}" target="_blank">{esc(p.title)}</a></li>' for p in items)

    def a(n: int, text: str) -> str:
        return f'<li><a href="list_{n}.html">{text}</a></li>'

    parts = [a(1, "首页"), a(page - 1, "上一页")] if page > 1 else ["<li>首页</li>", "<li>上一页</li>"]
    parts += ['<li class="thisclass">{}</li>'.format(n) if n == page else a(n, str(n)) for n in range(1, pages + 1)]
    parts += [a(page + 1, "下一页"), a(pages, "末页")] if page < pages else ["<li>下一页</li>", "<li>末页</li>"]
    parts.append(f'<li><span class="pageinfo">共 {pages} 页 {total} 条</span></li>')
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>新闻资讯_金蜜蜂企业社会责任</title>
</head>
<body>
{gb_zh_top()}
<div class="wrap">
<div class="location">您现在的位置：<a href="/">首页</a> &gt; 新闻资讯</div>
<ul class="news-list">
{rows}
</ul>
<div class="pages"><ul>{"".join(parts)}</ul></div>
</div>
{gb_zh_footer()}
</body>
</html>
"""


def gb_en_list(m: Mirror, items: list[Post], page: int, pages: int) -> str:
    rows = "\n".join(f'<li><a href="{link(m, p, "rel", "/en/news/")}">{esc(p.title)}</a> <span>{p.date:%Y-%m-%d}</span></li>'
                     for p in items)

    def target(n: int) -> str:
        return "/en/news/" if n == 1 else f"list_{n}.html"

    pager = []
    if page > 1:
        pager.append(f'<a href="{target(page - 1)}">Prev</a>')
    pager += [f"<b>{n}</b>" if n == page else f'<a href="{target(n)}">{n}</a>' for n in range(1, pages + 1)]
    if page < pages:
        pager.append(f'<a href="{target(page + 1)}">Next</a>')
    main = f"""<div class="en-pos"><a href="/">Home</a> &gt; News</div>
<ul class="en-list">
{rows}
</ul>
<div class="en-pages">{" ".join(pager)}</div>"""
    return gb_en_page("News-GoldenBee", main)


def gb_home(m: Mirror, posts: list[Post]) -> str:
    zh = "\n".join(f'<li><a href="{link(m, p, "http")}">{esc(p.title)}</a><span>{p.date:%m-%d}</span></li>'
                   for p in stored_posts(posts, GOLDENBEE, "zh-Hans")[:5])
    en = "\n".join(f'<li><a href="{link(m, p, "root")}">{esc(p.title)}</a></li>'
                   for p in stored_posts(posts, GOLDENBEE, "en")[:2])
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>金蜜蜂企业社会责任_GoldenBee</title>
<meta name="description" content="金蜜蜂（GoldenBee）专注企业社会责任与可持续发展" />
</head>
<body>
{gb_zh_top()}
<div class="wrap">
<div class="box"><h2><a href="/news/list_1.html">新闻资讯</a></h2><ul>
{zh}
</ul></div>
<div class="box"><h2><a href="/en/news/">English News</a></h2><ul>
{en}
</ul></div>
</div>
{gb_zh_footer()}
</body>
</html>
"""


def build_goldenbee(m: Mirror, posts: list[Post]) -> list[str]:
    lists = []
    zh, en = stored_posts(posts, GOLDENBEE, "zh-Hans"), stored_posts(posts, GOLDENBEE, "en")
    chunks = pages_of(zh, GB_ZH_PAGE_SIZE)
    for n, chunk in enumerate(chunks, start=1):
        path = f"/news/list_{n}.html"
        m.add(GOLDENBEE.host, path, gb_zh_list(m, chunk, n, len(chunks), len(zh)), "gbk", zh[0].last_modified)
        lists.append(path)
    chunks = pages_of(en, GB_EN_PAGE_SIZE)
    for n, chunk in enumerate(chunks, start=1):
        path = "/en/news/" if n == 1 else f"/en/news/list_{n}.html"
        m.add(GOLDENBEE.host, path, gb_en_list(m, chunk, n, len(chunks)), "utf-8", en[0].last_modified)
        lists.append(path)
    for p in zh + en:
        page = gb_zh_article(m, posts, p) if p.language == "zh-Hans" else gb_en_article(m, posts, p)
        m.add(p.host, p.path, page, p.encoding, p.last_modified, p.header_charset)
    m.add(GOLDENBEE.host, "/", gb_home(m, posts), "gbk", max(zh[0].last_modified, en[0].last_modified))
    for image in ("logo.gif", "logo_en.gif"):
        m.add(GOLDENBEE.host, f"/images/{image}", GIF)
    return lists


# ---- sustainability-reports.com: a WordPress news blog -----------------------------------------

SR_PAGE_SIZE = 5
SR_HTML = "text/html; charset=UTF-8"
SR_BASE = "https://www.sustainability-reports.com"


def sr_recent(m: Mirror, posts: list[Post]) -> str:
    items = "\n".join(f'<li><a href="{link(m, p)}">{esc(p.title)}</a></li>' for p in stored_posts(posts, SR)[:5])
    return f'<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>\n{items}\n</ul></section>'


def sr_neighbours(posts: list[Post], p: Post) -> tuple[Post | None, Post | None]:
    """(older, newer) posts, as WordPress's post navigation shows them."""
    chronological = list(reversed(stored_posts(posts, SR)))
    i = chronological.index(p)
    return (chronological[i - 1] if i > 0 else None), (chronological[i + 1] if i + 1 < len(chronological) else None)


def sr_page(title: str, main: str, m: Mirror, posts: list[Post], head_extra: str = "", body_class: str = "") -> str:
    """The current theme (2019 on): header, content, Recent Posts sidebar, footer."""
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
{head_extra}</head>
<body class="{body_class}">
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="{SR_BASE}/" rel="home">sustainability-reports.com</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="{SR_BASE}/">Home</a></li><li><a href="{SR_BASE}/news/">News</a></li></ul></nav></header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
{main}
</main></div>
<aside id="secondary" class="widget-area">{sr_recent(m, posts)}</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">{esc(SR.rights["en"])}</div></footer>
</div>
</body>
</html>
"""


def sr_article(m: Mirror, posts: list[Post], p: Post) -> str:
    """Template A (2019 on): article.post, <time datetime>; template B (to 2018, the old theme):
    div.post with an h2 title under the site's h1, <abbr class="published" title=...>."""
    canonical = p.canonical or p.canonical_url
    iso = p.published.isoformat()
    older, newer = sr_neighbours(posts, p)
    tags = ", ".join(f'<span class="tag">{esc(t)}</span>' for t in p.tags)
    author = p.author or "Redaktion"
    if p.template == "B":
        nav = ((f'<div class="alignleft">&laquo; <a href="{link(m, older)}">{esc(older.title)}</a></div>' if older else "")
               + (f'<div class="alignright"><a href="{link(m, newer)}">{esc(newer.title)}</a> &raquo;</div>' if newer else ""))
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="en-US">
<head profile="http://gmpg.org/xfn/11">
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>sustainability-reports.com &raquo; {esc(p.title)}</title>
<link rel="canonical" href="{attr(canonical)}" />
</head>
<body>
<div id="wrapper">
<div id="header"><h1><a href="{SR_BASE}/">sustainability-reports.com</a></h1><div class="description">News and reports on corporate sustainability</div></div>
<div id="content">
<div class="post" id="post-{p.extra['postid']}">
<h2 class="posttitle"><a href="{link(m, p)}" rel="bookmark" title="Permanent Link to {attr(p.title)}">{esc(p.title)}</a></h2>
<p class="postmeta"><abbr class="published" title="{iso}">{MONTHS[p.date.month - 1]} {p.date.day}, {p.date.year}</abbr> by {esc(author)} &middot; Filed under <a href="{SR_BASE}/news/">{esc(p.category or "News")}</a></p>
<div class="entry">
{post_body(p, heading="h3")}
</div>
<p class="postmetadata">Tags: {tags}</p>
</div>
<div class="navigation">{nav}</div>
</div>
<div id="sidebar">{sr_recent(m, posts)}</div>
<div id="footer"><p>{esc(SR.rights["en"])}</p></div>
</div>
</body>
</html>
"""
    nav = ((f'<div class="nav-previous"><a href="{link(m, older)}" rel="prev">{esc(older.title)}</a></div>' if older else "")
           + (f'<div class="nav-next"><a href="{link(m, newer)}" rel="next">{esc(newer.title)}</a></div>' if newer else ""))
    main = f"""<article id="post-{p.extra['postid']}" class="post-{p.extra['postid']} post type-post status-publish format-standard hentry category-news">
<header class="entry-header"><h1 class="entry-title">{esc(p.title)}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <a href="{link(m, p)}" rel="bookmark"><time class="entry-date published" datetime="{iso}">{p.date.day} {MONTHS[p.date.month - 1]} {p.date.year}</time></a></span><span class="byline"> by <span class="author vcard">{esc(author)}</span></span></div></header>
<div class="entry-content">
{post_body(p, heading="h3")}
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="{SR_BASE}/news/" rel="category tag">{esc(p.category or "News")}</a></span> <span class="tags-links">Tagged {tags}</span></footer>
</article>
<nav class="navigation post-navigation" role="navigation"><div class="nav-links">{nav}</div></nav>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form action="{SR_BASE}/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published.</p><textarea id="comment" name="comment"></textarea><input name="submit" type="submit" value="Post Comment" /></form></div></div>"""
    head = (f'<link rel="canonical" href="{attr(canonical)}" />\n<meta property="og:type" content="article" />\n'
            f'<meta property="og:title" content="{attr(p.title)}" />\n<meta property="og:url" content="{attr(canonical)}" />\n'
            '<meta property="og:site_name" content="sustainability-reports.com" />\n'
            f'<meta property="article:published_time" content="{iso}" />\n')
    return sr_page(f"{p.title} - sustainability-reports.com", main, m, posts, head,
                   f"post-template-default single single-post postid-{p.extra['postid']}")


def sr_soft_404(m: Mirror, posts: list[Post], p: Post) -> str:
    """A removed post: the theme's not-found content, answered with 200 by a page cache."""
    main = """<section class="error-404 not-found"><header class="page-header"><h1 class="page-title">Oops! That page can&rsquo;t be found.</h1></header>
<div class="page-content"><p>It looks like nothing was found at this location. Maybe try one of the links below or a search?</p>
<form role="search" method="get" class="search-form" action="https://www.sustainability-reports.com/"><input type="search" class="search-field" name="s" /><input type="submit" class="search-submit" value="Search" /></form></div></section>"""
    return sr_page("Page not found - sustainability-reports.com", main, m, posts, body_class="error404")


def sr_list(m: Mirror, posts: list[Post], items: list[Post], page: int, pages: int) -> str:
    entries = []
    for p in items:
        summary = esc(excerpt(p)) if not p.reason else esc(p.extra["excerpt"])
        title = p.title or p.list_title
        entries.append(f"""<article class="post type-post status-publish hentry category-news">
<header class="entry-header"><h2 class="entry-title"><a href="{link(m, p)}" rel="bookmark">{esc(title)}</a></h2>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{p.published.isoformat()}">{p.date.day} {MONTHS[p.date.month - 1]} {p.date.year}</time></span></div></header>
<div class="entry-summary"><p>{summary}</p>
<p><a class="more-link" href="{link(m, p, suffix=f"#more-{p.extra['postid']}")}">Continue reading</a></p></div>
</article>""")
    nav = []
    if page < pages:
        nav.append(f'<div class="nav-previous"><a href="{SR_BASE}/news/page/{page + 1}/">Older posts</a></div>')
    if page > 1:
        newer = f"{SR_BASE}/news/" if page == 2 else f"{SR_BASE}/news/page/{page - 1}/"
        nav.append(f'<div class="nav-next"><a href="{newer}">Newer posts</a></div>')
    main = (f'<header class="page-header"><h1 class="page-title">News</h1></header>\n' + "\n".join(entries)
            + f'\n<nav class="navigation posts-navigation" role="navigation"><div class="nav-links">{"".join(nav)}</div></nav>')
    title = "News - sustainability-reports.com" if page == 1 else f"News - Page {page} - sustainability-reports.com"
    return sr_page(title, main, m, posts, body_class="archive category category-news")


def sr_home(m: Mirror, posts: list[Post]) -> str:
    """The home page's 'Latest news' box is an old widget with hard-coded http:// links."""
    latest = "\n".join(f'<li><a href="{link(m, p, "http")}">{esc(p.title)}</a></li>' for p in stored_posts(posts, SR)[:4])
    main = f"""<section class="home-intro"><h1>News and reports on corporate sustainability</h1>
<p>Since 2004 sustainability-reports.com has covered corporate sustainability reporting and the news around it.</p></section>
<section class="home-latest"><h2>Latest news</h2><ul>
{latest}
</ul><p><a href="{SR_BASE}/news/">All news</a></p></section>"""
    return sr_page("sustainability-reports.com - News and reports on corporate sustainability", main, m, posts,
                   body_class="home page")


def build_sustainability_reports(m: Mirror, posts: list[Post]) -> list[str]:
    shown = listed(posts, SR)
    for n, p in enumerate(sorted(shown, key=lambda p: p.published)):
        p.extra.setdefault("postid", 2104 + 37 * n)
    lists = []
    chunks = pages_of(shown, SR_PAGE_SIZE)
    for n, chunk in enumerate(chunks, start=1):
        path = "/news/" + (f"page/{n}/" if n > 1 else "")
        m.add(SR.host, path, sr_list(m, posts, chunk, n, len(chunks)), modified=shown[0].last_modified, content_type=SR_HTML)
        lists.append(path)
    for p in shown:
        page = sr_soft_404(m, posts, p) if p.reason == "soft_404" else sr_article(m, posts, p)
        m.add(p.host, p.path, page, modified=p.last_modified, content_type=SR_HTML)
    m.add(SR.host, "/", sr_home(m, posts), modified=shown[0].last_modified, content_type=SR_HTML)
    return lists


# ---- all four: build and answer key -------------------------------------------------------------

BUILDERS = {"csrwire": build_csrwire, "3blmedia": build_3blmedia, "goldenbee": build_goldenbee,
            "sustainability_reports": build_sustainability_reports}


def check_reprints(posts: list[Post]) -> None:
    """A copy is published after its original, unless the original says it is one and the copy does not."""
    for p in posts:
        original = p.duplicate_of
        if original is None:
            continue
        assert original.published is not None and p.title != original.title, p.path
        if p.published <= original.published:
            assert original.origin == "original" and p.origin != "original", (p.path, "published before its original")


def build_other_sites(m: Mirror, posts: list[Post]) -> dict[str, list[str]]:
    """Every file of the four sites; returns each site's list pages."""
    check_reprints(posts)
    for n, p in enumerate(sorted(stored_posts(posts, TBL), key=lambda p: p.published)):
        p.extra.setdefault("nid", 118230 + 61 * n)
    lists = {}
    for site in SITES.values():
        lists[site.key] = BUILDERS[site.key](m, posts)
        m.add(site.host, "/robots.txt", site.robots)
    return lists


def post_entry(m: Mirror, p: Post) -> dict:
    texts = [t for t in map(paragraph_text, p.body) if t is not None]
    return {
        "host": p.host, "path": p.path, "canonical_url": p.canonical_url, "title": p.title,
        "published": p.published.isoformat(), "author": p.author, "category": p.category, "tags": p.tags,
        "origin": p.origin, "outlet": p.outlet, "outlet_as_written": p.source, "language": p.language,
        "duplicate_of": p.duplicate_of.canonical_url if p.duplicate_of else None,
        "encoding": p.encoding, "header_charset": p.header_charset, "template": p.template,
        "body_first": texts[0], "body_last": texts[-1], "paragraphs": len(texts),
        "link_forms": sorted(m.links[(p.host, p.path)]), "source": p.site.key,
    }


def site_entry(site: Site, list_pages: list[str]) -> dict:
    outlet = site.outlets[site.language] if len(site.outlets) == 1 else site.outlets
    entry = {
        "host": site.host, "name": site.name, "home": site.url("/"), "language": site.language,
        "timezone": site.timezone, "site_names": list(site.site_names), "site_outlet": outlet,
        "discovery": {"feeds": list(site.feeds), "sitemaps": list(site.sitemaps), "list_pages": list(site.list_pages),
                      "article_pattern": site.article_pattern, "pagination": site.pagination},
        "rights_statement": site.rights[site.language],
        "boilerplate": list(site.boilerplate),
        "mirror_list_pages": list_pages,
    }
    entry.update({f"rights_statement_{lang}": text for lang, text in site.rights.items() if lang != site.language})
    return entry


def add_other_sites_to_truth(key: dict, m: Mirror, posts: list[Post], lists: dict[str, list[str]]) -> None:
    """Append the four sites' articles and drops, their outlet aliases, and a "sites" entry each.

    The top-level "list_pages" stays the CSR-China lists; each site's are in sites.*.mirror_list_pages.
    """
    stored = sorted((p for p in posts if not p.reason), key=lambda p: (p.host, p.path))
    key["articles"] += [post_entry(m, p) for p in stored]
    key["drops"] += [{"host": p.host, "path": p.path, "reason": p.reason}
                     for p in sorted((p for p in posts if p.reason), key=lambda p: (p.host, p.path))]
    key["outlet_aliases"].update(MORE_OUTLET_ALIASES)
    key["outlet_aliases"].update({p.source: p.outlet for p in stored if p.source and p.source != p.outlet})
    key["sites"] = {site.key: site_entry(site, lists[site.key]) for site in SITES.values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="directory to write the mirror into")
    args = parser.parse_args()
    articles = load_edition(EN, "en.toml") + load_edition(ZH, "zh.toml")
    m, list_pages = build_site(articles)
    key = truth(m, list_pages)
    posts = load_posts(articles)
    lists = build_other_sites(m, posts)
    add_other_sites_to_truth(key, m, posts, lists)
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out, m, key)
    print(f"{len(key['articles'])} articles, {len(key['drops'])} drops, {len(m.files)} files -> {args.out}")


if __name__ == "__main__":
    main()
