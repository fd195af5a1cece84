from datetime import datetime, timezone

import pytest

from syndicate.dates import iso, parse_date

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
