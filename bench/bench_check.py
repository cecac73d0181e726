"""Time `polyvox check` on a synthetic 10,000-file content tree (a benchmark, not a test)."""

from __future__ import annotations

import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import SIZES, write_corpus

RUNS = 3


def main() -> None:
    """Write the corpus, run the check a few times in a fresh process, print the figures."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = write_corpus(root, SIZES["check-10k"])
        size_mb = sum(p.stat().st_size for p in root.rglob("*.md")) / 1e6
        polyvox = Path(sys.executable).with_name("polyvox")
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            result = subprocess.run([polyvox, "check", root], capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                sys.exit(f"check failed on the synthetic corpus:\n{result.stdout[-2000:]}")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"machine: {platform.processor() or platform.machine()}, "
            f"{__import__('os').cpu_count()} cores, Python {platform.python_version()}"
        )
        print(f"corpus: {files:,} files, {size_mb:.1f} MB of Markdown")
        print(
            f"polyvox check: best {min(times):.2f} s, median {sorted(times)[RUNS // 2]:.2f} s "
            f"over {RUNS} runs (process start included); peak RSS {peak_mb:.0f} MB"
        )
        print(f"last line: {result.stdout.splitlines()[-1]}")


if __name__ == "__main__":
    main()
