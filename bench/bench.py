"""Benchmarks of check, build and serve against mkdocs-material's own floor, in one run.

Not a test: it prints figures for BENCHMARKS.md. Usage: `python bench/bench.py [S|L] [--xl]`.
Every command runs in a fresh process; wall time and that process's peak RSS are measured.
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


def floor_project(polyvox_project: Path, root: Path) -> int:
    """Plain Markdown pages, as many and as large as the generated ones, out of the nav."""
    export = root / "export"
    subprocess.run(
        [BIN / "polyvox", "export", export, "-f", polyvox_project / "mkdocs.yml"],
        check=True,
        capture_output=True,
    )
    rng = random.Random(11)
    docs = root / "docs"
    pages = sorted((export / "docs").rglob("*.md"))
    for page in pages:
        target = docs / page.relative_to(export / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_markdown(rng, page.stat().st_size), encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text()
    config = re.sub(r"docs_dir: .*", "docs_dir: docs", config)
    config = config.replace("  - polyvox\n", "")
    config += "not_in_nav: |\n  /*/**\n"
    (root / "mkdocs.yml").write_text(config)
    shutil.copytree(REPO / "theme", root / "theme")
    return len(pages)


def plain_markdown(rng: random.Random, size: int) -> str:
    """A plain page of about `size` bytes: headings, paragraphs, lists, links and code."""
    parts = [f"# Page {rng.randrange(10_000)}\n"]
    while sum(map(len, parts)) < size:
        parts.append(f"## {paragraph(rng, 4)}\n")
        parts.append(paragraph(rng, 70) + "\n")
        parts.append("\n".join(f"- {paragraph(rng, 8)}" for _ in range(3)) + "\n")
        parts.append(f"See [the notes](https://example.org/{rng.randrange(999)}).\n")
        parts.append("```python\nprint('hello')\n```\n")
    return "\n".join(parts)


def serve_reload(root: Path, build_seconds: float) -> float:
    """Seconds from saving an edited contribution to the live preview serving the change."""
    port = free_port()
    log = (root / "serve.log").open("w")
    server = subprocess.Popen(
        [BIN / "polyvox", "serve", "-f", root / "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=log,
    )
    issue = sorted((root / "content/issues").iterdir())[-1]
    piece, url = issue / "piece-001.md", f"http://127.0.0.1:{port}/issues/{issue.name}/"
    try:
        wait_for(url, f"Piece 1 of {issue.name}", timeout=build_seconds * 4 + 60)
        start = time.perf_counter()
        piece.write_text(piece.read_text().replace("Piece 1 of", "Edited piece 1 of"))
        wait_for(url, f"Edited piece 1 of {issue.name}", timeout=build_seconds * 4 + 60)
        return time.perf_counter() - start
    except TimeoutError as exc:
        sys.exit(f"{exc}; the server said:\n{(root / 'serve.log').read_text()[-3000:]}")
    finally:
        server.terminate()
        server.wait()


def average_page_kb(site: Path, below: str = "") -> float:
    """Mean size of the HTML pages of a built site, in kB."""
    sizes = [p.stat().st_size for p in (site / below).rglob("index.html")]
    return sum(sizes) / len(sizes) / 1000


def main() -> None:
    """Measure check (L and XL), build (L), the floor and the serve reload in one run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", nargs="?", default="L", choices=["S", "L"])
    parser.add_argument("--xl", action="store_true", help="also time check on 10 x L")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve reload")
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
        runs = [measure(f"polyvox check ({args.size})", [BIN / "polyvox", "check", ours])]
        if args.xl:
            xl = root / "xl"
            xl_files = write_corpus(xl, SIZES["XL"])
            runs.append(
                measure(f"polyvox check (XL, {xl_files:,} files)", [BIN / "polyvox", "check", xl])
            )
            shutil.rmtree(xl)
        build = [BIN / "polyvox", "build", "-f", ours / "mkdocs.yml", "--today", TODAY]
        runs.append(measure(f"polyvox build ({args.size})", build, site=ours / "site"))
        floor_pages = floor_project(ours, floor)
        floor_build = [BIN / "mkdocs", "build", "-q", "-f", floor / "mkdocs.yml"]
        runs.append(
            measure(
                f"floor: mkdocs-material, {floor_pages:,} plain pages",
                floor_build,
                site=floor / "site",
            )
        )
        for run in runs:
            size = f", {run.pages:,} pages, {run.output_mb:.1f} MB written" if run.pages else ""
            print(f"{run.label}: {run.seconds:.2f} s, peak RSS {run.peak_mb:.0f} MB{size}")
        ours_build, floor_run = runs[-2], runs[-1]
        print(f"build / floor: {ours_build.seconds / floor_run.seconds:.2f} x wall time")
        print(
            f"average page: {average_page_kb(ours / 'site'):.1f} kB ours, "
            f"{average_page_kb(floor / 'site'):.1f} kB floor"
        )
        feeds = [p for n in ("feed.xml", "atom.xml", "feed.json") for p in (ours / "site").rglob(n)]
        largest = max(feeds, key=lambda p: p.stat().st_size)
        print(
            f"feeds: {len(feeds):,} files, largest {largest.relative_to(ours / 'site')} "
            f"{largest.stat().st_size / 1e6:.2f} MB"
        )
        if not args.no_serve:
            reload = serve_reload(ours, ours_build.seconds)
            print(
                f"serve: edit -> reloaded page {reload:.2f} s "
                f"({reload / ours_build.seconds:.2f} x the full build)"
            )


if __name__ == "__main__":
    main()
