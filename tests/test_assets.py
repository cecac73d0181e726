"""Files under content/: Markdown of a known kind or an image; an issue's images go with it."""

from __future__ import annotations

from datetime import date

import pytest

from polyvox.content.assets import publishable_assets
from polyvox.content.load import load_community
from tests.test_safety import build_unchecked

DRAFT = "content/issues/2026-10/"
DRAFT_ISSUE = {
    DRAFT + "index.md": (
        "---\ntitle: Not yet\nnumber: 2\ndate: 2026-10-01\neditors: [amara]\nstatus: draft\n---\n"
        "Coming.\n"
    ),
    DRAFT + "map.png": b"\x89PNG\r\n\x1a\n",
}
ONLY_IMAGES = (
    "not accepted in content/: beside Markdown it holds only images (png, jpg, jpeg, gif, "
    "webp, avif, svg), which are published; write text as Markdown, or remove the file"
)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"content/issues/2026-09/notes.txt": "secret draft notes\n"},
            [f"content/issues/2026-09/notes.txt: error: '.txt' files are {ONLY_IMAGES}"],
            id="text file beside a piece",
        ),
        pytest.param(
            {"content/issues/2026-09/Mon-Article.MD": "---\ntitle: x\n---\nHidden text.\n"},
            [
                "content/issues/2026-09/Mon-Article.MD: error: file name 'Mon-Article.MD' ends "
                "in '.MD': Markdown files end in lowercase '.md' (otherwise the file would be "
                "published as it is): rename it mon-article.md"
            ],
            id="capitalised Markdown extension",
        ),
        pytest.param(
            {"content/assets/README": "notes\n"},
            [f"content/assets/README: error: files without an extension are {ONLY_IMAGES}"],
            id="no extension",
        ),
        pytest.param(
            {"content/pages/deck.PDF": b"%PDF-1.4"},
            [f"content/pages/deck.PDF: error: '.PDF' files are {ONLY_IMAGES}"],
            id="capitalised other type",
        ),
    ],
)
def test_check_refuses_every_file_that_is_not_content_or_an_image(
    content_tree, run_check, files, expected
):
    """A file of no known kind is an error naming it, whatever the case of its extension."""
    code, lines = run_check(content_tree(files))
    assert (code, lines[:-1]) == (1, expected)


def test_images_of_any_extension_case_pass(content_tree, run_check):
    """Image types are matched without regard to case."""
    root = content_tree(
        {"content/assets/Photo.PNG": b"\x89PNG", "content/issues/2026-09/pic.JpEg": b"\xff\xd8"}
    )
    assert run_check(root) == (0, ["polyvox: 12 files checked, no problems found."])


def test_an_issue_folder_s_images_are_publishable_only_with_the_issue(content_tree):
    """The pure rule: assets/ and pages/ always; an issue's folder while readers see it."""
    root = content_tree({**DRAFT_ISSUE, "content/assets/logo.png": b"\x89PNG"})
    community = load_community(root).community
    assert community is not None
    day = date(2026, 11, 22)
    assert publishable_assets(community, drafts=False, today=day) == {"assets/logo.png"}
    assert publishable_assets(community, drafts=True, today=day) == {
        "assets/logo.png",
        "issues/2026-10/map.png",
    }


def test_build_publishes_a_draft_issue_s_image_only_with_the_issue(content_tree):
    """A draft issue's image is not in the built site; once published, it is."""
    root = content_tree(DRAFT_ISSUE)
    built, log = build_unchecked(root)
    assert built, log
    assert (root / "site/issues/2026-09/index.html").is_file()
    assert not (root / "site/issues/2026-10").exists()
    published = DRAFT_ISSUE[DRAFT + "index.md"].replace("status: draft\n", "")
    (root / DRAFT / "index.md").write_text(published, encoding="utf-8")
    built, log = build_unchecked(root)
    assert built, log
    assert (root / "site/issues/2026-10/map.png").read_bytes() == DRAFT_ISSUE[DRAFT + "map.png"]
