"""Benchmarks of check, build and serve against mkdocs-material's content floor, in one run.

Not a test: it prints figures for BENCHMARKS.md. Usage: `python bench/bench.py [S|L] [--xl]`.
Every command runs in a fresh process; wall time and that process's peak RSS are measured.

The content floor is the community's own content as plain Markdown pages, built by
mkdocs-material with the same theme, Markdown extensions and search plugin: one page per issue
(its editorial, then each piece as a heading, a byline linking its authors' pages and its body),
one per AMA session (each question as a heading with its asker, then its answers), one per
person (bio, then links to their acts), every page but the home out of the nav. It is what
publishing this content costs at the least, whatever Polyvox adds.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).parent.parent))
from corpus import SIZES, paragraph, write_corpus

from polyvox.content.load import load_community
from polyvox.credit import ledger as credit
from polyvox.site.bodies import session_sections
from tests.support import free_port, wait_for

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TODAY = "2026-11-22"


@dataclass(frozen=True)
class Run:
    """One measured command."""

    label: str
    seconds: float
    peak_mb: float
    output_mb: float = 0.0
    pages: int = 0


def measure(label: str, command: list, *, site: Path | None = None) -> Run:
    """Run a command in a fresh process; return its wall time, peak RSS and output size."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            sys.exit(f"{label} failed:\n{log.read().decode(errors='replace')[-3000:]}")
    pages = sum(1 for _ in site.rglob("index.html")) if site else 0
    written = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6 if site else 0.0
    return Run(label, seconds, usage.ru_maxrss / 1024, written, pages)


def project(root: Path, size: str) -> int:
    """Write a corpus with the example project's mkdocs.yml and theme; return its file count."""
    files = write_corpus(root, SIZES[size])
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    return files


def content_floor_project(polyvox_project: Path, root: Path) -> int:
    """The content floor: the community's own text as plain Markdown pages, built by
    mkdocs-material (no custom_dir) with the project's markdown_extensions and the search
    plugin, every page but the home out of the nav; count pages.

    An issue page is its editorial, then each piece as `## title`, `*by [author](...)*` and
    its body; a session page is each question as `## first line`, `*asked by [asker](...)*`,
    then each turn as a line naming its author followed by its text; a profile is its bio and
    one link per act.
    """
    community = load_community(polyvox_project).community
    name = {pid: p.meta.name for pid, p in community.contributors.items()}
    name |= {old: name[new] for old, new in community.aliases.items()}
    pages = {"index.md": "# Home\n"}

    def who(ids, depth: int = 2) -> str:
        up = "../" * depth
        return ", ".join(f"[{name[i]}]({up}contributors/{i}/index.md)" for i in ids)

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
                parts += [f"{who([turn.person])}:", turn.body]
        pages[f"ama/{session.id}/index.md"] = "\n\n".join(parts) + "\n"
    pages |= floor_profiles(community)
    for rel, text in pages.items():
        (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / rel).write_text(text, encoding="utf-8")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    config["theme"].pop("custom_dir", None)
    config.pop("extra_css", None)
    config |= {"docs_dir": "docs", "plugins": ["search"], "nav": ["index.md"]}
    config |= {"not_in_nav": "/*/**\n", "validation": {"anchors": "ignore"}}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return len(pages)


def floor_profiles(community) -> dict[str, str]:
    """The floor's profile pages, by path below docs/: each person's bio and one link per act."""
    acts = credit.by_person(credit.ledger(community))
    pages = {}
    for pid, person in community.contributors.items():
        if person.meta.anonymous:
            continue
        links = [
            f"- [{c.title}](../../{c.page}index.md{'#' + c.anchor if c.anchor else ''})"
            for c in acts.get(pid, [])
        ]
        text = "\n\n".join([f"# {person.meta.name}", person.bio, "\n".join(links)])
        pages[f"contributors/{pid}/index.md"] = text + "\n"
    return pages


def add_piece(project: Path) -> None:
    """Add one new piece to the newest issue, as a member's pull request would."""
    issue = sorted((project / "content/issues").iterdir())[-1]
    author = sorted((project / "content/contributors").glob("*.md"))[0].stem
    rng = random.Random(5)
    (issue / "piece-new.md").write_text(
        f"---\ntitle: A new piece\nauthors: [{author}]\nkind: story\n---\n"
        + "\n\n".join(paragraph(rng, 60) for _ in range(4))
        + "\n",
        encoding="utf-8",
    )


