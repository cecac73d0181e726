"""Every output of the site, each with the digest of the inputs it is made from.

`site_outputs` is the one function that says what a site is: its generated pages (content
HTML, table of contents, metadata), its feeds and its generated assets. It is pure: it reads
no file and writes none, imports no engine, and makes nothing until asked. Each output carries
the digest of everything it is made from (records.py), so a build or a live preview makes only
the outputs whose digest it has not made before, and an engine lays out only the pages whose
content changed. The last guard is part of making: a page or a feed that would carry active
content is never returned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial

import jinja2
from markupsafe import escape

from polyvox.config import FeedOptions
from polyvox.content.model import Community
from polyvox.content.safety import (
    Finding,
    UnsafeOutput,
    output_fault_report,
    page_fault_report,
    rendered_page_faults,
)
from polyvox.errors import UnsafeContent
from polyvox.render.fragments import Body, Fragment, Renderer
from polyvox.site.assemble import Assembly, GeneratedPage
from polyvox.site.avatars import initials_svg
from polyvox.site.bodies import all_bodies
from polyvox.site.feeds import FeedPlan, PlannedFeed
from polyvox.site.plan import PlannedPage, plan_pages
from polyvox.site.records import Identities, digest
from polyvox.site.templates import overrides_templates, templates_fingerprint
from polyvox.site.view import SiteContext, SiteOptions, site_context


@dataclass(frozen=True)
class Output:
    """One output: where it goes, the digest of its inputs, and how to make it."""

    path: str
    """Its site path: a page's URL ('' for home, 'issues/2026-09/'), a file's path."""
    inputs: str
    make: Callable[[], GeneratedPage | bytes] = field(compare=False, repr=False)


@dataclass
class SiteOutputs:
    """What a build publishes besides the engine's own files, and what it was made from."""

    site: SiteContext
    assembly: Assembly
    pages: dict[str, Output]
    """Generated pages by URL; making one gives a GeneratedPage."""
    assets: dict[str, Output]
    """Generated assets (initials avatars) by path; making one gives its bytes."""
    settings: str
    """The digest of what every output reads: options, Markdown setup, templates, Polyvox."""
    planned: dict[str, PlannedPage] = field(default_factory=dict, repr=False)
    """Each page as planned, by URL."""
    plan_feeds: Callable[[], tuple[FeedPlan | None, dict[str, Output]]] = field(
        default=lambda: (None, {}), repr=False
    )
    """Plans the feeds: asked for once, when they are wanted (a live preview writes its pages
    before it plans any feed)."""

    @cached_property
    def _feeds(self) -> tuple[FeedPlan | None, dict[str, Output]]:
        """The feeds' plan and outputs, planned on first use."""
        return self.plan_feeds()

    @property
    def feeds(self) -> dict[str, Output]:
        """Feed files by path; making one gives its bytes."""
        return self._feeds[1]

    @property
    def feed_plan(self) -> FeedPlan | None:
        """Which items each feed holds (None without feeds)."""
        return self._feeds[0]

    def feed_items(self) -> dict:
        """The feed items made or reused while making feeds in this process, by their inputs."""
        return self.feed_plan.builder.made() if self.feed_plan else {}

    def titles(self, urls: list[str]) -> dict[str, str]:
        """The titles of these pages as the theme prints them (HTML-escaped), for the
        navigation; unknown URLs are left out."""
        return {
            url: str(escape(self.planned[url].context()["title"]))
            for url in urls
            if url in self.planned
        }

    @property
    def fragments(self) -> dict[Body, Fragment]:
        """Every body's fragment, as rendered once for all outputs."""
        return self.assembly.fragments

    def files(self) -> Iterator[Output]:
        """The feeds and assets: outputs that are files as they are."""
        yield from self.feeds.values()
        yield from self.assets.values()


