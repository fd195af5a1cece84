"""Tests of the offline feed validator (tests/feedvalidator.py) on small hand-written feeds.

Each clean feed must give no message at all; each mutation of it must give the
expected W3C message class at the expected level.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from feedvalidator import KINDS, Message, validate  # noqa: E402

ATOM_URL = "https://example.org/feed.atom"
RSS_URL = "https://example.org/feed.xml"
JSON_URL = "https://example.org/feed.json"

CLEAN_ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0" xml:lang="en">
  <id>https://example.org/feed.atom</id>
  <title>Example news</title>
  <subtitle type="html">News &lt;b&gt;about&lt;/b&gt; things</subtitle>
  <updated>2024-05-01T12:00:00Z</updated>
  <author><name>Example Desk</name><email>desk@example.org</email><uri>https://example.org/</uri></author>
  <link rel="self" type="application/atom+xml" href="https://example.org/feed.atom"/>
  <link rel="alternate" type="text/html" href="https://example.org/"/>
  <link rel="hub" href="https://hub.example.net/"/>
  <link rel="prev-archive" href="https://example.org/archive/2024-04.atom"/>
  <generator uri="https://example.org/tool" version="1.0">tool</generator>
  <rights>CC BY 4.0</rights>
  <entry>
    <id>tag:example.org,2024:story-1</id>
    <title>First story</title>
    <updated>2024-05-01T12:00:00Z</updated>
    <published>2024-05-01T11:00:00+08:00</published>
    <link rel="alternate" type="text/html" href="/stories/1"/>
    <category term="csr" label="CSR"/>
    <summary>A short summary.</summary>
    <content type="html">&lt;p&gt;Body with &lt;a href="/stories/2"&gt;a link&lt;/a&gt; and &lt;img src="https://example.org/i.png" alt="" style="width: 100px"&gt;&lt;/p&gt;</content>
  </entry>
  <entry xml:lang="zh-Hans">
    <id>https://example.org/stories/2</id>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Second <em>story</em></div></title>
    <updated>2024-04-30T08:00:00Z</updated>
    <link href="https://example.org/stories/2"/>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello</p></div></content>
    <source><id>https://other.example/feed</id><title>Other</title><updated>2024-04-29T00:00:00Z</updated><author><name>Other</name></author></source>
    <ext:thing xmlns:ext="http://example.com/ext" a="b">x</ext:thing>
  </entry>
</feed>
"""

CLEAN_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Example news</title>
    <link>https://example.org/</link>
    <description>News about things</description>
    <language>zh-cn</language>
    <dc:rights>CC BY 4.0</dc:rights>
    <lastBuildDate>Wed, 01 May 2024 12:00:00 +0000</lastBuildDate>
    <atom:link rel="self" type="application/rss+xml" href="https://example.org/feed.xml"/>
    <atom:link rel="hub" href="https://hub.example.net/"/>
    <ttl>60</ttl>
    <item>
      <title>First story</title>
      <link>https://example.org/stories/1</link>
      <guid isPermaLink="true">https://example.org/stories/1</guid>
      <pubDate>Wed, 01 May 2024 12:00:00 GMT</pubDate>
      <dc:creator>Example Desk</dc:creator>
      <category domain="https://example.org/topics">csr</category>
      <description>&lt;p&gt;Summary with &lt;a href="https://example.org/x"&gt;a link&lt;/a&gt;&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>Full body <img src="https://example.org/i.png" alt=""></p>]]></content:encoded>
      <enclosure url="https://example.org/a.mp3" length="1234" type="audio/mpeg"/>
      <source url="https://other.example/feed.xml">Other</source>
    </item>
    <item>
      <description>Only a description</description>
      <guid isPermaLink="false">story-two-2024</guid>
      <author>desk@example.org (Example Desk)</author>
      <pubDate>Tue, 30 Apr 2024 08:00:00 +0800</pubDate>
    </item>
  </channel>
