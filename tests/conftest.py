"""Shared fixtures: small content trees written into temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from tests.support import served

MINIMAL_TREE: dict[str, str] = {
    "mkdocs.yml": "site_name: Circle\nplugins:\n  - polyvox\n",
    "content/contributors/amara.md": "---\nname: Amara Okafor\npronouns: she/her\n---\nHost.\n",
    "content/contributors/tomas.md": "---\nname: Tomás Rivera\naliases: [tomas-r]\n---\nAsks.\n",
    "content/contributors/anon.md": "---\nname: A member\nanonymous: true\n---\n",
    "content/issues/2026-09/index.md": (
        "---\ntitle: Rendez-vous\nnumber: 1\ndate: 2026-09-01\neditors: [amara]\n---\n"
        "Welcome to the first issue.\n"
    ),
    "content/issues/2026-09/hosting.md": (
        "---\ntitle: Rotating hosts\nauthors: [amara, tomas]\nkind: article\n"
        "tags: [facilitation]\n---\nWe rotate hosts every month.\n"
    ),
    "content/issues/2026-09/reply.md": (
        "---\ntitle: Rotation is not enough\nauthors: [tomas-r]\nkind: counterpoint\n"
        "responds_to: 2026-09/hosting\n---\nIt also takes invitations.\n"
    ),
    "content/ama/2026-09-10-voices/index.md": (
        "---\ntitle: Plural voices\ndate: 2026-09-10\nguests: [amara]\nhosts: [tomas]\n"
        "issue: 2026-09\n---\nAsk Amara anything.\n"
    ),
    "content/ama/2026-09-10-voices/questions/first.md": (
        "---\nasked_by: anon\n---\nHow do you start?\n\n<!-- answer: amara -->\nSmall.\n"
    ),
    "content/ama/2026-09-10-voices/questions/second.md": (
        "---\nasked_by: tomas\ndate: 2026-09-09\n---\nWhy monthly?\n\n<!-- answer: amara -->\nRhythm.\n"
    ),
    "content/pages/about.md": "# About\n\nA small circle.\n",
}


def write_tree(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write MINIMAL_TREE (a project: mkdocs.yml and content/) with `files` laid over it (None
    deletes) under root."""
    merged = {**MINIMAL_TREE, **files}
    for rel, text in merged.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def content_tree(tmp_path: Path):
    """A function that writes a content tree (minimal plus overrides) and returns its root."""
    return lambda files=None: write_tree(tmp_path, files or {})


@pytest.fixture
def run_check():
    """A function that runs `polyvox check` on a folder and returns (exit code, output lines)."""

    def run(root: Path, *args: str) -> tuple[int, list[str]]:
        result = CliRunner().invoke(main, ["check", str(root), *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result.exit_code, result.output.splitlines()

    return run


REPO = Path(__file__).resolve().parent.parent
BUILD_DAY = "2026-11-22"


def copy_settings(target: Path) -> Path:
    """Copy the example project's mkdocs.yml and theme/ into target."""
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "theme", target / "theme", dirs_exist_ok=True)
    return target


def copy_project(target: Path) -> Path:
    """Copy the example project (mkdocs.yml, theme/, content/) into target."""
    shutil.copytree(REPO / "content", target / "content")
    return copy_settings(target)


def build_project(project: Path, *args: str) -> tuple[int, str]:
    """Run `polyvox build` on a project folder in-process; return exit code and output."""
    result = CliRunner().invoke(
        main, ["build", "-f", str(project / "mkdocs.yml"), "--today", BUILD_DAY, *args]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The bundled example community, built once for the whole test session."""
    project = copy_project(tmp_path_factory.mktemp("example"))
    code, output = build_project(project)
    assert code == 0, output
    return project / "site"


def site_in(project: Path, language: str, *, strict: bool = False) -> tuple[int, str]:
    """Build the project with theme.language set to language; return exit code and output."""
    config = project / "mkdocs.yml"
    text = config.read_text().replace("language: en", f"language: {language}")
    config.write_text(("strict: true\n" if strict else "") + text)
    return build_project(project)


@pytest.fixture(scope="session")
def french_site(tmp_path_factory) -> Path:
    """The example community built in French, once for the whole test session."""
    project = copy_project(tmp_path_factory.mktemp("fr"))
    code, output = site_in(project, "fr")
    assert code == 0, output
    return project / "site"


@pytest.fixture(scope="module")
def site_url(example_site: Path):
    """The built example site served on a loopback port."""
    with served(example_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """One headless chromium for a module (Debian's; never a downloaded browser)."""
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory) -> Path:
    """MINIMAL_TREE with the example's mkdocs.yml and theme, built once for the whole session:
    small enough that every credit it must show is written out by hand in the tests."""
    project = copy_settings(write_tree(tmp_path_factory.mktemp("minimal"), {}))
    code, output = build_project(project)
    assert code == 0, output
    return project / "site"
