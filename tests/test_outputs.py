"""Polyvox owns the build: every output computed once from its inputs, reused when they did not
change, across builds and between the saves of a live preview; nothing stale, same bytes.

The live preview's rebuilds run here as `polyvox serve` runs them (its Preview object, told of
each edited file as its watcher would tell it), and after every kind of edit the folder it
serves is compared, file by file, with a cold build of the same content.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.config import load_content
from polyvox.engines.build import SiteBuilder
from polyvox.engines.preview import Preview
from polyvox.engines.settings import read_settings
from polyvox.engines.store import FOLDER
from polyvox.site import templates as polyvox_templates
from tests.conftest import BUILD_DAY, build_project, copy_project

ISSUE = "content/issues/2026-10/"
PIECE = ISSUE + "links-october.md"


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file below a folder, by its path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def cold_preview_site(project: Path, into: Path) -> dict[str, bytes]:
    """The site a preview shows (drafts included), built cold: a copy of the project with no
    cache, by a builder of its own."""
    copy = into / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".cache", "site"))
    settings = read_settings(copy / "mkdocs.yml")
    loaded = load_content(settings.docs_dir, settings.options)
    assert loaded.community is not None, [p.as_text() for p in loaded.problems]
    builder = SiteBuilder(settings, drafts=True)
    try:
        builder.build(loaded, into / "site")
    finally:
        builder.close()
    return tree_bytes(into / "site")


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file, which must hold it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEW_PERSON = "---\nname: Ioana Radu\npronouns: she/her\n---\nWrites about libraries.\n"
NEW_PIECE = (
    "---\ntitle: Library hours for everyone\nauthors: [ioana-radu]\nkind: story\n"
    "tags: [access]\n---\nOur library opens on Sundays now, and it fills up.\n"
)


def _edit_body(project: Path) -> list[str]:
    """A sentence added at the end of a piece's body."""
    path = project / PIECE
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added to the body.\n")
    return [PIECE]


