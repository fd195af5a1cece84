"""One field layer for every spider: a fetched page -> an Article, field by field.

Each field (title, published, author, provenance, category, tags, body) is a small
function with ordered strategies: the source's own selectors or patterns first (typed and
compiled in its registry entry), then text landmarks that hold on markup nobody here wrote
(a heading that begins the <title>, a breadcrumb, a meta line, a source line, a tag line,
the site's disclaimer and footer), then a general extractor (trafilatura). No class name
or id is relied on. Spiders only route; they all call ``parse_page``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cached_property
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from .dates import find_date_text, iso, parse_date, starts_with_date
from .errors import NoBody, NoTitle, SoftNotFound
from .extract import NOT_FOUND, TAGS_LINE, Block, clean_text, strip_bidi, element_text, meta_content, page_html, parse_html, \
    split_tags, text_blocks
from .items import Article, real_author
from .language import cjk_share, detect_language
from .provenance import SOURCE_LINE, UNKNOWN, decide, find_credit, reprint_without_outlet, split_credit_date
from .sources import Registry, Source, outlet_key

# -- landmarks: text that means the same on every site of this kind --------------------------
# The site-wide disclaimer ("All the materials on the site ...", "凡本网注明 ...") and the footer.
DISCLAIMER = re.compile(r"All the materials (?:on the site|with)|凡本网注明|凡本站注明|凡注明[“\"]?来源")
DISCLAIMER_PART = re.compile(r"(?=All the materials|凡本网注明|凡本站注明|凡注明)")
REPRINT_PART = re.compile(r"reprinted|not from this site|转载自|非本网|非本站", re.IGNORECASE)
FOOTER = re.compile(
    r"Copyright|©|版权所有|All Rights? Reserved|Official WeChat|官方微信|Power(?:ed)? by|ICP备|ICP证|京ICP|"
    r"^(?:上一篇|下一篇|Previous|Next|Prev)\s*[:：]",
    re.IGNORECASE,
)
# Headings of what follows an article: where its text surely ends.
AFTER_ARTICLE = re.compile(
    r"^(?:Hot (?:news|topics|stories)|Related(?: [A-Za-z]+)?|Recommended(?: [A-Za-z]+)?|Editor'?s picks?|Top stories|"
    r"Most (?:read|popular|viewed|commented|shared)|Popular(?: [A-Za-z]+)?|Trending(?: now)?|"
    r"You (?:may|might) also like|Comments?|Leave a (?:reply|comment)|Latest(?: [A-Za-z]+)?|More (?:news|stories)|"
    r"相关(?:文章|新闻|阅读|报道|链接|专题|资讯|内容|视频|图片|推荐)|(?:热点|热门|推荐|精彩|最新|更多)(?:文章|新闻|阅读|推荐|排行|资讯|动态|报道|专题|视频)|"
    r"(?:点击|阅读|热门|新闻)?排行榜?|\w{1,6}(?:推荐|排行榜?|热读|精选)|延伸阅读|猜你喜欢|网友评论|发表评论|我要评论|评论区|最新评论|图片新闻|"
    r"热门标签|Hot tags|Popular tags)\s*[:：>»]?\s*$",
    re.IGNORECASE)
# A disclaimer about the story ("免责声明：本文为企业宣传稿件…"): the story has ended.
CONTENT_DISCLAIMER = re.compile(r"^[【\[(（]?\s*(?:免责声明|特别声明|声明|风险提示|Disclaimer)\s*[:：】\])）]", re.IGNORECASE)
# The head of a comment section: "网友评论共有40条评论", "Comments (12)", "3 comments".
COMMENTS = re.compile(r"^(?:网友评论|评论|留言|跟帖|Comments?|Responses?)\s*(?:[(（\[]?\s*\d|共|[:：]\s*$)"
                      r"|^\d+\s*(?:条评论|comments?|responses?)\b|^(?:共|已有)\s*\d+\s*条评论", re.IGNORECASE)
# Lines of a page's furniture inside the article region (any site; a source adds its own in drop_lines).
FURNITURE = re.compile(
    r"^(?:Share (?:this|on)|Print this|Email this|Read more|Filed under|Categories|Posted in|分享到|打印本页|打印此文|"
    r"关闭窗口|收藏本文|推荐给好友|返回顶部|字号|【字号|【\s*大\s*中\s*小\s*】|\[\s*大\s*中\s*小\s*\]|"
    r"[(（]?\s*(?:责任编辑|编辑|责编|审核|校对)\s*[:：])"
    r"|^(?:[\[【［(（|]?\s*(?:打印此页|打印本页|打印|关闭窗口|关闭|收藏本页|收藏|分享|返回顶部|返回|评论|发表评论|放大|缩小|"
    r"Print|Close|Share|Email|Comment|Back to top|Top|字[体号]\s*[:：]?\s*大\s*中\s*小)\s*[\]】］)）|]?\s*)+$"
    r"|^(?:(?:点赞|收藏|分享|举报|评论|转发|顶|踩|回复|Like|Share|Tweet|Report|Reply)\s*[\[(（]?\s*\d*\s*[\])）]?\s*[|｜·]?\s*)+$"
    r"|^共\s*\d+\s*页|^(?:上一页|首页)(?:\s*\d+)*\s.{0,40}下一页"  # a story's page links
    r"|^.{0,80}\b(?:Filed under|Posted in)\b.{0,60}$"
    r"|^(?:Copyright\b|©|\(c\)\s)|All rights reserved\.?$|版权所有", re.IGNORECASE)
# The start of a breadcrumb: "Home >", "当前位置：首页 >".
BREADCRUMB = re.compile(r"^(?:当前位置|您现在的位置|你现在的位置|现在位置|所在位置|位置|You are here)?\s*[:：]?\s*"
                        r"(?:Home|首页|主页|网站首页)\s*(?:>|»|›|＞|→|/|>>)\s*(?P<rest>.*)$", re.IGNORECASE)
CRUMB_SEP = re.compile(r"\s*(?:>>|>|»|›|＞|→|/)\s*")
# Labelled fields of a meta line: "来源：X 作者：Y", "Source: X", "Date: 2019-07-19".
LABELS = (r"来源|稿件来源|文章来源|信息来源|新闻来源|出处|作者|文|记者|编辑|责任编辑|发布者|发布人|发布时间|发表时间|发布日期|更新时间|"
          r"时间|日期|点击数|点击次数|点击量|点击|浏览次数|浏览量|浏览|阅读次数|阅读量|阅读|人气|"
          r"Source|Author|By|Editor|Release (?:time|date)|Publish(?:ed)?(?: (?:time|date|on))?|Posted(?: on)?|"
          r"Updated|Date|Time|Views?|Hits|Clicks|Reads")
LABELLED = re.compile(rf"(?<![\w])({LABELS})\s*[:：]\s*(.*?)(?=\s*(?<![\w])(?:{LABELS})\s*[:：]|$)", re.IGNORECASE)
SOURCE_LABELS = {"来源", "稿件来源", "文章来源", "信息来源", "新闻来源", "出处", "source"}
AUTHOR_LABELS = {"作者", "文", "记者", "author", "by", "编辑", "责任编辑", "editor"}
DATE_LABELS = {"发布时间", "发表时间", "发布日期", "时间", "日期", "date", "time", "published", "posted", "release time",
               "release date", "publish time", "publish date", "published on", "posted on", "published time",
               "published date"}
# A source statement: a short line that begins with a source label, or "(Source: X)".
STATEMENT = re.compile(r"^[(（【\[]?\s*(?:Source|Sources|Quelle|来源|稿件来源|文章来源|信息来源|新闻来源|出处)\s*[:：]\s*"
                       r"(?P<name>.*?)\s*[)）】\]]?\s*$", re.IGNORECASE)
EMPTY_LABEL = re.compile(r"^(?:Tags?|Related keywords|Keywords|关键词|关键字|标签|Source|来源|作者|Author)\s*[:：]?\s*$", re.I)
STATEMENT_MAX = 120  # characters: a longer line is prose that happens to begin with "Source:"
# "3天前", "昨天 14:30", "2 hours ago": dates relative to the crawl.
RELATIVE_DATE = re.compile(r"\d+\s*(?:分钟|小时|天|周|个月)前|(?:昨天|前天|今天)(?:\s*\d{1,2}:\d{2})?|"
                           r"\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago|yesterday|today", re.IGNORECASE)
# Separators between a title and what <title> adds to it ("Title - Category - Site").
TITLE_SEP = r"(?:\s+[-–—|·:»>]{1,2}\s+|\s*(?:[_|｜·»]|::|--|>>)\s*|\s*-\s*(?=\S))"
# Generic site-name endings, for pages of sites the registry does not know: "_某某网", " - Xinhua".
SITE_LIKE = re.compile(r"(?:网|网站|在线|频道|新闻|日报|晚报|时报|报|中心|官网|首页|\.com|\.cn|\.net|\.org|News|Online|Daily|Times)$",
                       re.IGNORECASE)
SENTENCE_PUNCT = re.compile(r"[。！？；，,.!?;:：]")
SENTENCE_END = re.compile(r"[。！？.!?…][\"'”’）)」]?$")
# Block tags that can hold a page's main heading besides h1-h3.
COMPANY_NAME = re.compile(r"(?:有限公司|有限责任公司|官方网站|官网|门户网站|\bCo\.,? Ltd\.?|\bLimited)$", re.IGNORECASE)
# What a CMS puts in <title> instead of a title, beside the site's name ("凯程电子 - 新闻详情").
GENERIC_PAGE_NAMES = ("新闻详情", "详情", "详情页", "正文", "内容页", "文章详情", "文章内容", "新闻内容", "资讯详情", "新闻正文",
                      "打印本页", "打印页面", "打印版", "News detail", "News details", "Article detail", "Print version")
HOME_PATH = re.compile(r"/?(?:index\.\w{2,5})?")
# "(1)", "（第2页）" closing <title> or ending its first part: the page of a story split into pages.
PAGE_NUMBER = re.compile(r"\s*[(（](?:第\s*)?\d{1,3}\s*页?[)）](?=\s*$|\s*[-_|–—·])")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "td", "div", "p", "span", "strong", "b", "font", "th", "dt", "header")
PROSE_MIN = 25  # characters (a Chinese sentence or a short English one) for a block to count as prose
MIN_BODY = 40   # characters of body below which a page that says "not found" is a soft 404


def _nfkc(text: str) -> str:
    """Full-width digits and punctuation as ASCII (２０１９－０８－２８ -> 2019-08-28), for dates."""
    return unicodedata.normalize("NFKC", text or "")


@dataclass
class Page:
    """One fetched page, parsed once: the tree, its text blocks, and the landmarks found in them."""

    url: str
    source: Source
    registry: Registry
    now: datetime | None
    html: str
    root: object
    blocks: list[Block]
    found: dict = field(default_factory=dict)  # which strategy gave each field (for the health report)
    listed: str | None = None         # the date shown beside the link that led here (list page, sitemap, feed)
    last_modified: str | None = None  # the response's Last-Modified header
    extracted: dict = field(default_factory=dict, repr=False)  # trafilatura's readings, by mode

    @classmethod
    def from_bytes(cls, url: str, body: bytes, content_type: str | None, source: Source, registry: Registry,
                   now: datetime | None = None) -> "Page":
        html = page_html(body, content_type)
        root = parse_html(html)
        return cls(url, source, registry, now, html, root, text_blocks(root))

    @cached_property
    def text(self) -> str:
        """The page's visible text, a block a line (what registry patterns are matched against)."""
        return "\n".join(b.text for b in self.blocks)

    @cached_property
    def doc_title(self) -> str:
        """<title>, without a page number ("Title(1)_Column": the first page of several)."""
        return PAGE_NUMBER.sub("", clean_text(self.root.findtext(".//title") or ""))

    @cached_property
    def url_date(self) -> datetime | None:
        """The date of the source's posting folder in the page's address (registry ``url_date``)."""
        match = self.source.url_date.search(urlsplit(self.url).path) if self.source.url_date is not None else None
        if match is None:
            return None
        return parse_date(f"{match['y']}-{match['m']}-{match['d']}", self.source.timezone, self.now)

    @cached_property
    def markup_date(self) -> str | None:
        """The date the markup gives: article:published_time and its kin, else <time> in the article."""
        return meta_content(self.root, "article:published_time", "datepublished", "pubdate", "publishdate",
                            "date", "dc.date", "publish_time") or _html_time(self.root)

    @cached_property
    def own_names(self) -> list[str]:
        """The names the page gives its site: og:site_name, application-name, the home link's logo."""
        names = [meta_content(self.root, "og:site_name", "application-name") or ""]
        for img in self.root.iter("img"):  # fewer than links: only a link holding an image is a logo
            a = next(img.iterancestors("a"), None)
            if a is not None and HOME_PATH.fullmatch(urlsplit(urljoin(self.url, a.get("href") or "")).path):
                names.append(img.get("alt") or img.get("title") or "")
        return [n.strip() for n in names if 2 <= len(n.strip()) <= 40]

    @cached_property
    def walls(self) -> set[int]:
        """Blocks no article text crosses: the disclaimer, the footer, 'Related news' headings."""
        hard = {i for i, b in enumerate(self.blocks)
                if DISCLAIMER.search(b.text) or FOOTER.search(b.text) or CONTENT_DISCLAIMER.match(b.text)}
        headings = {i for i, b in enumerate(self.blocks) if AFTER_ARTICLE.match(b.text) or COMMENTS.match(b.text)}
        return hard | {i for i in headings if not self._box(i, hard | headings)}

    def _box(self, heading: int, walls: set[int]) -> bool:
        """A 'Read also' box inside the story: a paragraph of prose, a heading and a few links,
        then two more paragraphs of prose before any other wall."""
        end = _section_end(self, heading)
        before = self.blocks[heading - 1] if heading else None
        if not 1 <= end - heading - 1 <= 8 or before is None or before.link_share > 0.5 or len(before.text) < PROSE_MIN:
            return False
        prose = 0
        for i in range(end, min(end + 3, len(self.blocks))):
            b = self.blocks[i]
            if i in walls or b.link_share > 0.5:
                break
            prose += len(b.text) >= PROSE_MIN and bool(SENTENCE_END.search(b.text))
        return prose >= 2

    @cached_property
    def crumbs(self) -> list[str]:
        """The breadcrumb's names after Home (the page's own title and 正文 aside)."""
        for block in self.blocks:
            match = BREADCRUMB.match(block.text)
            if match and len(block.text) < 200:
                return [c for c in CRUMB_SEP.split(match["rest"]) if c.strip()]
        return []

    @cached_property
    def cjk(self) -> bool:
        return cjk_share(" ".join(b.text for b in self.blocks[:400])) >= 0.3

    def trafilatura(self, mode: str = "default"):
        """trafilatura's reading of the page (None when it finds nothing), once per mode."""
        if mode not in self.extracted:
            import trafilatura

            options = {"precision": {"favor_precision": True}, "recall": {"favor_recall": True}}.get(mode, {})
            # Dates from the markup only: its extensive search takes "since 2019" in the text for 2019-01-01.
            dates = {"original_date": True, "extensive_search": False,
                     "max_date": (self.now or datetime.now(timezone.utc)).strftime("%Y-%m-%d")}
            self.extracted[mode] = trafilatura.bare_extraction(
                self.html, url=self.url, with_metadata=True, include_comments=False, include_tables=False,
                deduplicate=False, date_extraction_params=dates, **options)
        return self.extracted[mode]

    @cached_property
    def extractor_author(self) -> str | None:
        """trafilatura's author of the page, read as its metadata step reads it (meta tags,
        JSON-LD, then its byline expressions) without the rest of its reading: its date search
        alone costs about 20 ms a page."""
        if "default" in self.extracted:
            doc = self.extracted["default"]
            return doc.author if doc is not None and doc.author else None
        from trafilatura.metadata import examine_meta, extract_author, extract_meta_json
        from trafilatura.utils import load_html

        tree = load_html(self.html)
        if tree is None:
            return None
        meta = examine_meta(tree)
        if meta.author and " " not in meta.author:
            meta.author = None
        try:
            meta = extract_meta_json(tree, meta)
        except Exception:  # noqa: BLE001 - trafilatura guards the same call the same way
            pass
        return meta.author or extract_author(tree) or None

    @cached_property
    def _blocks_by_element(self) -> dict:
        index: dict = {}
        for i, block in enumerate(self.blocks):
            index.setdefault(block.el, []).append(i)
        return index

    def block_of(self, el) -> int | None:
        """The index of the block that shows element ``el``'s text (None for no text)."""
        text = element_text(el)
        for holder in el.iter():  # the element itself, or a descendant holding its text
            found = [i for i in self._blocks_by_element.get(holder, ()) if self.blocks[i].text in text]
            if found:
                return found[0]
        for holder in el.iterancestors():  # an inline element: the block around it
            found = self._blocks_by_element.get(holder)
            if found:
                return next((i for i in found if text in self.blocks[i].text), found[0])
        return None

    def select(self, selector) -> list[str]:
        """Texts of the elements a registry selector picks (none for no selector)."""
        if selector is None:
            return []
        return [t for t in map(element_text, selector(self.root)) if t]


