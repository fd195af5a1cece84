"""The pages people read: ``index.html`` (the latest stories in every language, then every
feed by kind with autodiscovery, and each site's disclaimer) and one page per language
(``en.html``, ``zh-Hans.html``...: that language's latest stories and feeds, in that language).

A story shows its title (linked to the original page), date (marked when inferred or unknown),
source, a visible original / reprint-from-OUTLET / source-unknown badge, language, "also in
中文 / also in English" when the same story was reported in the other language (linked to
that report), and the summary the rights policy allows (the entry's summary, never more)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..sources import Registry
from .formats import FORMATS
from .plan import KIND_ORDER, KINDS, LANGUAGE_NAMES, disclaimer
from .text import rfc3339

if TYPE_CHECKING:
    from .archives import Document
    from .entries import Entry

INDEX = "index.html"
LATEST = 30  # stories on a page

# Each language's own name, for the links between pages.
NATIVE_NAMES = {"en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}
# A language as a story's "also in ..." link names it (in its own script).
ALSO_NAMES = {"en": "English", "zh-Hans": "中文", "zh-Hant": "中文"}

# The pages' words, by UI language ("zh" for every Chinese page, "en" for the rest).
WORDS = {
    "en": {
        "title": "CSR news", "all": "All languages", "lead": (
            "Corporate social responsibility news collected from the sites below, one entry per story, with "
            "each story's source and rights kept. Titles link to the original pages."),
        "latest": "Latest stories", "original": "Original", "reprint": "Reprint from {outlet}",
        "reprint_unnamed": "Reprint", "unknown": "Source unknown", "inferred": "date inferred",
        "undated": "date unknown", "none": "No stories yet.", "feeds": "Feeds", "language_feed": "This language",
        "subscribe": "Subscribe in any feed reader: Atom, RSS 2.0 or JSON Feed, or to {opml}.",
        "opml": "every feed at once (OPML)", "all_feeds": "Every feed, by source and category, is listed on {index}.",
        "index": "the main page", "gone": "no longer on the site", "also": "also in {language}",
    },
    "zh": {
        "title": "企业社会责任新闻", "all": "全部语言", "lead": "汇集以下网站的企业社会责任新闻，每则报道一条，保留来源与版权信息。标题链接至原文页面。",
        "latest": "最新报道", "original": "原创", "reprint": "转载自{outlet}", "reprint_unnamed": "转载",
        "unknown": "来源不详", "inferred": "日期推定", "undated": "日期不详", "none": "暂无报道。", "feeds": "订阅",
        "language_feed": "本语言", "subscribe": "可用任何阅读器订阅：Atom、RSS 2.0 或 JSON Feed，或{opml}。",
        "opml": "一次订阅全部（OPML）", "all_feeds": "按来源、栏目划分的全部订阅源见{index}。", "index": "首页",
        "gone": "原文已下线", "also": "另有{language}报道",
    },
}

STYLE = """
body { font: 16px/1.55 system-ui, "Noto Sans CJK SC", "Noto Sans", sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; }
nav.languages a, nav.languages strong { margin-right: .8rem; }
article.story { border-bottom: 1px solid #e3e3e3; padding: .6rem 0 .8rem; }
article.story h3 { font-size: 1.1rem; margin: 0 0 .25rem; }
article.story h3 a { color: #0b4f8a; text-decoration: none; }
article.story h3 a:hover { text-decoration: underline; }
.meta { color: #555; font-size: .9rem; margin: 0 0 .3rem; }
.meta > * + *::before { content: " · "; color: #999; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .8rem; font-weight: 600; }
.meta > .badge { margin: 0 .3rem; }
.meta > .badge::before { content: ""; }
.badge.original { background: #e3f4e6; color: #1f6b2d; }
.badge.reprinted { background: #fff1d6; color: #7a4b00; }
.badge.unknown { background: #eee; color: #444; }
.inferred, .undated { font-style: italic; }
.also a { color: #0b4f8a; }
.summary { margin: 0; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
.disclaimer { white-space: pre-line; color: #555; }
"""


@dataclass(frozen=True)
class Page:
    """One reading page: its file, the language of its words, the feed whose stories it shows."""

    path: str
    language: str        # BCP 47 tag of the page
    feed: str            # "all" or "lang/<tag>"

    @property
    def words(self) -> dict[str, str]:
        return WORDS["zh" if self.language.startswith("zh") else "en"]


def pages_for(summaries: list[tuple[Document, int]]) -> list[Page]:
    """index.html, and a page per language that has a feed."""
    languages = sorted(doc.feed.path.partition("/")[2] for doc, _ in summaries if doc.feed.kind == "lang")
    return [Page(INDEX, "en", "all"), *(Page(f"{tag}.html", tag, f"lang/{tag}") for tag in languages)]


def _story(entry: Entry, words: dict[str, str], sources: dict) -> str:
    source = sources.get(entry.source)
    lang = f' lang="{html.escape(entry.language)}"' if entry.language else ""
    hreflang = f' hreflang="{html.escape(entry.language)}"' if entry.language else ""
    if entry.origin == "original":
        badge = words["original"]
    elif entry.origin == "reprinted":
        badge = words["reprint"].format(outlet=entry.outlet) if entry.outlet else words["reprint_unnamed"]
    else:
        badge = words["unknown"]
    meta = []
    if entry.published is not None:
        meta.append(f'<time datetime="{rfc3339(entry.published)}">{entry.published.date().isoformat()}</time>')
        if entry.date_basis:
            meta.append(f'<span class="inferred">{words["inferred"]}</span>')
    else:
        meta.append(f'<span class="undated">{words["undated"]}</span>')
    meta.append(f'<span class="source">{html.escape(source.name if source else entry.source)}</span>')
    meta.append(f'<span class="badge {html.escape(entry.origin)}">{html.escape(badge)}</span>')
    if entry.language:
        meta.append(f'<span class="language">{html.escape(NATIVE_NAMES.get(entry.language, entry.language))}</span>')
    if entry.gone:
        meta.append(f'<span class="gone">{words["gone"]}</span>')
    for language, href in entry.alternates:  # the same story told in another language
        name = html.escape(ALSO_NAMES.get(language, language))
        meta.append(f'<span class="also"><a href="{html.escape(href)}" hreflang="{html.escape(language)}">'
                    + words["also"].format(language=f'<span lang="{html.escape(language)}">{name}</span>') + "</a></span>")
    summary = f'\n<p class="summary"{lang}>{html.escape(entry.summary)}</p>' if entry.summary else ""
    return (f'<article class="story" data-story="{html.escape(entry.urn)}" data-origin="{html.escape(entry.origin)}">\n'
            f'<h3{lang}><a href="{html.escape(entry.link)}"{hreflang}>{html.escape(entry.title)}</a></h3>\n'
            f'<p class="meta">{"".join(meta)}</p>{summary}\n</article>')


def _feed_row(doc: Document, count: int, pages: int) -> str:
    feed = doc.feed
    lang = f' lang="{html.escape(feed.language)}"' if feed.language else ""
    language = LANGUAGE_NAMES.get(feed.language, feed.language) if feed.language else "mixed"
    latest = (f'<time datetime="{rfc3339(doc.updated)}">{doc.updated.date().isoformat()}</time>'
              if feed.entries else "–")
    archive = f"{pages}" if pages else "–"
    return (f'<tr data-feed="{html.escape(feed.path)}"><th scope="row"{lang}>{html.escape(feed.title)}</th>'
            f'<td>{html.escape(language)}</td><td class="count">{count}</td><td>{latest}</td>'
            f'<td class="count">{archive}</td><td>{_subscribe(doc)}</td></tr>')


def _subscribe(doc: Document) -> str:
    return " · ".join(f'<a href="{html.escape(doc.path(fmt.suffix))}" type="{fmt.media_type}">{fmt.label}</a>'
                      for fmt in FORMATS.values())


def _discovery(docs: list[Document]) -> str:
    return "\n".join(f'<link rel="alternate" type="{fmt.media_type}" title="{html.escape(doc.feed.title)} '
                     f'({fmt.label})" href="{html.escape(doc.path(fmt.suffix))}">'
                     for doc in docs for fmt in FORMATS.values())


def _feed_tables(summaries: list[tuple[Document, int]]) -> str:
    groups: dict[str, list[str]] = {}
    for doc, pages in summaries:
        groups.setdefault(doc.feed.kind, []).append(_feed_row(doc, len(doc.feed.entries), pages))
    return "\n".join(
        f'<section id="{kind}">\n<h3>{KINDS[kind].heading}</h3>\n<table>\n<thead><tr><th scope="col">Feed</th>'
        '<th scope="col">Language</th><th scope="col">Items</th><th scope="col">Latest</th>'
        '<th scope="col">Archive pages</th><th scope="col">Subscribe</th></tr></thead>\n<tbody>\n'
        + "\n".join(groups[kind]) + "\n</tbody>\n</table>\n</section>" for kind in KIND_ORDER if kind in groups)


ABOUT = """<section id="about">
<h2>About these feeds</h2>
<p>Every entry links to the original page and carries its rights statement. The sites' own articles
appear as title, summary and link only, unless a site permits full text; reprints name their outlet.
Where a page does not say where an item comes from, the entry says its rights are unknown. A page
that shows no date is dated by the best evidence the crawl has (its address, the date the site
listed it under, when the site last changed it) and says so; with no evidence at all, it is marked
date unknown and placed last. Older entries stay available in RFC&nbsp;5005 archive pages linked
from each Atom and RSS feed.</p>
{disclaimers}
</section>"""


def reading_page(page: Page, pages: list[Page], summaries: list[tuple[Document, int]], stories: list[Entry],
                 reg: Registry) -> bytes:
    """One reading page: its language's latest ``stories`` and feeds (every feed on index.html)."""
    words = page.words
    links = []
    for other in pages:
        name = words["all"] if other.path == INDEX else NATIVE_NAMES.get(other.language, other.language)
        if other == page:
            links.append(f"<strong>{html.escape(name)}</strong>")
        else:
            hreflang = "" if other.path == INDEX else f' hreflang="{html.escape(other.language)}"'
            links.append(f'<a href="{html.escape(other.path)}"{hreflang}>{html.escape(name)}</a>')
    alternates = "\n".join(f'<link rel="alternate" type="text/html" hreflang="{html.escape(o.language)}" '
                           f'href="{html.escape(o.path)}">' for o in pages if o.path != INDEX and o != page)
    opml = f'<a href="feeds.opml" type="text/x-opml">{words["opml"]}</a>'
    if page.path == INDEX:
        docs = [doc for doc, _ in summaries]
        feeds = f'<p>{words["subscribe"].format(opml=opml)}</p>\n{_feed_tables(summaries)}'
        disclaimers = "\n".join(
            f'<h3>{html.escape(src.name)}</h3>\n<p class="disclaimer" lang="{html.escape(src.language)}">'
            f"{html.escape(disclaimer([src]))}</p>" for _, src in sorted(reg.sources.items()))
        about = ABOUT.format(disclaimers=disclaimers)
    else:
        docs = [doc for doc, _ in summaries if doc.feed.path == page.feed]
        feeds = (f'<p>{words["subscribe"].format(opml=opml)}</p>\n'
                 + "".join(f'<p data-feed="{html.escape(doc.feed.path)}">{words["language_feed"]}: '
                           f'{_subscribe(doc)}</p>\n' for doc in docs)
                 + "<p>" + words["all_feeds"].format(index=f'<a href="{INDEX}">{words["index"]}</a>') + "</p>")
        about = ""
    body = "\n".join(_story(e, words, reg.sources) for e in stories) or f'<p>{words["none"]}</p>'
    title = words["title"] + ("" if page.path == INDEX else f" · {NATIVE_NAMES.get(page.language, page.language)}")
    return f"""<!DOCTYPE html>
<html lang="{html.escape(page.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="alternate" type="text/x-opml" title="Every feed (OPML)" href="feeds.opml">
{_discovery(docs)}
{alternates}
<style>{STYLE}</style>
</head>
<body>
<nav class="languages">{"".join(links)}</nav>
<h1>{html.escape(title)}</h1>
<p>{words["lead"]}</p>
<section id="latest">
<h2>{words["latest"]}</h2>
{body}
</section>
<section id="feeds">
<h2>{words["feeds"]}</h2>
{feeds}
</section>
{about}
</body>
</html>
""".encode("utf-8")
