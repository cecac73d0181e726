"""Time `polyvox build` on the synthetic S corpus (a benchmark, not a test)."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import SIZES, write_corpus

REPO = Path(__file__).resolve().parent.parent


def main(size: str = "S") -> None:
    """Write the corpus with the project's theme and config, build it once, print figures."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = write_corpus(root, SIZES[size])
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "theme", root / "theme")
        polyvox = Path(sys.executable).with_name("polyvox")
        start = time.perf_counter()
        result = subprocess.run(
            [polyvox, "build", "-f", root / "mkdocs.yml", "--today", "2026-11-22"],
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"build failed:\n{result.stderr[-2000:]}")
        pages = sum(1 for _ in (root / "site").rglob("index.html"))
        size_mb = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file()) / 1e6
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"polyvox build, corpus {size}: {files:,} content files -> {pages:,} pages, "
            f"{size_mb:.1f} MB in {seconds:.1f} s; peak RSS {peak_mb:.0f} MB"
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
