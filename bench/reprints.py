"""A seeded corpus of CSR news in English and Chinese with planted reprints and hard negatives.

Every article is written from phrase pools (companies, programmes, partners, cities, figures,
dates) by sentence templates of six kinds of story: donations, report releases, forums,
volunteering, emissions and disaster relief. Some stories are then copied onto other sites in
one of the ways reprints really differ from their original (``REPRINTS``), and some pairs of
different stories are written to look alike without being copies (``NEGATIVES``). The truth
travels with the corpus: which original each reprint copies, and which pairs must stay apart.

    from reprints import corpus
    c = corpus(seed=0, size=2000, reprints=300, negatives=100)
    c.articles                  # list[Article], in generation order
    c.copies[reprint_id]        # id of the original it copies
    c.reprints()                # [(class, reprint id, original id)]
    c.negatives                 # [(class, id_a, id_b)]: different stories, never to be linked

The same arguments always give the same corpus (one ``random.Random(seed)`` drives all).
Bodies are paragraphs separated by a blank line, like the store's.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable

from syndicate.items import Article, article_id

CST = timezone(timedelta(hours=8))
EN, ZH = "en", "zh-Hans"

# ---------------------------------------------------------------------------- sites

@dataclass(frozen=True)
class Site:
    source: str
    domain: str
    outlet: str
    language: str


SITES = [
    Site("chinacsr", "www.chinacsr.test", "China CSR", EN),
    Site("greenbiz-asia", "greenbiz-asia.test", "GreenBiz Asia", EN),
    Site("esgtoday-cn", "esgtoday-cn.test", "ESG Today China", EN),
    Site("sinodev", "sinodevelopment.test", "Sino Development Brief", EN),
    Site("asiaimpact", "asiaimpact.test", "Asia Impact News", EN),
    Site("cbn-csr", "csr.cbn.test", "CBN Responsible Business", EN),
    Site("csr-china-net", "www.csr-china.test", "中国企业社会责任网", ZH),
    Site("gongyi-daily", "gongyi.daily.test", "公益时报", ZH),
    Site("lvse-caijing", "lvse-caijing.test", "绿色财经", ZH),
    Site("shzr", "shzr.test", "社会责任报道", ZH),
    Site("esg-cn", "esg-cn.test", "ESG中国", ZH),
    Site("xiangcun", "xiangcun.test", "乡村振兴网", ZH),
]

# ---------------------------------------------------------------------------- phrase pools
# Pairs are (English, Chinese).

COMPANY_PREFIXES = [
    ("Jinhai", "金海"), ("Huaxin", "华信"), ("Tianrun", "天润"), ("Zhongke", "中科"), ("Lanhai", "蓝海"),
    ("Beichen", "北辰"), ("Hongshan", "红山"), ("Qingyun", "青云"), ("Xinghe", "星河"), ("Ruifeng", "瑞丰"),
    ("Anda", "安达"), ("Yuanhang", "远航"), ("Hengtai", "恒泰"), ("Jiahe", "嘉禾"), ("Shengda", "晟达"),
    ("Kaiyuan", "开元"), ("Baofeng", "宝丰"), ("Tianyu", "天宇"), ("Jinqiao", "金桥"), ("Haoyun", "浩云"),
    ("Lingxi", "灵犀"), ("Zhengtong", "正通"), ("Hualu", "华禄"), ("Songhe", "松鹤"), ("Mingyang", "明扬"),
    ("Xinyuan", "信远"), ("Dongrun", "东润"), ("Chenguang", "晨光"), ("Yunfeng", "云峰"), ("Guotai", "国泰"),
]
INDUSTRIES = [
    ("Petrochemical", "石化"), ("Bank", "银行"), ("Pharmaceutical", "制药"), ("Textiles", "纺织"),
    ("Motors", "汽车"), ("Logistics", "物流"), ("Dairy", "乳业"), ("Mining", "矿业"), ("Power", "电力"),
    ("Telecom", "通信"), ("Foods", "食品"), ("Cement", "水泥"), ("Solar", "光伏"), ("Insurance", "保险"),
    ("Steel", "钢铁"), ("Electronics", "电子"), ("Construction", "建工"), ("Securities", "证券"),
]
PLACES = [  # city, province
    (("Kunming", "昆明"), ("Yunnan", "云南")), (("Guiyang", "贵阳"), ("Guizhou", "贵州")),
    (("Lanzhou", "兰州"), ("Gansu", "甘肃")), (("Xining", "西宁"), ("Qinghai", "青海")),
    (("Yinchuan", "银川"), ("Ningxia", "宁夏")), (("Chengdu", "成都"), ("Sichuan", "四川")),
    (("Nanning", "南宁"), ("Guangxi", "广西")), (("Changsha", "长沙"), ("Hunan", "湖南")),
    (("Wuhan", "武汉"), ("Hubei", "湖北")), (("Hefei", "合肥"), ("Anhui", "安徽")),
    (("Nanchang", "南昌"), ("Jiangxi", "江西")), (("Zhengzhou", "郑州"), ("Henan", "河南")),
    (("Taiyuan", "太原"), ("Shanxi", "山西")), (("Xi'an", "西安"), ("Shaanxi", "陕西")),
    (("Hohhot", "呼和浩特"), ("Inner Mongolia", "内蒙古")), (("Harbin", "哈尔滨"), ("Heilongjiang", "黑龙江")),
    (("Shenyang", "沈阳"), ("Liaoning", "辽宁")), (("Jinan", "济南"), ("Shandong", "山东")),
    (("Hangzhou", "杭州"), ("Zhejiang", "浙江")), (("Fuzhou", "福州"), ("Fujian", "福建")),
    (("Guangzhou", "广州"), ("Guangdong", "广东")), (("Haikou", "海口"), ("Hainan", "海南")),
    (("Nanjing", "南京"), ("Jiangsu", "江苏")), (("Shijiazhuang", "石家庄"), ("Hebei", "河北")),
    (("Urumqi", "乌鲁木齐"), ("Xinjiang", "新疆")),
]
SURNAMES = [("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"),
            ("Zhao", "赵"), ("Huang", "黄"), ("Zhou", "周"), ("Wu", "吴"), ("Xu", "徐"), ("Sun", "孙"),
            ("Ma", "马"), ("Zhu", "朱"), ("Hu", "胡"), ("Guo", "郭"), ("He", "何"), ("Lin", "林"),
            ("Luo", "罗"), ("Gao", "高")]
GIVEN_NAMES = [("Wei", "伟"), ("Fang", "芳"), ("Min", "敏"), ("Jing", "静"), ("Lei", "磊"), ("Yan", "燕"),
               ("Hua", "华"), ("Jun", "军"), ("Tao", "涛"), ("Ping", "平"), ("Xiaoming", "晓明"), ("Hong", "红"),
               ("Jianguo", "建国"), ("Lihua", "丽华"), ("Zhiqiang", "志强"), ("Yuting", "雨婷"),
               ("Haoran", "浩然"), ("Xin", "欣"), ("Guoqing", "国庆"), ("Shuang", "爽")]
ROLES = [("vice-president for sustainability", "分管可持续发展的副总裁"), ("chairman", "董事长"),
         ("chief executive", "总裁"), ("head of corporate affairs", "企业事务部总经理"),
         ("secretary-general of the company's charity foundation", "公益基金会秘书长"),
         ("director of the ESG office", "ESG办公室主任"), ("Party secretary", "党委书记")]
CAUSES = [("rural education", "乡村教育"), ("clean drinking water", "农村饮水安全"),
          ("children's health", "儿童健康"), ("elderly care", "养老服务"),
          ("vocational training for young people", "青年职业技能培训"),
          ("women's entrepreneurship", "女性创业"), ("biodiversity protection", "生物多样性保护"),
          ("digital skills for farmers", "农民数字技能培训"), ("rural revitalisation", "乡村振兴"),
          ("maternal health", "母婴健康"), ("reading for children", "儿童阅读"),
          ("wetland restoration", "湿地修复")]
PROGRAMMES = [("the Spring Seedling Programme", "春苗计划"), ("the Clear Spring Initiative", "清泉行动"),
              ("the Bright Road Scholarship", "光明路助学金"), ("the Green Shoots Project", "绿芽项目"),
              ("the Sunflower Library Plan", "向日葵书屋计划"), ("the Rural Doctor Training Plan", "乡村医生培训计划"),
              ("the Blue Sky Action", "蓝天行动"), ("the Warm Nest Project", "暖巢工程"),
              ("the New Farmer Academy", "新农人学院"), ("the Wetland Guardians programme", "湿地守护者计划"),
              ("the Starlight Classroom", "星光课堂"), ("the Silver Age Care Plan", "银龄关爱计划")]
PARTNERS = [("the Qinghe Charity Foundation", "青禾公益基金会"),
            ("the China Rural Education Fund", "中国乡村教育基金会"),
            ("the Green Future Environmental Association", "绿色未来环保协会"),
            ("the Sunshine Children's Foundation", "阳光儿童基金会"),
            ("the {province} Red Cross Society", "{province}红十字会"),
            ("the Western Development Charity Alliance", "西部发展公益联盟"),
            ("the Yangtze Ecology Foundation", "长江生态基金会"),
            ("the Mountain Women's Development Centre", "山区妇女发展中心"),
            ("the {province} Charity Federation", "{province}慈善总会")]
EVENTS = [("China Corporate Social Responsibility Summit", "中国企业社会责任峰会"),
          ("Green Development Forum", "绿色发展论坛"), ("ESG Disclosure Conference", "ESG信息披露大会"),
          ("Rural Revitalisation and Business Forum", "乡村振兴与企业发展论坛"),
          ("Sustainable Supply Chain Forum", "可持续供应链论坛"), ("Charity and Philanthropy Week", "慈善公益周"),
          ("Responsible Investment Forum", "责任投资论坛")]
ORGANISERS = [("the China CSR Research Centre", "中国企业社会责任研究中心"),
              ("the Association for Sustainable Business", "可持续商业促进会"),
              ("the {city} Federation of Industry and Commerce", "{city}市工商业联合会"),
              ("the Institute of Corporate Citizenship", "企业公民研究院")]
OFFICIAL_ROLES = [("deputy mayor of {city}", "{city}市副市长"),
                  ("deputy director of the {province} Department of Civil Affairs", "{province}民政厅副厅长"),
                  ("vice-chairman of the {province} Federation of Industry and Commerce", "{province}工商联副主席")]
ORDINALS = [("first", "一"), ("second", "二"), ("third", "三"), ("fourth", "四"), ("fifth", "五"),
            ("sixth", "六"), ("seventh", "七"), ("eighth", "八"), ("ninth", "九"), ("tenth", "十"),
            ("11th", "十一"), ("12th", "十二"), ("13th", "十三"), ("14th", "十四"), ("15th", "十五"),
            ("16th", "十六"), ("17th", "十七")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
KINDS = ["donation", "report", "forum", "volunteer", "emissions", "relief"]

QUOTES = {
    EN: ["We believe that a company can only do well in the long run if the communities around it do well too",
         "This is not charity for us, it is part of how we run our business",
         "Our goal is to make sure that every child in these villages has a safe place to study",
         "We want to be measured by what we deliver, not by what we promise",
         "Climate change is the biggest challenge of our generation, and business has to be part of the answer",
         "We have learned a great deal from our partners on the ground, and we will keep listening to them",
         "Transparency is the basis of trust, which is why we publish our results every year",
         "The next step is to bring our suppliers with us on this journey",
         "Rural revitalisation needs long-term commitment, not one-off donations",
         "Our employees asked for this programme, and they are the ones who make it work",
         "We will keep investing in education because it changes lives for generations",
         "Every tonne of carbon we cut today makes the transition cheaper tomorrow",
         "We hope more companies will join us",
         "Good intentions are not enough, we need data to know what works",
         "The people in these villages know best what they need, so we start by asking them",
         "We made mistakes in the first years, and we have changed the way we choose projects",
         "Our customers expect us to act responsibly, and so do our own employees",
         "Small steps repeated every year add up to real change",
         "Disclosure is not a burden, it helps us manage our own risks better",
         "Nobody can solve these problems alone, which is why partnerships matter so much"],
    ZH: ["企业只有与所在社区共同发展，才能走得更远",
         "对我们来说，这不是简单的慈善，而是企业经营的一部分",
         "我们的目标是让这些村里的每一个孩子都有安全的地方读书",
         "我们希望用实际成果来衡量自己，而不是用承诺",
         "应对气候变化是这一代人面临的最大挑战，企业必须成为解决方案的一部分",
         "我们从一线合作伙伴那里学到了很多，今后也会继续倾听他们的声音",
         "透明是信任的基础，所以我们每年都公开项目成果",
         "下一步，我们要带动供应商一起走上这条路",
         "乡村振兴需要长期投入，而不是一次性的捐款",
         "这个项目是员工们主动提出来的，也是他们让项目真正落地",
         "教育能改变几代人的命运，我们会持续投入",
         "今天每减少一吨碳排放，明天的转型成本就会更低",
         "希望有更多企业加入我们的行列",
         "光有善意还不够，我们需要用数据来判断哪些做法真正有效",
         "村里的群众最清楚自己需要什么，所以我们先去听他们怎么说",
         "头几年我们走过一些弯路，后来调整了项目的遴选方式",
         "客户期待我们承担责任，我们自己的员工也是如此",
         "每年迈出一小步，积累起来就是实实在在的改变",
         "信息披露不是负担，它能帮助我们更好地管理自身风险",
         "这些问题谁也无法单独解决，所以合作显得格外重要"],
}

# ---------------------------------------------------------------------------- templates
# A placeholder is a fact of the story (company, city, cause...), a figure drawn fresh for each
# sentence (n, big, money, pct...: see _figure) or a pick from POOLS / LISTS. ``[a|b|]`` is a
# choice of wording, made by the story's shape (so a same-template pair makes the same choices).

POOLS = {
    "source": [("company figures", "公司数据"), ("the local government", "当地政府"), ("the organisers", "主办方"),
               ("a company statement", "公司公告"), ("the provincial statistics bureau", "省统计局")],
    "standard": [("the GRI Standards", "GRI标准"), ("the exchange's sustainability reporting guidelines", "交易所可持续发展报告指引"),
                 ("ISO 26000", "ISO 26000"), ("the national standard GB/T 36001", "国家标准GB/T 36001")],
    "assurer": [("an independent third party", "独立第三方机构"), ("Huaan Assurance", "华安鉴证"),
                ("the Zhongcheng Certification Centre", "中诚认证中心"), ("Lixin Verification", "立信核证")],
    "rater": [("Hengyi ESG Ratings", "恒义ESG评级"), ("the Dongfang Sustainability Index", "东方可持续发展指数"),
              ("the China Green Rating Agency", "中国绿色评级机构")],
    "grade": [("A", "A"), ("AA", "AA"), ("BBB", "BBB"), ("BB", "BB")],
    "weekday": [("Monday", "周一"), ("Tuesday", "周二"), ("Wednesday", "周三"), ("Thursday", "周四"),
                ("Friday", "周五"), ("Saturday", "周六"), ("Sunday", "周日")],
    "lines": [("refining, chemicals and new energy", "炼化、化工和新能源"),
              ("retail banking, corporate finance and wealth management", "零售银行、公司金融和财富管理"),
              ("generic drugs, vaccines and medical devices", "仿制药、疫苗和医疗器械"),
              ("logistics, warehousing and supply-chain services", "物流、仓储和供应链服务"),
              ("dairy farming, milk products and nutrition", "奶牛养殖、乳制品和营养品"),
              ("power generation, grid services and energy storage", "发电、电网服务和储能"),
              ("mobile networks, cloud services and data centres", "移动通信、云服务和数据中心")],
    "exchange": [("Shanghai Stock Exchange", "上海证券交易所"), ("Shenzhen Stock Exchange", "深圳证券交易所"),
                 ("Hong Kong Stock Exchange", "香港联合交易所")],
}
LISTS = {  # three of these, joined
    "topics": [("carbon markets", "碳市场建设"), ("employee wellbeing", "员工关爱"), ("rural revitalisation", "乡村振兴"),
               ("green finance", "绿色金融"), ("supply-chain audits", "供应链审核"), ("biodiversity", "生物多样性"),
               ("digital inclusion", "数字包容"), ("the ageing society", "人口老龄化"), ("water stewardship", "水资源管理"),
               ("the circular economy", "循环经济")],
    "subjects": [("art", "美术"), ("music", "音乐"), ("computing", "计算机"), ("English", "英语"), ("science", "科学"),
                 ("PE", "体育"), ("reading", "阅读"), ("calligraphy", "书法")],
    "goods": [("tents", "帐篷"), ("drinking water", "饮用水"), ("instant noodles", "方便面"), ("medicine", "药品"),
              ("blankets", "棉被"), ("generators", "发电机"), ("rubber boats", "冲锋舟"), ("life jackets", "救生衣")],
    "items": [("books", "图书"), ("computers", "电脑"), ("desks", "课桌椅"), ("sports equipment", "体育器材"),
              ("water purifiers", "净水设备"), ("school uniforms", "校服"), ("projectors", "投影仪")],
}

TEMPLATES = {
    EN: {
        "title/donation": ["{company} [pledges|commits|gives] {amount} to {cause} in {province}",
                           "{short} launches {programme_bare} with {amount} [donation|fund]",
                           "{company} and {partner_bare} [start|launch] {programme_bare} in {province}",
                           "{company} [backs|supports] {cause} in {city} with new programme"],
        "title/report": ["{company} [releases|publishes] {year} [sustainability|ESG|CSR] report",
                         "{company} publishes its {edition} [CSR|sustainability] report",
                         "{short} reports progress on {cause} in {year} [ESG|sustainability] report"],
        "title/forum": ["{event} opens in {city}",
                        "[Business leaders|Companies and charities|Officials and executives] gather in {city} for "
                        "{event}",
                        "{edition} {event} [focuses on|puts spotlight on] {cause}"],
        "title/volunteer": ["{short} employees volunteer for {cause} in {city}",
                            "{company} staff log {hours} volunteer hours",
                            "{short} volunteers spend [weekend|two days] in {province} villages"],
        "title/emissions": ["{company} cuts carbon emissions by {pct} in {year}",
                            "{short} [commissions|switches on] solar plant at {city} base",
                            "{company} sets {target} carbon neutrality target"],
        "title/relief": ["{company} donates {amount} for [flood|disaster] relief in {province}",
                         "{short} sends relief supplies to {city}",
                         "{company} joins [disaster relief|rescue] effort in {province}"],
        "lead/donation": [
            "{company} has [pledged|committed] {amount} to {cause} in {province}, the company [announced|said] in "
            "{city} on {date}.",
            "On {date}, {company} signed [an agreement|a partnership agreement|a memorandum] with {partner} in {city} "
            "to launch {programme}, committing {amount} over the next {years} years to {cause}.",
            "{company} will spend {amount} on {cause} in {province} under a new [scheme|programme|initiative] called "
            "{programme}, its {role} told a [signing ceremony|news conference|launch event] in {city} on {date}.",
            "A new [charity|public welfare] programme backed by {company} aims to support {cause} across {n} counties "
            "in {province}, with {amount} in funding announced on {date}.",
            "{company} [said|announced] on {date} that it would donate {amount} to {partner} for {cause}, the "
            "[largest|second-largest] corporate gift in the foundation's {n}-year history."],
        "lead/report": [
            "{company} released its {year} [Sustainability Report|Sustainability and ESG Report|Corporate Social "
            "Responsibility Report] in {city} on {date}, the {edition} such report since the company began "
            "[disclosing its environmental, social and governance performance|publishing non-financial information].",
            "{company} on {date} published its {year} corporate social responsibility report, which details {money} "
            "in community investment and a {pct} [cut|reduction] in energy use per unit of output.",
            "The {year} ESG report of {company}, released on {date}, shows the group spent {money} on social "
            "programmes and trained {big} employees [during the year|over the twelve months].",
            "{company} has made public its {year} Environmental, Social and Governance Report, setting out its "
            "progress on {cause} and on its [climate targets|carbon goals|plan to reach net zero by {target}], the "
            "company said in {city} on {date}."],
        "lead/forum": [
            "The {event} opened in {city} on {date}, bringing together more than {staff} representatives from "
            "[companies, government agencies and charities|business, government and civil society|{n} provinces "
            "and regions].",
            "More than {staff} [business leaders, officials and researchers|executives, officials and academics] met "
            "in {city} on {date} for the {event}, which this year focuses on {cause}.",
            "The {edition} {event} was held in {city} on {date}, with {n} companies presenting their work on {cause} "
            "[and {cause2}|to an audience of {staff}]."],
        "lead/volunteer": [
            "More than {staff} employees of {company} took part in a volunteer campaign in {city} on {date}, "
            "[supporting|working on] {cause}.",
            "Volunteers from {company} spent the weekend of {date} in {n} villages near {city}, where they helped "
            "[local families and schools|farmers and teachers|elderly residents and children] with {cause}.",
            "{company} staff have logged {hours} volunteer hours [this year|since January], the company said on "
            "{date}, as its volunteer association marked its {edition} anniversary."],
        "lead/emissions": [
            "{company} cut its carbon emissions by {pct} in {year} compared with the previous year, according to "
            "figures released in {city} on {date}.",
            "{company} has [commissioned|switched on] a {mw}-megawatt solar power plant at its [production base|"
            "factory|logistics park] in {city}, which is expected to cut emissions by {tonnes} of carbon dioxide a "
            "year.",
            "On {date}, {company} announced that it would reach carbon neutrality in its own operations by {target}, "
            "{years} years ahead of the national target, and cut emissions from its supply chain by {pct} by "
            "{target_near}."],
        "lead/relief": [
            "{company} has donated {amount} in cash and supplies to [flood-hit|rain-hit|disaster-hit] areas of "
            "{province}, the company said on {date}.",
            "A convoy [|of {n} trucks ]carrying relief supplies from {company} arrived in {city} on {date}, "
            "[two|three] days after heavy rain forced the evacuation of {big} residents.",
            "After [torrential rain|days of heavy rain] hit {province}, {company} pledged {amount} on {date} to "
            "relief and reconstruction work through {partner}."],
        "detail/donation": [
            "The money will [be used to|go towards efforts to] build {n} classrooms, buy {items}, and train {n2} "
            "teachers in rural schools.",
            "Under the agreement, {partner} will manage the funds and report on their use every {months} months[| to "
            "the company's board| on its website].",
            "The first phase covers {n} villages around {city} and is expected to benefit about {big} [children and "
            "their families|residents|farmers and their families].",
            "Since {since}, {company} has invested more than {money} in public welfare projects, according to "
            "{source}.",
            "The programme will also offer scholarships of {money_small} a year to {n} students from low-income "
            "families [in {province}|in the {city} area].",
            "[Local|Provincial] education officials said the donation would help close the gap between rural and "
            "urban schools in {province}.",
            "Applications for the programme's grants open in {month}, and the first {n} grants will be paid [before "
            "the end of the year|by {month2}].",
            "{partner} said it would publish an independent audit of the programme within {months} months of each "
            "phase being completed.",
            "{person}, who [leads|oversees] the programme at {company}, said the first {n} projects had been chosen "
            "after visits to {n2} villages.",
            "Employees of {company} will be able to add to the fund through [a payroll giving scheme|monthly "
            "donations|an online platform], the company said."],
        "detail/report": [
            "According to the report, the company's total energy consumption fell by {pct} while revenue grew by "
            "{pct2}[| to {money}].",
            "The group employed {big} people at the end of {year}, {pct} of them women, and provided an average of "
            "{n} hours of training per employee.",
            "The report was prepared in line with {standard} and was assured by {assurer}.",
            "Spending on [poverty alleviation and rural revitalisation|community programmes|public welfare] reached "
            "{money}, covering {n} villages in {province}.",
            "The company said it had audited {n} suppliers on [labour and environmental standards|safety and "
            "environmental compliance] during the year and stopped working with {n2} of them.",
            "Water use per unit of output fell by {pct}, and {pct2} of the company's waste was recycled or reused[| "
            "at its {n} plants].",
            "For the first time, the report includes a chapter on climate risk prepared in line with the [TCFD "
            "recommendations|ISSB standards], covering {n} sites.",
            "The report, which runs to {n2} pages, was approved by the company's board and is available in Chinese "
            "and English on its website.",
            "Safety incidents fell to {n2} in {year}, and the lost-time injury rate was {rate} per million hours "
            "worked.",
            "{company} said its ESG rating from {rater} had been raised to {grade} during the year."],
        "detail/forum": [
            "Speakers discussed how companies can contribute to {cause} and how [disclosure standards|reporting "
            "rules|ESG ratings] should evolve[| over the next {years} years].",
            "At the opening session, {official}, called on companies to treat social responsibility as part of their "
            "core strategy[| and to report on it honestly].",
            "The forum released a list of {n} outstanding CSR cases, including projects on {cause} and {cause2}.",
            "A report on the CSR performance of China's top {n3} companies was released at the forum, showing an "
            "average score of {score} out of 100[|, up {n2} points on last year].",
            "Parallel sessions covered {topics}.",
            "Organisers said the number of participating companies had grown by {pct} over last year, to {staff}.",
            "Participants signed an initiative calling for better disclosure of [environmental data|carbon "
            "emissions|supply-chain information] by listed companies.",
            "{company} was among the {n} companies [honoured|recognised] for their work on {cause2}.",
            "A youth session brought together {n} university students to discuss careers in [sustainability|social "
            "enterprise|green finance]."],
        "detail/volunteer": [
            "The volunteers planted {trees} trees, cleaned up {km} kilometres of riverbank and visited {n} elderly "
            "residents living alone.",
            "The company gives each employee {days} days of paid volunteer leave a year, and matches donations made "
            "by staff [up to {money_small}|one to one].",
            "Its volunteer association, founded in {since}, now has {staff} registered members in {n} cities.",
            "Volunteers also taught classes in {subjects} at {n} primary schools in the area.",
            "Some of the volunteers were joined by their families, and {n} retired employees took part as well.",
            "The campaign is part of {programme}, which the company has run together with {partner}[| since "
            "{since}].",
            "{person}, a [sales manager|software engineer|accountant|plant technician] who has volunteered for {n2} "
            "years, said the visits [were the highlight of her year|had changed the way she sees her job].",
            "Volunteers delivered {n} boxes of {items} donated by colleagues in {city}."],
        "detail/emissions": [
            "The company said {pct} of the electricity used at its [plants|offices and plants|sites] now comes from "
            "renewable sources, up from {pct2} a year earlier.",
            "Energy-saving upgrades at {n} [factories|plants|sites] cut coal use by {tonnes}, according to {source}.",
            "The project was financed in part by a green bond worth {money} issued [earlier this year|in {month}].",
            "The company has also begun asking its top {n3} suppliers to report their emissions and set reduction "
            "targets[| by {target_near}].",
            "Its fleet of {n} electric trucks, introduced [last year|in {month}], now handles deliveries in {city} "
            "and nearby cities.",
            "Independent experts said the figures were in line with the sector's average but that more detail on "
            "supply-chain emissions was needed[| from {company}].",
            "The plant's annual output of {gwh} gigawatt-hours is enough to power about {big} households.",
            "{company} bought {tonnes} of carbon allowances on the national carbon market in {year}, [it said|"
            "according to {source}].",
            "The company plans to install rooftop solar panels at {n} more sites in {province} by {target_near}."],
        "detail/relief": [
            "The donation includes {money} in cash and {goods} worth {money2}.",
            "The company's [local branch|regional office|{city} subsidiary] set up a temporary shelter for {big} "
            "people in a warehouse near {city}.",
            "[Employees|Staff] in {province} volunteered to load supplies and help with logistics, [the company "
            "said|according to {source}].",
            "{partner} said the funds would first be used for emergency needs and then for rebuilding {n} schools "
            "and clinics.",
            "The company said it had also waived fees for customers in the affected areas for {months} months.",
            "Rescue teams were still working to reach {n} remote villages [on {weekday}|late on {weekday}], "
            "according to local officials.",
            "The company activated its emergency response plan within [hours|{n2} hours] and sent a team of {n} "
            "staff to the area.",
            "Its [insurance claims|customer service] team has set up a hotline for customers in {province} and "
            "promised to settle claims within {days} days."],
        "quote": [
            "\"{q1},\" said {person}, {role} at {company}. \"{q2}.\"",
            "{person}, {role} of {company}, said: \"{q1}. {q2}.\"",
            "\"{q1},\" said {official}.",
            "\"{q1},\" {person} told [reporters|the audience|local reporters]. \"{q2}, and {q3_lower}.\"",
            "Asked about [the programme's future|next year's plans|the company's motives], {person} said: "
            "\"{q1}.\""],
        "context": [
            "China aims to peak carbon emissions before 2030 and reach carbon neutrality before 2060[|, targets "
            "known as the dual carbon goals].",
            "The government has encouraged private companies to take part in rural revitalisation since the end of "
            "the national poverty alleviation campaign in 2020[|, and {province} has been one of the main "
            "destinations].",
            "Regulators have asked listed companies to improve their disclosure of environmental, social and "
            "governance information, and the Shanghai and Shenzhen stock exchanges issued sustainability reporting "
            "guidelines in 2024.",
            "According to the Ministry of Civil Affairs, corporate donations account for about {pct} of all "
            "charitable giving in China.",
            "{province} is one of the provinces where incomes in rural areas remain [well|far] below the national "
            "average.",
            "Demand for corporate volunteer programmes has grown as younger employees look for employers with a "
            "clear social purpose[|, recruiters say].",
            "Analysts say investors increasingly take ESG ratings into account when deciding where to put their "
            "money.",
            "Severe weather has become more frequent in recent years, putting pressure on [local emergency "
            "services|local governments in {province}].",
            "Green bonds issued in China reached a record value [last year|in {year}], according to market data.",
            "Many rural schools in {province} still lack qualified teachers in subjects such as {subjects}.",
            "More than {pct} of companies listed in Shanghai and Shenzhen now publish a sustainability or ESG "
            "report, according to {source}."],
        "impact": [
            "Since the programme began in {since}, {big} people have benefited, and {n} projects have been "
            "completed.",
            "A survey by {partner} found that {pct} of participating families reported higher incomes after "
            "[two|three] years.",
            "Teachers at {n} schools say attendance has improved since the programme began[| in {since}].",
            "The company said it would track the results with {partner} and publish them every [year|six months].",
            "Local farmers' cooperatives supported by the programme sold products worth {money} [last year|in "
            "{year}].",
            "{n} young people from {city} and nearby counties have found jobs through the programme's vocational "
            "training courses.",
            "The number of villages with clean drinking water in the project area has risen by {n}[|, according to "
            "{source}].",
            "Women now make up {pct} of the programme's trainees, up from {pct2} when it started."],
        "next": [
            "The company plans to extend the programme to {n} more counties [by {target_near}|over the next {years} "
            "years].",
            "A second phase, due to start [next year|in {month}], will focus on {cause2}.",
            "{company} said it would report on progress in its next sustainability report[| in {month}].",
            "The partners will hold a review meeting in {month} to decide on the next steps.",
            "The company also plans to invite customers to take part through its [online platform|mobile app|{n} "
            "branches].",
            "Further details will be announced at the company's annual general meeting[| in {month}].",
            "{partner} said it hoped {n} more companies would join the programme by {target_near}.",
            "The next [review|meeting|round of grants] is scheduled for {month} in {city2}."],
        "close/report": [
            "The company said it would publish its next report in {month} next year.",
            "[Analysts|Investors] will be watching whether the company meets its target of cutting emissions by {pct} "
            "by {target}.",
            "The report can be downloaded from the company's website[| and its WeChat account].",
            "{company} said it planned to [set science-based targets|publish a separate climate report] by "
            "{target_near}."],
        "close/forum": [
            "The next {event} will be held in {city2} [next year|in {month} next year].",
            "Organisers said the full list of cases would be published on the forum's website[| within {n2} days].",
            "The forum is expected to publish its recommendations in {month}."],
        "close/emissions": [
            "{company} said it would [publish its progress|report its emissions] every year and invite [independent "
            "auditors|third-party verifiers] to check the data.",
            "The company plans to spend {money} on [energy efficiency|renewable power] over the next {years} years.",
            "Its next target is to cut water use by {pct} by {target_near}."],
        "close/relief": [
            "The company said it would [continue to monitor the situation|keep in close contact with local "
            "authorities] and provide more help if needed.",
            "Further donations will be announced [as needs become clear|after damage assessments are completed], the "
            "company said.",
            "The company's employees in {province} have also started a fund-raising campaign for colleagues whose "
            "homes were damaged."],
        "about": [
            "{company} was founded in {since} and is headquartered in {city}.",
            "The group employs about {big} people and operates in {n} countries and regions.",
            "Its businesses cover {lines}.",
            "{company} has been listed on the {exchange} since {since2}.",
            "The company has published an annual sustainability report since {since3} and is a signatory of the UN "
            "Global Compact.",
            "Its charity foundation, set up in {since4}, focuses on {cause} and {cause2}.",
            "For more information, please visit the company's website."],
        "speech": [
            "Speaking at the {event} in {city}, {official}, said: \"{q1}. {q2}. {q3}. {q4}.\"",
            "In a keynote speech, {official}, said: \"{q1}. {q2}. {q3}. {q4}. {q5}.\""],
        "event-about": [
            "The {event} was first held in {since} and is organised by {organiser}.",
            "It has become one of the main annual gatherings on corporate responsibility in China, with more than "
            "{staff} participants each year.",
            "Previous editions have focused on topics such as poverty alleviation, green development and "
            "supply-chain responsibility.",
            "The forum's annual list of outstanding CSR cases is chosen by an expert panel drawn from {n} "
            "universities and research institutes."],
        "background/flood": [
            "Heavy rain has hit {province} since {day0}, flooding {n} counties and forcing the evacuation of {big} "
            "residents.",
            "Local authorities estimate direct economic losses at {money}, with roads, power lines and farmland badly "
            "damaged.",
            "The provincial government raised its emergency response to level {level} on {day1}.",
            "It is the worst flooding in the region since {since}, according to the local weather bureau.",
            "More than {n2} schools have been closed, and {big2} hectares of crops have been destroyed."],
        "background/schools": [
            "{province} has about {big2} rural primary schools, many of which have fewer than {n} pupils.",
            "A survey by {partner} in {since} found that {pct} of rural teachers in the province taught more than "
            "one subject.",
            "Many children in the area are looked after by their grandparents while their parents work in cities.",
            "The provincial education department has set a goal of improving conditions at all rural schools by "
            "{target_near}."],
        "followup/flood": [
            "A week after {company} pledged {amount} to flood relief in {province}, the first supplies paid for by "
            "the donation have reached {n} townships, the company said on {date}.",
            "One week on from the floods in {province}, {company} said on {date} that the relief it funded had "
            "reached {big} people."],
        "followup/schools": [
            "A week after {company} launched {programme} in {province}, the first {n} schools have received new "
            "books and computers, the company said on {date}.",
            "One week after its launch, {programme}, funded by {company}, has received applications from {n} rural "
            "schools in {province}, organisers said on {date}."],
        "followup-detail/flood": [
            "Of the pledged amount, {money} has already been spent on food, water and temporary housing.",
            "Engineers sent by the company have helped restore power to {big} households.",
            "The company said it would now turn to rebuilding {n} schools damaged by the water.",
            "Employees across the group have donated a further {money} through an internal campaign.",
            "Water levels have fallen in most areas, but {n} villages remain cut off, according to the local "
            "government."],
        "followup-detail/schools": [
            "Teachers from {n} schools attended a two-day training course in {city} last weekend.",
            "The programme's selection committee will visit the remaining schools before the end of {month}.",
            "Parents at one school said it was the first time their children had used a computer in class.",
            "The company said {n} of its employees had signed up to teach online classes."],
        "brief/donation": ["{company} donated {amount} to {partner} on {date} to support {cause} in {province}.[| The "
                           "donation will benefit about {big} people.]"],
        "brief/volunteer": ["{company} staff planted {trees} trees in {city} on {date} as part of {programme}.[| It "
                            "was the company's {edition} such event.]"],
        "brief/report": ["{company} released its {year} sustainability report on {date}, reporting a {pct} drop in "
                         "energy use.[| The report is available on the company's website.]",
                         "{company} has joined the UN Global Compact, it said on {date}.[| It is the {edition} company "
                         "from {province} to join.]"],
        "brief/emissions": ["{company} said on {date} that it had cut its carbon emissions by {pct} in {year}.[| It "
                            "aims to be carbon neutral by {target}.]"],
        "brief/relief": ["{company} donated {amount} to flood relief in {province} on {date}.[| The money will be "
                         "handled by {partner}.]"],
        "brief/forum": ["The {edition} {event} will be held in {city} on {date}.[| About {staff} participants are "
                        "expected.]"],
    },
    ZH: {
        "title/donation": ["{company}[捐赠|捐资]{amount}助力{province}{cause}", "{short}启动“{programme}”公益项目",
                           "{company}携手{partner}在{province}[实施|启动]{programme}",
                           "{company}在{city}启动{cause}[新项目|公益项目]"],
        "title/report": ["{company}发布{year}[年度可持续发展报告|年度社会责任报告|年ESG报告]",
                         "{company}发布第{edition}份社会责任报告", "{short}{year}年ESG报告：{cause}投入持续加大"],
        "title/forum": ["{event}在{city}[开幕|召开]", "{event}聚焦{cause}", "第{edition}届{event}在{city}举行"],
        "title/volunteer": ["{short}员工志愿者走进{city}乡村", "{company}志愿服务时长累计突破{hours}小时",
                            "{short}志愿者赴{province}开展{cause}志愿服务"],
        "title/emissions": ["{company}{year}年碳排放同比下降{pct}", "{short}{city}基地光伏电站正式并网",
                            "{company}提出{target}年实现运营碳中和"],
        "title/relief": ["{company}捐赠{amount}[驰援|支援]{province}防汛救灾", "{short}紧急调运救灾物资支援{city}",
                         "{company}通过{partner}捐款支持{province}灾后重建"],
        "lead/donation": [
            "{date}，{company}在{city}宣布，将出资{amount}支持{province}{cause}[事业|工作]。",
            "{date}，{company}与{partner}在{city}签署[合作协议|战略合作协议|合作备忘录]，正式启动“{programme}”，计划在"
            "未来{years}年内投入{amount}，用于{cause}。",
            "记者{date}从{company}获悉，该公司将在{province}{n}个县实施“{programme}”，项目总投入{amount}。",
            "为助力{cause}，{company}[近日|日前]向{partner}捐赠{amount}，首期资金已于{date}拨付到位。",
            "{date}，{company}向{partner}捐赠{amount}，用于支持{province}{cause}，这是该基金会成立{n}年来收到的"
            "[最大|第二大]一笔企业捐赠。"],
        "lead/report": [
            "{date}，{company}在{city}发布《{year}年[可持续发展报告|社会责任报告|ESG报告]》，这是该公司连续第{edition}"
            "年发布[社会责任报告|非财务信息报告]。",
            "{company}于{date}正式发布{year}年度社会责任报告。报告显示，公司全年公益投入{money}，单位产值能耗"
            "[下降|同比下降]{pct}。",
            "{date}，{company}发布{year}年环境、社会及治理（ESG）报告，全面披露了公司在{cause}和[应对气候变化|实现"
            "“双碳”目标|{target}年碳中和目标]方面取得的进展。",
            "{company}{year}年ESG报告于{date}发布。报告显示，集团全年公益支出{money}，培训员工{big}人次。"],
        "lead/forum": [
            "{date}，{event}在{city}开幕，来自[企业、政府部门和公益组织|全国{n}个省区市]的{staff}余名代表参加会议。",
            "以“{cause}”为主题的第{edition}届{event}于{date}在{city}举行，{n}家企业现场分享了[实践经验|典型案例]。",
            "{date}，{staff}多名[企业负责人、专家学者和政府官员|企业高管、学者和政府代表]齐聚{city}，出席{event}。"],
        "lead/volunteer": [
            "{date}，{company}{staff}余名员工志愿者走进{city}周边乡村，开展以{cause}为主题的志愿服务活动。",
            "记者{date}从{company}了解到，[今年以来|年初至今]该公司员工累计志愿服务时长已达{hours}小时。",
            "{date}，在{company}志愿者协会成立{edition}周年之际，{staff}名志愿者分赴{n}个村庄开展[服务|志愿服务]。"],
        "lead/emissions": [
            "记者{date}从{company}获悉，{year}年该公司碳排放总量同比下降{pct}。",
            "{date}，{company}{city}[生产基地|工厂|物流园区]{mw}兆瓦光伏电站正式并网发电，预计每年可减少二氧化碳排放"
            "{tonnes}。",
            "{date}，{company}宣布将于{target}年实现自身运营碳中和，比国家目标提前{years}年，并力争到{target_near}年将"
            "供应链排放降低{pct}。"],
        "lead/relief": [
            "{date}，{company}宣布向{province}受灾地区捐赠{amount}现金及物资，支持当地[防汛救灾|抢险救灾]工作。",
            "{date}，满载{company}救灾物资的[车队|{n}辆货车]抵达{city}，此前当地强降雨已导致{big}名群众紧急转移。",
            "{province}遭遇[强降雨|持续暴雨]后，{company}[第一时间|迅速]通过{partner}捐赠{amount}，用于抢险救灾和灾后重建。"],
        "detail/donation": [
            "该笔资金将用于新建{n}间教室、购置{items}，并培训乡村教师{n2}名。",
            "根据协议，{partner}将负责项目资金的管理，并每{months}个月[公布一次资金使用情况|向公司董事会报告资金使用情况"
            "|在官网公示资金使用情况]。",
            "项目一期覆盖{city}周边{n}个村，预计惠及约{big}名[儿童及其家庭|村民|农户]。",
            "据{source}，自{since}年以来，{company}在公益领域累计投入超过{money}。",
            "项目还将每年为{n}名家庭困难学生提供每人{money_small}的助学金[|，覆盖{province}全境]。",
            "[当地|{province}]教育部门负责人表示，这笔捐赠将有效缩小城乡教育差距。",
            "项目资助申请将于{month}开放，首批{n}项资助预计[年底前|{month2}前]发放到位。",
            "{partner}表示，每期项目完成后{months}个月内将公布第三方审计结果。",
            "{company}项目负责人{person}介绍，首批{n}个项目是在走访{n2}个村庄后确定的。",
            "公司员工还可通过[工资捐赠计划|每月定额捐款|线上平台]为项目捐款。"],
        "detail/report": [
            "报告显示，公司全年综合能耗下降{pct}，营业收入同比增长{pct2}[|，达到{money}]。",
            "截至{year}年底，公司共有员工{big}人，其中女性占比{pct}，人均培训时长{n}小时。",
            "报告参照{standard}编制，并经{assurer}鉴证。",
            "公司全年投入[乡村振兴|社区公益|公益慈善]资金{money}，覆盖{province}{n}个村。",
            "报告期内，公司对{n}家供应商开展了[劳工和环境审核|安全环保合规审核]，并终止了与其中{n2}家的合作。",
            "单位产值用水量下降{pct}，{pct2}的废弃物实现回收或再利用[|，{n}家工厂实现废水零排放]。",
            "报告首次按照[TCFD框架|ISSB准则]披露了气候相关风险，涉及{n}个运营场所。",
            "该报告共{n2}页，已经公司董事会审议通过，中英文版本均可在公司官网下载。",
            "{year}年公司安全事故降至{n2}起，百万工时损工率为{rate}。",
            "报告期内，公司在{rater}的ESG评级上调至{grade}级。"],
        "detail/forum": [
            "与会嘉宾围绕企业如何助力{cause}、[信息披露标准如何完善|ESG评级如何改进|报告规则如何统一]等议题展开深入讨论。",
            "{official}{official_name}在开幕式上致辞时指出，企业应将社会责任融入核心战略[|，如实披露相关信息]。",
            "论坛发布了{n}个企业社会责任优秀案例，涵盖{cause}、{cause2}等领域。",
            "论坛期间还发布了《中国企业{n3}强社会责任发展指数报告》，平均得分为{score}分[|，较上年提高{n2}分]。",
            "平行论坛议题涵盖{topics}等多个方面。",
            "主办方介绍，今年参会企业数量较上届增长{pct}，达到{staff}家。",
            "与会企业共同签署倡议书，呼吁上市公司加强[环境信息|碳排放信息|供应链信息]披露。",
            "{company}等{n}家企业因在{cause2}领域的贡献获得表彰。",
            "青年分论坛吸引了{n}名高校学生参加，围绕[可持续发展|社会企业|绿色金融]领域的职业发展展开交流。"],
        "detail/volunteer": [
            "志愿者们共植树{trees}棵，清理河岸{km}公里，并走访慰问了{n}位独居老人。",
            "该公司每年为每名员工提供{days}天带薪志愿服务假，并按员工捐款金额[进行一比一配捐|配捐，每人最高{money_small}]。",
            "公司志愿者协会成立于{since}年，目前在{n}个城市拥有注册志愿者{staff}名。",
            "志愿者们还在当地{n}所小学开设了{subjects}等课程。",
            "不少员工带着家人一同参加，另有{n}名退休职工也加入了志愿者队伍。",
            "此次活动是“{programme}”的一部分，该项目由公司与{partner}[共同实施|自{since}年起共同实施]。",
            "已连续参加志愿服务{n2}年的[销售经理|软件工程师|财务人员|一线技术员]{person}说，这些走访[是她一年中最难忘的"
            "经历|改变了她对自己工作的看法]。",
            "志愿者们还送去了{city}同事捐赠的{n}箱{items}。"],
        "detail/emissions": [
            "公司表示，目前其[工厂|生产基地|各运营场所]用电中可再生能源占比已达{pct}，上年同期为{pct2}。",
            "据{source}，通过对{n}家[工厂|生产基地]实施节能改造，公司全年减少燃煤消耗{tonnes}。",
            "该项目部分资金来自公司[今年早些时候|{month}]发行的{money}绿色债券。",
            "公司已开始要求前{n3}大供应商披露碳排放数据并[设定减排目标|在{target_near}年前设定减排目标]。",
            "公司[去年|{month}]引入的{n}辆电动货车，目前已承担{city}及周边城市的配送任务。",
            "有专家指出，上述数据与行业平均水平基本一致，但供应链排放信息仍需进一步细化。",
            "该电站年发电量约{kwh}万千瓦时，可满足约{big}户家庭的用电需求。",
            "{year}年，{company}在全国碳市场购买碳排放配额{tonnes}。",
            "公司计划到{target_near}年在{province}另外{n}个厂区安装屋顶光伏。"],
        "detail/relief": [
            "此次捐赠包括现金{money}以及价值{money2}的{goods}。",
            "公司[当地分支机构|区域公司|{city}子公司]在{city}附近的仓库设立临时安置点，可容纳{big}人。",
            "公司在{province}的员工自发参与物资装卸和运输工作[|，据{source}，已累计转运物资{n}车]。",
            "{partner}表示，善款将首先用于紧急救援，随后用于重建{n}所学校和卫生院。",
            "公司同时宣布，为受灾地区客户减免{months}个月的相关费用。",
            "据当地官员介绍，截至{weekday}，救援队伍仍在全力赶往{n}个偏远村庄。",
            "灾情发生后[数小时内|{n2}小时内]，公司即启动应急预案，并派出{n}人工作组赶赴灾区。",
            "公司[理赔|客服]团队开通了{province}客户专线，承诺在{days}个工作日内完成理赔。"],
        "quote": [
            "{company}{role}{person}表示：“{q1}。{q2}。”",
            "“{q1}。”{person}在接受[采访|记者采访]时说，“{q2}。”",
            "{official}{official_name}在活动现场表示：“{q1}。”",
            "谈及[项目初衷|未来规划|公司的考虑]，{person}说：“{q1}。{q2}，{q3}。”"],
        "context": [
            "我国力争2030年前实现碳达峰、2060年前实现碳中和[|，即“双碳”目标]。",
            "脱贫攻坚战取得全面胜利后，国家鼓励民营企业积极参与乡村振兴[|，{province}是重点帮扶地区之一]。",
            "近年来，监管部门持续推动上市公司提升环境、社会和治理信息披露质量，沪深交易所于2024年发布了可持续发展报告"
            "指引。",
            "据民政部统计，企业捐赠约占全国慈善捐赠总额的{pct}。",
            "{province}部分农村地区居民收入仍[明显|远]低于全国平均水平。",
            "随着年轻员工越来越看重企业的社会价值，企业志愿服务项目日益受到欢迎。",
            "分析人士指出，投资者在作出投资决策时越来越重视ESG评级。",
            "近年来极端天气事件频发，给[地方应急管理工作|{province}各级政府]带来较大压力。",
            "市场数据显示，[去年|{year}年]我国绿色债券发行规模创历史新高。",
            "{province}不少乡村学校仍缺少{subjects}等学科的专业教师。",
            "据{source}，沪深两市已有超过{pct}的上市公司发布可持续发展报告或ESG报告。"],
        "impact": [
            "项目自{since}年实施以来，已累计惠及{big}人，完成项目{n}个。",
            "{partner}的一项调查显示，{pct}的参与家庭在[两|三]年后收入有所提高。",
            "{n}所学校的老师反映，项目实施以来学生出勤率明显提升。",
            "公司表示，将与{partner}共同跟踪项目成效，并[每年|每半年]公开发布。",
            "在项目支持下，当地农民专业合作社[去年|{year}年]产品销售额达到{money}。",
            "已有{n}名来自{city}及周边县区的青年通过项目的职业技能培训实现就业。",
            "据{source}，项目区内实现安全饮水的村庄增加了{n}个。",
            "目前，项目学员中女性占比已达{pct}，项目启动时这一比例为{pct2}。"],
        "next": [
            "公司计划[到{target_near}年|在未来{years}年内]将项目推广至另外{n}个县。",
            "项目二期将于[明年|{month}]启动，重点关注{cause2}。",
            "{company}表示，将在下一份可持续发展报告中披露项目进展。",
            "合作各方将于{month}召开项目评估会，研究确定下一步工作。",
            "公司还计划通过[线上平台|手机应用|{n}家网点]邀请消费者共同参与。",
            "更多细节将在公司年度股东大会上公布。",
            "{partner}表示，希望到{target_near}年再有{n}家企业加入该项目。",
            "下一次[评审会|交流会|资助发放]定于{month}在{city2}举行。"],
        "close/report": [
            "公司表示，下一份报告将于明年{month}发布。",
            "[分析人士|投资者]将关注该公司能否实现到{target}年减排{pct}的目标。",
            "报告全文可在公司官网[|及官方微信公众号]下载。",
            "{company}表示，计划于{target_near}年前[设定科学碳目标|发布单独的气候报告]。"],
        "close/forum": [
            "下一届{event}将于[明年|明年{month}]在{city2}举行。",
            "主办方表示，完整案例名单将[|在{n2}天内]在论坛官网公布。",
            "论坛预计将于{month}发布政策建议报告。"],
        "close/emissions": [
            "{company}表示，将每年[公布减排进展|披露碳排放数据]，并邀请[独立审计机构|第三方核查机构]对数据进行核查。",
            "公司计划在未来{years}年内投入{money}用于[节能改造|可再生能源项目]。",
            "公司的下一个目标是到{target_near}年将用水量降低{pct}。"],
        "close/relief": [
            "公司表示，将[持续关注灾情|与当地政府保持密切联系]，并视需要提供进一步援助。",
            "公司表示，后续捐助将[根据灾区需求|在灾情评估完成后]另行公布。",
            "公司在{province}的员工还发起募捐，帮助房屋受损的同事。"],
        "about": [
            "{company}成立于{since}年，总部位于{city}。",
            "集团现有员工约{big}人，业务遍及{n}个国家和地区。",
            "公司主营业务涵盖{lines}。",
            "公司于{since2}年在{exchange}上市。",
            "自{since3}年起，公司每年发布可持续发展报告，并已加入联合国全球契约组织。",
            "公司公益基金会成立于{since4}年，重点关注{cause}和{cause2}等领域。",
            "更多信息请访问公司官方网站。"],
        "speech": [
            "{official}{official_name}在{event}上发表主旨演讲时表示：“{q1}。{q2}。{q3}。{q4}。”",
            "{official}{official_name}在致辞中说：“{q1}。{q2}。{q3}。{q4}。{q5}。”"],
        "event-about": [
            "{event}创办于{since}年，由{organiser}主办。",
            "经过多年发展，论坛已成为国内企业社会责任领域规模最大的年度盛会之一，每年参会人数超过{staff}人。",
            "往届论坛曾先后聚焦脱贫攻坚、绿色发展和供应链责任等主题。",
            "论坛每年发布的企业社会责任优秀案例，由来自{n}所高校和研究机构的专家评审产生。"],
        "background/flood": [
            "自{day0}以来，{province}遭遇持续强降雨，{n}个县受灾，{big}名群众紧急转移。",
            "据当地初步估计，直接经济损失达{money}，道路、电力设施和农田受损严重。",
            "{day1}，{province}将防汛应急响应提升至{level}级。",
            "据当地气象部门介绍，这是该地区自{since}年以来最严重的洪涝灾害。",
            "目前已有{n2}所学校停课，{big2}公顷农作物受灾。"],
        "background/schools": [
            "{province}共有乡村小学约{big2}所，其中不少学校学生人数不足{n}人。",
            "{partner}{since}年开展的一项调查显示，该省{pct}的乡村教师需要同时教授多门课程。",
            "当地许多孩子的父母外出务工，由祖辈照看。",
            "{province}教育厅提出，到{target_near}年全面改善乡村学校办学条件。"],
        "followup/flood": [
            "{company}捐赠{amount}驰援{province}防汛救灾一周后，首批由该笔捐款采购的物资已运抵{n}个乡镇，公司{date}"
            "介绍。",
            "{province}洪灾发生一周后，{company}{date}表示，其资助的救灾物资已惠及{big}名群众。"],
        "followup/schools": [
            "{company}在{province}启动“{programme}”一周后，首批{n}所学校已收到新图书和电脑，公司{date}介绍。",
            "由{company}出资的“{programme}”启动一周以来，已收到{province}{n}所乡村学校的申请，主办方{date}表示。"],
        "followup-detail/flood": [
            "在捐赠款项中，已有{money}用于采购食品、饮用水和搭建临时住所。",
            "公司派出的工程技术人员已协助恢复{big}户家庭的供电。",
            "公司表示，下一步将重点支持{n}所受损学校的重建工作。",
            "集团员工通过内部募捐又筹集善款{money}。",
            "据当地政府介绍，大部分地区水位已经回落，但仍有{n}个村庄交通中断。"],
        "followup-detail/schools": [
            "上周末，来自{n}所学校的教师在{city}参加了为期两天的培训。",
            "项目评审委员会将在{month}底前走访其余学校。",
            "一所学校的家长说，这是孩子们第一次在课堂上用电脑。",
            "公司介绍，已有{n}名员工报名担任线上课程志愿教师。"],
        "brief/donation": ["{date}，{company}向{partner}捐赠{amount}，支持{province}{cause}。[|此次捐赠预计惠及约{big}人。]"],
        "brief/volunteer": ["{date}，{company}员工在{city}植树{trees}棵，这是“{programme}”的一部分。[|这是该公司第{edition}次举办此类"
                            "活动。]"],
        "brief/report": ["{date}，{company}发布{year}年可持续发展报告，单位产值能耗下降{pct}。[|报告全文可在公司官网查阅。]",
                         "{date}，{company}宣布正式加入联合国全球契约组织。[|该公司是{province}第{edition}家加入该组织的企业。]"],
        "brief/emissions": ["{date}，{company}表示，{year}年公司碳排放同比下降{pct}。[|公司力争{target}年实现碳中和。]"],
        "brief/relief": ["{date}，{company}向{province}洪涝灾区捐款{amount}。[|善款将由{partner}统筹使用。]"],
        "brief/forum": ["第{edition}届{event}将于{date}在{city}举行。[|预计参会人数约{staff}人。]"],
    },
}

# What editors add around a reprint (padded reprints).
EDITOR_NOTES = {
    EN: ["Editor's note: This article was first published by {outlet} on {date} and is reproduced here with "
         "permission. The views expressed are those of the original publication.",
         "Editor's note: We are republishing this report from {outlet} as part of our weekly round-up of "
         "corporate responsibility news from China. It appears here unedited."],
    ZH: ["编者按：本文原载于{outlet}，经授权转载。文中观点仅代表原作者，不代表本网立场。",
         "编者按：近期，企业社会责任话题持续受到关注。本网特转载{outlet}的相关报道，以飨读者。"],
}
BOILERPLATE = {
    EN: ["Disclaimer: This article is reproduced from {outlet} to share information on corporate responsibility. "
         "It does not represent the views of {site}. If you believe this reproduction infringes your rights, "
         "please contact our editors and we will remove it promptly.",
         "About {site}: {site} is an independent platform covering corporate social responsibility and "
         "sustainable business in China. It publishes news, analysis and interviews in English for readers "
         "around the world. Subscribe to our weekly newsletter to receive the latest stories."],
    ZH: ["免责声明：本文转载自{outlet}，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。如涉及作品"
         "内容、版权等问题，请在30日内与本网联系，我们将在第一时间删除。",
         "（来源：{outlet}；责任编辑：{editor}）\n\n更多企业社会责任资讯，欢迎关注{site}微信公众号。"],
}
# Sentences an editor adds to a reprint (edited reprints).
ADDED = ["The company did not give further details.",
         "Reporters were not able to verify the figures independently.",
         "The ceremony was streamed live on the company's social media accounts.",
         "It was not immediately clear how the funds would be divided among the counties.",
         "A company spokesperson confirmed the figures when contacted on Monday."]
SYNONYMS = {
    EN: {"said": "stated", "company": "firm", "programme": "program", "more than": "over", "about": "around",
         "help": "assist", "children": "kids", "employees": "staff members", "announced": "revealed",
         "also": "additionally", "percent": "per cent", "build": "construct", "local": "regional",
         "support": "back", "first": "initial", "will": "is set to", "plans": "intends", "including": "such as",
         "schools": "schoolhouses", "group": "conglomerate"},
    ZH: {"表示": "指出", "此次": "本次", "开展": "举办", "助力": "推动", "目前": "当前", "累计": "共计",
         "近日": "日前", "公司": "企业", "进一步": "更加", "正式": "", "全面": "充分", "超过": "逾", "约": "大约",
         "预计": "预期", "随后": "之后", "记者": "本报记者", "主办方": "组委会", "介绍": "透露", "并": "同时"},
}

# ---------------------------------------------------------------------------- writing


def _money(rng: random.Random, lang: str) -> str:
    millions = rng.choice([round(rng.uniform(0.5, 9.9), 1), rng.randint(10, 90)])
    if lang == EN:
        return f"RMB {millions:g} million"
    wan = round(millions * 100)
    return f"{wan / 10000:g}亿元" if wan >= 10000 else f"{wan}万元"


def _count(value: int, lang: str) -> str:
    return f"{value:,}" if lang == EN else str(value)


def _figure(key: str, rng: random.Random, lang: str) -> str:
    """A figure drawn fresh for one sentence; ``n2``, ``pct2``... are other draws of the same kind."""
    base = key if key in ("n3", "money_small") else key.rstrip("0123456789")
    if base in ("money", "amount"):
        return _money(rng, lang)
    if base == "money_small":
        v = rng.randrange(2000, 20001, 500)
        return f"RMB {v:,}" if lang == EN else f"{v}元"
    if base == "pct":
        v = rng.randint(3, 65)
        return f"{v} percent" if lang == EN else f"{v}%"
    if base == "tonnes":
        v = rng.randint(2000, 300000)
        if lang == EN:
            return f"{v:,} tonnes"
        return f"{v / 10000:.1f}万吨" if v >= 10000 else f"{v}吨"
    if base == "month":
        month = rng.randint(1, 12)
        return MONTHS[month - 1] if lang == EN else f"{month}月"
    if base == "level":
        return rng.choice(["II", "III", "IV"]) if lang == EN else rng.choice(["Ⅱ", "Ⅲ", "Ⅳ"])
    if base == "score":
        return f"{rng.uniform(25, 75):.1f}"
    if base == "rate":
        return f"{rng.uniform(0.05, 2.5):.2f}"
    if base == "months":
        return str(rng.choice([3, 6, 12]))
    if base == "n3":
        return str(rng.choice([50, 100, 200, 300, 500]))
    if base in ("since", "target_near"):  # years
        return str(rng.randint(2003, 2016) if base == "since" else rng.randint(2026, 2030))
    counts = {"n": (3, 60), "years": (3, 10), "big": (1200, 98000), "staff": (60, 2500), "hours": (5000, 250000),
              "trees": (300, 20000), "km": (2, 40), "days": (1, 5), "mw": (5, 300), "gwh": (6, 400),
              "kwh": (600, 40000)}
    if base in counts:
        return _count(rng.randint(*counts[base]), lang)
    raise KeyError(key)


def _size(text: str, lang: str) -> int:
    """Words in English, characters in Chinese."""
    return len(text.split()) if lang == EN else len(text)


def _listing(items: list[str], lang: str) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if lang == EN else "、".join(items[:-1]) + "和" + items[-1]


class Slots(dict):
    """The values of one sentence: the story's facts, and figures or picks drawn on first use."""

    def __init__(self, facts: dict, rng: random.Random, lang: str):
        super().__init__(facts)
        self.rng, self.lang, self.quotes = rng, lang, []

    def __missing__(self, key: str) -> str:
        z = int(self.lang == ZH)
        if key.startswith("q") and key[1:2].isdigit():
            quote = self.rng.choice([q for q in QUOTES[self.lang] if q not in self.quotes])
            self.quotes.append(quote)
            value = quote[0].lower() + quote[1:] if key.endswith("_lower") else quote
        elif key == "cause2":
            value = self.rng.choice([c for c in CAUSES if c[z] != self["cause"]])[z]
        elif key == "city2":
            value = self.rng.choice([c for c, _ in PLACES if c[z] != self["city"]])[z]
        elif key in POOLS:
            value = self.rng.choice(POOLS[key])[z]
        elif key in LISTS:
            value = _listing([item[z] for item in self.rng.sample(LISTS[key], 3)], self.lang)
        else:
            value = _figure(key, self.rng, self.lang)
        self[key] = value
        return value


