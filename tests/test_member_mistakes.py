"""What a first-time member writes, as a new user would: each mistake is refused with its exact
message and the line it names, and what is right passes and shows as meant on the page.

The tree is MINIMAL_TREE (issue 2026-09 published; a session; profiles, one anonymous) with a
draft issue 2026-10, a few images, and one file under test: content/issues/2026-09/links.md,
whose body starts on line 6.
"""

from __future__ import annotations

import shutil

import lxml.html
import pytest
from click.testing import CliRunner

from polyvox.commands.cli import main
from tests.conftest import REPO

PIECE = "content/issues/2026-09/links.md"
HEAD = "---\ntitle: Links\nauthors: [amara]\nkind: article\n---\n"
"""Front matter of the piece under test: its body starts on line 6."""
PNG = b"\x89PNG\r\n\x1a\n"
IMAGES = {
    "content/assets/Ledger.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>\n',
    "content/issues/2026-09/img/map.png": PNG,
    "content/issues/2026-10/chart.png": PNG,
}
DRAFT = {
    "content/issues/2026-10/index.md": (
        "---\ntitle: Later\nnumber: 2\ndate: 2026-10-01\neditors: [amara]\nstatus: draft\n---\n"
    ),
    "content/issues/2026-10/later.md": (
        "---\ntitle: Later\nauthors: [amara]\nkind: article\n---\nSoon.\n"
    ),
}
REPLY = (
    "---\ntitle: Rotation is not enough\nauthors: [tomas-r]\nkind: counterpoint\n"
    "responds_to: 2026-09/hosting\n---\nIt also takes invitations.\n\n## Who gets asked\n\nUs.\n"
)
"""The reply piece, with a heading of its own to link to."""
MISSING_IMAGE = (
    "which does not exist: add the file there, or correct the path (images go in "
    "content/assets/ or next to the file that shows them)"
)


def tree(body: str) -> dict[str, str | bytes]:
    """The files of the test tree, with the piece under test holding body."""
    return {
        **IMAGES,
        **DRAFT,
        "content/issues/2026-09/reply.md": REPLY,
        PIECE: HEAD + body,
    }


