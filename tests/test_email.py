"""The email edition: what a mail parser, a text terminal and an SMTP server receive."""

from __future__ import annotations

import dataclasses
import email
import re
import shutil
import ssl
import subprocess
from datetime import UTC, date, datetime
from email import policy
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from polyvox.commands.email import fragments_of
from polyvox.config import SettingsError, load_content
from polyvox.engines.settings import read_settings, site_options
from polyvox.site.email import Addressing, edition, edition_files
from polyvox.site.email.fragments import WIDTH, page_url
from polyvox.site.email.html import CLIP_BYTES, COMPACTIONS, render_html
from polyvox.site.view import SiteOptions, site_context
from tests.conftest import REPO, build_project, copy_project, write_tree
from tests.support import free_port

SITE = "https://commons-circle.example.org/"
ISSUE = "2026-10"


def send(project: Path, out: Path, port: int, *recipients: str):
    """Run `polyvox email ISSUE -o OUT --send` to the recipients through 127.0.0.1:PORT (an
    argument starting with '--' is passed as it is)."""
    to = [arg for r in recipients for arg in ((r,) if r.startswith("--") else ("--to", r))]
    return run_email(project, ISSUE, "-o", str(out), "--send", *to, "--smtp", f"127.0.0.1:{port}")


def run_email(project: Path, *args: str):
    """Run `polyvox email` on a project in-process; return click's result."""
    result = CliRunner().invoke(main, ["email", "-f", str(project / "mkdocs.yml"), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def lf(text: str) -> str:
    """A part's text with the CRLF line ends of the wire turned back into newlines."""
    return text.replace("\r\n", "\n")


def with_options(project: Path, options: str) -> Path:
    """The project with the polyvox plugin given these options (YAML flow mapping)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - polyvox\n", f"  - polyvox: {options}\n")
    config.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The example project, with an unsubscribe URL and a sender configured."""
    project = copy_project(tmp_path_factory.mktemp("email"))
    return with_options(
        project,
        "{email: {from: 'Commons Circle <news@commons-circle.example.org>', "
        "reply_to: editors@commons-circle.example.org, "
        "list_unsubscribe: 'https://lists.example.org/unsubscribe?l=commons'}}",
    )


@pytest.fixture(scope="module")
def written(project: Path) -> Path:
    """The folder `polyvox email` wrote the latest issue's edition to."""
    result = run_email(project, "-o", str(project / "out"))
    assert result.exit_code == 0, result.output
    assert result.output == f"polyvox: wrote {ISSUE}.html, .txt and .eml to {project / 'out'}.\n"
    return project / "out"


@pytest.fixture(scope="module")
def shown(project: Path):
    """The site's view model of the example, as the email command sees it."""
    settings = read_settings(project / "mkdocs.yml")
    community = load_content(settings.docs_dir, settings.options).community
    return site_context(community, site_options(settings))


@pytest.fixture(scope="module")
def parsed(written: Path) -> email.message.EmailMessage:
    """The .eml as Python's email package (policy default) reads it."""
    return email.message_from_bytes((written / f"{ISSUE}.eml").read_bytes(), policy=policy.default)


@pytest.fixture(scope="module")
def html(written: Path) -> lxml.html.HtmlElement:
    """The HTML edition as a document tree."""
    return lxml.html.fromstring((written / f"{ISSUE}.html").read_bytes())


def test_eml_is_multipart_alternative_text_then_html(parsed, written):
    """A mail parser finds the text part first, then the HTML, each equal to its file."""
    assert parsed.get_content_type() == "multipart/alternative"
    parts = list(parsed.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert lf(parts[0].get_content()) == (written / f"{ISSUE}.txt").read_text(encoding="utf-8")
    assert lf(parts[1].get_content()) == (written / f"{ISSUE}.html").read_text(encoding="utf-8")
    assert parsed.get_body(("html",)) is parts[1]
    assert not parsed.defects and not any(p.defects for p in parts)


def test_eml_headers_name_the_issue_and_its_date(parsed):
    """Subject, From, Reply-To, the issue's date, a Message-ID from its URL, RFC 8058 headers."""
    assert parsed["Subject"] == "Commons Circle: In good faith"
    assert parsed["From"].addresses[0].addr_spec == "news@commons-circle.example.org"
    assert parsed["From"].addresses[0].display_name == "Commons Circle"
    assert parsed["Reply-To"] == "editors@commons-circle.example.org"
    assert parsedate_to_datetime(parsed["Date"]).date() == date(2026, 10, 26)
    assert re.fullmatch(r"<[0-9a-f]{32}@commons-circle\.example\.org>", parsed["Message-ID"])
    assert parsed["List-Unsubscribe"] == "<https://lists.example.org/unsubscribe?l=commons>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_two_runs_give_the_same_bytes(project, written, tmp_path):
    """Writing the edition again gives byte-identical files, the .eml's boundary included."""
    assert run_email(project, ISSUE, "-o", str(tmp_path)).exit_code == 0
    for name in (f"{ISSUE}.html", f"{ISSUE}.txt", f"{ISSUE}.eml"):
        assert (tmp_path / name).read_bytes() == (written / name).read_bytes(), name


def test_message_id_stays_when_the_content_changes(project, parsed, tmp_path):
    """The Message-ID comes from the issue's URL, not from what the issue says."""
    edited = copy_project(tmp_path)
    shutil.copy(project / "mkdocs.yml", edited / "mkdocs.yml")
    index = edited / "content" / "issues" / ISSUE / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert run_email(edited, "-o", str(tmp_path / "out")).exit_code == 0
    again = email.message_from_bytes(
        (tmp_path / "out" / f"{ISSUE}.eml").read_bytes(), policy=policy.default
    )
    assert again["Message-ID"] == parsed["Message-ID"]
    assert again.get_body(("plain",)).get_content() != parsed.get_body(("plain",)).get_content()


def test_without_unsubscribe_url_there_is_no_list_header(tmp_path):
    """No List-Unsubscribe header when none is configured; a From is made from site_url."""
    project = copy_project(tmp_path)
    assert run_email(project, ISSUE, "-o", str(tmp_path / "out")).exit_code == 0
    msg = email.message_from_bytes(
        (tmp_path / "out" / f"{ISSUE}.eml").read_bytes(), policy=policy.default
    )
    assert "List-Unsubscribe" not in msg and "List-Unsubscribe-Post" not in msg
    assert msg["From"] == "Commons Circle <noreply@commons-circle.example.org>"
    assert msg["Date"] == format_datetime(parsedate_to_datetime("Mon, 26 Oct 2026 00:00:00 +0000"))


def test_html_is_email_safe(html, written):
    """No script, no external stylesheet, no SVG; one <style> with @media rules only."""
    source = (written / f"{ISSUE}.html").read_text(encoding="utf-8")
    assert source.startswith("<!DOCTYPE html>")
    assert html.xpath("//script | //link | //svg | //*[local-name()='svg'] | //iframe") == []
    assert "<svg" not in source and ".svg" not in source
    assert html.xpath("//meta[@name='color-scheme']/@content") == ["light dark"]
    styles = html.xpath("//style")
    assert len(styles) == 1
    blocks = re.findall(r"@media[^{]*\{", styles[0].text)
    assert [b.split("{")[0].strip() for b in blocks] == [
        "@media (max-width: 480px)",
        "@media (prefers-color-scheme: dark)",
    ]
    assert re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", styles[0].text).strip() == ""
    cell = html.cssselect("td.pv-cell")[0]
    assert "color: #1b1c20" in cell.get("style")  # light colours are inlined
    assert html.cssselect("table.pv-card")[0].get("width") == "600"


def test_every_link_and_image_is_absolute(html):
    """A mail client has no page to resolve links against: every href and src is absolute."""
    urls = [u for el in html.iter() for u in (el.get("href"), el.get("src")) if u]
    assert urls
    assert [u for u in urls if urlsplit(u).scheme not in ("https", "mailto")] == []


def test_every_piece_is_there_with_byline_kind_and_link(html, shown):
    """Each piece: its title linking to its anchor, every co-author, its kind's heading."""
    issue = shown.issues_by_id[ISSUE]
    titles = {a.text_content(): a.get("href") for a in html.cssselect("h3 > a")}
    for piece in issue.contributions:
        assert titles[piece.meta.title] == f"{SITE}issues/{ISSUE}/#{piece.slug}"
    heading = next(
        h
        for h in html.cssselect("h3")
        if h.text_content() == "Tip: a four-step protocol for disagreeing at the rendez-vous"
    )
    byline = heading.getnext()
    assert (
        byline.text_content() == "By Siobhán O'Neill, Amara Okafor · Written without AI assistance"
    )
    assert [a.get("href") for a in byline.cssselect("a")] == [
        f"{SITE}contributors/siobhan-oneill/",
        f"{SITE}contributors/amara-okafor/",
    ]
    kinds = [h.text_content() for h in html.cssselect("h2")]
    assert kinds[:4] == ["Articles", "Counterpoints", "Stories", "Tips"]


def test_ai_label_and_counterpoint_links(html):
    """A drafted piece says so; a counterpoint links to what it answers, and back."""
    text = html.text_content()
    assert "Drafted with AI, edited by its authors" in text
    responds = [
        p for p in html.cssselect("p.pv-meta") if p.text_content().startswith("Responds to")
    ]
    assert responds
    assert all(p.cssselect("a")[0].get("href").startswith(f"{SITE}issues/") for p in responds)
    answered = [
        p for p in html.cssselect("p.pv-meta") if p.text_content().startswith("Answered by")
    ]
    assert answered


def test_ama_lists_its_questions_askers_and_answerers(html, shown):
    """The featured AMA: every question linking to its anchor, who asked and who answered."""
    session = next(s for s in shown.community.sessions if s.meta.issue == ISSUE)
    items = html.xpath("//h2[text()='This issue\u2019s AMA']/following-sibling::ul[1]/li")
    assert len(items) == len(session.questions)
    links = {li.cssselect("a")[0].get("href") for li in items}
    assert links == {f"{SITE}ama/{session.id}/#{q.slug}" for q in session.questions}
    texts = [" ".join(li.text_content().split()) for li in items]
    assert sum("Answer by Farah Siddiqui" in t for t in texts) == 9
    assert sum(t.endswith("Not answered yet") for t in texts) == 1
    assert any("Asked by Anonymous member" in t for t in texts)
    anonymous = [li for li in items if "Asked by Anonymous member" in li.text_content()]
    assert [a.text_content() for a in anonymous[0].cssselect("a")][1:] == ["Farah Siddiqui"]


def test_first_voices_are_welcomed_by_name(html, shown):
    """Everyone whose first act is in the issue is named under the welcome."""
    firsts = sorted(
        shown.people[pid].name
        for pid in shown.first_voices[ISSUE]
        if not shown.people[pid].anonymous
    )
    assert firsts
    welcome = html.xpath("//h2[text()='Welcome to our first voices']/following-sibling::p[1]")[0]
    for name in firsts:
        assert name in welcome.text_content()
    badges = [b.getparent().text_content() for b in html.cssselect("span.pv-first")]
    assert len(badges) == len(shown.first_voices[ISSUE])


def test_footer_has_feeds_contribution_and_unsubscribe(html):
    """At the bottom: the feeds, how to contribute and the unsubscribe link."""
    footer = html.cssselect("div.pv-footer")[0]
    hrefs = [a.get("href") for a in footer.cssselect("a")]
    assert hrefs[:3] == [f"{SITE}feed.xml", f"{SITE}atom.xml", f"{SITE}feed.json"]
    assert "https://lists.example.org/unsubscribe?l=commons" in hrefs
    assert "pull request" in footer.text_content()


def test_text_carries_every_url_in_lines_of_78(written, html):
    """The text edition has every URL the HTML links to, in lines of at most 78 characters."""
    text = (written / f"{ISSUE}.txt").read_text(encoding="utf-8")
    long = [line for line in text.splitlines() if len(line) > WIDTH]
    assert all(re.fullmatch(r"\S*<https://\S+>\S*", line.strip()) for line in long), long
    hrefs = {a.get("href") for a in html.iter("a")}
    in_text = set(re.findall(r"<(https?://[^>\s]+)>", text))
    assert hrefs - in_text == set()
    assert "Siobhán O'Neill" in text and "Drafted with AI, edited by its authors" in text


def test_french_site_gets_french_labels_and_dates(tmp_path):
    """theme.language fr: the subject, the date and every label are in French."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("language: en", "language: fr"), encoding="utf-8")
    assert run_email(project, ISSUE, "-o", str(tmp_path / "out")).exit_code == 0
    page = lxml.html.fromstring((tmp_path / "out" / f"{ISSUE}.html").read_bytes())
    assert page.get("lang") == "fr"
    assert page.cssselect("p.pv-meta")[0].text_content() == "Commons Circle · 26 octobre 2026"
    assert page.cssselect("h1")[0].text_content() == "Numéro 3\u202f: In good faith"
    assert "Lire ce numéro sur le site" in page.text_content()
    assert "Bienvenue à nos premières voix" in page.text_content()
    msg = email.message_from_bytes(
        (tmp_path / "out" / f"{ISSUE}.eml").read_bytes(), policy=policy.default
    )
    assert msg["Subject"] == "Commons Circle\u202f: In good faith"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("https://example.net/x", "https://example.net/x"),
        ("mailto:a@b.org", "mailto:a@b.org"),
        ("#section", f"{SITE}issues/2026-10/#section"),
        ("photo.png", f"{SITE}issues/2026-10/photo.png"),
        ("../2026-09/index.md", f"{SITE}issues/2026-09/"),
        ("../2026-09/index.md#the-quiet-ones", f"{SITE}issues/2026-09/#the-quiet-ones"),
        ("../../pages/about.md", f"{SITE}about/"),
        ("../2026-09/the-quiet-ones.md#why", f"{SITE}issues/2026-09/#the-quiet-ones-why"),
        ("/assets/a.png", f"{SITE}assets/a.png"),
    ],
)
def test_links_in_bodies_become_site_urls(target, expected):
    """A link as a member wrote it, in content/issues/2026-10/, and where the email sends it."""
    assert page_url(SITE, "issues/2026-10/", target) == expected


def test_password_in_mkdocs_yml_is_refused(tmp_path):
    """A password under email: is an error that says where passwords go."""
    project = with_options(copy_project(tmp_path), "{email: {smtp_password: hunter2}}")
    with pytest.raises(SettingsError) as caught:
        read_settings(project / "mkdocs.yml")
    assert str(caught.value) == (
        f"{project / 'mkdocs.yml'}: plugins.polyvox.email.smtp_password: the SMTP password is "
        "read from the POLYVOX_SMTP_PASSWORD environment variable only; remove it from this file"
    )


def test_unknown_issue_is_a_clear_error(project, tmp_path):
    """Asking for an issue that is not published names the ones that are."""
    result = run_email(project, "2026-11", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: no published issue '2026-11' (expected YYYY-MM of a published issue: "
        "2026-08, 2026-09, 2026-10)"
    ]


# The size budget ------------------------------------------------------------------------------

LONG_PARAGRAPH = (
    "Members wrote this paragraph to fill the issue, with a link to "
    "[the about page](../../pages/about.md) and some **emphasis**, so that it weighs what a real "
    "paragraph weighs in an email once its styles are inlined into every element. "
)


def synthetic_tree(pieces: int) -> dict[str, str]:
    """An issue of `pieces` long pieces of growing length, each with a summary."""
    files = {}
    for n in range(1, pieces + 1):
        paragraphs = "\n\n".join([LONG_PARAGRAPH * 3] * (4 + n % 7))
        files[f"content/issues/2026-09/piece-{n:02}.md"] = (
            f"---\ntitle: Piece number {n}\nauthors: [amara, tomas]\nkind: article\n"
            f"summary: The summary of piece {n}.\n---\n{paragraphs}\n"
        )
    return files


def edition_of(root: Path, files: dict[str, str | None], addressing: Addressing):
    """Issue 2026-09's edition of MINIMAL_TREE with files laid over it under root, and the site
    view model it was made from."""
    write_tree(root, files)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    community = load_content(root / "content", read_settings(root / "mkdocs.yml").options).community
    site = site_context(community, SiteOptions(today=date(2026, 11, 22), site_url=SITE))
    made = edition(
        site,
        site.issues_by_id["2026-09"],
        render_body=fragments_of(read_settings(REPO / "mkdocs.yml")),
        addressing=addressing,
    )
    return made, site


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """The edition of a synthetic issue of 60 long pieces, and its site view model."""
    root = tmp_path_factory.mktemp("big")
    return edition_of(root, synthetic_tree(60), Addressing(sender="news@example.org"))


def test_a_big_issue_stays_under_gmails_clip_size(big):
    """60 long pieces: the HTML stays under 102 KB by showing the longest by their summary."""
    made, _ = big
    full = sum(piece.size for piece in made.view.pieces if not piece.shortened)
    assert len(made.html.encode()) <= CLIP_BYTES
    assert CLIP_BYTES - len(made.html.encode()) < 10_000, "shortened far more than needed"
    assert 0 < made.view.shortened < 60 and full > 0
    page = lxml.html.fromstring(made.html)
    notice = page.cssselect("p.pv-notice")[0].text_content()
    assert notice == (
        f"{made.view.shortened} long pieces are shown by their summary, to keep this email "
        "whole: read them in full on the site."
    )


def test_the_longest_pieces_are_the_ones_shortened(big):
    """Every shortened piece is at least as long as every piece shown whole, and still listed."""
    made, site = big
    sizes = {
        p.title: len(site.pieces[f"2026-09/{p.url.rsplit('#', 1)[1]}"].body)
        for p in made.view.pieces
    }
    shortened = [p.title for p in made.view.pieces if p.shortened]
    whole = [p.title for p in made.view.pieces if not p.shortened and p.title.startswith("Piece")]
    assert min(sizes[t] for t in shortened) >= max(sizes[t] for t in whole)
    page = lxml.html.fromstring(made.html)
    for n in range(1, 61):
        link = page.xpath(f"//h3/a[text()='Piece number {n}']")
        assert link and link[0].get("href") == f"{SITE}issues/2026-09/#piece-{n:02}"
    short = next(p for p in made.view.pieces if p.shortened)
    assert f"The summary of piece {short.title.split()[-1]}." in made.text
    assert "Read it in full on the site" in page.text_content()


def crowded_tree(pieces: int = 34, questions: int = 30) -> dict[str, str]:
    """An issue of `pieces` long pieces, each by two new members with a third translating,
    featuring an AMA of `questions` questions, each from another new member and answered by
    the guest and the host: too big for Gmail even with every piece shown by its summary."""
    files = {
        f"content/contributors/member-{n:03}.md": f"---\nname: Member {n} Lindqvist-Okafor\n---\n"
        for n in range(1, 3 * pieces + questions + 1)
    }
    session = "content/ama/2026-09-10-voices/"
    files[session + "index.md"] = (
        "---\ntitle: Plural voices, with Amara Okafor\ndate: 2026-09-10\nguests: [amara]\n"
        "hosts: [tomas]\nissue: 2026-09\nsummary: An hour on rotating hosts and paid "
        "facilitators.\n---\nAsk Amara anything.\n"
    )
    files[session + "questions/first.md"] = files[session + "questions/second.md"] = None
    body = "\n\n".join([LONG_PARAGRAPH * 3] * 4)
    for n in range(1, pieces + 1):
        files[f"content/issues/2026-09/piece-{n:02}.md"] = (
            f"---\ntitle: Piece number {n}, on what a circle owes the people who keep it going\n"
            f"authors: [member-{3 * n - 2:03}, member-{3 * n - 1:03}]\n"
            f"translators: [member-{3 * n:03}]\nreviewers: [tomas]\nkind: article\n"
            f"summary: What piece {n} argues, and why a member wrote it this month.\n---\n"
            f"{body}\n"
        )
    for n in range(1, questions + 1):
        files[f"{session}questions/q-{n:02}.md"] = (
            f"---\nasked_by: member-{3 * pieces + n:03}\n---\nHow does question {n} about "
            "rotating hosts, paid facilitators and plural voices get a good answer?\n\n"
            "<!-- answer: amara -->\nLike this.\n\n<!-- answer: tomas -->\nAnd like this.\n"
        )
    return files


UNSUBSCRIBE = "https://lists.example.org/unsubscribe?l=commons"


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """The edition of crowded_tree()'s issue, and its site view model."""
    addressing = Addressing(sender="news@example.org", list_unsubscribe=UNSUBSCRIBE)
    return edition_of(tmp_path_factory.mktemp("crowded"), crowded_tree(), addressing)


def test_a_crowded_issue_fits_the_clip_and_keeps_every_name(crowded):
    """34 pieces and an AMA of 30 questions: 185,350 bytes with every piece by its summary, so
    the edition is made more compact until it fits; every person of the issue is still named
    (and linked, in the voices), every piece and question linked, the unsubscribe link last."""
    made, site = crowded
    assert len(made.html.encode()) <= CLIP_BYTES
    page = lxml.html.fromstring(made.html)
    text = page.text_content()
    names = [v.person.name for v in site.voices_in("2026-09")]
    assert len(names) == 134
    assert [n for n in names if n not in text or n not in made.text] == []
    voices = page.xpath("//h2[text()='Voices in this issue']/following-sibling::p[1]//a")
    assert sorted(a.text_content() for a in voices) == sorted(names)
    pieces = {a.get("href") for a in page.xpath("//h3/a")}
    assert {f"{SITE}issues/2026-09/#piece-{n:02}" for n in range(1, 35)} <= pieces
    questions = {a.get("href") for a in page.xpath("//li/a")}
    assert questions == {f"{SITE}ama/2026-09-10-voices/#q-{n:02}" for n in range(1, 31)}
    assert page.xpath("//a")[-1].get("href") == UNSUBSCRIBE
    assert page.cssselect("p.pv-notice")[0].text_content() == (
        "36 pieces are listed by their title and byline, to keep this email whole: read them "
        "on the site."
    )


def test_a_crowded_issue_is_made_no_more_compact_than_it_needs(crowded):
    """Each step is taken only while the edition is too big: without the last one taken, it
    would not fit; every piece was shown by its summary before any other step."""
    made, _ = crowded
    taken = [step for step in COMPACTIONS if getattr(made.view, step)]
    assert taken == list(COMPACTIONS[: len(taken)]) and taken
    before = dataclasses.replace(made.view, **{taken[-1]: False})
    assert len(render_html(before).encode()) > CLIP_BYTES
    assert made.view.shortened == len(made.view.pieces)


def test_a_small_issue_is_never_shortened(html):
    """The example issue fits whole: no notice, no summary in place of a body."""
    assert html.cssselect("p.pv-notice") == []
    assert "Read it in full on the site" not in html.text_content()


# Sending --------------------------------------------------------------------------------------


class Collector:
    """An aiosmtpd handler that keeps every message and refuses addresses at refused.example."""

    def __init__(self):
        self.envelopes = []
        self.over_tls = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        """Accept a recipient unless its domain is refused.example."""
        if address.endswith("@refused.example"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        """Keep the message."""
        self.envelopes.append(envelope)
        self.over_tls.append(session.ssl is not None)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on 127.0.0.1; yields (port, handler)."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    handler = Collector()
    controller = controller_module.Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, handler
    finally:
        controller.stop()


def test_send_delivers_one_copy_to_each_recipient(project, smtp_server, tmp_path):
    """--send hands the message to a real SMTP server, one envelope per reader."""
    port, handler = smtp_server
    result = send(project, tmp_path, port, "ana@example.org", "ben@example.org")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.splitlines()[-1]
        == f"polyvox: sent {ISSUE} to 2 recipients via 127.0.0.1:{port}."
    )
    assert [e.rcpt_tos for e in handler.envelopes] == [["ana@example.org"], ["ben@example.org"]]
    assert handler.envelopes[0].mail_from == "news@commons-circle.example.org"
    for envelope, reader in zip(
        handler.envelopes, ("ana@example.org", "ben@example.org"), strict=True
    ):
        got = email.message_from_bytes(envelope.original_content, policy=policy.default)
        assert got["To"] == reader
        assert got["Subject"] == "Commons Circle: In good faith"
        assert lf(got.get_body(("html",)).get_content()) == (tmp_path / f"{ISSUE}.html").read_text(
            encoding="utf-8"
        )


def test_a_message_sent_now_is_dated_now_and_its_archive_by_the_issue(
    project, smtp_server, tmp_path
):
    """Date: of the message a reader receives is when it was sent; the .eml written for the
    archive keeps the issue's day (and so the same bytes at every run)."""
    port, handler = smtp_server
    before = datetime.now(UTC).replace(microsecond=0)
    result = send(project, tmp_path, port, "ana@example.org")
    after = datetime.now(UTC)
    assert result.exit_code == 0, result.output
    got = email.message_from_bytes(handler.envelopes[0].original_content, policy=policy.default)
    assert before <= parsedate_to_datetime(got["Date"]) <= after
    archived = email.message_from_bytes(
        (tmp_path / f"{ISSUE}.eml").read_bytes(), policy=policy.default
    )
    assert parsedate_to_datetime(archived["Date"]) == datetime(2026, 10, 26, tzinfo=UTC)
    assert got["Message-ID"] == archived["Message-ID"]


def test_send_without_unsubscribe_is_refused_unless_asked(smtp_server, tmp_path):
    """With no list_unsubscribe, --send would reach readers with no way out: refused, nothing
    sent or written; --no-unsubscribe (a list server that adds its own link) sends it."""
    port, handler = smtp_server
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    result = send(project, tmp_path / "out", port, "ana@example.org")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"Error: {config}: email.list_unsubscribe is not set, so readers would get no way to "
            "unsubscribe: set it to your list's unsubscribe address, or add --no-unsubscribe if "
            "the list server adds its own link; nothing was sent"
        ],
    )
    assert handler.envelopes == [] and not (tmp_path / "out").exists()
    result = send(project, tmp_path / "out", port, "ana@example.org", "--no-unsubscribe")
    assert result.exit_code == 0, result.output
    assert [e.rcpt_tos for e in handler.envelopes] == [["ana@example.org"]]


def test_an_issue_published_for_a_later_day_is_scheduled(project, tmp_path):
    """An issue published but dated after today is not 'no such issue': the command says for
    when it is scheduled, and --today writes it now."""
    result = run_email(project, ISSUE, "-o", str(tmp_path), "--today", "2026-10-01")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"Error: issue '{ISSUE}' is scheduled for 2026-10-26: readers see it from that day; "
            "to write its email edition now, add --today 2026-10-26"
        ],
    )
    result = run_email(project, ISSUE, "-o", str(tmp_path), "--today", "2026-10-26")
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{ISSUE}.eml").is_file()


