import pytest

from syndicate.fields import split_disclaimer
from syndicate.provenance import clean_source, decide
from syndicate.sources import registry

REG = registry()
EN = REG.get("csr_china_en")
ZH = REG.get("csr_china_zh")
EN_DISCLAIMER = (EN.reprint_statement, EN.copyright_statement)


@pytest.mark.parametrize("raw,origin,outlet", [
    ("CSR-China Website", "original", "CSR-China Website"),
    ("China Daily (not from this site)", "reprinted", "China Daily"),
    ("China Daily", "reprinted", "China Daily"),
    ("China WTO Tribune", "reprinted", "China Sustainability Tribune"),
    ("China Sustainability Tribune", "reprinted", "China Sustainability Tribune"),
    ("Sino-Swedish Corporate Social", "reprinted", "Sino-Swedish Corporate Social Responsibility Website"),
    (None, "unknown", None),
    ("  ", "unknown", None),
])
def test_english_rule(raw, origin, outlet):
    p = decide(raw, EN, REG, *EN_DISCLAIMER)
    assert (p.origin, p.outlet) == (origin, outlet)


@pytest.mark.parametrize("raw,origin,outlet", [
    ("企业社会责任中国网", "original", "企业社会责任中国网"),
    ("人民网（非本网）", "reprinted", "人民网"),
    ("《WTO经济导刊》", "reprinted", "可持续发展经济导刊"),
    ("可持续发展经济导刊", "reprinted", "可持续发展经济导刊"),
    ("", "unknown", None),
])
def test_chinese_rule(raw, origin, outlet):
    p = decide(raw, ZH, REG)
    assert (p.origin, p.outlet) == (origin, outlet)


def test_rights_statements():
    original = decide("CSR-China Website", EN, REG, *EN_DISCLAIMER)
    assert original.rights == EN.copyright_statement
    reprint = decide("Xinhua (not from this site)", EN, REG, *EN_DISCLAIMER)
    assert reprint.rights.startswith("Source: Xinhua News Agency (not from this site).")
    assert EN.reprint_statement in reprint.rights
    assert decide(None, EN, REG, *EN_DISCLAIMER).rights is None


def test_rights_taken_from_the_page_disclaimer():
    page = 'All the materials on the site "Source: XXX (not from this site)" were copied. All the materials with "Source: CSR-China Website" are ours alone.'
    p = decide("CSR-China Website", EN, REG, *split_disclaimer(page))
    assert p.rights == 'All the materials with "Source: CSR-China Website" are ours alone.'


def test_split_disclaimer_chinese():
    reprint, copyright_ = split_disclaimer(ZH.reprint_statement + ZH.copyright_statement)
    assert reprint == ZH.reprint_statement and copyright_ == ZH.copyright_statement


def test_clean_source():
    assert clean_source("《可持续发展经济导刊》（非本网）") == "可持续发展经济导刊"
    assert clean_source("(not from this site)") is None
