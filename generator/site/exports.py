"""The credit ledger written out for other tools: an .all-contributorsrc file, or a CSV table.

Both are built from the ledger of the site's own SiteContext, so they hold exactly the credits
the pages show: the same people, roles and items, anonymous members unnamed and unlinked.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from urllib.parse import urlsplit

from polyvox.content.model import link_to
from polyvox.credit.ledger import ROLE_SPECS, Role
from polyvox.site.view import SiteContext

CSV_COLUMNS = ("person", "role", "item", "date", "issue", "url", "profile")


def csv_table(site: SiteContext) -> str:
    """One row per credit, in ledger order: who, in which role, on what, when, and links."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for act in site.credits:
        person = site.people[act.person]
        place = link_to(act.page, act.anchor)
        profile = site.link(person.profile) if person.profile else None
        writer.writerow(
            [
                person.name,
                act.role.value,
                act.title,
                act.date.isoformat(),
                act.issue or "",
                site.link(place) or place,
                profile or "",
            ]
        )
    return out.getvalue()


def all_contributors(site: SiteContext, *, repo_url: str = "") -> str:
    """An .all-contributorsrc: everyone in order of first appearance, with their role keys.

    projectOwner and projectName, which its tools need for every link into the repository, come
    from `repo_url` (see `repository`; the command refuses a repo_url that names no repository).

    Roles the all-contributors spec has no key for (asking, following up, editing an issue) are
    declared as custom `types`, so its tools render them instead of failing.
    """
    document: dict[str, Any] = dict(repository(repo_url))
    custom = [r for r in Role if not r.all_contributors]
    document["types"] = {
        r.export_key: {"symbol": ROLE_SPECS[r].emoji, "description": site.t(f"role_{r}")}
        for r in custom
    }
    document["contributors"] = [_contributor(site, pid) for pid in site.debuts]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _contributor(site: SiteContext, person_id: str) -> dict[str, Any]:
    """One person's entry: name, avatar, profile and GitHub login where there are ones."""
    view = site.people[person_id]
    roles = site.roles_by_person[person_id]
    entry: dict[str, Any] = {}
    github = site.community.contributors[person_id].meta.github
    if github and not view.anonymous:
        entry["login"] = github
    entry["name"] = view.name
    entry["avatar_url"] = site.link(view.avatar)
    if view.profile:
        entry["profile"] = site.link(view.profile)
    entry["contributions"] = list(dict.fromkeys(role.export_key for role in roles))
    return entry


def repository(repo_url: str) -> dict[str, str]:
    """projectName, projectOwner, repoType and repoHost from mkdocs.yml's repo_url, e.g.
    https://github.com/owner/name; empty when it names no repository."""
    parts = urlsplit(repo_url)
    path = [p for p in parts.path.split("/") if p]
    if not parts.netloc or len(path) < 2:
        return {}
    return {
        "projectName": path[1].removesuffix(".git"),
        "projectOwner": path[0],
        "repoType": "gitlab" if "gitlab" in parts.netloc else "github",
        "repoHost": f"{parts.scheme}://{parts.netloc}",
    }
