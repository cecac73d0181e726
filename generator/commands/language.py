"""The language a command speaks to members and editors: the site's, as its mkdocs.yml names it.

Settings (and mkdocs, which reads them) are imported when a command asks, not when the command
line starts.
"""

from __future__ import annotations

from pathlib import Path

from polyvox.config import SettingsError, SiteSettings
from polyvox.i18n import Translator


def translator_of(settings: SiteSettings) -> Translator:
    """The translator of the site's language, with the community's own catalogs."""
    from polyvox.engines.settings import translator_for

    return translator_for(settings)


def project_translator(root: Path) -> Translator:
    """The translator of the project at root, as its mkdocs.yml names its language; English
    when there is no mkdocs.yml it can read (its problems are the commands' to report)."""
    from polyvox.engines.settings import read_settings

    try:
        return translator_of(read_settings(root / "mkdocs.yml"))
    except SettingsError:
        return Translator("en")
