"""www.csrwire.com: a WordPress-like press-release site (feed, sitemaps, category archives)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from .csr_china import Mirror, esc
from .posts import CSRWIRE, MONTHS, Post, TODAY, attr, excerpt, link, pages_of, post_body, rfc822, stored_posts


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
