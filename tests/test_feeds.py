"""Feeds as readers receive them: feedparser, Debian's newsboat and jing with the Atom schema."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import feedparser_rs
import lxml.etree
import lxml.html
import pytest

from polyvox.content.load import load_community
from polyvox.credit import ledger as credit
from tests.conftest import (
    BUILD_DAY,
    REPO,
    build_project,
    copy_project,
    copy_settings,
    served,
    write_tree,
)

SITE_URL = "https://commons-circle.example.org/"
ATOM_SCHEMA = REPO / "tests" / "schemas" / "atom.rnc"  # RFC 4287, Appendix B
COMMUNITY = load_community(REPO).community
SHOWN = credit.visible(COMMUNITY, drafts=False, today=date.fromisoformat(BUILD_DAY))
NAMED = [p for p in SHOWN.contributors.values() if not p.meta.anonymous]


def require(tool: str) -> None:
    """Fail under CI, skip elsewhere, when a Debian tool the test needs is missing."""
    if shutil.which(tool):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is missing: .ci/run must install it", pytrace=False)
    pytest.skip(f"{tool} is not installed here")


def feed_files(site: Path) -> list[Path]:
    """Every feed the build wrote."""
    names = ("feed.xml", "atom.xml", "feed.json")
    return sorted(p for name in names for p in site.rglob(name))


def expected_id(url: str) -> str:
    """The tag URI a permanent URL must have: the date is the one its path carries."""
    parts = urlsplit(url)
    minted = re.match(r"/(?:issues/(\d{4}-\d{2})|ama/(\d{4}-\d{2}-\d{2}))", parts.path)
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"tag:{parts.hostname},{minted[1] or minted[2]}:{parts.path}{fragment}"


def newsletter_items() -> list[tuple[str, str]]:
    """(title, link) of every published issue, newest first: what /feed.xml must carry."""
    return [
        (f"Issue {i.meta.number}: {i.meta.title}", f"{SITE_URL}issues/{i.id}/")
        for i in sorted(SHOWN.issues, key=lambda i: i.meta.date, reverse=True)
    ]


def ama_items() -> list[tuple[str, str]]:
    """(title, link) of every session held by the build day, newest first."""
    held = [s for s in SHOWN.sessions if s.meta.date <= date.fromisoformat(BUILD_DAY)]
    return [
        (s.meta.title, f"{SITE_URL}ama/{s.id}/")
        for s in sorted(held, key=lambda s: s.meta.date, reverse=True)
    ]


def profile_acts(site: Path, person_id: str) -> set[str]:
    """The absolute links of every act a person's profile page lists."""
    html = lxml.html.parse(str(site / "contributors" / person_id / "index.html")).getroot()
    article = html.cssselect("article.md-content__inner")[0]
    base = f"{SITE_URL}contributors/{person_id}/"
    return {
        urljoin(base, a.get("href")) for a in article.cssselect("li > a") if "#" in a.get("href")
    } | {
        urljoin(base, a.get("href"))
        for a in article.cssselect("li > a")
        if re.search(r"(issues|ama)/[^/]+/$", a.get("href"))
    }


def read_feed(path: Path):
    """A feed as a reader reads it: feedparser for RSS and Atom, feedparser-rs for JSON Feed."""
    reader = feedparser_rs if path.suffix == ".json" else feedparser
    return reader.parse(path.read_bytes())


@pytest.fixture(scope="module")
def parsed(example_site: Path) -> dict:
    """Every feed of the example site as a reader reads it, by site path."""
    return {p.relative_to(example_site).as_posix(): read_feed(p) for p in feed_files(example_site)}


def test_every_feed_is_read_without_error(example_site, parsed):
    """feedparser accepts every feed (no bozo), each of the three formats; the newsletter and
    the AMA have three feeds each, and everyone whose profile lists an act has two."""
    with_acts = [p.id for p in NAMED if profile_acts(example_site, p.id)]
    assert len(with_acts) > 10
    assert len(parsed) == 6 + 2 * len(with_acts)
    assert {path: feed.bozo for path, feed in parsed.items() if feed.bozo} == {}
    assert {feed.version for feed in parsed.values()} == {"rss20", "atom10", "json11"}