@dataclass
class Story:
    """One story before it is put on a site: a title and paragraphs of sentences."""

    lang: str
    kind: str
    facts: dict
    title: str
    paragraphs: list[list[str]]
    published: datetime

    @property
    def joiner(self) -> str:
        return " " if self.lang == EN else ""

    def body(self, paragraphs: list[list[str]] | None = None) -> str:
        return "\n\n".join(self.joiner.join(p) for p in (paragraphs if paragraphs is not None else self.paragraphs))

    def words(self) -> int:
        return _size(self.body(), self.lang)


WORDING = re.compile(r"\[([^\[\]]*)\]")


def _wording(template: str, rng: random.Random) -> str:
    """Each ``[a|b|c]`` of the template replaced by one of its choices."""
    return WORDING.sub(lambda m: rng.choice(m.group(1).split("|")), template)


class Writer:
    """Writes sentences of one story: ``shape`` picks the templates, ``fill`` the names and figures.

    Two writers with the same ``shape`` seed and different facts give two stories with the same
    sentence structure (the same-template hard negative)."""

    def __init__(self, lang: str, facts: dict, shape: random.Random, fill: random.Random):
        self.lang, self.facts, self.shape, self.fill = lang, facts, shape, fill
        self.unused: dict[str, list[str]] = {}

    def sentence(self, section: str) -> str:
        if not self.unused.get(section):
            self.unused[section] = list(TEMPLATES[self.lang][section])
        pool = self.unused[section]
        template = pool.pop(self.shape.randrange(len(pool)))
        text = _wording(template, self.shape).format_map(Slots(self.facts, self.fill, self.lang))
        return text[0].upper() + text[1:]

    def sentences(self, section: str, n: int) -> list[str]:
        return [self.sentence(section) for _ in range(n)]

    def left(self, section: str) -> int:
        """How many templates of ``section`` this story has not used yet."""
        return len(self.unused.get(section, TEMPLATES[self.lang][section]))


