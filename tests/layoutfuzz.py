"""Seeded layout fuzzer for CSR-China article pages (both editions).

Renders the same kind of article facts into randomly varied but plausible HTML pages, the way
the DedeCMS family of templates that csr-china.net has used over the years could serve them,
so the parsers can be tested on markup nobody in this project wrote. Written from the source
profile (shared/sources/csr-china.md) and the registry data (syndicate/data/sources.toml) only.

    facts(rng, edition)  -> dict of article facts ("en" or "zh")
    render(facts, rng)   -> (body_bytes, content_type_header, layout_description)
    case(seed)           -> {"seed", "facts", "body", "content_type", "layout"}
    cases(n, start=0)    -> n cases, seeds start .. start+n-1

Everything is drawn from a ``random.Random(seed)``: the same seed gives the same bytes (no set
or hash order is ever used). Stdlib only. ``python tests/layoutfuzz.py`` runs a self-check.

Fact rules (what a careful reader of the rendered page, knowing only the site profile, extracts)
--------------------------------------------------------------------------------------------
- ``source``/``language``: "csr_china_en"/"en" or "csr_china_zh"/"zh-Hans".
- ``url``: the real canonical address, ``https://en.csr-china.net/a/<section>/<category>/YYYY/
  MMDD/<id>.html`` or ``http://www.csr-china.net/a/...``; ids 200-900 rising with time, years
  2007-2025. YYYY/MMDD is the CMS posting folder.
- ``title``: the clean headline as shown in the page heading. About 10% of pages have no heading;
  then only ``<title>`` carries it, with one of the suffix forms (``Title - Category - Site``,
  ``Title_栏目名_站点名``, ``Title | Site`` ...); separators that belong to the title itself
  (``CSR promotes development | New trends ...``, ``Forum 2019: ... - a review``) are kept.
- ``published``: ISO 8601, seconds precision, ``+08:00``. The date shown on the page (meta line)
  with its time when one is shown; a day-only date means midnight. The page date may differ
  from the URL folder (the page wins). ONLY when the page shows no date at all is the value the
  URL posting folder's day at midnight (the project's rule). Dates in sidebars, related lists
  or the prose are never the article's date.
- ``author``: the author/editor field of the meta line (``Author:``, ``作者：``, ``编辑：``), or
  the CMS account in a run-together 2017 line (``2017-09-28China WTO Tribuneadmin0010`` ->
  "admin"); None when absent or empty, and None for the generic CMS accounts ``admin`` and
  ``editor``, which name no person (the page still prints them: ``byline``).
- ``category``: the last breadcrumb crumb (``Home > Knowledge > CSR News >`` -> "CSR News").
- ``tags``: the article's tags in order (labelled ``Tags:``/``Related keywords:``/``关键词：``/
  ``标签：`` as links or separated text, or unlabelled links to ``/tags.php?/<tag>/``); [] if none.
  A sidebar "hot tags" cloud is not the article's tags.
- ``body``: the paragraphs a reader sees, in order: prose, sub-headings, image captions,
  bullet lines exactly as written (``· item``; when rendered as a list the ``·`` is part of the
  item text), lines such as ``Interviewee: ...``/``Reason for listing: ...``/``数据来源：...``.
  The source statement, meta line, tags, disclaimer, navigation and sidebars are NOT body.
  Entities and numeric character references are decoded; whitespace is compared collapsed.
- ``origin``/``outlet``, the site's own rule: ``Source: <a name of the site>`` (registry
  site_names) -> "original", outlet = the source's site_outlet; ``Source: <other outlet>``
  (optionally ``(not from this site)``/``（非本网）``) -> "reprinted", outlet normalised through the
  registry [outlets] alias table (case and surrounding brackets/quotes ignored: ``China WTO
  Tribune`` -> "China Sustainability Tribune", ``《WTO经济导刊》`` -> "可持续发展经济导刊",
  ``&lt;China Daily&gt;`` -> "China Daily"); a name not in the table is kept as written, trimmed,
  without its brackets. No source statement, or an empty label (``来源：`` with nothing), ->
  "unknown", outlet None: never guessed from silence. The site-wide disclaimer quotes
  ``Source: CSR-China Website``/``来源：企业社会责任中国网`` as an example: never the article's source.
  The magazine (China WTO Tribune / China Sustainability Tribune, 《WTO经济导刊》/《可持续发展经济导刊》)
  and GoldenBee are sister publications, not the site: "reprinted".

``facts()`` also returns ``body_roles`` (one role per body paragraph: p, sub, caption, bullet,
line); it is a rendering hint, not a fact. The registry values used here are a snapshot of
syndicate/data/sources.toml (so bytes never change with the registry); the self-check reports drift.
"""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta
from urllib.parse import quote

# --------------------------------------------------------------------------------------------
# Registry snapshot (syndicate/data/sources.toml)
# --------------------------------------------------------------------------------------------

OUTLET_ALIASES = {
    "China WTO Tribune": "China Sustainability Tribune",
    "WTO Tribune": "China Sustainability Tribune",
    "China Sustainability Tribune": "China Sustainability Tribune",
    "WTO经济导刊": "可持续发展经济导刊",
    "可持续发展经济导刊": "可持续发展经济导刊",
    "Sino-Swedish Corporate Social": "Sino-Swedish Corporate Social Responsibility Website",
    "Sino-Swedish CSR Website": "Sino-Swedish Corporate Social Responsibility Website",
    "Xinhua": "Xinhua News Agency",
    "Xinhuanet": "Xinhua News Agency",
    "Xinhua News Agency": "Xinhua News Agency",
    "People's Daily": "People's Daily Online",
    "People's Daily Online": "People's Daily Online",
    "China Daily": "China Daily",
    "chinadaily.com.cn": "China Daily",
    "Reuters": "Reuters",
    "AP": "Associated Press",
    "Associated Press": "Associated Press",
    "AFP": "AFP",
    "CSR China": "CSR-China Website",
    "csr-china": "CSR-China Website",
    "en.csr-china.net": "CSR-China Website",
    "CSR-China Website": "CSR-China Website",
    "goldencsr": "GoldenBee",
    "GoldenBee": "GoldenBee",
    "金蜜蜂企业社会责任": "金蜜蜂",
    "金蜜蜂": "金蜜蜂",
    "新华网": "新华网",
    "新华社": "新华社",
    "人民网": "人民网",
    "中新网": "中国新闻网",
    "中国新闻网": "中国新闻网",
    "国际在线": "中央广电总台国际在线",
    "中央广电总台国际在线": "中央广电总台国际在线",
}

SITES = {
    "en": {
        "source": "csr_china_en",
        "host": "https://en.csr-china.net",
        "language": "en",
        "site_names": ["CSR-China Website", "CSR-China", "CSR China", "csr-china.net",
                       "www.csr-china.net", "企业社会责任中国网"],
        "site_outlet": "CSR-China Website",
        "cms_authors": ["admin", "editor", "csrchina"],
    },
    "zh": {
        "source": "csr_china_zh",
        "host": "http://www.csr-china.net",
        "language": "zh-Hans",
        "site_names": ["企业社会责任中国网", "本网", "企业社会责任中国", "csr-china.net",
                       "www.csr-china.net", "CSR-China"],
        "site_outlet": "企业社会责任中国网",
        "cms_authors": ["admin"],
    },
}

# The disclaimer, verbatim from the profile (English) and in the profile's Chinese wording.
DISCLAIMER_EN = [
    'All the materials on the site "Source: XXX (not from this site)" have been reprinted from '
    "other media. They do not imply the agreement by the site.",
    'All the materials with "Source: CSR-China Website" are the copyright of CSR-China Website. '
    "None of them may be used in any form or by any means without permission from CSR-China Website.",
]
DISCLAIMER_ZH = [
    "凡本网注明{q1}来源：XXX（非本网）{q2}的作品，均转载自其它媒体，转载目的在于传递更多信息，"
    "并不代表本网赞同其观点和对其真实性负责。",
    "凡本网注明{q1}来源：企业社会责任中国网{q2}的作品，版权均属于企业社会责任中国网，"
    "未经本网授权不得转载、摘编或利用其它方式使用上述作品。",
]

# --------------------------------------------------------------------------------------------
# Site structure
# --------------------------------------------------------------------------------------------

SECTIONS = {
    "en": [
        ("knowledge", "Knowledge", [("CSRNews", "CSR News"), ("Research", "Research"),
                                    ("Reports", "CSR Reports")]),
        ("news", "News", [("Events", "Events"), ("Companies", "Corporate Practice"),
                          ("Policy", "Policy")]),
        ("goldenbee", "GoldenBee", [("Forum", "GoldenBee Forum"), ("Top10", "Top 10 CSR Events")]),
        ("interview", "Interviews", [("Leaders", "CSR Leaders")]),
    ],
    "zh": [
        ("news", "新闻中心", [("qiye", "企业动态"), ("guonei", "国内资讯"), ("guoji", "国际视野")]),
        ("zerenbaogao", "责任报告", [("fabu", "报告发布"), ("pingjia", "报告评价")]),
        ("jinmifeng", "金蜜蜂", [("luntan", "金蜜蜂论坛"), ("shida", "十大事件")]),
        ("guandian", "观点", [("zhuanlan", "专栏评论"), ("fangtan", "人物访谈")]),
    ],
}


def _section_names(edition, sec_slug, cat_slug):
    for s, sname, cats in SECTIONS[edition]:
        if s == sec_slug:
            for c, cname in cats:
                if c == cat_slug:
                    return sname, cname
    raise KeyError((sec_slug, cat_slug))


URL_RE = re.compile(r"^(https?://[^/]+)/a/([^/]+)/([^/]+)/(\d{4})/(\d{2})(\d{2})/(\d+)\.html$")

# --------------------------------------------------------------------------------------------
# Text banks
# --------------------------------------------------------------------------------------------

EN_POOLS = {
    "C": ["Huaxin Energy Group", "Dongfang Shipping", "Jinghua Textiles", "Zhongtian Pharmaceuticals",
          "Sanjiang Power", "Beiyuan Dairy", "Hengtai Steel", "Longxin Telecom", "Minhai Chemicals",
          "Xingda Electronics", "Tianrun Foods", "Yuexiu Logistics", "Kunlun Mining", "Nanhua Bank",
          "Qilu Construction", "Haixing Auto", "Baiyun Retail", "Changjiang Water", "Fenghua Paper",
          "Ruida Solar"],
    "T": ["supply chain responsibility", "carbon neutrality", "rural revitalization",
          "employee wellbeing", "biodiversity protection", "responsible sourcing", "ESG disclosure",
          "green finance", "the Sustainable Development Goals", "the circular economy",
          "community investment", "anti-corruption compliance", "product safety",
          "gender equality at work", "water stewardship", "occupational health & safety",
          "climate adaptation", "responsible marketing"],
    "I": ["ICT", "textile", "automotive", "mining", "banking", "shipping", "food and beverage",
          "construction", "pharmaceutical", "power", "logistics", "retail", "steel", "chemical"],
    "CITY": ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Chengdu", "Guangzhou", "Wuhan", "Xi'an",
             "Nanjing", "Tianjin", "Stockholm", "Brussels", "Geneva", "Qingdao"],
    "E": ["GoldenBee CSR Forum", "China CSR Report Conference", "Sustainable Development Summit",
          "annual CSR Leaders Meeting", "Responsible Competitiveness Forum",
          "Sino-European CSR Dialogue", "Green Supply Chain Forum"],
    "P": ["Wang Lei", "Liu Yang", "Zhang Wei", "Sarah Chen", "Li Na", "Michael Brown", "Zhao Jing",
          "Sun Wei", "Anna Lindqvist", "Chen Hao", "Huang Tao", "Lin Fang", "David Miller", "Zhou Min"],
    "R": ["Director of Sustainability", "Vice President", "Secretary-General", "CSR Manager",
          "Chief Executive", "head of public affairs", "Chief Sustainability Officer", "chairman"],
}

