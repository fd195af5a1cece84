"""The Datasette plugin ``syndicate browse`` loads (``--plugins-dir``): searches typed in
Datasette (``?_search=``) are cut into words as the store's full-text index is
(search.fts_query), so a two-character Chinese word is found as an English word is."""

from datasette import hookimpl

from syndicate.search import fts_query


@hookimpl(trylast=True)  # after Datasette's own escape_fts, which this one replaces
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, fts_query)