LINKS_AND_IMAGES = [
    pytest.param(
        "![The projector](projector.jpg)\n",
        "6: error: image 'projector.jpg' leads to content/issues/2026-09/projector.jpg, "
        + MISSING_IMAGE,
        id="image that is not there",
    ),
    pytest.param(
        "Text.\n\n![The ledger](../../assets/ledger.svg)\n",
        "8: error: image '../../assets/ledger.svg' leads to content/assets/ledger.svg, which "
        "does not exist (the server tells upper and lower case apart): did you mean "
        "../../assets/Ledger.svg?",
        id="image named in another case",
    ),
    pytest.param(
        '<img src="atelier.png" alt="The atelier">\n',
        "6: error: <img src> 'atelier.png' leads to content/issues/2026-09/atelier.png, "
        + MISSING_IMAGE,
        id="html image that is not there",
    ),
    pytest.param(
        "![The map](map.png)\n",
        "6: error: image 'map.png' leads to content/issues/2026-09/map.png, which does not "
        "exist: did you mean img/map.png?",
        id="image in a subfolder named without it",
    ),
    pytest.param(
        "![A photo](/assets/photo.png)\n",
        "6: error: image '/assets/photo.png' is absolute: write it relative to this file, e.g. "
        "../../assets/photo.png",
        id="absolute image",
    ),
    pytest.param(
        "![A chart](../2026-10/chart.png)\n",
        "6: error: image '../2026-10/chart.png' is in the folder of issue 2026-10, which is "
        "still a draft, so it is published only with that issue: move it to content/assets/ "
        "and write ../../assets/chart.png",
        id="image of a draft issue",
    ),
    pytest.param(
        "![The reply](reply.md)\n",
        "6: error: image 'reply.md' leads to content/issues/2026-09/reply.md, which is not "
        "an image: name an image file",
        id="image that is a piece",
    ),
    pytest.param(
        "[x](/issues/2099-01/)\n",
        "6: error: link '/issues/2099-01/' leads to /issues/2099-01/, which is not a page of "
        "the site: name a page by its folder from this file, e.g. ../../voices/",
        id="site path of a page that will not exist",
    ),
    pytest.param(
        "[x](/content/issues/2026-09/reply.md)\n",
        "6: error: link '/content/issues/2026-09/reply.md' is written from the repository's "
        "root, where the site has no 'content/' folder: write it from this file: reply.md",
        id="repository-root path",
    ),
    pytest.param(
        "See [the reply](content/issues/2026-09/reply.md#who-gets-asked).\n",
        "6: error: link 'content/issues/2026-09/reply.md#who-gets-asked' is written from the "
        "repository's root, where the site has no 'content/' folder: write it from this file: "
        "reply.md#who-gets-asked",
        id="repository path without its first slash",
    ),
    pytest.param(
        "[x](../2026-10/later)\n",
        "6: error: link '../2026-10/later' leads to content/issues/2026-10/later.md, in issue "
        "2026-10, which is still a draft: readers cannot follow it; link it once that issue is "
        "published",
        id="piece of a draft, without .md",
    ),
    pytest.param(
        "[x](/issues/2026-10/)\n",
        "6: error: link '/issues/2026-10/' leads to content/issues/2026-10/index.md, in issue "
        "2026-10, which is still a draft: readers cannot follow it; link it once that issue is "
        "published",
        id="page of a draft issue",
    ),
    pytest.param(
        "[x](../../contributors/anon.md)\n",
        "6: error: link '../../contributors/anon.md' leads to the profile of an anonymous "
        "member, which the site never publishes: remove the link",
        id="profile of an anonymous member",
    ),
    pytest.param(
        "[x](rely)\n",
        "6: error: link 'rely' leads to /issues/2026-09/rely, which is not a page of the site: "
        "did you mean reply.md?",
        id="misspelt piece without .md",
    ),
    pytest.param(
        "[x](../2026-08/reply.md)\n",
        "6: error: link '../2026-08/reply.md' leads to content/issues/2026-08/reply.md, which "
        "is not a content file: did you mean reply.md?",
        id="piece named in the wrong issue",
    ),
]


LEGITIMATE_LINKS = (
    "[a](/issues/2026-09/reply.md) [b](/contributors/amara.md) [c](reply) [d](../2026-09/reply)\n"
    "[e](../../contributors/amara/) [f](../../tags/facilitation/) [g](/voices/) [h](../../)\n"
    "[i](reply.md#who-gets-asked) [j](../../pages/about.md) [k](../../about/)\n"
    "[l](../../ama/2026-09-10-voices/questions/first.md) [m](/feed.xml) [n](img/map.png)\n\n"
    "![The map](img/map.png) ![The ledger](../../assets/Ledger.svg)\n"
)
"""Every way of writing a link to something on the site, each leading somewhere."""
EXPECTED_HREFS = [
    "./#reply",
    "../../contributors/amara/",
    "./#reply",
    "./#reply",
    "../../contributors/amara/",
    "../../tags/facilitation/",
    "../../voices/",
    "../../",
    "./#reply-who-gets-asked",
    "../../about/",
    "../../about/",
    "../../ama/2026-09-10-voices/#first",
    "../../feed.xml",
    "img/map.png",
]


