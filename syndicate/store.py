"""The SQLite store: every line of SQL in the project lives in this module.

One row per story (canonical URL). Exact copies (same normalised body) and near
duplicates (MinHash LSH, verified on shingles) point at the group's original through
``duplicate_of``. WAL mode; callers group writes in ``with store.batch():``, so a crash
loses at most the batch in flight.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime, timezone
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from . import dedupe, search
from .items import ID_NAMESPACE, Article, article_id, to_row

NEW, UPDATED, UNCHANGED, DUPLICATE = "new", "updated", "unchanged", "duplicate"

# Columns that make up an article's content: a change in any of them is an update. (``url``
# is not one: the same page fetched through another copy of the site is the same content.)
CONTENT_COLUMNS = ("title", "published", "date_basis", "language", "origin", "outlet", "rights",
                   "author", "category", "tags", "body", "content_hash")
# A change in these may change which copy of a duplicate group is the original.
REGROUP_COLUMNS = ("content_hash", "origin", "published", "language")

# The columns feeds show (an update of any of them makes the feeds' state new), as of migration 9.
FEED_COLUMNS_9 = ("id", "canonical_url", "source", "title", "published", "updated", "language", "origin", "outlet",
                  "rights", "author", "category", "tags", "body", "content_hash", "duplicate_of", "revision",
                  "first_seen", "gone", "story_id")


def _feed_trigger(event: str, columns: tuple[str, ...] = ()) -> str:
    """The trigger that makes the feeds' state new after an insert, a delete, or an update of ``columns``."""
    when = "WHEN " + " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns) if columns else ""
    return f"""CREATE TRIGGER articles_feed_{event.lower()} AFTER {event} ON articles {when}
            BEGIN UPDATE store_meta SET value = lower(hex(randomblob(16))) WHERE key = 'feed_state'; END"""


MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "articles, LSH bands", [
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            canonical_url TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            title TEXT NOT NULL,
            published TEXT,
            updated TEXT,
            language TEXT,
            origin TEXT NOT NULL CHECK (origin IN ('original', 'reprinted', 'unknown')),
            outlet TEXT,
            rights TEXT,
            author TEXT,
            category TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            body TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            duplicate_of TEXT REFERENCES articles(id),
            revision INTEGER NOT NULL DEFAULT 1,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        )""",
        "CREATE INDEX articles_content_hash ON articles(content_hash)",
        "CREATE INDEX articles_duplicate_of ON articles(duplicate_of)",
        "CREATE INDEX articles_source_published ON articles(source, published)",
        """CREATE TABLE lsh_bands (
            band TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (band, article_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX lsh_bands_article ON lsh_bands(article_id)",
    ]),
    (2, "conditional requests, deletions, crawl state", [
        "ALTER TABLE articles ADD COLUMN etag TEXT",
        "ALTER TABLE articles ADD COLUMN last_modified TEXT",
        "ALTER TABLE articles ADD COLUMN gone TEXT",
        """CREATE TABLE crawl_state (
            source TEXT PRIMARY KEY,
            complete TEXT
        )""",
    ]),
    (3, "skipped pages, robots.txt cache", [
        """CREATE TABLE skipped (
            canonical_url TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        )""",
        """CREATE TABLE robots (
            origin TEXT PRIMARY KEY,
            fetched TEXT NOT NULL,
            status INTEGER NOT NULL,
            body BLOB NOT NULL
        )""",
    ]),
    (4, "story ids for feeds, consecutive misses, crawl sweeps", [
        "ALTER TABLE articles ADD COLUMN story_id TEXT",
        "UPDATE articles SET story_id = COALESCE(duplicate_of, id)",
        "ALTER TABLE articles ADD COLUMN misses INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE crawl_state ADD COLUMN started TEXT",
        "ALTER TABLE crawl_state ADD COLUMN full_sweep TEXT",
    ]),
    (5, "store metadata (the LSH band scheme the band keys were made with)", [
        "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ]),
    (6, "validators of list pages, feeds and sitemaps", [
        """CREATE TABLE pages (
            url TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            checked TEXT NOT NULL
        )""",
    ]),
    (7, "extraction health per crawl (the drift alarm)", [
        """CREATE TABLE crawl_health (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            crawled TEXT NOT NULL,
            full INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            heading_title REAL,
            dated REAL,
            authored REAL,
            known_origin REAL,
            reprint_outlet REAL,
            tagged REAL,
            median_body INTEGER
        )""",
        "CREATE INDEX crawl_health_source ON crawl_health(source, crawled)",
    ]),
    (8, "story ids once published (they never change after)", [
        "CREATE TABLE published_stories (story_id TEXT PRIMARY KEY, first_published TEXT NOT NULL) WITHOUT ROWID",
    ]),
    (9, "a token of the feeds' state, new at every change feeds show (a publish with nothing new does nothing)", [
        "INSERT OR IGNORE INTO store_meta (key, value) VALUES ('feed_state', lower(hex(randomblob(16))))",
        _feed_trigger("INSERT"), _feed_trigger("DELETE"), _feed_trigger("UPDATE", FEED_COLUMNS_9),
    ]),
    (10, "dates inferred from the crawl's evidence, flagged (date_basis)", [
        "ALTER TABLE articles ADD COLUMN date_basis TEXT",
        "DROP TRIGGER articles_feed_update",
        _feed_trigger("UPDATE", (*FEED_COLUMNS_9, "date_basis")),
    ]),
    (11, "full-text search in English and Chinese (articles_fts), the stories and copies views", [
        # One row per article, rowid = articles.rowid, text as syndicate/search.py makes it;
        # filled by the store's own code (Store._index), rebuilt when search.SCHEME changes.
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, terms, tokenize = 'unicode61 remove_diacritics 2')",
        """CREATE VIEW stories AS
           SELECT a.rowid AS rowid, a.title, a.published, a.date_basis, a.source, a.language, a.origin,
                  a.outlet, a.author, a.category, a.tags,
                  (SELECT count(*) FROM articles c WHERE c.duplicate_of = a.id) AS copies,
                  a.canonical_url AS url, a.first_seen, a.updated, a.gone, a.body, a.story_id AS story
           FROM articles a WHERE a.duplicate_of IS NULL""",
        """CREATE VIEW copies AS
           SELECT c.rowid AS rowid, o.story_id AS story, o.title AS story_title, o.canonical_url AS original,
                  CASE WHEN c.content_hash = o.content_hash THEN 'exact copy' ELSE 'edited copy' END AS kind,
                  c.canonical_url AS url, c.source, c.title, c.language, c.origin, c.outlet, c.published,
                  c.first_seen
           FROM articles c JOIN articles o ON c.duplicate_of = o.id
           UNION ALL
           SELECT a.rowid, a.story_id, a.title, a.canonical_url, 'address variant', a.url, a.source, a.title,
                  a.language, a.origin, a.outlet, a.published, a.first_seen
           FROM articles a WHERE a.url != a.canonical_url""",
    ]),
    (12, "how long each crawl took and how many requests it made", [
        "ALTER TABLE crawl_health ADD COLUMN duration REAL",
        "ALTER TABLE crawl_health ADD COLUMN requests INTEGER",
    ]),
    (13, "the same story in English and Chinese: signatures, their keys, candidates, translations", [
        # What syndicate/bilingual.py keeps of each story (made again when ``basis`` changes) ...
        """CREATE TABLE bilingual_signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            side TEXT NOT NULL CHECK (side IN ('en', 'zh')),
            day INTEGER,
            basis TEXT NOT NULL,
            signature TEXT NOT NULL
        )""",
        "CREATE INDEX bilingual_signatures_side_day ON bilingual_signatures(side, day)",
        # ... the inverted index of its language-neutral keys ...
        """CREATE TABLE bilingual_keys (
            key TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (key, article_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX bilingual_keys_article ON bilingual_keys(article_id)",
        # ... every pair with evidence, and the pairs kept as the same story in two languages.
        """CREATE TABLE translation_candidates (
            en_article TEXT NOT NULL REFERENCES articles(id),
            zh_article TEXT NOT NULL REFERENCES articles(id),
            score REAL NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY (en_article, zh_article)
        ) WITHOUT ROWID""",
        "CREATE INDEX translation_candidates_zh ON translation_candidates(zh_article)",
        # The articles to look at again (new, or their text, date, language or group changed):
        # filled by the triggers below, emptied by syndicate/translations.py; every article at first.
        "CREATE TABLE bilingual_dirty (article_id TEXT PRIMARY KEY) WITHOUT ROWID",
        "INSERT INTO bilingual_dirty (article_id) SELECT id FROM articles",
        """CREATE TRIGGER articles_bilingual_insert AFTER INSERT ON articles
           BEGIN INSERT OR IGNORE INTO bilingual_dirty (article_id) VALUES (NEW.id); END""",
        """CREATE TRIGGER articles_bilingual_update AFTER UPDATE ON articles WHEN OLD.content_hash IS NOT NEW.content_hash
              OR OLD.title IS NOT NEW.title OR OLD.published IS NOT NEW.published OR OLD.language IS NOT NEW.language
              OR OLD.duplicate_of IS NOT NEW.duplicate_of OR OLD.gone IS NOT NEW.gone
           BEGIN INSERT OR IGNORE INTO bilingual_dirty (article_id) VALUES (NEW.id); END""",
        """CREATE TABLE translations (
            en_article TEXT NOT NULL UNIQUE REFERENCES articles(id),
            zh_article TEXT NOT NULL UNIQUE REFERENCES articles(id),
            score REAL NOT NULL,
            evidence TEXT NOT NULL,
            linked TEXT NOT NULL,
            PRIMARY KEY (en_article, zh_article)
        )""",
        *(f"""CREATE TRIGGER translations_feed_{event.lower()} AFTER {event} ON translations
              BEGIN UPDATE store_meta SET value = lower(hex(randomblob(16))) WHERE key = 'feed_state'; END"""
          for event in ("INSERT", "DELETE")),  # a link's score and evidence are not shown in feeds
        "DROP VIEW stories",
        """CREATE VIEW stories AS
           SELECT a.rowid AS rowid, a.title, a.published, a.date_basis, a.source, a.language, a.origin,
                  a.outlet, a.author, a.category, a.tags,
                  (SELECT count(*) FROM articles c WHERE c.duplicate_of = a.id) AS copies,
                  p.language AS also_in, p.canonical_url AS also_in_url, p.title AS also_in_title,
                  a.canonical_url AS url, a.first_seen, a.updated, a.gone, a.body, a.story_id AS story
           FROM articles a
           LEFT JOIN translations te ON te.en_article = a.id
           LEFT JOIN translations tz ON tz.zh_article = a.id
           LEFT JOIN articles p ON p.id = COALESCE(te.zh_article, tz.en_article)
           WHERE a.duplicate_of IS NULL""",
    ]),
]

# The partner of a story in the other language, as (language, address), for feeds: a JSON array
# of such pairs (at most one today), or NULL. ``a`` is the story's row.
ALTERNATES = """(SELECT json_group_array(json_array(p.language, p.canonical_url)) FROM translations t
    JOIN articles p ON p.id = CASE WHEN t.en_article = a.id THEN t.zh_article ELSE t.en_article END
    WHERE t.en_article = a.id OR t.zh_article = a.id HAVING count(*) > 0)"""

GONE, MISSING = "gone", "missing"
FIRST_SEEN = "first-seen"  # date_basis of a story dated by when a later crawl first found it


# SQLite's application_id of our databases ("CSRS"), set by the first migration's open.
APPLICATION_ID = 0x43535253


class StoreRefused(Exception):
    """A database file this code must not use: not ours, newer than this code, or not writable.
    The message says why, without the path (callers name the file)."""


def _check_identity(conn: sqlite3.Connection) -> None:
    """Refuse, before writing a byte, a file that is not one of our stores or that a newer
    csr-syndicate wrote (``conn`` has only been opened). An empty file, or a store of ours, is
    fine (a store made before the application id existed is recognised by its migrations)."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        versions = dict(conn.execute("SELECT version, name FROM schema_migrations").fetchall()) \
            if "schema_migrations" in tables else {}
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreRefused(str(exc) if "not a database" in str(exc) else f"file is not a database ({exc})") from None
    ours = app_id == APPLICATION_ID or (app_id == 0 and versions.get(1) == MIGRATIONS[0][1])
    newest = max(versions, default=0)
    problem = None
    if not ours and (app_id or tables):
        found = ", ".join(sorted(tables)[:5]) or f"application id {app_id:#x}"
        problem = f"it is not a csr-syndicate database (it holds {found}); it was left untouched"
    elif newest > MIGRATIONS[-1][0]:
        problem = (f"it was written by a newer csr-syndicate (schema {newest}, this code knows "
                   f"{MIGRATIONS[-1][0]}); upgrade csr-syndicate to use it")
    if problem:
        conn.close()
        raise StoreRefused(problem)


def _instant(value: str | None) -> datetime:
    """An ISO timestamp as an aware instant (offsets differ between sites: compare in UTC)."""
    return datetime.fromisoformat(value) if value else datetime.max.replace(tzinfo=timezone.utc)


def _story_rank(row: dict) -> tuple:
    """Which copy's id an unpublished story takes: tagged original first, then the earliest
    date, then the id (never the time a copy was first seen, which depends on crawl order)."""
    return (row["origin"] != "original", _instant(row["published"]), row["id"])


def _rank(row: dict) -> tuple:
    """Sort key of the copy that is the original: tagged original first, then earliest published."""
    return (row["origin"] != "original", _instant(row["published"]), _instant(row["first_seen"]), row["id"])


@dataclass
class Store:
    """One connection to the store. ``with Store(path) as store:`` closes it.

    A writing open (the default) brings the schema up to date; ``readonly=True`` takes no
    lock and runs no migration (it migrates first only a store older than this code)."""

    path: str
    readonly: bool = False

    def __post_init__(self) -> None:
        if self.path != ":memory:" and Path(self.path).is_dir():
            raise StoreRefused("it is a directory, not a database file")
        if self.readonly and self.path != ":memory:":
            self.conn = sqlite3.connect(f"{Path(self.path).resolve().as_uri()}?mode=ro", uri=True,
                                        isolation_level=None, timeout=30)
            _check_identity(self.conn)
            if self.schema_version() >= MIGRATIONS[-1][0]:
                self.db = sqlite_utils.Database(self.conn)
                return
            self.conn.close()  # an older store: upgrade it once, then read
            self.readonly = False
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)  # opening writes nothing
        _check_identity(self.conn)  # before a single byte is written to a file not ours
        self.db = sqlite_utils.Database(self.conn)
        self._check_writable()
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")  # a committed batch survives power loss too
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    def _check_writable(self) -> None:
        """A store that cannot be written is said so now, not as a failed crawl later."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("CREATE TABLE _syndicate_write_probe (x)")
        except sqlite3.OperationalError as exc:
            self.conn.execute("ROLLBACK")
            self.conn.close()
            raise StoreRefused(f"cannot write to it ({exc})") from None
        self.conn.execute("ROLLBACK")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema --------------------------------------------------------------------
    def schema_version(self) -> int:
        if not self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").fetchone():
            return 0
        return self.conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]

    def migrate(self) -> None:
        with self.batch():
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # marks the file as ours
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
            current = self.schema_version()
            for version, name, statements in MIGRATIONS:
                if version <= current:
                    continue
                for sql in statements:
                    self.conn.execute(sql)
                self.conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
            self._rebuild_bands_if_scheme_changed()
            self._reindex_if_scheme_changed()

    def _rebuild_bands_if_scheme_changed(self) -> None:
        """Band keys and content hashes depend on the MinHash/LSH parameters and the tokenizer:
        when they change, recompute them all from the stored bodies (in the same transaction),
        or old and new stories never meet, and every stored article looks edited on its next crawl."""
        scheme = dedupe.scheme()
        row = self.conn.execute("SELECT value FROM store_meta WHERE key = 'lsh_scheme'").fetchone()
        if row and row[0] == scheme:
            return
        self.conn.execute("DELETE FROM lsh_bands")
        for id_, body, stored_hash in self.conn.execute("SELECT id, body, content_hash FROM articles").fetchall():
            self._add_bands(id_, dedupe.band_keys(dedupe.shingles(body)))
            content_hash = dedupe.content_hash(body)
            if content_hash != stored_hash:
                self.conn.execute("UPDATE articles SET content_hash = ? WHERE id = ?", [content_hash, id_])
        self.conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('lsh_scheme', ?)", [scheme])

    def _reindex_if_scheme_changed(self) -> None:
        """The full-text index is made by search.index_text: when its scheme changes (or the
        table is new), every article is indexed again, in the same transaction."""
        row = self.conn.execute("SELECT value FROM store_meta WHERE key = 'search_scheme'").fetchone()
        if row and row[0] == search.SCHEME:
            return
        self.conn.execute("DELETE FROM articles_fts")
        for rowid, title, body in self.conn.execute("SELECT rowid, title, body FROM articles").fetchall():
            self._index(rowid, title, body)
        self.conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('search_scheme', ?)",
                          [search.SCHEME])

    def _index(self, rowid: int, title: str, body: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO articles_fts (rowid, title, body, terms) VALUES (?, ?, ?, ?)",
                          [rowid, *search.index_fields(title, body)])

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Stories (canonical rows) matching ``query`` as a reader types it, best first."""
        match = search.fts_query(query)
        if not match:
            return []
        cursor = self.conn.execute(
            "SELECT s.* FROM articles_fts JOIN stories s ON s.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY articles_fts.rank LIMIT ?", [match, limit])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values)) for values in cursor]

    @contextmanager
    def batch(self):
        """One transaction: all of it is stored, or none of it."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    # -- writing ---------------------------------------------------------------------
    def get(self, id_: str) -> dict | None:
        rows = list(self.db.query("SELECT * FROM articles WHERE id = ?", [id_]))
        return rows[0] if rows else None

    def upsert(self, article: Article, now: str) -> str:
        """Store one article; returns new / updated / unchanged / duplicate. Call inside batch()."""
        row = to_row(article)
        old = self.get(row["id"])
        if row["published"] is None:  # the page shows no date, and the crawl found no evidence of one
            if old is not None and old["date_basis"] == FIRST_SEEN:
                row.update(published=old["published"], date_basis=FIRST_SEEN)
            elif old is None and self._crawled_before(row["source"]):
                row.update(published=now, date_basis=FIRST_SEEN)
        if old is not None:
            seen = {"last_seen": now, "etag": row["etag"], "last_modified": row["last_modified"], "url": row["url"],
                    "gone": None, "misses": 0}
            if all(old[c] == row[c] for c in CONTENT_COLUMNS):
                self.db["articles"].update(row["id"], seen)
                return UNCHANGED
            changes = {c: row[c] for c in CONTENT_COLUMNS} | seen
            changes.update(updated=now, revision=old["revision"] + 1)
            self.db["articles"].update(row["id"], changes)
            if old["title"] != row["title"] or old["body"] != row["body"]:
                rowid = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", [row["id"]]).fetchone()[0]
                self._index(rowid, row["title"], row["body"])
            if any(old[c] != row[c] for c in REGROUP_COLUMNS):  # who is the original may have changed
                self._unlink(row["id"])
                self._link(row["id"], article.body)
            return UPDATED
        row.update(first_seen=now, last_seen=now, updated=None, revision=1, duplicate_of=None, story_id=row["id"])
        self._index(self.db["articles"].insert(row).last_rowid, row["title"], row["body"])
        self.conn.execute("DELETE FROM skipped WHERE canonical_url = ?", [row["canonical_url"]])
        return DUPLICATE if self._link(row["id"], article.body) else NEW

    def _crawled_before(self, source: str) -> bool:
        """Whether a crawl of ``source`` has completed: then a story new to the store appeared on
        the site since, and when it was first seen dates it (``first-seen``). A story the first
        crawl finds may be years old: it stays undated."""
        row = self.conn.execute("SELECT complete FROM crawl_state WHERE source = ?", [source]).fetchone()
        return row is not None and row[0] is not None

    def _group(self, root_id: str) -> list[dict]:
        return list(self.db.query("SELECT * FROM articles WHERE id = ? OR duplicate_of = ?", [root_id, root_id]))

    def _unlink(self, id_: str) -> None:
        """Take a changed article out of its duplicate group (it is matched again afresh).

        The rest of the group keeps the story id it is published under, whichever member it
        came from; the article leaving keeps its own id as story id, or, when the group goes
        on under that id, gets one minted from its address and revision."""
        row = self.get(id_)
        root_id = row["duplicate_of"] or id_
        rest = [r for r in self._group(root_id) if r["id"] != id_]
        own = id_ if not rest or rest[0]["story_id"] != id_ else str(
            uuid.uuid5(ID_NAMESPACE, f"{row['canonical_url']}#revision-{row['revision']}"))
        self.conn.execute("DELETE FROM lsh_bands WHERE article_id = ?", [id_])
        self.conn.execute("UPDATE articles SET duplicate_of = NULL, story_id = ? WHERE id = ?", [own, id_])
        if not rest:
            return
        self._set_group([r["id"] for r in rest], min(rest, key=_rank)["id"], rest[0]["story_id"])

    def _set_group(self, ids: list[str], root_id: str, story: str) -> None:
        """Make ``root_id`` the original of ``ids`` (it points nowhere, the rest point at it),
        all published under ``story``."""
        marks = ",".join("?" * len(ids))
        self.conn.execute(f"UPDATE articles SET duplicate_of = CASE WHEN id = ? THEN NULL ELSE ? END, story_id = ?"
                          f" WHERE id IN ({marks})", [root_id, root_id, story, *ids])

    def _add_bands(self, id_: str, keys: list[str]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO lsh_bands (band, article_id) VALUES (?, ?)",
                              [(key, id_) for key in keys])

    def _link(self, id_: str, body: str) -> bool:
        """Attach an article to the group of its copy, if any; True when it is not the original.

        The group's story id is what feeds publish as the entry id. Once a feed has carried it,
        it never changes (an aggregator that saw the story under a reprint keeps the same entry
        when the original turns up later); before that, it is the id of the copy first by
        (tagged original, earliest date, id), so the order copies arrive in does not matter."""
        row = self.get(id_)
        mine, my_figures = dedupe.features(body)
        keys = dedupe.band_keys(mine)  # one MinHash per article: for the lookup and for its own bands
        matches = self._find_copies(row, mine, my_figures, keys)
        self._add_bands(id_, keys)
        if not matches:
            return False
        # The groups of every copy found are one story: the article bridges them (a reprint
        # found before its original, the original's exact copy found after). A group whose
        # story id a feed has carried is never absorbed into another.
        groups, roots = [], set()
        for match in matches:
            root_id = match["duplicate_of"] or match["id"]
            if root_id not in roots:
                roots.add(root_id)
                groups.append(self._group(root_id))
        group = groups[0] + [r for g in groups[1:] if not self._published(g[0]["story_id"]) for r in g]
        root = min((r for r in group if r["duplicate_of"] is None), key=_rank)
        winner = min([root, row], key=_rank)
        published = [s for s in (groups[0][0]["story_id"], row["story_id"]) if self._published(s)]
        # A story id a feed has carried never changes; until then it is the id of the copy
        # that is first by (tagged original, earliest date, id), whatever order copies came in.
        story = published[0] if published else min([*group, row], key=_story_rank)["id"]
        self._set_group([r["id"] for r in group] + [id_], winner["id"], story)
        return winner["id"] != id_

    def _published(self, story_id: str | None) -> bool:
        return bool(story_id) and self.conn.execute(
            "SELECT 1 FROM published_stories WHERE story_id = ?", [story_id]).fetchone() is not None

    def mark_published(self, story_ids, now: str) -> None:
        """Feeds now carry these story ids: from here on they never change. (Only the ids not
        yet recorded are written: a publish shows every story, and most are old.)"""
        known = {r[0] for r in self.conn.execute("SELECT story_id FROM published_stories")}
        fresh = [(s, now) for s in story_ids if s not in known]
        if fresh:
            with self.batch():
                self.conn.executemany("INSERT OR IGNORE INTO published_stories (story_id, first_published) "
                                      "VALUES (?, ?)", fresh)

    def _find_copies(self, row: dict, mine: set[str], my_figures: dict, keys: list[str]) -> list[dict]:
        """Exact copies (same content hash), then verified near-duplicates found via LSH, most
        similar first."""
        if len(mine) < dedupe.MIN_SHINGLES:
            return []  # "Read the full report on our website." is no evidence that two stories are one
        exact = list(self.db.query("SELECT * FROM articles WHERE content_hash = ? AND id != ? ORDER BY first_seen, id",
                                   [row["content_hash"], row["id"]]))
        if not keys:
            return exact
        known = {r["id"] for r in exact}
        candidates = [c for c in self.db.query(
            f"SELECT * FROM articles WHERE id IN (SELECT DISTINCT article_id FROM lsh_bands WHERE band IN "
            f"({','.join('?' * len(keys))})) AND id != ? AND (language = ? OR language IS NULL OR ? IS NULL)",
            [*keys, row["id"], row["language"], row["language"]]) if c["id"] not in known]
        near = []
        for cand in candidates:
            theirs, their_figures = dedupe.features(cand["body"])
            if dedupe.is_near_duplicate(mine, theirs, my_figures, their_figures):
                near.append((-max(dedupe.similarity(mine, theirs)), cand["id"], cand))
        return exact + [cand for *_, cand in sorted(near, key=lambda n: n[:2])]

    def seen(self, canonical_url: str, status: int, now: str) -> str | None:
        """Record a re-check that brought no new content: 304 (unchanged) or 404/410 (gone).

        A deleted article keeps its row (the record is never silently dropped); ``gone``
        says since when the site no longer serves it: at once for 410, after two
        consecutive checks for 404 (a page missing for one crawl is often back the next).
        ``misses`` counts the consecutive 404/410 answers; any later 200 or 304 clears both.
        Returns the outcome, or None for an address the store does not know.
        """
        id_ = article_id(canonical_url)
        if status in (404, 410):
            done = self.conn.execute(
                "UPDATE articles SET misses = misses + 1, last_seen = ?, gone = CASE WHEN gone IS NOT NULL THEN gone"
                " WHEN ? = 410 OR misses + 1 >= 2 THEN ? END WHERE id = ?", [now, status, now, id_])
            if not done.rowcount:
                return None
            return GONE if self.get(id_)["gone"] else MISSING
        done = self.conn.execute("UPDATE articles SET last_seen = ?, misses = 0, gone = NULL WHERE id = ?", [now, id_])
        return UNCHANGED if done.rowcount else None

    def crawl_started(self, source: str, now: str) -> None:
        """A crawl of ``source`` begins: until it completes, the next run crawls in full."""
        self.conn.execute("INSERT INTO crawl_state (source, started) VALUES (?, ?) "
                          "ON CONFLICT(source) DO UPDATE SET started = excluded.started", [source, now])

    def mark_complete(self, source: str, now: str, full: bool) -> None:
        """A crawl of ``source`` finished cleanly (a full one also records its sweep)."""
        self.conn.execute("INSERT INTO crawl_state (source, complete, full_sweep) VALUES (?, ?, ?) "
                          "ON CONFLICT(source) DO UPDATE SET complete = excluded.complete, "
                          "full_sweep = COALESCE(excluded.full_sweep, crawl_state.full_sweep)",
                          [source, now, now if full else None])

    def crawl_state(self, source: str) -> dict:
        """{'started', 'complete', 'full_sweep'} of the last crawls of ``source`` (None when never)."""
        row = self.conn.execute("SELECT started, complete, full_sweep FROM crawl_state WHERE source = ?",
                                [source]).fetchone()
        return dict(zip(("started", "complete", "full_sweep"), row or (None, None, None)))

    def known(self, source: str) -> dict[str, dict]:
        """What an incremental crawl needs of each stored article and skipped page of ``source``."""
        rows = self.conn.execute(
            "SELECT canonical_url, last_seen, etag, last_modified, gone, NULL FROM articles WHERE source = ? "
            "UNION ALL SELECT canonical_url, last_seen, NULL, NULL, NULL, reason FROM skipped WHERE source = ?",
            [source, source])
        return {r[0]: {"last_seen": r[1], "etag": r[2], "last_modified": r[3], "gone": r[4], "skipped": r[5]}
                for r in rows}

    def remember_page(self, url: str, source: str, etag: str | None, last_modified: str | None, now: str) -> None:
        """Keep a list page's (or feed's, or sitemap's) validators for the next conditional request."""
        self.conn.execute("INSERT OR REPLACE INTO pages (url, source, etag, last_modified, checked) "
                          "VALUES (?, ?, ?, ?, ?)", [url, source, etag, last_modified, now])

    def page_validators(self, source: str) -> dict[str, tuple[str | None, str | None]]:
        rows = self.conn.execute("SELECT url, etag, last_modified FROM pages WHERE source = ?", [source])
        return {url: (etag, modified) for url, etag, modified in rows}

    def record_skip(self, canonical_url: str, source: str, reason: str, now: str) -> None:
        """Remember a page that yielded no article, so incremental runs do not fetch it every time."""
        self.conn.execute(
            "INSERT INTO skipped (canonical_url, source, reason, first_seen, last_seen) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(canonical_url) DO UPDATE SET reason = excluded.reason, last_seen = excluded.last_seen",
            [canonical_url, source, reason, now, now])

    def robots_get(self, origin: str) -> tuple[str, int, bytes] | None:
        """A cached robots.txt: (fetched, status, body)."""
        row = self.conn.execute("SELECT fetched, status, body FROM robots WHERE origin = ?", [origin]).fetchone()
        return (row[0], row[1], bytes(row[2])) if row else None

    def robots_put(self, origin: str, fetched: str, status: int, body: bytes) -> None:
        with self.batch():
            self.conn.execute("INSERT OR REPLACE INTO robots (origin, fetched, status, body) VALUES (?, ?, ?, ?)",
                              [origin, fetched, status, body])

    def record_health(self, row: dict) -> None:
        """Keep one crawl's extraction health (see syndicate/health.py)."""
        self.db["crawl_health"].insert(row)

    # -- reading ---------------------------------------------------------------------
    def health_history(self, source: str, limit: int = 10) -> list[dict]:
        """The last ``limit`` crawls' health rows of ``source``, newest first."""
        return list(self.db.query("SELECT * FROM crawl_health WHERE source = ? ORDER BY crawled DESC, id DESC LIMIT ?",
                                  [source, limit]))

    def last_crawls(self) -> list[dict]:
        """The last crawl of every source that has one: when, how long, how many requests, what it found."""
        return list(self.db.query(
            "SELECT source, crawled, full, duration, requests, articles, skipped FROM crawl_health h "
            "WHERE id = (SELECT id FROM crawl_health WHERE source = h.source ORDER BY crawled DESC, id DESC LIMIT 1) "
            "ORDER BY source"))

    def health_sources(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT source FROM crawl_health ORDER BY source")]

    def first_seen_at(self, source: str, now: str) -> dict[str, int]:
        """Of the articles ``source`` first stored at crawl time ``now``: how many are the
        canonical copy (new) and how many duplicate another, as the store stands now (a
        copy stored before its original was counted new when stored)."""
        new, duplicate = self.conn.execute(
            "SELECT COALESCE(SUM(duplicate_of IS NULL), 0), COALESCE(SUM(duplicate_of IS NOT NULL), 0) "
            "FROM articles WHERE source = ? AND first_seen = ?", [source, now]).fetchone()
        return {"new": new, "duplicate": duplicate}


    # -- the same story in two languages (syndicate/translations.py)
    def bilingual_queue(self, scheme: str, limit: int) -> tuple[list[str], list[dict], list[str]]:
        """Take up to ``limit`` articles from the queue of changed articles (``bilingual_dirty``,
        filled by triggers on insert and on a change of text, title, date, language, duplicate
        group or gone): (the ids taken, the stories among them whose signature is missing or was
        made from other text, title, date, language or scheme, the ids whose signature must go: no
        longer an English or Chinese story, or gone from its site: a link never leads to a page
        that is no longer there). A new ``scheme`` puts every article in the queue first. Call
        :meth:`bilingual_done` with the ids once they are handled, in the same transaction."""
        row = self.conn.execute("SELECT value FROM store_meta WHERE key = 'bilingual_scheme'").fetchone()
        if not row or row[0] != scheme:
            self.conn.execute("INSERT OR IGNORE INTO bilingual_dirty (article_id) SELECT id FROM articles")
            self.conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('bilingual_scheme', ?)", [scheme])
        taken = [r[0] for r in self.conn.execute("SELECT article_id FROM bilingual_dirty ORDER BY article_id LIMIT ?",
                                                 [limit])]
        if not taken:
            return [], [], []
        marks = ",".join("?" * len(taken))
        basis = "a.content_hash || '|' || a.title || '|' || COALESCE(a.published, '') || '|' || a.language || '|' || ?"
        linked = "((lower(a.language) = 'en' OR a.language LIKE 'en-%' OR a.language LIKE 'zh%') AND a.gone IS NULL)"
        todo = list(self.db.query(
            f"SELECT a.id, a.title, a.body, a.language, a.published, {basis} AS basis FROM articles a "
            f"LEFT JOIN bilingual_signatures s ON s.article_id = a.id WHERE a.id IN ({marks}) "
            f"AND +a.duplicate_of IS NULL AND {linked} AND s.basis IS NOT {basis} ORDER BY a.id",  # + : by id
            [scheme, *taken, scheme]))
        forget = [r[0] for r in self.conn.execute(
            f"SELECT s.article_id FROM bilingual_signatures s LEFT JOIN articles a ON a.id = s.article_id "
            f"WHERE s.article_id IN ({marks}) AND (a.id IS NULL OR a.duplicate_of IS NOT NULL OR NOT {linked}) "
            f"ORDER BY s.article_id", taken)]
        return taken, todo, forget

    def bilingual_done(self, ids: list[str]) -> None:
        """The queued ``ids`` are handled: out of the queue, and the links are to be chosen again."""
        self.conn.executemany("DELETE FROM bilingual_dirty WHERE article_id = ?", [(i,) for i in ids])
        if ids:
            self.conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('bilingual_choose', '1')")

    def bilingual_to_choose(self) -> bool:
        """Whether candidates changed since the links were last chosen (kept in the store, so a
        crash between the two steps is caught up on by the next relink)."""
        row = self.conn.execute("SELECT value FROM store_meta WHERE key = 'bilingual_choose'").fetchone()
        return row is None or row[0] == "1"

    def bilingual_chosen(self) -> None:
        self.conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('bilingual_choose', '0')")

    def bilingual_forget(self, article_id: str) -> None:
        """Drop an article's signature, its keys and every candidate pair it is in."""
        for table, column in (("bilingual_signatures", "article_id"), ("bilingual_keys", "article_id"),
                              ("translation_candidates", "en_article"), ("translation_candidates", "zh_article")):
            self.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", [article_id])

    def bilingual_put(self, article_id: str, side: str, day: int | None, basis: str, signature: str,
                      keys: list[str]) -> None:
        """Keep an article's (new) signature and keys; its old candidate pairs go."""
        self.bilingual_forget(article_id)
        self.conn.execute("INSERT INTO bilingual_signatures (article_id, side, day, basis, signature) "
                          "VALUES (?, ?, ?, ?, ?)", [article_id, side, day, basis, signature])
        self.conn.executemany("INSERT OR IGNORE INTO bilingual_keys (key, article_id) VALUES (?, ?)",
                              [(key, article_id) for key in keys])

    def bilingual_candidates(self, keys: list[str], side: str, day: int, window: int) -> list[tuple[str, str]]:
        """(article id, signature) of the ``side`` stories published within ``window`` days of
        ``day`` that share a key with ``keys``: the stories of the window first (the index on
        side and day), then their keys (the inverted index's primary key)."""
        if not keys:
            return []
        found = []
        for start in range(0, len(keys), 400):
            chunk = keys[start:start + 400]
            found += self.conn.execute(
                f"SELECT s.article_id, s.signature FROM bilingual_signatures s WHERE s.side = ? "
                f"AND s.day BETWEEN ? AND ? AND EXISTS (SELECT 1 FROM bilingual_keys k WHERE k.article_id = "
                f"s.article_id AND k.key IN ({','.join('?' * len(chunk))}))",
                [side, day - window, day + window, *chunk]).fetchall()
        return sorted(set(found))

    def put_candidates(self, rows: list[tuple[str, str, float, str]]) -> None:
        """Keep candidate pairs (English article, Chinese article, score, evidence JSON)."""
        self.conn.executemany("INSERT OR REPLACE INTO translation_candidates (en_article, zh_article, score, evidence) "
                              "VALUES (?, ?, ?, ?)", rows)

    def candidates(self) -> list[tuple[str, str, float, str]]:
        return self.conn.execute("SELECT en_article, zh_article, score, evidence FROM translation_candidates "
                                 "ORDER BY en_article, zh_article").fetchall()

    def translations(self) -> list[dict]:
        """Every link: both stories' ids, titles, languages and addresses, its score and evidence."""
        return list(self.db.query(
            "SELECT t.en_article, t.zh_article, t.score, t.evidence, t.linked, e.title AS en_title, "
            "e.canonical_url AS en_url, e.source AS en_source, z.title AS zh_title, z.canonical_url AS zh_url, "
            "z.source AS zh_source FROM translations t JOIN articles e ON e.id = t.en_article "
            "JOIN articles z ON z.id = t.zh_article ORDER BY t.score DESC, t.en_article"))

    def set_translations(self, links: list[tuple[str, str, float, str]], now: str) -> tuple[int, int]:
        """Make the translations table hold exactly ``links`` (en, zh, score, evidence); a link
        that stays keeps its row (and its ``linked`` time). Returns (added, removed)."""
        current = {(r[0], r[1]): (r[2], r[3]) for r in self.conn.execute(
            "SELECT en_article, zh_article, score, evidence FROM translations")}
        wanted = {(en, zh): (score, evidence) for en, zh, score, evidence in links}
        removed = [pair for pair in current if pair not in wanted]
        self.conn.executemany("DELETE FROM translations WHERE en_article = ? AND zh_article = ?", removed)
        added = 0
        for pair, (score, evidence) in sorted(wanted.items()):
            if pair not in current:
                self.conn.execute("INSERT INTO translations (en_article, zh_article, score, evidence, linked) "
                                  "VALUES (?, ?, ?, ?, ?)", [*pair, score, evidence, now])
                added += 1
            elif current[pair] != (score, evidence):
                self.conn.execute("UPDATE translations SET score = ?, evidence = ? WHERE en_article = ? AND zh_article = ?",
                                  [score, evidence, *pair])
        return added, len(removed)

    def stats(self) -> dict[str, list[tuple]]:
        """Counts by source, language, origin, and duplicates."""
        q = self.conn.execute
        return {
            "source": q("SELECT source, COUNT(*) FROM articles GROUP BY source ORDER BY source").fetchall(),
            "language": q("SELECT COALESCE(language, '?'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 1").fetchall(),
            "origin": q("SELECT origin, COUNT(*) FROM articles GROUP BY origin ORDER BY origin").fetchall(),
            "duplicates": q("SELECT CASE WHEN duplicate_of IS NULL THEN 'canonical' ELSE 'duplicate' END, COUNT(*) "
                            "FROM articles GROUP BY 1 ORDER BY 1").fetchall(),
        }

    def all_articles(self) -> list[dict]:
        return list(self.db.query("SELECT * FROM articles ORDER BY canonical_url"))

    # -- feeds: read queries
    @contextmanager
    def snapshot(self):
        """One read transaction: every query inside sees the store as it was when it began
        (a crawl writing meanwhile is not seen half-way)."""
        self.conn.execute("BEGIN")
        try:
            yield self
        finally:
            self.conn.execute("COMMIT")  # it only read: nothing to keep or undo

    def feed_state(self) -> str | None:
        """A random token the store draws anew at every change feeds show (not ``last_seen``,
        validators, misses): the same token means the feeds of this very store are as they
        were. (A counter would not do: a store restored from a backup and crawled again can
        count back to the number it had.)"""
        row = self.conn.execute("SELECT value FROM store_meta WHERE key = 'feed_state'").fetchone()
        return row[0] if row and row[0] else None  # None: unknown, so never taken for "unchanged"

    def listing_rows(self, columns: tuple[str, ...]):
        """Every stored row with only ``columns`` (the feeds plan without bodies), streamed;
        ``alternates`` is the story's partner in the other language (see ALTERNATES)."""
        unknown = set(columns) - set(self.db["articles"].columns_dict) - {"alternates"}
        if unknown:
            raise ValueError(f"not columns of articles: {sorted(unknown)}")
        select = ", ".join(ALTERNATES if c == "alternates" else f"a.{c}" for c in columns)
        for values in self.conn.execute(f"SELECT {select} FROM articles a"):
            yield dict(zip(columns, values))

    def rows_by_id(self, ids: list[str]) -> list[dict]:
        """The full rows of ``ids``, with their ``alternates`` (any order; ids not stored are left out)."""
        rows = []
        for start in range(0, len(ids), 500):  # SQLite caps the parameters of one statement
            chunk = ids[start:start + 500]
            cursor = self.conn.execute(f"SELECT a.*, {ALTERNATES} AS alternates FROM articles a "
                                       f"WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)
            names = [d[0] for d in cursor.description]
            rows += [dict(zip(names, values)) for values in cursor]
        return rows