def serve_reload(root: Path, build_seconds: float, edit: str, saves: int = 3) -> float:
    """Median seconds from saving an edit of a contribution (its body, or its title) to the
    live preview serving the issue page that shows it."""
    port = free_port()
    log = (root / "serve.log").open("w")
    server = subprocess.Popen(
        [BIN / "polyvox", "serve", "-f", root / "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=log,
    )
    issue = sorted((root / "content/issues").iterdir())[-1]
    piece = sorted(p for p in issue.glob("*.md") if p.name != "index.md")[0]
    url = f"http://127.0.0.1:{port}/issues/{issue.name}/"
    timings = []
    try:
        title = re.search(r"^title: (.*)$", piece.read_text(), re.MULTILINE)[1].strip("\"'")
        wait_for(url, title, timeout=build_seconds * 4 + 120)
        for save in range(1, saves + 1):
            time.sleep(1)  # the watcher's own debounce; what is timed starts at the save
            text = piece.read_text()
            marker = f"Edited {edit} {save} times"
            if edit == "title":
                text = re.sub(r"^title: .*$", f'title: "{marker}"', text, count=1, flags=re.M)
            else:
                text = text.rstrip("\n") + f"\n\n{marker}\n"
            start = time.perf_counter()
            piece.write_text(text)
            wait_for(url, marker, timeout=build_seconds * 4 + 60, interval=0.01)
            timings.append(time.perf_counter() - start)
        return sorted(timings)[len(timings) // 2]
    except TimeoutError as exc:
        sys.exit(f"{exc}; the server said:\n{(root / 'serve.log').read_text()[-3000:]}")
    finally:
        server.terminate()
        server.wait()


def average_page_kb(site: Path, below: str = "") -> float:
    """Mean size of the HTML pages below a folder of a built site, in KiB."""
    sizes = [p.stat().st_size for p in (site / below).glob("*/index.html")]
    return sum(sizes) / len(sizes) / 1024


def cold(project: Path) -> None:
    """Remove a project's site and every cache, so the next build starts from nothing."""
    shutil.rmtree(project / "site", ignore_errors=True)
    shutil.rmtree(project / ".cache", ignore_errors=True)


def main() -> None:
    """Measure check, builds against the content floor and the live preview, in one run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", nargs="?", default="L", choices=["S", "L"])
    parser.add_argument("--xl", action="store_true", help="also time check on 10 x L")
    parser.add_argument("--no-serve", action="store_true", help="skip the live preview")
    parser.add_argument("--runs", type=int, default=2, help="interleaved cold runs of each")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        ours, floor = root / "polyvox", root / "floor"
        files = project(ours, args.size)
        markdown_mb = sum(p.stat().st_size for p in ours.rglob("*.md")) / 1e6
        print(f"corpus {args.size}: {files:,} content files, {markdown_mb:.1f} MB of Markdown")
        runs = {"check": measure(f"polyvox check ({args.size})", [BIN / "polyvox", "check", ours])}
        if args.xl:
            xl = root / "xl"
            xl_files = write_corpus(xl, SIZES["XL"])
            runs["check XL"] = measure(
                f"polyvox check (XL, {xl_files:,} files)", [BIN / "polyvox", "check", xl]
            )
            shutil.rmtree(xl)
        floor_pages = content_floor_project(ours, floor)
        floor_build = [BIN / "mkdocs", "build", "-q", "-f", floor / "mkdocs.yml"]
        build = [BIN / "polyvox", "build", "-f", ours / "mkdocs.yml", "--today", TODAY]
        floors, colds = [], []
        for _ in range(args.runs):  # interleaved, so a busy moment weighs on both alike
            shutil.rmtree(floor / "site", ignore_errors=True)
            floors.append(measure("floor", floor_build, site=floor / "site"))
            cold(ours)
            colds.append(measure("cold", build, site=ours / "site"))
        runs["floor"] = min(floors, key=lambda r: r.seconds)
        runs["cold"] = min(colds, key=lambda r: r.seconds)
        add_piece(ours)
        runs["warm"] = measure("polyvox build after one new piece, cache kept", build)
        runs["same"] = measure("polyvox build again, nothing changed", build)
        runs["floor"] = Run(
            f"content floor: mkdocs-material, {floor_pages:,} pages (min of {args.runs})",
            *[getattr(runs["floor"], f) for f in ("seconds", "peak_mb", "output_mb", "pages")],
        )
        runs["cold"] = Run(
            f"polyvox build ({args.size}, cold: no site, no cache; min of {args.runs})",
            *[getattr(runs["cold"], f) for f in ("seconds", "peak_mb", "output_mb", "pages")],
        )
        for run in runs.values():
            size = f", {run.pages:,} pages, {run.output_mb:.1f} MB written" if run.pages else ""
            print(f"{run.label}: {run.seconds:.2f} s, peak RSS {run.peak_mb:.0f} MB{size}")
        cold_run, floor_run = runs["cold"], runs["floor"]
        print(f"cold build / content floor: {cold_run.seconds / floor_run.seconds:.2f} x")
        for key, label in (("warm", "warm build after one new piece"), ("same", "nothing changed")):
            print(f"{label} / cold build: {runs[key].seconds / cold_run.seconds:.2f} x")
        for kind in ("issues", "ama", "contributors"):
            mine, base = average_page_kb(ours / "site", kind), average_page_kb(floor / "site", kind)
            print(
                f"average {kind} page: {mine:.1f} KiB, floor {base:.1f} KiB ({mine / base:.2f} x)"
            )
        feeds = [p for n in ("feed.xml", "atom.xml", "feed.json") for p in (ours / "site").rglob(n)]
        largest = max(feeds, key=lambda p: p.stat().st_size)
        total = sum(p.stat().st_size for p in feeds) / 1e6
        print(
            f"feeds: {len(feeds):,} files, {total:.1f} MB, largest "
            f"{largest.relative_to(ours / 'site')} {largest.stat().st_size / 1e6:.2f} MB"
        )
        if not args.no_serve:
            example = root / "example"
            shutil.copytree(REPO / "content", example / "content")
            shutil.copy(REPO / "mkdocs.yml", example / "mkdocs.yml")
            shutil.copytree(REPO / "theme", example / "theme")
            for where, folder_, seconds in (
                (args.size, ours, cold_run.seconds),
                ("example", example, 5),
            ):
                for edit in ("body", "title"):
                    reload = serve_reload(folder_, seconds, edit)
                    print(
                        f"live preview, {where}: save a {edit} edit -> issue page served "
                        f"{reload:.2f} s (median of 3)"
                    )


if __name__ == "__main__":
    main()
