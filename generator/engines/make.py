"""Making the outputs a build lacks, on every core: pages laid out by the theme, feeds, assets.

Each output the store does not hold for its inputs is made in a process forked from the build
(which has the whole site in memory already: nothing is pickled on the way in), written into
the store's files there, and handed back as the file's path with its search records. A few
outputs (a live preview's edit, a warm build) are made in the build's own process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import jinja2

from polyvox.engines.layout import Layout
from polyvox.engines.store import OutputStore
from polyvox.errors import template_fault
from polyvox.site.outputs import SiteOutputs
from polyvox.site.records import digest
from polyvox.site.search import records_json, search_records

IN_PROCESS_BELOW = 48
"""Fewer outputs than this to make: forking workers costs more than it saves."""
CHUNK = 12
"""Outputs a worker makes per task: small enough to keep both cores busy to the end."""


@dataclass(frozen=True)
class Made:
    """An output made: the digest of its inputs, its file in the store, its search records."""

    key: str
    path: str
    extra: str = ""


@dataclass(frozen=True)
class Job:
    """What to make: pages (by URL) and files (by path), each with its store key."""

    outputs: SiteOutputs
    layout: Layout | None
    store: OutputStore
    page_keys: dict[str, str]
    file_keys: dict[str, str]
    root: str = ""
    """The project's folder: templates below it are named from there."""


def page_keys(outputs: SiteOutputs, layout_fingerprint: str) -> dict[str, str]:
    """Each page's store key: its content's inputs and everything its layout depends on."""
    return {url: digest(out.inputs, layout_fingerprint) for url, out in outputs.pages.items()}


def make_missing(job: Job, pages: Sequence[str], files: Sequence[str]) -> list[Made]:
    """Make these pages and files, on every core when there are many.

    In two rounds: the pages and every feed item the missing feeds hold (each item once,
    whatever the number of feeds that carry it), then the feed files from those items and
    the assets (the workers of the second round are forked with every item in memory).
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(pages) + len(files) < IN_PROCESS_BELOW or workers < 2 or not _can_fork():
        tasks = [("page", url) for url in pages] + [("file", path) for path in files]
        return [_make_one(job, kind, name) for kind, name in tasks]
    plan = job.outputs.feed_plan
    feeds = [path for path in files if path in job.outputs.feeds]
    items = _by_page(plan.item_keys(feeds)) if plan else []
    first = [("items", keys) for keys in items] + [("page", url) for url in pages]
    made: list[Made] = []
    for kind, result in _in_workers(job, first, workers):
        if kind == "items":
            plan.builder.built.update(result)
        else:
            made.append(result)
    second = [("file", path) for path in files]
    made += [result for _, result in _in_workers(job, second, workers)]
    return made


def _by_page(keys: list[tuple[str, str]]) -> list[tuple[tuple[str, str], ...]]:
    """Feed items' keys grouped by their page, each page's parts before the whole page: a
    worker making an issue's items quotes each piece once, for its item and the issue's."""
    pages: dict[str, list[tuple[str, str]]] = {}
    for page, anchor in keys:
        pages.setdefault(page, []).append((page, anchor))
    return [tuple(sorted(group, key=lambda key: key[1] == "")) for group in pages.values()]


def _in_workers(job: Job, tasks: list, workers: int) -> list[tuple[str, object]]:
    """Run tasks in processes forked from this one, a chunk at a time; (kind, result) each."""
    if not tasks:
        return []
    chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    global _JOB  # a forked worker finds the job here, never pickled
    _JOB = job
    frozen_already = gc.get_freeze_count() > 0  # the preview freezes between saves
    gc.freeze()  # workers' collections then skip the site they inherit, and leave its pages shared
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return [result for done in pool.map(_make_chunk, chunks) for result in done]
    finally:
        if not frozen_already:
            gc.unfreeze()
        _JOB = None


_JOB: Job | None = None


def _make_chunk(tasks: Iterable[tuple[str, object]]) -> list[tuple[str, object]]:
    """In a worker: make a chunk of the job its parent left before forking."""
    return [(kind, _task(_JOB, kind, name)) for kind, name in tasks]


def _task(job: Job, kind: str, name) -> object:
    """One task: a page's feed items (kept by the parent for the feeds), or an output made."""
    if kind == "items":
        builder = job.outputs.feed_plan.builder
        return {key: builder.item(*key) for key in name}
    return _make_one(job, kind, name)


def _make_one(job: Job, kind: str, name: str) -> Made:
    """Make one output and put it in the store's files; a template error names its file."""
    try:
        return _make(job, kind, name)
    except jinja2.TemplateError as exc:
        raise template_fault(exc, job.root) from None


def _make(job: Job, kind: str, name: str) -> Made:
    """Make one output and put it in the store's files."""
    if kind == "file":
        data = _as_bytes(_output_file(job.outputs, name).make())
        return Made(job.file_keys[name], str(job.store.write_object(data)))
    page = job.outputs.pages[name].make()
    laid = job.layout.lay_out(page)
    location = job.layout.page_url(page.url)
    records = records_json(search_records(location, page.title, page.html))
    return Made(job.page_keys[name], str(job.store.write_object(laid)), records)


def _output_file(outputs: SiteOutputs, path: str):
    """The feed or asset output at a path."""
    return outputs.feeds.get(path) or outputs.assets[path]


def _as_bytes(data) -> bytes:
    """An output's bytes (assets and feeds are bytes already)."""
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def _can_fork() -> bool:
    """Whether worker processes can start by forking this one (POSIX)."""
    return "fork" in multiprocessing.get_all_start_methods()
