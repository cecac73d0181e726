"""GitHub Discussions: the JSON of one discussion from `gh api graphql` to a Thread (pure)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from polyvox.commands.importers.thread import Person, Post, Shape, Thread, parse_with
from polyvox.i18n.phrases import phrase

PLATFORM = "github"
WHAT = phrase("import_what_github")
EXPECTED = phrase("import_expected_github")


class Actor(Shape):
    """An author: a user (with a profile name) or a bot."""

    login: str
    typename: str | None = Field(None, alias="__typename")
    name: str | None = None


class Reply(Shape):
    """A reply under a discussion comment."""

    id: str
    author: Actor | None
    body: str
    createdAt: datetime
    deletedAt: datetime | None = None
    minimizedReason: str | None = None


class Replies(Shape):
    """A page of replies, with how many there are in all."""

    nodes: list[Reply]
    totalCount: int | None = None


class Comment(Reply):
    """A top-level discussion comment and its replies."""

    upvoteCount: int = 0
    isAnswer: bool = False
    replies: Replies


class Comments(Shape):
    """A page of comments, with how many there are in all."""

    nodes: list[Comment]
    totalCount: int | None = None


class Discussion(Shape):
    """The discussion itself."""

    title: str
    url: str
    createdAt: datetime
    author: Actor | None
    body: str
    comments: Comments


class Repository(Shape):
    """data.repository."""

    discussion: Discussion


class Data(Shape):
    """data."""

    repository: Repository


class Response(Shape):
    """The whole GraphQL response."""

    data: Data


def person(actor: Actor | None) -> Person:
    """The author of a post: None is a deleted account ('ghost' on GitHub's pages)."""
    if actor is None:
        return Person(PLATFORM, None)
    bot = actor.typename == "Bot" or actor.login.endswith("[bot]")
    return Person(PLATFORM, actor.login, name=actor.name or None, bot=bot)


def post(node: Reply, replies: tuple[Post, ...] = ()) -> Post:
    """One comment or reply as a Post."""
    hidden = node.minimizedReason is not None  # minimized for any reason: not shown there
    removed = node.deletedAt is not None or hidden or not node.body.strip()
    return Post(node.id, person(node.author), node.body, node.createdAt, removed, replies)


def to_thread(response: Response) -> Thread:
    """The discussion as a Thread; pages of comments the query did not fetch are counted."""
    discussion = response.data.repository.discussion
    comments = discussion.comments
    missing = max(0, (comments.totalCount or 0) - len(comments.nodes))
    posts = []
    for comment in comments.nodes:
        replies = comment.replies
        missing += max(0, (replies.totalCount or 0) - len(replies.nodes))
        posts.append(post(comment, tuple(post(reply) for reply in replies.nodes)))
    return Thread(
        PLATFORM,
        discussion.title,
        discussion.url,
        discussion.body,
        tuple(posts),
        missing,
    )


parse = parse_with(Response, to_thread, what=WHAT, expected=EXPECTED)
