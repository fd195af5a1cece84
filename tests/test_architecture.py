"""The shape of the code: every module sits on a floor, imports only from its floor or below
(function-level imports included), and no module-level imports make a cycle.

    .venv/bin/python -m pytest tests/test_architecture.py

Floors, bottom up (README, "Architecture"):
  0 ground: pure functions and data (text, dates, fields, provenance, registry, policies)
  1 the store (all SQL)
  2 crawl components (spider base, pipelines, extensions, hardening) and offline extraction
  3 spiders/<site>.py (site knowledge)
  4 what runs things: the crawl runner, publishing, the feed server, the mirror, `run`
  5 the command line
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOORS = {
    0: ["syndicate", "spiders", "syndicate.addresses", "syndicate.errors", "syndicate.urls", "syndicate.dates", "syndicate.dedupe", "syndicate.language",
        "syndicate.lock", "syndicate.items", "syndicate.sources", "syndicate.provenance", "syndicate.extract",
        "syndicate.fields", "syndicate.health", "syndicate.report", "syndicate.incremental", "syndicate.config",
        "syndicate.settings", "syndicate.hardening", "syndicate.topics", "syndicate.search", "syndicate.bilingual"],
    1: ["syndicate.store"],
    2: ["syndicate.translations", "syndicate.extensions", "syndicate.progress", "syndicate.distributed", "syndicate.pipelines", "syndicate.spider", "syndicate.offline",
        "syndicate.hardening.refusals", "syndicate.hardening.address", "syndicate.hardening.robots",
        "syndicate.hardening.limits", "syndicate.hardening.polite"],
    3: ["spiders.*"],
    4: ["syndicate.crawl", "syndicate.publish", "syndicate.publish.*", "syndicate.server", "syndicate.mirror",
        "syndicate.runner", "syndicate.browse", "syndicate.datasette.plugin", "syndicate.ingest"],
    5: ["syndicate.cli"],
}


def modules() -> dict[str, Path]:
    found = {}
    for package in ("syndicate", "spiders"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[:2] == ("syndicate", "data"):
                continue  # data, not a module: the mirror's generator is a script beside the pages it writes
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def floor_of(name: str) -> int:
    for floor, names in FLOORS.items():
        for pattern in names:
            if name == pattern or pattern.endswith(".*") and name.startswith(pattern[:-1]):
                return floor
    raise AssertionError(f"{name} is on no floor: add it to FLOORS (and to README's Architecture)")


def imports(name: str, path: Path, known: set[str]) -> list[tuple[str, bool]]:
    """(imported project module, at module level?) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.append((target, id(node) in top_level))
    return found


def test_no_module_imports_from_a_floor_above_it():
    mods = modules()
    wrong = []
    for name, path in mods.items():
        for target, _ in imports(name, path, set(mods)):
            if floor_of(target) > floor_of(name):
                wrong.append(f"{name} (floor {floor_of(name)}) imports {target} (floor {floor_of(target)})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle():
    mods = modules()
    graph = {name: {t for t, top in imports(name, path, set(mods)) if top} for name, path in mods.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(nxt):] + [node, nxt]))
            if nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_the_settings_import_no_component():
    """Loading the Scrapy settings must not import Scrapy, the store or any crawl component."""
    import subprocess
    import sys

    code = ("import sys, syndicate.settings; "
            "print(sorted(m for m in sys.modules if m.startswith(('scrapy', 'syndicate.', 'datasketch', 'sqlite_utils'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert eval(out) == ["syndicate.hardening", "syndicate.settings"]


def test_no_undefined_name_and_no_unused_import():
    """pyflakes over the code, the tests, the benches and the mirror generator (in
    syndicate/data/mirror): a name used but never defined is a crash waiting for its branch; an
    unused import is a stale dependency."""
    import subprocess
    import sys

    paths = [str(ROOT / p) for p in ("syndicate", "spiders", "tests", "bench")]
    found = subprocess.run([sys.executable, "-m", "pyflakes", *paths], capture_output=True, text=True)
    assert found.returncode == 0, found.stdout + found.stderr
