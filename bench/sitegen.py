"""Generate a benchmark copy of both CSR-China editions: N English articles (en.csr-china.net)
and N Chinese ones (www.csr-china.net, GBK, declared gb2312 in <meta> as the CMS does), with
the category list pages, their pagination and the home pages the spiders discover them from.

The pages are the offline mirror's own (syndicate/data/mirror/mirrorgen/csr_china.py: its Article model,
its five templates per edition, its list and home pages, its answer key); this module only
makes the articles: texts assembled from English and Chinese CSR phrase pools by a seeded
generator (varied lengths, sub-headings, images with captions, bullet lines), dates spread
over 2017-2025 with each era's templates and meta lines as on the mirror, originals marked
"Source: CSR-China Website" / 来源：企业社会责任中国网, reprints "Source: XXX (not from this
site)" / 来源：XXX（非本网）, some with no source. Every HTML page then gets the furniture the
real site carries (an inlined style sheet, partner links, analytics and ad-slot scripts) up to
a size drawn around 23 KB. Category lists show 20 articles a page (the mirror's 5 suits a
mirror of 30 articles, not of thousands).

Output, as syndicate/data/mirror/build.py writes it: <out>/<host>/... (raw bytes, each file's mtime its
Last-Modified, so a static server such as nginx gives the same Last-Modified and an ETag that
changes with it), <out>/headers.json (what syndicate.mirror serves) and <out>/truth.json (the
answer key). The same arguments give the same bytes and mtimes.

The incremental variant (--new-percent P --edited-percent Q) is the same site after P% new
articles were posted (newer than all others, so on the first list pages and the home page)
and Q% of the existing ones edited (last paragraph rewritten, Last-Modified after every post).

    .venv/bin/python bench/sitegen.py                                      # 1000 + 1000 into var/bench-site/
    .venv/bin/python bench/sitegen.py --articles 100 --out /tmp/bench-site
    .venv/bin/python bench/sitegen.py --new-percent 1 --edited-percent 1   # the incremental variant

Import it by path (its name shadows the standard library's ``site``): bench/crawl.py does.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import string
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "syndicate" / "data" / "mirror"))  # mirrorgen/, as syndicate/data/mirror/build.py does

from mirrorgen import csr_china  # noqa: E402
from mirrorgen.csr_china import (  # noqa: E402
    CATEGORIES, EN, HOSTS, ZH, Article, build_site, truth, url_file, write)

DEFAULT_OUT = ROOT / "var" / "bench-site"
SEED = 20260101
LIST_PAGE_SIZE = 20
FIRST_DAY, LAST_DAY = date(2017, 1, 3), date(2025, 6, 30)
FIRST_ID = {EN: 226, ZH: 132}
ENCODING = {EN: "utf-8", ZH: "gbk"}
PAGE_BYTES = (20_500, 26_000)  # each HTML page is padded to a size drawn from this range


@dataclass
class BenchArticle(Article):
    """A mirror article whose Last-Modified can be later than its posting (an edit)."""

    edited: datetime | None = None

    @property
    def last_modified(self) -> datetime:
        return self.edited or super().last_modified


@dataclass
class BenchSite:
    """What was generated: the canonical URL of every article by host, the new and edited ones."""

    root: Path
    articles: dict[str, list[str]]
    new: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    list_pages: int = 0
    files: int = 0
    article_bytes: int = 0

    @property
    def count(self) -> int:
        return sum(len(urls) for urls in self.articles.values())

    @property
    def pages(self) -> int:
        """Pages a full crawl reads: the articles, the list pages and the two home pages."""
        return self.count + self.list_pages + len(self.articles)


# ---------------------------------------------------------------------------------------------
# English text
# ---------------------------------------------------------------------------------------------
# A sentence is a frame of short glue (two words at most between slots, so that few word
# 4-grams repeat across articles: unrelated stories must not look like near-duplicates to the
# store) around slots drawn independently from the pools; names and numbers are generated.

EN_POOLS = {
    "co": ["China Mobile", "Sinopec", "State Grid", "Haier", "Lenovo", "Huawei", "Alibaba", "Tencent", "Baidu",
           "China Three Gorges", "PetroChina", "COSCO Shipping", "China Merchants Bank", "ICBC", "Bank of China",
           "China Construction Bank", "Yili Group", "Mengniu", "BYD", "Geely", "CATL", "LONGi", "JD.com", "Meituan",
           "China Resources", "Sinochem", "China Baowu", "China Huadian", "China Datang", "Ping An", "ZTE",
           "Midea Group", "Gree Electric", "Anta Sports", "Li Ning", "China Telecom", "China Unicom", "COFCO",
           "Wanhua Chemical", "China Energy"],
    "city": ["Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu", "Wuhan", "Xi'an", "Nanjing",
             "Tianjin", "Chongqing", "Kunming", "Qingdao", "Xiamen", "Harbin", "Lanzhou", "Guiyang", "Nanning",
             "Hefei", "Zhengzhou"],
    "place": ["Yunnan", "Guizhou", "Gansu", "Sichuan", "Qinghai", "Ningxia", "Inner Mongolia", "Jiangxi", "Hunan",
              "Hebei", "Shanxi", "Xinjiang", "Guangxi", "Anhui", "Heilongjiang", "Shaanxi", "Fujian", "Hainan",
              "Jilin", "Liaoning", "Shandong", "Henan", "Hubei", "Zhejiang", "Jiangsu", "Guangdong", "Tibet",
              "the Pearl River Delta", "the Yangtze River Delta", "western China"],
    "topic": ["carbon neutrality", "rural revitalisation", "supply chain due diligence", "employee wellbeing",
              "biodiversity", "water stewardship", "green finance", "ESG disclosure", "poverty alleviation",
              "occupational safety", "the circular economy", "renewable energy", "community investment",
              "responsible sourcing", "climate risk", "gender equality", "digital inclusion", "waste reduction",
              "clean air", "public health", "education equity", "product safety", "anti-corruption",
              "green buildings", "sustainable packaging", "marine conservation", "low-carbon transport",
              "volunteering", "disaster relief", "human rights"],
    "adj": ["new", "green", "low-carbon", "digital", "rural", "regional", "joint", "independent", "long-term",
            "five-year", "pilot", "national", "county-level", "cross-border", "community-based", "inclusive",
            "transparent", "science-based", "voluntary", "circular", "renewable", "affordable", "remote", "coastal",
            "mountain", "industrial", "urban", "agricultural", "vocational", "mobile", "solar-powered", "open",
            "online", "shared", "smart", "second", "expanded", "revised", "first", "three-year"],
    "noun": ["programme", "fund", "platform", "project", "report", "standard", "campaign", "survey", "partnership",
             "training course", "hotline", "scholarship", "clinic", "database", "label", "index", "guideline",
             "pilot zone", "cooperative", "supplier network", "recycling scheme", "charter", "assessment", "roadmap",
             "code of conduct", "audit system", "learning centre", "solar farm", "wetland reserve", "water plant",
             "microgrid", "greenhouse", "seed bank", "credit line", "bond", "insurance plan", "app", "workshop",
             "library", "canteen"],
    "who": ["smallholder farmers", "left-behind children", "women entrepreneurs", "factory workers", "rural teachers",
            "elderly residents", "people with disabilities", "young graduates", "truck drivers", "herders",
            "fishing communities", "migrant families", "village doctors", "small suppliers", "university students",
            "delivery riders", "nurses", "miners", "tea growers", "sanitation workers"],
    "group": ["suppliers", "local officials", "investors", "employees", "customers", "researchers", "NGOs",
              "industry associations", "regulators", "rating agencies", "community leaders", "bankers", "auditors",
              "journalists", "lawyers"],
    "unit": ["villages", "schools", "factories", "suppliers", "counties", "hospitals", "cooperatives", "stores",
             "communities", "townships", "farms", "clinics", "mines", "ports", "warehouses"],
    "did": ["launched", "expanded", "completed", "funded", "reviewed", "published", "signed", "announced", "piloted",
            "tested", "upgraded", "extended", "opened", "renewed", "financed", "evaluated", "certified",
            "introduced", "set up", "revised", "co-founded", "sponsored", "designed", "rolled out", "built"],
    "reached": ["reached", "trained", "connected", "supported", "covered", "audited", "visited", "equipped",
                "surveyed", "helped", "served", "insured"],
    "do": ["cut", "double", "expand", "publish", "audit", "fund", "upgrade", "build", "restore", "extend",
           "disclose", "review", "replace", "monitor", "certify", "digitise", "simplify", "pilot", "scale up",
           "open", "finance", "redesign", "launch", "share"],
    "role": ["general manager", "vice president", "project director", "spokesperson", "researcher", "chairman",
             "deputy mayor", "foundation head", "analyst", "professor", "county chief", "plant manager",
             "sustainability director", "programme officer", "union leader"],
    "surname": ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
                "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han",
                "Feng", "Deng", "Cao", "Peng"],
    "given": ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Yang", "Jun", "Jie", "Tao", "Ming", "Chao", "Xiu", "Hui",
              "Qiang", "Yan", "Hong", "Ping", "Gang", "Ling", "Xin", "Bo", "Yu", "Hao", "Ning", "Lan", "Kai", "Rui",
              "Dan", "Peng", "Xiaoyu", "Jiahui", "Zihan", "Haoran", "Yutong", "Mingzhe", "Shuang", "Lihua"],
    "conn": ["In addition", "Meanwhile", "At the same time", "Last year", "So far", "This spring", "As a next step",
             "By the end of last year", "In practice", "For its part", "Looking ahead", "Since then", "Earlier",
             "In the first quarter", "In recent months"],
    "verdict": ["no longer optional", "a board-level issue", "a source of value", "central to growth",
                "everyone's job", "a question of data", "part of daily management", "a test of patience",
                "a matter of trust", "good for business", "still underfunded", "a long-term commitment"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"],
}
EN_SENTENCES = [
    "{co} {did} a {adj} {noun} for {who} in {place} in {year}.",
    "The {adj} {noun} now reaches {num} {unit} across {place}, said {person}.",
    "{person} said {co} would {do} its {adj} {noun} before {target}.",
    "Spending on {topic} rose {pct} percent to {money} million yuan, {co} said.",
    "{conn}, {num} {who} joined the {adj} {noun} of {co}.",
    "In {city}, {co} {reached} {num} {unit} and {did2} a {adj} {noun} on {topic}.",
    "Of {num} {group} polled, {pct} percent named {topic} their first concern.",
    "{co} and {co2} {did} a {adj} {noun} on {topic} with {group} from {place}.",
    "{person} urged {group} to {do} the {adj} {noun} for {who}.",
    "By {month} {year}, the {noun} had {reached} {num} {unit} in {place}.",
    "A {adj} {noun} by {co} found {pct} percent of {unit} in {place} lacked a {adj2} {noun2}.",
    "{conn}, {co} plans to {do} a {adj} {noun} worth {money} million yuan in {place}.",
    "{person} told {group} in {city} that {topic} was {verdict}.",
    "About {num} {group} and {who} attended the {adj} {noun} in {city} on {month} {day}.",
    "Within {small} months the {noun} {reached} {num} {who}, {pct} percent above plan.",
    "{co} {reached} {num} {unit} in {place} and {place2} last year, {person} said.",
    "{conn}, {person} said {topic} and {topic2} were {verdict}.",
    "{co} will {do} {num} {unit} in {place} by {target}, up from {small} today.",
]
EN_HEADINGS = ["Targets for the coming years", "What the survey found", "Work in the supply chain", "Voices from the field",
               "Results so far", "The road ahead", "How the programme works", "Lessons from the pilot"]
EN_TITLES = [
    "{co} {Did} {Adj} {Noun} for {Who} in {place}",
    "{co} to {Do} {Adj} {Noun} by {target}",
    "{Adj} {Noun} Reaches {num} {Unit} in {place}",
    "{num} {Group} Join {co}'s Drive on {Topic}",
    "Survey: {pct}% of {Group} Put {Topic} First",
    "{co} and {co2} {Did} {Adj} {Noun} on {Topic}",
    "Forum in {city} Puts {Topic} on the Agenda of {Group}",
    "{co} Releases {year} Report on {Topic} and {Topic2}",
    "【Top 10 CSR Events in China】No.{rank} {co} {Did} {Adj} {Noun}",
    "{Who} in {place} Gain from {co}'s {Adj} {Noun}",
]
EN_TAGS = ["CSR report", "supply chain", "climate change", "ESG", "poverty alleviation", "green finance", "disclosure",
           "SDGs", "carbon neutrality", "biodiversity", "employee", "community", "csr europe", "rural revitalisation"]
EN_ORIGINAL = ["CSR-China Website", "CSR-China Website", "CSR-China Website", "CSR-China"]
# 2017 meta lines run date, source and author together: only registry outlets can be split off.
EN_META_OUTLETS = ["China WTO Tribune", "China Daily", "Xinhua", "Sino-Swedish Corporate Social", "People's Daily Online"]
EN_OUTLETS = EN_META_OUTLETS + ["China Sustainability Tribune", "Xinhuanet", "Reuters", "CSR Europe", "Caixin Global"]
EN_AUTHORS = ["admin", "admin", "editor", "csrchina"]
AN = re.compile(r"\b([Aa]) (?=[aeiou])")  # "a affordable" -> "an affordable"
SMALL_WORDS = {"of", "in", "and", "the", "to", "at", "for", "on", "by", "with", "a"}


def _fill(template: str, rng: random.Random, pools: dict[str, list[str]], numbers: dict[str, object]) -> str:
    """A frame with each {slot} drawn: ``slot2`` is a second, different draw from ``slot``'s
    pool, ``Slot`` a draw in title case; numbers and names come ready-made."""
    values: dict[str, str] = {}
    for name in _slots(template):
        base = name.lower().rstrip("2")
        if name in numbers:
            values[name] = str(numbers[name])
        elif base in pools:
            pick = rng.choice(pools[base])
            while name.endswith("2") and pick == values.get(name[:-1]):
                pick = rng.choice(pools[base])
            values[name] = _title_case(pick) if name[0].isupper() else pick
    return AN.sub(r"\1n ", template.format(**values))


def _slots(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def _title_case(text: str) -> str:
    return " ".join(w if w in SMALL_WORDS or not w[:1].islower() else w[:1].upper() + w[1:] for w in text.split())


def _en_numbers(rng: random.Random, year: int) -> dict[str, object]:
    person = f"{rng.choice(EN_POOLS['role'])} {rng.choice(EN_POOLS['surname'])} {rng.choice(EN_POOLS['given'])}"
    return {"person": person, "year": rng.randint(max(2005, year - 8), year), "target": rng.randint(year + 2, year + 15),
            "num": f"{rng.randint(12, 9800):,}", "small": rng.randint(2, 11), "pct": rng.randint(3, 65),
            "money": rng.randint(5, 900), "rank": rng.randint(1, 10), "day": rng.randint(1, 28)}


def en_sentence(rng: random.Random, year: int) -> str:
    text = _fill(rng.choice(EN_SENTENCES), rng, EN_POOLS, _en_numbers(rng, year))
    return text[:1].upper() + text[1:]


def en_paragraph(rng: random.Random, year: int) -> str:
    return " ".join(en_sentence(rng, year) for _ in range(rng.randint(2, 5)))


def en_title(rng: random.Random, year: int) -> str:
    return _fill(rng.choice(EN_TITLES), rng, EN_POOLS, _en_numbers(rng, year))


# ---------------------------------------------------------------------------------------------
# Chinese text (every character is in GBK); glue of a few characters between slots
# ---------------------------------------------------------------------------------------------

ZH_POOLS = {
    "co": ["中国移动", "中国石化", "国家电网", "海尔集团", "联想集团", "华为", "阿里巴巴", "腾讯", "百度", "三峡集团",
           "中国石油", "中远海运", "招商银行", "工商银行", "中国银行", "建设银行", "伊利集团", "蒙牛乳业", "比亚迪",
           "吉利控股", "宁德时代", "隆基绿能", "京东集团", "美团", "华润集团", "中化集团", "宝武钢铁", "华电集团",
           "大唐集团", "中国平安", "中兴通讯", "美的集团", "格力电器", "安踏体育", "中国电信", "中国联通", "中粮集团",
           "万华化学", "国家能源集团", "中国建筑"],
    "city": ["北京", "上海", "深圳", "广州", "杭州", "成都", "武汉", "西安", "南京", "天津", "重庆", "昆明", "青岛", "厦门",
             "哈尔滨", "兰州", "贵阳", "南宁", "合肥", "郑州"],
    "place": ["云南", "贵州", "甘肃", "四川", "青海", "宁夏", "内蒙古", "江西", "湖南", "河北", "山西", "新疆", "广西",
              "安徽", "黑龙江", "陕西", "福建", "海南", "吉林", "辽宁", "山东", "河南", "湖北", "浙江", "江苏", "广东",
              "西藏", "珠三角", "长三角", "西部地区"],
    "topic": ["碳达峰碳中和", "乡村振兴", "供应链责任", "员工关爱", "生物多样性", "水资源管理", "绿色金融", "ESG披露",
              "精准扶贫", "安全生产", "循环经济", "可再生能源", "社区公益", "负责任采购", "气候风险", "性别平等",
              "数字普惠", "垃圾减量", "蓝天保卫", "公共卫生", "教育公平", "产品质量", "反腐败", "绿色建筑", "绿色包装",
              "海洋保护", "低碳出行", "志愿服务", "应急救灾", "人权尽责"],
    "adj": ["新型", "绿色", "低碳", "数字化", "乡村", "区域性", "联合", "独立", "长期", "五年期", "试点", "全国性", "县域",
            "跨境", "社区型", "普惠", "透明", "科学", "自愿性", "循环", "可再生", "平价", "偏远地区", "沿海", "山区",
            "工业", "城市", "农业", "职业", "智慧", "移动", "光伏", "开放式", "线上", "共享", "第二期", "升级版",
            "修订版", "首个", "三年期"],
    "noun": ["项目", "基金", "平台", "工程", "报告", "标准", "行动", "调查", "伙伴计划", "培训班", "热线", "奖学金",
             "诊所", "数据库", "标识", "指数", "指引", "示范区", "合作社", "供应网络", "回收计划", "宪章", "评估",
             "路线图", "行为准则", "审核体系", "学习中心", "光伏电站", "湿地保护区", "净水站", "微电网", "温室大棚",
             "种子库", "专项贷款", "绿色债券", "保险计划", "小程序", "工作坊", "图书室", "食堂"],
    "who": ["小农户", "留守儿童", "女性创业者", "工厂工人", "乡村教师", "老年居民", "残障人士", "高校毕业生", "货车司机",
            "牧民", "渔民", "随迁家庭", "乡村医生", "小微供应商", "大学生", "外卖骑手", "护士", "矿工", "茶农", "环卫工人"],
    "group": ["供应商", "地方官员", "投资者", "员工", "消费者", "研究人员", "公益组织", "行业协会", "监管人员", "评级机构",
              "社区代表", "银行家", "审计师", "媒体记者", "律师"],
    "unit": ["个村", "所学校", "家工厂", "家供应商", "个县", "家医院", "个合作社", "家门店", "个社区", "个乡镇", "个农场",
             "个诊所", "座矿山", "个港口", "个仓库"],
    "verb": ["启动", "扩大", "完成", "资助", "评估", "发布", "签署", "试点", "升级", "开设", "续签", "引入", "设立",
             "修订", "发起", "赞助", "建成", "推出", "落地", "优化", "完善", "推广", "部署", "改造", "新建", "上线",
             "运营", "筹建", "验收", "扩建"],
    "reached": ["覆盖", "培训", "联通", "帮扶", "走访", "审核", "惠及", "服务", "调研", "装备", "援助", "对接"],
    "role": ["总经理", "副总裁", "项目总监", "新闻发言人", "研究员", "董事长", "副市长", "基金会秘书长", "分析师", "教授",
             "县长", "厂长", "可持续发展总监", "项目官员", "工会主席"],
    "surname": ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
                "高", "罗", "郑", "梁", "谢", "宋", "唐", "韩", "冯", "邓", "曹", "彭"],
    "given": ["伟", "芳", "娜", "敏", "静", "磊", "洋", "军", "杰", "涛", "明", "超", "秀英", "慧", "强", "艳", "红", "平",
              "刚", "玲", "欣", "博", "宇", "浩", "宁", "兰", "凯", "睿", "丹", "鹏", "晓雨", "佳慧", "子涵", "浩然",
              "雨桐", "明哲", "爽", "丽华"],
    "conn": ["此外", "与此同时", "去年", "目前", "今年春天", "下一步", "截至去年年底", "在实践中", "另一方面", "展望未来",
             "此后", "此前", "一季度", "近几个月", "据了解"],
    "verdict": ["已不再是可选项", "已成为董事会议题", "正在创造新的价值", "是企业增长的关键", "需要全员参与",
                "离不开数据支撑", "必须融入日常管理", "考验企业的长期定力", "关乎社会信任", "有利于企业经营",
                "仍然投入不足", "需要长期坚持"],
}
ZH_SENTENCES = [
    "{year}年，{co}在{place}为{who}{verb}了{adj}{noun}。",
    "{person}介绍，{adj}{noun}已{reached}{place}{num}{unit}。",
    "{person}表示，{co}将在{target}年前{verb}其{adj}{noun}。",
    "{co}称，{topic}投入增长{pct}%，达{money}亿元。",
    "{conn}，已有{num}名{who}加入{co}的{adj}{noun}。",
    "在{city}，{co}{reached}了{num}{unit}，并{verb2}了{topic}{adj}{noun}。",
    "{num}名受访{group}中，{pct}%首选{topic}。",
    "{co}与{co2}联合{group}{verb}了面向{place}的{adj}{noun}。",
    "{person}呼吁{group}为{who}{verb}{adj}{noun}。",
    "截至{year}年{month}月，该{noun}已{reached}{place}{num}{unit}。",
    "{co}的一项{adj}{noun}显示，{place}{pct}%的受访{group}缺少{adj2}{noun2}。",
    "{conn}，{co}计划在{place}{verb}总额{money}亿元的{adj}{noun}。",
    "{person}在{city}对{group}说，{topic}{verdict}。",
    "{month}月{day}日，约{num}名{group}和{who}参加了在{city}举行的{adj}{noun}活动。",
    "{small}个月来，{noun}{reached}{num}名{who}，超出{pct}%。",
    "去年{co}在{place}和{place2}{reached}了{num}{unit}，{person}说。",
    "{conn}，{person}认为{topic}和{topic2}{verdict}。",
    "{co}将于{target}年前在{place}{verb}{num}{unit}，目前为{small}{unit2}。",
]
ZH_HEADINGS = ["一、明确目标任务", "二、强化供应链管理", "三、完善信息披露", "四、加强组织保障", "试点取得的成效",
               "下一步工作安排", "企业代表发言摘要", "项目实施情况"]
ZH_TITLES = [
    "{co}在{place}为{who}{verb}{adj}{noun}",
    "{co}将于{target}年前{verb}{adj}{noun}",
    "{adj}{noun}{reached}{place}{num}{unit}",
    "{num}名{who}受益于{co}{topic}项目",
    "调查：{pct}%的{group}把{topic}放在首位",
    "{co}与{co2}联合{verb}{topic}{noun}",
    "{city}论坛聚焦{topic}与{topic2}",
    "{co}发布{year}年{topic}报告",
    "【企业社会责任十大事件】之{rank}：{co}{verb}{adj}{noun}",
    "{place}{who}受益于{co}{adj}{noun}",
]
ZH_TAGS = ["企业社会责任", "责任报告", "乡村振兴", "碳中和", "ESG", "绿色金融", "精准扶贫", "可持续发展", "金蜜蜂",
           "供应链", "公益", "信息披露", "生物多样性", "员工关爱"]
ZH_ORIGINAL = ["企业社会责任中国网", "企业社会责任中国网", "企业社会责任中国网", "本网"]
ZH_OUTLETS = ["新华网", "人民网", "中国新闻网", "中新网", "经济日报", "澎湃新闻", "第一财经", "可持续发展经济导刊",
              "《可持续发展经济导刊》", "光明网"]
ZH_AUTHORS = ["陈晨", "李明", "王芳", "刘洋", "赵静", "孙悦", "周晓", "黄磊", "吴昊", "张喆", "刘畅", "王磊"]


def _zh_numbers(rng: random.Random, year: int) -> dict[str, object]:
    person = f"{rng.choice(ZH_POOLS['role'])}{rng.choice(ZH_POOLS['surname'])}{rng.choice(ZH_POOLS['given'])}"
    return {"person": person, "year": rng.randint(max(2005, year - 8), year), "target": rng.randint(year + 2, year + 15),
            "num": rng.randint(12, 9800), "small": rng.randint(2, 11), "pct": rng.randint(3, 65),
            "money": rng.randint(2, 90), "rank": "一二三四五六七八九十"[rng.randrange(10)], "month": rng.randint(1, 12),
            "day": rng.randint(1, 28)}


def zh_paragraph(rng: random.Random, year: int) -> str:
    return "".join(_fill(rng.choice(ZH_SENTENCES), rng, ZH_POOLS, _zh_numbers(rng, year))
                   for _ in range(rng.randint(2, 5)))


def zh_title(rng: random.Random, year: int) -> str:
    return _fill(rng.choice(ZH_TITLES), rng, ZH_POOLS, _zh_numbers(rng, year))


# ---------------------------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------------------------

PARAGRAPH = {EN: en_paragraph, ZH: zh_paragraph}
TITLE = {EN: en_title, ZH: zh_title}
POOLS = {EN: EN_POOLS, ZH: ZH_POOLS}
NUMBERS = {EN: _en_numbers, ZH: _zh_numbers}
HEADINGS = {EN: EN_HEADINGS, ZH: ZH_HEADINGS}
CAPTION = {EN: "{Who} at the {adj} {noun} in {city}", ZH: "{city}{adj}{noun}现场（{person}摄）"}
BULLET = {EN: "·{Did} a {adj} {noun} for {who} in {place}", ZH: "·{verb}{adj}{noun}，{reached}{num}{unit}"}
CATEGORY_MIX = {EN: [("CSRNews", 3), ("Report", 1)], ZH: [("qiye", 3), ("zhengce", 2)]}


def posting_day(i: int, n: int) -> date:
    """The posting folder of the i-th of n articles: spread evenly over 2017-2025 (later
    indices, the new articles of the incremental variant, a few days after the last)."""
    return FIRST_DAY + timedelta(days=i * (LAST_DAY - FIRST_DAY).days // n)


def body(rng: random.Random, host: str, day: date, article_id: int) -> list[str]:
    """4-12 paragraphs, with now and then a sub-heading, an image and its caption, bullet lines."""
    paragraphs = [PARAGRAPH[host](rng, day.year) for _ in range(rng.randint(4, 12))]

    def line(frame: str) -> str:
        return _fill(frame, rng, POOLS[host], NUMBERS[host](rng, day.year))

    if rng.random() < 0.2:
        at = rng.randint(1, len(paragraphs) - 1)
        paragraphs[at:at] = [f"[img] /uploads/allimg/{day:%y%m%d}/1-{article_id}.jpg", "[caption] " + line(CAPTION[host])]
    if rng.random() < 0.15:
        paragraphs.insert(rng.randint(2, len(paragraphs) - 1), "## " + rng.choice(HEADINGS[host]))
    if rng.random() < 0.1:
        at = rng.randint(1, len(paragraphs) - 1)
        paragraphs[at:at] = [line(BULLET[host]) for _ in range(3)]
    return paragraphs


def _category(rng: random.Random, host: str):
    slugs, weights = zip(*CATEGORY_MIX[host])
    return CATEGORIES[(host, rng.choices(slugs, weights)[0])]


def _provenance(rng: random.Random, host: str, meta_line: bool) -> tuple[str | None, bool]:
    """(source as written, not_from_site): about 45% originals, 40% reprints, 15% no source."""
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(EN_ORIGINAL if host == EN else ZH_ORIGINAL), False
    if roll < 0.85:
        outlets = ZH_OUTLETS if host == ZH else EN_META_OUTLETS if meta_line else EN_OUTLETS
        return rng.choice(outlets), not meta_line and rng.random() < 0.8
    return None, False


def en_article(rng: random.Random, i: int, n: int, title: str, article_id: int) -> BenchArticle:
    """As on the real site: 2017 pages (templates A, B) run date, source, author and views
    together in a meta line; from 2018 the meta line is empty and the source is a line of the
    body (A-C), the article footer (D, from 2021) or a line before the body (E, dated)."""
    day = posting_day(i, n)
    shown = day + timedelta(days=rng.random() < 0.1)
    spec: dict = {}
    if day.year == 2017:
        template = rng.choice("AB")
        source, not_from_site = _provenance(rng, EN, meta_line=True)
        spec.update(date=f"{shown:%Y-%m-%d}", source_at="meta", author=rng.choice(EN_AUTHORS), views=rng.randint(3, 300))
    else:
        template = rng.choice("ABC" if day.year < 2021 else "ABCDE")
        source, not_from_site = _provenance(rng, EN, meta_line=False)
        spec.update(source_at=rng.choice(("first", "last")))
        if template == "E":
            spec.update(date=f"{shown:%Y-%m-%d}")
    tags = rng.sample(EN_TAGS, rng.randint(1, 3)) if rng.random() < 0.7 else []
    return BenchArticle(host=EN, id=article_id, category=_category(rng, EN), folder=f"{day:%Y/%m%d}", template=template,
                        title=title, body=body(rng, EN, day, article_id), source=source, not_from_site=not_from_site,
                        tags=tags, encoding="utf-8", **spec)


ZH_DATE_FORMATS = {  # each template's form of the meta line's date (formatted by hand: strftime and locales)
    "A": "{:%Y-%m-%d %H:%M:%S}", "B": "{:%Y-%m-%d}", "C": "{:%Y}年{:%m}月{:%d}日 {:%H:%M}",
    "D": "{:%Y}年{:%m}月{:%d}日 {:%H:%M}", "E": "{:%Y/%m/%d}",
}


def zh_article(rng: random.Random, i: int, n: int, title: str, article_id: int) -> BenchArticle:
    """Templates A and B throughout, C from 2019, D and E from 2021, each with its meta line's
    date form; every page GBK with no charset in the HTTP header."""
    day = posting_day(i, n)
    template = rng.choice("AB" if day.year < 2019 else "ABC" if day.year < 2021 else "ABCDE")
    shown = datetime(day.year, day.month, day.day, rng.randint(7, 21), rng.randint(0, 59), rng.randint(0, 59))
    shown += timedelta(days=rng.random() < 0.1)
    source, not_from_site = _provenance(rng, ZH, meta_line=False)
    tags = rng.sample(ZH_TAGS, rng.randint(1, 3)) if rng.random() < 0.7 else []
    author = rng.choice(ZH_AUTHORS) if rng.random() < 0.8 else None
    return BenchArticle(host=ZH, id=article_id, category=_category(rng, ZH), folder=f"{day:%Y/%m%d}", template=template,
                        title=title, body=body(rng, ZH, day, article_id), date=_zh_date(template, shown),
                        source=source, not_from_site=not_from_site, author=author, tags=tags, encoding="gbk")


def _zh_date(template: str, moment: datetime) -> str:
    form = ZH_DATE_FORMATS[template]
    return form.format(*[moment] * form.count("{"))


MAKE = {EN: en_article, ZH: zh_article}


def edition(host: str, n: int, extra: int, seed: int) -> list[BenchArticle]:
    """The n articles of an edition and ``extra`` posted after them; article i depends only on
    (seed, host, i, n), so the variant's first n articles are the base site's."""
    out, titles = [], set()
    article_id = FIRST_ID[host]
    for i in range(n + extra):
        rng = random.Random(f"{seed}:{host}:{i}")
        article_id += rng.randint(1, 3)
        year = posting_day(i, n).year
        title = TITLE[host](rng, year)
        while title in titles:  # titles are unique on the site
            title = TITLE[host](rng, year)
        titles.add(title)
        out.append(MAKE[host](rng, i, n, title, article_id))
    return out


def edit(a: BenchArticle, rng: random.Random, when: datetime) -> None:
    """An edit: the last paragraph rewritten, Last-Modified moved to ``when``."""
    year = a.folder_date.year
    a.body = a.body[:-1] + [PARAGRAPH[a.host](rng, year)]
    a.edited = when


# ---------------------------------------------------------------------------------------------
# Page furniture: what makes a page of the real site ~23 KB
# ---------------------------------------------------------------------------------------------

CSS_SELECTORS = ["body", ".top", ".logo", ".nav a", ".main", ".left", ".right", ".listbox li", ".dede_pages li",
                 ".footer", ".foot p", ".article h1", ".info span", ".content p", ".statement", ".sidebar li",
                 ".search input", ".tags a", ".position", ".hot-title", ".flink a", ".share a", ".pic-caption", ".ad-slot"]
CSS_PROPERTIES = ["margin:0 auto", "padding:0 10px", "font-size:14px", "line-height:26px", "color:#333", "color:#1a5fa8",
                  "background:#f5f5f5", "border-bottom:1px solid #ddd", "float:left", "width:980px", "overflow:hidden",
                  "text-align:center", "font-family:Arial,'Microsoft YaHei',sans-serif", "display:block", "height:32px"]
PARTNERS = {
    EN: ["UN Global Compact", "CSR Europe", "GRI", "WBCSD", "China Sustainability Tribune", "GoldenBee", "SynTao",
         "China Business Council for Sustainable Development", "UNDP China", "CDP China", "IUCN", "WWF China"],
    ZH: ["联合国全球契约", "可持续发展经济导刊", "金蜜蜂", "商道纵横", "中国可持续发展工商理事会", "联合国开发计划署",
         "中国企业改革与发展研究会", "中华环保联合会", "中国扶贫基金会", "中国青年报", "中国经济网", "光明网"],
}
FLINK_TITLE = {EN: "Partners", ZH: "友情链接"}


def site_style(host: str, seed: int) -> str:
    """The style sheet the CMS template inlines in <head> (the same on every page of a host)."""
    rng = random.Random(f"{seed}:css:{host}")
    rules = [f"{sel}{{{';'.join(rng.sample(CSS_PROPERTIES, rng.randint(3, 7)))}}}"
             for sel in CSS_SELECTORS for _ in range(3)]
    return "<style type=\"text/css\">\n" + "\n".join(rules) + "\n</style>\n"


def site_footer(host: str, seed: int) -> str:
    """Partner links (other sites: no crawl follows them) and the analytics snippet."""
    rng = random.Random(f"{seed}:footer:{host}")
    links = "".join(f'<a href="https://www.partner{k}.org/" target="_blank">{name}</a> '
                    for k, name in enumerate(PARTNERS[host]))
    analytics = "".join(f"_hmt.push(['_trackEvent', 'nav', 'click', 'item{k}']);\n" for k in range(rng.randint(8, 14)))
    return (f'<div class="flink"><span>{FLINK_TITLE[host]}</span>{links}</div>\n<script type="text/javascript">\n'
            "var _hmt = _hmt || [];\n(function() {\n  var hm = document.createElement(\"script\");\n"
            f"  hm.src = \"https://hm.baidu.com/hm.js?{rng.getrandbits(128):032x}\";\n"
            "  var s = document.getElementsByTagName(\"script\")[0];\n  s.parentNode.insertBefore(hm, s);\n})();\n"
            f"{analytics}</script>\n")


def ad_slots(rng: random.Random, size: int) -> str:
    """An ad-slot script of about ``size`` bytes (ASCII)."""
    lines, total = [], 0
    while total < size:
        line = (f"  {{id: 'slot{rng.randrange(10**6):06d}', w: {rng.choice((300, 728, 960, 250))}, "
                f"h: {rng.choice((90, 250, 60, 120))}, src: '/plus/ad_js.php?aid={rng.randrange(1, 400)}'}},\n")
        lines.append(line)
        total += len(line)
    return '<script type="text/javascript">\nvar dede_ads = [\n' + "".join(lines) + "];\n</script>\n"


def furnish(page: bytes, host: str, path: str, seed: int) -> bytes:
    """A generated page with the real site's furniture, padded to a size drawn for this page."""
    head = page.find(b"</head>")
    end = page.rfind(b"</body>")
    if head < 0 or end < 0:
        return page
    rng = random.Random(f"{seed}:page:{host}:{path}")
    style = site_style(host, seed).encode("ascii")
    footer = site_footer(host, seed).encode(ENCODING[host])
    missing = rng.randint(*PAGE_BYTES) - len(page) - len(style) - len(footer)
    slots = ad_slots(rng, missing).encode("ascii") if missing > 0 else b""
    return page[:head] + style + page[head:end] + footer + slots + page[end:]


