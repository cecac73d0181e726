"""Read mkdocs.yml once, through mkdocs' own YAML loading, for every command.

mkdocs' loader merges `INHERIT` files and resolves `!ENV` tags, so `check`, `credits` and
`export` see the same site name, URL and language as `build`. The tags Markdown extensions use
(`!!python/name:pymdownx.superfences.fence_code_format`) are read as mkdocs reads them, since
Polyvox renders every body itself with these options; `!relative` (a path relative to the page
being rendered, which no setting of Polyvox's needs) is read as nothing.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from polyvox.config import SettingsError, SiteSettings, settings_from, today_or
from polyvox.i18n import CatalogError, Translator
from polyvox.render.cache import DEFAULT_FOLDER, FragmentCache
from polyvox.render.fragments import Renderer
from polyvox.site.view import SiteOptions

_MkdocsLoader = get_yaml_loader()
"""mkdocs' own loader: INHERIT, !ENV and Python names, as `mkdocs build` reads mkdocs.yml."""
_MkdocsLoader.add_constructor("!relative", lambda loader, node: None)


def read_settings(config_file: Path) -> SiteSettings:
    """Read mkdocs.yml (and what it inherits) into the settings the core needs."""
    return settings_from(read_config(config_file), config_file)


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as mkdocs reads it: INHERIT merged, !ENV resolved; a SettingsError if not."""
    try:
        with config_file.open("rb") as source:
            config = yaml_load(source, loader=_MkdocsLoader)
    except ConfigurationError as exc:
        raise SettingsError(f"{config_file}: {exc}") from None
    except OSError as exc:
        raise SettingsError(f"{config_file}: cannot be read: {exc.strerror}") from None
    if not isinstance(config, dict):
        raise SettingsError(f"{config_file}: expects a mapping of keys to values")
    return config


class Tagged:
    """A YAML value written with a tag the export keeps as it is (`!ENV`, `!!python/name:`)."""

    def __init__(self, tag: str, value: object):
        self.tag, self.value = tag, value


class _KeepingLoader(yaml.SafeLoader):
    """A safe loader that keeps every tag it does not know, to be written back unchanged."""


def _keep(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    """A tagged node as a Tagged value: its tag and its plain value."""
    if isinstance(node, yaml.ScalarNode):
        value: object = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


_KeepingLoader.add_multi_constructor("!", _keep)
_KeepingLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep)


class _KeepingDumper(yaml.SafeDumper):
    """Writes Tagged values back with their tags."""


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    """A Tagged value as the node it was read from."""
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_KeepingDumper.add_representer(Tagged, _represent_tagged)


def config_as_written(config_file: Path) -> dict:
    """mkdocs.yml with what it INHERITs merged in, as mkdocs merges it, but every tag kept
    (`!ENV` stays a reference to the environment, never its value)."""
    try:
        with config_file.open("rb") as source:
            return yaml_load(source, loader=_KeepingLoader)
    except ConfigurationError as exc:
        raise SettingsError(f"{config_file}: {exc}") from None


def dump_config(config: dict) -> str:
    """A config mapping as mkdocs.yml text, tags kept, keys in their order."""
    return yaml.dump(config, Dumper=_KeepingDumper, sort_keys=False, allow_unicode=True)


def translator_for(settings: SiteSettings) -> Translator:
    """The site's language, with the community's own catalogs: what every command and engine
    says to members and editors in (content's problems, the preview's error page). English
    when a community catalog cannot be used: the build names its file and line itself."""
    try:
        return Translator(settings.language, (settings.theme_dir,) if settings.theme_dir else ())
    except CatalogError:
        return Translator("en")


def site_options(settings: SiteSettings, *, drafts: bool = False) -> SiteOptions:
    """What shapes the generated site, from mkdocs.yml and the plugin's options: the one
    place every command and every engine gets them from."""
    options = settings.options
    return SiteOptions(
        today=today_or(options),
        language=settings.language,
        drafts=drafts or options.drafts,
        site_name=settings.site_name,
        site_url=settings.site_url,
        tag_feeds=options.feeds.tags,
        template_dirs=(settings.theme_dir,) if settings.theme_dir else (),
    )


def cache_dir(settings: SiteSettings) -> Path:
    """The project's cache folder (`.cache/polyvox/`, beside mkdocs.yml)."""
    return settings.config_file.resolve().parent / DEFAULT_FOLDER


def renderer_for(settings: SiteSettings) -> Renderer:
    """The body renderer of a project's Markdown setup, with the project's fragment cache."""
    return Renderer(settings.markdown, FragmentCache(cache_dir(settings)))
