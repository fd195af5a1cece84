import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests import their own helpers (regen_fixtures)


import shutil  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def _mirror_crawl(tmp_path_factory):
    """One real crawl of every source of the mirror per test process (several tests only read
    what it stored): (the crawl's result, the pristine database). Use ``mirror_db``."""
    from crawltools import crawl
    from syndicate.mirror import serve_mirror
    from syndicate.sources import registry

    root = tmp_path_factory.mktemp("mirror-crawl")
    with serve_mirror() as mirror:
        base_urls = {key: mirror.base_urls[s.host] for key, s in registry().sources.items()
                     if s.host in mirror.base_urls}
        result = crawl(sorted(base_urls), root / "s.db", base_urls)
    return result, root / "s.db"


@pytest.fixture(scope="module")
def mirror_db(_mirror_crawl, tmp_path_factory):
    """(the crawl's result, a copy of the crawled mirror's database of the module's own)."""
    result, pristine = _mirror_crawl
    copy = tmp_path_factory.mktemp("mirror-db") / "s.db"
    shutil.copy(pristine, copy)
    return result, copy
