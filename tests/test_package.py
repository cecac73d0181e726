"""The package as a community gets it: built with `python -m build`, installed in a virtual
environment of its own, and run where this repository cannot be seen.

The wheel is built once per session (from the sdist, as `build` does) and installed once; each
test then runs the installed `polyvox` with its working folder outside the repository and no
PYTHONPATH, so a file missing from the package fails here, not on a community's machine.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import lxml.html
import pytest
import yaml

from tests.conftest import REPO


def repository_files(folder: str) -> dict[str, bytes]:
    """Every file under one of this repository's folders, by its path from the repository."""
    root = REPO / folder
    return {
        path.relative_to(REPO).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> dict[str, Path]:
    """The sdist and the wheel of this repository, built by the standard frontend."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (wheel,) = out.glob("polyvox-*.whl")
    (sdist,) = out.glob("polyvox-*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


@pytest.fixture(scope="session")
def wheel_files(dist) -> dict[str, bytes]:
    """Every file in the wheel, by its path in the wheel."""
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        return {name: wheel.read(name) for name in wheel.namelist() if not name.endswith("/")}


@pytest.fixture(scope="session")
def installed(dist, tmp_path_factory) -> dict[str, str]:
    """A new virtual environment with the wheel installed; the environment to run it with."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    for args in (["-r", str(REPO / "requirements.lock")], ["--no-deps", str(dist["wheel"])]):
        result = subprocess.run([*pip, *args], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-3000:]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def polyvox(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the installed polyvox command in cwd."""
    return subprocess.run(
        ["polyvox", *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True
    )


def in_wheel(rel: str) -> str:
    """Where a file of this repository's generator/ folder lands in the wheel: under polyvox/."""
    return "polyvox/" + rel.removeprefix("generator/")


def version_of(dist) -> str:
    """The version the wheel was built as."""
    return dist["wheel"].name.split("-")[1]


def test_the_wheel_carries_templates_catalogs_skeleton_and_the_example(wheel_files):
    """Every data file the package reads at run time is in the wheel, and the example community
    in it is byte for byte the one at the top of this repository."""
    for folder in ("generator/templates", "generator/i18n", "generator/commands/skeleton"):
        shipped = repository_files(folder)
        assert shipped, folder
        missing = {in_wheel(rel) for rel in shipped if in_wheel(rel) not in wheel_files}
        assert not missing, f"not in the wheel: {sorted(missing)}"
    example = {
        rel.removeprefix("polyvox/example/"): data
        for rel, data in wheel_files.items()
        if rel.startswith("polyvox/example/")
    }
    expected = {**repository_files("content"), **repository_files("theme")}
    expected["mkdocs.yml"] = (REPO / "mkdocs.yml").read_bytes()
    assert example == expected
    modules = {in_wheel(p.relative_to(REPO).as_posix()) for p in (REPO / "generator").rglob("*.py")}
    assert modules <= set(wheel_files)
    assert not [name for name in wheel_files if name.startswith("generator/")]
    assert not [name for name in wheel_files if name.endswith(".pyc")]


def test_the_wheel_metadata_is_complete(dist, wheel_files):
    """Readme, license file, classifiers, project URLs and both entry points."""
    info = f"polyvox-{version_of(dist)}.dist-info"
    metadata = email.message_from_bytes(wheel_files[f"{info}/METADATA"])
    assert metadata["Name"] == "polyvox"
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    assert wheel_files[f"{info}/licenses/LICENSE"] == (REPO / "LICENSE").read_bytes()
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert metadata.get_payload().startswith("# Polyvox\n")
    assert metadata["Requires-Python"] == ">=3.11"
    classifiers = metadata.get_all("Classifier")
    assert "Framework :: MkDocs" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers
    urls = dict(line.split(", ", 1) for line in metadata.get_all("Project-URL"))
    assert set(urls) == {"Homepage", "Documentation", "Source", "Issues"}
    entry_points = wheel_files[f"{info}/entry_points.txt"].decode()
    assert "polyvox = polyvox.commands.cli:main" in entry_points
    assert "[mkdocs.plugins]\npolyvox = polyvox.engines.mkdocs_plugin:PolyvoxPlugin" in (
        entry_points
    )


def test_the_sdist_holds_what_the_wheel_is_built_from(dist):
    """The sdist has the example community, the skeleton and the license, and no test suite."""
    with tarfile.open(dist["sdist"]) as sdist:
        top = f"polyvox-{version_of(dist)}/"
        names = {name.removeprefix(top) for name in sdist.getnames()}
    expected = {
        "LICENSE",
        "README.md",
        "pyproject.toml",
        "setup.py",
        "mkdocs.yml",
        *repository_files("content"),
        *repository_files("theme"),
        *repository_files("generator/commands/skeleton"),
    }
    assert expected <= names
    assert not any(name.startswith("tests/") for name in names)


def installed_python(env: dict[str, str], cwd: Path, code: str) -> subprocess.CompletedProcess:
    """Run Python code with the installed environment's interpreter in cwd."""
    return subprocess.run(["python", "-c", code], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_installed_package_runs_without_this_repository(dist, installed, tmp_path):
    """`import polyvox` is the installed package, not this repository's files, and nothing named
    `generator` is installed beside it (a PyPI package already has that name)."""
    result = installed_python(installed, tmp_path, "import polyvox; print(polyvox.__file__)")
    assert result.returncode == 0, result.stderr
    assert "site-packages" in result.stdout
    assert not Path(result.stdout.strip()).resolve().is_relative_to(REPO)
    absent = installed_python(installed, tmp_path, "import generator")
    assert "ModuleNotFoundError: No module named 'generator'" in absent.stderr
    module = subprocess.run(
        ["python", "-m", "polyvox", "--version"],
        cwd=tmp_path,
        env=installed,
        capture_output=True,
        text=True,
    )
    assert (module.returncode, module.stdout) == (0, f"polyvox, version {version_of(dist)}\n")


def test_a_new_community_checks_and_builds_from_the_installed_package(installed, tmp_path):
    """init, then check and build in the new folder: the site, its feeds and its pages."""
    result = polyvox(installed, tmp_path, "init", "circle", "--name", "Tide & Table")
    assert result.returncode == 0, result.stderr
    project = tmp_path / "circle"
    check = polyvox(installed, project, "check")
    assert (check.returncode, check.stdout) == (0, "polyvox: 3 files checked, no problems found.\n")
    build = polyvox(installed, project, "build")
    assert build.returncode == 0, build.stderr
    home = lxml.html.parse(str(project / "site/index.html")).getroot()
    assert home.findtext(".//title").endswith("Tide & Table")
    assert home.get("lang") == "en"
    assert (project / "site/about/index.html").is_file()
    assert (project / "site/feed.xml").is_file()
    assert (project / "site/assets/stylesheets/polyvox.css").is_file()


def test_init_into_a_non_empty_folder_is_refused(installed, tmp_path):
    """The installed command refuses, with its message, and leaves the folder as it was."""
    (tmp_path / "README.md").write_text("ours")
    result = polyvox(installed, tmp_path, "init", ".")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: . is not empty: polyvox init writes a new community into a new or empty folder, "
        "and never overwrites a file (to update a community it made, run "
        "'polyvox init --upgrade .')\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]


def test_the_generated_workflows_pin_the_installed_version(installed, dist, tmp_path):
    """Both workflows parse as YAML and run `pip install -r requirements.txt`, which names
    exactly the version of the wheel: pip finds it among the built files, no index asked."""
    assert polyvox(installed, tmp_path, "init", "c").returncode == 0
    for name in ("check.yml", "publish.yml"):
        text = (tmp_path / "c/.github/workflows" / name).read_text()
        flow = yaml.load(text, Loader=yaml.BaseLoader)
        runs = [step.get("run") for job in flow["jobs"].values() for step in job["steps"]]
        assert "pip install -r requirements.txt" in runs, name
    offline = ["--no-index", "--find-links", dist["wheel"].parent]
    result = subprocess.run(
        ["python", "-m", "pip", "install", *offline, "-r", "requirements.txt"],
        cwd=tmp_path / "c",
        env=installed,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert f"Requirement already satisfied: polyvox=={version_of(dist)}" in result.stdout


def test_a_french_community_gets_french_labels(installed, tmp_path):
    """--language fr: the built pages' navigation and headings are in French."""
    assert polyvox(installed, tmp_path, "init", "cercle", "--language", "fr").returncode == 0
    project = tmp_path / "cercle"
    build = polyvox(installed, project, "build")
    assert build.returncode == 0, build.stderr
    home = lxml.html.parse(str(project / "site/index.html")).getroot()
    assert home.get("lang") == "fr"
    tabs = [link.text_content().strip() for link in home.cssselect(".md-tabs__link")]
    assert tabs == ["Accueil", "Numéros", "AMA", "Contributeurs", "À propos"]
    people = lxml.html.parse(str(project / "site/contributors/index.html")).getroot()
    assert people.cssselect("article h1")[0].text.strip() == "Contributeurs"


def test_init_example_is_the_example_community_and_passes_the_check(installed, tmp_path):
    """The installed --example writes this repository's example community, which checks."""
    assert polyvox(installed, tmp_path, "init", "ex", "--example").returncode == 0
    written = {
        p.relative_to(tmp_path / "ex").as_posix(): p.read_bytes()
        for p in sorted((tmp_path / "ex/content").rglob("*"))
        if p.is_file()
    }
    assert written == repository_files("content")
    check = polyvox(installed, tmp_path / "ex", "check", "--today", "2026-11-22")
    assert check.returncode == 0, check.stdout
    assert check.stdout.endswith("no problems found.\n")
