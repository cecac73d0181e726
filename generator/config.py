"""The site's settings: mkdocs.yml keys the core needs and the polyvox plugin's options.

`PolyvoxOptions` is the single schema of the plugin's options: the mkdocs plugin validates its
entry in mkdocs.yml with it, and the command line reads the same entry with it, so an option is
declared once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Literal, get_args

from pydantic import ConfigDict, Field, ValidationError, field_validator

from polyvox.content.load import DEFAULT_MAX_BYTES, DEFAULT_REPEAT_WINDOW, Loaded, load_community
from polyvox.content.meta import EXPECTED_BY_ERROR_TYPE, describe
from polyvox.content.problems import suggest
from polyvox.content.reader import read_document
from polyvox.content.schema import IsoDate, Schema
from polyvox.credit.plurality import VoiceRules, voice_warnings
from polyvox.errors import PolyvoxError
from polyvox.i18n import CatalogError, Translator
from polyvox.render.fragments import (
    REQUIRED_EXTENSIONS,
    MarkdownSetup,
    Renderer,
    titled_permalinks,
)


class FeedOptions(Schema):
    """Options of the feeds, under `feeds:` in the plugin's options."""

    items: int = Field(
        20, ge=1, description="The latest items the newsletter, AMA and tag feeds carry in full."
    )
    person_items: int = Field(
        20, ge=1, description="The latest acts each contributor's feed carries in full."
    )
    tags: bool = Field(False, description="Also write an RSS and an Atom feed for each tag.")


PASSWORD_ENV = "POLYVOX_SMTP_PASSWORD"
PASSWORD_HINT = f"the SMTP password is read from the {PASSWORD_ENV} environment variable only"


class EmailOptions(Schema):
    """Options of the email edition, under `email:` in the plugin's options.

    No password here: `polyvox email --send` reads it from the environment (PASSWORD_ENV),
    so it never sits in a file of the repository.
    """

    model_config = ConfigDict(populate_by_name=True)

    sender: str | None = Field(
        None,
        alias="from",
        description="The From of the email, e.g. 'Commons Circle <news@example.org>'.",
    )
    reply_to: str | None = Field(None, description="Where replies go, e.g. editors@example.org.")
    smtp_host: str = Field("localhost", description="The SMTP server `--send` connects to.")
    smtp_port: int = Field(587, ge=1, description="Its port (587 for submission).")
    smtp_user: str | None = Field(
        None, description="The login, when the server needs one (password from the environment)."
    )
    list_unsubscribe: str | None = Field(
        None,
        description="The one-click unsubscribe URL (https), sent as List-Unsubscribe; "
        "a mailing service usually fills it in itself.",
    )

    @field_validator("list_unsubscribe")
    @classmethod
    def _one_click_needs_https(cls, url: str | None) -> str | None:
        """RFC 8058's one-click unsubscription works with an https URL only."""
        if url is not None and not url.startswith("https://"):
            raise ValueError(f"expects an https:// URL (RFC 8058 one-click), found '{url}'")
        return url


Engine = Literal["mkdocs", "properdocs", "zensical"]
ENGINES: tuple[str, ...] = get_args(Engine)
"""The engines `polyvox build` can build a site with (see README's table of engines)."""


class PolyvoxOptions(Schema):
    """Options of the `polyvox` plugin, written under `plugins: [polyvox: {...}]` in mkdocs.yml."""

    engine: Engine = Field(
        "mkdocs",
        description="What `polyvox build` builds the site with: mkdocs, properdocs (both run "
        "this plugin) or zensical (which builds what `polyvox export` writes).",
    )
    drafts: bool = Field(False, description="Build draft and future-dated issues too.")
    today: IsoDate | None = Field(
        None, description="Treat this YYYY-MM-DD as today, for reproducible builds."
    )
    max_file_size: int = Field(
        DEFAULT_MAX_BYTES, ge=1, description="Largest Markdown file accepted, in bytes."
    )
    repeated_links_within: int = Field(
        DEFAULT_REPEAT_WINDOW,
        ge=0,
        description="Warn when an issue links to a page one of this many issues before it "
        "already linked to; 0 turns the warning off.",
    )
    max_voice_share: float | None = Field(
        None,
        gt=0,
        le=1,
        description="Warn when one person holds more than this share of an issue's acts, "
        "from 0 to 1 (0.3 for 30%); no warning when unset.",
    )
    require_first_voice: bool = Field(
        False, description="Warn when nobody takes part in an issue for the first time."
    )
    feeds: FeedOptions = Field(default_factory=FeedOptions, description="How feeds are written.")
    email: EmailOptions = Field(
        default_factory=EmailOptions, description="How the email edition is addressed and sent."
    )

    @property
    def voice_rules(self) -> VoiceRules:
        """The plurality warnings these options ask `check` and `build` for."""
        return VoiceRules(self.max_voice_share, self.require_first_voice)