def _edit_title(project: Path) -> list[str]:
    """A piece's title changed."""
    path = project / PIECE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [
        'title: "A title written again"\n' if line.startswith("title:") else line for line in lines
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return [PIECE]


def _edit_authors(project: Path) -> list[str]:
    """A co-author added to a piece."""
    path = project / PIECE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [
        line.replace("authors: [", "authors: [farah-siddiqui, ", 1)
        if line.startswith("authors:")
        else line
        for line in lines
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return [PIECE]


def _new_person_and_piece(project: Path) -> list[str]:
    """A first voice: a new profile and a new piece by them."""
    (project / "content/contributors/ioana-radu.md").write_text(NEW_PERSON, encoding="utf-8")
    (project / ISSUE / "library-hours.md").write_text(NEW_PIECE, encoding="utf-8")
    return ["content/contributors/ioana-radu.md", ISSUE + "library-hours.md"]


def _rename_person(project: Path) -> list[str]:
    """A person's name changed: every page and feed naming them changes."""
    path = project / "content/contributors/ioana-radu.md"
    path.write_text(NEW_PERSON.replace("Ioana Radu", "Ioana R. Radu"), encoding="utf-8")
    return ["content/contributors/ioana-radu.md"]


def _delete_piece(project: Path) -> list[str]:
    """A piece deleted."""
    (project / ISSUE / "library-hours.md").unlink()
    return [ISSUE + "library-hours.md"]


def _edit_editorial(project: Path) -> list[str]:
    """An issue's editorial and summary changed."""
    path = project / ISSUE / "index.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more word from the editors.\n")
    return [ISSUE + "index.md"]


SESSION = "content/ama/2026-12-03-what-communities-remember/index.md"
SAM = "content/contributors/sam-whitfield.md"


def _host_alone(project: Path) -> list[str]:
    """A session whose guest is its one host too: its page has one author."""
    edit(project / SESSION, "hosts: [leila-haddad]", "hosts: [sam-whitfield]")
    return [SESSION]


def _fediverse_added(project: Path) -> list[str]:
    """A Fediverse address added to a profile: the profile links it, and the page its person
    alone authored (the session) names it in its head; only the profile's file changed."""
    edit(
        project / SAM, "github: swhitfield\n", 'github: swhitfield\nfediverse: "@sam@one.example"\n'
    )
    return [SAM]


def _fediverse_changed(project: Path) -> list[str]:
    """A profile's Fediverse address changed."""
    edit(project / SAM, "@sam@one.example", "@sam@two.example")
    return [SAM]


OPEN_ISSUE = "content/issues/2026-11/index.md"
QUESTION = "content/ama/2026-12-03-what-communities-remember/questions/forgetting-on-purpose.md"


def _open_issue_retitled(project: Path) -> list[str]:
    """The issue open for contributions retitled: the home and contribute pages name it."""
    edit(project / OPEN_ISSUE, 'title: "What we keep"', 'title: "What we keep, and why"')
    return [OPEN_ISSUE]


def _question_heading_edited(project: Path) -> list[str]:
    """A question's first sentence (its heading on the page, its feed item's title) edited."""
    edit(
        project / QUESTION,
        "Is there a right to be forgotten inside a community?",
        "Is there a right to be forgotten inside a circle?",
    )
    return [QUESTION]


def _session_closed(project: Path) -> list[str]:
    """A session stops collecting questions: the home and contribute pages no longer offer it
    (and with no session open, the contribute page says nothing is open for questions)."""
    edit(project / SESSION, "status: collecting", "status: answered")
    return [SESSION]


KINDS = [
    ("body edit", _edit_body),
    ("title edit", _edit_title),
    ("author list", _edit_authors),
    ("new person and piece", _new_person_and_piece),
    ("person renamed", _rename_person),
    ("deleted piece", _delete_piece),
    ("editorial", _edit_editorial),
    ("session hosted by its guest", _host_alone),
    ("Fediverse address added", _fediverse_added),
    ("Fediverse address changed", _fediverse_changed),
    ("open issue retitled", _open_issue_retitled),
    ("question heading edited", _question_heading_edited),
    ("session closed", _session_closed),
]


def test_every_kind_of_edit_in_the_preview_leaves_what_a_cold_build_makes(tmp_path):
    """After each edit, the preview has made again only what the edit touched, and the folder
    it serves is, byte for byte, the site a cold build of the same content makes."""
    project = copy_project(tmp_path / "live")
    preview = Preview(project / "mkdocs.yml", tmp_path / "served")
    try:
        preview.rebuild()
        first = preview.builder.last
        assert first.made > 40 and not preview.failed
        for number, (kind, apply) in enumerate(KINDS):
            for rel in apply(project):
                preview.saw(str(project / rel))
            preview.rebuild()
            assert not preview.failed, kind
            rebuilt = preview.builder.last
            assert 0 < rebuilt.made < first.made / 2, (kind, rebuilt)
            cold = cold_preview_site(project, tmp_path / f"cold-{number}")
            served = tree_bytes(tmp_path / "served")
            assert sorted(served) == sorted(cold), kind
            stale = [path for path, data in served.items() if cold[path] != data]
            assert stale == [], f"{kind}: stale files {stale}"
        session = tmp_path / "served/ama/2026-12-03-what-communities-remember/index.html"
        assert '<meta name="fediverse:creator" content="@sam@two.example">' in session.read_text()
    finally:
        preview.builder.close()


def test_a_title_edit_remakes_the_pages_and_feeds_that_show_it(tmp_path):
    """What a title edit remakes: the issue page, its author's profile and feeds, its tags'
    pages, the feeds that carry it, the search index; not the other issues or profiles."""
    project = copy_project(tmp_path / "live")
    preview = Preview(project / "mkdocs.yml", tmp_path / "served")
    try:
        preview.rebuild()
        before = tree_bytes(tmp_path / "served")
        for rel in _edit_title(project):
            preview.saw(str(project / rel))
        preview.rebuild()
        after = tree_bytes(tmp_path / "served")
    finally:
        preview.builder.close()
    changed = {path for path in after if before.get(path) != after[path]}
    assert {
        "issues/2026-10/index.html",
        "contributors/jonas-lindqvist/index.html",
        "contributors/jonas-lindqvist/atom.xml",
        "tags/reading/index.html",
        "tags/ai/index.html",
        "feed.xml",
        "atom.xml",
        "feed.json",
        "search/search_index.json",
    } <= changed
    others = {p for p in changed if p.startswith(("issues/2026-09/", "contributors/amara"))}
    assert others == set()
    assert all("A title written again" in after[p].decode() for p in changed if "feed" in p)


def test_a_build_after_an_edit_reuses_what_did_not_change(tmp_path):
    """A second `polyvox build` after one new piece makes again only what shows the piece;
    its site is the one a cold build makes."""
    project = copy_project(tmp_path / "p")
    assert build_project(project)[0] == 0
    _new_person_and_piece(project)
    settings = read_settings(project / "mkdocs.yml")
    today = date.fromisoformat(BUILD_DAY)
    settings = replace(settings, options=settings.options.model_copy(update={"today": today}))
    loaded = load_content(settings.docs_dir, settings.options)
    builder = SiteBuilder(settings, drafts=False)
    try:
        built = builder.build(loaded, tmp_path / "warm")
    finally:
        builder.close()
    assert 0 < built.made < 30, built
    code, _ = build_project(project)
    assert code == 0
    cold = copy_project(tmp_path / "cold")
    _new_person_and_piece(cold)
    assert build_project(cold)[0] == 0
    assert tree_bytes(project / "site") == tree_bytes(cold / "site")


def test_nothing_changed_is_said_and_a_touched_site_is_built_again(tmp_path):
    """A build with nothing changed says so and writes nothing; a page edited by hand in site/
    or a content file saved again makes a real build, which restores the page."""
    project = copy_project(tmp_path)
    assert build_project(project)[0] == 0
    before = tree_bytes(project / "site")
    code, output = build_project(project)
    assert code == 0
    assert output.splitlines()[-1].startswith("polyvox: nothing changed since the last build: ")
    (project / "site/index.html").write_text("defaced")
    code, output = build_project(project)
    assert code == 0 and "nothing changed" not in output
    assert tree_bytes(project / "site") == before
    code, output = build_project(project, "--drafts")
    assert code == 0 and "nothing changed" not in output


def test_a_damaged_stored_output_is_made_again(tmp_path):
    """An output the store holds but whose file was changed (through a hard link in site/, by
    a tool writing in place) is never reused: the next build makes it again."""
    project = copy_project(tmp_path)
    assert build_project(project)[0] == 0
    before = tree_bytes(project / "site")
    page = project / "site/issues/2026-10/index.html"
    with page.open("r+b") as file:  # in place: the store's file is this very file
        file.write(b"<!-- damaged -->")
    (project / ".cache/polyvox/last-build.json").unlink()
    assert build_project(project)[0] == 0
    assert tree_bytes(project / "site") == before


def test_the_store_is_pruned(tmp_path):
    """Edit after edit, the store keeps what the last builds used, not every version ever made."""
    project = copy_project(tmp_path)
    objects = project / ".cache/polyvox" / FOLDER / "objects"
    counts = []
    for round_ in range(6):
        path = project / PIECE
        path.write_text(path.read_text(encoding="utf-8") + f"\nRound {round_}.\n")
        assert build_project(project)[0] == 0
        counts.append(sum(1 for p in objects.rglob("*") if p.is_file()))
    assert counts[-1] == counts[3], counts  # steady once the oldest builds are pruned
    assert counts[-1] < counts[0] * 1.5  # the site, and what the last builds changed


def test_outputs_are_the_same_whatever_writes_them(tmp_path):
    """The pages and feeds of `polyvox build` and `polyvox export` come from one function."""
    project = copy_project(tmp_path)
    assert build_project(project)[0] == 0
    target = tmp_path / "exported"
    result = CliRunner().invoke(
        main, ["export", str(target), "-f", str(project / "mkdocs.yml"), "--today", BUILD_DAY]
    )
    assert result.exit_code == 0, result.output
    for feed in ("feed.xml", "atom.xml", "ama/feed.json", "contributors/amara-okafor/atom.xml"):
        assert (target / "docs" / feed).read_bytes() == (project / "site" / feed).read_bytes()


def test_a_community_template_that_reads_more_than_its_page_is_never_stale(tmp_path):
    """A template a community writes may read anything of the site (here the archive counts
    everyone): with one, any content change makes the site again, so nothing is stale."""
    project = copy_project(tmp_path / "live")
    override = project / "theme/polyvox/archive.html.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    shipped = Path(polyvox_templates.__file__).parent.parent / "templates/archive.html.j2"
    override.write_text(
        shipped.read_text() + "<p>{{ site.community.contributors | length }} people</p>\n"
    )
    preview = Preview(project / "mkdocs.yml", tmp_path / "served")
    try:
        preview.rebuild()
        (project / "content/contributors/ioana-radu.md").write_text(NEW_PERSON, encoding="utf-8")
        preview.saw(str(project / "content/contributors/ioana-radu.md"))
        preview.rebuild()
        served = tree_bytes(tmp_path / "served")
    finally:
        preview.builder.close()
    cold = cold_preview_site(project, tmp_path / "cold")
    assert served["issues/index.html"] == cold["issues/index.html"]
    people = len(list((project / "content/contributors").glob("*.md")))
    assert f"<p>{people} people</p>" in served["issues/index.html"].decode()