EN_SENTENCES = [
    "{C} released its {Y} sustainability report in {CITY}, setting out its progress on {T} and the targets it has set for the next three years.",
    "The report shows that the company invested {BIG} in {T} last year, up {PCT} on the previous year.",
    "Speaking at the launch, {P}, {R} of {C}, said that responsible business is no longer a choice but a condition for long-term growth.",
    "More than {N} companies from the {I} sector took part in the survey, which was carried out between March and June.",
    "According to the organizers, the event brought together representatives of government, business, academia and civil society.",
    "Participants agreed that {T} will remain a priority for Chinese companies operating overseas.",
    "“We have to listen to our stakeholders before we decide what to report,” {P} told the audience.",
    "The study found that {PCT} of the companies surveyed now publish a stand-alone CSR or ESG report.",
    "Small and medium-sized enterprises, however, still lack the resources and expertise to manage {T} systematically.",
    "{C} & {C2} signed a memorandum of understanding on {T} during the forum.",
    "The {E} has been held every year since 2008 and has become an important platform for dialogue on corporate responsibility.",
    "Experts pointed out that disclosure alone is not enough: companies must show how their actions change outcomes on the ground.",
    "In {CITY}, {N} volunteers from {C} spent the weekend planting trees along the river bank.",
    "The company's employee volunteer program has so far served more than {N},000 people in rural communities.",
    "Analysts expect the new rules to push more listed companies in the {I} industry to improve the quality of their reports.",
    "The guidelines cover governance, environmental management, labor practices, product responsibility and community involvement.",
    "Several speakers stressed the role of the supply chain, where most of the social and environmental risks of a brand are found.",
    "{C} said it would cut the carbon intensity of its operations by {PCT} by 2030 compared with 2020 levels.",
    "The panel discussion, chaired by {P}, focused on how to measure the social value created by business.",
    "Some delegates warned that \"green-washing\" could undermine public trust if reports are not independently verified.",
    "The evaluation scored each report on completeness, materiality, balance, comparability, readability and innovation.",
    "For the first time, the ranking also covered foreign-invested enterprises operating in China.",
    "Local residents welcomed the project, which has brought clean drinking water to {N} villages.",
    "The initiative is part of the company's wider strategy to align its business with the UN Sustainable Development Goals.",
    "{P}, a researcher who has followed the sector for many years, said the change in attitude over the past decade had been remarkable.",
    "Ten years ago, few managers in the {I} industry had heard of corporate social responsibility; today most large firms have a dedicated team.",
    "The results will be published in full on the organizer's website later this month.",
    "Questions from the audience touched on pay, working hours and the protection of migrant workers' rights.",
    "The company also opened its factory in {CITY} to the public, inviting neighbors to see how waste water is treated.",
    "Investors are paying closer attention to how companies manage climate risk, one speaker noted.",
    "The award recognizes companies that have built responsibility into their core business rather than treating it as charity.",
    "{C} was among {N} companies recognized for their contribution to {T}.",
    "The program trains young teachers from western provinces in modern teaching methods.",
    "Since its launch, the fund has supported {N} projects in education, health and environmental protection.",
    "The organizers said next year's meeting would focus on {T}.",
    "A spokesperson for {C} said the company would publish a progress update within six months.",
    "Consumers, especially younger ones, increasingly expect brands to take a stand on social and environmental issues.",
    "The forum closed with the release of a joint statement calling for closer cooperation on {T}.",
    "Data collected by the research team show a steady rise in the number of reports that follow international standards such as GRI.",
    "The {I} industry accounts for a large share of energy use in the region, making its transition especially important.",
    "Workshops held on the second day gave practitioners the chance to share tools and case studies.",
    "“It’s not about how much you give, it’s about how you do business,” said {P}.",
    "The company has also set up a grievance mechanism through which workers and community members can raise concerns.",
    "Observers say the real test will be whether targets are met, not whether they are announced.",
    "Participants visited a demonstration farm where {C} is testing low-carbon farming techniques.",
    "The report ranks {N} provinces and cities by the quality of corporate disclosure.",
    "Delegates from {N} countries and regions attended the conference, held in {CITY}.",
    "Supplier audits found that working conditions had improved at most of the factories visited, although problems with overtime remain.",
    "The new standard will take effect on 1 January next year.",
    "{C} plans to extend the program to all of its {N} subsidiaries by the end of the year.",
    "Women now make up {PCT} of the company's management team, according to the report.",
    "The meeting was co-organized by the GoldenBee think tank and several industry associations.",
    "Experts also discussed how artificial intelligence might change the way companies identify and manage risks.",
    "The new platform allows suppliers to report energy and water data online, replacing paper questionnaires.",
    "{C}'s chairman said the group would treat {T} as a long-term commitment, not a one-off campaign.",
    "Students from {N} universities took part in the case competition, presenting ideas on {T}.",
    "The foundation's accounts are audited every year and published in full.",
    "The company reported zero serious safety incidents for the third year running.",
    "Some {PCT} of the raw materials used by the group now come from certified sources.",
    "The event was streamed online and watched by more than {N},000 viewers.",
    "Research & development spending on cleaner products rose to {BIG}, the company said.",
    "\"Responsibility is a journey, not a destination,\" {P} said in closing remarks.",
    "The case studies presented at the meeting came from {I}, {I2} and service companies.",
    "Organizers hope the guide will help first-time reporters avoid the most common mistakes.",
    "{C} has joined the industry's pledge to phase out single-use plastics in its packaging by {Y2}.",
    "The survey also asked employees whether they felt their company lived up to its stated values.",
]

EN_TITLES = [
    "{C} releases {Y} sustainability report",
    "{C} publishes first ESG report, pledges progress on {T}",
    "【Top 10 CSR Events in China】No.{n} {EV}",
    "CSR promotes development | New trends in the {I} industry",
    "Forum {Y}: {Tc} - a review",
    "Interview: {P} on {T}",
    "China's {I} sector steps up efforts on {T}",
    "GoldenBee {Y} report: {N} companies disclose progress on {T}",
    "Experts call for stronger {T} in the {I} industry",
    "“Green Factory” program: {C} opens its doors to neighbors",
    "{CITY} hosts the {E}",
    "Health & Safety first: {C} reviews its {I} operations",
    "Responsible business in the age of AI | Views from {CITY}",
    "{Tc} - what the new guidelines mean for companies",
    "【GoldenBee Forum】{Tc} on the agenda in {CITY}",
    "{N} companies recognized for leadership in {T}",
    "Why {T} matters for China's {I} exporters",
    "From pledges to practice: {C} and {T}",
    "{C} volunteers bring clean water to {N} villages",
    "Report: {PCT} of {I} companies now disclose ESG data",
]
EN_EVENTS = [
    "Sustainability reporting becomes mandatory for listed companies",
    "Carbon neutrality targets reshape corporate strategy",
    "Rural revitalization draws record corporate investment",
    "Supply chain audits go digital",
    "Companies respond to the flood emergency",
    "Green finance guidelines take effect",
]
EN_SUBS = ["Background", "Key findings", "What companies are doing", "Challenges remain",
           "Looking ahead", "Voices from the industry", "About the report", "Next steps",
           "From pledges to practice", "A growing community", "The numbers"]
EN_CAPTIONS = ["Photo: the opening ceremony of the {E}", "{P} speaks at the forum",
               "Volunteers from {C} plant trees in {CITY}", "The report launch in {CITY}",
               "Delegates visit a demonstration project", "Photo by {P}",
               "Participants at the workshop on {T}"]
EN_BULLETS = ["· Publish an annual sustainability report", "· Set science-based emission targets",
              "· Train suppliers on labor standards", "· Establish a grievance mechanism for workers",
              "· Invest in local communities", "· Disclose water and energy data",
              "· Protect biodiversity around operating sites", "· Ensure equal pay for equal work",
              "· Strengthen anti-corruption controls", "· Support rural revitalization projects"]
EN_BULLET_INTROS = ["The guidelines ask companies to:", "The recommendations include the following:",
                    "Among the commitments announced:", "The report highlights five priorities:"]
EN_TAGS = ["csr europe", "sustainability", "supply chain", "ICT", "ESG", "carbon neutrality",
           "GoldenBee", "CSR report", "SDGs", "green finance", "rural revitalization",
           "employee volunteering", "biodiversity", "Global Compact", "climate change", "CSR",
           "responsible sourcing", "disclosure"]
EN_PEOPLE_OTHER = ["Wang Lei", "Liu Yang", "Zhang Wei", "Sarah Chen", "Li Na", "Michael Brown",
                   "Zhao Jing", "Chen Hao", "Lin Fang"]
EN_OTHER_OUTLETS = ["Global Times", "China.org.cn", "CGTN", "Caixin Global", "South China Morning Post",
                    "Business Green", "Sustainable Brands", "UN Global Compact", "CSR Europe",
                    "Ethical Corporation", "ECNS", "Shanghai Daily", "Financial Times"]
EN_TABLE_OUTLETS = ["China Sustainability Tribune", "China Sustainability Tribune",
                    "China Sustainability Tribune",
                    "Sino-Swedish Corporate Social Responsibility Website", "Xinhua News Agency",
                    "People's Daily Online", "China Daily", "Reuters", "Associated Press", "AFP",
                    "GoldenBee"]

ZH_POOLS = {
    "公司": ["华信能源集团", "东方航运", "京华纺织", "中天药业", "三江电力", "北原乳业", "恒泰钢铁",
           "龙信通信", "闽海化工", "兴达电子", "天润食品", "粤秀物流", "昆仑矿业", "南华银行",
           "齐鲁建工", "海星汽车", "白云商业", "长江水务", "丰华纸业", "瑞达光伏"],
    "议题": ["供应链责任", "碳中和", "乡村振兴", "员工权益保护", "生物多样性保护", "责任采购",
           "ESG信息披露", "绿色金融", "可持续发展目标", "循环经济", "社区投资", "反腐败合规",
           "产品质量安全", "性别平等", "水资源管理", "安全生产", "公益慈善", "绿色低碳转型"],
    "行业": ["通信", "纺织", "汽车", "采矿", "银行", "航运", "食品饮料", "建筑", "医药", "电力",
           "物流", "零售", "钢铁", "化工"],
    "城市": ["北京", "上海", "深圳", "杭州", "成都", "广州", "武汉", "西安", "南京", "天津", "重庆",
           "青岛"],
    "人": ["陈晨", "李明", "王磊", "张华", "刘洋", "赵静", "孙伟", "周敏", "吴昊", "郑雪", "黄涛", "林芳"],
    "职务": ["副总裁", "社会责任部总经理", "董事长", "首席可持续发展官", "总经理", "品牌部负责人"],
    "会议": ["金蜜蜂企业社会责任国际论坛", "中国企业社会责任报告国际研讨会", "可持续发展高峰论坛",
           "企业社会责任年会", "责任竞争力论坛", "绿色供应链论坛"],
}