def _day(when: datetime, lang: str) -> str:
    return f"{when.day} {MONTHS[when.month - 1]}" if lang == EN else f"{when.month}月{when.day}日"


def _person(rng: random.Random, lang: str) -> str:
    surname, given = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
    return f"{surname[0]} {given[0]}" if lang == EN else surname[1] + given[1]


def facts_for(rng: random.Random, lang: str, kind: str, when: datetime, **fixed) -> dict:
    """The facts of one story in one language; ``fixed`` overrides any of them."""
    z = int(lang == ZH)
    (city, province) = rng.choice(PLACES)
    prefix, industry = rng.choice(COMPANY_PREFIXES), rng.choice(INDUSTRIES)
    company = f"{prefix[0]} {industry[0]} Group" if not z else f"{prefix[1]}{industry[1]}集团"
    facts = {
        "company": company, "short": prefix[0] if not z else prefix[1] + industry[1],
        "city": city[z], "province": province[z], "cause": rng.choice(CAUSES)[z],
        "person": _person(rng, lang), "role": rng.choice(ROLES)[z],
        "edition": rng.choice(ORDINALS[1:])[z], "target": str(rng.randint(2028, 2045)),
        "event": rng.choice(EVENTS)[z], "organiser": rng.choice(ORGANISERS)[z],
    }
    programme = rng.choice(PROGRAMMES)
    facts["programme"] = programme[z]
    facts["programme_bare"] = programme[0].removeprefix("the ") if not z else programme[1]
    partner = rng.choice(PARTNERS)[z]
    facts["partner"] = partner
    facts["partner_bare"] = partner.removeprefix("the ")
    official_role = rng.choice(OFFICIAL_ROLES)[z]
    name = _person(rng, lang)
    facts["official"] = f"{name}, {official_role}" if not z else official_role
    facts["official_name"] = "" if not z else name
    facts["amount"] = _money(rng, lang)
    facts["year"] = str(when.year - 1 if kind == "report" else when.year)
    for key, days in (("date", 0), ("day0", 4), ("day1", 2)):  # the story's day; days before it
        facts[key] = _day(when - timedelta(days=days), lang)
    facts.update(fixed)
    for key in ("partner", "partner_bare", "official", "organiser"):
        facts[key] = facts[key].format(city=facts["city"], province=facts["province"])
    return facts


