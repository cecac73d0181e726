"""Average page size of each kind (issue, AMA session, profile) against the content floor.

Not a test: it prints figures for BENCHMARKS.md. Usage: `python bench/page_weight.py [S|L]`.

The floor is bench.py's strict one (`content_floor_project`): the corpus's own text, with the
project's own `markdown_extensions`, built by mkdocs-material with no `custom_dir` and its
search plugin, every page but the home out of the nav.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).parent.parent))
from bench import BIN, TODAY, average_page_kb, content_floor_project, project

KINDS = {"issues": "issue", "ama": "session", "contributors": "profile"}


def main() -> None:
    """Build the corpus with Polyvox and its floor with Material; print average page sizes."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", nargs="?", default="L", choices=["S", "L"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ours, floor = Path(folder, "polyvox"), Path(folder, "floor")
        project(ours, args.size)
        content_floor_project(ours, floor)
        subprocess.run([BIN / "mkdocs", "build", "-q", "-f", floor / "mkdocs.yml"], check=True)
        build = [BIN / "polyvox", "build", "-f", ours / "mkdocs.yml", "--today", TODAY]
        subprocess.run(build, check=True, capture_output=True)
        for folder_name, kind in KINDS.items():
            mine = average_page_kb(ours / "site", folder_name)
            base = average_page_kb(floor / "site", folder_name)
            print(f"{kind}: {mine:.1f} KiB, floor {base:.1f} KiB ({mine / base:.2f} x)")


if __name__ == "__main__":
    main()
