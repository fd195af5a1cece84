"""A store of N synthetic stories, made fast, for the publish benchmark (bench/publish.py).

The schema is the project's own (``Store(path)`` runs the migrations); the rows are inserted
directly with sqlite-utils, built with ``Article`` and ``to_row`` and stamped as
``Store.upsert`` stamps a new row, without the crawl and without upsert's near-duplicate
lookups (so no LSH bands are stored: a real crawl into this store would not see its copies).

The mix, deterministic from the seed (each story is a function of the seed and its number):
the registry's sources by share, each in its language (en / zh-Hans); origin original /
reprinted / unknown in each site's proportions, with the outlet and rights statement the
project's provenance rule gives; about 20 categories per language (a few large, many small),
0-5 tags, bodies of 3-8 paragraphs (1.5-3 KB of UTF-8), dates over ten years in the site's
zone (some date-only, 1% undated). ``first_seen`` is a crawl time: crawling began two years
into the range (its first crawl stamped everything published before), then one crawl every six
hours stamped what appeared since, and 5% of stories were found late. About 5% of stories are
copies (exact or near) of a story of another site in the same language, pointing at it
(``duplicate_of``, ``story_id``); 0.5% are gone.

:func:`crawl` simulates a small crawl on an existing store: K new stories stamped with one
crawl time later than every other, and M stored stories edited (body changed, revision bumped,
``updated`` set), through the same direct route.

    .venv/bin/python bench/store_gen.py var/bench.db                      # 100,000 stories
    .venv/bin/python bench/store_gen.py var/bench.db --stories 5000 --seed 2
    .venv/bin/python bench/store_gen.py var/bench.db --crawl --new 50 --edited 20
"""

from __future__ import annotations

import argparse
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from syndicate import provenance
from syndicate.dedupe import content_hash
from syndicate.items import Article, to_row
from syndicate.sources import Registry, Source, registry
from syndicate.store import Store

END = datetime(2026, 1, 1, tzinfo=timezone.utc)        # fixed, never now(): the same store every time
START = END - timedelta(days=3652)                      # ten years of publication dates
FIRST_CRAWL = START + timedelta(days=730)               # stamped everything published before it
CRAWL_EVERY = timedelta(hours=6)
CHUNK = 2000                                            # rows per worker task and insert transaction

# Share of the stories by source (a source missing here gets 5), and origin weights
# (original, reprinted, unknown) as the real sites show them.
SHARES = {"csr_china_en": 16, "csr_china_zh": 22, "csrwire": 18, "3blmedia": 14, "goldenbee": 12,
          "goldenbee_en": 6, "sustainability_reports": 12}
ORIGINS = {"csr_china_en": (30, 55, 15), "csr_china_zh": (25, 60, 15), "csrwire": (3, 7, 90),
           "3blmedia": (3, 7, 90), "goldenbee": (40, 45, 15), "goldenbee_en": (60, 35, 5),
           "sustainability_reports": (5, 75, 20)}
DEFAULT_ORIGINS = (30, 40, 30)
DUPLICATE, UNDATED, GONE, LATE, DATE_ONLY = 0.05, 0.01, 0.005, 0.05, 0.4