ZH_SENTENCES = [
    "{年}年，{公司}发布了第{数}份企业社会责任报告，系统披露了公司在{议题}方面的实践与成效。",
    "报告显示，公司全年在{议题}领域投入资金{金额}，同比增长{百分比}。",
    "{公司}{职务}{人}在发布会上表示，履行社会责任是企业实现高质量发展的内在要求。",
    "本次调研覆盖{行业}行业的{数}家企业，调研时间为当年3月至6月。",
    "与会嘉宾来自政府部门、企业、研究机构和社会组织，围绕{议题}展开了深入讨论。",
    "专家指出，信息披露只是第一步，企业更需要用实际行动回应利益相关方的关切。",
    "“我们必须先倾听利益相关方的声音，再决定报告什么内容。”{人}说。",
    "研究发现，{百分比}的受访企业已经发布独立的社会责任报告或ESG报告。",
    "然而，中小企业在{议题}管理方面仍普遍缺乏资源和专业能力。",
    "论坛期间，{公司}与{公司2}签署了关于{议题}的战略合作协议。",
    "{会议}自2008年起每年举办一次，已成为企业社会责任领域重要的交流平台。",
    "在{城市}，{公司}的{数}名员工志愿者利用周末时间开展了植树活动。",
    "截至目前，该公司员工志愿服务项目已累计服务农村社区群众{数}000余人次。",
    "业内人士预计，新规将推动更多{行业}行业上市公司提升报告质量。",
    "指南涵盖公司治理、环境管理、劳工实践、产品责任和社区参与等方面内容。",
    "多位发言嘉宾强调，供应链是品牌社会和环境风险最集中的环节。",
    "{公司}承诺，到2030年单位产值碳排放强度较2020年下降{百分比}。",
    "圆桌对话由{人}主持，重点讨论了如何衡量企业创造的社会价值。",
    "有代表提醒，如果报告缺乏独立鉴证，“漂绿”行为可能损害公众信任。",
    "评价从完整性、实质性、平衡性、可比性、可读性和创新性六个维度对报告进行打分。",
    "今年的榜单首次纳入了在华经营的外资企业。",
    "项目为周边{数}个村庄解决了饮水安全问题，受到当地群众的欢迎。",
    "该倡议是公司将业务与联合国可持续发展目标相结合的重要举措。",
    "长期关注该领域的研究者{人}表示，过去十年企业观念的变化令人印象深刻。",
    "十年前，{行业}行业很少有管理者了解企业社会责任，如今大多数大型企业都设立了专门团队。",
    "评价结果将于本月晚些时候在主办方网站全文公布。",
    "现场观众的提问涉及薪酬、工时以及农民工权益保护等问题。",
    "公司还向公众开放了位于{城市}的工厂，邀请周边居民参观污水处理流程。",
    "一位发言人指出，投资者越来越关注企业如何管理气候风险。",
    "该奖项旨在表彰将责任理念融入核心业务、而非仅仅开展慈善捐赠的企业。",
    "{公司}等{数}家企业因在{议题}方面的突出贡献获得表彰。",
    "该项目为西部省份的青年教师提供现代教学方法培训。",
    "基金设立以来，已资助教育、卫生和环保领域项目{数}个。",
    "主办方表示，明年的会议将聚焦{议题}。",
    "{公司}相关负责人表示，公司将在六个月内发布进展报告。",
    "消费者，尤其是年轻一代，越来越期待品牌在社会和环境议题上表明态度。",
    "论坛最后发布了联合倡议，呼吁各方在{议题}方面加强合作。",
    "研究团队收集的数据显示，参照GRI等国际标准编制的报告数量稳步上升。",
    "{行业}行业在当地能源消费中占比较大，其绿色转型尤为重要。",
    "第二天的工作坊为从业者提供了分享工具和案例的机会。",
    "“关键不在于捐了多少钱，而在于如何做生意。”{人}说。",
    "公司还建立了申诉机制，员工和社区居民可以通过该渠道反映问题。",
    "观察人士认为，真正的考验在于目标能否实现，而不在于是否宣布。",
    "与会者参观了{公司}的示范农场，了解低碳农业技术的试验情况。",
    "报告按照企业信息披露质量对{数}个省市进行了排名。",
    "来自{数}个国家和地区的代表出席了在{城市}举行的会议。",
    "供应商审核发现，大多数受访工厂的工作条件有所改善，但加班问题依然存在。",
    "新标准将于明年1月1日起正式实施。",
    "{公司}计划在年底前将该项目推广至旗下全部{数}家子公司。",
    "报告显示，女性在公司管理层中的占比已达到{百分比}。",
    "本次会议由金蜜蜂智库联合多家行业协会共同主办。",
    "专家还探讨了人工智能将如何改变企业识别和管理风险的方式。",
    "新平台支持供应商在线填报能耗和用水数据，取代了以往的纸质问卷。",
    "{公司}董事长表示，集团将把{议题}作为一项长期承诺，而不是一次性的活动。",
    "来自{数}所高校的学生参加了案例大赛，围绕{议题}提出了各自的方案。",
    "基金会账目每年接受审计，并向社会全文公开。",
    "公司已连续三年实现重大安全事故为零。",
    "目前，集团约{百分比}的原材料来自经过认证的供应商。",
    "活动全程进行网络直播，在线观看人数超过{数}万。",
    "据了解，这是{城市}首次举办此类主题活动。",
    "近年来，“双碳”目标的提出为企业履责指明了新的方向。",
    "他认为，企业应当把{议题}纳入日常经营决策，而不是停留在口号层面。",
    "《{公司}{年}年社会责任报告》首次引入了第三方鉴证。",
    "会上，{人}介绍了{行业}行业推进{议题}的经验与挑战。",
    "下一步，公司将继续完善社会责任管理体系，加强与利益相关方的沟通。",
]

ZH_TITLES = [
    "{公司}发布{年}年可持续发展报告",
    "《{年}中国企业社会责任报告白皮书》在京发布",
    "【{年}年度中国企业社会责任十大事件】之{序}：{事件}",
    "“{概念}”成为企业社会责任新热点",
    "{会议}在{城市}举行",
    "专访{人}：{议题}是企业的长期功课",
    "{行业}行业加快推进{议题}",
    "金蜜蜂{年}企业社会责任报告评价结果揭晓",
    "{公司}：以{议题}助力高质量发展",
    "{数}家企业获评“{年}责任竞争力案例”",
    "《{行业}行业社会责任指南》正式发布",
    "{公司}员工志愿者走进{城市}社区",
    "专家热议{议题}：从承诺走向行动",
    "{城市}企业{议题}实践观察",
]
ZH_EVENTS = ["上市公司ESG信息披露全面提速", "“双碳”目标引领企业绿色转型", "企业踊跃参与乡村振兴",
             "供应链责任管理迈入数字化", "企业驰援防汛救灾", "绿色金融指引正式实施"]
ZH_CONCEPTS = ["责任竞争力", "共享价值", "双碳", "绿色供应链", "负责任投资", "社会价值"]
ZH_ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
ZH_SUBS_NUMBERED = ["一、项目背景", "二、主要做法", "三、取得成效", "四、下一步计划"]
ZH_SUBS = ["专家观点", "企业实践", "报告亮点", "数据解读", "案例分享", "责任故事", "行业观察"]
ZH_CAPTIONS = ["图为论坛现场", "图为{公司}员工志愿者在{城市}开展植树活动", "图：报告发布会现场",
               "{人}在论坛上发言", "与会嘉宾参观示范项目", "摄影：{人}", "图为{会议}开幕式"]
ZH_BULLETS = ["· 建立健全社会责任管理体系", "· 定期发布社会责任报告", "· 加强供应链社会责任管理",
              "· 推进节能减排与绿色低碳转型", "· 积极参与乡村振兴", "· 保障员工合法权益",
              "· 加强生物多样性保护", "· 完善利益相关方沟通机制"]
ZH_BULLET_INTROS = ["指南对企业提出以下要求：", "倡议主要包括以下内容：", "报告提出了几点建议："]
ZH_TAGS = ["企业社会责任", "可持续发展", "社会责任报告", "金蜜蜂", "碳中和", "乡村振兴", "ESG",
           "绿色金融", "供应链", "公益", "员工志愿者", "生物多样性", "责任竞争力", "全球契约"]
ZH_PEOPLE = ["陈晨", "李明", "王磊", "张华", "刘洋", "赵静", "孙伟", "周敏", "吴昊", "郑雪"]
ZH_OTHER_OUTLETS = ["经济日报", "光明网", "中国经济网", "央视网", "21世纪经济报道", "中国青年报",
                    "澎湃新闻", "第一财经", "中国日报网", "中国证券报", "南方周末", "中国环境报"]
ZH_TABLE_OUTLETS = ["可持续发展经济导刊", "可持续发展经济导刊", "金蜜蜂", "新华网", "新华社", "人民网",
                    "中国新闻网", "中央广电总台国际在线"]


def _fill(template, rng, ctx):
    cache = {}

    def one(m):
        key = m.group(1)
        if key in cache:
            return cache[key]
        base = key.rstrip("2")
        if base == "Y":
            v = str(ctx["year"] + (rng.randint(3, 8) if key == "Y2" else 0))
        elif key in ("N", "数"):
            v = str(rng.choice([3, 5, 8, 10, 12, 15, 20, 26, 30, 45, 50, 60, 100, 120]))
        elif key == "n":
            v = str(rng.randint(1, 10))
        elif key == "序":
            v = rng.choice(ZH_ORDINALS)
        elif key == "年":
            v = str(ctx["year"])
        elif key == "PCT":
            v = f"{rng.randint(5, 85)}%" if rng.random() < 0.7 else f"{rng.randint(5, 85)} percent"
        elif key == "百分比":
            v = f"{rng.randint(5, 85)}%" if rng.random() < 0.7 else f"{rng.randint(5, 85)}.{rng.randint(1, 9)}%"
        elif key == "BIG":
            v = f"{rng.randint(2, 900)} million yuan"
        elif key == "金额":
            v = rng.choice([f"{rng.randint(2, 90)}亿元", f"{rng.randint(100, 9000)}万元"])
        elif key == "EV":
            v = rng.choice(EN_EVENTS)
        elif key == "事件":
            v = rng.choice(ZH_EVENTS)
        elif key == "概念":
            v = rng.choice(ZH_CONCEPTS)
        elif key == "Tc":
            t = rng.choice(EN_POOLS["T"])
            if t.startswith("the "):
                t = t[4:]
            v = t[0].upper() + t[1:]
        else:
            pools = EN_POOLS if base in EN_POOLS else ZH_POOLS
            v = rng.choice(pools[base])
            # a second company/industry differs from the first
            other = cache.get(base)
            while other is not None and v == other:
                v = rng.choice(pools[base])
        cache[key] = v
        return v

    return re.sub(r"\{([A-Za-z]+2?|[\u4e00-\u9fff]+2?)\}", one, template)


def _title(rng, edition, year):
    bank = EN_TITLES if edition == "en" else ZH_TITLES
    return _fill(rng.choice(bank), rng, {"year": year})


def _sentences(rng, edition, year):
    bank = list(EN_SENTENCES if edition == "en" else ZH_SENTENCES)
    rng.shuffle(bank)
    for t in bank:
        yield _fill(t, rng, {"year": year})


def _size(text, edition):
    return len(text.split()) if edition == "en" else len(re.sub(r"\s", "", text))


def _body(rng, edition, year, title):
    """Paragraph texts and their roles."""
    en = edition == "en"
    target = rng.randint(210, 520) if en else rng.randint(320, 1040)
    n = rng.randint(3, 8)
    sents = _sentences(rng, edition, year)
    paras = [[] for _ in range(n)]
    total = 0
    i = 0
    while total < target or any(not p for p in paras):
        s = next(sents, None)
        if s is None:
            break
        paras[i % n].append(s)
        total += _size(s, edition)
        i += 1
    joiner = " " if en else ""
    texts = [joiner.join(p) for p in paras if p]
    roles = ["p"] * len(texts)
    body = list(zip(texts, roles))
    pools_ctx = {"year": year}

    def ins(pos, items):
        body[pos:pos] = items

    # sub-headings
    if rng.random() < 0.3 and len(body) >= 3:
        k = rng.randint(1, min(3, len(body) - 1))
        positions = sorted(rng.sample(range(1, len(body)), k))
        if en:
            subs = rng.sample(EN_SUBS, k)
        elif rng.random() < 0.5 and k <= 4:
            subs = ZH_SUBS_NUMBERED[:k]
        else:
            subs = rng.sample(ZH_SUBS, k)
        for pos, sub in reversed(list(zip(positions, subs))):
            ins(pos, [(sub, "sub")])
    # a bullet list after an introducing line
    if rng.random() < 0.2:
        pos = rng.randint(1, len(body))
        items = rng.sample(EN_BULLETS if en else ZH_BULLETS, rng.randint(2, 5))
        intro = rng.choice(EN_BULLET_INTROS if en else ZH_BULLET_INTROS)
        ins(pos, [(intro, "p")] + [(b, "bullet") for b in items])
    # image captions (a short line after an image)
    if rng.random() < 0.25:
        for _ in range(rng.randint(1, 2)):
            # never inside a bullet list
            spots = [i for i in range(len(body) + 1) if i == len(body) or body[i][1] != "bullet"]
            pos = rng.choice(spots)
            cap = _fill(rng.choice(EN_CAPTIONS if en else ZH_CAPTIONS), rng, pools_ctx)
            items = [(cap, "caption")]
            if rng.random() < 0.12:
                items.append((_fill("Data source: {C} Sustainability Report {Y}" if en
                                    else "数据来源：{公司}{年}年社会责任报告", rng, pools_ctx), "line"))
            ins(pos, items)
    # interview and series lines
    if title.startswith("Interview") or title.startswith("专访"):
        line = (_fill("Interviewee: {P}, {R} of {C}", rng, pools_ctx) if en
                else _fill("受访者：{人}，{公司}{职务}", rng, pools_ctx))
        ins(0, [(line, "line")])
    elif rng.random() < 0.05:
        line = (_fill("Interviewee: {P}, {R} of {C}", rng, pools_ctx) if en
                else _fill("采访对象：{人}，{公司}{职务}", rng, pools_ctx))
        ins(rng.randint(0, 1), [(line, "line")])
    if "Top 10" in title or "十大事件" in title:
        s = next(sents, None) or ("The event marks a turning point." if en else "该事件具有标志性意义。")
        line = ("Reason for listing: " if en else "入选理由：") + s
        ins(len(body) if rng.random() < 0.6 else 1, [(line, "line")])
    return [t for t, _ in body], [r for _, r in body]


# --------------------------------------------------------------------------------------------
# Outlet rules
# --------------------------------------------------------------------------------------------

_BRACKETS = [("《", "》"), ("“", "”"), ('"', '"'), ("<", ">"), ("〈", "〉"), ("「", "」"), ("'", "'"),
             ("‘", "’")]


