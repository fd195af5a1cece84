"""The offline mirror: the server over real HTTP, and the data it serves (syndicate/data/mirror)."""

from __future__ import annotations

import html
import http.client
import importlib.util
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import datetime, time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from syndicate.mirror import serve_mirror

ROOT = Path(__file__).resolve().parent.parent
MIRROR = ROOT / "syndicate" / "data" / "mirror"
TRUTH = json.loads((MIRROR / "truth.json").read_text("utf-8"))
HEADERS = json.loads((MIRROR / "headers.json").read_text("utf-8"))
EN, ZH = "en.csr-china.net", "www.csr-china.net"
ARTICLES = TRUTH["articles"]
CSR_CHINA = [a for a in ARTICLES if a["host"] in (EN, ZH)]  # the two CSR-China editions (other sites at the end)
EN_DISCLAIMER = ('All the materials on the site "Source: XXX (not from this site)" have been reprinted from '
                 "other media. They do not imply the agreement by the site.")
ZH_DISCLAIMER = '凡本网注明"来源：XXX（非本网）"的作品，均转载自其它媒体'


@pytest.fixture(scope="module")
def mirror():
    with serve_mirror() as server:
        yield server


def fetch(mirror, host: str, path: str, method: str = "GET", headers: dict | None = None):
    """(status, headers, body) of one request; error statuses are returned, not raised."""
    request = urllib.request.Request(mirror.url(host, path), method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def raw_status(mirror, host: str, raw_path: str) -> int:
    """Send the request line exactly as given (urllib would normalise it)."""
    conn = http.client.HTTPConnection(urlsplit(mirror.base_urls[host]).netloc, timeout=10)
    conn.putrequest("GET", raw_path, skip_accept_encoding=True)
    conn.endheaders()
    status = conn.getresponse().status
    conn.close()
    return status


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def hrefs(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.hrefs


def decode(host: str, data: bytes) -> str:
    return data.decode("utf-8" if host == EN else "gbk")


def file_of(host: str, path: str) -> Path:
    return MIRROR / host / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


def shingles(text: str, language: str) -> set:
    units = re.findall(r"[a-z0-9]+", text.lower()) if language == "en" else [c for c in text if c.strip()]
    return {tuple(units[i:i + 4]) for i in range(len(units) - 3)}


def load_build():
    """syndicate/data/mirror/build.py as a module, to read the article bodies from the content specs."""
    spec = importlib.util.spec_from_file_location("mirror_build", MIRROR / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def body_texts() -> dict[str, str]:
    build = load_build()
    articles = build.load_edition(build.EN, "en.toml") + build.load_edition(build.ZH, "zh.toml")
    return {a.canonical_url: "\n".join(filter(None, map(build.paragraph_text, a.body)))
            for a in articles if not a.reason}


# ---- the server ------------------------------------------------------------------------------


@pytest.mark.parametrize("host, text", [(EN, "CSR-China"), (ZH, "企业社会责任中国网")])
def test_home_page_per_host(mirror, host, text):
    status, headers, body = fetch(mirror, host, "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html"
    assert text in decode(host, body)
    assert body == (MIRROR / host / "index.html").read_bytes()


def test_each_host_has_its_own_server(mirror):
    assert {EN, ZH} <= set(mirror.base_urls)
    assert len(set(mirror.base_urls.values())) == len(mirror.base_urls)
    assert all(url.startswith("http://127.0.0.1:") for url in mirror.base_urls.values())


def test_article_page_and_directory_index(mirror):
    status, _, body = fetch(mirror, EN, "/a/knowledge/CSRNews/2017/0928/277.html")
    assert status == 200 and b"Golden Bee Excellent CSR Report List" in body
    status, _, body = fetch(mirror, EN, "/a/knowledge/CSRNews/")
    assert status == 200 and body == file_of(EN, "/a/knowledge/CSRNews/").read_bytes()


def test_directory_without_slash_redirects(mirror):
    assert raw_status(mirror, EN, "/a/knowledge/CSRNews") == 301


def test_missing_file_is_404_with_small_html(mirror):
    status, headers, body = fetch(mirror, EN, "/a/knowledge/CSRNews/2021/1109/651.html")
    assert status == 404
    assert headers["Content-Type"] == "text/html"
    assert b"Not Found" in body and len(body) < 500


def test_no_directory_listing(mirror):
    assert fetch(mirror, EN, "/a/")[0] == 404
    assert fetch(mirror, EN, "/uploads/allimg/")[0] == 404


def test_head_has_headers_and_no_body(mirror):
    status, get_headers, get_body = fetch(mirror, ZH, "/a/news/qiye/2019/0719/512.html")
    status, headers, body = fetch(mirror, ZH, "/a/news/qiye/2019/0719/512.html", method="HEAD")
    assert status == 200 and body == b""
    assert headers["Content-Length"] == str(len(get_body))
    assert headers["ETag"] == get_headers["ETag"]
    assert fetch(mirror, ZH, "/nothing-here.html", method="HEAD")[0] == 404


def test_post_is_not_allowed(mirror):
    request = urllib.request.Request(mirror.url(EN, "/"), data=b"x=1", method="POST")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    assert error.value.code == 405


def test_304_on_etag(mirror):
    path = "/a/knowledge/Report/2019/0116/415.html"
    _, headers, body = fetch(mirror, EN, path)
    etag = headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    assert fetch(mirror, EN, path, headers={"If-None-Match": etag})[0] == 304
    assert fetch(mirror, EN, path, headers={"If-None-Match": f'"other", {etag}'})[0] == 304
    assert fetch(mirror, EN, path, headers={"If-None-Match": '"stale"'})[0] == 200


def test_304_on_if_modified_since(mirror):
    path = "/a/knowledge/CSRNews/2017/0928/277.html"
    _, headers, _ = fetch(mirror, EN, path)
    assert headers["Last-Modified"] == "Thu, 28 Sep 2017 02:00:00 GMT"  # from the generator, not mtime
    assert fetch(mirror, EN, path, headers={"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(mirror, EN, path, headers={"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})[0] == 304
    assert fetch(mirror, EN, path, headers={"If-Modified-Since": "Sun, 01 Jan 2017 00:00:00 GMT"})[0] == 200
    assert fetch(mirror, EN, path, headers={"If-Modified-Since": "garbage"})[0] == 200


def test_etag_and_last_modified_stable(mirror):
    path = "/a/news/zhengce/2017/0130/132.html"
    first, second = fetch(mirror, ZH, path)[1], fetch(mirror, ZH, path)[1]
    assert first["ETag"] == second["ETag"]
    assert first["Last-Modified"] == second["Last-Modified"] == HEADERS[ZH][path]["Last-Modified"]


def test_query_variants_serve_the_same_bytes(mirror):
    path = "/a/knowledge/CSRNews/2017/0928/277.html"
    plain = fetch(mirror, EN, path)[2]
    for query in ("?utm_source=wechat&utm_medium=social", "?a=1", "?"):
        status, _, body = fetch(mirror, EN, path + query)
        assert status == 200 and body == plain


@pytest.mark.parametrize("raw_path", [
    "/../headers.json", "/../../etc/passwd", "/%2e%2e/headers.json", "/%2E%2E/truth.json",
    "/a/%2e%2e/%2e%2e/headers.json", "/..%2fheaders.json", "/a/knowledge/..%2F..%2F..%2Ftruth.json",
    "//etc/passwd", "/%2Fetc%2Fpasswd", "/a/./knowledge/", "/..\\headers.json", "/%00index.html",
    "etc/passwd",
])
def test_traversal_attempts_are_404(mirror, raw_path):
    assert raw_status(mirror, EN, raw_path) == 404


def test_header_overrides_from_headers_json(mirror):
    # the GBK page whose header wrongly claims UTF-8
    _, headers, body = fetch(mirror, ZH, "/a/news/qiye/2019/0719/512.html")
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'charset=gb2312' in body
    # a GBK page whose header has no charset at all
    assert fetch(mirror, ZH, "/a/news/zhengce/2017/0130/132.html")[1]["Content-Type"] == "text/html"
    assert fetch(mirror, EN, "/robots.txt")[1]["Content-Type"] == "text/plain"


def test_request_log_counts_from_the_server_side(mirror):
    mirror.clear()
    assert len(mirror.requests) == 0
    fetch(mirror, EN, "/")
    fetch(mirror, EN, "/robots.txt", headers={"User-Agent": "test-agent/1.0"})
    fetch(mirror, ZH, "/missing.html?x=1", method="HEAD")
    log = list(mirror.requests)
    assert len(log) == 3
    assert [(r["host"], r["method"], r["path"], r["status"]) for r in log] == [
        (EN, "GET", "/", 200), (EN, "GET", "/robots.txt", 200), (ZH, "HEAD", "/missing.html?x=1", 404)]
    assert log[1]["headers"]["User-Agent"] == "test-agent/1.0"
    mirror.requests.clear()
    assert mirror.requests == []


def test_robots_txt(mirror):
    for host in (EN, ZH):
        _, _, body = fetch(mirror, host, "/robots.txt")
        assert body.decode() == "User-agent: *\nDisallow: /plus/\nDisallow: /member/\n"


# ---- the data --------------------------------------------------------------------------------


def test_enough_articles_per_edition():
    assert len(CSR_CHINA) >= 44
    assert sum(a["host"] == EN for a in CSR_CHINA) >= 24
    assert sum(a["host"] == ZH for a in CSR_CHINA) >= 20


@pytest.mark.parametrize("article", CSR_CHINA, ids=[a["path"] for a in CSR_CHINA])
def test_truth_article_file_exists_and_matches(article):
    page = file_of(article["host"], article["path"]).read_bytes().decode(article["encoding"])
    unescaped = page.replace("&amp;", "&").replace("&quot;", '"').replace("&#x27;", "'")
    assert article["title"] in unescaped
    assert article["body_first"] in unescaped and article["body_last"] in unescaped
    assert 3 <= article["paragraphs"] <= 8
    assert article["canonical_url"] == ("https://" if article["host"] == EN else "http://") + article["host"] + article["path"]
    assert re.fullmatch(r"/a/\w+/\w+/20(1[7-9]|2[0-5])/\d{4}/\d+\.html", article["path"])
    if article["template"] != "C":
        assert (EN_DISCLAIMER if article["host"] == EN else ZH_DISCLAIMER) in page


def test_drops():
    reasons = {(d["host"], d["reason"]) for d in TRUTH["drops"]}
    assert {r for _, r in reasons} == {"no_title", "soft_404", "not_found"}
    for drop in TRUTH["drops"]:
        exists = file_of(drop["host"], drop["path"]).exists()
        assert exists == (drop["reason"] != "not_found")
        if drop["reason"] == "no_title":
            page = decode(drop["host"], file_of(drop["host"], drop["path"]).read_bytes())
            assert "<title>" not in page


def test_categories_have_three_or_more_list_pages():
    for host, paths in TRUTH["list_pages"].items():
        folders = {p.rsplit("/", 1)[0] + "/" for p in paths}
        assert len(folders) >= 2
        for folder in folders:
            pages = [p for p in paths if p.startswith(folder)]
            assert len(pages) >= 3 and pages[0] == folder
            assert all(re.fullmatch(re.escape(folder) + r"list_\d+_\d+\.html", p) for p in pages[1:])


def list_links(host: str) -> dict[str, set[str]]:
    """Article path -> raw hrefs pointing at it, over all list pages of a host."""
    found: dict[str, set[str]] = {}
    for path in TRUTH["list_pages"][host]:
        page = decode(host, file_of(host, path).read_bytes())
        for href in hrefs(page):
            url = urlsplit(urljoin(f"http://{host}{path}", href))
            if url.netloc == host:
                found.setdefault(url.path, set()).add(href)
    return found


def test_every_article_is_linked_from_a_list_page():
    for host in (EN, ZH):
        linked = list_links(host)
        for article in (a for a in CSR_CHINA if a["host"] == host):
            assert article["path"] in linked, article["path"]
            assert linked[article["path"]] <= set(article["link_forms"])
        for drop in (d for d in TRUTH["drops"] if d["host"] == host):
            assert drop["path"] in linked


def test_list_pages_newest_first_with_pager():
    for host, paths in TRUTH["list_pages"].items():
        for path in paths:
            page = decode(host, file_of(host, path).read_bytes())
            listing = page.partition('class="dede_pages"')[0]  # the recommended box comes after
            ids = [int(m) for m in re.findall(r'<a href="[^"]*/(\d+)\.html', listing)]
            assert ids and ids == sorted(ids, reverse=True)
            words = ("Next", "Prev", "Last") if host == EN else ("下一页", "上一页", "末页")
            assert all(w in page for w in words)


def test_same_article_under_several_url_forms():
    forms = {a["path"]: a["link_forms"] for a in CSR_CHINA}
    assert "https://en.csr-china.net/a/knowledge/CSRNews/2017/0928/277.html?utm_source=wechat&utm_medium=social" \
        in forms["/a/knowledge/CSRNews/2017/0928/277.html"]
    assert "http://en.csr-china.net/a/knowledge/CSRNews/2017/0928/277.html#top" \
        in forms["/a/knowledge/CSRNews/2017/0928/277.html"]
    for host in (EN, ZH):
        assert any(len({urlsplit(f).scheme for f in a["link_forms"]}) >= 2 and any("?" in f for f in a["link_forms"])
                   for a in CSR_CHINA if a["host"] == host)


def test_gbk_pages_are_gbk_bytes():
    gbk = [a for a in CSR_CHINA if a["encoding"] == "gbk"]
    assert len(gbk) >= 10 and all(a["host"] == ZH for a in gbk)
    gb2312_fails = 0
    for article in gbk:
        data = file_of(ZH, article["path"]).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        data.decode("gbk")
        try:
            data.decode("gb2312")
        except UnicodeDecodeError:
            gb2312_fails += 1
    assert gb2312_fails >= 1  # characters such as 堃 exist in GBK only
    for path in ["/"] + TRUTH["list_pages"][ZH]:
        with pytest.raises(UnicodeDecodeError):
            file_of(ZH, path).read_bytes().decode("utf-8")
    utf8 = [a for a in CSR_CHINA if a["host"] == ZH and a["encoding"] == "utf-8"]
    assert len(utf8) >= 2
    for article in utf8:
        assert b'charset="utf-8"' in file_of(ZH, article["path"]).read_bytes()


def test_header_charset_in_truth_matches_headers_json():
    for article in CSR_CHINA:
        content_type = HEADERS[article["host"]].get(article["path"], {}).get("Content-Type", "text/html")
        claimed = content_type.partition("charset=")[2] or None
        assert claimed == article["header_charset"]
    lying = [a for a in CSR_CHINA if a["encoding"] == "gbk" and a["header_charset"] == "utf-8"]
    honest_meta_only = [a for a in CSR_CHINA if a["encoding"] == "gbk" and a["header_charset"] is None]
    assert len(lying) >= 5 and len(honest_meta_only) >= 2


def test_provenance_mix():
    for host, site in ((EN, "CSR-China Website"), (ZH, "企业社会责任中国网")):
        mine = [a for a in CSR_CHINA if a["host"] == host]
        assert {a["origin"] for a in mine} == {"original", "reprinted", "unknown"}
        assert all(a["outlet"] == site for a in mine if a["origin"] == "original")
        outlets = {a["outlet"] for a in mine if a["origin"] == "reprinted"}
        assert len(outlets) >= 4
        assert sum(a["origin"] == "unknown" for a in mine) >= 3
    written = {a["outlet_as_written"] for a in CSR_CHINA}
    assert {"China WTO Tribune", "China Sustainability Tribune", "《WTO经济导刊》", "《可持续发展经济导刊》",
            "WTO经济导刊", "可持续发展经济导刊", "Sino-Swedish Corporate Social"} <= written
    # Each edition has pages that show no valid date: their date is inferred from the URL folder.
    for host in (EN, ZH):
        inferred = [a for a in CSR_CHINA if a["host"] == host and a["date_basis"] == "url"]
        assert inferred and all(a["published"][:10].replace("-", "") in a["path"].replace("/", "") for a in inferred)


def test_templates_vary():
    for host in (EN, ZH):
        assert {a["template"] for a in CSR_CHINA if a["host"] == host} == {"A", "B", "C", "D", "E"}


def test_duplicates_and_distinct_texts():
    by_url = {a["canonical_url"]: a for a in CSR_CHINA}
    bodies = body_texts()
    texts = {a["canonical_url"]: shingles(bodies[a["canonical_url"]], a["language"][:2]) for a in CSR_CHINA}

    def jaccard(x, y):
        return len(texts[x] & texts[y]) / len(texts[x] | texts[y])

    pairs = {(a["canonical_url"], a["duplicate_of"]) for a in CSR_CHINA if a["duplicate_of"]}
    assert len(pairs) >= 4
    for copy, original in pairs:
        assert original in by_url and by_url[original]["duplicate_of"] is None
        assert jaccard(copy, original) >= 0.5
    urls = sorted(by_url)
    for i, x in enumerate(urls):
        for y in urls[i + 1:]:
            if (x, y) not in pairs and (y, x) not in pairs:
                assert jaccard(x, y) < 0.3, (x, y)


def test_build_is_deterministic(tmp_path):
    subprocess.run([sys.executable, str(MIRROR / "build.py"), "--out", str(tmp_path)], check=True,
                   capture_output=True)
    for name in ("headers.json", "truth.json"):
        assert (tmp_path / name).read_bytes() == (MIRROR / name).read_bytes(), name
    for host in (EN, ZH):
        built = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / host).rglob("*") if p.is_file()}
        committed = {p.relative_to(MIRROR): p.read_bytes() for p in (MIRROR / host).rglob("*") if p.is_file()}
        assert built.keys() == committed.keys()
        assert [k for k in built if built[k] != committed[k]] == []


# ---- the four other sites (issue 5): CSRwire, 3BL Media, GoldenBee, sustainability-reports.com ---

SITES = TRUTH.get("sites", {})
OTHER = [a for a in ARTICLES if a["source"] in SITES]
OTHER_DROPS = [d for d in TRUTH["drops"] if d["host"] in {s["host"] for s in SITES.values()}]
CW, TBL, GB, SR = "www.csrwire.com", "www.3blmedia.com", "www.goldenbeechina.com", "www.sustainability-reports.com"
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def site_of(host: str) -> dict:
    return next(s for s in SITES.values() if s["host"] == host)


def mirror_file(host: str, url_path: str) -> Path:
    """The file serving a URL path, query files (NAME__QUERY.html, NAME__.html) first, as the server does."""
    base, _, query = url_path.partition("?")
    query_file = MIRROR / host / f"{base.lstrip('/')}__{query}.html"
    return query_file if query_file.exists() else file_of(host, base)


def page_of(article: dict) -> str:
    return html.unescape(file_of(article["host"], article["path"]).read_bytes().decode(article["encoding"]))


def all_bodies() -> dict[str, tuple[str, str]]:
    """canonical URL -> (body text, language) for every article of every site, from the content specs."""
    build = load_build()
    articles = build.load_edition(build.EN, "en.toml") + build.load_edition(build.ZH, "zh.toml")
    pages = [a for a in articles if not a.reason] + [p for p in build.load_posts(articles) if not p.reason]
    language = {a["canonical_url"]: a["language"][:2] for a in ARTICLES}
    return {a.canonical_url: ("\n".join(filter(None, map(build.paragraph_text, a.body))), language[a.canonical_url])
            for a in pages}


def test_every_site_is_served_on_its_own_port(mirror):
    assert set(mirror.base_urls) >= {EN, ZH, CW, TBL, GB, SR}
    assert len(set(mirror.base_urls.values())) == len(mirror.base_urls)
    for host in (CW, TBL, GB, SR):
        status, _, body = fetch(mirror, host, "/")
        assert status == 200 and body == (MIRROR / host / "index.html").read_bytes()


def test_query_files_serve_drupal_list_pages(mirror):
    pages = {path: fetch(mirror, TBL, path) for path in ("/news", "/news?page=1", "/news?page=2")}
    assert pages["/news"][2] == (MIRROR / TBL / "news__.html").read_bytes()
    assert pages["/news?page=1"][2] == (MIRROR / TBL / "news__page=1.html").read_bytes()
    assert pages["/news?page=2"][2] == (MIRROR / TBL / "news__page=2.html").read_bytes()
    assert len({body for _, _, body in pages.values()}) == 3
    for path, (status, headers, _) in pages.items():
        assert status == 200 and headers["Content-Type"] == "text/html; charset=UTF-8"
        assert headers["Last-Modified"] == HEADERS[TBL][path]["Last-Modified"]
    # any other query on /news (Drupal's page 0, tracking parameters) is /news itself
    for path in ("/news?page=0", "/news?utm_source=x&utm_medium=y", "/news?q=/x/"):
        assert fetch(mirror, TBL, path)[2] == pages["/news"][2]
    # query files are reachable only through their URL; /news/ is a directory without index
    for path in ("/news__page=1.html", "/news__.html", "/news/"):
        assert fetch(mirror, TBL, path)[0] == 404
    # an article under the news/ directory next to news__.html, extensionless, served as HTML
    article = next(a for a in OTHER if a["host"] == TBL)
    status, headers, body = fetch(mirror, TBL, article["path"])
    assert status == 200 and headers["Content-Type"] == "text/html; charset=UTF-8"
    assert body == file_of(TBL, article["path"]).read_bytes()


def test_query_files_leave_the_csr_china_hosts_alone(mirror):
    assert not [p for h in (EN, ZH) for p in (MIRROR / h).rglob("*__*")]
    assert fetch(mirror, ZH, "/tags.php?/csr/")[0] == 200
    assert raw_status(mirror, EN, "/a/knowledge/Report") == 301


def test_content_types_of_feeds_sitemaps_and_extensionless_pages(mirror):
    assert fetch(mirror, CW, "/feed/")[1]["Content-Type"] == "application/rss+xml; charset=UTF-8"
    assert fetch(mirror, CW, "/sitemap.xml")[1]["Content-Type"] == "text/xml; charset=UTF-8"
    assert fetch(mirror, TBL, "/rss.xml")[1]["Content-Type"] == "application/rss+xml; charset=utf-8"
    article = next(a for a in OTHER if a["host"] == CW)
    assert fetch(mirror, CW, article["path"])[1]["Content-Type"] == "text/html; charset=UTF-8"
    gb = next(a for a in OTHER if a["host"] == GB and a["encoding"] == "gbk")
    assert fetch(mirror, GB, gb["path"])[1]["Content-Type"] == "text/html"  # the charset is only in the page


def test_enough_articles_per_site():
    count = {(a["source"], a["language"]): 0 for a in OTHER}
    for a in OTHER:
        count[(a["source"], a["language"])] += 1
    assert count[("csrwire", "en")] >= 8 and count[("3blmedia", "en")] >= 8
    assert count[("goldenbee", "zh-Hans")] >= 8 and count[("goldenbee", "en")] >= 4
    assert count[("sustainability_reports", "en")] >= 8
    assert {(d["host"], d["reason"]) for d in OTHER_DROPS} == {(SR, "soft_404")}


@pytest.mark.parametrize("article", OTHER, ids=[a["host"] + a["path"] for a in OTHER])
def test_other_site_article_matches_truth(article):
    site = SITES[article["source"]]
    page = page_of(article)
    assert article["title"] in page
    assert article["body_first"] in page and article["body_last"] in page
    assert re.search(site["discovery"]["article_pattern"], article["path"])
    assert article["canonical_url"] == site["home"].rstrip("/") + article["path"]
    statement = site.get(f"rights_statement_{article['language']}", site["rights_statement"])
    assert statement in page
    assert set(article) == set(ARTICLES[0])
    published = datetime.fromisoformat(article["published"])
    offset = published.utcoffset().total_seconds() / 3600
    if article["host"] == CW:
        assert offset == -5
        posted = f"{EN_MONTHS[published.month - 1][:3]} {published.day}, {published.year} – "
        assert f"Posted: {posted}" in page.replace("</strong> ", " ") and " EST" in page
    elif article["host"] == TBL:
        assert offset == (-4 if "-04:00" in article["published"] else -5)
        if article["template"] == "A":
            assert published.time() == time(0, 0)
            dateline = f", {EN_MONTHS[published.month - 1]} {published.day}, {published.year} /3BL Media/ — "
            assert re.search(r"<p>[A-Z][A-Za-z., ]+" + re.escape(dateline + article["body_first"]), page)
            assert "Tweet me: " in page and "KEYWORDS: " in page
        else:
            assert f"on <span class=\"field--name-created\">{published:%a, %m/%d/%Y - %H:%M}</span>" in page
    elif article["host"] == GB:
        assert offset == 8
        stamp = f"{published:%Y-%m-%d %H:%M:%S}"
        if article["language"] == "en":
            assert re.search(r"source:[\w-]*( [\w-]+)*    date:" + stamp, page)
        else:
            assert re.search(stamp + r"(</span>)?  (<span>)?来源：[^<\s]*(</span>)?  (<span>)?编辑：\w+", page)
    else:
        assert offset in (1, 2) and (f'datetime="{article["published"]}"' in page or f'title="{article["published"]}"' in page)


def test_no_boilerplate_in_the_answer_key_bodies():
    bodies = all_bodies()
    for article in OTHER:
        markers = SITES[article["source"]]["boilerplate"] + ["/3BL Media/", "(Reuters)", "(Xinhua)", "原标题", "EST"]
        paragraphs = bodies[article["canonical_url"]][0].split("\n")
        for paragraph in paragraphs:
            assert not any(paragraph.startswith(m) or m in paragraph[:40] for m in markers), (article["path"], paragraph)
        assert not paragraphs[-1].endswith(")") or "(Source" not in paragraphs[-1]


def test_csrwire_pages():
    for article in (a for a in OTHER if a["host"] == CW):
        page = page_of(article)
        widget = page.index("Wednesday, November 25, 2026")  # the day it was served, not the article's date
        assert widget < page.index(f">{article['title']}</h1>")
        assert "2026" not in article["published"]
        assert f'<link rel="canonical" href="{article["canonical_url"]}" />' in page
        raw = file_of(CW, article["path"]).read_text("utf-8")
        assert f'<meta property="og:title" content="{html.escape(article["title"])}" />' in raw
        assert "Submitted by:" in page and f"{article['author']}" in page
        assert "Tags: " in page and 'id="comments"' in page
    series = [a for a in OTHER if a["host"] == CW and "Series: " in page_of(a).replace("</strong> ", " ")]
    assert 0 < len(series) < len([a for a in OTHER if a["host"] == CW])


def test_3blmedia_rss_has_an_empty_title_and_escaped_html():
    rss = (MIRROR / TBL / "rss.xml").read_text("utf-8")
    assert "<title></title>" in rss and "&lt;p&gt;" in rss and "<p>" not in rss
    assert re.findall(r"<pubDate>[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000</pubDate>", rss)


def test_goldenbee_chinese_pages_are_gbk_declared_only_in_the_page():
    for article in (a for a in OTHER if a["host"] == GB):
        data = file_of(GB, article["path"]).read_bytes()
        assert article["header_charset"] is None
        if article["language"] == "zh-Hans":
            assert article["encoding"] == "gbk" and re.search(rb'charset="?gbk"?', data)
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
        else:
            assert article["encoding"] == "utf-8" and b'<meta charset="utf-8">' in data
    texts = "".join(page_of(a) for a in OTHER if a["host"] == GB)
    assert all(marker in texts for marker in ("（原标题：", "本文转自", "转载自", "来源：金蜜蜂", "source:goldencsr"))
    assert "喆".encode("gbk") in b"".join(file_of(GB, a["path"]).read_bytes() for a in OTHER if a["host"] == GB)


def test_sustainability_reports_provenance_forms():
    pages = {a["path"]: page_of(a) for a in OTHER if a["host"] == SR}
    assert any(re.search(r"<p>Source: CSR China, \d{1,2} [A-Z][a-z]+ \d{4}</p>", p) for p in pages.values())
    assert any("<p>(Source: CSR China)</p>" in p for p in pages.values())
    assert any(" (Source: CSR China)</p>" in p and "<p>(Source" not in p for p in pages.values())
    assert any("(Reuters) - " in p for p in pages.values()) and any("BEIJING (Xinhua) -- " in p for p in pages.values())
    cross = [path for path, p in pages.items() if 'rel="canonical" href="https://en.csr-china.net/' in p]
    assert len(cross) == 1
    article = next(a for a in OTHER if a["path"] == cross[0])
    assert article["origin"] == "reprinted" and article["duplicate_of"].startswith("https://en.csr-china.net/")
    assert "Source:" not in page_of(article).partition('class="entry-content"')[2].partition("</div>")[0]


def test_soft_404_on_sustainability_reports(mirror):
    drop = OTHER_DROPS[0]
    status, _, body = fetch(mirror, SR, drop["path"])
    assert status == 200 and "can&rsquo;t be found" in body.decode("utf-8")
    assert any(drop["path"] in (MIRROR / SR / p.lstrip("/") / "index.html").read_text("utf-8")
               for p in SITES["sustainability_reports"]["mirror_list_pages"])


def discovered(site: dict) -> tuple[dict[str, set[str]], set[str]]:
    """Article path -> raw links found in the site's list pages, feeds and sitemaps; the list pages reached."""
    host = site["host"]
    found: dict[str, set[str]] = {}
    lists = set()
    sources = [(urlsplit(site["home"]).scheme + "://" + host + p, mirror_file(host, p).read_bytes().decode(
        "gbk" if host == GB and "/en/" not in p else "utf-8")) for p in site["mirror_list_pages"]]
    for url in site["discovery"]["feeds"] + site["discovery"]["sitemaps"]:
        path = urlsplit(url).path
        text = (MIRROR / host / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))).read_text("utf-8")
        for sub in re.findall(r"<loc>(https?://[^<]+-sitemap\.xml)</loc>", text):
            sources.append((sub, (MIRROR / host / urlsplit(sub).path.lstrip("/")).read_text("utf-8")))
        sources.append((url, text))
    for base, text in sources:
        raw = hrefs(text) if "<html" in text else [html.unescape(x) for x in re.findall(r"<(?:link|loc)>([^<]+)</", text)]
        for href in raw:
            url = urlsplit(urljoin(base, href))
            if url.netloc != host:
                continue
            if re.search(site["discovery"]["article_pattern"], url.path):
                found.setdefault(url.path, set()).add(href)
            elif url.path + ("?" + url.query if url.query else "") in site["mirror_list_pages"]:
                lists.add(url.path + ("?" + url.query if url.query else ""))
    return found, lists