def test_refused_connection_is_one_line_and_exit_1(project, tmp_path):
    """Nothing listening: one line naming the address and the cause, exit code 1."""
    port = free_port()
    result = send(project, tmp_path, port, "a@example.org")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: cannot send: 127.0.0.1:{port} refused the connection"
    ]


def test_rejected_recipient_is_one_line_and_exit_1(project, smtp_server, tmp_path):
    """A recipient the server refuses is named with the server's reply."""
    port, _ = smtp_server
    result = send(project, tmp_path, port, "x@refused.example")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: cannot send: 127.0.0.1:{port} refused the recipient x@refused.example "
        "(550 5.1.1 mailbox unavailable)"
    ]


def test_send_without_recipient_is_a_usage_error(project, tmp_path):
    """--send with no --to says what is missing."""
    result = run_email(project, ISSUE, "-o", str(tmp_path), "--send")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --send needs at least one --to ADDRESS"


# STARTTLS and login ---------------------------------------------------------------------------

LOGIN, PASSWORD = "editor", "s3cret"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> Path:
    """A self-signed certificate for 127.0.0.1 (openssl), trusted through SSL_CERT_FILE."""
    if not shutil.which("openssl"):
        pytest.fail("openssl is missing: tests/system-deps.sh installs it", pytrace=False)
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(folder / "key.pem"),
            "-out",
            str(folder / "cert.pem"),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return folder