OUTLETS = {
    "en": ["China Sustainability Tribune", "Xinhua", "People's Daily", "China Daily", "Reuters",
           "Associated Press", "AFP", "CSR-China Website", "GoldenBee", "Sino-Swedish CSR Website",
           "CSR Europe", "Caixin Global"],
    "zh": ["人民网", "新华网", "新华社", "中国新闻网", "可持续发展经济导刊", "中央广电总台国际在线", "经济日报",
           "澎湃新闻", "第一财经", "企业社会责任中国网", "金蜜蜂"],
}
CATEGORIES = {
    "en": ["CSR News", "CSR Reports", "Environment", "Responsible Business", "Social Impact", "News", "Climate",
           "Supply Chain", "Governance", "Human Rights", "Philanthropy", "Energy", "Investing",
           "Diversity & Inclusion", "Health", "Education", "Water", "Technology", "Policy", "Events"],
    "zh": ["企业动态", "政策法规", "新闻资讯", "责任报告", "环境保护", "公益慈善", "乡村振兴", "绿色金融", "供应链",
           "员工权益", "公司治理", "碳中和", "国际视野", "观点评论", "研究报告", "社区发展", "消费者权益", "安全生产",
           "教育", "健康"],
}
TAGS = {
    "en": ("ESG,CSR report,disclosure,supply chain,climate,carbon neutrality,biodiversity,water,SDGs,human rights,"
           "due diligence,circular economy,recycling,renewable energy,green bonds,investors,philanthropy,volunteering,"
           "education,health care,living wage,workers,gender equality,pay equity,procurement,transparency,apparel,"
           "agriculture,forestry,ISSB,CSRD,ESRS,carbon market,rural revitalization,poverty alleviation,COVID-19,"
           "Belt and Road,China,EU,UK,Golden Bee,Top 10 CSR Events,data centers,logistics,cement,chemicals,banking,"
           "retail,shipping,decarbonization,heat stress,ageing,digital inclusion,floods,disaster relief,interview,"
           "leadership,women,standards,tax").split(","),
    "zh": ("ESG,责任报告,信息披露,供应链,碳达峰,碳中和,绿色金融,生物多样性,水资源,可持续发展目标,精准扶贫,乡村振兴,"
           "农村电商,志愿服务,员工关爱,心理健康,安全生产,消费者权益,产品质量,循环经济,动力电池,绿色工厂,绿色制造,"
           "绿色航运,全国碳市场,钢铁,水泥,生态保护,可持续披露准则,金蜜蜂,实质性,环境信息披露,抗击疫情,复工复产,"
           "稳就业,高校毕业生,国际合作,中小企业,培训,快递包装,绿色物流,节水,黄河流域,适老化,数字平台,海外社会责任,"
           "研究报告,案例征集,责任竞争力,公益,慈善,教育,健康,社区,治理,人权,性别平等,气候变化").split(","),
}
AUTHORS = {
    "en": ["admin", "Zhang Wei", "Li Na", "Chen Xi", "Redaktion", "Maria Lopez", "John Carter", "Anna Schmidt",
           "David Kim", "Sarah Johnson", "Wang Fang", "Liu Yang"],
    "zh": ["李明", "王芳", "陈晨", "刘洋", "赵静", "孙悦", "周晓", "黄磊", "吴昊", "张喆", "王敏", "李喆", "刘畅"],
}
WORDS = {
    "en": ("company companies report reports sustainability responsibility social corporate environmental community "
           "communities employees workers suppliers supply chain emissions carbon energy renewable water waste "
           "recycling climate target targets goal goals year years percent million billion program programme "
           "project projects local regional national international government policy policies standard standards "
           "disclosure investors investment finance green bonds board governance transparency rights human health "
           "safety education training schools students children families rural village villages province city "
           "cities region data results progress plan plans launched announced published said says according new "
           "first second third annual global leading small medium enterprises industry industries sector sectors "
           "manufacturing retail banking logistics shipping textile apparel food agriculture forests biodiversity "
           "partners partnership foundation donation donated volunteers volunteer support supported help helped "
           "improve improved reduce reduced increase increased cut cuts efficiency use used using across between "
           "through during since while with without about more less than most many several other others their "
           "its the a an and or of to in on for by from at as is are was were has have had will would could "
           "also which that this these those it they we our").split(),
    "zh": ("企业 社会责任 可持续发展 环境 信息 披露 报告 员工 供应链 碳排放 能源 绿色 低碳 转型 项目 社区 公益 慈善 "
           "乡村 振兴 教育 健康 安全 生产 质量 消费者 权益 治理 董事会 投资者 金融 债券 标准 政策 政府 部门 地方 "
           "全国 国际 合作 发展 推动 加强 提升 完善 建立 开展 实施 推进 促进 保障 落实 创新 数字化 平台 技术 产业 "
           "行业 制造业 中小企业 品牌 市场 经济 增长 目标 计划 方案 措施 成果 进展 数据 调查 研究 专家 认为 表示 "
           "指出 今年 去年 近年来 未来 目前 已经 正在 继续 进一步 积极 主动 有效 重要 重点 主要 相关 部分 大部分 "
           "约 万元 亿元 百分之 吨 家 个 名 所 我们 他们 这些 通过 对于 关于 以及 并且 同时 其中 此外 因此 但是 "
           "水资源 生物多样性 循环经济 节能 减排 污染 治理 保护 生态 文明 责任 意识 透明度 沟通 利益相关方").split(),
}
SUFFIXES = {"en": ".", "zh": "。"}
URLS = {  # {n} makes every address distinct
    "csr_china_en": "a/knowledge/CSRNews/{y}/{md}/{n}.html",
    "csr_china_zh": "a/news/qiye/{y}/{md}/{n}.html",
    "csrwire": "press_releases/{n}-{slug}",
    "3blmedia": "news/{slug}-{n}",
    "goldenbee": "news/{y}{md}/{n}.html",
    "goldenbee_en": "news/{n}.html",
    "sustainability_reports": "{y}/{m}/{slug}-{n}/",
}
DEFAULT_URL = "news/{y}/{md}/{n}.html"