MINIMAL = "https://commons-circle.example.org/"
# The person feeds of tests/conftest.py's MINIMAL_TREE, worked out by hand from its files (see
# MINIMAL_PROFILES in test_site.py): one item per act; the anonymous member has no feed.
MINIMAL_PERSON_ITEMS = {
    "amara": {
        ("Issue 1: Rendez-vous", "issues/2026-09/"),
        ("Rotating hosts", "issues/2026-09/#hosting"),
        ("Plural voices", "ama/2026-09-10-voices/"),
        ("Answer: How do you start?", "ama/2026-09-10-voices/#first-answer-1"),
        ("Answer: Why monthly?", "ama/2026-09-10-voices/#second-answer-1"),
    },
    "tomas": {
        ("Rotating hosts", "issues/2026-09/#hosting"),
        ("Rotation is not enough", "issues/2026-09/#reply"),
        ("Plural voices", "ama/2026-09-10-voices/"),
        ("Why monthly?", "ama/2026-09-10-voices/#second"),
    },
}


def test_minimal_site_has_the_feeds_worked_out_by_hand(minimal_site):
    """Three newsletter feeds, three AMA feeds, RSS and Atom for each named person who took part."""
    written = {p.relative_to(minimal_site).as_posix() for p in feed_files(minimal_site)}
    people = {
        f"contributors/{p}/{name}"
        for p in MINIMAL_PERSON_ITEMS
        for name in ("feed.xml", "atom.xml")
    }
    assert written == {
        *("feed.xml", "atom.xml", "feed.json", "ama/feed.xml", "ama/atom.xml", "ama/feed.json"),
        *people,
    }
    for path in sorted(people):
        feed = read_feed(minimal_site / path)
        assert not feed.bozo, path
        person = path.split("/")[1]
        expected = {(title, MINIMAL + url) for title, url in MINIMAL_PERSON_ITEMS[person]}
        assert {(e.title, e.link) for e in feed.entries} == expected, path


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml", "feed.json"])
def test_newsletter_feed_has_every_published_issue_newest_first(parsed, name):
    """One item per published issue (no draft), with its permanent link and tag: id."""
    feed = parsed[name]
    assert [(e.title, e.link) for e in feed.entries] == newsletter_items()
    assert [e.id for e in feed.entries] == [expected_id(link) for _, link in newsletter_items()]
    assert feed.feed.link == SITE_URL


@pytest.mark.parametrize("name", ["ama/feed.xml", "ama/atom.xml", "ama/feed.json"])
def test_ama_feed_has_every_session_held(parsed, name):
    """One item per AMA session held by the build day; the one still ahead is not in it."""
    feed = parsed[name]
    assert [(e.title, e.link) for e in feed.entries] == ama_items()
    assert feed.feed.link == f"{SITE_URL}ama/"


def test_issue_item_carries_the_whole_issue_with_absolute_links(parsed):
    """The content is the issue's full HTML: every piece, bylines, and no relative URL."""
    issue = next(i for i in SHOWN.issues if i.id == "2026-10")
    entry = next(e for e in parsed["atom.xml"].entries if e.link.endswith("/2026-10/"))
    html = lxml.html.fromstring(entry.content[0].value)
    assert {h.get("id") for h in html.cssselect("h3")} >= {c.slug for c in issue.contributions}
    urls = [u for el in html.iter() for u in (el.get("href"), el.get("src")) if u]
    assert [u for u in urls if not urlsplit(u).scheme] == []
    assert f"{SITE_URL}contributors/kwame-mensah/" in urls
    assert "Permanent link" not in entry.content[0].value
    assert entry.summary == issue.meta.summary


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml", "feed.json"])
def test_every_co_author_of_an_issue_is_credited(parsed, name):
    """Each issue names its editors and every author of its pieces, however many."""
    issues = sorted(SHOWN.issues, key=lambda i: i.meta.date, reverse=True)
    for entry, issue in zip(parsed[name].entries, issues, strict=True):
        people = {*issue.meta.editors, *(a for c in issue.contributions for a in c.meta.authors)}
        names = {COMMUNITY.person(p).meta.name for p in people}
        assert {a.name for a in entry.authors} == names, issue.id