# The sections a story's middle paragraphs are drawn from: programmes have results and next
# steps, news of reports, forums, emissions and relief has more detail and context.
PROGRAMME_MIDDLE = ("detail", "quote", "impact", "detail", "context", "quote", "detail", "impact", "context", "next")
NEWS_MIDDLE = ("detail", "quote", "detail", "context", "quote", "detail", "context", "detail", "quote", "context")


def write_story(lang: str, kind: str, paragraphs: int, when: datetime, shape: random.Random,
                fill: random.Random, facts: dict | None = None) -> Story:
    """A news story of ``paragraphs`` paragraphs (1 for a brief)."""
    facts = facts if facts is not None else facts_for(fill, lang, kind, when)
    w = Writer(lang, facts, shape, fill)
    title = w.sentence(f"title/{kind}")
    if paragraphs == 1:
        return Story(lang, kind, facts, title, [[w.sentence(f"brief/{kind}")]], when)
    body = [[w.sentence(f"lead/{kind}")] + w.sentences(f"detail/{kind}", shape.randint(0, 1))]
    middle, close = (PROGRAMME_MIDDLE, "next") if kind in ("donation", "volunteer") else (NEWS_MIDDLE, f"close/{kind}")
    middle = list(middle)
    shape.shuffle(middle)
    middle = middle[: paragraphs - 2]
    for section in middle:
        if section == "detail" and w.left(f"detail/{kind}") < 2:
            section = "context"  # no sentence twice in one story
        if section == "quote":
            body.append([w.sentence("quote")])
        elif section == "detail":
            body.append(w.sentences(f"detail/{kind}", min(shape.randint(2, 3), w.left(f"detail/{kind}"))))
        else:
            body.append(w.sentences(section, shape.randint(1, 2)))
    body.append(w.sentences(close, shape.randint(1, 2)))
    return Story(lang, kind, facts, title, body, when)