def build(root, *args: str) -> None:
    """Build a content tree with the example's settings and theme."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme", dirs_exist_ok=True)
    result = CliRunner().invoke(
        main, ["build", "-f", str(root / "mkdocs.yml"), "--today", "2026-09-30", *args]
    )
    assert result.exit_code == 0, result.output


def test_every_way_of_writing_a_link_inside_the_site_leads_where_it_is_published(
    content_tree, run_check
):
    """Relative or from the site's root, with or without .md, to a piece, a profile, a tag,
    a page or a feed: check passes, and the page links each where it is published."""
    root = content_tree(tree(LEGITIMATE_LINKS))
    assert run_check(root, "--today", "2026-09-30") == (
        0,
        ["polyvox: 16 files checked, no problems found."],
    )
    build(root)
    page = lxml.html.parse(root / "site/issues/2026-09/index.html").getroot()
    [section] = page.xpath('//section[h3[@id="links"]]')
    hrefs = [a.get("href") for a in section.xpath(".//p[not(@class)]//a")]
    assert hrefs == EXPECTED_HREFS
    assert [img.get("src") for img in section.iter("img")][-2:] == [
        "img/map.png",
        "../../assets/Ledger.svg",
    ]
    assert (root / "site/issues/2026-09/img/map.png").read_bytes() == PNG
    feed = (root / "site/feed.xml").read_text(encoding="utf-8")
    assert "https://commons-circle.example.org/issues/2026-09/#reply-who-gets-asked" in feed
    assert "reply.md" not in feed and "/contributors/amara.md" not in feed


ANCHORS = [
    pytest.param(
        "[x](reply.md#no-such-heading)\n",
        "6: error: link 'reply.md#no-such-heading' leads to '#no-such-heading', which "
        "content/issues/2026-09/reply.md does not have: its headings are #who-gets-asked",
        id="anchor the piece does not have",
    ),
    pytest.param(
        "[x](reply.md#who-get-asked)\n",
        "6: error: link 'reply.md#who-get-asked' leads to '#who-get-asked', which "
        "content/issues/2026-09/reply.md does not have: did you mean '#who-gets-asked'?",
        id="misspelt anchor",
    ),
    pytest.param(
        "Text.\n\n## What we found\n\nAs [above](#what-we-fond).\n",
        "10: error: link '#what-we-fond' leads to '#what-we-fond', which this page does not "
        "have: did you mean '#links-what-we-found'?",
        id="misspelt anchor of its own heading",
    ),
    pytest.param(
        "[x](../../ama/2026-09-10-voices/questions/first.md#answer-2)\n",
        "6: error: link '../../ama/2026-09-10-voices/questions/first.md#answer-2' leads to "
        "'#answer-2', which content/ama/2026-09-10-voices/questions/first.md does not have: "
        "did you mean '#answer-1'?",
        id="answer that is not there",
    ),
    pytest.param(
        "[x](../../pages/about.md#team)\n",
        "6: error: link '../../pages/about.md#team' leads to '#team', which "
        "content/pages/about.md does not have: its headings are #about",
        id="anchor on a free page",
    ),
]


@pytest.mark.parametrize(("body", "expected"), LINKS_AND_IMAGES + ANCHORS)
def test_a_link_image_or_anchor_that_leads_nowhere_is_refused_with_what_would_work(
    content_tree, run_check, body, expected
):
    """Each broken link or image is refused on its line, with the path that would work; an
    anchor, against the ids the site really gives the target's headings."""
    code, lines = run_check(content_tree(tree(body)), "--today", "2026-09-30")
    assert (code, lines[:-1]) == (1, [f"{PIECE}:{expected}"])


def test_anchors_land_on_the_headings_they_name_in_page_feed_and_email(content_tree, tmp_path):
    """A link to another piece's heading, to an answer and to the piece's own heading lands on
    the id the page gives it, on the page, in the feed (absolute) and in the email."""
    body = (
        "See [who](reply.md#who-gets-asked), [the answer](../../ama/2026-09-10-voices/"
        "questions/first.md#answer-1) and [below](#what-we-found).\n\n## What we found\n\nIt.\n"
    )
    root = content_tree(tree(body))
    build(root, "--email")
    page = lxml.html.parse(root / "site/issues/2026-09/index.html").getroot()
    [section] = page.xpath('//section[h3[@id="links"]]')
    hrefs = [a.get("href") for a in section.xpath(".//p[not(@class)]//a")]
    assert hrefs == [
        "./#reply-who-gets-asked",
        "../../ama/2026-09-10-voices/#first-answer-1",
        "#links-what-we-found",
    ]
    assert page.get_element_by_id("reply-who-gets-asked").text_content().startswith("Who gets")
    session = lxml.html.parse(root / "site/ama/2026-09-10-voices/index.html").getroot()
    assert session.get_element_by_id("first-answer-1") is not None
    site = "https://commons-circle.example.org/"
    feed = (root / "site/feed.xml").read_text(encoding="utf-8")
    assert f"{site}issues/2026-09/#reply-who-gets-asked" in feed
    assert f"{site}ama/2026-09-10-voices/#first-answer-1" in feed
    email = lxml.html.parse(root / "site/email/2026-09.html").getroot()
    links = {a.text_content(): a.get("href") for a in email.iter("a")}
    assert links["who"] == f"{site}issues/2026-09/#reply-who-gets-asked"
    assert links["the answer"] == f"{site}ama/2026-09-10-voices/#first-answer-1"
    assert links["below"] == f"{site}issues/2026-09/#links-what-we-found"