@pytest.mark.parametrize("key", sorted(SITES))
def test_discovery_reaches_every_article_through_the_declared_entry_points(key):
    site = SITES[key]
    found, lists = discovered(site)
    articles = {a["path"]: a for a in OTHER if a["source"] == key}
    drops = {d["path"] for d in OTHER_DROPS if d["host"] == site["host"]}
    assert set(found) == set(articles) | drops
    for path, article in articles.items():
        assert found[path] <= set(article["link_forms"]), path
    first_pages = {urlsplit(u).path for u in site["discovery"]["list_pages"]}
    assert first_pages <= set(site["mirror_list_pages"])
    assert lists | first_pages == set(site["mirror_list_pages"])  # pagers link every list page


def test_sites_entries():
    assert set(SITES) == {"csrwire", "3blmedia", "goldenbee", "sustainability_reports"}
    for key, site in SITES.items():
        assert {"host", "home", "language", "timezone", "site_names", "discovery", "rights_statement"} <= set(site)
        assert set(site["discovery"]) == {"feeds", "sitemaps", "list_pages", "article_pattern", "pagination"}
        assert site["rights_statement"] in (MIRROR / site["host"] / "index.html").read_bytes().decode(
            "gbk" if key == "goldenbee" else "utf-8")
        assert len(site["mirror_list_pages"]) >= 2
    assert {"金蜜蜂", "GoldenBee", "goldencsr", "金蜜蜂企业社会责任"} <= set(SITES["goldenbee"]["site_names"])
    assert SITES["csrwire"]["discovery"]["feeds"] and SITES["csrwire"]["discovery"]["sitemaps"]
    assert SITES["3blmedia"]["discovery"]["feeds"]


