"""Average page size of each kind (issue, AMA session, profile) against the content floor.

Not a test: it prints figures for BENCHMARKS.md. Usage: `python bench/page_weight.py [S|L]`.

The floor here is the strict one: the corpus's own text, with the project's own
`markdown_extensions`, built by mkdocs-material with no `custom_dir` and its search plugin,
every page but the home out of the nav. An issue page is its editorial, then each piece as
`## title`, `*by [author](...)*` and its body; a session page is each question as
`## first line`, `*asked by [asker](...)*`, then each turn as a line naming its author
followed by its text; a profile is the bio and one link per act.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).parent.parent))
from bench import BIN, TODAY, average_page_kb, floor_profiles, project
from polyvox.content.load import load_community
from polyvox.site.pages import session_sections

KINDS = {"issues": "issue", "ama": "session", "contributors": "profile"}


def floor_pages(polyvox_project: Path) -> dict[str, str]:
    """The strict floor's Markdown pages of a Polyvox project, by path below docs/."""
    community = load_community(polyvox_project).community
    name = {pid: p.meta.name for pid, p in community.contributors.items()}
    name |= {old: name[new] for old, new in community.aliases.items()}
    pages = {"index.md": "# Home\n"}

    def who(ids) -> str:
        return ", ".join(f"[{name[i]}](../../contributors/{i}/index.md)" for i in ids)

    for issue in community.issues:
        parts = [f"# {issue.meta.title}", issue.editorial]
        for piece in issue.contributions:
            parts += [f"## {piece.meta.title}", f"*by {who(piece.meta.authors)}*", piece.body]
        pages[f"issues/{issue.id}/index.md"] = "\n\n".join(parts) + "\n"
    for session in community.sessions:
        parts = [f"# {session.meta.title}", session.intro]
        answered, waiting = session_sections(session)
        for question in [*answered, *waiting]:
            first, _, rest = question.text.strip().partition("\n")
            parts += [f"## {first}", f"*asked by {who([question.meta.asked_by])}*"]
            parts += [rest] if rest.strip() else []
            for turn in question.turns:
                parts += [f"{who([turn.person])}", turn.body]
        pages[f"ama/{session.id}/index.md"] = "\n\n".join(parts) + "\n"
    pages |= floor_profiles(community)
    return pages


def write_floor(polyvox_project: Path, root: Path) -> None:
    """Write the floor project: its pages and an mkdocs.yml with Material, no custom_dir."""
    for rel, text in floor_pages(polyvox_project).items():
        (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / rel).write_text(text, encoding="utf-8")
    ours = yaml.safe_load((polyvox_project / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = {k: v for k, v in ours["theme"].items() if k != "custom_dir"}
    config = {
        "site_name": ours["site_name"],
        "site_url": ours.get("site_url"),
        "docs_dir": "docs",
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": ["index.md"],
        "not_in_nav": "/*/**",
        "validation": {"anchors": "ignore"},
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def main() -> None:
    """Build the corpus with Polyvox and its floor with Material; print average page sizes."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", nargs="?", default="L", choices=["S", "L"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ours, floor = Path(folder, "polyvox"), Path(folder, "floor")
        project(ours, args.size)
        write_floor(ours, floor)
        subprocess.run([BIN / "mkdocs", "build", "-q", "-f", floor / "mkdocs.yml"], check=True)
        build = [BIN / "polyvox", "build", "-f", ours / "mkdocs.yml", "--today", TODAY]
        subprocess.run(build, check=True, capture_output=True)
        for folder_name, kind in KINDS.items():
            mine = average_page_kb(ours / "site", folder_name)
            base = average_page_kb(floor / "site", folder_name)
            print(f"{kind}: {mine:.1f} KiB, floor {base:.1f} KiB ({mine / base:.2f} x)")


if __name__ == "__main__":
    main()