def built_question(content_tree, text: str):
    """The section of the session page that shows a question of this text (and its turns)."""
    root = content_tree(
        {"content/ama/2026-09-10-voices/questions/first.md": f"---\nasked_by: anon\n---\n{text}"}
    )
    build(root)
    page = lxml.html.parse(root / "site/ama/2026-09-10-voices/index.html").getroot()
    [question] = page.xpath('//section[h3[@id="first"]]')
    return question


def test_a_question_of_several_paragraphs_says_its_first_once(content_tree):
    """The heading is the first sentence; the page shows only what follows it."""
    question = built_question(
        content_tree,
        "How do you start a circle\nfrom nothing?\n\n"
        "We have six people and a room.\n\n<!-- answer: amara -->\nSmall.\n",
    )
    assert (
        question.find("h3").text_content().rstrip("¶") == "How do you start a circle from nothing?"
    )
    text = " ".join(question.find_class("pv-question")[0].text_content().split())
    assert "from nothing?" not in text and "We have six people and a room." in text


def test_a_question_whose_first_sentence_holds_a_link_is_read_whole_below(content_tree):
    """A heading is plain text: when the first sentence holds a link, the heading is that
    sentence and the whole question is read below it, so the link is not lost."""
    question = built_question(
        content_tree,
        "Have you read [the guide](https://example.org/g)? We did.\n\nIt helped.\n\n"
        "<!-- answer: amara -->\nYes.\n",
    )
    heading = question.find("h3").text_content().rstrip("¶")
    assert heading == "Have you read [the guide](https://example.org/g)?"
    [text] = question.find_class("pv-question")
    bylines = set(text.cssselect(".pv-asker a, .pv-turn-by a"))
    assert [a.get("href") for a in text.iter("a") if a not in bylines] == ["https://example.org/g"]
    said = " ".join(text.text_content().split())
    assert "Have you read the guide? We did. It helped." in said


AS_FENCE = "to show it as text, put it between ``` fences"


def as_text(tag: str) -> str:
    """The fix offered for a tag inside a sentence."""
    return f"to show the tag as text, put it in backticks: `{tag}`"


WRITING_ABOUT_HTML = [
    pytest.param(
        "the <p> tag wraps text, the <img> tag shows images, and the <div> tag groups things\n",
        [
            "6: error: <div> starts a block in the middle of a sentence, which ends the "
            f"paragraph there and breaks the page: {as_text('<div>')}; to use it, start it on "
            "a line of its own",
            '6: error: <img> has no src and no alt: an image needs its file (src="photo.png") '
            f'and what it shows in words (alt="..."); {as_text("<img>")}',
            "6: error: <p> starts a block in the middle of a sentence, which ends the "
            f"paragraph there and breaks the page: {as_text('<p>')}; to use it, start it on a "
            "line of its own",
        ],
        id="writing about tags",
    ),
    pytest.param(
        "trust & <practice> collide\n",
        [
            "6: error: <practice> is not allowed: it is not among the elements members' HTML "
            "may use (see 'HTML you may write' in CONTRIBUTING.md); remove it "
            f"({as_text('<practice>')}, or write &lt;practice>)"
        ],
        id="a word in angle brackets",
    ),
    pytest.param(
        "Pasting the <iframe> tag from a video site does not work here.\n",
        [
            "6: error: <iframe> is not allowed: it embeds another page or program in the site; "
            f"remove it ({as_text('<iframe>')}, or write &lt;iframe>)"
        ],
        id="a refused tag in a sentence",
    ),
    pytest.param(
        'Text.\n\n<iframe\n  src="https://example.org/video">\n</iframe>\n',
        [
            "8: error: <iframe> is not allowed: it embeds another page or program in the site; "
            "remove it (to show it as code, put it between ``` fences)"
        ],
        id="a refused block over several lines",
    ),
    pytest.param(
        "<div>\nA block that is never closed.\n\nThe rest of the piece.\n",
        [
            "6: error: <div> is never closed, so everything after it would be part of it: "
            f"close it with </div>, or {AS_FENCE}"
        ],
        id="a block never closed",
    ),
    pytest.param(
        "Some <span>text\n\nand more.\n",
        [
            "6: error: <span> is never closed, so the rest of its paragraph would be part of "
            f"it: close it with </span>, or {as_text('<span>')}"
        ],
        id="an element never closed in a sentence",
    ),
    pytest.param(
        "Bold</b> by mistake.\n",
        [f"6: error: </b> closes nothing that is open here: remove it, or {as_text('</b>')}"],
        id="a closing tag of nothing",
    ),
    pytest.param(
        '<img src="img/map.png">\n',
        [
            '6: error: <img src="img/map.png"> has no alt: say what the image shows, '
            'alt="..." (alt="" for a decoration)'
        ],
        id="an image without words",
    ),
]


