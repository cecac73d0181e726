"""Files in content/: a link is followed only to a file of its own kind that is published
whenever it is, and an image holds the image its name says.

The issue's case: content/assets/x.png, a symlink to a draft's piece, passed the check and the
build published the draft's text as site/assets/x.png.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.test_assets import DRAFT, DRAFT_ISSUE
from tests.test_safety import build_unchecked

DRAFT_PIECE = DRAFT + "secret.md"
SECRET = "---\ntitle: Embargoed\nauthors: [amara]\nkind: article\n---\nThe embargoed text.\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
COPY = "copy the file in instead"


def linked(root: Path, link: str, target: str) -> Path:
    """Make content/<link> a symbolic link to target (relative to the link's folder)."""
    path = root / "content" / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    return root


LINKS = [
    pytest.param(
        "assets/x.png",
        "../issues/2026-10/secret.md",
        "file is a link to content/issues/2026-10/secret.md, a piece: a link in content/ may "
        f"only point at a file of its own kind; {COPY}",
        id="the issue's image that is a draft's piece",
    ),
    pytest.param(
        "assets/map.png",
        "../issues/2026-10/map.png",
        "file is a link to content/issues/2026-10/map.png, which is published only with issue "
        "2026-10: copy the file in instead, so it is published with this one",
        id="a draft's image reached from assets",
    ),
    pytest.param(
        "issues/2026-09/early.md",
        "../2026-10/secret.md",
        "file is a link to content/issues/2026-10/secret.md, which is published only with issue "
        "2026-10: copy the file in instead, so it is published with this one",
        id="a draft's piece reached from a published issue",
    ),
    pytest.param(
        "contributors/bo.md",
        "../pages/about.md",
        "file is a link to content/pages/about.md, a page: a link in content/ may only point at "
        f"a file of its own kind; {COPY}",
        id="a profile that is a page",
    ),
    pytest.param(
        "assets/logo.svg",
        "../issues/2026-09/photo.png",
        "file is a link to content/issues/2026-09/photo.png, a .png image: a link in content/ "
        f"may only point at a file of its own kind; {COPY}",
        id="an SVG name for a PNG",
    ),
    pytest.param(
        "assets/drafts",
        "../issues/2026-10",
        "file is a link to content/issues/2026-10, which is not a file: copy the files in instead",
        id="a folder",
    ),
]


@pytest.mark.parametrize(("link", "target", "message"), LINKS)
def test_a_link_in_content_is_followed_only_to_its_own_kind_published_with_it(
    content_tree, run_check, link, target, message
):
    """Each link gets its message from `check`, and the build publishes nothing of it."""
    root = content_tree(
        {**DRAFT_ISSUE, DRAFT_PIECE: SECRET, "content/issues/2026-09/photo.png": PNG}
    )
    linked(root, link, target)
    code, lines = run_check(root)
    assert (code, [line for line in lines[:-1] if f"content/{link}" in line]) == (
        1,
        [f"content/{link}: error: {message}"],
    )
    built, log = build_unchecked(root)
    assert not built
    assert f"content/{link}: error: {message}" in log
    assert not (root / "site").exists()


def test_a_link_to_an_image_published_at_least_as_widely_is_followed(content_tree, run_check):
    """An issue's image may be the site's logo (assets/ are always published): the built page
    shows the picture itself."""
    root = content_tree(
        {"content/assets/logo.png": PNG, "content/issues/2026-09/hosting.md": PIECE_WITH_LOGO}
    )
    linked(root, "issues/2026-09/logo.png", "../../assets/logo.png")
    code, lines = run_check(root)
    assert code == 0, lines
    built, log = build_unchecked(root)
    assert built, log
    assert (root / "site/issues/2026-09/logo.png").read_bytes() == PNG


PIECE_WITH_LOGO = (
    "---\ntitle: Rotating hosts\nauthors: [amara]\nkind: article\n---\n![Our logo](logo.png)\n"
)

NOT_IMAGES = [
    pytest.param("x.png", b"---\ntitle: Embargoed\n---\nText\n", "PNG", id="Markdown as PNG"),
    pytest.param("x.jpg", b"<script>alert(1)</script>", "JPEG", id="a script as JPEG"),
    pytest.param("x.gif", b"<!DOCTYPE html><p>hi</p>", "GIF", id="a page as GIF"),
    pytest.param("x.webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", "WebP", id="sound as WebP"),
    pytest.param("x.avif", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00", "AVIF", id="video as AVIF"),
]


@pytest.mark.parametrize(("name", "data", "kind"), NOT_IMAGES)
def test_an_image_holds_the_image_its_name_says(content_tree, run_check, name, data, kind):
    """A file named as a picture that holds something else (a hard link or a copy of a draft's
    text among them) is refused, with what it starts with."""
    code, lines = run_check(content_tree({f"content/assets/{name}": data}))
    assert code == 1
    [line] = lines[:-1]
    assert line.startswith(
        f"content/assets/{name}: error: file is named as a {kind} image but does not hold one"
    )
    assert line.endswith(f"export the picture again as {kind}, or remove the file")


def test_a_hard_link_to_a_draft_s_text_is_refused_as_not_an_image(content_tree, run_check):
    """A hard link cannot be told from a file: its bytes are what gives it away."""
    root = content_tree({**DRAFT_ISSUE, DRAFT_PIECE: SECRET})
    (root / "content/assets").mkdir(exist_ok=True)
    os.link(root / DRAFT_PIECE, root / "content/assets/x.png")
    code, lines = run_check(root)
    assert code == 1
    assert any(
        line.startswith("content/assets/x.png: error: file is named as a PNG") for line in lines
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.png", PNG),
        ("b.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
        ("c.gif", b"GIF89a\x01\x00\x01\x00"),
        ("d.webp", b"RIFF\x1a\x00\x00\x00WEBPVP8L"),
        ("e.avif", b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1"),
    ],
)
def test_real_images_pass(content_tree, run_check, name, data):
    """Each type's own signature is accepted."""
    code, lines = run_check(content_tree({f"content/assets/{name}": data}))
    assert code == 0, lines