# -- title ---------------------------------------------------------------------------------------
def _known_names(page: Page) -> list[str]:
    """Names <title> may add to a title: the site's names, its category and breadcrumb names."""
    names = [*page.source.site_names, page.source.name, page.source.site_outlet or "", *page.crumbs,
             page.source.category or "", *page.own_names, *GENERIC_PAGE_NAMES]
    return sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)


def _cut_name(text: str, keys: set[str]) -> str | None:
    """``text`` without one known name after a separator (else before one); None when none is."""
    cuts = [(text[: m.start()].strip(), text[m.end():].strip()) for m in re.finditer(TITLE_SEP, text)]
    return next((head for head, tail in cuts if head and outlet_key(tail) in keys),
                next((tail for head, tail in cuts if tail and outlet_key(head) in keys), None))


def strip_title(text: str, names: list[str], generic: bool = False) -> str:
    """<title> without the site, category and breadcrumb names it adds, at either end and
    after any separator ('Title - Category - Site', '标题_栏目名_站点名', 'Site | Title').
    A separator stays when what follows it is not such a name ('A | B' keeps its '|').
    ``generic``: also drop one trailing part that reads like a site's name (某某网, ... News)."""
    keys = {outlet_key(n) for n in names}
    while text and (cut := _cut_name(text, keys)) is not None:
        text = cut
    if generic:
        parts = re.split(TITLE_SEP, text)
        if len(parts) > 1 and len(parts[-1]) <= 20 and SITE_LIKE.search(parts[-1].strip()):
            text = text[: text.rindex(parts[-1])].rstrip()
            text = re.sub(rf"{TITLE_SEP}$", "", text).strip()
    return "" if outlet_key(text) in keys else text


