"""Reddit: a thread's JSON (its URL with '.json' added) to a Thread (pure)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from polyvox.commands.importers.thread import (
    Person,
    Post,
    Shape,
    Thread,
    described,
    parse_with,
)
from polyvox.i18n.phrases import phrase

PLATFORM = "reddit"
WHAT = phrase("import_what_reddit")
EXPECTED = phrase("import_expected_reddit")
DELETED = "[deleted]"
REMOVED_BODIES = frozenset({"[removed]", "[deleted]"})
BOTS = frozenset({"automoderator"})
"""Accounts Reddit runs itself (Reddit's JSON does not mark bots)."""


class CommentData(Shape):
    """A comment (t1): its author, text, time and replies."""

    id: str
    author: str
    body: str
    created_utc: float
    parent_id: str
    replies: Listing | Literal[""] = ""


class CommentThing(Shape):
    """A t1 thing."""

    kind: Literal["t1"]
    data: CommentData


class MoreData(Shape):
    """A 'more' stub: comments the API left out of the listing."""

    count: int = 0
    children: list[str] = Field(default_factory=list)


class MoreThing(Shape):
    """A 'more' thing."""

    kind: Literal["more"]
    data: MoreData


Child = Annotated[CommentThing | MoreThing, Field(discriminator="kind")]


class ListingData(Shape):
    """A listing's children."""

    children: list[Child]


class Listing(Shape):
    """A listing of comments (or 'more' stubs)."""

    kind: Literal["Listing"]
    data: ListingData


class PostData(Shape):
    """The post (t3) that opens the thread."""

    id: str
    title: str
    author: str
    selftext: str = ""
    created_utc: float
    permalink: str


class PostThing(Shape):
    """A t3 thing."""

    kind: Literal["t3"]
    data: PostData


class PostListingData(Shape):
    """The first listing's children: the post alone."""

    children: Annotated[list[PostThing], Field(min_length=1, max_length=1)]


class PostListing(Shape):
    """The first listing."""

    kind: Literal["Listing"]
    data: PostListingData


class ThreadJson(Shape):
    """The two-listing array: the post, then the comments."""

    post: PostListing
    comments: Listing

    @model_validator(mode="before")
    @classmethod
    def _named(cls, value: object) -> object:
        """Read the array [post listing, comments listing] as two named fields."""
        if isinstance(value, list) and len(value) == 2:
            return {"post": value[0], "comments": value[1]}
        found = (
            phrase("json_items", count=len(value)) if isinstance(value, list) else described(value)
        )
        raise ValueError(phrase("reddit_two_listings", found=found))


CommentData.model_rebuild()


def unescaped(text: str) -> str:
    """Reddit's JSON writes '&', '<' and '>' in Markdown as entities: undo exactly those."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def person(author: str) -> Person:
    """The author of a post: '[deleted]' is a deleted account."""
    if author == DELETED:
        return Person(PLATFORM, None)
    return Person(PLATFORM, author, bot=author.casefold() in BOTS)


def posts(listing: Listing | Literal[""]) -> tuple[tuple[Post, ...], int]:
    """The comments of a listing, nested, and how many its 'more' stubs left out."""
    if not listing:
        return (), 0
    found, missing = [], 0
    for child in listing.data.children:
        if isinstance(child, MoreThing):
            missing += child.data.count or len(child.data.children)
            continue
        data = child.data
        replies, more = posts(data.replies)
        missing += more
        written = datetime.fromtimestamp(data.created_utc, UTC)
        removed = data.body.strip() in REMOVED_BODIES
        text = unescaped(data.body)
        found.append(Post(f"t1_{data.id}", person(data.author), text, written, removed, replies))
    return tuple(found), missing


def to_thread(thread: ThreadJson) -> Thread:
    """The post and its comments as a Thread."""
    post = thread.post.data.children[0].data
    comments, missing = posts(thread.comments)
    return Thread(
        PLATFORM,
        unescaped(post.title),
        f"https://www.reddit.com{post.permalink}",
        unescaped(post.selftext),
        comments,
        missing,
    )


JSON_PATH = {"post": 0, "comments": 1, "t1": None, "t3": None, "more": None, "Listing": None}
"""The models' own names in error locations, as the JSON array's positions (or left out)."""
parse = parse_with(ThreadJson, to_thread, what=WHAT, expected=EXPECTED, renames=JSON_PATH)