@dataclass(frozen=True)
class SiteSettings:
    """What the core needs from mkdocs.yml."""

    config_file: Path
    site_name: str
    site_url: str
    repo_url: str
    language: str
    docs_dir: Path
    theme_dir: Path | None
    options: PolyvoxOptions
    site_dir: Path | None = None
    markdown: MarkdownSetup = field(default_factory=MarkdownSetup)
    """The Python-Markdown configuration members' bodies are rendered with."""


class SettingsError(PolyvoxError):
    """mkdocs.yml cannot be used; the message says where and how to fix it."""


def option_errors(exc: ValidationError) -> list[tuple[str, str]]:
    """Each fault of the plugin's options as (key, message), the pair mkdocs reports."""
    faults = []
    for detail in exc.errors():
        key = ".".join(str(part) for part in detail["loc"]) or "polyvox"
        found = describe(detail.get("input"))
        if detail["type"] == "extra_forbidden" and "password" in str(detail["loc"][-1]):
            faults.append((key, f"{PASSWORD_HINT}; remove it from this file"))
        elif detail["type"] == "extra_forbidden":
            known = _known_options(detail["loc"])
            close = suggest(str(detail["loc"][-1]), known)
            hint = f"did you mean '{close}'?" if close else "known options: " + ", ".join(known)
            faults.append((key, f"unknown option: {hint}"))
        elif detail["type"] in EXPECTED_BY_ERROR_TYPE:
            faults.append((key, f"expects {EXPECTED_BY_ERROR_TYPE[detail['type']]}, found {found}"))
        elif detail["type"] == "value_error":
            faults.append((key, detail["ctx"]["error"]))
        elif detail["type"] == "greater_than_equal":
            faults.append((key, f"must be at least {detail['ctx']['ge']}, found {found}"))
        elif detail["type"] == "model_type":
            faults.append((key, f"expects {EXPECTED_BY_ERROR_TYPE['dict_type']}, found {found}"))
        else:
            faults.append((key, f"{detail['msg'].lower()}, found {found}"))
    return faults


def _known_options(loc: tuple) -> list[str]:
    """The option names of the (possibly nested) options group a key path points into."""
    group: type[Schema] = PolyvoxOptions
    for part in loc[:-1]:
        group = group.model_fields[part].annotation
    return [field.alias or name for name, field in group.model_fields.items()]


def settings_from(config: dict, config_file: Path) -> SiteSettings:
    """The keys of mkdocs.yml, and the polyvox plugin's options, that the core needs.

    `config` is mkdocs.yml as mkdocs' own YAML loading reads it (INHERIT merged, !ENV resolved):
    generator/engines/settings.py reads it, since mkdocs is imported there alone.
    """
    theme = config.get("theme") or {}
    theme = theme if isinstance(theme, dict) else {"name": theme}
    root = config_file.parent
    theme_dir = _theme_dir(root, theme.get("custom_dir"))
    try:
        options = PolyvoxOptions.model_validate(_plugin_entry(config.get("plugins") or []))
    except ValidationError as exc:
        faults = [f"{config_file}: plugins.polyvox.{k}: {m}" for k, m in option_errors(exc)]
        raise SettingsError("\n".join(faults)) from None
    return SiteSettings(
        config_file=config_file,
        site_name=config.get("site_name", "Polyvox"),
        site_url=_as_folder_url(config.get("site_url") or ""),
        repo_url=config.get("repo_url") or "",
        language=theme.get("language", "en"),
        docs_dir=root / config.get("docs_dir", "docs"),
        theme_dir=theme_dir,
        options=options,
        site_dir=root / config.get("site_dir", "site"),
        markdown=titled_permalinks(
            _markdown_setup(config.get("markdown_extensions") or []),
            _permalink_title(theme.get("language", "en"), theme_dir),
        ),
    )