def _heading_candidates(page: Page) -> list[tuple[str, object]]:
    out = []
    for el in page.root.iter(*HEADING_TAGS):
        text = element_text(el)
        if not text or len(text) > 300:
            continue
        out.append((text, el))
    return out


def _starts_title(heading: str, doc: str, names: list[str]) -> bool:
    """Does <title> (``doc``) begin with ``heading`` and add only a suffix after a separator?"""
    if doc == heading:
        return True
    if not doc.startswith(heading) or len(heading) < 4:
        return False
    rest = doc[len(heading):]
    if not re.match(TITLE_SEP, rest):
        return False
    return not strip_title(rest.strip(" -–—|_·:»｜"), names) or len(heading) >= 0.4 * len(doc)


def title(page: Page) -> tuple[str | None, object | None]:
    """The article's title and the element that shows it (None when only <title> has it).

    1. the source's title selector; 2. the page's main heading when <title> begins with it
    (or it begins with a cut <title>); 3. <title> without the names it adds; 4. og:title,
    trafilatura's title; 5. a heading just before the article text."""
    selected = page.select(page.source.selectors.title)
    if selected:
        page.found["title"] = "selector"
        return selected[0], None
    names = _known_names(page)
    keys = {outlet_key(n) for n in names}
    doc = page.doc_title
    headings = [(t, el) for t, el in _heading_candidates(page) if outlet_key(t) not in keys]
    if doc:
        matches = [(t, el) for t, el in headings if _starts_title(t, doc, names)]
        if not matches:
            cut = strip_title(doc, names, generic=True)
            matches = [(t, el) for t, el in headings if len(cut) >= 10 and t.startswith(cut.rstrip("…. "))]
        if not matches:  # "Column >> Title - Site": a line that is one whole part of <title>
            lines = headings + [(b.text, b.el) for b in page.blocks if len(b.text) <= 120 and b.link_share <= 0.5]
            matches = [(t, el) for t, el in lines if len(t) >= 6 and outlet_key(t) not in keys and _part_of_title(t, doc)][:1]
        if matches:
            best_len = max(len(t) for t, _ in matches)
            text, el = [(t, el) for t, el in matches if len(t) == best_len][-1]  # the innermost of nested ones
            page.found["title"] = "heading"
            return text, el
    for candidate, how in ((doc, "title"), (meta_content(page.root, "og:title"), "og:title")):
        stripped = strip_title(clean_text(candidate or ""), names, generic=True)
        if stripped and not (len(stripped) <= 30 and COMPANY_NAME.search(stripped)):  # the site's owner, not a title
            page.found["title"] = how
            return stripped, next((el for t, el in headings if t == stripped), None)
    near = _heading_before_text(page, headings)
    if near is not None:
        page.found["title"] = "near-text"
        return near
    doc_t = page.trafilatura()
    if doc_t is not None and doc_t.title:
        page.found["title"] = "extractor"
        return strip_title(clean_text(doc_t.title), names, generic=True) or None, None
    return None, None