def _family(language: str) -> str:
    return "zh" if language.lower().startswith("zh") else "en"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


@dataclass
class _Site:
    """What the generator needs of one registry source, worked out once."""

    source: Source
    family: str
    zone: ZoneInfo
    origins: tuple[int, int, int]
    original: provenance.Provenance
    reprints: list[provenance.Provenance]
    category_weights: list[float]


class Generator:
    """Stories as a pure function of (seed, number): a copy regenerates its original."""

    def __init__(self, seed: int = 1, reg: Registry | None = None):
        self.seed = seed
        self.reg = reg = reg or registry()
        self.sites: dict[str, _Site] = {}
        for rank, (key, src) in enumerate(sorted(reg.sources.items())):
            family = _family(src.language)
            own = {o for o in OUTLETS[family] if provenance.decide(o, src, reg).origin == provenance.ORIGINAL}
            reprints = [provenance.decide(o, src, reg) for o in OUTLETS[family] if o not in own]
            # Categories: a few large and many small, each site with its own favourites.
            weights = [1 / (1 + (i - 3 * rank) % len(CATEGORIES[family])) for i in range(len(CATEGORIES[family]))]
            self.sites[key] = _Site(src, family, ZoneInfo(src.timezone), ORIGINS.get(key, DEFAULT_ORIGINS),
                                    provenance.decide(src.site_outlet or src.name, src, reg), reprints, weights)
        self.keys = sorted(self.sites)
        self.shares = [SHARES.get(k, 5) for k in self.keys]
        self.by_family = {f: [k for k in self.keys if self.sites[k].family == f] for f in ("en", "zh")}
        # Sentences drawn once: bodies are made of these, so making 100,000 of them is quick.
        pool = random.Random(f"{seed}:sentences")
        self.sentences = {}  # family -> [(sentence, its bytes in a body)]
        for f in ("en", "zh"):
            drawn = (self._sentence(pool, f) for _ in range(6000))
            self.sentences[f] = [(s, len(s.encode("utf-8")) + (f == "en")) for s in drawn]

    # -- text ------------------------------------------------------------------------------------
    @staticmethod
    def _sentence(rnd: random.Random, family: str) -> str:
        words = rnd.choices(WORDS[family], k=rnd.randint(10, 24))
        if family == "zh":
            cut = rnd.randint(3, len(words) - 3)
            return "".join(words[:cut]) + "，" + "".join(words[cut:]) + "。"
        return " ".join(words).capitalize() + "."

    def _sentences(self, rnd: random.Random, family: str, limit: int) -> list[str]:
        """Sentences of at most ``limit`` bytes in all (at least one), within a sentence of it."""
        out, length = [], 0
        while True:
            sentence, nbytes = rnd.choice(self.sentences[family])
            if out and length + nbytes > limit:
                return out
            out.append(sentence)
            length += nbytes

    def paragraph(self, rnd: random.Random, family: str, size: int) -> str:
        return ("" if family == "zh" else " ").join(self._sentences(rnd, family, size))

    def body(self, rnd: random.Random, family: str) -> str:
        """3-8 paragraphs, 1.5-3 KB of UTF-8."""
        sentences = self._sentences(rnd, family, rnd.randint(1700, 3000))  # a sentence is at most ~200 bytes
        paras = min(rnd.randint(3, 8), len(sentences))
        cuts = [len(sentences) * i // paras for i in range(paras + 1)]
        glue = "" if family == "zh" else " "
        return "\n\n".join(glue.join(sentences[a:b]) for a, b in zip(cuts, cuts[1:]))

    def title(self, rnd: random.Random, family: str) -> str:
        words = rnd.choices(WORDS[family], k=rnd.randint(5, 11) if family == "en" else rnd.randint(5, 9))
        return " ".join(w.capitalize() if len(w) > 3 else w for w in words) if family == "en" else "".join(words)

    # -- stories -----------------------------------------------------------------------------------
    def _address(self, key: str, n: int, title: str, when: datetime) -> str:
        slug = "-".join(title.split()[:6]) if title.isascii() else "story"
        path = URLS.get(key, DEFAULT_URL).format(y=when.year, m=f"{when.month:02d}",
                                                 md=f"{when.month:02d}{when.day:02d}", n=n, slug=slug)
        return self.sites[key].source.home + path

    def published_between(self, rnd: random.Random, site: _Site, low: datetime, high: datetime) -> datetime:
        moment = (low + (high - low) * rnd.random()).astimezone(site.zone)
        if rnd.random() < DATE_ONLY:  # the page shows a day, no time
            moment = moment.replace(hour=0, minute=0, second=0)
        return moment.replace(microsecond=0)

    def row(self, n: int, published: datetime | None, first_seen: datetime, key: str, rnd: random.Random,
            copy_of: dict | None = None) -> dict:
        """The row of story ``n`` of site ``key``, as ``Store.upsert`` stores a new story; a copy
        carries its original's text, points at it, and is credited to the original's site."""
        site = self.sites[key]
        family = site.family
        if copy_of is None:
            title, body = self.title(rnd, family), self.body(rnd, family)
            origin = rnd.choices((provenance.ORIGINAL, provenance.REPRINTED, provenance.UNKNOWN), site.origins)[0]
            prov = {provenance.ORIGINAL: site.original, provenance.REPRINTED: rnd.choice(site.reprints),
                    provenance.UNKNOWN: provenance.Provenance(provenance.UNKNOWN, None, None)}[origin]
        else:
            title, body = copy_of["title"], copy_of["body"]
            if rnd.random() < 0.5:  # a near copy: the reprint adds a line of its own
                body += "\n\n" + rnd.choice(self.sentences[family])[0]
            origin_site = self.sites.get(copy_of["source"])
            outlet = origin_site.original.outlet if origin_site else None
            prov = provenance.decide(outlet, site.source, self.reg) if outlet else \
                provenance.Provenance(provenance.UNKNOWN, None, None)
        category = None if rnd.random() < 0.03 else rnd.choices(CATEGORIES[family], site.category_weights)[0]
        article = Article(
            url="", canonical_url="", source=key, title=title, body=body,
            published=_iso(published) if published else None,
            author=None if rnd.random() < 0.4 else rnd.choice(AUTHORS[family]),
            category=category, tags=rnd.sample(TAGS[family], rnd.randint(0, 5)), language=site.source.language,
            origin=prov.origin, outlet=prov.outlet, rights=prov.rights)
        article.url = article.canonical_url = self._address(key, n, title, published or first_seen)
        row = to_row(article)
        if rnd.random() < 0.8:
            row["etag"] = f'"{row["content_hash"][:32]}"'
            row["last_modified"] = format_datetime((published or first_seen).astimezone(timezone.utc), usegmt=True)
        seen = _iso(first_seen)
        row.update(first_seen=seen, last_seen=seen, updated=None, revision=1, duplicate_of=None, story_id=row["id"],
                   gone=None, misses=0)
        if copy_of is not None:
            row.update(duplicate_of=copy_of["id"], story_id=copy_of["story_id"])
        return row

    def story(self, n: int) -> dict:
        """Story ``n`` of the generated history (a copy points at an earlier story)."""
        rnd = random.Random(f"{self.seed}:story:{n}")
        key = rnd.choices(self.keys, self.shares)[0]
        copy_of = None
        if n > 100 and rnd.random() < DUPLICATE:
            original = self.story(rnd.randrange(n))
            while original["duplicate_of"] is not None:  # copies point at the group's original
                original = self.story(int(original["_n"]))
            others = [k for k in self.by_family[self.sites[original["source"]].family] if k != original["source"]]
            if others:
                key, copy_of = rnd.choice(others), original
        if copy_of is not None:
            base = _parse(copy_of["published"]) if copy_of["published"] else None
            published = (base + timedelta(days=rnd.uniform(0, 5))).astimezone(self.sites[key].zone).replace(
                microsecond=0) if base else None
            first_seen = max(_parse(copy_of["first_seen"]), _crawl_after(published or _parse(copy_of["first_seen"])))
        else:
            published = None if rnd.random() < UNDATED else self.published_between(rnd, self.sites[key], START, END)
            first_seen = _first_seen(rnd, published)
        row = self.row(n, published, first_seen, key, rnd, copy_of)
        if rnd.random() < GONE:
            gone = _iso(min(_parse(row["first_seen"]) + CRAWL_EVERY * rnd.randint(1, 4000), END))
            row.update(gone=gone, last_seen=gone, misses=2)
        row["_n"] = copy_of["_n"] if copy_of else n
        return row


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _crawl_after(moment: datetime) -> datetime:
    """The first crawl at or after ``moment``."""
    if moment <= FIRST_CRAWL:
        return FIRST_CRAWL
    steps = -(-(moment - FIRST_CRAWL) // CRAWL_EVERY)
    return FIRST_CRAWL + steps * CRAWL_EVERY


def _first_seen(rnd: random.Random, published: datetime | None) -> datetime:
    if published is None:
        return _crawl_after(FIRST_CRAWL + (END - FIRST_CRAWL) * rnd.random())
    if rnd.random() < LATE:  # found late: a list page reached later, a sitemap reread
        return min(_crawl_after(published + timedelta(days=rnd.uniform(1, 365))), _crawl_after(END))
    return _crawl_after(published)


def _chunk(seed: int, start: int, stop: int) -> list[dict]:
    """Rows of stories ``start`` to ``stop`` (in a worker process: stories are pure functions)."""
    global _GEN
    if _GEN is None or _GEN.seed != seed:
        _GEN = Generator(seed)
    rows = [_GEN.story(n) for n in range(start, stop)]
    for row in rows:
        del row["_n"]
    return rows


_GEN: Generator | None = None  # one per worker process


def generate(path: str, stories: int = 100_000, seed: int = 1) -> float:
    """Make a store of ``stories`` stories at ``path`` (a new file); returns the seconds it took.
    Worker processes make the rows, this one inserts them as they come."""
    t0 = time.perf_counter()
    with Store(path) as store, ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        if store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]:
            raise SystemExit(f"{path} already holds stories: generate into a new file")
        chunks = [pool.submit(_chunk, seed, start, min(start + CHUNK, stories)) for start in range(0, stories, CHUNK)]
        for chunk in chunks:
            with store.batch():
                store.db["articles"].insert_all(chunk.result(), batch_size=500)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the .db file alone is the store
    return time.perf_counter() - t0


def crawl(path: str, new: int = 50, edited: int = 20, seed: int = 1) -> str:
    """Simulate a small crawl: ``new`` stories first seen at one crawl time later than every
    stored one (some copies of stored stories, as in the history), and ``edited`` stored stories
    changed (body, revision, ``updated``). Returns the crawl time."""
    gen = Generator(seed)
    with Store(path) as store:
        q = store.conn.execute
        last = _parse(q("SELECT MAX(first_seen) FROM articles").fetchone()[0])
        now = last + CRAWL_EVERY
        rnd = random.Random(f"{seed}:crawl:{_iso(now)}")
        count = q("SELECT COUNT(*) FROM articles").fetchone()[0]
        canonical = [r[0] for r in q("SELECT id FROM articles WHERE duplicate_of IS NULL AND gone IS NULL ORDER BY id")]
        columns = "id, source, title, body, published, first_seen, story_id, duplicate_of"
        rows = []
        for n in range(count, count + new):
            key = rnd.choices(gen.keys, gen.shares)[0]
            published = gen.published_between(rnd, gen.sites[key], last, now)
            copy_of = None
            if rnd.random() < DUPLICATE:
                candidate = dict(zip(columns.split(", "), q(f"SELECT {columns} FROM articles WHERE id = ?",
                                                            [rnd.choice(canonical)]).fetchone()))
                family = gen.sites[candidate["source"]].family if candidate["source"] in gen.sites else None
                others = [k for k in gen.by_family.get(family, []) if k != candidate["source"]]
                if others:
                    key, copy_of = rnd.choice(others), candidate
                    published = published.astimezone(gen.sites[key].zone)
            rows.append(gen.row(n, published, now, key, rnd, copy_of))
        changes = {}
        for id_ in rnd.sample(canonical, min(edited, len(canonical))):
            body, revision, language = q("SELECT body, revision, language FROM articles WHERE id = ?", [id_]).fetchone()
            paras = body.split("\n\n")
            paras[-1] = gen.paragraph(rnd, _family(language or "en"), len(paras[-1].encode("utf-8")))  # corrected
            body = "\n\n".join(paras)
            changes[id_] = {"body": body, "content_hash": content_hash(body), "revision": revision + 1,
                            "updated": _iso(now), "last_seen": _iso(now)}
        with store.batch():
            store.db["articles"].insert_all(rows, batch_size=500)
            for id_, change in changes.items():
                store.db["articles"].update(id_, change)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return _iso(now)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", help="the store to make (a new file), or with --crawl an existing one")
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--crawl", action="store_true", help="simulate a small crawl on an existing store")
    parser.add_argument("--new", type=int, default=50, help="stories a crawl adds")
    parser.add_argument("--edited", type=int, default=20, help="stored stories a crawl edits")
    args = parser.parse_args()
    if args.crawl:
        print(f"crawl at {crawl(args.db, args.new, args.edited, args.seed)}: {args.new} new, {args.edited} edited")
        return
    seconds = generate(args.db, args.stories, args.seed)
    with Store(args.db, readonly=True) as store:
        stats = store.stats()
    print(f"{args.stories} stories in {seconds:.1f} s: {args.db}")
    for name, counts in stats.items():
        print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in counts))


if __name__ == "__main__":
    main()