def write_block(lang: str, section: str, facts: dict, rng: random.Random, low: int = 60,
                high: int = 120) -> list[str]:
    """One paragraph of sentences from ``section`` of about ``low``-``high`` words (x2 characters in Chinese)."""
    scale = 1 if lang == EN else 2
    for _ in range(50):
        w = Writer(lang, facts, rng, rng)
        sentences = []
        for _ in TEMPLATES[lang][section]:
            sentences.append(w.sentence(section))
            size = _size(" ".join(sentences), lang)
            if size >= low * scale:
                break
        if low * scale <= size <= high * scale:
            return sentences
    raise ValueError(f"cannot write {low}-{high} words from {section}")


# ---------------------------------------------------------------------------- the corpus

@dataclass
class Corpus:
    """The articles and the truth about them."""

    articles: list[Article] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)     # reprint id -> id of the original it copies
    classes: dict[str, str] = field(default_factory=dict)    # id -> original/unrelated/reprint or negative class
    negatives: list[tuple[str, str, str]] = field(default_factory=list)  # (class, id_a, id_b)

    def root(self, id_: str) -> str:
        """The truth: the original this article copies, or itself."""
        return self.copies.get(id_, id_)

    def reprints(self) -> list[tuple[str, str, str]]:
        return [(self.classes[r], r, o) for r, o in self.copies.items()]

    def by_id(self) -> dict[str, Article]:
        return {article_id(a.canonical_url): a for a in self.articles}

    def digest(self) -> str:
        """A fingerprint of the articles and the truth: equal digests, equal corpora."""
        data = [[a.to_dict() for a in self.articles], sorted(self.copies.items()), sorted(self.classes.items()),
                self.negatives]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


