import pytest

from syndicate.language import bcp47, cjk_share, detect_language

EN = ("China Sustainability Tribune released its annual report on corporate responsibility in Beijing, "
      "with more than one hundred companies joining the forum on supply chains and climate action.")
ZH_HANS = "企业社会责任中国网讯 2019年7月19日，中国企业社会责任报告发布会在北京举行，众多企业参与了这次论坛。"
ZH_HANT = "企業社會責任報告發布會在北京舉行，眾多企業參與了這次論壇，討論永續發展議題與環境保護的未來方向。"


@pytest.mark.parametrize("text,declared,expected", [
    (EN, None, "en"),
    (ZH_HANS, None, "zh-Hans"),
    (ZH_HANT, None, "zh-Hant"),
    (ZH_HANT * 3, "zh-CN", "zh-Hant"),   # the characters outweigh a wrong declaration
    ("短讯", "zh-CN", "zh-Hans"),
    ("", "en-US", "en"),
    ("CSR", "en", "en"),
])
def test_detection(text, declared, expected):
    assert detect_language(text, declared) == expected


def test_deterministic():
    text = "Responsabilité sociale des entreprises et développement durable en Chine. " * 2
    assert len({detect_language(text) for _ in range(20)}) == 1


@pytest.mark.parametrize("code,tag", [("zh-CN", "zh-Hans"), ("zh_tw", "zh-Hant"), ("EN-us", "en"), ("", None)])
def test_bcp47(code, tag):
    assert bcp47(code) == tag


def test_a_katakana_middle_dot_in_a_chinese_name_is_no_kana():
    """"・" (U+30FB) sits in the kana block but is punctuation: Chinese news writes foreign
    names with it ("约翰・史密斯"). Only letters count toward a script's share."""
    text = "约翰・史密斯・琼斯出席论坛。" * 3
    assert detect_language(text) == "zh-Hans"
    assert cjk_share(text) == 1.0