def _part_of_title(text: str, doc: str) -> bool:
    """Whether ``text`` stands in <title> between separators (or its ends)."""
    at = doc.find(text)
    if at < 0:
        return False
    left, right = doc[:at], doc[at + len(text):]
    return (not left or bool(re.search(TITLE_SEP + r"$", left))) and (not right or bool(re.match(TITLE_SEP, right)))


def _heading_before_text(page: Page, headings: list[tuple[str, object]]) -> tuple[str, object] | None:
    """Without a usable <title>: the heading nearest before the page's main text (within four
    blocks; an h1-h4 first, else a short line standing alone), never a breadcrumb, a meta line,
    a link or a sentence."""
    body = region(page)
    if not body:
        return None
    tiers = ({id(el): (t, el) for t, el in headings if el.tag in ("h1", "h2", "h3", "h4")},
             {id(el): (t, el) for t, el in headings if len(t) <= 100 and not re.search(r"[。.!?！？]$", t)})
    prose = next((i for i in body if len(page.blocks[i].text) >= PROSE_MIN and SENTENCE_END.search(page.blocks[i].text)),
                 body.start)
    for elements in tiers:
        for i in range(prose - 1, max(min(prose, body.start) - 5, -1), -1):
            block = page.blocks[i]
            if block.link_share > 0.5 or BREADCRUMB.match(block.text) or is_meta(block.text) or i in page.walls:
                continue
            for el in (block.el, *block.el.iterancestors()):
                if id(el) in elements and elements[id(el)][0] == block.text:
                    return elements[id(el)]
    return None


# -- regions: where the article's own text is ----------------------------------------------------
def _weight(block: Block) -> float:
    """How much a block looks like article prose (+) or navigation (-)."""
    n = len(block.text)
    if block.link_share > 0.5:
        return -max(n, 10)
    if n >= PROSE_MIN or SENTENCE_PUNCT.search(block.text):
        return n
    return n * 0.5


def region(page: Page, start: int = 0, first_part: bool = False) -> range:
    """The run of blocks after ``start`` with the most prose and the least navigation in it
    (maximum-sum subarray over block weights; walls end it): the article's text.
    ``first_part``: the best run before the first wall when it holds some prose (under a title,
    the story comes before the comments, however long they are)."""
    if first_part:
        wall = min((w for w in page.walls if w >= start), default=len(page.blocks))
        found = _best_run(page, start, wall)
        if sum(len(page.blocks[i].text) for i in found) >= MIN_BODY:
            return found
    return _best_run(page, start, len(page.blocks))