class _Builder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.corpus = Corpus()
        self.serial = 0

    def seed(self) -> int:
        return self.rng.getrandbits(32)

    def when(self) -> datetime:
        start = datetime(2019, 1, 1, tzinfo=CST)
        return start + timedelta(days=self.rng.randrange(2500), hours=self.rng.randint(7, 21),
                                 minutes=self.rng.randrange(60))

    def site(self, lang: str, not_: Site | None = None) -> Site:
        return self.rng.choice([s for s in SITES if s.language == lang and s != not_])

    def story(self, lang: str, kind: str | None = None, paragraphs: tuple[int, int] = (4, 7),
              when: datetime | None = None, facts: dict | None = None, shape: int | None = None) -> Story:
        kind = kind or self.rng.choice(KINDS)
        n = self.rng.randint(*paragraphs)
        when = when or self.when()
        return write_story(lang, kind, n, when, random.Random(self.seed() if shape is None else shape),
                           random.Random(self.seed()), facts)

    def put(self, story: Story, site: Site, cls: str, *, title: str | None = None,
            paragraphs: list[list[str]] | None = None, body: str | None = None, published: datetime | None = None,
            dated: bool = True, origin: str | None = None, outlet: str | None = None,
            copies: str | None = None) -> str:
        self.serial += 1
        when = published or story.published
        if site.language == EN:
            slug = re.sub(r"[^a-z0-9]+", "-", (title or story.title).lower()).strip("-")[:60]
            url = f"https://{site.domain}/news/{when:%Y/%m}/{slug}-{self.serial}"
        else:
            url = f"https://{site.domain}/html/{when:%Y-%m/%d}/content_{100000 + self.serial}.htm"
        article = Article(
            url=url, canonical_url=url, source=site.source, title=title or story.title,
            body=body if body is not None else story.body(paragraphs), language=story.lang,
            published=when.isoformat() if dated else None,
            origin=origin or self.rng.choice(["original", "original", "unknown"]), outlet=outlet,
            category="CSR", tags=[story.kind])
        id_ = article_id(url)
        self.corpus.articles.append(article)
        self.corpus.classes[id_] = cls
        if copies:
            self.corpus.copies[id_] = copies
        return id_


