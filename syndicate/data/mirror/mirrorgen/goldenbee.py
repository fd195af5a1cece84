"""www.goldenbeechina.com: a Chinese portal in GBK, with an English section."""

from __future__ import annotations


from .csr_china import GIF, Mirror, esc
from .posts import GOLDENBEE, Post, attr, link, pages_of, post_body, stored_posts


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
