"""www.sustainability-reports.com: a WordPress news blog."""

from __future__ import annotations


from .csr_china import Mirror, esc
from .posts import MONTHS, Post, SR, attr, excerpt, link, listed, pages_of, post_body, stored_posts


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
    main = ('<header class="page-header"><h1 class="page-title">News</h1></header>\n' + "\n".join(entries)
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
