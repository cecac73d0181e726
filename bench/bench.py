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
    """The community's content as plain Markdown pages for mkdocs-material; count pages."""
    community = load_community(polyvox_project).community
    name = {pid: p.meta.name for pid, p in community.contributors.items()}
    name |= {old: name[new] for old, new in community.aliases.items()}
    pages = {"index.md": "# Home\n"}

    def who(ids, depth: int = 2) -> str:
        up = "../" * depth
        return ", ".join(f"[{name[i]}]({up}contributors/{i}/index.md)" for i in ids)

    for issue in community.issues:
        parts = [f"# Issue {issue.meta.number}: {issue.meta.title}", issue.editorial]
        for piece in issue.contributions:
            parts += [f"## {piece.meta.title}", f"By {who(piece.meta.authors)}", piece.body]
        pages[f"issues/{issue.id}/index.md"] = "\n\n".join(parts) + "\n"
    for session in community.sessions:
        parts = [f"# {session.meta.title}", session.intro]
        answered, waiting = session_sections(session)
        for question in [*answered, *waiting]:
            parts += [f"## {credit.question_title(question.text)}"]
            parts += [f"Asked by {who([question.meta.asked_by])}", question.text]
            for turn in question.turns:
                parts += [f"**{turn.kind} by {who([turn.person])}**", turn.body]
        pages[f"ama/{session.id}/index.md"] = "\n\n".join(parts) + "\n"
    acts = credit.by_person(credit.ledger(community))
    for pid, person in community.contributors.items():
        if person.meta.anonymous:
            continue
        links = [
            f"- [{c.title}](../../{c.page}index.md{'#' + c.anchor if c.anchor else ''})"
            for c in acts.get(pid, [])
        ]
        text = "\n\n".join([f"# {person.meta.name}", person.bio, "\n".join(links)])
        pages[f"contributors/{pid}/index.md"] = text + "\n"
    for rel, text in pages.items():
        (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / rel).write_text(text, encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text()
    config = re.sub(r"docs_dir: .*", "docs_dir: docs", config)
    config = config.replace("  - polyvox\n", "")
    config += "nav: [index.md]\nnot_in_nav: |\n  /*/**\nvalidation:\n  anchors: ignore\n"
    (root / "mkdocs.yml").write_text(config)
    shutil.copytree(REPO / "theme", root / "theme")
    return len(pages)


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


def serve_reload(root: Path, build_seconds: float, saves: int = 3) -> float:
    """Median seconds from saving an edited contribution to the live preview serving it."""
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
        wait_for(url, title, timeout=build_seconds * 4 + 60)
        for save in range(1, saves + 1):
            time.sleep(1)  # the watcher's own debounce; what is timed starts at the save
            text = piece.read_text()
            marker = f"Edited {save} times"
            start = time.perf_counter()
            piece.write_text(text.rstrip("\n") + f"\n\n{marker}\n")
            wait_for(url, marker, timeout=build_seconds * 4 + 60, interval=0.02)
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


def main() -> None:
    """Measure check, cold and warm build, the content floor and the live preview in one run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", nargs="?", default="L", choices=["S", "L"])
    parser.add_argument("--xl", action="store_true", help="also time check on 10 x L")
    parser.add_argument("--no-serve", action="store_true", help="skip the live preview")
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
        runs["floor"] = measure(
            f"content floor: mkdocs-material, {floor_pages:,} pages",
            floor_build,
            site=floor / "site",
        )
        runs["cold"] = measure(f"polyvox build ({args.size}, cold)", build, site=ours / "site")
        add_piece(ours)
        runs["warm"] = measure("polyvox build after one new piece, cache kept", build)
        for run in runs.values():
            size = f", {run.pages:,} pages, {run.output_mb:.1f} MB written" if run.pages else ""
            print(f"{run.label}: {run.seconds:.2f} s, peak RSS {run.peak_mb:.0f} MB{size}")
        cold, floor_run, warm = runs["cold"], runs["floor"], runs["warm"]
        print(f"cold build / content floor: {cold.seconds / floor_run.seconds:.2f} x wall time")
        print(f"warm build / cold build: {warm.seconds / cold.seconds:.2f} x wall time")
        for kind in ("issues", "ama", "contributors"):
            mine, base = average_page_kb(ours / "site", kind), average_page_kb(floor / "site", kind)
            print(
                f"average {kind} page: {mine:.1f} KiB, floor {base:.1f} KiB ({mine / base:.2f} x)"
            )
        feeds = [p for n in ("feed.xml", "atom.xml", "feed.json") for p in (ours / "site").rglob(n)]
        largest = max(feeds, key=lambda p: p.stat().st_size)
        print(
            f"feeds: {len(feeds):,} files, largest {largest.relative_to(ours / 'site')} "
            f"{largest.stat().st_size / 1e6:.2f} MB"
        )
        if not args.no_serve:
            reload = serve_reload(ours, cold.seconds)
            print(
                f"live preview, {args.size}: save one piece -> page served {reload:.2f} s "
                "(median of 3)"
            )
            example = root / "example"
            shutil.copytree(REPO / "content", example / "content")
            shutil.copy(REPO / "mkdocs.yml", example / "mkdocs.yml")
            shutil.copytree(REPO / "theme", example / "theme")
            reload = serve_reload(example, 5)
            print(
                f"live preview, example: save one piece -> page served {reload:.2f} s (median of 3)"
            )


if __name__ == "__main__":
    main()