def test_cross_site_reprints():
    by_url = {a["canonical_url"]: a for a in ARTICLES}
    copies = [a for a in OTHER if a["duplicate_of"]]
    of_csr_china = [a for a in copies if by_url[a["duplicate_of"]]["host"] in (EN, ZH)]
    assert sum(a["language"] == "zh-Hans" for a in of_csr_china) >= 2
    assert sum(a["language"] == "en" for a in of_csr_china) >= 4
    assert len({a["host"] for a in of_csr_china}) >= 3
    between_new_sites = [a for a in copies if by_url[a["duplicate_of"]]["source"] in SITES]
    assert len(between_new_sites) >= 1 and all(by_url[a["duplicate_of"]]["host"] != a["host"] for a in between_new_sites)
    for copy in copies:
        original = by_url[copy["duplicate_of"]]
        assert original["duplicate_of"] is None and copy["title"] != original["title"]
        later = datetime.fromisoformat(copy["published"]) > datetime.fromisoformat(original["published"])
        # the original is the copy tagged original, else the earliest published
        assert later or (original["origin"] == "original" and copy["origin"] != "original"), copy["path"]
    # one original published after its copy (a date-only dateline at midnight New York)
    assert any(datetime.fromisoformat(a["published"]) < datetime.fromisoformat(by_url[a["duplicate_of"]]["published"])
               for a in copies)


