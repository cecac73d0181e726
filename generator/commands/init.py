"""`polyvox init`: start a community repository from nothing, and upgrade the files Polyvox owns."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import click

from polyvox.commands.community import (
    MANIFEST,
    NEW_FOLDER,
    README,
    Community,
    material_languages,
    new_repository,
    plan_upgrade,
    polyvox_files,
    polyvox_version,
    read_manifest,
    readme,
)
from polyvox.content.slugs import slugify
from polyvox.engines.settings import read_config, read_settings, translator_for
from polyvox.engines.writer import Writer
from polyvox.errors import PolyvoxError
from polyvox.i18n import Translator
from polyvox.i18n.phrases import phrase


@click.command()
@click.argument("folder", default=".", type=click.Path(path_type=Path))
@click.option("--name", help="The site's name (default: from the folder's name).")
@click.option("--url", help="The address the site will be published at, https://...")
@click.option("--language", help="The language of the site's labels, e.g. fr (default: en).")
@click.option("--editor", help="The name of the first editor (default: 'The editors').")
@click.option(
    "--repo",
    help="The repository's address, https://github.com/<owner>/<name> (mkdocs.yml's repo_url).",
)
@click.option("--example", is_flag=True, help="Write the full example community instead.")
@click.option(
    "--upgrade",
    is_flag=True,
    help="In a community made by polyvox init: update the files Polyvox owns to this version.",
)
def init(folder, name, url, language, editor, repo, example, upgrade) -> None:
    """Write a new community repository into FOLDER (new or empty), ready to check and build."""
    if upgrade:  # it speaks the community's language once it has read its mkdocs.yml
        given = [flag for flag, _ in _content_options(name, url, language, editor, repo, example)]
        if given:
            raise click.UsageError(str(phrase("init_upgrade_alone", flags=", ".join(given))))
        upgrade_repository(folder)
        return
    t = Translator(language or "en")  # the new community's language, from its first command
    refuse_unless_empty(folder, t)
    if example:
        given = [flag for flag, _ in _content_options(name, url, language, editor, repo, False)]
        if given:
            raise click.UsageError(t("init_example_as_is", flags=", ".join(given)))
        files = new_repository(None, polyvox_version(), example=True)
    else:
        community = Community(
            name=name or _name_from(folder),
            url=_site_url(url, name or _name_from(folder), t),
            language=_language(language or "en", t),
            editor=editor,
            repo=_repo_url(repo, t),
        )
        files = new_repository(community, polyvox_version())
    write_new(folder, files)
    for line in next_steps(folder, len(files), t, repo_known=bool(repo or example)):
        click.echo(line)


def next_steps(folder: Path, count: int, t: Translator, *, repo_known: bool) -> list[str]:
    """What init says once it wrote a community: how many files, and what to run next."""
    lines = [
        f"polyvox: {phrase('init_wrote', count=count, folder=folder).text(t)}",
        f"  cd {folder}",
        f"  polyvox serve    # {t('init_serve', address='http://127.0.0.1:8000')}",
        f"  polyvox build    # {t('init_build', folder='site/')}",
    ]
    if not repo_known:
        lines.append(f"polyvox: {t('init_repo_url')}")
    return lines


def _content_options(name, url, language, editor, repo, example) -> list[tuple[str, object]]:
    """The options that shape new content, among those given."""
    given = {"--name": name, "--url": url, "--language": language, "--editor": editor}
    given["--repo"] = repo
    given["--example"] = example or None
    return [(flag, value) for flag, value in given.items() if value is not None]


def refuse_unless_empty(folder: Path, t: Translator) -> None:
    """Stop, writing nothing, unless folder is new or empty: init never overwrites a file."""
    if folder.exists() and not folder.is_dir():
        raise PolyvoxError(t("init_is_file", folder=folder))
    if folder.is_dir() and any(folder.iterdir()):
        raise PolyvoxError(t("init_not_empty", folder=folder))


def _name_from(folder: Path) -> str:
    """A site name from the folder's name: 'commons-circle' -> 'Commons circle'."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Our newsletter"


