"""`polyvox build` and `export` as an editor runs them: safe, repeatable, drafts, languages."""

from __future__ import annotations

import json
import shutil
import urllib.request
from pathlib import Path

import lxml.html
import pytest
import yaml
from click.testing import CliRunner

from polyvox.commands.cli import main
from tests.conftest import (
    BUILD_DAY,
    REPO,
    build_project,
    copy_project,
    copy_settings,
    write_tree,
)
from tests.support import ServerLog, fetch, mkdocs_build, previewed


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the example project."""
    return copy_project(tmp_path)


@pytest.fixture
def built(project: Path, example_site: Path) -> Path:
    """A fresh copy of the example project with its site as the shared build left it."""
    shutil.copytree(example_site, project / "site")
    return project


def test_failed_build_keeps_previous_site_and_names_the_problem(built):
    """A broken file stops the build with a located message; site/ stays byte-identical."""
    project = built
    before = snapshot(project / "site")
    assert "index.html" in before
    broken = project / "content/issues/2026-10/links-october.md"
    broken.write_text(broken.read_text().replace("kind: link", "kind: links"), encoding="utf-8")
    code, output = build_project(project)
    assert code == 1
    assert (
        "content/issues/2026-10/links-october.md:4: error: 'kind' expects one of article, "
        "counterpoint, story, tip, showcase, event, link; found 'links'; did you mean 'link'?"
    ) in output
    assert "Traceback" not in output
    assert "the previous site was left as it was" in output
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_build_never_modifies_content(example_site):
    """Building reads content/ and writes nothing there: the shared build's copy of content/
    still holds the example's bytes."""
    assert (example_site / "index.html").is_file()
    assert snapshot(example_site.parent / "content") == snapshot(REPO / "content")


def test_two_builds_give_the_same_bytes(project):
    """The same content builds to the same files, byte for byte, feeds included."""
    code, output = build_project(project)
    assert code == 0, output
    first = snapshot(project / "site")
    assert {"index.html", "feed.xml", "atom.xml", "feed.json"} <= set(first)
    code, output = build_project(project)
    assert code == 0, output
    assert snapshot(project / "site") == first


def test_drafts_flag_builds_draft_issue_with_banner(project):
    """With --drafts the draft issue is built and says it is a draft."""
    code, output = build_project(project, "--drafts")
    assert code == 0, output
    html = lxml.html.parse(str(project / "site/issues/2026-11/index.html")).getroot()
    banner = html.cssselect("p.pv-draft-banner")
    assert banner and "Draft: not published yet." in banner[0].text_content()


