"""Provenance rules beyond CSR-China: each documented rule, on the text shapes seen in the wild."""

import pytest

from syndicate.provenance import find_credit


@pytest.mark.parametrize("paragraphs,source,rule,kept", [
    (["Source: CSR China, 16 December 2009", "Body.", "More. (Source: CSR China)"],
     "CSR China", "source-line", ["Body.", "More."]),
    (["Body.", "Last words. (Source: CSR China)"], "CSR China", "source-trailer", ["Body.", "Last words."]),
    (["Body.", "Source: China Daily"], "China Daily", "source-line", ["Body."]),
    (["来源：企业社会责任中国网", "正文。"], "企业社会责任中国网", "source-line", ["正文。"]),
    (["正文。", "（来源：人民网）"], "人民网", "source-trailer", ["正文。"]),
    (["本文转自人民网，有删节。", "正文。"], "人民网", "reprinted-from", ["本文转自人民网，有删节。", "正文。"]),
    (["BEIJING (Xinhua) -- The forum opened on Monday.", "x"], "Xinhua", "agency-byline", None),
    (["(Reuters) - Companies said on Tuesday.", "x"], "Reuters", "agency-byline", None),
    (["新华社北京3月3日电 企业发布社会责任报告。", "x"], "新华社", "agency-byline", None),
    (["Plain text that mentions a Source: in passing.", "x"], None, None, None),
])
def test_rules(paragraphs, source, rule, kept):
    credit = find_credit(paragraphs)
    assert (credit.raw_source, credit.rule) == (source, rule)
    if kept is not None:
        assert credit.paragraphs == kept


def test_source_header_with_a_date_keeps_the_date():
    credit = find_credit(["Source: CSR China, 16 December 2009", "Body text."])
    assert credit.date_text == "16 December 2009"


def test_original_title_marks_a_reprint_and_leaves_the_body():
    credit = find_credit(["企业发布社会责任报告。", "（原标题：某企业发布报告）"])
    assert credit.reprint_marker and credit.original_title == "某企业发布报告"
    assert credit.paragraphs == ["企业发布社会责任报告。"]


def test_agency_names_are_normalised_by_the_registry():
    from syndicate.provenance import decide
    from syndicate.sources import registry

    reg = registry()
    credit = find_credit(["BEIJING (Xinhua) -- The forum opened on Monday.", "x"])
    assert decide(credit.raw_source, reg.get("csr_china_en"), reg).outlet == "Xinhua News Agency"
    credit = find_credit(["WASHINGTON (AP) - Companies said.", "x"])
    assert decide(credit.raw_source, reg.get("csr_china_en"), reg).outlet == "Associated Press"


@pytest.mark.parametrize("paragraphs", [
    ["企业要扭转自身用水粗放的局面，推动节水改造。", "正文第二段。"],       # 转自 inside a word
    ["Body.", "The report relies on Source: data in the middle of a sentence.", "End."],
    ["First.", "Source: a line in the middle is prose, not a credit", "Last."],
])
def test_prose_is_not_a_credit(paragraphs):
    credit = find_credit(paragraphs)
    assert credit.raw_source is None and credit.paragraphs == paragraphs