def _site_url(url: str | None, name: str, t: Translator) -> str:
    """The site's address, ending in '/'; a placeholder under example.org when none is given."""
    if url is None:
        return f"https://{slugify(name) or 'newsletter'}.example.org/"
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise click.BadParameter(t("init_bad_url", found=url), param_hint="--url")
    return url if url.endswith("/") else url + "/"


def _repo_url(repo: str | None, t: Translator) -> str | None:
    """The repository's address, without a trailing '/' or '.git'; None when not given."""
    if repo is None:
        return None
    parts = urlsplit(repo)
    if parts.scheme != "https" or not parts.netloc or parts.path.strip("/") == "":
        raise click.BadParameter(t("init_bad_repo", found=repo), param_hint="--repo")
    return repo.rstrip("/").removesuffix(".git")


def _language(language: str, t: Translator) -> str:
    """A language mkdocs-material knows, or a message listing those it does."""
    known = material_languages()
    if language not in known:
        said = t("init_bad_language", language=language, known=", ".join(known))
        raise click.BadParameter(said, param_hint="--language")
    return language


def write_new(folder: Path, files: dict[str, bytes]) -> None:
    """Write every file, creating folders; nothing existing is ever replaced."""
    writer = Writer(folder)
    for rel, data in files.items():
        writer.create(rel, data)


def upgrade_repository(folder: Path) -> None:
    """Update the files Polyvox owns in the community at folder; report what was left alone."""
    config = folder / "mkdocs.yml"
    if not config.is_file():
        raise PolyvoxError(str(phrase("upgrade_no_config", folder=folder)))  # no language yet
    settings = read_settings(config)
    t = translator_for(settings)
    version = polyvox_version()
    new = polyvox_files(name=settings.site_name, language=settings.language, version=version)
    new[README] = readme(read_config(config), version)
    manifest = folder / MANIFEST
    before, recorded = read_manifest(
        manifest.read_text(encoding="utf-8") if manifest.is_file() else None
    )
    present = {rel: _bytes_or_none(folder / rel) for rel in new}
    plan = plan_upgrade(new, present, recorded, version=version)
    writer = Writer(folder)
    for rel, data in plan.writes.items():
        writer.write(rel, data)
    write_proposed(folder / NEW_FOLDER, plan.proposed, new)
    report_upgrade(folder, plan, t, before=before, version=version)


def write_proposed(target: Path, proposed: dict[str, bytes], every: dict[str, bytes]) -> None:
    """Write Polyvox's version of each file left alone under target (.polyvox/new/), and
    remove the copies an earlier upgrade left there of the other files Polyvox writes."""
    for rel in every:
        stale = target / rel
        if rel not in proposed and stale.is_file():
            stale.unlink()
    writer = Writer(target)
    for rel, data in proposed.items():
        writer.write(rel, data)


def _bytes_or_none(path: Path) -> bytes | None:
    """A file's bytes, or None if there is no such file."""
    return path.read_bytes() if path.is_file() else None


def report_upgrade(folder: Path, plan, t: Translator, *, before: str | None, version: str) -> None:
    """Say what the upgrade did to each file Polyvox owns, one line each, in t's language."""
    if before == version:
        said = phrase("upgrade_same", folder=folder, version=version)
    elif before:
        said = phrase("upgrade_from", folder=folder, before=before, version=version)
    else:
        said = phrase("upgrade_unrecorded", folder=folder, version=version)
    click.echo(f"polyvox: {said.text(t)}")
    labels = {key: t(key) for key in ("upgrade_updated", "upgrade_added", "upgrade_left_alone")}
    width = max(len(label) for label in labels.values()) + 2
    for rel in plan.updated:
        click.echo(f"  {labels['upgrade_updated']:<{width}}{rel}")
    for rel in plan.added:
        click.echo(f"  {labels['upgrade_added']:<{width}}{rel}")
    for rel, why in plan.left_alone:
        told = t("upgrade_why", path=rel, why=why.text(t))
        click.echo(f"  {labels['upgrade_left_alone']:<{width}}{told}")
    current = phrase("upgrade_current", count=len(plan.current))
    click.echo(f"polyvox: {current.text(t)}")
    if plan.proposed:
        first = next(iter(plan.proposed))
        compare = t("upgrade_compare", file=first, proposed=f"{NEW_FOLDER}/{first}")
        click.echo(f"polyvox: {compare}")
