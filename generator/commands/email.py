"""`polyvox email`: write an issue's email edition (HTML, text, .eml) and, if asked, send it."""

from __future__ import annotations

import copy
import os
import smtplib
import socket
import ssl
from collections.abc import Iterable
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import click

from polyvox.commands.language import translator_of
from polyvox.commands.options import config_file_option, today_option, with_today
from polyvox.config import (
    PASSWORD_ENV,
    EmailOptions,
    SiteSettings,
    load_content,
)
from polyvox.content.load import Loaded
from polyvox.content.problems import summary_line
from polyvox.content.safety import UnsafeOutput
from polyvox.engines.settings import read_settings
from polyvox.engines.writer import Writer
from polyvox.errors import PolyvoxError
from polyvox.i18n import Translator
from polyvox.i18n.phrases import Count, Words, phrase

SMTP_TIMEOUT = 30


@click.command()
@click.argument("issue", required=False)
@config_file_option
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the edition to (default: site/email/ next to mkdocs.yml).",
)
@click.option("--send", is_flag=True, help="Also send the email by SMTP.")
@click.option("--to", "recipients", multiple=True, help="A recipient (repeat for more).")
@click.option("--smtp", help="HOST:PORT of the SMTP server (default: email.smtp_host/port).")
@click.option("--from", "sender", help="The From address (default: email.from in mkdocs.yml).")
@click.option(
    "--no-unsubscribe",
    is_flag=True,
    help="Send although email.list_unsubscribe is not set (the list server adds its own link).",
)
@today_option
def email(
    issue: str | None,
    config_file: Path,
    output: Path | None,
    send: bool,
    recipients: tuple[str, ...],
    smtp: str | None,
    sender: str | None,
    no_unsubscribe: bool,
    today: datetime | None,
) -> None:
    """Write ISSUE's email edition (YYYY-MM; default the latest published) and maybe send it."""
    from polyvox.engines.settings import site_options
    from polyvox.site.email import edition
    from polyvox.site.view import site_context

    settings = with_today(read_settings(config_file), today)
    t = translator_of(settings)
    if send and not recipients:
        raise click.UsageError(t("send_needs_to"))
    if send and not (settings.options.email.list_unsubscribe or no_unsubscribe):
        raise PolyvoxError(t("send_no_unsubscribe", config_file=config_file))
    if not settings.site_url:
        raise PolyvoxError(t("send_no_site_url", config_file=config_file))
    host, port = smtp_address(smtp, settings.options.email, t) if send else ("", 0)
    loaded = _checked(settings)
    site = site_context(loaded.community, site_options(settings))
    chosen = pick_issue(site.community.issues, issue, every=loaded.community.issues, t=t)
    try:
        made = edition(
            site,
            chosen,
            render_body=fragments_of(settings),
            addressing=addressing_of(settings, sender),
        )
    except UnsafeOutput as exc:  # the last guard, on members' bodies as the email has them
        raise PolyvoxError(f"{exc}\npolyvox: {t('send_nothing_written')}") from None
    write_edition(made, output or config_file.parent / "site" / "email", t)
    if send:
        user = settings.options.email.smtp_user
        password = os.environ.get(PASSWORD_ENV)
        message = dated_now(made.message)  # the .eml written keeps the issue's date
        deliver(message, recipients, host=host, port=port, user=user, password=password)
        sent = phrase("send_sent", count=len(recipients), issue=chosen.id, server=f"{host}:{port}")
        click.echo(f"polyvox: {sent.text(t)}")


def dated_now(msg: EmailMessage) -> EmailMessage:
    """A copy of msg dated when it is sent (in the sender's time zone), not on the issue's day."""
    sent = copy.deepcopy(msg)
    sent.replace_header("Date", format_datetime(datetime.now().astimezone()))
    return sent


def write_edition(made, folder: Path, t: Translator) -> None:
    """Write an edition's files into folder; warn if its HTML is still past Gmail's clip size."""
    from polyvox.site.email.html import CLIP_BYTES

    writer = Writer(folder)
    for name, data in made.files().items():
        writer.write(name, data)
    click.echo(f"polyvox: {t('send_wrote', issue=made.issue_id, folder=folder)}")
    size = len(made.html.encode())
    if size > CLIP_BYTES:
        clipped = phrase(
            "send_clipped", issue=made.issue_id, size=Count(size), limit=Count(CLIP_BYTES)
        )
        click.echo(f"polyvox: warning: {clipped.text(t)}", err=True)


def _checked(settings: SiteSettings) -> Loaded:
    """content/ read and checked, its problems printed; exit 1 if any is an error."""
    loaded = load_content(settings.docs_dir, settings.options)
    t = translator_of(settings)
    for problem in loaded.problems:
        click.echo(problem.as_text(t), err=True)
    if loaded.community is None:
        click.echo(summary_line(loaded.problems, loaded.files_read, t), err=True)
        raise PolyvoxError(t("send_content_errors"))
    return loaded