def _best_run(page: Page, start: int, stop: int) -> range:
    best, best_range = 0.0, range(0)
    total, first = 0.0, start
    for i in range(start, stop):
        if i in page.walls:
            total, first = 0.0, i + 1
            continue
        total += _weight(page.blocks[i])
        if total <= 0:
            total, first = 0.0, i + 1
        elif total > best:
            best, best_range = total, range(first, i + 1)
    return best_range


# -- meta line -------------------------------------------------------------------------------------
@dataclass
class Meta:
    date: str | None = None
    source: str | None = None   # as written; "" for an empty source field
    author: str | None = None
    date_field: bool = False    # the line has a date label (so no date there means none)
    source_date: str | None = None  # a date written after the source ("Source: X, 16 December 2009")
    block: Block | None = None
    in_source: bool = False     # the line's only date stands after its source label


BYLINE = re.compile(r"^(?:by|posted by|written by)\s+(?P<name>[^·|,;•]+?)\s*(?:$|[·|,;•])", re.IGNORECASE)


def _labelled(text: str) -> bool:
    """A line of labelled fields: the first label opens it, after a bracket or a date at most
    ("Data source: X" is a sentence about data, not a meta line)."""
    match = LABELLED.search(text)
    return bool(match) and (not re.search(r"\w", text[:match.start()]) or starts_with_date(text)) \
        and not re.search(r"[。？！，?!]", match[2])  # "记者：您怎么看？" is an interview's question


def is_meta(text: str) -> bool:
    """A meta line: labelled fields, a relative date, or a line that opens with a date."""
    if len(text) < 200 and _labelled(_nfkc(text)):
        return True
    if RELATIVE_DATE.fullmatch(text.strip()):
        return True
    return starts_with_date(_nfkc(text)) and len(text) < 120


def _split_run_together(rest: str, page: Page) -> tuple[str | None, str | None]:
    """'China WTO Tribuneadmin' -> ('China WTO Tribune', 'admin'), using known CMS authors and outlets."""
    for author in sorted(page.source.cms_authors, key=len, reverse=True):
        if rest.endswith(author):
            return rest[: -len(author)].strip() or None, author
    names = sorted(list(page.registry.outlet_aliases) + list(page.source.site_names), key=len, reverse=True)
    for name in names:
        if rest.lower().startswith(name.lower()):
            return rest[: len(name)], (rest[len(name):].strip() or None)
    return rest or None, None


def parse_meta(block: Block, page: Page) -> Meta:
    """Date, source and author from a meta line: labelled, in separate elements, or run together."""
    text = _nfkc(block.text)
    meta = Meta(date=find_date_text(text), block=block)
    if meta.date is None and RELATIVE_DATE.search(text):
        meta.date = RELATIVE_DATE.search(text).group(0)
    labelled = LABELLED.findall(text)
    if labelled:
        # Only the source's value has a date ("Source: Reuters, 3 May 2018"): the page's, or the credit's.
        meta.in_source = bool(meta.date) and not find_date_text(
            LABELLED.sub(lambda m: "" if m[1].lower() in SOURCE_LABELS else m[0], text))
        for label, value in labelled:
            label = label.lower()
            value = (value.replace(meta.date, " ") if meta.date else value).strip(" |/·•-–—,，;；")
            if label in SOURCE_LABELS and meta.source is None:
                meta.source, meta.source_date = split_credit_date(value)
            elif label in AUTHOR_LABELS and value and not meta.author and not find_date_text(value):
                # "周建平 【大 中 小】": a page widget after the name is not part of it
                meta.author = re.sub(r"\s*(?:【[^】]*】|\[[^\]]*\])", "", value).strip() or None
            elif label in DATE_LABELS:
                meta.date_field = True
        return meta
    parts = [_nfkc(p) for p in block.parts if p]
    rest = re.sub(r"\d+$", "", text.replace(meta.date or "", "", 1)).strip()  # a trailing view counter
    byline = BYLINE.match(rest)
    if byline:  # "May 4, 2018 by Jane Doe · Filed under News"
        meta.author = byline["name"]
        return meta
    if len(parts) >= 3 and find_date_text(parts[0]):  # fields in separate elements
        rest = [p for p in parts[1:] if not p.isdigit()]
        authors = [p for p in rest if p in page.source.cms_authors]  # an empty field leaves no element
        others = [p for p in rest if p not in authors]
        meta.source = others[0] if others else None
        meta.author = (authors or others[1:] or [None])[0]
        return meta
    meta.source, meta.author = _split_run_together(rest, page)
    return meta


def meta_lines(page: Page, title_at: int | None, body: range) -> list[Meta]:
    """Meta lines: those next to the title (the run just above it, three blocks after), then
    short labelled lines anywhere in the article zone (a meta line under the body)."""
    anchor = title_at if title_at is not None else (body.start - 1 if body else None)
    if anchor is None:
        return []
    fits = lambda i: 0 <= i < len(page.blocks) and is_meta(page.blocks[i].text) \
        and page.blocks[i].link_share <= 0.5  # noqa: E731
    before = []
    for i in range(anchor - 1, max(anchor - 5, -1), -1):  # the lines just above, one field a line
        if not fits(i):
            break
        before.insert(0, i)
    after = [i for i in range(anchor + 1, anchor + 4) if fits(i)]
    while after and after[-1] - anchor < 8 and fits(after[-1] + 1):  # one field a line, under the title
        after.append(after[-1] + 1)
    found = [parse_meta(page.blocks[i], page) for i in before + after]
    for i in zone(page, title_at, body):
        block = page.blocks[i]
        if any(m.block is block for m in found) or len(block.text) > STATEMENT_MAX:
            continue
        if _labelled(_nfkc(block.text)):
            found.append(parse_meta(block, page))
    return found


def zone(page: Page, title_at: int | None, body: range) -> range:
    """The article zone: from the title (or just before the body) to the first wall after the
    body, where the source line and the tags may stand in elements of their own."""
    if not body:
        return range(0)
    if title_at is not None and title_at < body.start:
        start = title_at + 1
    else:  # a few blocks before the body, not back across a sidebar's heading and its links
        start = max(body.start - 3, _after_sidebars(page, body.start))
    end = next((i for i in sorted(page.walls) if i >= body.stop), len(page.blocks))
    return range(start, min(end, body.stop + 8))