def _theme_dir(root: Path, custom_dir: str | None) -> Path | None:
    """The theme's custom_dir as a path, if mkdocs.yml names one."""
    return root / custom_dir if custom_dir else None


def _permalink_title(language: str, theme_dir: Path | None) -> str:
    """The title of heading permalinks in the site's language (the English one while a broken
    catalog of the community's stops the build, which says so naming its file and line)."""
    try:
        return Translator(language, (theme_dir,) if theme_dir else ())("permalink")
    except CatalogError:
        return Translator("en")("permalink")


MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")
"""The extensions mkdocs always loads, before those mkdocs.yml lists."""


def _as_folder_url(url: str) -> str:
    """site_url as mkdocs keeps it: ending with '/', so pages' addresses join onto it."""
    return url if not url or url.endswith("/") else url + "/"


def _markdown_setup(entries: list) -> MarkdownSetup:
    """mkdocs.yml's markdown_extensions (names, or single-key mappings of a name to its
    options) with the extensions Polyvox's pages need, in the order mkdocs and the plugin
    configure them, so every engine renders members' bodies alike."""
    names, configs = list(MKDOCS_EXTENSIONS), {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, str) and entry not in names:
            names.append(entry)
        elif isinstance(entry, dict) and len(entry) == 1:
            ((name, options),) = entry.items()
            names += [str(name)] if str(name) not in names else []
            if isinstance(options, dict):
                configs[str(name)] = dict(options)
    names += [name for name in REQUIRED_EXTENSIONS if name not in names]
    return MarkdownSetup(tuple(names), configs)


def _plugin_entry(plugins: list | dict) -> dict:
    """The polyvox plugin's options from mkdocs.yml's `plugins` (a list or a mapping)."""
    if isinstance(plugins, dict):
        return plugins.get("polyvox") or {}
    for entry in plugins:
        if isinstance(entry, dict) and "polyvox" in entry:
            return entry["polyvox"] or {}
    return {}


def load_content(
    path: Path,
    options: PolyvoxOptions,
    *,
    read=read_document,
    today: date | None = None,
    added: frozenset[str] = frozenset(),
    memo=None,
    markdown: MarkdownSetup | None = None,
    renderer: Renderer | None = None,
    claimed_before: dict[str, dict[str, str]] | None = None,
) -> Loaded:
    """Read and check content/ with the limits and warnings the plugin's options set.

    `today` turns on the rules about dates that have passed; `added` names new content files;
    `memo` (a LoadMemo) keeps each file's findings until it changes; `markdown` is the site's
    Markdown setup, which makes the ids that links' anchors name (`renderer`, one of that setup
    with a cache, renders what the check must render); `claimed_before` the accounts the
    profiles this change touches claimed on its base.
    """
    loaded = load_community(
        path,
        max_bytes=options.max_file_size,
        repeated_links_within=options.repeated_links_within,
        read=read,
        today=today,
        added=added,
        memo=memo,
        claimed_before=claimed_before,
    )
    loaded = with_anchors_checked(loaded, renderer or Renderer(markdown or MarkdownSetup()))
    return with_voice_warnings(loaded, options.voice_rules)


def with_voice_warnings(loaded: Loaded, rules: VoiceRules) -> Loaded:
    """The loaded content with the plurality warnings its options ask for (once it is right)."""
    if loaded.community is None:
        return loaded
    found = voice_warnings(loaded.community, rules)
    if not found:
        return loaded
    problems = sorted([*loaded.problems, *found], key=lambda p: (p.path, p.line or 0, p.message))
    return replace(loaded, problems=problems)


def with_anchors_checked(loaded: Loaded, renderer: Renderer) -> Loaded:
    """The loaded content with a problem for each link whose anchor its page does not have
    (checked once the content is otherwise right: the ids come from rendering its bodies)."""
    if loaded.community is None or not loaded.anchored:
        return loaded
    from polyvox.render.anchors import anchor_problems  # loads the renderer: few checks need it

    found = anchor_problems(loaded.community, loaded.anchored, renderer)
    if not found:
        return loaded
    problems = sorted([*loaded.problems, *found], key=lambda p: (p.path, p.line or 0, p.message))
    return replace(loaded, community=None, problems=problems)


def today_or(options: PolyvoxOptions) -> date:
    """The day the build treats as today: the configured one, or the real date."""
    return options.today or date.today()
