"""Write the generated tree to a folder any mkdocs.yml-reading engine can build (no mkdocs)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from generator.load import DEFAULT_MAX_BYTES
from generator.pages import SiteOptions, SiteTree, default_nav


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring the !!python tags some extensions use."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteSettings:
    """What the generator needs from mkdocs.yml."""

    site_name: str
    site_url: str
    language: str
    docs_dir: Path
    theme_dir: Path | None
    drafts: bool
    today: str | None
    max_file_size: int


def read_settings(config_file: Path) -> SiteSettings:
    """Read the few keys of mkdocs.yml (and the polyvox plugin's options) the core needs."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    theme = config.get("theme") or {}
    theme = theme if isinstance(theme, dict) else {"name": theme}
    plugin = (
        next(
            (
                p["polyvox"]
                for p in config.get("plugins", [])
                if isinstance(p, dict) and "polyvox" in p
            ),
            None,
        )
        or {}
    )
    root = config_file.parent
    custom_dir = theme.get("custom_dir")
    return SiteSettings(
        site_name=config.get("site_name", "Polyvox"),
        site_url=config.get("site_url") or "",
        language=theme.get("language", "en"),
        docs_dir=root / config.get("docs_dir", "content"),
        theme_dir=root / custom_dir if custom_dir else None,
        drafts=bool(plugin.get("drafts", False)),
        today=plugin.get("today"),
        max_file_size=int(plugin.get("max_file_size", DEFAULT_MAX_BYTES)),
    )


def site_options(settings: SiteSettings, *, drafts: bool) -> SiteOptions:
    """Options for generate_site from mkdocs.yml settings."""
    today = date.fromisoformat(settings.today) if settings.today else date.today()
    dirs = (settings.theme_dir,) if settings.theme_dir else ()
    return SiteOptions(
        today=today,
        language=settings.language,
        drafts=drafts or settings.drafts,
        site_name=settings.site_name,
        site_url=settings.site_url,
        template_dirs=dirs,
    )


def export_tree(tree: SiteTree, settings: SiteSettings, config_file: Path, target: Path) -> int:
    """Write pages, generated and content assets, and an mkdocs.yml into target; count files."""
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    written = {**{p.src_uri: p.markdown for p in tree.pages}, **tree.assets}
    for src_uri, text in written.items():
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / src_uri).write_text(text, encoding="utf-8")
    for asset in sorted(settings.docs_dir.rglob("*")):
        rel = asset.relative_to(settings.docs_dir)
        if asset.is_file() and asset.suffix != ".md" and not rel.parts[0].startswith("."):
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(asset, docs / rel)
            written[rel.as_posix()] = ""
    (target / "mkdocs.yml").write_text(_exported_config(settings, config_file), encoding="utf-8")
    return len(written)


def _exported_config(settings: SiteSettings, config_file: Path) -> str:
    """An mkdocs.yml inheriting the project's, with pages on disk and no polyvox plugin."""
    nav = default_nav(settings.language, settings.docs_dir)
    theme = {"custom_dir": str(settings.theme_dir.resolve())} if settings.theme_dir else {}
    lines = [
        "# Written by `polyvox export`: the generated pages, buildable without the plugin.",
        f"INHERIT: {json.dumps(str(config_file.resolve()))}",
        "docs_dir: docs",
        "plugins: [search]",
        f"nav: {json.dumps(nav, ensure_ascii=False)}",
        f"not_in_nav: {json.dumps('/*')}",
    ]
    if theme:
        lines.append(f"theme: {json.dumps(theme)}")
    return "\n".join(lines) + "\n"
