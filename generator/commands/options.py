"""Options several commands share, and what they change in the settings."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import click

from polyvox.config import SiteSettings

config_file_option = click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The site's mkdocs.yml.",
)
drafts_option = click.option(
    "--drafts", is_flag=True, help="Include draft and future-dated issues."
)
today_option = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Work as if today were this YYYY-MM-DD (reproducible runs).",
)


def with_today(settings: SiteSettings, today: datetime | None) -> SiteSettings:
    """The settings with --today, when given, in place of the plugin's `today` option."""
    if today is None:
        return settings
    options = settings.options.model_copy(update={"today": today.date()})
    return dataclasses.replace(settings, options=options)