# ---------------------------------------------------------------------------- reprint classes
# Each takes (rng, story, site it is reprinted on, outlet of the original) and returns the
# reprint's title and body.

Edit = Callable[[random.Random, Story, Site, str], tuple[str, str]]


def _exact(rng, story, site, outlet):
    return story.title, story.body()


def _replace_words(rng: random.Random, text: str, lang: str, k: int) -> str:
    """``k`` occurrences of words in SYNONYMS[lang], chosen at random, replaced by their synonym."""
    table = SYNONYMS[lang]
    words = "|".join(map(re.escape, sorted(table, key=len, reverse=True)))
    pattern = re.compile(rf"\b({words})\b" if lang == EN else words)
    hits = list(pattern.finditer(text))
    for m in sorted(rng.sample(hits, min(k, len(hits))), key=lambda m: m.start(), reverse=True):
        text = text[: m.start()] + table[m.group(0)] + text[m.end():]
    return text


def _edited_words(rng, story, site, outlet):
    return story.title, _replace_words(rng, story.body(), story.lang, rng.randint(3, 6))


def _edited_sentence_added(rng, story, site, outlet):
    paragraphs = [list(p) for p in story.paragraphs]
    p = paragraphs[rng.randrange(1, len(paragraphs))]
    p.insert(rng.randint(0, len(p)), rng.choice(ADDED))
    return story.title, story.body(paragraphs)


def _edited_sentence_removed(rng, story, site, outlet):
    paragraphs = [list(p) for p in story.paragraphs]
    p = rng.choice([p for p in paragraphs if len(p) > 1] or paragraphs)
    p.pop(rng.randrange(len(p)))
    return story.title, story.body([p for p in paragraphs if p])


def _edited_headline(rng, story, site, outlet):
    templates = TEMPLATES[story.lang][f"title/{story.kind}"]
    fixed = [t for t in templates if "{pct}" not in t and "{hours}" not in t]  # no figure the body contradicts
    titles = [_wording(t, rng).format_map(Slots(story.facts, rng, story.lang)) for t in fixed or templates]
    titles = [t[0].upper() + t[1:] for t in titles if t[0].upper() + t[1:] != story.title]
    return rng.choice(titles), story.body()


def _edited_reordered(rng, story, site, outlet):
    paragraphs = list(story.paragraphs)
    moved = paragraphs.pop(rng.randrange(1, len(paragraphs)))
    places = [i for i in range(1, len(paragraphs) + 1) if paragraphs[:i] + [moved] + paragraphs[i:] != story.paragraphs]
    paragraphs.insert(rng.choice(places), moved)
    return story.title, story.body(paragraphs)


def _drop_paragraph(rng, story, site, outlet):
    paragraphs = list(story.paragraphs)
    paragraphs.pop(rng.randrange(1, len(paragraphs)))
    return story.title, story.body(paragraphs)


def _trimmed_tail(rng, story, site, outlet):
    return story.title, story.body(story.paragraphs[:-2])


def _trimmed_lead(rng, story, site, outlet):
    """The first 60-80% of the words, cut at the end of a sentence."""
    keep, size = rng.uniform(0.6, 0.8) * story.words(), 0
    kept: list[list[str]] = []
    for paragraph in story.paragraphs:
        kept.append([])
        for sentence in paragraph:
            if size >= keep:
                return story.title, story.body([p for p in kept if p])
            kept[-1].append(sentence)
            size += _size(sentence, story.lang)
    return story.title, story.body(kept)


