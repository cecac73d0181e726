"""The .eml: an RFC 5322 multipart/alternative message (text, then HTML), the same bytes twice."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import urlsplit

from polyvox.site.email.view import EditionView

WIRE = policy.default.clone(linesep="\r\n")
"""How the .eml is written: lines end in CRLF, as RFC 5322 has them."""


def message(view: EditionView, html: str, text: str) -> EmailMessage:
    """The edition as an email message, dated by the issue, its ids derived from its URL."""
    host = urlsplit(view.url).hostname or "localhost"
    msg = EmailMessage(policy=policy.default)
    msg["Subject"] = one_line(view.subject)
    msg["From"] = view.addressing.sender
    if view.addressing.reply_to:
        msg["Reply-To"] = view.addressing.reply_to
    day = view.day
    msg["Date"] = format_datetime(datetime(day.year, day.month, day.day, tzinfo=UTC))
    msg["Message-ID"] = f"<{_digest(view.url)[:32]}@{host}>"
    if view.addressing.list_unsubscribe:
        msg["List-Unsubscribe"] = f"<{view.addressing.list_unsubscribe}>"
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    msg.set_boundary(f"polyvox-{_digest(text + html)[:40]}")
    return msg


LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
"""What ends a line somewhere: CR, LF, and what str.splitlines() also cuts at."""


def one_line(text: str) -> str:
    """A header's text on one line: each run of line breaks (CR, LF, U+2028...) is a space,
    since a header cannot hold one (other spaces, no-break ones among them, stay)."""
    return LINE_BREAKS.sub(" ", text)


def eml_bytes(msg: EmailMessage) -> bytes:
    """The message as an .eml file."""
    return msg.as_bytes(policy=WIRE)


def _digest(text: str) -> str:
    """A stable hexadecimal digest of a text."""
    return hashlib.sha256(text.encode()).hexdigest()
