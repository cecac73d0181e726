"""Helpers shared by the tests and the benchmarks: serving a folder, waiting for a page."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
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
