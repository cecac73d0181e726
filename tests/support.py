"""Helpers shared by the tests and the benchmarks: serving a folder, waiting for a page."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site without logging every request."""

    def log_message(self, *args: object) -> None:
        """Stay quiet."""


class _HostHandler(_QuietHandler):
    """Serves a built site as static hosts do (GitHub Pages, Netlify): text compressed with
    gzip for a client that accepts it, and a cache lifetime on every file."""

    COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")

    def end_headers(self) -> None:
        """Every response may be cached ten minutes, as GitHub Pages says."""
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        """The file as the plain handler finds it, gzipped when it is text and asked for so."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wanted and kind.startswith(self.COMPRESSED)):
            return super().send_head()
        data = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


@contextlib.contextmanager
def served(folder: Path, *, like_a_host: bool = False) -> Iterator[str]:
    """Serve a folder over HTTP on a loopback port; yield its base URL. `like_a_host` serves it
    as a static host would (compressed, with a cache lifetime)."""
    handler = functools.partial(
        _HostHandler if like_a_host else _QuietHandler, directory=str(folder)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def npm_tool(path: Path, what: str) -> Path:
    """A tool tests/npm pins, installed by `make npm-tools`: its path, or the test is skipped
    (failed on CI, where it must be there)."""
    if not path.exists():
        message = f"run 'make npm-tools' (make test does): tests/npm pins {what}"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


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


def site_of(community, options, feeds=None):
    """Every output of a community's site (site/outputs.py), none made yet, rendered with the
    default Markdown setup and no cache."""
    from polyvox.config import FeedOptions
    from polyvox.render.fragments import MarkdownSetup, Renderer
    from polyvox.site.outputs import site_outputs

    return site_outputs(community, options, Renderer(MarkdownSetup()), feeds or FeedOptions())


def made_pages(outputs) -> dict:
    """Every page of a site's outputs, made: {url: GeneratedPage}."""
    return {url: output.make() for url, output in outputs.pages.items()}


def made_files(outputs) -> dict[str, bytes]:
    """Every feed and generated asset of a site's outputs, made: {path: bytes}."""
    return {output.path: output.make() for output in outputs.files()}


def mkdocs_build(config_file: Path, site_dir: Path) -> bool:
    """Build a project with plain mkdocs and the polyvox plugin (no `polyvox` command): True
    if mkdocs built it, False if it stopped."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    try:
        build(load_config(str(config_file), site_dir=str(site_dir)))
    except (Abort, PluginError):
        return False
    return True


def broken_links(site: Path, *, from_files: bool = False, site_url: str = "") -> list[str]:
    """Every <a href>, <img src>/<srcset> and <link href> of every page of a built site that
    points to a file it does not hold, or to an anchor its target does not have, as
    'page: url (why)'. With `from_files`, a link must name a file (a folder would show its
    listing to a browser opening the pages from disk); with `site_url`, absolute links into
    the site are followed too."""
    import lxml.html

    ids: dict[Path, set[str]] = {}
    found = []
    for page in sorted(site.rglob("*.html")):
        root = lxml.html.parse(page).getroot()
        for element, url in _urls_of(root):
            why = _link_fault(site, page, url, ids, from_files=from_files, site_url=site_url)
            if why:
                found.append(f"{page.relative_to(site)}: <{element.tag}> {url} ({why})")
    return found


def broken_links_in(html: str, where: str, site: Path, site_url: str) -> list[str]:
    """The links and images of an HTML text quoted elsewhere (a feed item, an email) that lead
    to no file or anchor of the built site (their absolute addresses read against site_url)."""
    import lxml.html

    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    ids: dict[Path, set[str]] = {}
    found = []
    for element, url in _urls_of(root):
        if not url.startswith(site_url):
            if not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url):
                found.append(f"{where}: <{element.tag}> {url} (not absolute)")
            continue  # another site, or an address such as mailto:
        why = _link_fault(site, site / "index.html", url, ids, from_files=False, site_url=site_url)
        if why:
            found.append(f"{where}: <{element.tag}> {url} ({why})")
    return found


def _urls_of(root):
    """(element, url) of each link and image of a parsed page."""
    for element in root.iter("a", "img", "link"):
        if element.tag == "link" and element.get("rel") not in ("alternate", "stylesheet", "icon"):
            continue
        for name in ("href", "src"):
            if element.get(name):
                yield element, element.get(name)
        for part in (element.get("srcset") or "").split(","):
            if part.split():
                yield element, part.split()[0]


def _link_fault(site, page, url, ids, *, from_files, site_url) -> str | None:
    """Why a link of a page leads nowhere in the built site, or None."""
    import urllib.parse

    if site_url and url.startswith(site_url):
        url = "/" + url[len(site_url) :]
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # another site
    path = urllib.parse.unquote(parts.path)
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    if path and (target.is_dir() or path.endswith("/")):
        if from_files:
            return "a folder: opened from files, the browser lists it"
        target = target / "index.html"
    if not path:
        target = page
    if not target.resolve().is_file():
        return "no such file"
    if parts.fragment and target.suffix == ".html":
        anchors = ids.get(target.resolve())
        if anchors is None:
            import lxml.html

            tree = lxml.html.parse(target).getroot()
            anchors = ids[target.resolve()] = {
                e.get("id") or e.get("name") for e in tree.iter() if e.get("id") or e.get("name")
            }
        if urllib.parse.unquote(parts.fragment) not in anchors:
            return f"no anchor #{parts.fragment}"
    return None