def strip_brackets(name):
    s = name.strip()
    changed = True
    while changed and len(s) >= 2:
        changed = False
        for a, b in _BRACKETS:
            if s.startswith(a) and s.endswith(b):
                s = s[len(a):-len(b)].strip()
                changed = True
    return s


def normalise_outlet(name):
    """The outlet a written source name stands for ([outlets] table, else as written)."""
    s = strip_brackets(name)
    if not s:
        return None
    key = s.casefold()
    for k, v in OUTLET_ALIASES.items():
        if k.casefold() == key:
            return v
    return s


def classify_source(name, edition):
    """(origin, outlet) for what follows a source label, per the site's rule."""
    s = strip_brackets(name or "")
    if not s:
        return "unknown", None
    site = SITES[edition]
    if s.casefold() in [n.casefold() for n in site["site_names"]]:
        return "original", site["site_outlet"]
    out = normalise_outlet(s)
    if out == site["site_outlet"]:
        return "original", out
    return "reprinted", out


def _known_name(name, edition):
    """Can this name be split out of a run-together meta line (a registry name)?"""
    k = name.casefold()
    return (any(a.casefold() == k for a in OUTLET_ALIASES)
            or any(n.casefold() == k for n in SITES[edition]["site_names"]))


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------

def _iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + "+08:00"


GENERIC_ACCOUNTS = frozenset({"admin", "editor", "csrchina"})  # CMS accounts (cms_authors) that name no person


def facts(rng, edition):
    assert edition in ("en", "zh")
    site = SITES[edition]
    en = edition == "en"
    sec_slug, _sec_name, cats = rng.choice(SECTIONS[edition])
    cat_slug, cat_name = rng.choice(cats)
    year = rng.randint(2007, 2025)
    folder = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    frac = ((folder - date(2007, 1, 1)).days) / ((date(2026, 1, 1) - date(2007, 1, 1)).days)
    art_id = max(200, min(900, 200 + int(frac * 700) + rng.randint(-4, 4)))
    url = f"{site['host']}/a/{sec_slug}/{cat_slug}/{folder:%Y}/{folder:%m%d}/{art_id}.html"

    # the page date (may be later than the posting folder) and the precision the page shows
    pdate = folder if rng.random() < 0.8 else folder + timedelta(days=rng.choice([1, 1, 1, 2, 3]))
    if en and 2015 <= year <= 2018:
        weights = {"sec": 0.1, "min": 0.05, "day": 0.65, "none": 0.2}
    elif en and year >= 2019:
        weights = {"sec": 0.15, "min": 0.05, "day": 0.2, "none": 0.6}
    elif en:
        weights = {"sec": 0.3, "min": 0.15, "day": 0.4, "none": 0.15}
    else:
        weights = {"sec": 0.4, "min": 0.2, "day": 0.25, "none": 0.15}
    prec = rng.choices(list(weights), list(weights.values()))[0]
    if prec == "none":
        dt = datetime(folder.year, folder.month, folder.day)
    elif prec == "day":
        dt = datetime(pdate.year, pdate.month, pdate.day)
    elif prec == "min":
        dt = datetime(pdate.year, pdate.month, pdate.day, rng.randint(7, 22), rng.randint(0, 59))
    else:
        dt = datetime(pdate.year, pdate.month, pdate.day, rng.randint(7, 22), rng.randint(0, 59),
                      rng.randint(1, 59))

    # author
    if en:
        if 2015 <= year <= 2018:
            w = {"cms": 0.6, "none": 0.25, "name": 0.15}
        elif year >= 2019:
            w = {"cms": 0.05, "none": 0.75, "name": 0.2}
        else:
            w = {"cms": 0.2, "none": 0.4, "name": 0.4}
    else:
        w = {"cms": 0.1, "none": 0.35, "name": 0.55}
    kind = rng.choices(list(w), list(w.values()))[0]
    if kind == "cms":
        author = rng.choice(site["cms_authors"]) if en else "admin"
    elif kind == "name":
        author = rng.choice(EN_PEOPLE_OTHER if en else ZH_PEOPLE)
    else:
        author = None

    title = _title(rng, edition, year)
    body, roles = _body(rng, edition, year, title)

    # provenance
    r = rng.random()
    if r < 0.35:
        origin, outlet = "original", site["site_outlet"]
    elif r < 0.8:
        origin = "reprinted"
        table_share = 0.8 if (en and 2015 <= year <= 2018) else 0.6
        if rng.random() < table_share:
            outlet = rng.choice(EN_TABLE_OUTLETS if en else ZH_TABLE_OUTLETS)
        else:
            outlet = rng.choice(EN_OTHER_OUTLETS if en else ZH_OTHER_OUTLETS)
    else:
        origin, outlet = "unknown", None

    # tags
    if rng.random() < 0.35:
        tags = []
    else:
        tags = rng.sample(EN_TAGS if en else ZH_TAGS, rng.randint(1, 5))

    return {
        "source": site["source"],
        "url": url,
        "title": title,
        "published": _iso(dt),
        "author": None if author in GENERIC_ACCOUNTS else author,
        "byline": author,
        "category": cat_name,
        "tags": tags,
        "body": body,
        "origin": origin,
        "outlet": outlet,
        "language": site["language"],
        "body_roles": roles,
    }


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------

_CLASS_WORDS = ["content", "title", "main", "box", "wrap", "left", "right", "con", "txt", "art",
                "news", "list", "mod", "bd", "hd", "ft", "inner", "info", "detail", "article",
                "text", "cont", "neirong", "wenzhang", "zw", "nr", "bt", "side", "col", "pane",
                "blk", "area", "item", "row", "show", "view", "tit", "arc", "dede", "post",
                "entry", "module", "panel", "block", "c1", "w980", "fl", "fr", "clearfix", "mt10"]

_FULLWIDTH = str.maketrans("0123456789-:/", "０１２３４５６７８９－：／")
_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]

_INLINE = {"a", "span", "strong", "b", "em", "i", "font", "u", "small", "img", "time", "label"}


