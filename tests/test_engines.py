"""One site on any engine: mkdocs, ProperDocs and Zensical build the same pages and feed bytes.

Each community is built once per engine for the whole module (the real engines, from PyPI);
the tests then read what each engine wrote.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from bench.corpus import Size, write_corpus
from polyvox.commands.cli import BUILD_FAILED, main
from polyvox.config import ENGINES, load_content
from polyvox.engines import build as engine_build
from polyvox.engines.settings import read_settings, site_options
from polyvox.render import quoting
from polyvox.site.view import site_context
from tests.conftest import BUILD_DAY, REPO, build_project, copy_project, write_tree
from tests.support import mkdocs_build
from tests.test_build import snapshot

FEED_NAMES = ("feed.xml", "atom.xml", "feed.json")
SMALL = Size(contributors=24, issues=8, pieces_per_issue=4, sessions=3, questions_per_session=4)
"""A generated community: 8 issues and 3 AMA sessions, tag feeds on."""


def generated_project(root: Path) -> Path:
    """The example's mkdocs.yml and theme over a generated content/, with tag feeds on."""
    shutil.copytree(REPO / "theme", root / "theme")
    config = (REPO / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(
        config.replace("  - polyvox\n", "  - polyvox:\n      feeds: {tags: true}\n")
    )
    write_corpus(root, SMALL)
    return root


MAKERS = {"example": copy_project, "generated": generated_project}


def build_with(project: Path, engine: str) -> Path:
    """Build a project with an engine through `polyvox build --engine`; its site folder."""
    code, output = build_project(project, "--engine", engine)
    assert code == 0, output
    assert "Traceback" not in output
    return project / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every community built with every engine, once for the module."""
    built = {}
    for community, make in MAKERS.items():
        for engine in ENGINES:
            project = make(tmp_path_factory.mktemp(f"{community}-{engine}"))
            built[community, engine] = build_with(project, engine)
    return built


def pages(site: Path) -> set[str]:
    """The URLs of a built site's pages."""
    return {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}


def feeds(site: Path) -> dict[str, bytes]:
    """Every feed of a built site, by path, with its bytes."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.name in FEED_NAMES
    }


def html(site: Path, url: str):
    """A built page, parsed by lxml."""
    return lxml.html.parse(str(site / url / "index.html")).getroot()


@pytest.mark.parametrize("community", MAKERS)
def test_every_engine_builds_the_same_pages(sites, community):
    """mkdocs, ProperDocs and Zensical write a page at the same set of URLs."""
    urls = {engine: pages(sites[community, engine]) for engine in ENGINES}
    assert urls["mkdocs"] >= {".", "issues", "ama", "contributors", "voices", "tags"}
    assert urls["properdocs"] == urls["mkdocs"]
    assert urls["zensical"] == urls["mkdocs"]


ENGINE_OWN = (
    "assets/javascripts/",
    "assets/stylesheets/main.",
    "assets/stylesheets/palette.",
    "assets/stylesheets/classic/",
    "assets/stylesheets/modern/",
    "search/",
    "search.json",
    "sitemap.xml.gz",
)
"""Files each engine's theme and search write in its own way."""


def published(site: Path) -> set[str]:
    """Every file of a built site but the engine's own theme and search files."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return {f for f in files if not f.startswith(ENGINE_OWN)}


def test_every_engine_publishes_the_same_files_and_no_draft_image(sites, tmp_path):
    """Pages, feeds, avatars and members' images: the same files under every engine; an image
    beside a draft issue stays unpublished under each (drafts are not built)."""
    for community in MAKERS:
        files = {engine: published(sites[community, engine]) for engine in ENGINES}
        assert files["properdocs"] == files["mkdocs"] == files["zensical"], community
    project = copy_project(tmp_path)
    shutil.copy(
        REPO / "content/assets/avatars/amara-okafor.svg", project / "content/issues/2026-11/map.svg"
    )
    assert build_with(project, "zensical") and not (project / "site/issues/2026-11").exists()


LANGUAGE_LINKS = '"link[rel=alternate][hreflang]"'
"""The selector Material's language selector queries once Polyvox narrowed it."""


def narrowed(site: Path) -> bool:
    """Whether the site's Material bundle looks up language links only (not feed links)."""
    [bundle] = site.glob("assets/javascripts/bundle.*.min.js")
    script = bundle.read_text(encoding="utf-8")
    return LANGUAGE_LINKS in script and '"link[rel=alternate]"' not in script


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_materials_language_selector_reads_language_links_only(sites, engine):
    """`polyvox build` writes Material's bundle with its language selector narrowed (the
    theme's static files are written, not copied, for that one file), with either engine."""
    assert narrowed(sites["example", engine])


def test_plain_mkdocs_build_narrows_the_language_selector_too(tmp_path):
    """A plain `mkdocs build` with the plugin narrows the bundle mkdocs copied into site/;
    the theme's own file is left as Material ships it."""
    from material import templates

    project = copy_project(tmp_path)
    assert mkdocs_build(project / "mkdocs.yml", project / "site")
    assert narrowed(project / "site")
    [shipped] = Path(templates.__file__).parent.glob("assets/javascripts/bundle.*.min.js")
    assert LANGUAGE_LINKS not in shipped.read_text(encoding="utf-8")


@pytest.mark.parametrize("community", MAKERS)
def test_every_engine_writes_the_same_feed_bytes(sites, community):
    """Newsletter, AMA, each person's and (when on) each tag's feeds: the same bytes."""
    written = {engine: feeds(sites[community, engine]) for engine in ENGINES}
    paths = set(written["mkdocs"])
    assert {"feed.xml", "atom.xml", "feed.json", "ama/feed.xml", "ama/feed.json"} <= paths
    assert any(p.startswith("contributors/") for p in paths)
    if community == "generated":
        assert len([p for p in paths if p.startswith("tags/")]) >= 2 * 20  # RSS and Atom each
    assert written["properdocs"] == written["mkdocs"]
    assert written["zensical"] == written["mkdocs"]


def community_view(project: Path):
    """The community of a project as its pages show it (read from content/, not from HTML)."""
    settings = read_settings(project / "mkdocs.yml")
    day = date.fromisoformat(BUILD_DAY)
    settings = replace(settings, options=settings.options.model_copy(update={"today": day}))
    loaded = load_content(settings.docs_dir, settings.options)
    return site_context(loaded.community, site_options(settings))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("community", MAKERS)
def test_each_issue_page_shows_every_piece_author_and_voice(sites, community, engine):
    """On every issue page: each piece's title under its anchor, a link to each of its named
    authors' profiles, and the voices section listing everyone who took part."""
    site = sites[community, engine]
    view = community_view(site.parent)
    for issue in view.community.issues:
        page = html(site, issue.page)
        for piece in issue.contributions:
            (title,) = page.cssselect(f'section.pv-piece > h3[id="{piece.anchor}"]')
            assert title.text_content().rstrip("¶") == piece.meta.title
            section = title.getparent()
            links = {a.get("href") for a in section.cssselect(".pv-byline a")}
            for author in piece.meta.authors:
                person = view.people[author]
                if not person.anonymous:
                    assert f"../../{person.profile}" in links, (engine, piece.anchor, author)
        assert page.cssselect('h2[id="_voices"]'), (engine, issue.page)
        listed = page.cssselect("ul.pv-issue-voices > li")
        assert len(listed) == len(view.voices_in(issue.id)), (engine, issue.page)


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_keeps_head_data_ai_labels_and_issue_navigation(sites, engine):
    """JSON-LD, feed autodiscovery links, AI disclosure and prev/next links, on every engine."""
    site = sites["example", engine]
    page = html(site, "issues/2026-09")
    (data,) = page.cssselect('script[type="application/ld+json"]')
    assert json.loads(data.text)["@type"] == "BlogPosting"
    alternates = {link.get("href") for link in page.cssselect("head link[rel=alternate]")}
    assert {"../../feed.xml", "../../atom.xml", "../../feed.json"} <= alternates
    assert page.cssselect('nav.pv-issue-nav a[rel=prev][href="../2026-08/"]')
    assert page.cssselect('nav.pv-issue-nav a[rel=next][href="../2026-10/"]')
    labels = html(site, "issues/2026-10").cssselect(".pv-ai")
    assert labels and all(label.text_content().strip() for label in labels)


def toc(page) -> list[str]:
    """The anchors "On this page" lists, in order."""
    return [a.get("href") for a in page.cssselect("nav.md-nav--secondary a.md-nav__link")]


@pytest.mark.parametrize("community", MAKERS)
def test_every_engine_lists_the_same_table_of_contents(sites, community):
    """ "On this page" holds the same headings under every engine (Zensical gets them from the
    exported page, whose headings arrive as HTML)."""
    for url in ("issues", "ama", "contributors"):
        for page in sorted(
            p.parent for p in (sites[community, "mkdocs"] / url).rglob("index.html")
        ):
            rel = page.relative_to(sites[community, "mkdocs"])
            expected = toc(html(sites[community, "mkdocs"], rel))
            for engine in ("properdocs", "zensical"):
                assert toc(html(sites[community, engine], rel)) == expected, (engine, rel)
    issue = html(
        sites[community, "zensical"],
        "issues/" + ("2026-10" if community == "example" else "2010-01"),
    )
    assert "#_voices" in toc(issue)


def hostile_project(root: Path) -> Path:
    """A small community where a member's piece holds a script, with the example's settings."""
    write_tree(root, {"content/issues/2026-09/hosting.md": HOSTILE_PIECE})
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    return root


HOSTILE_PIECE = (
    "---\ntitle: Rotating hosts\nauthors: [amara]\nkind: article\n---\n"
    "Hello\n\n<script>alert(1)</script>\n"
)
REFUSED = (
    "content/issues/2026-09/hosting.md:8: error: <script> is not allowed: it runs code in "
    "readers' browsers; remove it (to show it as code, put it between ``` fences)"
)


def test_a_hostile_file_is_refused_with_the_same_message_under_every_engine(tmp_path):
    """The member gets one message, whatever the engine, and nothing is built."""
    outputs = {}
    for engine in ENGINES:
        project = hostile_project(tmp_path / engine)
        code, outputs[engine] = build_project(project, "--engine", engine)
        assert code == 1
        assert not (project / "site").exists()
    assert REFUSED in outputs["mkdocs"] and f"polyvox: {BUILD_FAILED}" in outputs["mkdocs"]
    assert outputs["properdocs"] == outputs["mkdocs"] == outputs["zensical"]


def test_the_last_guard_stops_mkdocs_and_zensical_alike(tmp_path, monkeypatch):
    """If the check ever missed a script, the guard on rendered bodies refuses it with the
    same report under mkdocs and Zensical (ProperDocs' child process reads content anew, with
    the real check, which refuses the file as above)."""
    from polyvox.content import safety

    monkeypatch.setattr(safety, "check_body", lambda *args, **kwargs: ([], []))
    outputs = {}
    for engine in ("mkdocs", "zensical"):
        project = hostile_project(tmp_path / engine)
        code, outputs[engine] = build_project(project, "--engine", engine)
        assert code == 1
        assert not (project / "site").exists()
    report = (
        "content/issues/2026-09/hosting.md would put active content on the site, so nothing is "
        "written:\n"
        f"  its HTML there, line 2: {REFUSED.split(': error: ')[1]}"
    )
    for output in outputs.values():
        assert report in output and "Traceback" not in output


def test_the_guard_reads_the_pages_zensical_wrote(tmp_path, monkeypatch):
    """Zensical runs no hook of ours: what it wrote is checked before it replaces site/, and
    a page carrying a script leaves the previous site byte-identical."""
    project = copy_project(tmp_path)
    build_with(project, "zensical")
    before = snapshot(project / "site")
    hostile = project / "content/issues/2026-09/the-quiet-ones.md"
    from polyvox.content import safety

    monkeypatch.setattr(safety, "check_body", lambda *args, **kwargs: ([], []))
    from polyvox.site import outputs

    monkeypatch.setattr(outputs, "refuse_unsafe_fragments", lambda fragments, output: None)
    monkeypatch.setattr(quoting, "guarded", lambda html, **where: html)  # the feeds' guard
    hostile.write_text(hostile.read_text() + "\n<script>alert(1)</script>\n")
    code, output = build_project(project, "--engine", "zensical")
    assert code == 1, output
    assert "page issues/2026-09/index.html would carry active content" in output
    assert "<script> is not allowed: it runs code in readers' browsers" in output
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_a_failed_zensical_build_leaves_site_byte_identical(tmp_path):
    """A theme override Zensical cannot read: its message, no traceback, the old site kept."""
    project = copy_project(tmp_path)
    build_with(project, "zensical")
    before = snapshot(project / "site")
    main_html = project / "theme/main.html"
    main_html.write_text(main_html.read_text() + "{% if %}\n")
    code, output = build_project(project, "--engine", "zensical")
    assert code == 1
    assert "ERROR   -  Zensical stopped: syntax error" in output
    assert "Traceback" not in output and f"polyvox: {BUILD_FAILED}" in output
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_the_engine_is_one_setting_in_mkdocs_yml(tmp_path):
    """plugins.polyvox.engine picks the engine `polyvox build` uses; a typo is named."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    written = config.read_text()
    config.write_text(written.replace("  - polyvox\n", "  - polyvox:\n      engine: zensical\n"))
    assert build_project(project)[0] == 0
    assert (project / "site/search.json").is_file()  # Zensical's own search index
    assert not (project / "site/search").exists()  # Material's, which mkdocs writes
    config.write_text(written.replace("  - polyvox\n", "  - polyvox:\n      engine: zensicl\n"))
    code, output = build_project(project)
    assert code == 1
    assert (
        f"{config}: plugins.polyvox.engine: input should be 'mkdocs', 'properdocs' or "
        "'zensical', found 'zensicl'"
    ) in output


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The example community exported once, as of the suite's build day."""
    project = copy_project(tmp_path_factory.mktemp("export"))
    target = project / "exported"
    result = CliRunner().invoke(
        main, ["export", str(target), "-f", str(project / "mkdocs.yml"), "--today", BUILD_DAY]
    )
    assert result.exit_code == 0, result.output
    return target


def test_export_writes_the_plugin_builds_feeds_byte_for_byte(exported, example_site):
    """Every feed the plugin writes, `polyvox export` writes too, with the same bytes."""
    assert feeds(exported / "docs") == feeds(example_site)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_exported_mkdocs_yml_builds_with_mkdocs_and_zensical(exported, example_site, engine):
    """`mkdocs build` and `zensical build` of the export: every page, every feed's bytes."""
    site = exported / f"site-{engine}"
    config = exported / f"build-{engine}.yml"  # one per engine, each with its own site_dir
    text = (exported / "mkdocs.yml").read_text().replace("site_dir: site", f"site_dir: {site}")
    config.write_text(text)
    command = [sys.executable, "-m", engine, "build", "-f", str(config)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert pages(site) == pages(example_site)
    assert feeds(site) == feeds(example_site)
    issue = "issues/2026-10"
    assert toc(html(site, issue)) == toc(html(example_site, issue)) != []


def test_an_engine_not_installed_is_named_with_how_to_install_it(tmp_path, monkeypatch):
    """Choosing an engine that is not installed says how to install it; nothing is built."""
    monkeypatch.setattr(engine_build, "installed", lambda engine: False)
    project = copy_project(tmp_path)
    code, output = build_project(project, "--engine", "zensical")
    assert code == 1
    assert (
        "engine 'zensical' is not installed: pip install zensical==0.0.73 (the release Polyvox "
        "is tested with)"
    ) in output
    assert not (project / "site").exists()


def test_a_nav_of_its_own_is_kept_by_every_engine(tmp_path):
    """A `nav:` in mkdocs.yml gives the same tabs under mkdocs and Zensical (Zensical adds an
    inherited list to the one that inherits it, so the export must not write a second nav)."""
    tabs = {}
    for engine in ("mkdocs", "zensical"):
        (tmp_path / engine).mkdir()
        project = copy_project(tmp_path / engine)
        with (project / "mkdocs.yml").open("a") as config:
            config.write("nav:\n  - Home: index.md\n  - Issues: issues/index.md\n")
        home = html(build_with(project, engine), ".")
        tabs[engine] = [
            " ".join(a.text_content().split()) for a in home.cssselect(".md-tabs__link")
        ]
    assert tabs["mkdocs"] == tabs["zensical"] == ["Home", "Issues"]


def test_a_draft_shows_its_banner_under_zensical(tmp_path):
    """`--drafts` builds the draft issue with Zensical too, and it says it is a draft;
    `--email` publishes the email editions with the site, as with mkdocs."""
    project = copy_project(tmp_path)
    code, output = build_project(project, "--engine", "zensical", "--drafts", "--email")
    assert code == 0, output
    assert (project / "site/email/2026-10.eml").is_file()
    banner = html(project / "site", "issues/2026-11").cssselect("p.pv-draft-banner")
    assert banner and "Draft: not published yet." in banner[0].text_content()