def _padded_note(rng, story, site, outlet):
    note = rng.choice(EDITOR_NOTES[story.lang]).format(outlet=outlet, date=story.facts["date"])
    return story.title, note + "\n\n" + story.body()


def _padded_boilerplate(rng, story, site, outlet):
    editor = _person(rng, story.lang)
    text = BOILERPLATE[story.lang][SITES.index(site) % 2].format(outlet=outlet, site=site.outlet, editor=editor)
    return story.title, story.body() + "\n\n" + text


HALF_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "“": '"', "”": '"', "！": "!",
                            "？": "?"})
FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789%ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
CJK_ASCII = re.compile(r"(?<=[\u4e00-\u9fff])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])(?=[\u4e00-\u9fff])")


def _zh_punctuation(rng, story, site, outlet):
    """Half-width punctuation, full-width digits and letters, or spaces between Chinese and Latin."""
    body = story.body()
    changes = rng.sample(["half", "full", "space"], rng.randint(1, 2))
    if "half" in changes:
        body = body.translate(HALF_WIDTH)
    if "full" in changes:
        body = body.translate(FULL_WIDTH)
    if "space" in changes:
        body = CJK_ASCII.sub(" ", body)
    return story.title, body


@dataclass(frozen=True)
class ReprintClass:
    description: str
    edit: Edit
    language: str | None = None              # None: either
    paragraphs: tuple[int, int] = (4, 7)     # of the original


REPRINTS: dict[str, ReprintClass] = {
    "exact": ReprintClass("the same body on another site, under another URL", _exact),
    "edited-words": ReprintClass("three to six words changed", _edited_words, EN),
    "edited-sentence-added": ReprintClass("one sentence added", _edited_sentence_added, EN),
    "edited-sentence-removed": ReprintClass("one sentence removed", _edited_sentence_removed, EN),
    "edited-headline": ReprintClass("another headline over the same body", _edited_headline, EN),
    "edited-reordered": ReprintClass("one paragraph moved elsewhere", _edited_reordered, EN),
    "trimmed-paragraph": ReprintClass("one whole paragraph of four or five dropped", _drop_paragraph, EN, (4, 5)),
    "trimmed-tail": ReprintClass("the last two paragraphs of a long article dropped", _trimmed_tail, EN, (8, 10)),
    "trimmed-lead": ReprintClass("only the first 60-80% of the words kept", _trimmed_lead, EN),
    "padded-note": ReprintClass("an editor's note added before", _padded_note),
    "padded-boilerplate": ReprintClass("a site's boilerplate paragraph added after", _padded_boilerplate),
    "zh-characters": ReprintClass("Chinese, three to six words changed", _edited_words, ZH),
    "zh-paragraph": ReprintClass("Chinese, one paragraph of four to six dropped", _drop_paragraph, ZH, (4, 6)),
    "zh-punctuation": ReprintClass("Chinese, half-width punctuation, full-width digits or CJK-Latin spacing",
                                   _zh_punctuation, ZH),
}


def _reprint(b: _Builder, cls: str, originals: list[tuple[Story, Site, str]]) -> None:
    spec = REPRINTS[cls]
    fits = [o for o in originals if (spec.language in (None, o[0].lang))
            and spec.paragraphs[0] <= len(o[0].paragraphs) <= spec.paragraphs[1]]
    if fits and b.rng.random() < 0.25:   # a second reprint of a story already reprinted
        story, site, original = b.rng.choice(fits)
    else:
        lang = spec.language or b.rng.choice([EN, ZH])
        story = b.story(lang, paragraphs=spec.paragraphs)
        site = b.site(lang)
        original = b.put(story, site, "original", origin="original")
        originals.append((story, site, original))
    on = b.site(story.lang, not_=site)
    title, body = spec.edit(b.rng, story, on, site.outlet)
    reprinted = b.rng.random() < 0.8
    when = story.published + timedelta(hours=b.rng.randint(1, 96))
    b.put(story, on, cls, title=title, body=body,
          published=when, dated=b.rng.random() > 0.05, origin="reprinted" if reprinted else "unknown",
          outlet=site.outlet if reprinted else None, copies=original)


# ---------------------------------------------------------------------------- hard negatives
# Each writes two different stories that look alike.

def _shared_quotation(b: _Builder, lang: str):
    """Two stories sharing one long paragraph: an official's speech, or a company's "About" text."""
    when = b.when()
    a = b.story(lang, b.rng.choice(KINDS), when=when)
    if b.rng.random() < 0.5:
        facts_b = facts_for(b.rng, lang, "report", when, company=a.facts["company"], short=a.facts["short"])
        b_ = b.story(lang, b.rng.choice([k for k in KINDS if k != a.kind]), when=when + timedelta(days=20),
                     facts=facts_b)
        shared = write_block(lang, "about", a.facts, random.Random(b.seed()))
        a.paragraphs.append(shared)
        b_.paragraphs.append(list(shared))
    else:
        b_ = b.story(lang, b.rng.choice([k for k in KINDS if k != "forum"]), when=when + timedelta(days=3))
        shared = write_block(lang, "speech", a.facts, random.Random(b.seed()))
        a.paragraphs.insert(2, shared)
        b_.paragraphs.insert(b.rng.randint(1, len(b_.paragraphs) - 1), list(shared))
    return a, b_


TITLES_FOLLOW_UP = {
    EN: {"flood": "{short} relief reaches {province} a week after the floods",
         "schools": "{programme_bare} reaches its first schools in {province}"},
    ZH: {"flood": "{short}驰援{province}一周：救灾物资陆续到位", "schools": "“{programme}”启动一周 {province}首批学校受益"},
}


def _follow_up(b: _Builder, lang: str):
    """A story and its follow-up a week later, repeating the background paragraph."""
    topic, kind = b.rng.choice([("flood", "relief"), ("schools", "donation")])
    when = b.when()
    a = b.story(lang, kind, when=when)
    background = write_block(lang, f"background/{topic}", a.facts, random.Random(b.seed()))
    a.paragraphs.insert(b.rng.randint(1, 2), background)
    later = when + timedelta(days=7)
    facts = dict(a.facts, date=_day(later, lang))
    w = Writer(lang, facts, random.Random(b.seed()), random.Random(b.seed()))
    paragraphs = [[w.sentence(f"followup/{topic}")], w.sentences(f"followup-detail/{topic}", 2), list(background),
                  [w.sentence("quote")], w.sentences(f"followup-detail/{topic}", 2)]
    title = TITLES_FOLLOW_UP[lang][topic].format_map(facts)
    return a, Story(lang, kind, facts, title, paragraphs, later)


def _same_template(b: _Builder, lang: str):
    """Two companies' report releases written from the same template, with other names and figures."""
    shape, when = b.seed(), b.when()
    a = b.story(lang, "report", paragraphs=(5, 7), when=when, shape=shape)
    b_ = b.story(lang, "report", paragraphs=(len(a.paragraphs), len(a.paragraphs)),
                 when=when + timedelta(days=b.rng.randint(0, 30)), shape=shape)
    return a, b_


def _annual_event(b: _Builder, lang: str):
    """The same forum in two years: the event's description repeated, new speakers and figures."""
    when = b.when()
    a_facts = facts_for(b.rng, lang, "forum", when)
    z = int(lang == ZH)
    edition = next(i for i, o in enumerate(ORDINALS) if o[z] == a_facts["edition"])
    later = when.replace(year=when.year + 1) if when.month != 2 or when.day != 29 else when + timedelta(days=365)
    b_facts = facts_for(b.rng, lang, "forum", later, event=a_facts["event"], city=a_facts["city"],
                        province=a_facts["province"], organiser=a_facts["organiser"],
                        edition=ORDINALS[min(edition + 1, len(ORDINALS) - 1)][z])
    a = b.story(lang, "forum", when=when, facts=a_facts)
    b_ = b.story(lang, "forum", when=later, facts=b_facts)
    about = write_block(lang, "event-about", a_facts, random.Random(b.seed()), 40, 90)
    a.paragraphs.append(about)
    b_.paragraphs.append(list(about))
    return a, b_


def _short_texts(b: _Builder, lang: str):
    """Two briefs of one or two sentences from the same template, about different companies."""
    shape, when = b.seed(), b.when()
    a = b.story(lang, b.rng.choice(KINDS), paragraphs=(1, 1), when=when, shape=shape)
    b_ = b.story(lang, a.kind, paragraphs=(1, 1), when=when + timedelta(days=b.rng.randint(0, 60)), shape=shape)
    return a, b_


@dataclass(frozen=True)
class NegativeClass:
    description: str
    write: Callable[[_Builder, str], tuple[Story, Story]]


NEGATIVES: dict[str, NegativeClass] = {
    "shared-quotation": NegativeClass("two stories sharing a 60-120 word speech or 'About the company' paragraph",
                                      _shared_quotation),
    "follow-up": NegativeClass("a story and its follow-up a week later repeating a background paragraph", _follow_up),
    "same-template": NegativeClass("two companies' report releases from one template, other names and figures",
                                   _same_template),
    "annual-event": NegativeClass("the same annual forum in two years, its description repeated", _annual_event),
    "short-texts": NegativeClass("two one- or two-sentence briefs from one template", _short_texts),
}


def _negative(b: _Builder, cls: str) -> None:
    lang = EN if b.rng.random() < 0.6 else ZH
    a, b_ = NEGATIVES[cls].write(b, lang)
    ids = [b.put(s, b.site(lang), cls) for s in (a, b_)]
    b.corpus.negatives.append((cls, *ids))


# ---------------------------------------------------------------------------- entry point

def _spread(total: int, names: list[str]) -> list[str]:
    """``total`` class names taken from ``names`` in turn (each ``total // len(names)`` times, the first ones once
    more), so a corpus of any size has every class."""
    return [names[i % len(names)] for i in range(total)]


def corpus(seed: int = 0, size: int = 2000, reprints: int = 300, negatives: int = 100) -> Corpus:
    """``size`` articles: ``reprints`` planted reprints (spread over REPRINTS) with their
    originals, ``negatives`` hard-negative pairs (spread over NEGATIVES), unrelated stories for
    the rest. Raises ValueError when ``size`` is too small to hold them."""
    b = _Builder(seed)
    originals: list[tuple[Story, Site, str]] = []
    for cls in _spread(reprints, list(REPRINTS)):
        _reprint(b, cls, originals)
    for cls in _spread(negatives, list(NEGATIVES)):
        _negative(b, cls)
    if len(b.corpus.articles) > size:
        raise ValueError(f"size {size} is too small: the planted articles alone are {len(b.corpus.articles)}")
    while len(b.corpus.articles) < size:
        lang = EN if b.rng.random() < 0.6 else ZH
        long_ = b.rng.random() < 0.1
        story = b.story(lang, paragraphs=(8, 10) if long_ else (3, 7))
        b.put(story, b.site(lang), "unrelated")
    return b.corpus
