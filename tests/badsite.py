"""A hostile copy of the CSR-China English edition, served on 127.0.0.1 for bad-input tests.

The spider is pointed at it with base_url, as at any copy of the site: home page -> one
category list -> article-shaped pages, each broken in its own way.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIST = "/a/knowledge/Bad/"
PARA = ("Companies in the Yangtze River Delta published {n} sustainability reports this year, and the "
        "regional association said the quality of disclosure on emissions and labour standards had improved.")


def page(title: str, meta: str, paragraphs: list[str], charset_meta: str = "", extra_head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head>{charset_meta}<title>{title} - CSR-China</title>{extra_head}</head><body>"
            f'<div class="crumb"><a href="/">Home</a> &gt; <a href="/a/knowledge/">Knowledge</a> &gt; '
            f'<a href="{LIST}">Bad</a> &gt;</div><h1>{title}</h1><div class="info">{meta}</div>'
            f'<div class="text">{body}</div><div class="foot">Copyright (c) Csr-china.net All Right Reserved.</div>'
            "</body></html>")


ZH = ["近日，长三角地区多家企业联合发布社会责任报告，报告显示企业在节能减排和员工权益保护方面取得明显进展，镕基金会代表出席。",
      "与会专家认为，企业应当进一步完善信息披露机制，提高报告的可比性和可信度，推动高质量发展。"]


NAMES = ["gbk-declared-utf8", "utf8-declared-gbk", "no-charset", "mojibake", "control-chars", "retry", "soft-404",
         "only-images", "chinese-date", "relative-date", "malformed", "forbidden"]


def path_of(name: str) -> str:
    """Article-shaped address of a named bad page: /a/knowledge/Bad/2020/0101/<id>.html."""
    return f"{LIST}2020/0101/{100 + NAMES.index(name)}.html"


def pages() -> dict[str, tuple[int, dict, bytes]]:
    """path -> (status, headers, body)."""
    html = "text/html"
    out: dict[str, tuple[int, dict, bytes]] = {}

    def add(name, title, meta, paras, *, encoding="utf-8", ctype=html, charset_meta="", status=200, raw=None):
        path = path_of(name)
        body = raw if raw is not None else page(title, meta, paras, charset_meta).encode(encoding)
        out[path] = (status, {"Content-Type": ctype}, body)

    add("gbk-declared-utf8", "长三角企业发布社会责任报告", "2020-01-01 来源：企业社会责任中国网", ZH,
        encoding="gbk", ctype="text/html; charset=utf-8", charset_meta='<meta charset="gbk">')
    add("utf8-declared-gbk", "长三角企业联合发布报告", "2020-01-02 来源：人民网", ZH,
        ctype="text/html; charset=gbk", charset_meta='<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    add("no-charset", "Reports From the Delta — No Charset Anywhere", "2020-01-03",
        [PARA.format(n=3) + " Café owners joined.", PARA.format(n=4)])
    add("mojibake", "CafÃ© Owners Join the Delta Forum", "2020-01-04",
        [PARA.format(n=5) + " The cafÃ© ownersâ€™ association spoke.", PARA.format(n=6)])
    add("control-chars", "Control\x01 Characters\x0b in Text", "2020-01-05",
        [PARA.format(n=7) + " bad\x00 bytes\x1f and a lone surrogate &#xD800; here.", PARA.format(n=8)])
    add("retry", "Stored Once After Two 503s", "2020-01-06", [PARA.format(n=9), PARA.format(n=10)])
    add("soft-404", "页面不存在", "", ["页面不存在，3秒后返回首页"], raw=(
        "<html><head><title>404 页面不存在</title></head><body><p>页面不存在，3秒后返回首页</p></body></html>").encode())
    add("only-images", "A Gallery Without Words", "2020-01-07", ['<img src="/1.jpg">', '<img src="/2.jpg">'])
    add("chinese-date", "中文日期的报道", "2019年7月19日 14:19 来源：新华网", ZH)
    add("relative-date", "A Report Dated Three Days Ago", "3天前", [PARA.format(n=11), PARA.format(n=12)])
    malformed = ("<html><head><title>Malformed But Readable - CSR-China</title><body>"
                 '<div class="crumb"><a href="/">Home</a> &gt; <a href="/a/knowledge/">Knowledge</a> &gt; Bad &gt;'
                 "<h1>Malformed But Readable</h1><div class=info>2020-01-08</span>"
                 f"<div class=text><p>{PARA.format(n=13)} <b>unclosed bold <i>and italic<p>{PARA.format(n=14)}"
                 "</td></tr></table> stray < angle and & ampersand</div></div>")
    add("malformed", "", "", [], raw=malformed.encode())
    add("forbidden", "", "", [], status=403, raw=b"<html><body>Access denied by the firewall</body></html>")
    links = "".join(f'<li><a href="{p}">{p}</a></li>' for p in out)
    out[LIST] = (200, {"Content-Type": html}, f"<html><body><ul>{links}</ul></body></html>".encode())
    out["/"] = (200, {"Content-Type": html}, f'<html><body><a href="{LIST}">Bad news</a></body></html>'.encode())
    out["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /plus/\n")
    return out


class BadSite:
    """Serve pages() on 127.0.0.1; the retry page answers 503 twice before 200."""

    def __init__(self) -> None:
        self.pages = pages()
        self.hits: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                path = self.path.split("?")[0]
                site.hits[path] = site.hits.get(path, 0) + 1
                status, headers, body = site.pages.get(path, (404, {"Content-Type": "text/html"}, b"not found"))
                if path == path_of("retry") and site.hits[path] <= 2:
                    status, body = 503, b"busy"
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> "BadSite":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
