"""Read mkdocs.yml once, through mkdocs' own YAML loading, for every command.

mkdocs' loader merges `INHERIT` files and resolves `!ENV` tags, so `check`, `credits` and
`export` see the same site name, URL and language as `build`. The tags some Markdown extensions
use (`!!python/name:...`) are read as nothing: the core never needs those keys, and reading them
would import the extensions.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from generator.config import SettingsError, SiteSettings, settings_from


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads any tag mkdocs' loader does not handle itself as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(config_file: Path) -> SiteSettings:
    """Read mkdocs.yml (and what it inherits) into the settings the core needs."""
    return settings_from(read_config(config_file), config_file)


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as mkdocs reads it: INHERIT merged, !ENV resolved; a SettingsError if not."""
    try:
        with config_file.open("rb") as source:
            config = yaml_load(source, loader=get_yaml_loader(_TolerantLoader))
    except ConfigurationError as exc:
        raise SettingsError(f"{config_file}: {exc}") from None
    except OSError as exc:
        raise SettingsError(f"{config_file}: cannot be read: {exc.strerror}") from None
    if not isinstance(config, dict):
        raise SettingsError(f"{config_file}: expects a mapping of keys to values")
    return config
