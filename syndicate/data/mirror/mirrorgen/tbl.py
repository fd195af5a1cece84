"""www.3blmedia.com: a Drupal-like news-release site (?page=N lists, RSS)."""

from __future__ import annotations

import html
from datetime import datetime

from .csr_china import Mirror, esc
from .posts import Post, TBL, attr, excerpt, link, pages_of, post_body, rfc822, stored_posts


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
