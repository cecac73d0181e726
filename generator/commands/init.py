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
from polyvox.engines.settings import read_config, read_settings
from polyvox.engines.writer import Writer
from polyvox.errors import PolyvoxError


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
    if upgrade:
        given = [flag for flag, _ in _content_options(name, url, language, editor, repo, example)]
        if given:
            raise click.UsageError(f"--upgrade changes no content: leave out {', '.join(given)}")
        upgrade_repository(folder)
        return
    refuse_unless_empty(folder)
    if example:
        given = [flag for flag, _ in _content_options(name, url, language, editor, repo, False)]
        if given:
            raise click.UsageError(
                f"--example writes the example community as it is: leave out {', '.join(given)} "
                "(edit its mkdocs.yml afterwards)"
            )
        files = new_repository(None, polyvox_version(), example=True)
    else:
        community = Community(
            name=name or _name_from(folder),
            url=_site_url(url, name or _name_from(folder)),
            language=_language(language or "en"),
            editor=editor,
            repo=_repo_url(repo),
        )
        files = new_repository(community, polyvox_version())
    write_new(folder, files)
    click.echo(f"polyvox: wrote {len(files)} files into {folder}. Next:")
    click.echo(f"  cd {folder}")
    click.echo("  polyvox serve    # the live preview, drafts included, on http://127.0.0.1:8000")
    click.echo("  polyvox build    # check the content, then build the site into site/")
    if not repo and not example:
        click.echo(
            "polyvox: once the repository exists, set repo_url in mkdocs.yml to its address: "
            "the about page, credits and the email link to it."
        )


def _content_options(name, url, language, editor, repo, example) -> list[tuple[str, object]]:
    """The options that shape new content, among those given."""
    given = {"--name": name, "--url": url, "--language": language, "--editor": editor}
    given["--repo"] = repo
    given["--example"] = example or None
    return [(flag, value) for flag, value in given.items() if value is not None]


def refuse_unless_empty(folder: Path) -> None:
    """Stop, writing nothing, unless folder is new or empty: init never overwrites a file."""
    if folder.exists() and not folder.is_dir():
        raise PolyvoxError(f"{folder} is a file: give a new or empty folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise PolyvoxError(
            f"{folder} is not empty: polyvox init writes a new community into a new or empty "
            f"folder, and never overwrites a file (to update a community it made, run "
            f"'polyvox init --upgrade {folder}')"
        )


def _name_from(folder: Path) -> str:
    """A site name from the folder's name: 'commons-circle' -> 'Commons circle'."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Our newsletter"


def _site_url(url: str | None, name: str) -> str:
    """The site's address, ending in '/'; a placeholder under example.org when none is given."""
    if url is None:
        return f"https://{slugify(name) or 'newsletter'}.example.org/"
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise click.BadParameter(
            f"expects an address starting with https://, found '{url}'", param_hint="--url"
        )
    return url if url.endswith("/") else url + "/"


def _repo_url(repo: str | None) -> str | None:
    """The repository's address, without a trailing '/' or '.git'; None when not given."""
    if repo is None:
        return None
    parts = urlsplit(repo)
    if parts.scheme != "https" or not parts.netloc or parts.path.strip("/") == "":
        raise click.BadParameter(
            f"expects the repository's address, e.g. https://github.com/<owner>/<name>, found "
            f"'{repo}'",
            param_hint="--repo",
        )
    return repo.rstrip("/").removesuffix(".git")


def _language(language: str) -> str:
    """A language mkdocs-material knows, or a message listing those it does."""
    known = material_languages()
    if language not in known:
        raise click.BadParameter(
            f"mkdocs-material has no language '{language}'; choose one of {', '.join(known)}",
            param_hint="--language",
        )
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
        raise PolyvoxError(
            f"{folder} has no mkdocs.yml: --upgrade updates a community made by polyvox init; "
            f"start one with 'polyvox init {folder}'"
        )
    settings = read_settings(config)
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
    report_upgrade(folder, plan, before=before, version=version)


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


def report_upgrade(folder: Path, plan, *, before: str | None, version: str) -> None:
    """Say what the upgrade did to each file Polyvox owns, one line each."""
    if before == version:
        click.echo(f"polyvox: {folder} already has the files of Polyvox {version}; checked each.")
    else:
        origin = f"from Polyvox {before} " if before else "(no record of what Polyvox wrote) "
        click.echo(f"polyvox: upgraded {folder} {origin}to {version}.")
    for rel in plan.updated:
        click.echo(f"  updated     {rel}")
    for rel in plan.added:
        click.echo(f"  added       {rel}")
    for rel, why in plan.left_alone:
        click.echo(f"  left alone  {rel}: {why}")
    click.echo(
        f"polyvox: {len(plan.current)} files were already up to date; mkdocs.yml, content/ and "
        "your theme overrides are yours and were not touched."
    )
    if plan.proposed:
        first = next(iter(plan.proposed))
        click.echo(
            f"polyvox: compare each file left alone with Polyvox's version, e.g. 'diff -u "
            f"{first} {NEW_FOLDER}/{first}', and carry over what you need (README.md, "
            "'Upgrading Polyvox')."
        )
