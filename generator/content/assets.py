"""Which of content/'s asset files a site publishes: an issue's or a session's go with it."""

from __future__ import annotations

from datetime import date

from polyvox.content.model import Community


def publishable_assets(community: Community, *, drafts: bool, today: date) -> frozenset[str]:
    """The assets (paths below content/) a build publishes: those in assets/ and pages/, and
    those in an issue's or a session's folder only while readers see that issue or session
    (every one when `drafts`, as in a preview)."""
    shown = {
        "issues": {i.id for i in community.issues if drafts or i.public_on(today)},
        "ama": {s.id for s in community.sessions if drafts or s.public_on(today)},
    }
    return frozenset(
        path
        for path in community.assets
        if (parts := path.split("/"))[0] not in shown or parts[1] in shown[parts[0]]
    )