# ---------------------------------------------------------------------------------------------
# The site
# ---------------------------------------------------------------------------------------------


@contextmanager
def list_page_size(size: int):
    """The mirror's list pages show csr_china.PAGE_SIZE articles; a bigger site, more a page."""
    saved = csr_china.PAGE_SIZE
    csr_china.PAGE_SIZE = size
    try:
        yield
    finally:
        csr_china.PAGE_SIZE = saved


def generate(out: Path = DEFAULT_OUT, articles: int = 1000, seed: int = SEED, new_percent: float = 0,
             edited_percent: float = 0) -> BenchSite:
    """Write the site (``articles`` per edition) into ``out``; see the module docstring."""
    new = math.ceil(articles * new_percent / 100)
    edited = math.ceil(articles * edited_percent / 100)
    all_articles, new_urls, edited_urls = [], [], []
    for host in HOSTS:
        posts = edition(host, articles, new, seed)
        base, fresh = posts[:articles], posts[articles:]
        newest = max(a.last_modified for a in posts)
        rng = random.Random(f"{seed}:edits:{host}")
        for k, a in enumerate(sorted(rng.sample(base, edited), key=lambda a: a.id)):
            edit(a, rng, newest + timedelta(days=1, minutes=7 * k))
            edited_urls.append(a.canonical_url)
        new_urls += [a.canonical_url for a in fresh]
        all_articles += posts
    with list_page_size(LIST_PAGE_SIZE):
        m, list_pages = build_site(all_articles)
    key = truth(m, list_pages)
    m.files = {(host, file): furnish(data, host, file, seed) if file.endswith((".html", ".php")) else data
               for (host, file), data in m.files.items()}
    out.mkdir(parents=True, exist_ok=True)
    write(out, m, key)
    stamps = [0.0]
    for host, paths in m.headers.items():  # each file's mtime is its Last-Modified
        for path, headers in paths.items():
            stamps.append(parsedate_to_datetime(headers["Last-Modified"]).timestamp())
            os.utime(out / host / url_file(path), (stamps[-1], stamps[-1]))
    for name in ("headers.json", "truth.json"):
        os.utime(out / name, (max(stamps), max(stamps)))
    stored = {host: [a["canonical_url"] for a in key["articles"] if a["host"] == host] for host in HOSTS}
    article_files = {(a.host, url_file(a.path)) for a in all_articles}
    pages = [data for key_, data in m.files.items() if key_ in article_files]
    return BenchSite(root=out, articles=stored, new=new_urls, edited=edited_urls,
                     list_pages=sum(len(p) for p in list_pages.values()), files=len(m.files),
                     article_bytes=sum(map(len, pages)) // max(1, len(pages)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"directory to write (default {DEFAULT_OUT})")
    parser.add_argument("--articles", type=int, default=1000, help="articles per edition")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--new-percent", type=float, default=0, help="new articles, percent of --articles")
    parser.add_argument("--edited-percent", type=float, default=0, help="edited articles, percent of --articles")
    args = parser.parse_args()
    site = generate(args.out, args.articles, args.seed, args.new_percent, args.edited_percent)
    print(f"{site.count} articles ({len(site.new)} new, {len(site.edited)} edited), {site.list_pages} list pages, "
          f"{site.files} files, article pages {site.article_bytes / 1024:.1f} KB on average -> {site.root}")


if __name__ == "__main__":
    main()