def test_rss_names_authors_in_dc_creator_never_in_author(example_site):
    """RSS <author> needs an email, so names go to one dc:creator each."""
    rss = (example_site / "contributors/siobhan-oneill/feed.xml").read_text()
    item = re.search(r"<item>(?:(?!</item>).)*disagreement-protocol.*?</item>", rss, re.S)[0]
    assert re.findall(r"<dc:creator>(.*?)</dc:creator>", item) == [
        "Siobhán O'Neill",
        "Amara Okafor",
    ]
    assert "<author>" not in rss


@pytest.mark.parametrize("person", NAMED, ids=lambda p: p.id)
def test_person_feed_holds_exactly_what_their_profile_lists(example_site, parsed, person):
    """Subscribing to someone gives every act their profile lists, and nothing else."""
    acts = profile_acts(example_site, person.id)
    if not acts:
        assert not (example_site / "contributors" / person.id / "feed.xml").exists()
        return
    for name in ("feed.xml", "atom.xml"):
        feed = parsed[f"contributors/{person.id}/{name}"]
        assert {e.link for e in feed.entries} == acts
        assert all(e.id == expected_id(e.link) for e in feed.entries)
        dates = [e.published_parsed for e in feed.entries]
        assert dates == sorted(dates, reverse=True)


def test_answerer_feed_has_one_item_per_answer(parsed):
    """Each answer is its own item with its own anchor, even two in one question."""
    entries = parsed["contributors/farah-siddiqui/atom.xml"].entries
    answers = [e for e in entries if e.title.startswith("Answer: ")]
    turns = [t for s in SHOWN.sessions for q in s.questions for t in q.turns]
    assert len(answers) == sum(t.person == "farah-siddiqui" and t.kind == "answer" for t in turns)
    assert {e.link.rsplit("#", 1)[1] for e in answers} >= {
        "same-three-voices-answer-1",
        "same-three-voices-answer-3",
    }
    assert all("Answer by" in e.content[0].value for e in answers)


def test_anonymous_member_is_credited_but_never_named_or_linked(parsed):
    """The anonymous member counts as an author of the AMA item, without a name or a link."""
    entry = parsed["ama/atom.xml"].entries[0]
    anonymous = [a for a in entry.authors if a.name == "Anonymous member"]
    assert len(anonymous) == 1 and "href" not in anonymous[0]


def test_anonymous_member_is_never_named_in_any_feed(example_site):
    """The name an anonymous member gave in their file appears in no feed."""
    member = COMMUNITY.contributors["circle-member"].meta.name
    assert all(member not in p.read_text() for p in feed_files(example_site))


def test_pages_announce_their_feeds(example_site):
    """Every page links the newsletter's feeds in its head; the home and AMA pages the AMAs'
    too, a profile its own."""
    head = lxml.html.parse(str(example_site / "contributors/amara-okafor/index.html")).getroot()
    links = {(a.get("type"), a.get("href")) for a in head.cssselect("link[rel=alternate]")}
    assert links == {
        ("application/rss+xml", "../../feed.xml"),
        ("application/atom+xml", "../../atom.xml"),
        ("application/feed+json", "../../feed.json"),
        ("application/rss+xml", "feed.xml"),
        ("application/atom+xml", "atom.xml"),
    }
    for page in example_site.rglob("index.html"):
        html = page.read_text()
        assert 'type="application/atom+xml" title="Commons Circle (Atom)"' in html, page
        url = page.relative_to(example_site).as_posix()
        ama = 'title="Commons Circle: AMA sessions (Atom)"' in html
        assert ama == (url == "index.html" or url.startswith("ama/")), page


def require_atom_schema() -> None:
    """jing and the RFC 4287 grammar kept in tests/schemas/."""
    require("jing")
    assert ATOM_SCHEMA.is_file(), f"{ATOM_SCHEMA} is missing: it is part of the repository"


def test_atom_feeds_validate_against_the_rfc_4287_schema(example_site):
    """jing checks every Atom feed against RFC 4287's RELAX NG grammar."""
    require_atom_schema()
    atoms = sorted(example_site.rglob("atom.xml"))
    result = subprocess.run(
        ["jing", "-c", str(ATOM_SCHEMA), *map(str, atoms)], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, "")  # stderr: the wrapper's jar notices
    assert len(atoms) > 10