def test_french_site_uses_french_strings_and_dates(project):
    """theme.language: fr translates every generated string and formats dates in French."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", "language: fr"))
    assert build_project(project)[0] == 0
    session = (project / "site/ama/2026-10-08-growing-plural-voices/index.html").read_text()
    assert "Membre anonyme" in session
    assert "8 octobre 2026" in session
    assert "Question de" in session
    home = (project / "site/index.html").read_text()
    assert "Contributeurs" in home and "Dernier numéro" in home
    issue = (project / "site/issues/2026-10/index.html").read_text()
    assert "Les voix de ce numéro" in issue and "14 personnes ont participé à ce numéro" in issue
    assert "Première voix" in issue and "Réponse (11)" in issue
    voices = (project / "site/voices/index.html").read_text()
    assert "Nombre effectif de voix" in voices and "<td>7,1</td>" in voices
    assert "<td>32\u00a0%</td>" in voices  # French puts a space before the percent sign


def test_export_writes_a_tree_plain_mkdocs_can_build(project):
    """`polyvox export` writes Markdown pages, assets, feeds and an mkdocs.yml without the plugin."""
    target = project / "exported"
    result = CliRunner().invoke(main, ["export", str(target), "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert (target / "docs/issues/2026-10/index.md").read_text().count("pv-byline") >= 8
    assert (target / "docs/assets/avatars/amara-okafor.svg").is_file()
    assert (target / "docs/contributors/kwame-mensah/avatar.svg").is_file()
    exported = yaml.safe_load((target / "mkdocs.yml").read_text())
    assert exported["plugins"] == ["search"]  # no polyvox plugin: the pages are made already
    assert exported["markdown_extensions"][-1] == "polyvox.engines.page_toc"
    assert "polyvox_feeds" in (target / "docs/index.md").read_text()  # export writes feeds
    assert (target / "docs/feed.xml").is_file()


def test_bad_plugin_option_is_named_by_build_check_and_mkdocs(project):
    """A mistyped option in mkdocs.yml gets the same plain message from every entry point."""
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - polyvox\n", "  - polyvox:\n      max_file_size: big\n      draft: true\n"
        )
    )
    expected = [
        "plugins.polyvox.max_file_size: expects a whole number, found 'big'",
        "plugins.polyvox.draft: unknown option: did you mean 'drafts'?",
    ]
    code, output = build_project(project)
    assert code == 1 and "Traceback" not in output
    assert all(f"{config}: {line}" in output for line in expected), output
    result = CliRunner().invoke(main, ["check", str(project)])
    assert result.exit_code == 1
    assert all(f"{config}: {line}" in result.output for line in expected), result.output
    assert not mkdocs_build(config, project / "site")


def test_hostile_titles_cannot_close_the_json_ld_script(project):
    """A title or name holding </script> stays data in the head: one JSON-LD block, text intact."""
    hostile = '</script><script>alert(1)</script> & "Ünïcode" 🎉'
    index = project / "content/issues/2026-10/index.md"
    index.write_text(
        index.read_text().replace(
            'title: "In good faith"', f"title: {json.dumps(hostile, ensure_ascii=False)}"
        )
    )
    person = project / "content/contributors/kwame-mensah.md"  # an editor of 2026-10
    person.write_text(
        person.read_text().replace("name: Kwame Mensah", 'name: "Kwame </script><b>M"')
    )
    code, output = build_project(project)
    assert code == 0, output
    for url in ("issues/2026-10", "contributors/kwame-mensah"):
        html = lxml.html.parse(str(project / "site" / url / "index.html")).getroot()
        head_scripts = html.cssselect("head script")
        assert not [s for s in head_scripts if "alert(1)" in (s.text or "") and not s.get("type")]
        [block] = html.cssselect('head script[type="application/ld+json"]')
        assert "</" not in block.text
        data = json.loads(block.text)
        if url.startswith("issues"):
            assert data["headline"] == hostile
            assert "Kwame </script><b>M" in [p["name"] for p in data["editor"]]
        else:
            assert data["mainEntity"]["name"] == "Kwame </script><b>M"


def test_build_warns_like_check_when_one_voice_dominates(project):
    """max_voice_share in mkdocs.yml: build and check both name the issues above it."""
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - polyvox\n", "  - polyvox:\n      max_voice_share: 0.25\n")
    )
    expected = [
        # editor and author of two pieces: 3 of the 9 acts of issue 1
        "content/issues/2026-08/index.md: warning: Tomás Rivera holds 3 of this issue's 9 acts "
        "(33%), more than max_voice_share allows (25%)",
        # the AMA guest, with 11 answers (twice in two threads): 12 of 38
        "content/issues/2026-10/index.md: warning: Farah Siddiqui holds 12 of this issue's 38 acts "
        "(32%), more than max_voice_share allows (25%)",
    ]
    code, output = build_project(project)
    assert code == 0, output
    assert all(line in output for line in expected), output
    result = CliRunner().invoke(main, ["check", str(project), "--strict", "--today", BUILD_DAY])
    assert result.exit_code == 1
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert [w.split(": invite")[0] for w in warnings] == expected


COUNTERPOINT_WARNING = (
    "content/issues/2026-09/reply.md:4: warning: this counterpoint does not say what it answers: "
    "add 'responds_to: <YYYY-MM>/<slug>' so readers can read both sides"
)


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_build_prints_each_warning_once(tmp_path, engine):
    """build prints content's problems as check does; the engine's log of the same warning is
    not shown again (mkdocs logged it in process, ProperDocs in its child)."""
    reply = "---\ntitle: Not quite\nauthors: [tomas]\nkind: counterpoint\n---\nx\n"
    project = copy_settings(write_tree(tmp_path, {"content/issues/2026-09/reply.md": reply}))
    code, output = build_project(project, "--engine", engine)
    assert code == 0, output
    assert [line for line in output.splitlines() if "warning:" in line] == [COUNTERPOINT_WARNING]


def test_a_warning_shown_once_still_fails_a_strict_build(tmp_path):
    """mkdocs' strict mode still counts the warning the command did not show twice."""
    reply = "---\ntitle: Not quite\nauthors: [tomas]\nkind: counterpoint\n---\nx\n"
    project = copy_settings(write_tree(tmp_path, {"content/issues/2026-09/reply.md": reply}))
    config = project / "mkdocs.yml"
    config.write_text("strict: true\n" + config.read_text())
    code, output = build_project(project)
    assert code == 1
    assert output.splitlines()[-2:] == [
        "ERROR   -  the build stopped: strict: true in mkdocs.yml, and the build had 1 "
        "warning: nothing was published",
        "polyvox: build failed; the previous site was left as it was.",
    ]


def search_docs(url: str) -> list[tuple[str, str]]:
    """(location, title) of every entry in a served search index."""
    with urllib.request.urlopen(url) as response:
        return [(d["location"], d["title"]) for d in json.load(response)["docs"]]