def site_outputs(
    community: Community,
    options: SiteOptions,
    renderer: Renderer,
    feed_options: FeedOptions,
    *,
    env: jinja2.Environment | None = None,
    ids: Identities | None = None,
    feed_items: dict | None = None,
    output: str = "on the site",
) -> SiteOutputs:
    """Every output of the site for the community as readers see it, none made yet.

    `env`, `ids` and `feed_items` are what an earlier build of the same process made (compiled
    templates, digests of model objects, feed items by their inputs): a live preview keeps them.
    Raises UnsafeOutput (naming the content file and the `output`, "in the export") when a
    member's rendered body carries active content.
    """
    ids = ids or Identities()
    ids.new_build()
    site = site_context(community, options)
    fragments = renderer.render(all_bodies(site.community))
    refuse_unsafe_fragments(fragments, output)
    assembly = Assembly(site, renderer, fragments, env)
    settings = digest(
        options, renderer.setup.fingerprint, templates_fingerprint(options.template_dirs)
    )
    if overrides_templates(options.template_dirs):  # it may show anything: all of it counts
        settings = digest(settings, community_digest(site.community, ids))
    planned_pages = {planned.url: planned for planned in plan_pages(site, ids)}
    pages = {
        url: Output(
            url,
            digest(settings, url, planned.template, planned.inputs()),
            partial(make_page, assembly, planned),
        )
        for url, planned in planned_pages.items()
    }
    planned_feeds = partial(_feeds, site, assembly, feed_options, ids, feed_items, settings)
    return SiteOutputs(
        site, assembly, pages, _avatars(site), settings, planned_pages, planned_feeds
    )


def _feeds(
    site: SiteContext,
    assembly: Assembly,
    options: FeedOptions,
    ids: Identities,
    earlier: dict | None,
    settings: str,
) -> tuple[FeedPlan | None, dict[str, Output]]:
    """The feeds' plan, and every feed file with the digest of its inputs (none without a
    site_url, which feeds need)."""
    if not site.has_feeds:
        return None, {}
    plan = FeedPlan(site, assembly, options, ids, earlier)
    feeds = {
        planned.path: Output(
            planned.path, digest(settings, planned.inputs), partial(make_feed, plan, planned)
        )
        for planned in plan.planned()
    }
    return plan, feeds


def community_digest(community: Community, ids: Identities) -> str:
    """The digest of everything the community holds."""
    return digest(
        tuple(ids.of(issue) for issue in community.issues),
        tuple(ids.of(session) for session in community.sessions),
        tuple(ids.of(person) for person in community.contributors.values()),
        tuple(ids.of(page) for page in community.pages),
        tuple(community.aliases.items()),
    )


def make_page(assembly: Assembly, planned: PlannedPage) -> GeneratedPage:
    """Write a page and pass it through the last guard (its own markup: the fragments in it
    passed the members' allowlist when they were rendered)."""
    page = assembly.page(planned.url, planned.template, planned.context())
    faults = rendered_page_faults(page.chrome)
    if faults:
        raise UnsafeContent(page_fault_report(page.src_uri, faults))
    return page


def make_feed(plan: FeedPlan, planned: PlannedFeed) -> bytes:
    """Write a feed file."""
    return plan.make(planned)


def refuse_unsafe_fragments(fragments: dict[Body, Fragment], output: str) -> None:
    """Stop on the first member's body whose rendered HTML the allowlist refused."""
    for body, fragment in fragments.items():
        if fragment.faults:
            findings = [Finding(line, message) for line, message in fragment.faults]
            raise UnsafeOutput(output_fault_report(body.source or body.page, output, findings))


def _avatars(site: SiteContext) -> dict[str, Output]:
    """Initials avatars for everyone without an image, and the anonymous avatar."""
    made = {"assets/anonymous.svg": ("anonymous", "?")}
    for person in site.community.contributors.values():
        if not person.meta.anonymous and not person.meta.avatar:
            made[f"{person.page}avatar.svg"] = (person.id, person.meta.name)
    return {
        path: Output(path, digest("avatar", who, name), partial(_svg, who, name))
        for path, (who, name) in made.items()
    }


def _svg(who: str, name: str) -> bytes:
    """An initials avatar as bytes."""
    return initials_svg(who, name).encode("utf-8")