@pytest.mark.parametrize(("body", "expected"), WRITING_ABOUT_HTML)
def test_html_that_would_break_the_page_is_refused_with_the_fix_that_fits(
    content_tree, run_check, body, expected
):
    """Tags Markdown reads as HTML must be whole; the fix fits where they are written."""
    code, lines = run_check(content_tree(tree(body)), "--today", "2026-09-30")
    assert (code, lines[:-1]) == (1, [f"{PIECE}:{line}" for line in expected])


PROSE_AND_WHOLE_HTML = (
    "If a<b, then stop; 1 < 2 and 3 > 2.\n\n"
    "<kbd>Ctrl</kbd>+<kbd>C</kbd> copies; x<br>y breaks.\n\n"
    "A `<div>` groups things; so does `<section>`.\n\n"
    "<details>\n<summary>More</summary>\n\nInside.\n\n</details>\n\n"
    '<img src="img/map.png" alt="The map">\n'
)


def test_prose_with_angle_brackets_and_whole_html_pass_and_show_as_written(content_tree, run_check):
    """'a<b' is text to Markdown, <kbd> and <details> are whole: check passes, the page shows
    the text as written and the HTML as HTML."""
    root = content_tree(tree(PROSE_AND_WHOLE_HTML))
    assert run_check(root, "--today", "2026-09-30")[0] == 0
    build(root)
    page = lxml.html.parse(root / "site/issues/2026-09/index.html").getroot()
    [section] = page.xpath('//section[h3[@id="links"]]')
    text = " ".join(section.text_content().split())
    assert "If a<b, then stop; 1 < 2 and 3 > 2." in text
    assert [k.text_content() for k in section.iter("kbd")] == ["Ctrl", "C"]
    assert "A <div> groups things; so does <section>." in text
    assert section.find(".//details/summary").text_content() == "More"


def piece_with(front: str) -> dict[str, str]:
    """The tree with the piece under test holding this front matter (between the '---')."""
    return {**tree(""), PIECE: f"---\n{front}---\nText.\n"}


FRONT_MATTER = [
    pytest.param(
        piece_with("title: Ledger #2: what it remembers\nauthors: [amara]\nkind: article\n"),
        0,
        [
            f"{PIECE}:2: warning: 'title' stops at ' #': YAML reads '#2: what it remembers' as "
            "a comment, so the title is 'Ledger'; to keep it all, put it in quotes: title: "
            '"Ledger #2: what it remembers"'
        ],
        id="a title cut by a comment",
    ),
    pytest.param(
        piece_with(
            "title: \u201cMemory: what the ledger keeps\u201d\nauthors: [amara]\nkind: article\n"
        ),
        1,
        [
            f"{PIECE}:2: error: front matter is not valid YAML, column 15: mapping values are "
            "not allowed in this context: typographic quotes (\u201c \u201d) are not quotes for "
            "YAML, so the ': ' inside ends the value; use straight double quotes: title: "
            '"Memory: what the ledger keeps"'
        ],
        id="typographic quotes",
    ),
    pytest.param(
        {
            "content/contributors/noa.md": (
                "---\nname: Noa Abd\npronouns: she/her\nlinks:\n  Site: https://noa.example\n"
                "aliases: [noa-a]\ngithub noabd\n---\nHi.\n"
            )
        },
        1,
        [
            "content/contributors/noa.md:7: error: front matter is not valid YAML: 'github "
            "noabd' has no ':' after its key: write 'github: noabd'"
        ],
        id="a key without its colon",
    ),
]


