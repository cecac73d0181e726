"""Helpers shared by the tests and the benchmarks: serving a folder, waiting for a page."""

from __future__ import annotations

import contextlib
import functools
import http.server
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site without logging every request."""

    def log_message(self, *args: object) -> None:
        """Stay quiet."""


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP on a loopback port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    """The body of a page, as text."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def wait_for(url: str, text: str, *, timeout: float, interval: float = 0.2) -> None:
    """Poll a URL until its body contains text; raise TimeoutError after timeout seconds."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode():
                    return
        except OSError:
            pass
        time.sleep(interval)
    raise TimeoutError(f"timed out waiting for {text!r} at {url}")


class ServerLog:
    """The lines a server process writes to stderr, read by a thread as they come."""

    REBUILD_FAILED = "An error happened during the rebuild"

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.lines: list[str] = []
        self._new: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(process.stderr,), daemon=True).start()

    def _read(self, stream) -> None:
        """Queue each line until the stream closes, then None."""
        for line in stream:
            self._new.put(line.rstrip("\n"))
        self._new.put(None)

    def skip(self) -> None:
        """Forget the lines written so far: the next wait looks only at lines still to come."""
        while not self._new.empty():
            self._take(0)

    def _take(self, timeout: float) -> str | None:
        """The next line (None once the server has stopped writing), within timeout seconds."""
        line = self._new.get(timeout=timeout)
        if line is not None:
            self.lines.append(line)
        return line

    def wait_for(self, text: str, *, timeout: float = 120) -> str:
        """Block until the server logs a line holding text, and return it. Fail at once when it
        stops or logs a failed rebuild; `timeout` only bounds a server that hangs."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._take(max(deadline - time.monotonic(), 0))
            except queue.Empty:
                raise TimeoutError(self._story(f"no line with {text!r} in {timeout} s")) from None
            if line is None:
                raise AssertionError(self._story(f"the server stopped before logging {text!r}"))
            if self.REBUILD_FAILED in line:
                raise AssertionError(self._story(f"a rebuild failed while waiting for {text!r}"))
            if text in line:
                return line

    def _story(self, what: str) -> str:
        """What went wrong, with what the server said."""
        return what + ":\n" + "\n".join(self.lines[-40:])


@contextlib.contextmanager
def previewed(config_file: Path) -> Iterator[tuple[str, ServerLog]]:
    """Run `polyvox serve` on a project until the block ends; yield its URL once it serves
    the first build, and its log to wait on (edit, then `log.wait_for("Reloading browsers")`)."""
    polyvox = Path(sys.executable).with_name("polyvox")
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        [polyvox, "serve", "-f", str(config_file), "-a", address],
        cwd=config_file.parent,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    log = ServerLog(server)
    try:
        log.wait_for(f"Serving on http://{address}/")  # mkdocs logs it after the first build
        yield f"http://{address}/", log
    finally:
        server.terminate()
        server.wait(timeout=30)


def check_github_schema(schema: str, files) -> None:
    """Validate files against one of check-jsonschema's vendored schemas of GitHub's files
    (vendor.github-workflows, vendor.github-issue-forms); fail with what it says."""
    result = subprocess.run(
        [Path(sys.executable).with_name("check-jsonschema"), "--builtin-schema", schema, *files],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