def test_jing_rejects_an_invalid_atom_feed(tmp_path):
    """The schema check really fails on a feed without ids (so the test above can fail)."""
    require_atom_schema()
    broken = tmp_path / "atom.xml"
    broken.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>'
        "<updated>2026-01-01T00:00:00Z</updated></feed>"
    )
    result = subprocess.run(["jing", "-c", str(ATOM_SCHEMA), str(broken)], capture_output=True)
    assert result.returncode != 0


def newsboat_items(feed_url: str, home: Path) -> list[tuple[str, str, str]]:
    """Load one feed in newsboat, non-interactively; return (title, url, guid) from its cache."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "urls").write_text(feed_url + "\n")
    (home / "config").write_text("")
    cache = home / "cache.db"
    result = subprocess.run(
        ["newsboat", "-u", "urls", "-c", str(cache), "-C", "config", "-x", "reload"],
        cwd=home,
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(cache) as db:
        return db.execute(
            "SELECT title, url, guid FROM rss_item WHERE feedurl = ? ORDER BY pubDate DESC, guid",
            (feed_url,),
        ).fetchall()


def test_newsboat_loads_the_newsletter_and_ama_feeds(example_site, tmp_path):
    """A real reader stores exactly the expected items, titles, links and guids."""
    require("newsboat")
    with served(example_site) as base:
        for path, expected in [
            ("feed.xml", newsletter_items()),
            ("atom.xml", newsletter_items()),
            ("ama/feed.xml", ama_items()),
            ("ama/atom.xml", ama_items()),
        ]:
            items = newsboat_items(base + path, tmp_path / path.replace("/", "-"))
            assert items == [(t, link, expected_id(link)) for t, link in expected], path


def test_newsboat_loads_every_person_feed(example_site, parsed, tmp_path):
    """Each contributor's RSS and Atom feeds load in newsboat with their acts' links and ids."""
    require("newsboat")
    with served(example_site) as base:
        for person in NAMED:
            acts = profile_acts(example_site, person.id)
            for name in ("feed.xml", "atom.xml") if acts else ():
                path = f"contributors/{person.id}/{name}"
                items = newsboat_items(base + path, tmp_path / path.replace("/", "-"))
                assert {(url, guid) for _, url, guid in items} == {
                    (link, expected_id(link)) for link in acts
                }, path
                assert sorted(t for t, _, _ in items) == sorted(
                    e.title for e in parsed[path].entries
                )


UNUSUAL = "Tips & <tricks> for “quoted” and 'single' voices 🎉 \u2013 声を上げる"
UNUSUAL_PIECE = f"""---
title: {json.dumps(UNUSUAL, ensure_ascii=False)}
authors: [mei-watanabe, circle-member, priya-raman]
kind: tip
summary: "A & B < C, said the 'summary'."
---
A body with an ampersand & a <span>tag</span>.
"""


@pytest.fixture(scope="module")
def unusual_site(tmp_path_factory) -> Path:
    """The example project with a piece whose title and summary carry markup and scripts."""
    project = copy_project(tmp_path_factory.mktemp("unusual"))
    (project / "content/issues/2026-10/unusual.md").write_text(UNUSUAL_PIECE, encoding="utf-8")
    code, output = build_project(project)
    assert code == 0, output
    return project / "site"


def test_unusual_titles_survive_every_format_and_client(unusual_site, tmp_path):
    """&, <, quotes, emoji and Japanese reach feedparser, the JSON and newsboat intact."""
    path = "contributors/mei-watanabe/"
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((unusual_site / path / name).read_bytes())
        assert not feed.bozo
        entry = next(e for e in feed.entries if e.link.endswith("#unusual"))
        assert entry.title == UNUSUAL
        assert [a.name for a in entry.authors] == ["渡辺 芽衣", "Anonymous member", "Priya Raman"]
        assert summary_text(entry) == "A & B < C, said the 'summary'."
    newsletter = feedparser_rs.parse((unusual_site / "feed.json").read_bytes())
    html = lxml.html.fromstring(newsletter.entries[0].content[0].value)
    assert UNUSUAL in [h.text_content() for h in html.iter("h3")]
    require("newsboat")
    with served(unusual_site) as base:
        titles = [t for t, _, _ in newsboat_items(base + path + "atom.xml", tmp_path / "nb")]
    assert UNUSUAL in titles


def test_rss_plain_text_writes_ampersand_and_less_than_as_hex_references(unusual_site):
    """The RSS profile's form for plain text: &#x26; and &#x3C;, read back exactly."""
    rss = (unusual_site / "contributors/mei-watanabe/feed.xml").read_bytes()
    assert b"<title>Tips &#x26; &#x3C;tricks&#x3E; for \xe2\x80\x9cquoted\xe2\x80\x9d" in rss
    entry = next(e for e in feedparser.parse(rss).entries if e.link.endswith("#unusual"))
    assert entry.title == UNUSUAL
    assert summary_text(entry) == "A & B < C, said the 'summary'."
    assert b"<description>A &amp;amp; B &amp;lt; C, said" in rss  # HTML: the text escaped