</rss>
"""

CLEAN_JSON_DOC = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Example news",
    "home_page_url": "https://example.org/",
    "feed_url": "https://example.org/feed.json",
    "description": "News about things",
    "language": "en-GB",
    "authors": [{"name": "Example Desk", "url": "https://example.org/"}],
    "hubs": [{"type": "WebSub", "url": "https://hub.example.net/"}],
    "_example": {"anything": True},
    "items": [
        {
            "id": "https://example.org/stories/1",
            "url": "https://example.org/stories/1",
            "title": "First story",
            "content_html": '<p>Body <a href="https://example.org/x">link</a></p>',
            "date_published": "2024-05-01T12:00:00Z",
            "date_modified": "2024-05-01T13:00:00+08:00",
            "tags": ["csr"],
            "_source": {"name": "Other"},
        },
        {
            "id": "story-2",
            "content_text": "Plain body",
            "summary": "Short",
            "attachments": [{"url": "https://example.org/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 12}],
        },
    ],
}


def clean_json(**changes) -> dict:
    doc = json.loads(json.dumps(CLEAN_JSON_DOC))
    doc.update(changes)
    return doc


def jbytes(doc) -> bytes:
    return json.dumps(doc).encode("utf-8")


def mutate(base: bytes, old: str, new: str) -> bytes:
    old_b, new_b = old.encode(), new.encode()
    assert old_b in base, "test bug: %r not in base feed" % old
    return base.replace(old_b, new_b, 1)


def found(messages: list[Message]) -> set[tuple[str, str]]:
    return {(m.level, m.kind) for m in messages}


def assert_has(messages: list[Message], level: str, kind: str) -> None:
    assert (level, kind) in found(messages), "expected %s %s, got:\n%s" % (
        level, kind, "\n".join("%s %s %s" % (m.level, m.kind, m.text) for m in messages))


def assert_clean(messages: list[Message]) -> None:
    assert messages == [], "\n".join("%s %s %s" % (m.level, m.kind, m.text) for m in messages)


# ---------------------------------------------------------------------------
# Clean feeds
# ---------------------------------------------------------------------------
def test_clean_atom_has_no_messages():
    assert_clean(validate(CLEAN_ATOM, ATOM_URL))


def test_clean_rss_has_no_messages():
    assert_clean(validate(CLEAN_RSS, RSS_URL))


def test_clean_json_feed_has_no_messages():
    assert_clean(validate(jbytes(CLEAN_JSON_DOC), JSON_URL))


def test_every_kind_has_a_level_and_messages_carry_it():
    assert all(level in ("error", "warning") for level, _ in KINDS.values())
    msgs = validate(mutate(CLEAN_ATOM, "<id>https://example.org/feed.atom</id>", ""), ATOM_URL)
    for m in msgs:
        assert m.level == KINDS[m.kind][0]
        assert isinstance(m.text, str) and m.text


def test_atom_entry_document_and_other_self_url_forms():
    entry = b"""<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
      <title>t</title><updated>2024-01-01T00:00:00Z</updated><author><name>a</name></author>
      <content>text</content></entry>"""
    assert_clean(validate(entry, "https://example.org/e.atom"))
    # default port, host case and an empty path do not make the self link differ
    assert_clean(validate(CLEAN_ATOM, "HTTPS://Example.ORG:443/feed.atom"))


# ---------------------------------------------------------------------------
# Malformed input
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("data", [b"", b"<feed", b"\xff\xfe<x", b"<rss><channel></rss>", b"&nbsp;"])
def test_malformed_xml_is_an_error_not_an_exception(data):
    msgs = validate(data, ATOM_URL)
    assert_has(msgs, "error", "SAXError")


def test_malformed_json_is_an_error():
    assert_has(validate(b'{"version": ', JSON_URL), "error", "InvalidJSON")
    assert_has(validate(b'{"a": 1, "a": 2}', JSON_URL), "error", "DuplicateElement")


def test_system_entity_is_an_error():
    data = b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed>&x;</feed>'
    assert_has(validate(data, ATOM_URL), "error", "ContainsSystemEntity")
    # merely mentioning one in escaped text is fine
    ok = mutate(CLEAN_ATOM, "A short summary.", "About &lt;!ENTITY x SYSTEM \"y\"&gt; declarations.")
    assert_clean(validate(ok, ATOM_URL))


def test_unknown_root_and_missing_namespace():
    assert_has(validate(b"<opml/>", ATOM_URL), "error", "UndefinedElement")
    assert_has(validate(b"<feed><id>x</id></feed>", ATOM_URL), "error", "MissingNamespace")
    assert_has(validate(b'<feed xmlns="http://purl.org/atom/ns#"/>', ATOM_URL), "error", "InvalidNamespace")


def test_validate_never_raises_on_odd_input():
    for data in (b"   ", b"[]", b"{}", b"\x00\x01", "<feed/>", b"<?xml version='1.0' encoding='bogus'?><a/>"):
        msgs = validate(data, "")  # type: ignore[arg-type]
        assert msgs and all(m.kind != "InternalError" for m in msgs)


# ---------------------------------------------------------------------------
# Atom
# ---------------------------------------------------------------------------
def test_atom_relaxng_backstop():
    # a non-XHTML element inside xhtml content: the specific check only warns
    # (NotHtml), the RFC 4287 schema makes it an error
    bad = mutate(CLEAN_ATOM, "<p>Hello</p></div></content>", '<p>Hello</p><x:y xmlns:x="urn:x:y"/></div></content>')
    msgs = validate(bad, ATOM_URL)
    assert_has(msgs, "warning", "NotHtml")
    assert_has(msgs, "error", "RelaxNGError")


@pytest.mark.parametrize("element", ["id", "title", "updated"])
def test_atom_feed_required_elements(element):
    start = CLEAN_ATOM.index(b"<%s>" % element.encode())
    end = CLEAN_ATOM.index(b"</%s>" % element.encode()) + len(element) + 3
    bad = CLEAN_ATOM[:start] + CLEAN_ATOM[end:]
    assert_has(validate(bad, ATOM_URL), "error", "MissingElement")


@pytest.mark.parametrize("old", [
    "<id>tag:example.org,2024:story-1</id>",
    "<title>First story</title>",
    "<updated>2024-05-01T12:00:00Z</updated>\n    <published>",
])
def test_atom_entry_required_elements(old):
    new = "<published>" if old.endswith("<published>") else ""
    bad = mutate(CLEAN_ATOM, old, new)
    assert_has(validate(bad, ATOM_URL), "error", "MissingElement")


def test_atom_entry_author_required_unless_feed_or_source_has_one():
    no_feed_author = mutate(CLEAN_ATOM, "<author><name>Example Desk</name><email>desk@example.org</email>"
                            "<uri>https://example.org/</uri></author>", "")
    msgs = validate(no_feed_author, ATOM_URL)
    authors = [m for m in msgs if m.kind == "MissingElement" and "author" in m.text]
    # entry 1 has no author; entry 2 inherits one from its atom:source
    assert len(authors) == 1 and "entry[1]" in authors[0].text and authors[0].level == "error"


def test_atom_ids_must_be_absolute_valid_iris():
    assert_has(validate(mutate(CLEAN_ATOM, "<id>https://example.org/stories/2</id>", "<id>/stories/2</id>"),
                        ATOM_URL), "error", "InvalidFullLink")
    assert_has(validate(mutate(CLEAN_ATOM, "<id>https://example.org/stories/2</id>",
                               "<id>https://example.org/a b</id>"), ATOM_URL), "error", "InvalidIRI")
    assert_has(validate(mutate(CLEAN_ATOM, "<id>tag:example.org,2024:story-1</id>", "<id>tag:example.org:1</id>"),
                        ATOM_URL), "error", "InvalidTAG")
    assert_has(validate(mutate(CLEAN_ATOM, "<id>tag:example.org,2024:story-1</id>", "<id>urn:uuid:nope</id>"),
                        ATOM_URL), "error", "InvalidUUID")
    assert_has(validate(mutate(CLEAN_ATOM, "<id>https://example.org/stories/2</id>",
                               "<id>HTTPS://Example.org:443/stories/2</id>"), ATOM_URL), "warning", "NonCanonicalURI")
    assert_has(validate(mutate(CLEAN_ATOM, "<id>https://example.org/stories/2</id>",
                               "<id> https://example.org/stories/2</id>"), ATOM_URL), "error", "UnexpectedWhitespace")


def test_atom_duplicate_entry_ids_warn():
    bad = mutate(CLEAN_ATOM, "<id>https://example.org/stories/2</id>", "<id>tag:example.org,2024:story-1</id>")
    assert_has(validate(bad, ATOM_URL), "warning", "DuplicateEntries")


def test_atom_duplicate_updated_warns():
    bad = mutate(CLEAN_ATOM, "<updated>2024-04-30T08:00:00Z</updated>", "<updated>2024-05-01T12:00:00Z</updated>")
    msgs = validate(bad, ATOM_URL)
    assert_has(msgs, "warning", "DuplicateUpdated")
    # the same instant written with another offset is a duplicate too
    bad = mutate(CLEAN_ATOM, "<updated>2024-04-30T08:00:00Z</updated>", "<updated>2024-05-01T20:00:00+08:00</updated>")
    assert_has(validate(bad, ATOM_URL), "warning", "DuplicateUpdated")


@pytest.mark.parametrize("value", [
    "2024-05-01", "2024-05-01 12:00:00Z", "2024-05-01T12:00Z", "2024-05-01t12:00:00z",
    "2024-02-30T12:00:00Z", "Wed, 01 May 2024 12:00:00 GMT", "2024-05-01T12:00:00",
])
def test_atom_dates_must_be_rfc3339(value):
    bad = mutate(CLEAN_ATOM, "<published>2024-05-01T11:00:00+08:00</published>", "<published>%s</published>" % value)
    assert_has(validate(bad, ATOM_URL), "error", "InvalidRFC3339Date")


@pytest.mark.parametrize("value", ["1970-01-01T00:00:00Z", "2999-01-01T00:00:00Z"])
def test_atom_implausible_dates_warn(value):
    bad = mutate(CLEAN_ATOM, "<published>2024-05-01T11:00:00+08:00</published>", "<published>%s</published>" % value)
    assert_has(validate(bad, ATOM_URL), "warning", "ImplausibleDate")


def test_atom_self_link_rules():
    no_self = mutate(CLEAN_ATOM, '<link rel="self" type="application/atom+xml" href="https://example.org/feed.atom"/>', "")
    assert_has(validate(no_self, ATOM_URL), "warning", "MissingSelf")
    relative = mutate(CLEAN_ATOM, 'href="https://example.org/feed.atom"/>', 'href="/feed.atom"/>')
    msgs = validate(relative, ATOM_URL)
    assert_has(msgs, "warning", "RelativeSelf")
    assert "SelfDoesntMatchLocation" not in {m.kind for m in msgs}  # it resolves to the location
    assert_has(validate(CLEAN_ATOM, "https://example.org/elsewhere.atom"), "warning", "SelfDoesntMatchLocation")
    assert_has(validate(CLEAN_ATOM, "http://example.org/feed.atom"), "warning", "SelfDoesntMatchLocation")
    wrong_type = mutate(CLEAN_ATOM, 'rel="self" type="application/atom+xml"', 'rel="self" type="text/html"')
    assert_has(validate(wrong_type, ATOM_URL), "warning", "SelfNotAtom")


def test_atom_source_should_carry_id_and_updated():
    for old in ("<id>https://other.example/feed</id>", "<updated>2024-04-29T00:00:00Z</updated>"):
        msgs = validate(mutate(CLEAN_ATOM, old, ""), ATOM_URL)
        assert_has(msgs, "warning", "MissingSourceElement")
        assert not any(m.level == "error" for m in msgs)


def test_atom_non_http_links_warn():
    bad = mutate(CLEAN_ATOM, 'href="https://example.org/stories/2"', 'href="file:///home/me/story.html"')
    assert_has(validate(bad, ATOM_URL), "warning", "NonHttpLink")
    bad = mutate(CLEAN_ATOM, 'href="https://example.org/stories/2"', 'href="ftp://example.org/story.html"')
    assert_has(validate(bad, ATOM_URL), "warning", "NonHttpLink")
    # relative links resolve against a file:// location to file:// addresses
    assert_has(validate(CLEAN_ATOM, "file:///srv/feed.atom"), "warning", "NonHttpLink")


def test_atom_unresolvable_relative_references_warn():
    # fetched from nowhere, "/stories/1" has no base to resolve against
    msgs = validate(mutate(CLEAN_ATOM, '<link rel="self" type="application/atom+xml" href="https://example.org/feed.atom"/>',
                           ""), "")
    assert_has(msgs, "warning", "ContainsRelRef")
    bad = mutate(CLEAN_ATOM, '<entry xml:lang="zh-Hans">', '<entry xml:lang="zh-Hans" xml:base="sub/">')
    assert_has(validate(bad, ""), "warning", "ContainsRelRef")
    # with a location (or an absolute xml:base) they resolve and are fine
    assert not any(m.kind == "ContainsRelRef" for m in validate(bad, ATOM_URL))
    assert_has(validate(mutate(CLEAN_ATOM, "<entry>", '<entry xml:base="https://exa mple.org/">'), ATOM_URL),
               "error", "InvalidIRI")


def escaped(html: str) -> str:
    """Markup as the character data of an element (type="html", an RSS description)."""
    return html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_atom_html_with_scripts_and_friends():
    def with_content(html: str) -> list[Message]:
        return validate(mutate(CLEAN_ATOM, "<summary>A short summary.</summary>",
                               '<summary type="html">%s</summary>' % escaped(html)), ATOM_URL)

    assert_has(with_content("<p>x</p><script>alert(1)</script>"), "warning", "SecurityRisk")
    assert_has(with_content('<iframe src="https://evil.example/"></iframe>'), "warning", "SecurityRisk")
    assert_has(with_content('<p onclick="alert(1)">x</p>'), "warning", "SecurityRiskAttr")
    assert_has(with_content('<a href="javascript:alert(1)">x</a>'), "warning", "SecurityRiskAttr")
    assert_has(with_content('<p style="background: url(javascript:alert(1))">x</p>'), "warning", "DangerousStyleAttr")
    assert_has(with_content('<p style="position: absolute">x</p>'), "warning", "DangerousStyleAttr")
    assert_has(with_content("<p>x</p><blah>y</blah>"), "warning", "NotHtml")
    assert_has(with_content("<p>x &bogus; y</p>"), "error", "UndefinedNamedEntity")
    assert_has(with_content("<p>x &#150; y</p>"), "warning", "BadCharacters")
    # harmless markup is fine
    assert_clean(with_content('<p class="a"><b>bold</b> &amp; <a href="https://example.org/">ok</a></p>'))


def test_atom_xhtml_rules():
    bad = mutate(CLEAN_ATOM, '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello</p></div></content>',
                 '<content type="xhtml"><p xmlns="http://www.w3.org/1999/xhtml">Hello</p></content>')
    assert_has(validate(bad, ATOM_URL), "error", "MissingXhtmlDiv")
    bad = mutate(CLEAN_ATOM, "<p>Hello</p></div></content>", "&lt;p&gt;Hello&lt;/p&gt;</div></content>")
    assert_has(validate(bad, ATOM_URL), "warning", "NotInline")
    bad = mutate(CLEAN_ATOM, "<p>Hello</p></div></content>", "<p>Hello</p><script>x()</script></div></content>")
    assert_has(validate(bad, ATOM_URL), "warning", "SecurityRisk")


def test_atom_text_type_rules():
    assert_has(validate(mutate(CLEAN_ATOM, "<summary>A short summary.</summary>",
                               "<summary>A &lt;b&gt;short&lt;/b&gt; summary.</summary>"), ATOM_URL),
               "warning", "ContainsUndeclaredHTML")
    assert_has(validate(mutate(CLEAN_ATOM, "<summary>A short summary.</summary>",
                               '<summary type="text/plain">x</summary>'), ATOM_URL), "error", "InvalidTextType")
    assert_has(validate(mutate(CLEAN_ATOM, "<summary>A short summary.</summary>",
                               "<summary>A <b>short</b> summary.</summary>"), ATOM_URL), "error", "UndefinedElement")
    assert_has(validate(mutate(CLEAN_ATOM, "<title>First story</title>", "<title></title>"), ATOM_URL),
               "warning", "NotBlank")
    assert_has(validate(mutate(CLEAN_ATOM, "<title>First story</title>", "<title>First\u0085story</title>"), ATOM_URL),
               "warning", "BadCharacters")


def test_atom_content_rules():
    out_of_line = mutate(CLEAN_ATOM, '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello</p></div></content>',
                         '<content src="https://example.org/stories/2.pdf"/>')
    msgs = validate(out_of_line, ATOM_URL)
    assert_has(msgs, "warning", "MissingTypeAttr")
    assert_has(msgs, "error", "MissingSummary")
    no_content = mutate(CLEAN_ATOM, '<link href="https://example.org/stories/2"/>', "")
    no_content = mutate(no_content, '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello</p></div></content>', "")
    msgs = validate(no_content, ATOM_URL)
    assert_has(msgs, "error", "MissingContentOrAlternate")
    assert_has(msgs, "warning", "MissingTextualContent")
    not_b64 = mutate(CLEAN_ATOM, '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello</p></div></content>',
                     '<content type="image/png">not base64 !!!</content><summary>s</summary>')
    assert_has(validate(not_b64, ATOM_URL), "error", "NotBase64")
    fragment = mutate(CLEAN_ATOM, '<content type="html">', '<content type="text/html">')
    assert_has(validate(fragment, ATOM_URL), "warning", "HtmlFragment")


@pytest.mark.parametrize("lang,level", [("en_US", "error"), ("english", "error"), ("qq", "error"), ("zh-", "error")])
def test_atom_language_tags(lang, level):
    bad = mutate(CLEAN_ATOM, 'xml:lang="zh-Hans"', 'xml:lang="%s"' % lang)
    assert_has(validate(bad, ATOM_URL), level, "InvalidLanguage")


def test_atom_language_tags_that_are_fine():
    for lang in ("en", "en-US", "zh-Hant-TW", "yue", "x-private", "de-CH-1901"):
        assert_clean(validate(mutate(CLEAN_ATOM, 'xml:lang="zh-Hans"', 'xml:lang="%s"' % lang), ATOM_URL))


def test_atom_duplicate_alternate_links_are_errors():
    bad = mutate(CLEAN_ATOM, '<link rel="hub"', '<link rel="alternate" type="text/html" href="https://example.org/b"/><link rel="hub"')
    assert_has(validate(bad, ATOM_URL), "error", "DuplicateAtomLink")
    # same type but another hreflang is fine
    ok = mutate(CLEAN_ATOM, '<link rel="hub"',
                '<link rel="alternate" type="text/html" hreflang="zh" href="https://example.org/zh/"/><link rel="hub"')
    assert_clean(validate(ok, ATOM_URL))


def test_atom_link_relations():
    bad = mutate(CLEAN_ATOM, 'rel="hub"', 'rel="made-up"')
    assert_has(validate(bad, ATOM_URL), "warning", "UnregisteredAtomLinkRel")
    for rel in ("https://example.org/rels/x", "next-archive", "current", "next", "license", "related", "enclosure"):
        assert_clean(validate(mutate(CLEAN_ATOM, 'rel="hub"', 'rel="%s"' % rel), ATOM_URL))
    assert_has(validate(mutate(CLEAN_ATOM, '<link rel="hub" href="https://hub.example.net/"/>', '<link rel="hub"/>'),
                        ATOM_URL), "error", "MissingHref")
    assert_has(validate(mutate(CLEAN_ATOM, 'rel="hub"', 'rel=""'), ATOM_URL), "error", "AttrNotBlank")


def test_atom_category_term_required():
    bad = mutate(CLEAN_ATOM, '<category term="csr" label="CSR"/>', '<category label="CSR"/>')
    assert_has(validate(bad, ATOM_URL), "error", "MissingAttribute")


def test_atom_rfc5005_extensions():
    archive = mutate(CLEAN_ATOM, "<rights>", '<fh:archive/><link rel="current" href="https://example.org/feed.atom"/><rights>')
    assert_clean(validate(archive, ATOM_URL))
    assert_has(validate(mutate(CLEAN_ATOM, "<rights>", "<fh:archive/><rights>"), ATOM_URL), "warning", "MissingCurrentInArchive")
    complete = mutate(CLEAN_ATOM, '<link rel="prev-archive" href="https://example.org/archive/2024-04.atom"/>', "<fh:complete/>")
    assert_clean(validate(complete, ATOM_URL))
    both = mutate(CLEAN_ATOM, "<rights>", "<fh:complete/><rights>")
    assert_has(validate(both, ATOM_URL), "error", "FeedRelInCompleteFeed")
    assert_has(validate(mutate(CLEAN_ATOM, "<rights>", "<fh:bogus/><rights>"), ATOM_URL), "error", "UndefinedElement")


def test_atom_foreign_elements_accepted_unknown_atom_elements_rejected():
    ok = mutate(CLEAN_ATOM, "<rights>", '<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="https://example.org/t.png"/><rights>')
    assert_clean(validate(ok, ATOM_URL))
    bad = mutate(CLEAN_ATOM, "<rights>", "<bogus>x</bogus><rights>")
    assert_has(validate(bad, ATOM_URL), "error", "UndefinedElement")
    bad = mutate(CLEAN_ATOM, "<summary>", "<modified>2024-01-01T00:00:00Z</modified><summary>")
    assert_has(validate(bad, ATOM_URL), "error", "UndefinedElement")


def test_atom_structure_errors():
    assert_has(validate(mutate(CLEAN_ATOM, "<title>First story</title>", "<title>a</title><title>b</title>"), ATOM_URL),
               "error", "DuplicateElement")
    assert_has(validate(mutate(CLEAN_ATOM, "</feed>", "<rights>late</rights></feed>"), ATOM_URL),
               "error", "MisplacedMetadata")
    assert_has(validate(mutate(CLEAN_ATOM, "<author><name>Example Desk</name>", "<author>"), ATOM_URL),
               "error", "MissingElement")
    assert_has(validate(mutate(CLEAN_ATOM, "<email>desk@example.org</email>", "<email>Example Desk</email>"), ATOM_URL),
               "error", "InvalidAddrSpec")
    assert_has(validate(mutate(CLEAN_ATOM, "<entry>", '<entry foo="1">'), ATOM_URL), "error", "UnexpectedAttribute")


# ---------------------------------------------------------------------------
# RSS 2.0
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("old,kind", [
    ("<title>Example news</title>", "MissingElement"),
    ("<link>https://example.org/</link>", "MissingElement"),
    ("<description>News about things</description>", "MissingDescription"),
])
def test_rss_channel_required_elements(old, kind):
    assert_has(validate(mutate(CLEAN_RSS, old, ""), RSS_URL), "error", kind)


def test_rss_item_needs_title_or_description():
    bad = mutate(CLEAN_RSS, "<description>Only a description</description>", "")
    assert_has(validate(bad, RSS_URL), "error", "ItemMustContainTitleOrDescription")


def test_rss_guid_recommended_and_unique():
    bad = mutate(CLEAN_RSS, '<guid isPermaLink="false">story-two-2024</guid>', "")
    assert_has(validate(bad, RSS_URL), "warning", "MissingGuid")
    dup = mutate(CLEAN_RSS, '<guid isPermaLink="false">story-two-2024</guid>',
                 '<guid isPermaLink="true">https://example.org/stories/1</guid>')
    assert_has(validate(dup, RSS_URL), "error", "DuplicateValue")
    assert_has(validate(mutate(CLEAN_RSS, "story-two-2024", "12345"), RSS_URL), "warning", "NotSufficientlyUnique")
    assert_has(validate(mutate(CLEAN_RSS, 'isPermaLink="false">story-two-2024', ">story-two-2024"), RSS_URL),
               "error", "InvalidHttpGUID")
    assert_has(validate(mutate(CLEAN_RSS, 'isPermaLink="false"', 'isPermaLink="no"'), RSS_URL),
               "error", "InvalidBooleanAttribute")


@pytest.mark.parametrize("value,level,kind", [
    ("2024-05-01T12:00:00Z", "error", "InvalidRFC2822Date"),
    ("Wed, 1 May 2024", "error", "InvalidRFC2822Date"),
    ("Wed, 01 May 24 12:00:00 GMT", "warning", "ProblematicalRFC822Date"),
    ("wed, 01 may 2024 12:00:00 gmt", "warning", "ProblematicalRFC822Date"),
    ("Thu, 01 May 2024 12:00:00 GMT", "error", "IncorrectDOW"),
    ("Wed, 31 Apr 2024 12:00:00 GMT", "error", "InvalidRFC2822Date"),
    ("Sun, 01 Jan 1989 12:00:00 GMT", "warning", "ImplausibleDate"),
    ("Fri, 01 Jan 2badbad", "error", "InvalidRFC2822Date"),
])
def test_rss_dates(value, level, kind):
    bad = mutate(CLEAN_RSS, "<pubDate>Wed, 01 May 2024 12:00:00 GMT</pubDate>", "<pubDate>%s</pubDate>" % value)
    assert_has(validate(bad, RSS_URL), level, kind)


def test_rss_self_link():
    no_self = mutate(CLEAN_RSS, '<atom:link rel="self" type="application/rss+xml" href="https://example.org/feed.xml"/>', "")
    assert_has(validate(no_self, RSS_URL), "warning", "MissingAtomSelfLink")
    assert_has(validate(CLEAN_RSS, "https://example.org/other.xml"), "warning", "SelfDoesntMatchLocation")
    assert_has(validate(mutate(CLEAN_RSS, 'href="https://example.org/feed.xml"', 'href="feed.xml"'), RSS_URL),
               "warning", "RelativeSelf")


def test_rss_links():
    assert_has(validate(mutate(CLEAN_RSS, "<link>https://example.org/stories/1</link>",
                               "<link>file:///home/me/story.html</link>"), RSS_URL), "warning", "NonHttpLink")
    assert_has(validate(mutate(CLEAN_RSS, "<link>https://example.org/stories/1</link>",
                               "<link>/stories/1</link>"), RSS_URL), "error", "InvalidFullLink")
    assert_has(validate(mutate(CLEAN_RSS, "<link>https://example.org/stories/1</link>",
                               "<link>https://example.org/a story</link>"), RSS_URL), "error", "InvalidUriChar")


def test_rss_accepts_dc_and_content_modules_but_not_undefined_elements():
    assert_has(validate(mutate(CLEAN_RSS, "<ttl>60</ttl>", "<ttl>60</ttl><bogus/>"), RSS_URL), "error", "UndefinedElement")
    assert_has(validate(mutate(CLEAN_RSS, "<dc:creator>", "<dc:writer>x</dc:writer><dc:creator>"), RSS_URL),
               "error", "UndefinedElement")
    ok = mutate(CLEAN_RSS, "<ttl>60</ttl>", '<ttl>60</ttl><foo:bar xmlns:foo="https://example.com/ns">x</foo:bar>')
    assert_clean(validate(ok, RSS_URL))
    both = mutate(CLEAN_RSS, "<author>desk@example.org (Example Desk)</author>",
                  "<author>desk@example.org (Example Desk)</author><dc:creator>Desk</dc:creator>")
    assert_has(validate(both, RSS_URL), "warning", "DuplicateItemSemantics")
    assert_has(validate(mutate(CLEAN_RSS, "<ttl>", "<copyright>c</copyright><ttl>"), RSS_URL),
               "warning", "DuplicateSemantics")


def test_rss_category_domain_is_a_uri():
    bad = mutate(CLEAN_RSS, 'domain="https://example.org/topics"', 'domain="two words"')
    assert_has(validate(bad, RSS_URL), "warning", "InvalidCategoryDomain")
    # the RSS 2.0 spec's own example ("Syndic8") is fine
    assert_clean(validate(mutate(CLEAN_RSS, 'domain="https://example.org/topics"', 'domain="Syndic8"'), RSS_URL))


def test_rss_description_html():
    def with_description(html: str) -> list[Message]:
        return validate(mutate(CLEAN_RSS, "<description>Only a description</description>",
                               "<description>%s</description>" % escaped(html)), RSS_URL)

    assert_has(with_description("<p>x</p><script>alert(1)</script>"), "warning", "SecurityRisk")
    assert_has(with_description('<img src="/i.png" onerror="x()">'), "warning", "SecurityRiskAttr")
    assert_has(with_description('<a href="/stories/3">rel</a>'), "warning", "ContainsRelRef")
    assert_has(with_description('<a href="#fn1">note</a>'), "warning", "ContainsRelRef")
    cdata = mutate(CLEAN_RSS, '<img src="https://example.org/i.png" alt="">', '<img src="i.png"><iframe src="https://x.example/"></iframe>')
    msgs = validate(cdata, RSS_URL)
    assert_has(msgs, "warning", "ContainsRelRef")
    assert_has(msgs, "warning", "SecurityRisk")
    assert_has(validate(mutate(CLEAN_RSS, "<title>First story</title>", "<title>First &lt;b&gt;story&lt;/b&gt;</title>"),
                        RSS_URL), "warning", "ContainsHTML")


@pytest.mark.parametrize("lang", ["english", "en_US", "zz"])
def test_rss_language_code(lang):
    bad = mutate(CLEAN_RSS, "<language>zh-cn</language>", "<language>%s</language>" % lang)
    assert_has(validate(bad, RSS_URL), "error", "InvalidLanguage")


def test_rss_source_needs_url():
    bad = mutate(CLEAN_RSS, '<source url="https://other.example/feed.xml">', "<source>")
    assert_has(validate(bad, RSS_URL), "error", "MissingAttribute")
    bad = mutate(CLEAN_RSS, '<source url="https://other.example/feed.xml">', '<source url="feed.xml">')
    assert_has(validate(bad, RSS_URL), "error", "InvalidURLAttribute")


def test_rss_author_must_include_an_email_address():
    bad = mutate(CLEAN_RSS, "<author>desk@example.org (Example Desk)</author>", "<author>Example Desk</author>")
    assert_has(validate(bad, RSS_URL), "error", "InvalidContact")
    ok = mutate(CLEAN_RSS, "<author>desk@example.org (Example Desk)</author>", "<author>Example Desk &lt;desk@example.org&gt;</author>")
    assert_clean(validate(ok, RSS_URL))


def test_rss_enclosure_and_structure():
    bad = mutate(CLEAN_RSS, ' length="1234"', "")
    assert_has(validate(bad, RSS_URL), "error", "MissingAttribute")
    bad = mutate(CLEAN_RSS, 'length="1234"', 'length="big"')
    assert_has(validate(bad, RSS_URL), "error", "InvalidIntegerAttribute")
    bad = mutate(CLEAN_RSS, "<title>First story</title>", "<title>a</title><title>b</title>")
    assert_has(validate(bad, RSS_URL), "error", "DuplicateElement")
    assert_has(validate(mutate(CLEAN_RSS, ' version="2.0"', ""), RSS_URL), "error", "MissingAttribute")
    assert_has(validate(mutate(CLEAN_RSS, "<ttl>60</ttl>", "<ttl>hour</ttl>"), RSS_URL), "error", "InvalidInteger")


# ---------------------------------------------------------------------------
# JSON Feed 1.1
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("key", ["version", "title", "items"])
def test_json_required_top_level(key):
    doc = clean_json()
    del doc[key]
    assert_has(validate(jbytes(doc), JSON_URL), "error", "MissingElement")


def test_json_version_url():
    assert_has(validate(jbytes(clean_json(version="https://jsonfeed.org/version/2")), JSON_URL), "error", "InvalidValue")
    assert_has(validate(jbytes(clean_json(version="https://jsonfeed.org/version/1")), JSON_URL), "warning", "ObsoleteVersion")


def test_json_items():
    doc = clean_json()
    del doc["items"][0]["id"]
    assert_has(validate(jbytes(doc), JSON_URL), "error", "MissingElement")
    doc = clean_json()
    doc["items"][1]["id"] = 2
    assert_has(validate(jbytes(doc), JSON_URL), "error", "InvalidValue")
    doc = clean_json()
    del doc["items"][1]["content_text"]
    assert_has(validate(jbytes(doc), JSON_URL), "error", "MissingElement")
    doc = clean_json()
    doc["items"][1]["id"] = doc["items"][0]["id"]
    assert_has(validate(jbytes(doc), JSON_URL), "warning", "DuplicateEntries")


@pytest.mark.parametrize("value,level,kind", [
    ("2024-05-01", "error", "InvalidRFC3339Date"),
    ("Wed, 01 May 2024 12:00:00 GMT", "error", "InvalidRFC3339Date"),
    ("2999-01-01T00:00:00Z", "warning", "ImplausibleDate"),
])
def test_json_dates(value, level, kind):
    doc = clean_json()
    doc["items"][0]["date_published"] = value
    assert_has(validate(jbytes(doc), JSON_URL), level, kind)


def test_json_feed_url():
    assert_has(validate(jbytes(CLEAN_JSON_DOC), "https://example.org/other.json"), "warning", "SelfDoesntMatchLocation")
    doc = clean_json()
    del doc["feed_url"]
    assert_has(validate(jbytes(doc), JSON_URL), "warning", "MissingSelf")
    assert_has(validate(jbytes(clean_json(feed_url="/feed.json")), JSON_URL), "warning", "RelativeSelf")


def test_json_urls_absolute_http():
    doc = clean_json()
    doc["items"][0]["url"] = "/stories/1"
    assert_has(validate(jbytes(doc), JSON_URL), "warning", "ContainsRelRef")
    doc = clean_json()
    doc["items"][0]["url"] = "file:///home/me/1.html"
    assert_has(validate(jbytes(doc), JSON_URL), "warning", "NonHttpLink")
    assert_has(validate(jbytes(clean_json(home_page_url="ftp://example.org/")), JSON_URL), "warning", "NonHttpLink")


def test_json_extensions_and_unknown_keys():
    assert_clean(validate(jbytes(clean_json(_custom=[1, 2, 3])), JSON_URL))
    assert_has(validate(jbytes(clean_json(custom=1)), JSON_URL), "error", "UndefinedElement")
    assert_has(validate(jbytes(clean_json(author={"name": "x"})), JSON_URL), "warning", "DeprecatedElement")
    assert_has(validate(jbytes(clean_json(language="english")), JSON_URL), "error", "InvalidLanguage")


def test_json_content_html_checks():
    doc = clean_json()
    doc["items"][0]["content_html"] = '<p>x</p><script>alert(1)</script><a href="/rel">r</a>'
    msgs = validate(jbytes(doc), JSON_URL)
    assert_has(msgs, "warning", "SecurityRisk")
    assert_has(msgs, "warning", "ContainsRelRef")


# ---------------------------------------------------------------------------
# The remaining message classes, one small example each
# ---------------------------------------------------------------------------
_HOURS = "".join("<hour>%d</hour>" % (h % 24) for h in range(25))
_DAYS = "".join("<day>%s</day>" % d for d in ["Monday"] * 8)

OTHER_CASES = [
    # (base, old, new, url, level, kind)
    (CLEAN_ATOM, "<rights>", "stray text<rights>", ATOM_URL, "error", "UnexpectedText"),
    (CLEAN_ATOM, '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello</p></div></content>',
     '<content type="application/pdf" src="https://example.org/a b.pdf"/><summary>s</summary>', ATOM_URL,
     "error", "InvalidURIAttribute"),
    (CLEAN_ATOM, "<id>tag:example.org,2024:story-1</id>", "<id>urn:x:y</id>", ATOM_URL, "error", "InvalidURN"),
    (CLEAN_ATOM, "<id>tag:example.org,2024:story-1</id>", "<id>madeup:story-1</id>", ATOM_URL,
     "warning", "SchemeNotIANARegistered"),
    (CLEAN_ATOM, 'href="https://hub.example.net/"/>', 'href="https://hub.example.net/">hub</link>', ATOM_URL,
     "warning", "AtomLinkNotEmpty"),
    (CLEAN_ATOM, '<link rel="prev-archive" href="https://example.org/archive/2024-04.atom"/>',
     '<fh:complete/><link rel="current" href="https://example.org/other.atom"/>', ATOM_URL,
     "error", "CurrentNotSelfInCompleteFeed"),
    (CLEAN_ATOM, 'rel="hub"', 'rel="hub" type="html"', ATOM_URL, "error", "InvalidMIMEType"),
    (CLEAN_RSS, "<dc:creator>", "<dc:date>May 2024</dc:date><dc:creator>", RSS_URL, "error", "InvalidW3CDTFDate"),
    (CLEAN_RSS, '<guid isPermaLink="false">story-two-2024</guid>',
     '<guid isPermaLink="true">tag:example.org,2024:2</guid>', RSS_URL, "error", "InvalidPermalink"),
    (CLEAN_RSS, "<ttl>60</ttl>", "<ttl>60</ttl><skipHours><hour>24</hour></skipHours>", RSS_URL, "error", "InvalidHour"),
    (CLEAN_RSS, "<ttl>60</ttl>", "<ttl>60</ttl><skipDays><day>Funday</day></skipDays>", RSS_URL, "error", "InvalidDay"),
    (CLEAN_RSS, "<ttl>60</ttl>", "<ttl>60</ttl><skipHours>%s</skipHours>" % _HOURS, RSS_URL,
     "error", "NotEnoughHoursInTheDay"),
    (CLEAN_RSS, "<ttl>60</ttl>", "<ttl>60</ttl><skipDays>%s</skipDays>" % _DAYS, RSS_URL, "error", "EightDaysAWeek"),
    (CLEAN_RSS, '<source url=', '<enclosure url="https://example.org/b.mp3" length="1" type="audio/mpeg"/><source url=',
     RSS_URL, "warning", "DuplicateEnclosure"),
]


@pytest.mark.parametrize("base,old,new,url,level,kind", OTHER_CASES, ids=[c[-1] for c in OTHER_CASES])
def test_other_message_classes(base, old, new, url, level, kind):
    assert_has(validate(mutate(base, old, new), url), level, kind)


def test_json_feed_must_be_utf8():
    assert_has(validate(b'{"version": "\xff"}', JSON_URL), "error", "UnicodeError")


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------
def test_cli_exit_codes(tmp_path):
    script = Path(__file__).resolve().with_name("feedvalidator.py")
    good = tmp_path / "feed.atom"
    good.write_bytes(CLEAN_ATOM)
    run = subprocess.run([sys.executable, str(script), str(good), ATOM_URL], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    run = subprocess.run([sys.executable, str(script), str(good), "https://example.org/moved.atom"],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "SelfDoesntMatchLocation" in run.stdout