@pytest.fixture
def tls_server(certificate, monkeypatch):
    """An SMTP server offering STARTTLS and a login only over TLS; yields (port, handler)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate / "cert.pem", certificate / "key.pem")
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate / "cert.pem"))

    def authenticate(server, session, envelope, mechanism, auth_data):
        known = (auth_data.login, auth_data.password) == (LOGIN.encode(), PASSWORD.encode())
        return AuthResult(success=known, handled=False)

    handler = Collector()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        authenticator=authenticate,
        auth_require_tls=True,
    )
    controller.start()
    try:
        yield controller.port, handler
    finally:
        controller.stop()


@pytest.fixture
def with_login(tmp_path) -> Path:
    """The example project with an SMTP login configured (its password never in the file)."""
    return with_options(
        copy_project(tmp_path),
        f"{{email: {{smtp_user: {LOGIN}, list_unsubscribe: 'https://lists.example.org/u'}}}}",
    )


def test_starttls_then_login_when_the_server_offers_it(
    with_login, tls_server, monkeypatch, tmp_path
):
    """The server offers STARTTLS: the message goes over TLS, logged in with the env password."""
    port, handler = tls_server
    monkeypatch.setenv("POLYVOX_SMTP_PASSWORD", PASSWORD)
    result = send(with_login, tmp_path / "out", port, "a@example.org")
    assert result.exit_code == 0, result.output
    assert [e.rcpt_tos for e in handler.envelopes] == [["a@example.org"]]
    assert handler.over_tls == [True]


def test_refused_login_is_one_line_and_exit_1(with_login, tls_server, monkeypatch, tmp_path):
    """A wrong password: one line naming the server, the login and its reply."""
    port, handler = tls_server
    monkeypatch.setenv("POLYVOX_SMTP_PASSWORD", "wrong")
    result = send(with_login, tmp_path / "out", port, "a@example.org")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: cannot send: 127.0.0.1:{port} refused the login of editor: "
        "535 5.7.8 Authentication credentials invalid"
    ]
    assert handler.envelopes == []


def test_login_without_password_in_the_environment_says_where_it_goes(
    with_login, tls_server, monkeypatch, tmp_path
):
    """smtp_user set, no POLYVOX_SMTP_PASSWORD: the message says which variable to set."""
    port, _ = tls_server
    monkeypatch.delenv("POLYVOX_SMTP_PASSWORD", raising=False)
    result = send(with_login, tmp_path / "out", port, "a@example.org")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: email.smtp_user is set but POLYVOX_SMTP_PASSWORD is not: export the password "
        "in that environment variable"
    ]


def test_rss_feed_for_email_services_has_full_content_with_absolute_urls(example_site):
    """What Buttondown or Mailchimp read from /feed.xml: whole issues, no relative URL."""
    import feedparser

    feed = feedparser.parse((example_site / "feed.xml").read_bytes())
    assert feed.entries
    for entry in feed.entries:
        content = lxml.html.fromstring(entry.content[0].value)
        assert content.cssselect("h3"), entry.link  # the whole issue, not an excerpt
        urls = [u for el in content.iter() for u in (el.get("href"), el.get("src")) if u]
        assert any(el.get("src") for el in content.iter("img"))
        assert [u for u in urls if not urlsplit(u).scheme] == [], entry.link


def test_unsubscribe_url_must_be_https(tmp_path):
    """One-click unsubscription (RFC 8058) needs an https URL; anything else is refused."""
    project = with_options(copy_project(tmp_path), "{email: {list_unsubscribe: 'mailto:u@x.org'}}")
    with pytest.raises(SettingsError) as caught:
        read_settings(project / "mkdocs.yml")
    assert str(caught.value) == (
        f"{project / 'mkdocs.yml'}: plugins.polyvox.email.list_unsubscribe: expects an https:// "
        "URL (RFC 8058 one-click), found 'mailto:u@x.org'"
    )


def test_edition_files_hold_every_published_issue_as_the_command_writes_it(project, written, shown):
    """What `build` will write: three files per published issue, the same bytes as the command."""
    settings = read_settings(project / "mkdocs.yml")
    files = edition_files(
        shown,
        render_body=fragments_of(settings),
        addressing=Addressing(
            sender=settings.options.email.sender,
            reply_to=settings.options.email.reply_to,
            list_unsubscribe=settings.options.email.list_unsubscribe,
        ),
    )
    published = [i.id for i in shown.community.issues if i.published]
    assert sorted(files) == sorted(
        f"{i}.{ext}" for i in published for ext in ("eml", "html", "txt")
    )
    for ext in ("html", "txt", "eml"):
        assert files[f"{ISSUE}.{ext}"] == (written / f"{ISSUE}.{ext}").read_bytes()


def test_an_editorial_past_the_clip_size_is_written_with_a_warning(tmp_path):
    """Nothing left to shorten: the edition is still written, and the editor is told."""
    editorial = "\n\n".join([LONG_PARAGRAPH * 4] * 200)
    root = write_tree(
        tmp_path,
        {
            "content/issues/2026-09/index.md": (
                "---\ntitle: Rendez-vous\nnumber: 1\ndate: 2026-09-01\neditors: [amara]\n---\n"
                f"{editorial}\n"
            )
        },
    )
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    result = run_email(root, "2026-09", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    size = (tmp_path / "out" / "2026-09.html").stat().st_size
    assert size > CLIP_BYTES
    assert result.stderr.splitlines() == [
        f"polyvox: warning: 2026-09.html is {size:,} bytes even made as compact as it can be; "
        f"Gmail clips a message past {CLIP_BYTES:,} bytes"
    ]


def test_anonymous_author_is_credited_but_never_named(tmp_path):
    """An anonymous co-author shows as 'Anonymous member', unlinked, in both editions."""
    root = write_tree(
        tmp_path,
        {
            "content/issues/2026-09/quiet.md": (
                "---\ntitle: Quiet voices\nauthors: [anon, amara]\nkind: story\n---\nWe spoke.\n"
            )
        },
    )
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    assert run_email(root, "2026-09", "-o", str(tmp_path / "out")).exit_code == 0
    page = lxml.html.fromstring((tmp_path / "out" / "2026-09.html").read_bytes())
    heading = page.xpath("//h3[a='Quiet voices']")[0]
    byline = heading.getnext()
    assert byline.text_content() == "By Anonymous member, Amara Okafor"
    assert [a.text_content() for a in byline.cssselect("a")] == ["Amara Okafor"]
    for name in ("2026-09.html", "2026-09.txt"):  # the .eml's parts are these files
        data = (tmp_path / "out" / name).read_bytes()
        assert b"A member" not in data and b"contributors/anon/" not in data, name


def test_build_with_email_publishes_every_edition_with_the_site(project, written, tmp_path):
    """`build --email` writes the editions into site/email/, the bytes `polyvox email` writes;
    a plain build writes none."""
    code, output = build_project(project)
    assert code == 0, output
    assert not (project / "site" / "email").exists()
    code, output = build_project(project, "--email")
    assert code == 0, output
    names = sorted(p.name for p in (project / "site" / "email").iterdir())
    assert names == [
        f"{i}.{ext}" for i in ("2026-08", "2026-09", "2026-10") for ext in ("eml", "html", "txt")
    ]
    for ext in ("html", "txt", "eml"):
        built = (project / "site" / "email" / f"{ISSUE}.{ext}").read_bytes()
        assert built == (written / f"{ISSUE}.{ext}").read_bytes()