def test_serve_shows_drafts_and_reloads_after_an_edit(project):
    """The live preview shows the draft issue; once pieces are saved, the edited pieces in their
    pages and feeds, a search index holding every page once, the same navigation everywhere,
    and a theme edit on every page."""
    with previewed(project / "mkdocs.yml") as (site, log):
        assert "Draft: not published yet." in fetch(site + "issues/2026-11/")
        before = search_docs(site + "search/search_index.json")
        october = project / "content/issues/2026-10/links-october.md"
        edit(log, october, "on arguing well", "on arguing kindly")
        assert "Links: on arguing kindly" in fetch(site + "issues/2026-10/")
        assert "Links: on arguing kindly" in fetch(site + "feed.xml")
        assert "arguing kindly" in fetch(site + "contributors/jonas-lindqvist/atom.xml")
        for stale in ("issues/2026-10/", "contributors/jonas-lindqvist/", "feed.xml"):
            shown = fetch(site + stale)
            assert "Links: on arguing kindly" in shown, stale
            assert "Links: on arguing well" not in shown, stale
        latest = project / "content/issues/2026-11/who-remembers-for-us.md"  # on the home page
        edit(log, latest, "Who remembers", "Who still remembers")
        assert "Who still remembers" in fetch(site)
        after = search_docs(site + "search/search_index.json")
        assert len(after) == len(before) and len(set(after)) == len(after)
        assert {loc for loc, _ in after} == {loc for loc, _ in before}
        assert "Links: on arguing kindly" in {title for _, title in after}
        assert "Links: on arguing well" not in {title for _, title in after}
        tabs = lxml.html.fromstring(fetch(site + "contributors/amara-okafor/")).cssselect(
            ".md-tabs__link"
        )
        assert [" ".join(t.text_content().split()) for t in tabs] == [
            "Home", "Issues", "AMA", "Contributors", "About the Commons Circle", "Code of conduct",
        ]  # fmt: skip
        edit(log, project / "theme/main.html", "{{ super() }}", "{{ super() }}<!-- edited -->")
        assert "<!-- edited -->" in fetch(site + "contributors/amara-okafor/")


def edit(log: ServerLog, path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file, as an editor saving it would, and wait until the
    preview has rebuilt."""
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    log.skip()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    log.wait_for("Reloading browsers")


def test_emoji_in_site_and_person_names_keep_every_page_whole(project):
    """An emoji in site_name or a name must not break a page's front matter (title, feeds,
    JSON-LD): libyaml refuses the surrogate escapes an ASCII-only JSON would write."""
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("site_name: Commons Circle", 'site_name: "Commons Circle 🌱"')
    )
    amara = project / "content/contributors/amara-okafor.md"
    amara.write_text(amara.read_text().replace("name: Amara Okafor", 'name: "Amara Okafor 🌻"'))
    assert build_project(project)[0] == 0
    for url in ("", "issues/2026-09/", "contributors/amara-okafor/"):
        html = lxml.html.parse(str(project / "site" / url / "index.html")).getroot()
        feeds = html.cssselect('link[rel=alternate][type="application/atom+xml"]')
        assert [f.get("title") for f in feeds][:1] == ["Commons Circle 🌱 (Atom)"], url
        assert "---" not in html.cssselect("article")[0].text_content()[:200], url
    profile = lxml.html.parse(str(project / "site/contributors/amara-okafor/index.html")).getroot()
    assert profile.findtext(".//title").startswith("Amara Okafor 🌻")
    data = json.loads(profile.cssselect('script[type="application/ld+json"]')[0].text)
    assert data["mainEntity"]["name"] == "Amara Okafor 🌻"
    assert "Commons Circle 🌱: Amara Okafor 🌻 (RSS)" in [
        link.get("title") for link in profile.cssselect("link[rel=alternate]")
    ]


def test_broken_theme_template_fails_with_a_message_and_leaves_no_staging_folder(built):
    """A theme override that does not parse stops the build with its file, line and error, not
    a traceback; the previous site stays and no half-built folder is left behind."""
    project = built
    before = snapshot(project / "site")
    main_html = project / "theme/main.html"
    text = main_html.read_text()
    main_html.write_text(text + "{% if %}\n")
    code, output = build_project(project)
    assert code == 1 and "Traceback" not in output
    assert output.splitlines()[-2:] == [
        "ERROR   -  the build stopped: theme/main.html:"
        f"{main_html.read_text().count(chr(10))}: the template does not parse: Expected an "
        "expression, got 'end of statement block'",
        "polyvox: build failed; the previous site was left as it was.",
    ]
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_published_site_is_readable_by_a_web_server(example_site):
    """site/ gets ordinary permissions, not the private ones of a temporary folder."""
    assert example_site.stat().st_mode & 0o755 == 0o755


@pytest.mark.parametrize("where", [".", "content/.."])
def test_export_refuses_to_write_over_the_project(project, where):
    """Exporting into the project folder would overwrite its mkdocs.yml: refused, nothing written."""
    before = snapshot(project)
    result = CliRunner().invoke(
        main, ["export", str(project / where), "-f", str(project / "mkdocs.yml")]
    )
    assert result.exit_code == 1
    assert "holds the project itself" in result.output
    assert snapshot(project) == before