# -- fields ---------------------------------------------------------------------------------------
def statement(page: Page, metas: list[Meta], lines: range) -> tuple[str | None, str | None]:
    """The page's source statement as written, and a date written after it: a labelled source
    in a meta line, else a short line in the article zone that begins with a source label.
    '' for an empty label, None for no statement."""
    empty = None
    for meta in metas:
        if meta.source:
            page.found["source"] = "meta"
            return meta.source, meta.source_date
        empty = "" if meta.source is not None else empty
    parsed = {id(m.block) for m in metas}
    for i in lines:
        text = page.blocks[i].text
        if id(page.blocks[i]) in parsed:
            continue
        match = (SOURCE_LINE.match(text) or STATEMENT.match(text)) if len(text) <= STATEMENT_MAX else None
        if match is None:
            continue
        name, date = match["name"], match.groupdict().get("date")
        if len(LABELLED.findall(text)) > 1:  # "来源：X 作者：Y": the source field only
            name, date = parse_meta(page.blocks[i], page).source or "", None
        if name.strip():
            page.found["source"] = "line"
            return name, date
        empty = ""
    return empty, None


def _pattern(page: Page, patterns, group: str) -> str | None:
    for pattern in patterns:
        match = pattern.search(page.text)  # registry patterns match within a line
        if match and match.groupdict().get(group) is not None:
            return match[group].strip()
    return None


def published(page: Page, metas: list[Meta], dateline: str | None, credit_date: str | None
              ) -> tuple[datetime | None, str | None]:
    """The story's date and, when the page does not show it, the evidence it was inferred from.

    The page's own date comes by the first strategy that gives one: the source's dateline,
    patterns and selector; a meta line; the page's structured metadata; <time>; a credit
    line's date; trafilatura. A date field that holds no date ("时间: 未知") is no date: never a
    guess from the page. Without one, the date is inferred from the best evidence the crawl has,
    and the evidence is returned with it (see :func:`inferred`). (None, None): no date at all."""
    src = page.source
    parse = lambda text: parse_date(_nfkc(text), src.timezone, page.now, src.date_order)  # noqa: E731
    for how, value in (("dateline", dateline), ("pattern", _pattern(page, src.date_patterns, "date")),
                       ("selector", next(iter(page.select(src.selectors.date)), None))):
        if value:
            page.found["date"] = how
            date = parse(value)
            return (date, None) if date else inferred(page)
    for meta in metas:
        if meta.date:
            page.found["date"] = "meta"
            shown = parse(meta.date)
            day_only = shown is not None and shown.time() == datetime.min.time()
            exact = parse(page.markup_date) if (meta.in_source or day_only) and page.markup_date else None
            if exact and (meta.in_source or day_only and exact.date() == shown.date()):
                return exact, None  # "May 4, 2018" on the page, its time in the markup; a credit's date is the credit's
            return (shown, None) if shown else inferred(page)
    if any(meta.date_field for meta in metas[:1]):
        return inferred(page)  # a date field the page filled with something that is not a date
    for how, value in (("structured", page.markup_date), ("credit", credit_date)):
        if value:
            page.found["date"] = how
            date = parse(value)
            return (date, None) if date else inferred(page)
    if page.url_date is None:  # the posting folder is better evidence than the extractor's guess
        doc = page.trafilatura()
        if doc is not None and doc.date:
            page.found["date"] = "extractor"
            return parse(doc.date), None
    return inferred(page)


LAST_MODIFIED_MIN_AGE = timedelta(days=1)  # a dynamic page stamps the time it was served: not evidence


def inferred(page: Page) -> tuple[datetime | None, str | None]:
    """A date for a page that shows none, and what it rests on, best evidence first:

    ``url``            the source's posting folder in the address (/2017/0612/263.html);
    ``listing``        the date the list page, sitemap ``lastmod`` or site feed gave beside the link;
    ``last-modified``  the page's HTTP Last-Modified, when at least a day older than the fetch.

    Feeds flag such dates as inferred. (None, None) when the crawl has no evidence."""
    src = page.source
    if page.url_date is not None:
        page.found["date"] = "url"
        return page.url_date, "url"
    if page.listed:
        date = parse_date(_nfkc(page.listed), src.timezone, page.now, src.date_order)
        if date is not None and (page.now is None or date <= page.now):
            page.found["date"] = "listing"
            return date, "listing"
    if page.last_modified:
        try:
            date = parsedate_to_datetime(page.last_modified)
        except (TypeError, ValueError, IndexError, OverflowError):
            date = None
        now = page.now or datetime.now(timezone.utc)
        if date is not None and date.tzinfo is not None and date.year >= 1995 and date <= now - LAST_MODIFIED_MIN_AGE:
            page.found["date"] = "last-modified"
            return date.astimezone(ZoneInfo(src.timezone)), "last-modified"
    return None, None


ARTICLE_CONTAINER = re.compile(r"\b(?:post|entry|article|hentry|story|node)", re.I)


def _html_time(root) -> str | None:
    """<time datetime> or hAtom's <abbr class="published"> inside the article (an <article>,
    <main> or post/entry container): a <time> in the page header is today's date widget."""
    for el in root.iter("time", "abbr"):
        value = el.get("datetime") if el.tag == "time" else el.get("title")
        classes = (el.get("class") or "").split()
        if not value or "updated" in classes or (el.tag == "abbr" and "published" not in classes):
            continue
        for parent in el.iterancestors():
            if parent.tag in ("article", "main") or ARTICLE_CONTAINER.search(parent.get("class") or ""):
                return value
    return None


def author(page: Page, metas: list[Meta]) -> str | None:
    """The source's author selector and patterns, a meta line's author, trafilatura's."""
    src = page.source
    value = next(iter(page.select(src.selectors.author)), None) or _pattern(page, src.author_patterns, "author")
    if value:
        return value
    for meta in metas:
        if meta.author:
            return meta.author
    if not metas and not page.cjk:
        return page.extractor_author
    return None


