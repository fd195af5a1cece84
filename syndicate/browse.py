"""``syndicate browse``: the store in Datasette, with the project's metadata (titles,
descriptions, facets, default sorts, internal tables hidden) and its search plugin (Chinese
words found as English ones are), the body truncated in tables."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "datasette"
METADATA = HERE / "metadata.json"
TRUNCATE = 160  # characters of a cell shown in a table (a body would make each row a screen tall)


class BrowseUnavailable(Exception):
    """Datasette is not installed (it is an optional extra)."""


def metadata_for(db: Path) -> dict:
    """The shipped metadata, keyed by the name Datasette gives ``db`` (its file name's stem)."""
    data = json.loads(METADATA.read_text("utf-8"))
    data["databases"] = {db.stem: data["databases"]["syndicate"]}
    return data


def command(db: Path, metadata: Path, host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(metadata),
            "--plugins-dir", str(HERE), "--setting", "truncate_cells_html", str(TRUNCATE),
            "--setting", "default_facet_size", "15", "--host", host, "--port", str(port)]


def browse(db: Path, host: str, port: int) -> int:
    """Run Datasette on ``db`` until interrupted; returns its exit status."""
    if importlib.util.find_spec("datasette") is None:
        raise BrowseUnavailable("Datasette is not installed: pip install 'csr-syndicate[browse]'")
    with tempfile.TemporaryDirectory(prefix="syndicate-browse-") as tmp:
        metadata = Path(tmp) / "metadata.json"
        metadata.write_text(json.dumps(metadata_for(db), ensure_ascii=False, indent=1), "utf-8")
        try:
            return subprocess.run(command(db, metadata, host, port)).returncode
        except KeyboardInterrupt:
            return 0
