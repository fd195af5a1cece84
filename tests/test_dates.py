from datetime import datetime, timezone

import pytest

from syndicate.dates import find_date_text, iso, parse_date, starts_with_date

NOW = datetime(2026, 11, 25, 4, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text,expected", [
    ("2017-09-28China WTO Tribuneadmin0010", "2017-09-28T00:00:00+08:00"),
    ("2019-07-19 14:19:21  来源：中央广电总台国际在线  编辑：陈晨", "2019-07-19T14:19:21+08:00"),
    ("来源:    作者:    时间: 2007-01-30", "2007-01-30T00:00:00+08:00"),
    ("2019年07月19日 14:19", "2019-07-19T14:19:00+08:00"),
    ("2019年7月9日", "2019-07-09T00:00:00+08:00"),
    ("2011-01-02T10:00:00+02:00", "2011-01-02T10:00:00+02:00"),
    ("Posted: Dec 22, 2011 – 10:35 AM EST", "2011-12-22T10:35:00-05:00"),  # the page's own zone is kept
    ("3天前", "2026-11-22T12:00:00+08:00"),
])
def test_dates_as_sites_write_them(text, expected):
    assert iso(parse_date(text, "Asia/Shanghai", NOW)) == expected


@pytest.mark.parametrize("text", ["2017-13-45", "时间: 未知", "", None, "no date here"])
def test_invalid_dates_are_none_not_guesses(text):
    assert parse_date(text, "Asia/Shanghai", NOW) is None


@pytest.mark.parametrize("text,found,expected", [
    ("Date: July 2, 2011 Source: Views: 814", "July 2, 2011", "2011-07-02T00:00:00+08:00"),
    ("2 Sept 2019 by Jane Doe", "2 Sept 2019", "2019-09-02T00:00:00+08:00"),
    ("Posted Jul. 2nd 2011 at 9:15 pm", "Jul. 2nd 2011 at 9:15 pm", "2011-07-02T21:15:00+08:00"),
    ("Mayor 3, 2011 was elected", None, None),  # "Mayor" is no month
    ("February 30, 2011", "February 30, 2011", None),  # shaped like a date, but not one
])
def test_dates_with_english_month_names(text, found, expected):
    assert find_date_text(text) == found
    assert iso(parse_date(text, "Asia/Shanghai", NOW)) == expected


@pytest.mark.parametrize("text,opens", [
    ("August 4, 2018", True), ("2019-08-28 14:30 来源：新华社", True), ("2019年08月28日", True),
    ("Data source: report 2011", False), ("In August 4, 2018 news", False),
])
def test_a_line_that_opens_with_a_date(text, opens):
    assert starts_with_date(text) is opens