def pick_issue(issues, wanted: str | None, *, every=(), t: Words | None = None):
    """The issue asked for among those readers see, or the latest published one; a clear
    error (in t's language) when there is none, or when the one asked for is published for a
    later day (one of `every` issue, future ones included)."""
    published = [i for i in issues if i.published]
    if wanted is None:
        if not published:
            raise PolyvoxError(phrase("send_nothing_published").text(t))
        return published[-1]
    for issue in published:
        if issue.id == wanted:
            return issue
    for issue in every:
        if issue.id == wanted and issue.published:
            day = issue.meta.date.isoformat()
            raise PolyvoxError(phrase("send_scheduled", issue=wanted, day=day).text(t))
    known = ", ".join(i.id for i in published) or phrase("send_none").text(t)
    raise PolyvoxError(phrase("send_no_such_issue", issue=wanted, known=known).text(t))


def editions_of(settings: SiteSettings):
    """For `build --email`: every published issue's edition files under email/, made from
    the built tree's own view model and fragments."""
    from polyvox.site.email import edition_files

    def files(tree) -> dict[str, bytes]:
        fragments = tree.assembly.fragments
        made = edition_files(
            tree.site,
            render_body=lambda body: fragments[body].html,
            addressing=addressing_of(settings, None),
        )
        return {f"email/{name}": data for name, data in made.items()}

    return files


def addressing_of(settings: SiteSettings, sender: str | None):
    """Who the email is from, where replies and unsubscriptions go, from options and flags."""
    from polyvox.site.email import Addressing

    options = settings.options.email
    host = urlsplit(settings.site_url).hostname or "localhost"
    return Addressing(
        sender=sender or options.sender or f"{settings.site_name} <noreply@{host}>",
        reply_to=options.reply_to,
        list_unsubscribe=options.list_unsubscribe,
        contribute_url=settings.repo_url or None,
    )


def smtp_address(flag: str | None, options: EmailOptions, t: Translator) -> tuple[str, int]:
    """HOST and PORT from --smtp HOST:PORT, or from the email options."""
    if not flag:
        return options.smtp_host, options.smtp_port
    host, _, port = flag.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter(t("send_bad_smtp", found=flag), param_hint="--smtp")
    return host, int(port)


def fragments_of(settings):
    """Members' bodies as the site renders them: the fragment store, cached in .cache/."""
    from polyvox.engines.settings import renderer_for

    renderer = renderer_for(settings)
    return lambda body: renderer.one(body).html


def deliver(
    msg: EmailMessage,
    recipients: Iterable[str],
    *,
    host: str,
    port: int,
    user: str | None = None,
    password: str | None = None,
) -> None:
    """Send one copy of msg to each recipient over one SMTP session, STARTTLS when offered."""
    where = f"{host}:{port}"
    try:
        with smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT) as server:
            server.ehlo()
            if server.has_extn("starttls"):
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
            if user:
                if password is None:
                    raise PolyvoxError(
                        f"email.smtp_user is set but {PASSWORD_ENV} is not: export the password "
                        "in that environment variable"
                    )
                server.login(user, password)
            for recipient in recipients:
                copy = _addressed(msg, recipient)
                server.send_message(copy, to_addrs=[recipient])
    except ConnectionRefusedError:
        raise PolyvoxError(f"cannot send: {where} refused the connection") from None
    except socket.gaierror as exc:
        raise PolyvoxError(f"cannot send: unknown SMTP host {host} ({exc})") from None
    except TimeoutError:
        raise PolyvoxError(f"cannot send: {where} did not answer in time") from None
    except smtplib.SMTPAuthenticationError as exc:
        raise PolyvoxError(
            f"cannot send: {where} refused the login of {user}: {_reply(exc)}"
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(
            f"{addr} ({_code_text(code, text)})" for addr, (code, text) in exc.recipients.items()
        )
        raise PolyvoxError(f"cannot send: {where} refused the recipient {refused}") from None
    except smtplib.SMTPSenderRefused as exc:
        raise PolyvoxError(
            f"cannot send: {where} refused the sender {exc.sender}: {_reply(exc)}"
        ) from None
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise PolyvoxError(f"cannot send through {where}: {exc}") from None


def _addressed(msg: EmailMessage, recipient: str) -> EmailMessage:
    """A copy of msg with To set to one recipient, so no reader sees the others' addresses."""
    addressed = copy.deepcopy(msg)
    addressed["To"] = recipient
    return addressed


def _reply(exc: smtplib.SMTPResponseException) -> str:
    """A server's reply as '<code> <text>' on one line."""
    return _code_text(exc.smtp_code, exc.smtp_error)


def _code_text(code: int, text: bytes | str) -> str:
    """An SMTP reply code and its text, on one line."""
    message = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(message.split())}"
