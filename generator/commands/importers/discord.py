"""Discord: a DiscordChatExporter JSON export of a channel to a Thread (pure)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from polyvox.commands.importers.text import markdown_url
from polyvox.commands.importers.thread import Person, Post, Shape, Thread, parse_with
from polyvox.i18n.phrases import phrase

PLATFORM = "discord"
WHAT = phrase("import_what_discord")
EXPECTED = phrase("import_expected_discord")
KEPT_TYPES = frozenset({"Default", "Reply"})
"""Message types people write; the others (pins, joins, thread notices) are Discord's own."""


class Author(Shape):
    """Who sent a message."""

    id: str
    name: str
    nickname: str | None = None
    isBot: bool = False


class Reference(Shape):
    """The message a reply answers."""

    messageId: str | None = None


class Attachment(Shape):
    """A file attached to a message."""

    url: str
    fileName: str


class Message(Shape):
    """One message."""

    id: str
    type: str
    timestamp: datetime
    content: str
    author: Author
    attachments: list[Attachment] = Field(default_factory=list)
    reference: Reference | None = None


class Guild(Shape):
    """The server."""

    id: str
    name: str


class Channel(Shape):
    """The channel exported."""

    id: str
    name: str
    topic: str | None = None


class Export(Shape):
    """The whole export."""

    guild: Guild
    channel: Channel
    messages: list[Message]


def person(author: Author) -> Person:
    """The author of a message: exports keep no deleted messages, so no account is deleted."""
    return Person(
        PLATFORM, author.name, name=author.nickname or None, account_id=author.id, bot=author.isBot
    )


def body(message: Message) -> str:
    """A message's text, with a link to each attached file."""
    files = [f"[{_file_name(a.fileName)}]({markdown_url(a.url)})" for a in message.attachments]
    return "\n\n".join(part for part in [message.content, *files] if part.strip())


def _file_name(name: str) -> str:
    """An attachment's name as a link's text: one line, its brackets made parentheses."""
    return " ".join(name.replace("[", "(").replace("]", ")").split()) or "file"


def to_thread(export: Export) -> Thread:
    """Top-level messages and the replies under each (a reply to a reply joins the same root)."""
    messages = [m for m in export.messages if m.type in KEPT_TYPES]
    by_id = {m.id: m for m in messages}
    roots: dict[str, list[Message]] = {m.id: [] for m in messages if _parent(m) is None}
    missing = 0
    for message in messages:
        root = _root(message, by_id)
        if root is None:
            missing += 1  # a reply to a message outside the export
        elif root != message.id:
            roots[root].append(message)
    comments = tuple(
        Post(
            m.id,
            person(m.author),
            body(m),
            m.timestamp,
            replies=tuple(Post(r.id, person(r.author), body(r), r.timestamp) for r in roots[m.id]),
        )
        for m in messages
        if m.id in roots
    )
    channel = export.channel
    return Thread(
        PLATFORM,
        channel.topic or f"#{channel.name}",
        f"https://discord.com/channels/{export.guild.id}/{channel.id}",
        "",
        comments,
        missing,
    )


def _parent(message: Message) -> str | None:
    """The id of the message this one replies to, if any."""
    return message.reference.messageId if message.reference else None


def _root(message: Message, by_id: dict[str, Message]) -> str | None:
    """The top-level message a message belongs under, or None if its chain leaves the export."""
    seen = set()
    while (parent := _parent(message)) is not None:
        if parent not in by_id or parent in seen:
            return None
        seen.add(parent)
        message = by_id[parent]
    return message.id


parse = parse_with(Export, to_thread, what=WHAT, expected=EXPECTED)
