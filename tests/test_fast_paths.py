"""The crawl's fast paths give what the slow paths they skip would give: mojibake repair runs
ftfy only on text with a mojibake pair, English is recognised by its function words before
langdetect, and script shares are counted on a bounded sample."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import ftfy
import pytest

from syndicate import language
from syndicate.extract import repair

CONTENT = Path(__file__).resolve().parent.parent / "syndicate" / "data" / "mirror" / "content"
SAMPLES = [
    "café crème brûlée – “quoted” ‘single’ … • € ™ Œuvre naïve Ünïcödé ß",
    "企业社会责任中国网讯 2019年7月19日，中国企业社会责任报告发布会在北京举行。",
    "企業社會責任報告發布會在北京舉行，眾多企業參與了這次論壇。",
    "Zürich, São Paulo, Kraków, Đà Nẵng, İstanbul, Ørsted, Æon — 25 °C ± 3 ½ ¼ ©®",
    "Emoji 🌱🌍 and symbols ✓ ✗ → ← ★ in a sentence about sustainability.",
    "株式会社 ソニーグループ、サステナビリティ報告書を公表",
    "한국 기업의 사회적 책임 보고서",
]


def _mojibake(text: str, codec: str) -> str:
    return text.encode("utf-8").decode(codec, errors="replace" if codec == "cp1252" else "strict")


def _texts() -> list[str]:
    texts = []

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and len(value) > 300:
            texts.append(value)

    for path in sorted(CONTENT.glob("*.toml")):
        walk(tomllib.loads(path.read_text("utf-8")))
    return texts


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_repair_is_ftfy_on_mojibake_and_clean_text(text, codec):
    assert repair(text) == ftfy.fix_encoding(text) == text
    broken = _mojibake(text, codec)
    assert repair(broken) == ftfy.fix_encoding(broken)
    if codec == "latin-1" or "\ufffd" not in broken:
        assert repair(broken) != broken or text.isascii()  # the mojibake was seen, and undone


def test_repair_is_ftfy_on_random_text():
    rnd = random.Random(7)
    alphabet = [chr(c) for c in (*range(0x20, 0x7f), *range(0xa0, 0x250), *range(0x2010, 0x2030), *range(0x4e00, 0x4e80))]
    for _ in range(300):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(5, 80)))
        for broken in (_mojibake(text, "latin-1"), _mojibake(text, "cp1252")):
            assert repair(broken) == ftfy.fix_encoding(broken), broken
        # Clean text is left alone, or what ftfy makes of it when it has a pair that looks like
        # mojibake (ftfy also reads rarer mojibake, cp1250 or MacRoman, which this skips)
        assert repair(text) in (text, ftfy.fix_encoding(text))


def test_english_by_function_words_is_what_langdetect_says(monkeypatch):
    texts = _texts()
    english = [t for t in texts if language.looks_english(t)]
    assert len(english) > 100
    fast = [language.detect_language(t, "en") for t in texts]
    monkeypatch.setattr(language, "looks_english", lambda text: False)  # the detector alone
    assert [language.detect_language(t, "en") for t in texts] == fast


@pytest.mark.parametrize("text", [
    "Les entreprises chinoises publient de plus en plus de rapports sur leur responsabilité sociale, selon une "
    "étude publiée à Pékin par un institut de recherche. C'est un pas important pour le développement durable "
    "et la transparence des entreprises dans le pays.",
    "Die Unternehmen in China veröffentlichen immer mehr Berichte über ihre gesellschaftliche Verantwortung, wie "
    "eine in Peking veröffentlichte Studie zeigt. Das ist ein wichtiger Schritt für nachhaltige Entwicklung und "
    "Transparenz der Unternehmen in diesem Land.",
    "Las empresas chinas publican cada vez más informes sobre su responsabilidad social, según un estudio "
    "publicado en Pekín por un instituto de investigación. Es un paso importante para el desarrollo sostenible "
    "y la transparencia de las empresas en el país.",
    "Chinese bedrijven publiceren steeds meer rapporten over hun maatschappelijke verantwoordelijkheid, zo blijkt "
    "uit een studie die in Peking is gepubliceerd door een onderzoeksinstituut. Het is een belangrijke stap voor "
    "duurzame ontwikkeling en transparantie van bedrijven in het land.",
])
def test_other_latin_languages_are_not_taken_for_english(text):
    assert not language.looks_english(text)
    assert language.detect_language(text, "en") != "en"


def test_scripts_are_counted_on_the_first_paragraphs():
    chinese = "企业社会责任报告发布会在北京举行，众多企业参与了这次论坛。" * 200  # far past the sample
    assert len(chinese) > language.SAMPLE_CHARS
    assert language.detect_language(chinese + " English tail" * 1000, "en") == "zh-Hans"


def _pages():
    """(url, bytes, content type, source) of every page the tests hold: the fixtures and 300 fuzzed layouts."""
    import json

    from layoutfuzz import cases

    fixtures = Path(__file__).resolve().parent / "fixtures" / "pages"
    for meta in sorted(fixtures.glob("*.json")):
        info = json.loads(meta.read_text("utf-8"))
        yield info["url"], meta.with_suffix(".html").read_bytes(), info["content_type"], info["source"]
    for case in cases(300):
        source = "csr_china_en" if case["seed"] % 2 == 0 else "csr_china_zh"
        host = "en.csr-china.net" if source == "csr_china_en" else "www.csr-china.net"
        yield f"http://{host}/a/news/2020/0101/{case['seed']}.html", case["body"], case["content_type"], source


def test_the_extractor_author_is_trafilatura_s():
    """The author fallback reads trafilatura's metadata step alone: the same author its whole
    reading gives, on every page the tests hold."""
    from syndicate.dates import crawl_time
    from syndicate.fields import Page
    from syndicate.sources import registry

    reg = registry()
    compared = named = 0
    for url, body, content_type, source in _pages():
        page = Page.from_bytes(url, body, content_type, reg.get(source), reg, crawl_time("2026-01-01T00:00:00+00:00"))
        fast = page.extractor_author
        doc = page.trafilatura()
        assert fast == (doc.author if doc is not None and doc.author else None), url
        compared += 1
        named += fast is not None
    assert compared > 300 and named > 5


def test_a_summary_reads_only_the_paragraphs_it_shows():
    """paragraphs(body, n) stops after n paragraphs: the same as the first n of all of them."""
    from syndicate.publish.text import paragraphs

    rnd = random.Random(3)
    pieces = ["a", "b c", "\n", "\n\n", " \n \n", "\t", "\x00", "\r\n\r\n", "中文", "  ", "\n \x0b\n", "x\ny"]
    for _ in range(5000):
        body = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 30)))
        every = paragraphs(body)
        assert all(paragraphs(body, n) == every[:n] for n in (1, 2, 3)), repr(body)
    assert paragraphs("one\n\ntwo\n\nthree", 1) == ["one"]