class _Page:
    def __init__(self, f, rng):
        self.f = f
        self.rng = rng
        self.en = f["language"] == "en"
        self.ed = "en" if self.en else "zh"
        self.site = SITES[self.ed]
        m = URL_RE.match(f["url"])
        if not m:
            raise ValueError(f"not an article URL: {f['url']}")
        self.host, self.sec, self.cat, y, mo, d, aid = m.groups()
        self.folder = date(int(y), int(mo), int(d))
        self.aid = int(aid)
        self.year = int(y)
        self.sec_name, cat_name = _section_names(self.ed, self.sec, self.cat)
        assert cat_name == f["category"], (cat_name, f["category"])
        self.dt = datetime.fromisoformat(f["published"][:19])
        self.layout = []
        self.used_ids = []

    # ---- small helpers ------------------------------------------------------------------
    def note(self, key, value):
        self.layout.append(f"{key}={value}")

    def p(self, x):
        return self.rng.random() < x

    def pick(self, seq):
        return self.rng.choice(seq)

    def name(self, hint=None):
        rng = self.rng
        r = rng.random()
        if hint and r < 0.18:
            return hint
        if r < 0.6:
            w = rng.choice(_CLASS_WORDS)
            if rng.random() < 0.4:
                w += rng.choice(["-", "_", ""]) + rng.choice(_CLASS_WORDS)
            if rng.random() < 0.3:
                w += str(rng.randint(1, 9))
            return w
        letters = "abcdefghijklmnopqrstuvwxyz"
        return rng.choice(letters) + "".join(rng.choice(letters + "0123456789")
                                             for _ in range(rng.randint(2, 7)))

    def q(self, v):
        if self.quote == "" and re.fullmatch(r"[A-Za-z0-9_\-./:#%]+", v):
            return v
        if self.quote == "'":
            return "'" + v + "'"
        return '"' + v + '"'

    def attrs(self, hint=None, p_none=0.25):
        rng = self.rng
        r = rng.random()
        out = ""
        if r < p_none:
            return out
        if r < 0.75:
            out += f" class={self.q(self.name(hint))}"
        elif r < 0.88:
            out += f" id={self.q(self.uid(hint))}"
        else:
            out += f" class={self.q(self.name(hint))} id={self.q(self.uid(None))}"
        return out

    def uid(self, hint):
        v = self.name(hint)
        while v in self.used_ids:
            v += str(self.rng.randint(0, 9))
        self.used_ids.append(v)
        return v

    def t(self, tag):
        return tag.upper() if self.upper else tag

    def el(self, tag, inner, attrs=""):
        return f"<{self.t(tag)}{attrs}>{inner}</{self.t(tag)}>"

    def br(self):
        return self.brform

    def nl(self):
        return self.pick(["\n", "\n", "", "\r\n", "\n\t", "\n    "])

    def href(self, path):
        if self.p(0.25):
            return self.q(self.host + path)
        return self.q(path)

    # ---- escaping ---------------------------------------------------------------------------
    def esc(self, text, body=False):
        rng = self.rng
        out = []
        ent = self.ent
        for ch in text:
            if ch == "&":
                out.append("&amp;" if rng.random() < 0.95 else "&#38;")
            elif ch == "<":
                out.append("&lt;")
            elif ch == ">":
                out.append("&gt;")
            elif ch == '"':
                out.append("&quot;" if rng.random() < (0.8 if ent else 0.4) else '"')
            elif ch == "“" and ent:
                out.append(rng.choice(["&#8220;", "&ldquo;", "“"]))
            elif ch == "”" and ent:
                out.append(rng.choice(["&#8221;", "&rdquo;", "”"]))
            elif ch == "’" and ent:
                out.append(rng.choice(["&#8217;", "&rsquo;", "’"]))
            elif ch == "'" and ent and rng.random() < 0.2:
                out.append("&#39;")
            elif ch == "—" and ent:
                out.append(rng.choice(["&mdash;", "&#8212;"]))
            elif ch == "·" and ent and rng.random() < 0.5:
                out.append(rng.choice(["&middot;", "&#183;", "&#xB7;"]))
            elif ent and body and "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.008:
                out.append(f"&#x{ord(ch):X};" if rng.random() < 0.5 else f"&#{ord(ch)};")
            elif ch == " " and body and ent and rng.random() < 0.03:
                out.append("&nbsp;")
            else:
                out.append(ch)
        return "".join(out)

    def inline(self, text, wrap=0.15):
        """Escaped text, sometimes with one phrase wrapped in an inline element."""
        rng = self.rng
        if len(text) < 12 or rng.random() >= wrap:
            return self.esc(text, body=True)
        if self.en:
            words = text.split(" ")
            if len(words) < 4:
                return self.esc(text, body=True)
            i = rng.randint(0, len(words) - 2)
            j = rng.randint(i + 1, min(len(words), i + 5))
            pre = " ".join(words[:i]) + (" " if i else "")
            mid = " ".join(words[i:j])
            post = (" " if j < len(words) else "") + " ".join(words[j:])
        else:
            i = rng.randint(0, len(text) - 6)
            j = rng.randint(i + 2, i + 6)
            pre, mid, post = text[:i], text[i:j], text[j:]
        kind = rng.choice(["strong", "b", "em", "a", "span", "font"])
        if kind == "a":
            open_ = f"<a href={self.q('http://www.example.com/' if rng.random() < 0.3 else self.host + '/')}>"
            wrapped = open_ + self.esc(mid, body=True) + "</a>"
        elif kind == "span":
            wrapped = f"<span style={self.q('color:#' + rng.choice(['c00', '333', '0066cc', 'ff0000']))}>" + self.esc(mid, body=True) + "</span>"
        elif kind == "font":
            wrapped = f"<font color={self.q('#' + rng.choice(['ff0000', '000080', '333333']))}>" + self.esc(mid, body=True) + "</font>"
        else:
            wrapped = self.el(kind, self.esc(mid, body=True))
        return self.esc(pre, body=True) + wrapped + self.esc(post, body=True)

    # ---- decisions ------------------------------------------------------------------------
    def plan(self):
        rng = self.rng
        f = self.f
        en = self.en
        # frame
        old = self.year <= 2012
        r = rng.random()
        table_share = 0.55 if old else (0.35 if not en else 0.25)
        if r < table_share:
            self.frame = "table"
        elif r < table_share + (1 - table_share) * 0.55:
            self.frame = "div"
        else:
            self.frame = "html5"
        self.note("frame", self.frame)
        self.upper = self.frame == "table" and self.p(0.12)
        self.quote = rng.choice(['"', '"', '"', "'", ""]) if self.frame == "table" else rng.choice(['"', '"', "'"])
        self.ent = self.p(0.5)
        self.brform = rng.choice(["<br>", "<br />", "<br/>", "<BR>"]) if not self.upper else "<BR>"
        if self.upper:
            self.note("case", "upper")
        if self.ent:
            self.note("entities", "many")

        # dates
        midnight = self.dt.hour == 0 and self.dt.minute == 0 and self.dt.second == 0
        folder_midnight = midnight and self.dt.date() == self.folder
        if self.dt.second:
            precs = ["sec"]
        elif not midnight:
            precs = ["min", "min", "sec"]
        else:
            precs = ["day"] * 9 + ["sec"]
        self.prec = rng.choice(precs)
        author = f["byline"]
        cms = author is not None and author in self.site["cms_authors"]

        # run-together meta line (2017-era English)
        want_rt = (en and midnight and cms and
                   rng.random() < (0.75 if 2015 <= self.year <= 2018 else 0.1))
        if want_rt:
            self.prec = "day"
        self.show_date = (not folder_midnight) or want_rt or self.p(0.3)

        # provenance as written
        origin = f["origin"]
        self.src_written = None  # text after the label (brackets included), unescaped
        self.src_bare = None
        if origin != "unknown":
            self.src_bare, self.src_written = self.write_outlet(origin, f["outlet"], plain=want_rt)
            got = classify_source(self.src_written, self.ed)
            assert got == (origin, f["outlet"]), (self.src_written, got, origin, f["outlet"])
        rt_src_ok = self.src_written is not None and self.src_written == self.src_bare and \
            _known_name(self.src_bare, self.ed)

        # where the source statement is
        if origin == "unknown":
            self.src_loc = "none"
            self.empty_src = self.p(0.3)
        else:
            self.empty_src = False
            if want_rt and rt_src_ok and self.p(0.85):
                self.src_loc = "meta"
            else:
                w_meta = 0.15 if (en and self.year >= 2018) else 0.45
                self.src_loc = rng.choices(["meta", "first", "last", "after", "before"],
                                           [w_meta, 0.08, 0.17, 0.18, 0.12])[0]
                if self.src_loc == "meta" and want_rt and not rt_src_ok:
                    self.src_loc = rng.choice(["last", "after", "before"])

        # meta form
        meta_src = self.src_loc == "meta"
        if want_rt:
            self.meta_form = "runtogether" if self.p(0.7) else "spans"
        else:
            need = self.show_date or author is not None or meta_src
            if need:
                opts = ["labelled"] * 8
                if author is None and not meta_src and self.show_date:
                    opts += ["bare"] * 4
                if (author is None or cms) and (not meta_src or rt_src_ok) and self.show_date:
                    opts += ["spans"]
                self.meta_form = rng.choice(opts)
            else:
                self.meta_form = rng.choice(["empty", "empty", "empty", "none", "none", "labelled"])
        if self.meta_form == "spans" and self.src_loc == "meta" and not rt_src_ok:
            self.meta_form = "labelled"
        if self.empty_src and self.meta_form != "labelled":
            self.empty_src_where = "after"
        elif self.empty_src:
            self.empty_src_where = rng.choice(["meta", "meta", "after"])
        else:
            self.empty_src_where = None
        self.note("meta", self.meta_form)
        self.note("date", (self.prec if self.show_date else "none"))
        self.note("src", self.src_loc + ("/empty-" + self.empty_src_where if self.empty_src else ""))

    def write_outlet(self, origin, outlet, plain=False):
        """(bare name, name as written incl. brackets) for a source statement."""
        rng = self.rng
        en = self.en
        if origin == "original":
            if en:
                bare = rng.choice(["CSR-China Website"] * 4 + ["CSR-China", "CSR China", "csr-china.net",
                                                                 "www.csr-china.net"])
            else:
                bare = rng.choice(["企业社会责任中国网"] * 4 + ["本网", "本网", "企业社会责任中国",
                                                          "csr-china.net", "CSR-China"])
        else:
            cands = [k for k, v in OUTLET_ALIASES.items() if v == outlet]
            if outlet in ("China Sustainability Tribune", "可持续发展经济导刊"):
                if self.year <= 2018:
                    cands = ["China WTO Tribune", "China WTO Tribune", "WTO Tribune"] if en else ["WTO经济导刊"]
                else:
                    cands = [outlet]
            elif outlet == "Sino-Swedish Corporate Social Responsibility Website":
                cands = ["Sino-Swedish Corporate Social", "Sino-Swedish CSR Website", outlet]
            if not cands:
                cands = [outlet]
            bare = rng.choice(cands)
            if _known_name(bare, self.ed) and rng.random() < 0.05 and en:
                bare = bare.lower() if len(bare) > 4 else bare
        written = bare
        if not plain:
            r = rng.random()
            if en:
                if r < 0.08:
                    written = f'"{bare}"'
                elif r < 0.14 and origin == "reprinted":
                    written = f"<{bare}>"
                elif r < 0.18:
                    written = f"“{bare}”"
            else:
                if origin == "reprinted" and r < 0.3:
                    written = f"《{bare}》"
                elif r < 0.36:
                    written = f"“{bare}”"
        return bare, written

    # ---- pieces -------------------------------------------------------------------------
    def fmt_date(self, iso_only=False):
        rng = self.rng
        dt = self.dt
        prec = self.prec
        if iso_only:
            return {"day": f"{dt:%Y-%m-%d}", "min": f"{dt:%Y-%m-%d %H:%M}"}.get(prec, f"{dt:%Y-%m-%d %H:%M:%S}")
        if self.en:
            if prec == "day":
                return rng.choice([f"{dt:%Y-%m-%d}"] * 6 + [f"{dt:%Y/%m/%d}",
                                                             f"{_EN_MONTHS[dt.month - 1]} {dt.day}, {dt.year}"])
            if prec == "min":
                return rng.choice([f"{dt:%Y-%m-%d %H:%M}", f"{dt:%Y/%m/%d %H:%M}"])
            return rng.choice([f"{dt:%Y-%m-%d %H:%M:%S}"] * 3 + [f"{dt:%Y/%m/%d %H:%M:%S}"])
        if prec == "day":
            s = rng.choice([f"{dt:%Y-%m-%d}"] * 4 + [f"{dt:%Y/%m/%d}", f"{dt:%Y年%m月%d日}",
                                                      f"{dt.year}年{dt.month}月{dt.day}日"])
        elif prec == "min":
            s = rng.choice([f"{dt:%Y-%m-%d %H:%M}", f"{dt:%Y年%m月%d日 %H:%M}", f"{dt:%Y年%m月%d日%H:%M}",
                            f"{dt:%Y/%m/%d %H:%M}"])
        else:
            s = rng.choice([f"{dt:%Y-%m-%d %H:%M:%S}"] * 3 + [f"{dt:%Y/%m/%d %H:%M:%S}",
                                                               f"{dt:%Y年%m月%d日 %H:%M:%S}"])
        if rng.random() < 0.08 and "年" not in s:
            s = s.translate(_FULLWIDTH)
            self.note("digits", "fullwidth")
        return s

    def date_html(self, s):
        if self.frame == "html5" and self.p(0.4):
            dt = self.dt
            attr = f"{dt:%Y-%m-%d}" if self.prec == "day" else _iso(dt) if self.prec == "sec" \
                else dt.strftime("%Y-%m-%dT%H:%M") + "+08:00"
            return f"<time datetime={self.q(attr)}>{s}</time>"
        return s

    def label(self, kind):
        rng = self.rng
        if self.en:
            colon = ":" if rng.random() < 0.9 else "："
            word = {"date": rng.choice(["Date", "Date", "Time", "Published", "Release time"]),
                    "source": "Source", "author": "Author",
                    "views": rng.choice(["Views", "Hits", "Clicks"])}[kind]
            return word + colon
        colon = "：" if rng.random() < 0.7 else ":"
        word = {"date": rng.choice(["发布时间", "时间", "日期", "发布日期"]),
                "source": rng.choice(["来源", "来源", "来源", "稿件来源", "文章来源"]),
                "author": rng.choice(["作者", "作者", "编辑"]),
                "views": rng.choice(["点击", "浏览次数", "阅读"])}[kind]
        return word + colon

    def meta_html(self):
        """Inner HTML of the meta element ('' when the element is empty)."""
        rng = self.rng
        f = self.f
        form = self.meta_form
        author = f["byline"]
        views = f"{rng.randint(0, 9999):04d}" if rng.random() < 0.5 else f"{rng.randint(1, 60):04d}"
        if form == "runtogether":
            src = self.src_bare if self.src_loc == "meta" else ""
            return self.esc(f"{self.fmt_date(iso_only=True)}{src}{author}{views}")
        if form == "spans":
            parts = []
            if self.show_date:
                parts.append(self.date_html(self.esc(self.fmt_date(iso_only=True))))
            if self.src_loc == "meta":
                parts.append(self.esc(self.src_bare))
            if author:
                parts.append(self.esc(author))
            if self.p(0.6):
                parts.append(views)
            return "".join(f"<span{self.attrs(p_none=0.4)}>{x}</span>" for x in parts)
        if form == "bare":
            return self.date_html(self.esc(self.fmt_date()))
        if form == "empty":
            return rng.choice(["", "", " ", "\n", "&nbsp;"])
        if form == "none":
            return None
        # labelled
        items = []
        if self.show_date:
            lab = self.label("date")
            if not self.en and rng.random() < 0.35:
                lab = ""
            items.append(("date", lab, self.date_html(self.esc(self.fmt_date()))))
        if self.src_loc == "meta":
            items.append(("source", self.label("source"), self.esc(self.src_written)))
        elif (self.empty_src and self.empty_src_where == "meta") or \
                (self.f["origin"] != "unknown" and self.p(0.08)):
            items.append(("source", self.label("source"), ""))
            self.note("meta-src", "empty-label")
        if author:
            items.append(("author", self.label("author"), self.esc(author)))
        elif self.p(0.3):
            items.append(("author", self.label("author"), ""))
        if self.p(0.25):
            if not self.en and self.p(0.3):
                items.append(("views", self.label("views"),
                              f'<script src="/plus/count.php?view=yes&aid={self.aid}&mid=1" '
                              f'type="text/javascript" language="javascript"></script>'
                              + ("次" if self.p(0.5) else "")))
            else:
                items.append(("views", self.label("views"), str(rng.randint(3, 9000))))
        if not items:
            return ""
        order = rng.random()
        if order < 0.3 and len(items) > 1:
            # source / author first, date last (the 2007 zh template)
            items = [i for i in items if i[0] != "date"] + [i for i in items if i[0] == "date"]
        elif order < 0.45:
            rng.shuffle(items)
        sep = rng.choice(["  ", "&nbsp;&nbsp;", "&nbsp;&nbsp;&nbsp;&nbsp;", " | ", "　", " ",
                          "&nbsp; ", "\n"])
        style = rng.choice(["text", "text", "spans", "labelspan"])
        out = []
        for kind, lab, val in items:
            gap = rng.choice([" ", "", "&nbsp;"]) if val else rng.choice(["", " ", "&nbsp;&nbsp;&nbsp;"])
            lab_html = self.esc(lab)
            if style == "labelspan" and lab:
                s = f"<span{self.attrs(p_none=0.5)}>{lab_html}</span>{gap}{val}"
            else:
                s = f"{lab_html}{gap}{val}"
            if style == "spans":
                s = f"<span{self.attrs(p_none=0.4)}>{s}</span>"
            out.append(s)
        if style == "spans" and sep in (" ", "\n"):
            sep = "&nbsp;&nbsp;"
        return sep.join(out)

    def statement(self, where):
        """HTML text of the source statement (escaped), or '' for an empty label."""
        rng = self.rng
        if self.src_written is None:
            lab = ("Source:" if rng.random() < 0.7 else "Source：") if self.en else \
                rng.choice(["来源：", "来源:", "稿件来源：", "文章来源："])
            return self.esc(lab)
        name = self.src_written
        if self.f["origin"] == "reprinted" and rng.random() < 0.4:
            name += " (not from this site)" if self.en else "（非本网）"
        if self.en:
            lab = rng.choice(["Source: ", "Source: ", "Source: ", "Source：", "Source:"])
            text = lab + name
            if where in ("last", "after") and rng.random() < 0.3 and "(" not in name:
                text = f"({text})"
        else:
            lab = rng.choice(["来源：", "来源：", "来源:", "稿件来源：", "文章来源：", "来源： "])
            text = lab + name
            if where in ("last", "after") and rng.random() < 0.2 and "（" not in name:
                text = f"（{text}）"
        return self.esc(text)

    def title_tag(self):
        rng = self.rng
        t = self.f["title"]
        cat = self.f["category"]
        site = rng.choice(["CSR-China", "CSR-China Website", "CSR-China Website", "CSR China",
                           "csr-china.net"] if self.en else
                          ["企业社会责任中国网", "企业社会责任中国网", "企业社会责任中国", "CSR-China"])
        forms = [("plain", "{t}"), ("dash3", "{t} - {c} - {s}"), ("us2", "{t}_{c}"),
                 ("us3", "{t}_{c}_{s}"), ("pipe", "{t} | {s}"), ("endash", "{t} – {s}"),
                 ("emdash", "{t} — {s}"), ("middot", "{t} · {s}"), ("colons", "{t} :: {s}")]
        key, form = rng.choice(forms)
        self.note("ttl", key)
        text = form.format(t=t, c=cat, s=site)
        return self.esc(text)

    def breadcrumb(self):
        rng = self.rng
        crumbs = [("Home" if self.en else "首页", "/"),
                  (self.sec_name, f"/a/{self.sec}/"),
                  (self.f["category"], f"/a/{self.sec}/{self.cat}/")]
        sep = rng.choice([" &gt; ", " > ", "&gt;", " &gt;", "&nbsp;&gt;&nbsp;", " >"])
        links = [f"<a href={self.href(u)}>{self.esc(n)}</a>" for n, u in crumbs]
        out = sep.join(links) + sep.rstrip() if rng.random() < 0.85 else sep.join(links) + sep
        if not self.en and rng.random() < 0.5:
            out = rng.choice(["当前位置：", "您现在的位置：", "当前位置:"]) + out
        return out

    def heading(self):
        """(tag, attrs, inner) of the main heading, or None."""
        rng = self.rng
        if rng.random() < 0.1:
            self.note("head", "none")
            return None
        inner = self.esc(self.f["title"])
        if rng.random() < 0.15:
            inner = f"<a href={self.q(self.f['url'] if rng.random() < 0.5 else '#')}>{inner}</a>"
        elif rng.random() < 0.1:
            inner = f"<font color={self.q('#003366')}>{inner}</font>"
        if self.frame == "table":
            tag = rng.choice(["td", "td", "h1", "h2", "strong", "div"])
        else:
            tag = rng.choice(["h1", "h1", "h2", "div", "strong", "h3"])
        self.note("head", tag)
        return tag, self.attrs("title", p_none=0.3), inner

    def tags_html(self, tags, allow_none_label=True):
        """The tag line's inner HTML."""
        rng = self.rng
        if not tags:
            lab = rng.choice(["Tags:", "Related keywords:"]) if self.en else rng.choice(["关键词：", "标签："])
            return self.esc(lab)
        mode = rng.choice(["label-links", "label-links", "label-text", "nolabel-links"]
                          if allow_none_label else ["label-links", "label-text"])
        self.note("tags", mode)
        enc = "utf-8" if self.codec == "utf-8" else "gbk"

        def link(tag):
            url = "/tags.php?/" + quote(tag.encode(enc), safe="") + "/"
            return f"<a href={self.href(url)}{' target=_blank' if rng.random() < 0.3 else ''}>{self.esc(tag)}</a>"

        if mode == "label-text":
            sep = rng.choice([", ", ",", "; "]) if self.en else rng.choice(["、", "，", ",", "；"])
            body = self.esc(sep.join(tags))
        else:
            sep = rng.choice([" ", "&nbsp;", "&nbsp;&nbsp;", ", ", " | ", "\n"])
            body = sep.join(link(t) for t in tags)
        if mode.startswith("label"):
            lab = rng.choice(["Tags:", "Tags:", "Related keywords:", "Keywords:"]) if self.en else \
                rng.choice(["关键词：", "关键词：", "标签：", "Tags："])
            gap = rng.choice([" ", "", "&nbsp;"])
            if rng.random() < 0.3:
                return f"<span{self.attrs(p_none=0.3)}>{self.esc(lab)}</span>{gap}{body}"
            return self.esc(lab) + gap + body
        return body

    def image(self):
        rng = self.rng
        y = self.folder
        src = f"/uploads/allimg/{y:%y%m%d}/{rng.randint(1, 9)}-{rng.randint(100000, 999999)}{rng.choice(['.jpg', '.png', '.JPG'])}"
        extra = rng.choice(["", f" width={self.q(str(rng.choice([500, 550, 600])))}",
                            f" style={self.q('width:600px')}", " border=0"])
        alt = rng.choice(["", "", "img", "1"])
        close = " />" if rng.random() < 0.6 else ">"
        return f'<img src={self.href(src)} alt="{alt}"{extra}{close}'

    def body_html(self):
        """The body container's inner HTML (source statement included when first/last)."""
        rng = self.rng
        f = self.f
        items = list(zip(f["body"], f["body_roles"]))
        if self.src_loc == "first":
            items.insert(0, (None, "source"))
        if self.src_loc == "last":
            items.append((None, "source"))
        mode = rng.choices(["p", "br", "div"], [0.6, 0.28, 0.12])[0]
        self.note("body", mode)
        zh_indent = not self.en and rng.random() < 0.5
        en_indent = self.en and rng.random() < 0.1
        word = self.frame != "html5" and rng.random() < 0.12
        if word:
            self.note("paste", "word")
        blank_paras = rng.random() < 0.1
        lone_images = rng.random() < 0.12
        ul_bullets = rng.random() < 0.4
        strong_labels = rng.random() < 0.5

        def indent():
            if zh_indent:
                return rng.choice(["　　", "&nbsp;&nbsp;&nbsp;&nbsp;", "　　"])
            if en_indent:
                return "&nbsp;&nbsp;&nbsp;&nbsp;"
            return ""

        def text_of(t, role):
            if role == "source":
                return self.statement(self.src_loc)
            if role == "sub":
                return self.esc(t)
            if role == "line" and strong_labels:
                m = re.match(r"^([^:：]{2,25}[:：])\s?(.*)$", t)
                if m:
                    gap = " " if t[len(m.group(1)):len(m.group(1)) + 1] == " " else ""
                    return self.el(rng.choice(["strong", "b"]), self.esc(m.group(1))) + gap + self.esc(m.group(2))
            if role in ("caption", "bullet", "line"):
                return self.esc(t, body=True)
            return self.inline(t)

        if mode == "br":
            segs = []
            for t, role in items:
                txt = text_of(t, role)
                if role == "sub":
                    txt = self.el(rng.choice(["strong", "b"]), txt)
                elif role == "caption":
                    txt = self.image() + self.br() + self.nl() + txt
                else:
                    txt = indent() + txt
                segs.append(txt)
            if lone_images and len(segs) > 2:
                k = rng.randint(1, len(segs) - 1)
                segs[k] = self.image() + self.br() + self.br() + segs[k]
            joiner = rng.choice([self.br() + self.br(), self.br() + "\n" + self.br(),
                                 self.br() + "\r\n" + self.br() + "\r\n", self.br() + self.br() + "\n"])
            inner = joiner.join(segs)
            if rng.random() < 0.3:
                inner = self.el("p", inner)
            elif rng.random() < 0.2:
                inner = f"<font size={self.q('3')}>{inner}</font>"
            return inner
        tag = "p" if mode == "p" else "div"
        blocks = []
        i = 0
        while i < len(items):
            t, role = items[i]
            if role == "bullet" and ul_bullets:
                lis = []
                while i < len(items) and items[i][1] == "bullet":
                    lis.append(self.el("li", self.esc(items[i][0], body=True)))
                    i += 1
                style = rng.choice([f" style={self.q('list-style:none')}", f" style={self.q('list-style-type:none;')}",
                                    self.attrs(p_none=0.2)])
                blocks.append(f"<{self.t('ul')}{style}>" + self.nl().join(lis) + f"</{self.t('ul')}>")
                continue
            txt = text_of(t, role)
            pattr = ""
            if role == "sub":
                r = rng.random()
                if r < 0.35:
                    blocks.append(self.el(tag, self.el(rng.choice(["strong", "b"]), txt)))
                elif r < 0.75:
                    blocks.append(self.el(rng.choice(["h3", "h4", "h2", "h3"]), txt, self.attrs(p_none=0.6)))
                else:
                    blocks.append(self.el(tag, txt, f" style={self.q('font-weight:bold')}"))
                i += 1
                continue
            if role == "caption":
                img = self.image()
                center = rng.choice([f" align={self.q('center')}", f" style={self.q('text-align:center')}",
                                     f" style={self.q('text-align: center;')}", ""])
                r = rng.random()
                if r < 0.45:
                    blocks.append(self.el(tag, img, center))
                    blocks.append(self.el(tag, txt, center))
                elif r < 0.85:
                    blocks.append(self.el(tag, img + self.br() + self.nl() + txt, center))
                else:
                    blocks.append(self.el(tag, img, center))
                    blocks.append(self.el(tag, f"<span style={self.q('color:#666;font-size:12px')}>{txt}</span>", center))
                i += 1
                continue
            if word:
                font = "宋体" if not self.en else "Arial"
                pattr = f" class={self.q('MsoNormal')}"
                txt = f"<span style={self.q('font-size:12pt;font-family:' + font)}>{txt}</span>"
            elif rng.random() < 0.1:
                pattr = rng.choice([f" style={self.q('text-indent:2em')}", f" align={self.q('left')}",
                                    f" align={self.q('justify')}"])
            blocks.append(self.el(tag, indent() + txt, pattr))
            if blank_paras and rng.random() < 0.3:
                blocks.append(self.el(tag, rng.choice(["&nbsp;", "　", "<br>", ""])))
            i += 1
        if lone_images and len(blocks) > 2:
            k = rng.randint(1, len(blocks) - 1)
            blocks.insert(k, self.el(tag, self.image(), f" align={self.q('center')}"))
        return self.nl().join(blocks)

    def disclaimer(self):
        rng = self.rng
        if self.en:
            paras = [self.esc(p) for p in DISCLAIMER_EN]
        else:
            q1, q2 = rng.choice([('"', '"'), ("“", "”")])
            paras = [self.esc(p.format(q1=q1, q2=q2)) for p in DISCLAIMER_ZH]
        if rng.random() < 0.25:
            lead = "Disclaimer: " if self.en else rng.choice(["免责声明：", "声明："])
            paras[0] = self.esc(lead) + paras[0]
        r = rng.random()
        if r < 0.4:
            return "".join(self.el("p", x) for x in paras)
        if r < 0.7:
            return (self.br() + self.nl()).join(paras)
        return (" " if self.en else "").join(paras)

    def link_list(self, n, dates=False):
        rng = self.rng
        items = []
        for _ in range(n):
            y = rng.randint(max(2007, self.year - 2), min(2025, self.year + 1))
            d = date(y, 1, 1) + timedelta(days=rng.randrange(365))
            aid = max(200, min(900, self.aid + rng.randint(-40, 40)))
            t = _title(rng, self.ed, y)
            while t == self.f["title"]:
                t = _title(rng, self.ed, y)
            sec, _, cats = rng.choice(SECTIONS[self.ed])
            c = rng.choice(cats)[0]
            url = f"/a/{sec}/{c}/{d:%Y}/{d:%m%d}/{aid}.html"
            a = f"<a href={self.href(url)} title={self.q(t)}>{self.esc(t)}</a>" \
                if rng.random() < 0.3 and not re.search(r"[\"'&<>]", t) else \
                f"<a href={self.href(url)}>{self.esc(t)}</a>"
            if dates:
                ds = rng.choice([f"{d:%Y-%m-%d}", f"{d:%m-%d}", f"[{d:%m-%d}]", f"{d:%Y/%m/%d}"])
                a = a + f"<span{self.attrs(p_none=0.4)}>{ds}</span>" if rng.random() < 0.5 else f"<span>{ds}</span> " + a
            items.append(a)
        return items

    def ul(self, items):
        return f"<{self.t('ul')}{self.attrs(p_none=0.5)}>" + self.nl().join(
            self.el("li", x) for x in items) + f"</{self.t('ul')}>"

    def sidebar(self):
        rng = self.rng
        heads = (["Hot news", "Recommended", "Latest news", "Most read", "Related reports"] if self.en
                 else ["热点新闻", "推荐阅读", "最新文章", "热门排行", "图片新闻"])
        chunks = []
        for h in rng.sample(heads, rng.randint(1, 3)):
            htag = rng.choice(["h2", "h3", "div", "strong", "span"])
            items = self.link_list(rng.randint(4, 8), dates=rng.random() < 0.3)
            chunks.append(self.el("div", self.el(htag, self.esc(h), self.attrs(p_none=0.4)) + self.nl()
                                  + self.ul(items), self.attrs(p_none=0.3)))
        if rng.random() < 0.07:
            tags = rng.sample(EN_TAGS if self.en else ZH_TAGS, 6)
            enc = "utf-8" if self.codec == "utf-8" else "gbk"
            links = " ".join(f"<a href={self.href('/tags.php?/' + quote(t.encode(enc), safe='') + '/')}>{self.esc(t)}</a>"
                             for t in tags)
            chunks.append(self.el("div", self.el("h3", "Hot tags" if self.en else "热门标签") + self.el("div", links),
                                  self.attrs(p_none=0.3)))
            self.note("side-tags", "cloud")
        return self.nl().join(chunks)

    def header(self):
        rng = self.rng
        site = "CSR-China" if self.en else "企业社会责任中国网"
        r = rng.random()
        if r < 0.5:
            logo = f"<a href={self.q('/')}><img src={self.q('/templets/default/images/logo.gif')} alt={self.q(site)} /></a>"
        elif r < 0.75:
            logo = self.el("h1", f"<a href={self.q('/')}>{self.esc(site)}</a>", self.attrs("logo", p_none=0.2))
        else:
            logo = f"<a href={self.q('/')}>{self.esc(site)}</a>"
        nav = (["Home", "News", "Knowledge", "Reports", "GoldenBee", "Interviews", "About us"] if self.en
               else ["首页", "新闻中心", "责任报告", "金蜜蜂", "观点", "专题", "关于我们"])
        links = [f"<a href={self.q('/' if i == 0 else '/a/' + self.name() + '/')}>{self.esc(x)}</a>"
                 for i, x in enumerate(nav)]
        switch = f"<a href={self.q('http://www.csr-china.net/' if self.en else 'https://en.csr-china.net/')}>{'中文' if self.en else 'English'}</a>"
        navhtml = self.ul(links) if rng.random() < 0.5 else rng.choice([" | ", "&nbsp;&nbsp;", " "]).join(links)
        search = ""
        if rng.random() < 0.4:
            ph = "Search" if self.en else "请输入关键词"
            search = (f"<form action={self.q('/plus/search.php')} method={self.q('get')}>"
                      f"<input type={self.q('text')} name={self.q('q')} value={self.q(ph)} />"
                      f"<input type={self.q('submit')} value={self.q('Go' if self.en else '搜索')} /></form>")
        return logo, navhtml, switch, search

    def footer(self, with_disclaimer):
        rng = self.rng
        lines = []
        if with_disclaimer:
            lines.append(self.disclaimer())
        links = (["About us", "Contact us", "Advertising", "Site map"] if self.en else
                 ["关于我们", "联系我们", "广告服务", "网站地图"])
        lines.append(" | ".join(f"<a href={self.q('/a/about/')}>{x}</a>" for x in links))
        wechat = "GoldenBee Official WeChat" if self.en or rng.random() < 0.3 else "金蜜蜂官方微信"
        lines.append(f"<img src={self.q('/images/wechat.jpg')} alt=\"\" />{self.br()}{wechat}")
        lines.append("Copyright &copy; Csr-china.net All Right Reserved." if rng.random() < 0.8 else
                     "Copyright © Csr-china.net All Right Reserved.")
        if not self.en:
            lines.append(rng.choice(["版权所有：企业社会责任中国网", "企业社会责任中国网 版权所有"])
                         + "&nbsp;" + f"京ICP备{rng.randint(10000000, 99999999)}号")
        if rng.random() < 0.2:
            lines.append("Power by DedeCms")
        return lines

    # ---- assembly -------------------------------------------------------------------------
    def encoding(self):
        rng = self.rng
        if self.en:
            self.codec = "utf-8"
            self.label_cs = "utf-8"
            meta = rng.choice(["charset", "charset", "http-equiv", "none"])
            self.content_type = rng.choice(["text/html; charset=utf-8", "text/html; charset=utf-8",
                                            "text/html; charset=UTF-8", "text/html"])
            if meta == "none" and self.content_type == "text/html" and rng.random() < 0.5:
                self.content_type = "text/html; charset=utf-8"
            self.meta_cs = meta
            self.bom = rng.random() < 0.03
            self.note("enc", f"utf-8/meta-{meta}/hdr-{'utf-8' if 'charset' in self.content_type else 'none'}"
                      + ("/bom" if self.bom else ""))
            return
        self.bom = False
        if rng.random() < 0.25:
            self.codec = "utf-8"
            self.label_cs = rng.choice(["utf-8", "UTF-8"])
            self.meta_cs = rng.choice(["charset", "http-equiv", "http-equiv", "none"])
            self.content_type = rng.choice(["text/html; charset=utf-8", "text/html"])
            if self.meta_cs == "none" and rng.random() < 0.6:
                self.content_type = "text/html; charset=utf-8"
            self.note("enc", f"utf-8/meta-{self.meta_cs}/hdr-{'utf-8' if 'charset' in self.content_type else 'none'}")
            return
        self.label_cs = rng.choice(["gb2312", "gb2312", "gbk", "GB2312", "GBK"])
        self.codec = "gb2312" if self.label_cs.lower() == "gb2312" else "gbk"
        if rng.random() < 0.8:
            self.meta_cs = rng.choice(["charset", "http-equiv", "http-equiv"])
            hdr = rng.choice(["lies", "lies", "none", "true"])
            self.content_type = {"lies": "text/html; charset=utf-8", "none": "text/html",
                                 "true": f"text/html; charset={self.label_cs}"}[hdr]
        else:
            self.meta_cs = "none"
            hdr = rng.choice(["header-only", "nothing"])
            self.content_type = f"text/html; charset={self.label_cs}" if hdr == "header-only" else "text/html"
        self.note("enc", f"{self.codec}/meta-{self.meta_cs}/hdr-{hdr}")

    def head(self):
        rng = self.rng
        parts = []
        cs = self.label_cs
        if self.meta_cs == "charset":
            parts.append(f"<meta charset={self.q(cs)}>" if rng.random() < 0.6 else f"<meta charset={cs}>")
        elif self.meta_cs == "http-equiv":
            parts.append(f'<meta http-equiv="Content-Type" content="text/html; charset={cs}" />'
                         if rng.random() < 0.7 else f"<meta http-equiv=Content-Type content=\"text/html; charset={cs}\">")
        title = f"<title>{self.title_tag()}</title>"
        parts.append(title)
        if self.f["tags"] and rng.random() < 0.5:
            sep = "," if rng.random() < 0.6 else ", "
            parts.append(f'<meta name="keywords" content="{self.esc(sep.join(self.f["tags"]))}" />')
        if rng.random() < 0.5:
            desc = self.f["body"][0][:60]
            parts.append(f'<meta name="description" content="{self.esc(desc).replace(chr(34), "&quot;")}" />')
        if rng.random() < 0.6:
            parts.append(f'<link href="/templets/default/style/{self.name()}.css" rel="stylesheet" type="text/css" />')
        if rng.random() < 0.4:
            parts.append('<script type="text/javascript" src="/include/dedeajax2.js"></script>')
        if rng.random() < 0.3:
            parts.append("<style type=\"text/css\">." + self.name() + "{font-size:14px;line-height:2em}"
                         " .x a:hover{color:#c00}</style>")
        return (self.nl()).join(parts)

    def build(self):
        rng = self.rng
        f = self.f
        self.encoding()
        self.plan()
        nl = self.nl

        # --- article blocks in source order
        blocks = []  # (kind, inner, preferred tag)
        bc = self.breadcrumb()
        bc_outside = rng.random() < 0.35
        meta_inner = self.meta_html()
        meta_above = rng.random() < 0.15
        head = self.heading()
        if meta_above and meta_inner is not None:
            blocks.append(("meta", meta_inner, None))
        if head:
            blocks.append(("heading", head, None))
        if not meta_above and meta_inner is not None:
            blocks.append(("meta", meta_inner, None))
        if meta_inner is None:
            self.note("meta-el", "absent")
        tags = f["tags"]
        tags_where = "none"
        if tags:
            tags_where = rng.choices(["footer", "block", "top"], [0.5, 0.43, 0.07])[0]
        elif rng.random() < 0.08:
            tags_where = "empty"
        if tags_where == "top":
            blocks.append(("tags", self.tags_html(tags, allow_none_label=False), None))
        if self.src_loc == "before":
            blocks.append(("src", self.statement("before"), None))
        blocks.append(("body", self.body_html(), None))
        footer_bits = []
        if self.src_loc == "after":
            footer_bits.append(self.statement("after"))
        elif self.empty_src and self.empty_src_where == "after":
            footer_bits.append(self.statement("after"))
        if tags_where in ("footer", "empty") and (footer_bits or rng.random() < 0.5):
            footer_bits.append(self.tags_html(tags))
            tags_where = "done"
        if footer_bits:
            sub = rng.choice(["div", "p", "span-br"])
            if sub == "span-br":
                inner = self.br().join(f"<span{self.attrs(p_none=0.4)}>{b}</span>" for b in footer_bits)
            else:
                inner = nl().join(self.el(sub, b, self.attrs(p_none=0.5)) for b in footer_bits)
            blocks.append(("footer", inner, None))
        if tags_where in ("footer", "block", "empty"):
            blocks.append(("tags", self.tags_html(tags), None))
        self.note("tagsat", tags_where)
        if rng.random() < 0.3:
            pr = ("[Print] [Close]" if self.en else rng.choice(["【打印此页】【关闭窗口】", "【字体：大 中 小】【打印】【关闭】"]))
            blocks.append(("tools", self.esc(pr), None))
        disc = rng.choices(["article", "footer", "none"], [0.5, 0.35, 0.15])[0]
        self.note("disclaimer", disc)
        if disc == "article":
            blocks.append(("disclaimer", self.disclaimer(), None))
        if rng.random() < 0.5:
            links = self.link_list(2)
            if self.en:
                pn = [f"Previous: {links[0]}", "Next: " + (links[1] if rng.random() < 0.7 else "None")]
            else:
                pn = [f"上一篇：{links[0]}", "下一篇：" + (links[1] if rng.random() < 0.7 else "没有了")]
            blocks.append(("prevnext", (self.br() + nl()).join(pn) if rng.random() < 0.5
                           else self.el("ul", "".join(self.el("li", x) for x in pn), self.attrs(p_none=0.4)), None))
        if rng.random() < 0.35:
            h = rng.choice(["Related articles", "Related news"]) if self.en else rng.choice(["相关文章", "相关阅读"])
            items = self.link_list(rng.randint(3, 6), dates=rng.random() < 0.3)
            blocks.append(("related", self.el(rng.choice(["h3", "div", "strong"]), self.esc(h)) + self.ul(items), None))

        article = self.wrap_article(blocks)
        side = self.sidebar() if rng.random() < 0.8 else None
        side_pos = rng.choice(["before", "after"]) if side else "none"
        if side and side_pos == "before" and rng.random() < 0.5:
            pass
        self.note("side", side_pos)
        logo, navhtml, switch, search = self.header()
        foot_lines = self.footer(disc == "footer")

        page = self.frame_page(bc, bc_outside, article, side, side_pos, logo, navhtml, switch, search,
                               foot_lines)
        data = page.encode(self.codec, errors="xmlcharrefreplace")
        if self.bom:
            data = b"\xef\xbb\xbf" + data
        return data, self.content_type, " ".join(self.layout)

    def wrap_article(self, blocks):
        rng = self.rng
        nl = self.nl
        out = []
        if self.frame == "table":
            rows = []
            for kind, inner, _ in blocks:
                if kind == "heading":
                    tag, attrs, txt = inner
                    if tag == "td":
                        rows.append(f"<{self.t('tr')}><{self.t('td')}{attrs} align=center>{txt}</{self.t('td')}></{self.t('tr')}>")
                    else:
                        rows.append(f"<{self.t('tr')}><{self.t('td')} align=center{self.attrs(p_none=0.5)}>"
                                    + self.el(tag, txt, attrs) + f"</{self.t('td')}></{self.t('tr')}>")
                    continue
                attrs = self.attrs("content" if kind == "body" else None, p_none=0.35)
                if kind == "body" and rng.random() < 0.4:
                    inner = self.el("div", inner, self.attrs("content", p_none=0.2))
                rows.append(f"<{self.t('tr')}><{self.t('td')}{attrs}>{nl()}{inner}{nl()}</{self.t('td')}></{self.t('tr')}>")
                # nested table for the body sometimes
            width = rng.choice(["100%", "96%", "680", "700"])
            return (f"<{self.t('table')} width={self.q(width)} border=0 cellspacing=0 cellpadding=0{self.attrs(p_none=0.5)}>"
                    + nl() + nl().join(rows) + nl() + f"</{self.t('table')}>")
        html5 = self.frame == "html5"
        for kind, inner, _ in blocks:
            if kind == "heading":
                tag, attrs, txt = inner
                if tag == "strong":
                    out.append(self.el("div", self.el("strong", txt, attrs), self.attrs(p_none=0.5)))
                else:
                    out.append(self.el(tag, txt, attrs))
                continue
            if kind == "body":
                tag = rng.choice(["section", "div", "div"]) if html5 else "div"
                inner2 = inner
                if rng.random() < 0.3:
                    inner2 = self.el("div", inner2, self.attrs("content", p_none=0.3))
                out.append(self.el(tag, nl() + inner2 + nl(), self.attrs("content", p_none=0.15)))
                continue
            if kind == "meta" and html5 and rng.random() < 0.3:
                out.append(self.el("p", inner, self.attrs("info", p_none=0.3)))
                continue
            if kind == "footer" and html5:
                out.append(self.el("footer", inner, self.attrs(p_none=0.4)))
                continue
            if kind == "related" and html5 and rng.random() < 0.5:
                out.append(self.el("aside", inner, self.attrs(p_none=0.4)))
                continue
            out.append(self.el("div", inner, self.attrs(p_none=0.3)))
        if html5:
            # header grouping of the first blocks is common in HTML5 themes
            return self.el("article", nl() + nl().join(out) + nl(), self.attrs(p_none=0.4))
        return self.el("div", nl() + nl().join(out) + nl(), self.attrs("article", p_none=0.3))

    def frame_page(self, bc, bc_outside, article, side, side_pos, logo, navhtml, switch, search, foot_lines):
        rng = self.rng
        nl = self.nl
        doctype = rng.choice([
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
            "<!DOCTYPE html>", "<!doctype html>", "",
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">'])
        html_open = rng.choice(["<html>", '<html xmlns="http://www.w3.org/1999/xhtml">',
                                f'<html lang="{"en" if self.en else "zh-CN"}">'])
        bc_html = bc
        if rng.random() < 0.3:
            bc_html = f"<span{self.attrs(p_none=0.3)}>{bc}</span>"
        bc_block = self.el("div", bc_html, self.attrs("position", p_none=0.3))
        if not bc_outside:
            # breadcrumb goes at the top of the article column
            article_col = bc_block + nl() + article
        else:
            article_col = article
        foot = nl().join(self.el("p", x) if not x.startswith("<p") else x for x in foot_lines)
        scripts = ""
        if rng.random() < 0.5:
            scripts = ('<script type="text/javascript">var _hmt = _hmt || [];(function(){var hm = '
                       'document.createElement("script");hm.src = "//hm.example.cn/hm.js?' + self.name() +
                       '";var s = document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm, s);})();'
                       "</script>")
        if self.frame == "table":
            T = self.t
            top = (f"<{T('table')} width={self.q('980')} align=center border=0 cellpadding=0 cellspacing=0>"
                   f"<{T('tr')}><{T('td')}{self.attrs(p_none=0.4)}>{logo}</{T('td')}><{T('td')} align=right>{switch}{search}</{T('td')}></{T('tr')}>"
                   f"<{T('tr')}><{T('td')} colspan=2{self.attrs(p_none=0.4)}>{navhtml}</{T('td')}></{T('tr')}></{T('table')}>")
            if bc_outside:
                top += nl() + (f"<{T('table')} width={self.q('980')} align=center><{T('tr')}><{T('td')}{self.attrs(p_none=0.4)}>{bc_html}"
                               f"</{T('td')}></{T('tr')}></{T('table')}>")
            a_td = f"<{T('td')} valign=top width={self.q('700')}{self.attrs(p_none=0.4)}>{nl()}{article_col}{nl()}</{T('td')}>"
            cells = [a_td]
            if side:
                s_td = f"<{T('td')} valign=top width={self.q('270')}{self.attrs(p_none=0.4)}>{side}</{T('td')}>"
                cells = [s_td, f"<{T('td')} width=10></{T('td')}>", a_td] if side_pos == "before" else \
                    [a_td, f"<{T('td')} width=10></{T('td')}>", s_td]
            main = (f"<{T('table')} width={self.q('980')} align=center border=0 cellpadding=0 cellspacing=0>"
                    f"<{T('tr')}>{nl().join(cells)}</{T('tr')}></{T('table')}>")
            bottom = (f"<{T('table')} width={self.q('980')} align=center{self.attrs(p_none=0.4)}><{T('tr')}><{T('td')} align=center>"
                      f"{foot}</{T('td')}></{T('tr')}></{T('table')}>")
            body = nl().join([top, main, bottom, scripts])
            body_tag = f"<{T('body')}{rng.choice(['', ' topmargin=0 leftmargin=0', ' bgcolor=#ffffff'])}>"
            return (doctype + nl() + html_open + nl() + f"<{T('head')}>" + nl() + self.head() + nl()
                    + f"</{T('head')}>" + nl() + body_tag + nl() + body + nl() + f"</{T('body')}></html>" + nl())
        html5 = self.frame == "html5"
        hdr_inner = logo + nl() + (self.el("nav", navhtml, self.attrs(p_none=0.5)) if html5 else
                                    self.el("div", navhtml, self.attrs("nav", p_none=0.3))) + switch + search
        header = self.el("header" if html5 else "div", hdr_inner, self.attrs("header", p_none=0.3))
        top = header + (nl() + bc_block if bc_outside else "")
        main_tag = "main" if html5 and rng.random() < 0.7 else "div"
        a_div = self.el(main_tag, nl() + article_col + nl(), self.attrs("main", p_none=0.3))
        cols = [a_div]
        if side:
            s_div = self.el("aside" if html5 else "div", nl() + side + nl(), self.attrs("side", p_none=0.3))
            cols = [s_div, a_div] if side_pos == "before" else [a_div, s_div]
        wrap = self.el("div", nl() + nl().join(cols) + nl(), self.attrs("wrap", p_none=0.3))
        footer = self.el("footer" if html5 else "div", nl() + foot + nl(), self.attrs("footer", p_none=0.3))
        return (doctype + nl() + html_open + nl() + "<head>" + nl() + self.head() + nl() + "</head>" + nl()
                + "<body>" + nl() + top + nl() + wrap + nl() + footer + nl() + scripts + nl() + "</body>"
                + nl() + "</html>" + nl())


def render(f, rng):
    """One whole HTML page for the facts: (body bytes, Content-Type header, layout description)."""
    return _Page(f, rng).build()


def case(seed):
    rng = random.Random(seed)
    edition = "en" if seed % 2 == 0 else "zh"
    fa = facts(rng, edition)
    body, ctype, layout = render(fa, rng)
    return {"seed": seed, "facts": fa, "body": body, "content_type": ctype, "layout": layout}


def cases(n, start=0):
    for seed in range(start, start + n):
        yield case(seed)


# --------------------------------------------------------------------------------------------
# Self-check
# --------------------------------------------------------------------------------------------

def _codec_of(layout):
    m = re.search(r"\benc=([a-z0-9-]+)/", layout)
    return m.group(1)


def _visible_lines(text):
    """Text lines a reader sees (block boundaries and <br> split lines), plus the <title> text."""
    from html.parser import HTMLParser

    block = {"p", "div", "br", "td", "tr", "table", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
             "h6", "section", "article", "aside", "header", "footer", "main", "nav", "form", "body",
             "html", "head", "title", "img"}

    class P(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.buf = []
            self.skip = 0
            self.in_title = False
            self.title = ""

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style"):
                self.skip += 1
            if tag == "title":
                self.in_title = True
            if tag in block:
                self.buf.append("\n")

        def handle_startendtag(self, tag, attrs):
            if tag in block:
                self.buf.append("\n")

        def handle_endtag(self, tag):
            if tag in ("script", "style"):
                self.skip = max(0, self.skip - 1)
            if tag == "title":
                self.in_title = False
            if tag in block:
                self.buf.append("\n")

        def handle_data(self, data):
            if self.skip:
                return
            if self.in_title:
                self.title += data
                return
            self.buf.append(data)

    p = P()
    p.feed(text)
    p.close()
    lines = [" ".join(x.split()) for x in "".join(p.buf).split("\n")]
    return [x for x in lines if x], " ".join(p.title.split())


def _registry_drift():
    """Differences between this module's registry snapshot and syndicate/data/sources.toml."""
    import tomllib
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "syndicate" / "data" / "sources.toml"
    try:
        reg = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError:
        return ["syndicate/data/sources.toml not found"]
    out = []
    if reg.get("outlets") != OUTLET_ALIASES:
        out.append("[outlets] differs from the snapshot")
    for ed, site in SITES.items():
        s = reg.get("sources", {}).get(site["source"], {})
        for k in ("site_names", "site_outlet", "cms_authors", "language"):
            if s.get(k) != site[k]:
                out.append(f"{site['source']}.{k} differs from the snapshot")
    return out


def _digest(n, start=0):
    import hashlib

    h = hashlib.sha256()
    for c in cases(n, start):
        h.update(c["body"])
        h.update(c["content_type"].encode())
        h.update(repr(c["facts"]).encode())
    return h.hexdigest()


def _selfcheck(n=200):
    import os
    import subprocess
    import sys
    from collections import Counter

    problems = []
    dims = Counter()
    for c in cases(n):
        seed, f, body, layout = c["seed"], c["facts"], c["body"], c["layout"]
        for tok in layout.split():
            dims[tok] += 1
        codec = _codec_of(layout)
        raw = body[3:] if body.startswith(b"\xef\xbb\xbf") else body
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as e:
            problems.append(f"seed {seed}: does not decode as {codec}: {e}")
            continue
        if codec == "gb2312" and raw.decode("gbk") != text:
            problems.append(f"seed {seed}: gb2312 bytes read differently as gbk")
        lines, title_tag = _visible_lines(text)
        if f["title"] not in lines and not title_tag.startswith(f["title"]):
            problems.append(f"seed {seed}: title not visible: {f['title']!r}")
        if not title_tag.startswith(f["title"]):
            problems.append(f"seed {seed}: <title> does not start with the title")
        for para in f["body"]:
            want = " ".join(para.split())
            if want not in lines:
                problems.append(f"seed {seed}: paragraph not a visible line: {want[:60]!r} ({layout})")
        alltext = "\n".join(lines)
        if f["byline"] is not None and f["byline"] not in alltext:
            problems.append(f"seed {seed}: author {f['byline']!r} not visible")
        for tag in f["tags"]:
            if tag not in alltext:
                problems.append(f"seed {seed}: tag {tag!r} not visible")
        if not any(re.search(re.escape(f["category"]) + r"\s*(>|$)", x) for x in lines):
            problems.append(f"seed {seed}: category not the last crumb")
        if case(seed)["body"] != body:
            problems.append(f"seed {seed}: same seed gave different bytes")
    # same bytes in another interpreter with another hash seed
    env = dict(os.environ, PYTHONHASHSEED="12345")
    here = os.path.dirname(os.path.abspath(__file__))
    other = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {here!r}); "
                            "import layoutfuzz; print(layoutfuzz._digest(60))"],
                           capture_output=True, text=True, env=env)
    if other.stdout.strip() != _digest(60):
        problems.append("another process (PYTHONHASHSEED=12345) rendered different bytes: "
                        + other.stderr[-500:])
    # a run-together line must split one way only: known names x CMS accounts
    for ed, site in SITES.items():
        names = [k for k in OUTLET_ALIASES] + site["site_names"]
        seen = {}
        for nm in names:
            for au in site["cms_authors"]:
                seen.setdefault((nm + au).casefold(), set()).add((nm.casefold(), au))
        for joined, splits in seen.items():
            if len(splits) > 1:
                problems.append(f"{ed}: run-together {joined!r} splits {len(splits)} ways")
    drift = _registry_drift()
    for p in problems[:30]:
        print("PROBLEM", p)
    for d in drift:
        print("REGISTRY DRIFT", d)
    keys = Counter(t.split("=")[0] for t in dims.elements())
    print(f"{n} pages checked, {len(problems)} problems; layout dimensions seen: "
          + ", ".join(f"{k}({len([t for t in dims if t.startswith(k + '=')])})" for k in sorted(keys)))
    return not problems


if __name__ == "__main__":
    import sys

    sys.exit(0 if _selfcheck(int(sys.argv[1]) if len(sys.argv) > 1 else 200) else 1)
