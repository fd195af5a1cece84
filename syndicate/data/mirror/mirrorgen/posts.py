"""What the four other sites share: their Site records (facts as data), posts read from
content/<site key>.toml (a post may reprint a CSR-China article or another site's post), links
and bodies as their templates write them, and the answer-key rules they all follow."""

from __future__ import annotations

import html
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from .csr_china import Article, CONTENT, Mirror, OUTLET_ALIASES, SOURCE_KEY, apply_edits, esc


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
    """A registry source: what syndicate/data/sources.toml will say about it, and what its pages show."""

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