def summary_text(entry) -> str:
    """An entry's summary as readers show it: RSS's description is HTML, Atom's summary text."""
    if entry.summary_detail.type == "text/html":
        return lxml.html.fragment_fromstring(entry.summary, create_parent="p").text_content()
    return entry.summary


def test_no_rss_plain_text_element_holds_a_named_reference(unusual_site):
    """Outside item descriptions (HTML), no RSS element writes &amp;, &lt; or &gt;."""
    for path in unusual_site.rglob("feed.xml"):
        rss = path.read_text(encoding="utf-8")
        plain = re.sub(r"<(description|content:encoded)>[^<]*</\1>", "", rss.split("<item>", 1)[1])
        plain = rss.split("<item>", 1)[0] + plain
        assert re.findall(r">[^<]*&(?:amp|lt|gt);[^<]*<", plain) == [], path


def atom_updates(site: Path) -> dict[str, list[str]]:
    """Every entry's atom:updated, by Atom feed, read from the XML itself."""
    namespace = {"a": "http://www.w3.org/2005/Atom"}
    return {
        p.relative_to(site).as_posix(): lxml.etree.parse(str(p)).xpath(
            "/a:feed/a:entry/a:updated/text()", namespaces=namespace
        )
        for p in site.rglob("atom.xml")
    }


def test_no_two_entries_of_an_atom_feed_share_their_updated_instant(example_site):
    """A person with several answers in one session gets one atom:updated per answer."""
    updates = atom_updates(example_site)
    assert {path: sorted(u) for path, u in updates.items() if len(set(u)) < len(u)} == {}
    farah = updates["contributors/farah-siddiqui/atom.xml"]
    assert len(farah) > 2 and len({u[:10] for u in farah}) < len(farah)  # days repeat


def test_answers_are_one_second_apart_in_the_order_written(parsed):
    """Same day, distinct instants: the question first, then its turns in their order."""
    entries = parsed["contributors/farah-siddiqui/atom.xml"].entries
    updated = {e.link.rsplit("#", 1)[1]: e.updated for e in entries if "#" in e.link}
    first, third = updated["same-three-voices-answer-1"], updated["same-three-voices-answer-3"]
    assert first[:10] == third[:10] and first < third


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the example project."""
    return copy_project(tmp_path)


def feed_ids(site: Path) -> dict[str, list[str]]:
    """The item ids of every feed, by path."""
    return {
        p.relative_to(site).as_posix(): [e.id for e in feedparser.parse(p.read_bytes()).entries]
        for p in feed_files(site)
    }


def test_editing_a_contribution_keeps_every_item_id(example_site, project):
    """Rewording a piece (title and body) changes no id in any feed; the bytes do change."""
    piece = project / "content/issues/2026-10/disagreement-protocol.md"
    text = piece.read_text().replace("a four-step protocol", "a four-step method")
    piece.write_text(text.replace("Restate until", "Rephrase until"))
    assert build_project(project)[0] == 0
    assert feed_ids(project / "site") == feed_ids(example_site)
    rss = (project / "site/feed.xml").read_bytes()
    assert rss != (example_site / "feed.xml").read_bytes() and b"four-step method" in rss


def test_item_limit_and_tag_feeds_follow_the_plugin_options(project):
    """feeds.items caps the newsletter and AMA feeds; feeds.tags adds a feed per tag."""
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - polyvox\n", "  - polyvox:\n      feeds: {items: 2, tags: true}\n"
        )
    )
    assert build_project(project)[0] == 0
    site = project / "site"
    newsletter = feedparser.parse((site / "feed.xml").read_bytes())
    assert [e.link for e in newsletter.entries] == [link for _, link in newsletter_items()[:2]]
    tag = feedparser.parse((site / "tags/disagreement/atom.xml").read_bytes())
    tagged = [c for i in SHOWN.issues for c in i.contributions if "disagreement" in c.meta.tags]
    assert len(tagged) > 2 and len(tag.entries) == 2
    assert {e.link for e in tag.entries} <= {
        f"{SITE_URL}issues/{c.issue_id}/#{c.slug}" for c in tagged
    }
    head = (site / "tags/disagreement/index.html").read_text()
    assert 'href="atom.xml"' in head


def test_site_without_site_url_builds_without_feeds(project):
    """Feeds need absolute links: without site_url the build warns and writes none."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_url:", "# site_url:"))
    code, output = build_project(project)
    assert code == 0, output
    assert "no feeds written: feeds need 'site_url' in mkdocs.yml" in output
    assert feed_files(project / "site") == []
    assert "application/rss+xml" not in (project / "site/index.html").read_text()