@pytest.mark.parametrize(("files", "code", "expected"), FRONT_MATTER)
def test_front_matter_mistakes_are_named_on_their_line_with_the_line_to_write(
    content_tree, run_check, files, code, expected
):
    """YAML's own words are not a member's: each mistake gets the line to write instead."""
    found, lines = run_check(content_tree(files), "--today", "2026-09-30")
    assert (found, lines[:-1]) == (code, expected)


MISLEADING = [
    pytest.param(
        {"content/issues/2026-09/notes.md.txt": "---\ntitle: Notes\n---\n"},
        [
            "content/issues/2026-09/notes.md.txt: error: '.txt' files are not read as "
            "Markdown: the site reads only files ending in '.md'; rename it notes.md"
        ],
        id="a piece saved as .md.txt",
    ),
    pytest.param(
        {"content/pages/faq.markdown": "# FAQ\n"},
        [
            "content/pages/faq.markdown: error: '.markdown' files are not read as Markdown: "
            "the site reads only files ending in '.md'; rename it faq.md"
        ],
        id="a page saved as .markdown",
    ),
    pytest.param(
        {PIECE: "---\ntitle: Links\nauthors: [amara]\nkind: article\ndate: 2026-09-02\n---\nx\n"},
        [
            f"{PIECE}:5: error: unknown key 'date': a piece takes its date from its issue (the "
            "'date' in the issue's index.md); remove this line (for a significant change after "
            "publication, write 'updated')"
        ],
        id="a date on a piece",
    ),
    pytest.param(
        {
            "content/pages/links.md": (
                "---\ntitle: Links\nauthors: [amara]\nkind: article\ntags: [x]\n---\nText.\n"
            ),
        },
        [
            "content/pages/links.md:3: error: 'authors', 'kind' and 'tags' belong to a piece, "
            "not to a free page, which credits nobody: they would be ignored and the people "
            "named lose their credit; if this is a piece, move the file to "
            "content/issues/2026-10/"
        ],
        id="a piece moved into pages",
    ),
    pytest.param(
        {
            "content/issues/2026-09/index.md": (
                "---\ntitle: Rendez-vous\nnumber: 1\ndate: 2026-09-01\neditor: [amara]\n---\nHi.\n"
            ),
            "content/issues/2026-10/index.md": DRAFT["content/issues/2026-10/index.md"].replace(
                "number: 2", "number: 3"
            ),
            "content/issues/2026-10/answer.md": (
                "---\ntitle: Answer\nauthors: [amara]\nkind: counterpoint\n"
                "responds_to: 2026-09/hosting\n---\nAs [Amara said](../2026-09/hosting.md).\n"
            ),
        },
        [
            "content/issues/2026-09/index.md:1: error: missing required key 'editors': add "
            "'editors:' to the front matter",
            "content/issues/2026-09/index.md:5: error: unknown key 'editor': did you mean "
            "'editors'?",
        ],
        id="an issue's index with an error, and a counterpoint to one of its pieces",
    ),
    pytest.param(
        {
            "content/contributors/tomas.md": "---\nname: Tomás\naliases: [tomas-r]\navatar: assets/ledger.svg\n---\nHi.\n"
        },
        [
            "content/contributors/tomas.md:4: error: 'avatar' file 'assets/ledger.svg' does not "
            "exist: did you mean 'assets/Ledger.svg'? (the server tells upper and lower case "
            "apart)"
        ],
        id="an avatar named in another case",
    ),
]


