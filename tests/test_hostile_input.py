"""Hostile input read offline: what a page may not smuggle into a stored article."""

from syndicate.offline import extract_row

RLO, PDI = "\u202e", "\u2069"


def test_bidi_controls_are_stripped_from_one_line_fields():
    page = f"""<html><head><title>Award for {RLO}ynapmoc{PDI} - CSR-China</title></head><body>
<h1>Award for {RLO}ynapmoc{PDI}</h1>
<div>Date: 2024-03-09 Source: {RLO}China Daily Author: {RLO}Li Wei</div>
<p>The jury met in March and chose one company from forty that had applied this year.</p>
<p>The award will be presented at the annual forum in Beijing next month.</p>
</body></html>""".encode()
    row = extract_row("csr_china_en", "https://en.csr-china.net/a/news/2024/0309/190.html", page)
    for field in ("title", "author", "outlet"):
        assert row[field] and RLO not in row[field] and PDI not in row[field], (field, row[field])
    assert row["title"] == "Award for ynapmoc"
