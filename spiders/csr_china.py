"""CSR-China (csr-china.net), English and Chinese editions: a DedeCMS site.

What this module knows about the site: its URL shapes (articles, category lists and their
pagination). Its names, disclaimer, CMS accounts and URL posting folder are data
(syndicate/data/sources.toml); every field is read by the shared field layer (syndicate/fields.py)
from text landmarks, never from class names.
"""

from __future__ import annotations

import re

from syndicate.fields import parse_response
from syndicate.spider import SourceSpider

# /a/<section>/<category>/YYYY/MMDD/<id>.html
ARTICLE_PATH = re.compile(r"^/a/(?:[\w-]+/)+(?:19|20)\d{2}/\d{4}/\d+\.html$")
# A category: /a/<section>/<category>/ and its further pages list_<typeid>_<n>.html
# (section pages such as /a/knowledge/ and /a/about/ are not lists of articles)
LIST_PATH = re.compile(r"^/a/[\w-]+/[\w-]+/(?:(?:list_\d+_\d+|index)\.html)?$")
PAGINATION_PATH = re.compile(r"/list_\d+_\d+\.html$")


class CsrChinaSpider(SourceSpider):
    """Home page -> category list pages under /a/ and their pagination -> article pages."""

    article_path = ARTICLE_PATH
    list_path = LIST_PATH
    pagination_path = PAGINATION_PATH

    def parse_article(self, response):
        return parse_response(response, self.source, self.registry, self.canonical(response.url), self.now)


class CsrChinaEnSpider(CsrChinaSpider):
    name = "csr_china_en"


class CsrChinaZhSpider(CsrChinaSpider):
    name = "csr_china_zh"