@pytest.mark.parametrize(("files", "expected"), MISLEADING)
def test_a_mistake_is_named_where_it_is_with_the_fix_it_needs(
    content_tree, run_check, files, expected
):
    """The message names the cause and its fix, not a consequence in another file."""
    code, lines = run_check(content_tree({**tree("Text.\n"), **files}), "--today", "2026-09-30")
    assert (code, lines[:-1]) == (1, expected)


def test_a_question_dated_after_its_session_is_warned_about(content_tree, run_check):
    """A question of a session already held, dated after it, would be listed after the answers
    it got: the check says which day to give."""
    files = {
        "content/ama/2026-09-10-voices/questions/second.md": (
            "---\nasked_by: tomas\ndate: 2026-09-12\n---\nWhy monthly?\n\n"
            "<!-- answer: amara -->\nRhythm.\n"
        )
    }
    code, lines = run_check(content_tree(files), "--today", "2026-09-30")
    assert (code, lines[:-1]) == (
        0,
        [
            "content/ama/2026-09-10-voices/questions/second.md:3: warning: this question is "
            "dated 2026-09-12, after its session was held on 2026-09-10, so it is listed after "
            "the answers given then: give the day it was asked ('date: 2026-09-10' at the "
            "latest)"
        ],
    )


EVERY_KIND_OF_LINK = (
    "See [the pipeline](/issues/2026-10/not-a-content-pipeline.md), [its proposal]"
    "(../2026-10/not-a-content-pipeline.md#a-proposal-and-i-know-itll-be-unpopular), "
    "[the steps](../2026-10/disagreement-protocol#the-four-steps), [Amara]"
    "(/contributors/amara-okafor.md), [Tomás](../../contributors/tomas-rivera/), "
    "[memory](../../tags/memory/), [the voices](/voices/), [the about page](../../pages/about.md), "
    "[an answer](../../ama/2026-10-08-growing-plural-voices/questions/rotating-editors.md#answer-1),"
    " [her feed](../../contributors/amara-okafor/feed.xml) and [below](#what-it-keeps).\n\n"
    "![The ledger](../../assets/Ledger.svg)\n\n## What it keeps\n\n"
    '<a href="../2026-10/index.md#_voices">The voices of October</a>.\n'
)
"""A piece of the example's published issue 2026-11 linking in every way a member may."""


def test_no_link_or_image_of_any_page_feed_or_email_leads_nowhere(tmp_path):
    """The example community, with a piece linking in every way a member may, built with its
    email editions: every <a> and <img> of every page and email, and of every feed item,
    leads to a file the site holds and to an anchor that file has."""
    import feedparser

    from tests.conftest import copy_project
    from tests.support import broken_links, broken_links_in

    project = copy_project(tmp_path)
    (project / "content/assets/Ledger.svg").write_text(IMAGES["content/assets/Ledger.svg"])
    index = project / "content/issues/2026-11/index.md"
    index.write_text(index.read_text().replace("status: draft", "status: published"))
    (project / "content/issues/2026-11/links.md").write_text(
        "---\ntitle: Links\nauthors: [amara-okafor]\nkind: link\n---\n" + EVERY_KIND_OF_LINK
    )
    result = CliRunner().invoke(
        main, ["build", "-f", str(project / "mkdocs.yml"), "--today", "2026-12-01", "--email"]
    )
    assert result.exit_code == 0, result.output
    site, site_url = project / "site", "https://commons-circle.example.org/"
    assert broken_links(site, site_url=site_url) == []
    page = lxml.html.parse(site / "issues/2026-11/index.html").getroot()
    [section] = page.xpath('//section[h3[@id="links"]]')
    assert (
        len(section.xpath(".//p[not(@class)]//a")) == 12
        and len(section.xpath(".//p[not(@class)]//img")) == 1
    )
    for feed in sorted(site.rglob("*.xml")):
        if feed.name in ("feed.xml", "atom.xml"):
            for entry in feedparser.parse(feed.read_bytes()).entries:
                for content in entry.get("content", []) or [entry.get("summary_detail", {})]:
                    where = f"{feed.relative_to(site)} {entry.get('id')}"
                    assert broken_links_in(content.get("value", ""), where, site, site_url) == []
    assert "#links-what-it-keeps" in (site / "feed.xml").read_text(encoding="utf-8")