def test_question_item_holds_the_question_not_the_answers(parsed):
    """An asker's item is what they asked; each answer is its answerer's item."""
    entries = parsed["contributors/leila-haddad/atom.xml"].entries
    item = next(e for e in entries if e.link.endswith("#same-three-voices"))
    content = item.content[0].value
    assert "how did you keep the three most confident people" in content
    assert "Asked by" in content and "Answer by" not in content
    assert "Structure helped" not in content


def test_an_id_written_in_a_body_cannot_take_over_another_item(project):
    """A member who gives a paragraph the id of someone else's piece changes no feed item."""
    links = project / "content/issues/2026-10/links-october.md"
    links.write_text(links.read_text() + "\nSee you there.\n{: #disagreement-protocol }\n")
    assert build_project(project)[0] == 0
    feed = feedparser.parse((project / "site/contributors/siobhan-oneill/atom.xml").read_bytes())
    item = next(e for e in feed.entries if e.link.endswith("#disagreement-protocol"))
    assert "Restate until they say yes" in item.content[0].value
    assert "See you there." not in item.content[0].value


NO_SESSION = {
    "content/ama/2026-09-10-voices/index.md": None,
    "content/ama/2026-09-10-voices/questions/first.md": None,
    "content/ama/2026-09-10-voices/questions/second.md": None,
}
DRAFT_ONLY = {
    **NO_SESSION,
    "content/issues/2026-09/index.md": (
        "---\ntitle: Rendez-vous\nnumber: 1\ndate: 2026-09-01\neditors: [amara]\n"
        "status: draft\n---\nSoon.\n"
    ),
}


@pytest.mark.parametrize(
    ("files", "empty", "day"),
    [
        (NO_SESSION, ["ama/"], "2026-09-01"),  # the first issue's day: empty since then
        (DRAFT_ONLY, ["", "ama/"], BUILD_DAY),  # nothing shown yet: the day of the build
    ],
    ids=["no AMA held yet", "nothing published yet"],
)
def test_an_empty_feed_is_dated_by_content_not_1970(tmp_path, files, empty, day):
    """A feed with no item (a new community's AMA feed, or every feed before the first issue)
    has RSS's lastBuildDate and Atom's updated from content: when the site began, or the day of
    the build while it shows nothing; never 1 January 1970. The Atom feed stays valid."""
    project = copy_settings(write_tree(tmp_path, files))
    code, output = build_project(project)
    assert code == 0, output
    expected = date.fromisoformat(day).timetuple()[:3]
    for folder in empty:
        for name in ("feed.xml", "atom.xml"):
            feed = read_feed(project / "site" / folder / name)
            assert (feed.bozo, feed.entries) == (False, []), folder + name
            assert feed.feed.updated_parsed[:3] == expected, folder + name
    require_atom_schema()
    atoms = [str(project / "site" / folder / "atom.xml") for folder in empty]
    result = subprocess.run(["jing", "-c", str(ATOM_SCHEMA), *atoms], capture_output=True)
    assert result.returncode == 0, result.stdout
