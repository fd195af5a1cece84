#!/usr/bin/env python3
"""Generate the offline mirror of csr-china.net and four other CSR sites that the spiders are tested against.

The mirror reproduces what is known about the real site (shared/sources/csr-china.md): two
editions on two hosts, DedeCMS URL shapes and list pages, five article templates per edition
(A-C, and D-E added later: footers holding the source line, sidebars and related lists before
the article, titles outside h-tags, <br><br> paragraphs, meta lines below the body, labelled
dates in other forms), GBK pages whose HTTP header lies about the charset or says nothing,
reprints, duplicates and a few broken pages.
The article texts live in content/en.toml and content/zh.toml. The generator is one module per
site in mirrorgen/ (site facts as data, page templates as small functions): csr_china.py (both
editions), csrwire.py, tbl.py (3BL Media), goldenbee.py, sustainability_reports.py, and posts.py
for what the four other sites share. This script assembles them and writes:

    <out>/en.csr-china.net/...   files, one per URL path ("/" -> index.html), raw bytes as served
    <out>/www.csr-china.net/...
    <out>/headers.json           per host and URL path: Last-Modified and Content-Type overrides
    <out>/truth.json             the answer key for the spiders

Four more sites (issue 5), each in another CMS style, reprint CSR-China articles and each other:
www.csrwire.com (WordPress-like: feed, sitemaps, category archives), www.3blmedia.com
(Drupal-like: ?page=N lists, RSS), www.goldenbeechina.com (a Chinese portal, GBK, with an
English section) and www.sustainability-reports.com (a WordPress news blog). Their facts are the
Site records in mirrorgen/posts.py, their posts content/<site key>.toml; see that module for
what the answer key counts as body, origin and date.

Nothing depends on the clock or on set order: the same content gives the same bytes.

    python syndicate/data/mirror/build.py [--out DIR]      # default: next to this script
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # mirrorgen/ beside this script

from mirrorgen.csr_china import (  # noqa: E402 - after the path; also what tests read of the mirror
    EN, HERE, ZH, Mirror, build_site, load_edition, paragraph_text, person, truth, write)
from mirrorgen.csrwire import build_csrwire  # noqa: E402
from mirrorgen.goldenbee import build_goldenbee  # noqa: E402
from mirrorgen.posts import MORE_OUTLET_ALIASES, SITES, TBL, Post, Site, load_posts, stored_posts  # noqa: E402
from mirrorgen.sustainability_reports import build_sustainability_reports  # noqa: E402
from mirrorgen.tbl import build_3blmedia  # noqa: E402

__all__ = ["EN", "ZH", "load_edition", "load_posts", "paragraph_text", "main"]

BUILDERS = {"csrwire": build_csrwire, "3blmedia": build_3blmedia, "goldenbee": build_goldenbee,
            "sustainability_reports": build_sustainability_reports}


def check_reprints(posts: list[Post]) -> None:
    """A copy is published after its original, unless the original says it is one and the copy does not."""
    for p in posts:
        original = p.duplicate_of
        if original is None:
            continue
        assert original.published is not None and p.title != original.title, p.path
        if p.published <= original.published:
            assert original.origin == "original" and p.origin != "original", (p.path, "published before its original")


def build_other_sites(m: Mirror, posts: list[Post]) -> dict[str, list[str]]:
    """Every file of the four sites; returns each site's list pages."""
    check_reprints(posts)
    for n, p in enumerate(sorted(stored_posts(posts, TBL), key=lambda p: p.published)):
        p.extra.setdefault("nid", 118230 + 61 * n)
    lists = {}
    for site in SITES.values():
        lists[site.key] = BUILDERS[site.key](m, posts)
        m.add(site.host, "/robots.txt", site.robots)
    return lists


def post_entry(m: Mirror, p: Post) -> dict:
    texts = [t for t in map(paragraph_text, p.body) if t is not None]
    return {
        "host": p.host, "path": p.path, "canonical_url": p.canonical_url, "title": p.title,
        "published": p.published.isoformat(), "date_basis": None, "author": person(p.author), "category": p.category, "tags": p.tags,
        "origin": p.origin, "outlet": p.outlet, "outlet_as_written": p.source, "language": p.language,
        "duplicate_of": p.duplicate_of.canonical_url if p.duplicate_of else None,
        "encoding": p.encoding, "header_charset": p.header_charset, "template": p.template,
        "body_first": texts[0], "body_last": texts[-1], "paragraphs": len(texts),
        "link_forms": sorted(m.links[(p.host, p.path)]), "source": p.site.key,
    }


def site_entry(site: Site, list_pages: list[str]) -> dict:
    outlet = site.outlets[site.language] if len(site.outlets) == 1 else site.outlets
    entry = {
        "host": site.host, "name": site.name, "home": site.url("/"), "language": site.language,
        "timezone": site.timezone, "site_names": list(site.site_names), "site_outlet": outlet,
        "discovery": {"feeds": list(site.feeds), "sitemaps": list(site.sitemaps), "list_pages": list(site.list_pages),
                      "article_pattern": site.article_pattern, "pagination": site.pagination},
        "rights_statement": site.rights[site.language],
        "boilerplate": list(site.boilerplate),
        "mirror_list_pages": list_pages,
    }
    entry.update({f"rights_statement_{lang}": text for lang, text in site.rights.items() if lang != site.language})
    return entry


def add_other_sites_to_truth(key: dict, m: Mirror, posts: list[Post], lists: dict[str, list[str]]) -> None:
    """Append the four sites' articles and drops, their outlet aliases, and a "sites" entry each.

    The top-level "list_pages" stays the CSR-China lists; each site's are in sites.*.mirror_list_pages.
    """
    stored = sorted((p for p in posts if not p.reason), key=lambda p: (p.host, p.path))
    key["articles"] += [post_entry(m, p) for p in stored]
    key["drops"] += [{"host": p.host, "path": p.path, "reason": p.reason}
                     for p in sorted((p for p in posts if p.reason), key=lambda p: (p.host, p.path))]
    key["outlet_aliases"].update(MORE_OUTLET_ALIASES)
    key["outlet_aliases"].update({p.source: p.outlet for p in stored if p.source and p.source != p.outlet})
    key["sites"] = {site.key: site_entry(site, lists[site.key]) for site in SITES.values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="directory to write the mirror into")
    args = parser.parse_args()
    articles = load_edition(EN, "en.toml") + load_edition(ZH, "zh.toml")
    m, list_pages = build_site(articles)
    key = truth(m, list_pages)
    posts = load_posts(articles)
    lists = build_other_sites(m, posts)
    add_other_sites_to_truth(key, m, posts, lists)
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out, m, key)
    print(f"{len(key['articles'])} articles, {len(key['drops'])} drops, {len(m.files)} files -> {args.out}")


if __name__ == "__main__":
    main()
