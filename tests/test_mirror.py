"""The offline mirror: the server over real HTTP, and the data it serves (data/mirror)."""

from __future__ import annotations

import http.client
import importlib.util
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from syndicate.mirror import serve_mirror

ROOT = Path(__file__).resolve().parent.parent
MIRROR = ROOT / "data" / "mirror"
TRUTH = json.loads((MIRROR / "truth.json").read_text("utf-8"))
HEADERS = json.loads((MIRROR / "headers.json").read_text("utf-8"))
EN, ZH = "en.csr-china.net", "www.csr-china.net"
ARTICLES = TRUTH["articles"]
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
    """data/mirror/build.py as a module, to read the article bodies from the content specs."""
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
    assert set(mirror.base_urls) == {EN, ZH}
    assert len(set(mirror.base_urls.values())) == 2
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
    assert len(ARTICLES) >= 44
    assert sum(a["host"] == EN for a in ARTICLES) >= 24
    assert sum(a["host"] == ZH for a in ARTICLES) >= 20


@pytest.mark.parametrize("article", ARTICLES, ids=[a["path"] for a in ARTICLES])
def test_truth_article_file_exists_and_matches(article):
    page = file_of(article["host"], article["path"]).read_bytes().decode(article["encoding"])
    unescaped = page.replace("&amp;", "&").replace("&quot;", '"').replace("&#x27;", "'")
    assert article["title"] in unescaped
    assert article["body_first"] in unescaped and article["body_last"] in unescaped
    assert 3 <= article["paragraphs"] <= 8
    assert article["canonical_url"] == ("https://" if article["host"] == EN else "http://") + article["host"] + article["path"]
    assert re.fullmatch(r"/a/\w+/\w+/20(1[7-9]|2[0-4])/\d{4}/\d+\.html", article["path"])
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
        for article in (a for a in ARTICLES if a["host"] == host):
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
    forms = {a["path"]: a["link_forms"] for a in ARTICLES}
    assert "https://en.csr-china.net/a/knowledge/CSRNews/2017/0928/277.html?utm_source=wechat&utm_medium=social" \
        in forms["/a/knowledge/CSRNews/2017/0928/277.html"]
    assert "http://en.csr-china.net/a/knowledge/CSRNews/2017/0928/277.html#top" \
        in forms["/a/knowledge/CSRNews/2017/0928/277.html"]
    for host in (EN, ZH):
        assert any(len({urlsplit(f).scheme for f in a["link_forms"]}) >= 2 and any("?" in f for f in a["link_forms"])
                   for a in ARTICLES if a["host"] == host)


def test_gbk_pages_are_gbk_bytes():
    gbk = [a for a in ARTICLES if a["encoding"] == "gbk"]
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
    utf8 = [a for a in ARTICLES if a["host"] == ZH and a["encoding"] == "utf-8"]
    assert len(utf8) >= 2
    for article in utf8:
        assert b'charset="utf-8"' in file_of(ZH, article["path"]).read_bytes()


def test_header_charset_in_truth_matches_headers_json():
    for article in ARTICLES:
        content_type = HEADERS[article["host"]].get(article["path"], {}).get("Content-Type", "text/html")
        claimed = content_type.partition("charset=")[2] or None
        assert claimed == article["header_charset"]
    lying = [a for a in ARTICLES if a["encoding"] == "gbk" and a["header_charset"] == "utf-8"]
    honest_meta_only = [a for a in ARTICLES if a["encoding"] == "gbk" and a["header_charset"] is None]
    assert len(lying) >= 5 and len(honest_meta_only) >= 2


def test_provenance_mix():
    for host, site in ((EN, "CSR-China Website"), (ZH, "企业社会责任中国网")):
        mine = [a for a in ARTICLES if a["host"] == host]
        assert {a["origin"] for a in mine} == {"original", "reprinted", "unknown"}
        assert all(a["outlet"] == site for a in mine if a["origin"] == "original")
        outlets = {a["outlet"] for a in mine if a["origin"] == "reprinted"}
        assert len(outlets) >= 4
        assert sum(a["origin"] == "unknown" for a in mine) >= 3
    written = {a["outlet_as_written"] for a in ARTICLES}
    assert {"China WTO Tribune", "China Sustainability Tribune", "《WTO经济导刊》", "《可持续发展经济导刊》",
            "WTO经济导刊", "可持续发展经济导刊", "Sino-Swedish Corporate Social"} <= written
    assert None in {a["published"] for a in ARTICLES if a["host"] == EN}
    assert None in {a["published"] for a in ARTICLES if a["host"] == ZH}


def test_templates_vary():
    for host in (EN, ZH):
        assert {a["template"] for a in ARTICLES if a["host"] == host} == {"A", "B", "C"}


def test_duplicates_and_distinct_texts():
    by_url = {a["canonical_url"]: a for a in ARTICLES}
    bodies = body_texts()
    texts = {a["canonical_url"]: shingles(bodies[a["canonical_url"]], a["language"][:2]) for a in ARTICLES}

    def jaccard(x, y):
        return len(texts[x] & texts[y]) / len(texts[x] | texts[y])

    pairs = {(a["canonical_url"], a["duplicate_of"]) for a in ARTICLES if a["duplicate_of"]}
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