def test_duplicates_and_distinct_texts_across_all_sites():
    bodies = all_bodies()
    assert set(bodies) == {a["canonical_url"] for a in ARTICLES}
    texts = {url: shingles(text, language) for url, (text, language) in bodies.items()}
    cluster = {a["canonical_url"]: a["duplicate_of"] or a["canonical_url"] for a in ARTICLES}

    def jaccard(x, y):
        return len(texts[x] & texts[y]) / len(texts[x] | texts[y])

    for a in ARTICLES:
        if a["duplicate_of"]:
            assert jaccard(a["canonical_url"], a["duplicate_of"]) >= 0.5, a["canonical_url"]
    urls = sorted(bodies)
    for i, x in enumerate(urls):
        for y in urls[i + 1:]:
            if cluster[x] != cluster[y]:
                assert jaccard(x, y) < 0.3, (x, y)


def test_build_is_deterministic_for_every_host(tmp_path):
    subprocess.run([sys.executable, str(MIRROR / "build.py"), "--out", str(tmp_path)], check=True, capture_output=True)
    hosts = sorted(p.name for p in MIRROR.iterdir() if p.is_dir() and "." in p.name)
    assert hosts == sorted(p.name for p in tmp_path.iterdir() if p.is_dir())
    for host in hosts:
        built = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / host).rglob("*") if p.is_file()}
        committed = {p.relative_to(MIRROR): p.read_bytes() for p in (MIRROR / host).rglob("*") if p.is_file()}
        assert built.keys() == committed.keys(), host
        assert [k for k in built if built[k] != committed[k]] == [], host
