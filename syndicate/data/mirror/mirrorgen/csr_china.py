"""Both CSR-China editions (en.csr-china.net, www.csr-china.net): site facts as data, the
article model read from content/en.toml and content/zh.toml, the mirror's output (files, headers),
five article templates per edition, list and home pages, and their part of the answer key."""

from __future__ import annotations

import html
import json
import shutil
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote_plus


# Bylines the pages print that name no person (the CMS account, the editorial desk): the
# answer key says "no author" for them.
NOT_PEOPLE = frozenset({"admin", "Redaktion"})


def person(author: str | None) -> str | None:
    return None if author in NOT_PEOPLE else author


HERE = Path(__file__).resolve().parent.parent  # syndicate/data/mirror
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
SOURCE_KEY = {EN: "csr_china_en", ZH: "csr_china_zh"}  # registry keys (syndicate/data/sources.toml)
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
    def page_date(self) -> datetime | None:
        """The date the page shows, if it shows a valid one."""
        for fmt in DATE_FORMATS if self.date is not None else ():
            try:
                return datetime.strptime(self.date, fmt).replace(tzinfo=SHANGHAI)
            except ValueError:
                pass
        return None

    @property
    def published(self) -> datetime:
        """The page's own date; inferred from the URL's posting folder when the page shows none."""
        if self.page_date is not None:
            return self.page_date
        d = self.folder_date
        return datetime(d.year, d.month, d.day, tzinfo=SHANGHAI)

    @property
    def date_basis(self) -> str | None:
        """None when the page shows its date; "url" when it is inferred from the address."""
        return None if self.page_date is not None else "url"

    @property
    def list_date(self) -> str:
        return self.published.date().isoformat() if self.date is None or self.page_date else str(self.date)

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
            "published": a.published.isoformat(), "date_basis": a.date_basis,
            "author": person(a.author), "category": a.category.name, "tags": a.tags,
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
