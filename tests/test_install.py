"""Install anywhere: the built wheel carries everything the command line reads at run time (the
registry, the topic feeds, the offline mirror), and an installed copy works from a directory
that is not the checkout.

The wheel is built from a copy of what the build reads (a checkout's stale build/ or
*.egg-info would leak into an in-place build, and the build would write into the checkout while
other tests run). It is installed with --no-deps into a clean virtualenv outside the checkout
that sees the project venv's installed dependencies through a .pth line (a line of a .pth file
only adds a directory: the .pth files in it, among them the editable install's finder, are not
run), so the test needs no package index beyond what building the wheel needs.
"""

import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_INPUTS = ("pyproject.toml", "README.md", "syndicate", "spiders")


def run(cmd, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheelhouse")
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, src])
    if built.returncode != 0:
        log = built.stdout + built.stderr
        if "build dependencies" in log:  # setuptools could not be had: the machine, not the project
            pytest.skip("the wheel could not be built: its build dependencies (setuptools) could not be "
                        f"installed: {log[-600:]}")
        pytest.fail(f"pip wheel failed:\n{log}")
    [path] = out.glob("csr_syndicate-*.whl")
    return path


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A clean virtualenv with the wheel installed, seeing the project's dependencies only."""
    home = tmp_path_factory.mktemp("venv")
    assert run([sys.executable, "-m", "venv", "--without-pip", home]).returncode == 0
    python = home / "bin" / "python"
    installed = run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index",
                     wheel])
    assert installed.returncode == 0, installed.stdout + installed.stderr
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    (Path(purelib) / "project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return home


def elsewhere(tmp_path: Path) -> dict:
    """Run from a directory that is not the checkout, with no variable that points into it
    (no PYTHONPATH, SYNDICATE_REGISTRY or SYNDICATE_TOPICS)."""
    return {"cwd": tmp_path, "env": {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LC_ALL": "C.UTF-8"}}


def test_the_wheel_ships_what_the_command_line_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    mirror = ROOT / "syndicate" / "data" / "mirror"
    pages = {p.relative_to(ROOT).as_posix() for host in mirror.iterdir() if host.is_dir() and "." in host.name
             for p in host.rglob("*") if p.is_file()}
    assert "syndicate/data/mirror/www.3blmedia.com/news__page=1.html" in pages
    shipped = {"syndicate/data/sources.toml", "syndicate/data/feeds.toml", "syndicate/data/mirror/headers.json",
               "syndicate/datasette/metadata.json", "syndicate/datasette/plugin.py", *pages}  # and `browse`'s
    assert shipped <= names, sorted(shipped - names)[:10]
    # The answer key and the generator are test and build material: they stay in the checkout.
    assert not [n for n in names if n.endswith("truth.json") or "mirrorgen" in n or "/content/" in n
                or n.endswith("mirror/build.py")]


def test_an_installed_copy_lists_the_sources_and_crawls_the_mirror_anywhere(venv, tmp_path):
    where = elsewhere(tmp_path)
    python, exe = venv / "bin" / "python", venv / "bin" / "syndicate"

    found = run([python, "-c", "import syndicate, spiders; print(syndicate.__file__); print(spiders.__file__)"], **where)
    assert found.returncode == 0, found.stderr
    for path in found.stdout.split():
        assert Path(path).resolve().is_relative_to(venv.resolve()), path  # the wheel's copy, not /work/main's

    listed = run([exe, "sources"], **where)
    assert listed.returncode == 0, listed.stdout + listed.stderr
    keys = tomllib.loads((ROOT / "syndicate" / "data" / "sources.toml").read_text("utf-8"))["sources"]
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == sorted(keys)
    assert len(keys) == 7

    result = run([exe, "run", "--mirror", "--db", tmp_path / "s.db", "--out", tmp_path / "feeds"], **where)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "run: 7 sources, 0 failed" in result.stdout, output
    assert "WARNING" not in output and "Traceback" not in output, output  # a clean run is quiet
    assert (tmp_path / "feeds" / "all.atom").stat().st_size > 0
    assert (tmp_path / "feeds" / "index.html").exists()