def category(page: Page, title_text: str) -> str | None:
    """The source's category selector, the breadcrumb's last name, a 'Filed under' line or
    rel=category link, trafilatura's category, the source's fixed category."""
    selected = page.select(page.source.selectors.category)
    if selected:
        return selected[-1]
    crumbs = [c for c in page.crumbs if c not in (title_text, "正文", "Article", "Text", "内容", "详情")]
    if crumbs:
        return crumbs[-1]
    for a in page.root.iter("a"):
        if "category" in (a.get("rel") or "").split():
            return element_text(a) or None
    for block in page.blocks:
        match = CATEGORY_LINE.search(block.text) if len(block.text) < 200 else None
        if match:
            return match["cat"].strip() or None
    return page.source.category


CATEGORY_LINE = re.compile(r"(?:Filed under|Posted in|(?:Category|Categories|分类|栏目)\s*[:：])\s*(?P<cat>[^·|,，]+?)"
                           r"\s*(?:[·|]|Tagged\b|$)")
TAGS_ANYWHERE = re.compile(r"(?:^|\s)(?:(?:Tags?|TAGS|Keywords|KEYWORDS|Related keywords|关键词|关键字|标签)\s*[:：]|Tagged\b)"
                           r"\s*(?P<rest>.+)$")
TAG_SPLIT = re.compile(r"\s*[,，、;；|]\s*|\s{2,}|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def _section_end(page: Page, wall: int) -> int:
    """The first block after a wall heading and the links listed under it ("Hot tags" and its cloud)."""
    end = wall + 1
    while end < len(page.blocks) and page.blocks[end].link_share > 0.5:
        end += 1
    return end


def _after_sidebars(page: Page, i: int) -> int:
    """The first block before ``i`` that no sidebar section (a wall heading before ``i`` and the
    links under it) covers: where an article's own lines can begin looking back from ``i``."""
    return max((min(_section_end(page, w), i) for w in page.walls if w < i), default=0)


def tags(page: Page, lines: range, title_at: int | None = None) -> list[str]:
    """The source's tags selector, tag links (DedeCMS tags.php, rel=tag), a labelled tag line
    in a short block of the article zone (else of the page)."""
    selected = page.select(page.source.selectors.tags)
    if selected:
        return split_tags(selected, r"(?!)")
    # The article zone and up to four blocks before it, never across a wall ("Hot tags") and
    # never before the title: a tag cloud above the headline is the sidebar's.
    floor = [_after_sidebars(page, lines.start)] + ([title_at] if title_at is not None else [])
    start = max([lines.start - 4, 0] + floor) if lines else 0
    near = range(start, lines.stop) if lines else range(len(page.blocks))
    links = [element_text(a) for a in page.root.iter("a")
             if ("tags.php" in (a.get("href") or "") or (a.get("rel") or "").split() == ["tag"])
             and page.block_of(a) in near]  # a "hot tags" cloud in a sidebar is not the article's
    if any(links):
        return split_tags(links, r"(?!)")  # a tag link is one whole tag
    ordered = [page.blocks[i] for i in lines] + page.blocks
    for block in ordered:
        match = TAGS_ANYWHERE.search(block.text) if len(block.text) < 200 else None
        if match:
            return split_tags([match["rest"]], TAG_SPLIT.pattern)
    return []


def _is_furniture(block: Block, page: Page, title_text: str, metas: list[Meta]) -> bool:
    """Not story text: the title again, a meta, source or tag line, navigation, the site's furniture."""
    return block.link_share > 0.5 or any(m.block is block for m in metas) or not _is_text(block.text, page, title_text)


def _is_text(line: str, page: Page, title_text: str) -> bool:
    """A line that may be story text: not the title again, a breadcrumb, a source or tag line,
    the site's furniture or a line the source drops."""
    return bool(line) and line != title_text and not BREADCRUMB.match(line) and not TAGS_LINE.match(line) \
        and not DISCLAIMER.search(line) and not (len(line) < 80 and FOOTER.search(line)) \
        and not EMPTY_LABEL.match(line) and not AFTER_ARTICLE.match(line) \
        and not FURNITURE.search(line) and not (len(line) <= STATEMENT_MAX and STATEMENT.match(line)) \
        and not any(d.search(line) for d in page.source.drop_lines)


def body_from_region(page: Page, title_text: str, metas: list[Meta], body: range) -> list[str]:
    return [page.blocks[i].text for i in body
            if not _is_furniture(page.blocks[i], page, title_text, metas)
            or page.blocks[i].link_share > 0.5 and _linked_sentence(page, i, body)]


def _linked_sentence(page: Page, i: int, body: range) -> bool:
    """A sentence of the story that is all one link, between two lines of story text (never at
    the edges of the region, where the links are navigation)."""
    block = page.blocks[i]
    inner = body.start < i < body.stop - 1 and all(page.blocks[j].link_share <= 0.5 for j in (i - 1, i + 1))
    return inner and len(block.text) >= 20 and bool(re.search(r"[.:。：!?！？]$", block.text)) \
        and _is_text(block.text, page, "")


def body_from_extractor(page: Page, title_text: str, metas: list[Meta]) -> list[str]:
    """trafilatura's text (precision mode on Latin-script pages, where it is precise; its
    default on Chinese ones, where precision mode throws text away), without the lines that
    are furniture on the page."""
    doc = page.trafilatura("default" if page.cjk else "precision")
    if doc is None or not doc.text:
        doc = page.trafilatura("recall")
    blocks = {b.text: b for b in page.blocks}
    lines = []
    for line in ((doc.text or "") if doc is not None else "").split("\n"):
        line = clean_text(line)
        if line.startswith("- ") and line not in blocks and line[2:] in blocks:
            line = line[2:]  # trafilatura's mark for a list item
        if _is_text(line, page, title_text) and not (line in blocks and _is_furniture(blocks[line], page, title_text, metas)):
            lines.append(line)
    return lines



def _grams(paragraphs: list[str]) -> set[str]:
    text = re.sub(r"\s+", "", "".join(paragraphs))
    return {text[i:i + 3] for i in range(len(text) - 2)}


def choose_body(page: Page, title_text: str, metas: list[Meta], body: range, anchored: bool) -> list[str]:
    """The body by the first strategy that holds: the source's selector; the article region
    after a title heading (text landmarks); else the better of the region and trafilatura."""
    selected = [p for p in page.select(page.source.selectors.body) if _is_text(p, page, title_text)]
    if selected:
        page.found["body"] = "selector"
        return selected
    ours = body_from_region(page, title_text, metas, body)
    if anchored and sum(map(len, ours)) >= MIN_BODY:
        page.found["body"] = "region"
        return ours
    theirs = body_from_extractor(page, title_text, metas)
    if not theirs or _covers(ours, theirs) and (sum(map(len, ours)) > 1.5 * sum(map(len, theirs))
                                                 or _covers(theirs, ours, 0.95)):  # the same text: ours keeps its paragraphs
        page.found["body"] = "region"
        return ours
    page.found["body"] = "extractor"
    return theirs


def _covers(ours: list[str], theirs: list[str], share: float = 0.8) -> bool:
    """Does our text hold most of what trafilatura found (we found the same article, and more)?"""
    mine, other = _grams(ours), _grams(theirs)
    return bool(other) and len(mine & other) >= share * len(other)


def split_disclaimer(text: str | None) -> tuple[str | None, str | None]:
    """(reprint statement, copyright statement) from the page's disclaimer text."""
    if not text:
        return None, None
    reprint, copyright_ = [], []
    for part in DISCLAIMER_PART.split(re.sub(r"\s+", " ", text).strip()):
        part = part.strip()
        if part:
            (reprint if REPRINT_PART.search(part) else copyright_).append(part)
    return (" ".join(reprint) or None), (" ".join(copyright_) or None)


def disclaimer(page: Page) -> str:
    """The page's disclaimer: its block and the up to three blocks that continue it."""
    out: list[str] = []
    for i, block in enumerate(page.blocks):
        if DISCLAIMER.search(block.text):
            out.append(block.text)
            for follow in page.blocks[i + 1: i + 4]:
                if re.search(r"permission|授权|转载", follow.text) and not DISCLAIMER.search(follow.text):
                    out.append(follow.text)
                else:
                    break
    return " ".join(dict.fromkeys(out))


def _cross_site_canonical(root, url: str) -> str | None:
    """A rel=canonical on another site (not this host with or without www.): the page says it is a copy."""
    site = lambda host: (host or "").lower().removeprefix("www.")  # noqa: E731
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            href = link.get("href").strip()
            if urlsplit(href).hostname and site(urlsplit(href).hostname) != site(urlsplit(url).hostname):
                return href
    return None


# -- the article -----------------------------------------------------------------------------------
def parse_page(page: Page, canonical: str) -> Article:
    """A page -> Article, field by field. Raises a SkipPage subclass for a page that is not one."""
    src = page.source
    title_text, title_el = title(page)
    title_at = page.block_of(title_el) if title_el is not None else None
    body_range = region(page, title_at + 1, first_part=True) if title_at is not None else region(page)
    if title_at is not None and not body_range:
        body_range = region(page)
    metas = meta_lines(page, title_at, body_range)
    lines = zone(page, title_at, body_range)
    # The region is anchored by a title heading, a meta or source line in it or at its edges, or
    # the breadcrumb or a tag line just above it or at its top.
    at = {id(block): i for i, block in enumerate(page.blocks)}
    anchored = title_at is not None or bool(body_range) and (
        any(body_range.start - 1 <= at[id(m.block)] <= body_range.stop for m in metas)
        or any(BREADCRUMB.match(page.blocks[i].text) or TAGS_LINE.match(page.blocks[i].text)
               for i in range(max(body_range.start - 3, 0), body_range.start + 1)))
    paragraphs = choose_body(page, title_text or "", metas, body_range, anchored=anchored)
    dateline = None
    if src.dateline is not None and paragraphs:
        match = src.dateline.match(paragraphs[0])
        if match:
            dateline = match.groupdict().get("date")
            paragraphs[0] = paragraphs[0][match.end():].strip()
    credit = find_credit([p for p in paragraphs if p])
    size = sum(map(len, credit.paragraphs))
    visible = " ".join(b.text for b in page.blocks)
    if NOT_FOUND.search(title_text or "") or (NOT_FOUND.search(visible) and size < MIN_BODY * 4
                                              and len(visible) < 1500):
        raise SoftNotFound(page.url)
    if not title_text:
        raise NoTitle(page.url)
    if not credit.paragraphs:
        raise NoBody(page.url)

    raw_source, source_date = _pattern(page, src.source_patterns, "source"), None
    if raw_source is None:
        raw_source, source_date = statement(page, metas, lines)
    if not raw_source and credit.raw_source:
        raw_source, page.found["source"] = credit.raw_source, "credit"
    foreign = _cross_site_canonical(page.root, canonical)
    if foreign and not raw_source:
        owner = page.registry.by_url(foreign)
        raw_source = owner.site_outlet if owner and owner.key != src.key else urlsplit(foreign).hostname
    provenance = decide(raw_source, src, page.registry, *split_disclaimer(disclaimer(page)))
    if provenance.origin == UNKNOWN and credit.reprint_marker:  # never over the site's own credit
        provenance = reprint_without_outlet(src)

    body = "\n\n".join(credit.paragraphs)
    date, date_basis = published(page, metas, dateline, credit.date_text or source_date)
    declared = page.root.get("lang") or meta_content(page.root, "content-language") or src.language
    return Article(
        url=page.url, canonical_url=canonical, source=src.key, title=strip_bidi(title_text), body=body,
        published=iso(date), date_basis=date_basis,
        author=real_author(strip_bidi(author(page, metas)), src.cms_authors),
        category=strip_bidi(category(page, title_text)), tags=[strip_bidi(t) for t in tags(page, lines, title_at)],
        language=detect_language(f"{title_text}\n{body}", declared), origin=provenance.origin,
        outlet=strip_bidi(provenance.outlet), rights=provenance.rights, evidence=dict(sorted(page.found.items())),
    )


def parse_response(response, source: Source, registry: Registry, canonical: str, now: datetime | None = None) -> Article:
    """A Scrapy response -> Article (see parse_page); the date listed beside the link that led
    here (request meta ``listed``) and Last-Modified are evidence for a page that shows no date."""
    content_type = response.headers.get("Content-Type", b"").decode("latin-1")
    page = Page.from_bytes(response.url, response.body, content_type, source, registry, now)
    page.listed = response.meta.get("listed")
    modified = response.headers.get("Last-Modified")
    page.last_modified = modified.decode("latin-1") if modified else None
    return parse_page(page, canonical)
