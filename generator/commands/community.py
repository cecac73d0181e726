"""The files of a community repository: what `polyvox init` writes, and what an upgrade changes.

Pure functions over file texts: nothing here writes to the disk (the command line does). A
community repository holds two kinds of files. The community's own (mkdocs.yml, README.md,
content/, any theme override) are written once and never touched again. Polyvox's (workflows,
theme/main.html and its stylesheet, the JSON Schemas, CONTRIBUTING.md, ...) are recorded in
.polyvox/manifest.json with a fingerprint, so an upgrade replaces each one the community left
as it was, and leaves alone, and names, each one it changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from enum import EnumType
from importlib import metadata, resources
from pathlib import Path
from typing import get_args
from urllib.parse import urlsplit

import jinja2
import yaml

import polyvox
from polyvox.content.editor_schemas import SCHEMA_FOLDER, schema_texts
from polyvox.content.load import SCHEMA_BY_KIND
from polyvox.content.slugs import slugify
from polyvox.i18n.phrases import Phrase, phrase

SKELETON = Path(__file__).parent / "skeleton"
"""The templates of a new community; a leading `dot-` in a name stands for `.`."""
MANIFEST = ".polyvox/manifest.json"
NEW_FOLDER = ".polyvox/new"
"""Where an upgrade writes Polyvox's version of each file the community changed, to compare."""
POLYVOX_URL = "https://github.com/polyvox/polyvox"
POLYVOX_OWNED = (
    "requirements.txt",
    ".github/workflows/check.yml",
    ".github/workflows/publish.yml",
    ".github/workflows/submit.yml",
    ".github/workflows/welcome.yml",
    ".github/PULL_REQUEST_TEMPLATE.md",
    ".pre-commit-config.yaml",
    ".gitignore",
    "CONTRIBUTING.md",
)
"""Skeleton files Polyvox keeps up to date (with the theme's files and the JSON Schemas)."""
README = "README.md"
"""The community's, but kept up to date by upgrades until the community changes it."""
STARTER = {
    "contributors/{editor_id}.md": "editor.md",
    "issues/{month}/index.md": "issue.md",
    "pages/about.md": "about.md",
}
"""Where the starter content goes under content/, and its template in starter/<language>/."""


@dataclass(frozen=True)
class Community:
    """What `polyvox init` is told about the new community."""

    name: str
    url: str
    language: str = "en"
    editor: str | None = None
    repo: str | None = None
    """The repository's address (mkdocs.yml's repo_url), when known."""
    today: date = field(default_factory=date.today)


def polyvox_version() -> str:
    """The version of Polyvox installed, which the workflows pin."""
    return metadata.version("polyvox")


def example_root() -> Path:
    """The example community (mkdocs.yml, content/, theme/): the copy the wheel carries, or, in
    a source checkout, the repository's own top level, where the wheel's copy is made from."""
    shipped = Path(polyvox.__file__).parent / "example"
    return shipped if shipped.is_dir() else Path(polyvox.__file__).parent.parent


def material_languages() -> list[str]:
    """The values mkdocs-material accepts for theme.language."""
    folder = resources.files("material") / "templates" / "partials" / "languages"
    return sorted(entry.name.removesuffix(".html") for entry in folder.iterdir())


def _environment() -> jinja2.Environment:
    """Jinja with [[ ]] delimiters, so the workflows' own ${{ }} expressions stay as written."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SKELETON),
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)  # a YAML scalar
    return env


def _render(template: str, values: dict) -> bytes:
    """One skeleton file, filled in: its translation into the community's language when the
    starter folder of that language has one (CONTRIBUTING.md, README.md...), else the English."""
    translated = f"{starter_folder(values['language'])}/{template}"
    if (SKELETON / translated).is_file() and not template.startswith("starter/"):
        template = translated
    return _environment().get_template(template).render(**values).encode("utf-8")


def starter_folder(language: str) -> str:
    """The starter texts' folder for a language: its own, its base language's, or English's."""
    for candidate in (language, language.replace("-", "_").split("_")[0]):
        if (SKELETON / "starter" / candidate).is_dir():
            return f"starter/{candidate}"
    return "starter/en"


def _texts(language: str) -> dict[str, str]:
    """The short texts of a new community (labels of the theme's toggle, starter titles)."""
    path = SKELETON / starter_folder(language) / "texts.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _values(name: str, language: str, version: str, **more: object) -> dict[str, object]:
    """What every skeleton template may use."""
    return {
        "name": name,
        "language": language,
        "version": version,
        "texts": _texts(language),
        "polyvox_url": POLYVOX_URL,
        "contract": content_contract(language),
        **more,
    }


def content_contract(language: str = "en") -> list[dict]:
    """Each kind of content file, where it goes and its front-matter keys, from its schema:
    the tables of a community's CONTRIBUTING.md, so they say what `polyvox check` enforces;
    in the language's words (starter/<language>/contract.yml) where it has them."""
    words = contract_words(language)
    kinds = []
    for kind, schema in SCHEMA_BY_KIND.items():
        path, what = re.fullmatch(r"Front matter of `(.+?)`: (.+?)\.?", schema.__doc__).groups()
        own = words.get("kinds", {}).get(kind.value, {})
        keys = [
            {
                "name": key,
                "required": words.get("required_yes" if spec.is_required() else "required_no")
                or ("yes" if spec.is_required() else "no"),
                "description": _table_cell(
                    own.get("keys", {}).get(key) or spec.description or "",
                    spec.annotation,
                    words.get("one_of", "one of"),
                ),
            }
            for key, spec in schema.model_fields.items()
        ]
        what = own.get("what") or what[:1].upper() + what[1:]
        kinds.append({"path": path, "what": what, "fields": keys})
    return kinds


def contract_words(language: str) -> dict:
    """The words of the content contract's tables in a language (none for English)."""
    path = SKELETON / starter_folder(language) / "contract.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _table_cell(description: str, annotation: object, one_of: str = "one of") -> str:
    """A key's description as a Markdown table cell: placeholders such as <YYYY-MM> as code
    (not read as HTML tags), and the values a closed set allows."""
    text = re.sub(r"<[^<>|]+>(?:/<[^<>|]+>)*", lambda m: f"`{m[0]}`", description)
    text = text.removesuffix(".").replace("|", "\\|")
    for enum in (arg for arg in (annotation, *get_args(annotation)) if isinstance(arg, EnumType)):
        values = [str(member.value) for member in enum]
        if not all(value in text for value in values):
            text += f" ({one_of} " + ", ".join(f"`{value}`" for value in values) + ")"
    return text


def polyvox_files(*, name: str, language: str, version: str) -> dict[str, bytes]:
    """The files Polyvox owns in a community repository, by path, for this version."""
    values = _values(name, language, version)
    files = {path: _render(_skeleton_name(path), values) for path in POLYVOX_OWNED}
    files |= _tree(example_root(), "theme")  # the hooks Polyvox's pages need, and their style
    files |= {
        f"{SCHEMA_FOLDER}/{file}": text.encode("utf-8") for file, text in schema_texts().items()
    }
    return files


def _tree(root: Path, folder: str) -> dict[str, bytes]:
    """Every file under root/folder, by its path from root."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / folder).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def _skeleton_name(path: str) -> str:
    """The skeleton template of a repository path (.github/x -> dot-github/x)."""
    return "/".join(f"dot-{part[1:]}" if part.startswith(".") else part for part in path.split("/"))


def community_files(community: Community, version: str) -> dict[str, bytes]:
    """The community's own files for a new community: mkdocs.yml, README.md and content/."""
    texts = _texts(community.language)
    editor = community.editor or texts["editor"]
    values = _values(
        community.name,
        community.language,
        version,
        description=texts["description"],
        url=community.url,
        repo=community.repo,
        contributing_url=contributing_url(community.repo),
        editor=editor,
        editor_id=slugify(editor) or "editor",
        month=community.today.strftime("%Y-%m"),
        date=community.today.isoformat(),
    )
    files = {path: _render(path, values) for path in ("mkdocs.yml", README)}
    folder = starter_folder(community.language)
    for target, template in STARTER.items():
        files["content/" + target.format(**values)] = _render(f"{folder}/{template}", values)
    return files


def example_files(version: str) -> dict[str, bytes]:
    """The example community's own files: its mkdocs.yml and content/, byte for byte."""
    root = example_root()
    config = root / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    files = {"mkdocs.yml": config.read_bytes()}
    files |= _tree(root, "content")
    files[README] = readme(settings, version)
    return files


def readme(config: dict, version: str) -> bytes:
    """README.md as Polyvox writes it for a community, from its mkdocs.yml (as read)."""
    theme = config.get("theme") or {}
    language = theme.get("language", "en") if isinstance(theme, dict) else "en"
    values = _values(
        config.get("site_name", ""),
        language,
        version,
        description=config.get("site_description", ""),
    )
    return _render(README, values)


def contributing_url(repo: str | None) -> str | None:
    """Where a repository shows its CONTRIBUTING.md: the file on GitHub (on the default
    branch), the repository itself on any other forge."""
    if not repo:
        return None
    if urlsplit(repo).hostname in ("github.com", "www.github.com"):
        return f"{repo}/blob/HEAD/CONTRIBUTING.md"
    return repo


def fingerprint(data: bytes) -> str:
    """What the manifest records of a file: enough to tell whether it was changed."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def manifest_text(version: str, recorded: dict[str, str]) -> bytes:
    """The manifest's text: the version that wrote Polyvox's files, and their fingerprints."""
    manifest = {
        "$comment": "Written by polyvox init: the files Polyvox owns here, as it wrote them. "
        "Commit it; 'polyvox init --upgrade' reads it to leave your changes alone.",
        "polyvox": version,
        "files": dict(sorted(recorded.items())),
    }
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def new_repository(
    community: Community | None, version: str, *, example: bool = False
) -> dict[str, bytes]:
    """Every file of a new community repository (the example's with `example`), by path."""
    if example:
        settings = yaml.safe_load((example_root() / "mkdocs.yml").read_text(encoding="utf-8"))
        name, language = settings["site_name"], settings["theme"].get("language", "en")
        own = example_files(version)
    else:
        name, language = community.name, community.language
        own = community_files(community, version)
    owned = polyvox_files(name=name, language=language, version=version)
    kept_current = {**owned, README: own[README]}
    recorded = {path: fingerprint(data) for path, data in kept_current.items()}
    forms = issue_forms(name, language, example_root() / "content" if example else None)
    return {**own, **forms, **owned, MANIFEST: manifest_text(version, recorded)}


def issue_forms(name: str, language: str, content: Path | None) -> dict[str, bytes]:
    """The issue forms of a new community (the example's list its sessions collecting
    questions): the community's own files, which `polyvox forms` writes again."""
    from polyvox.commands.forms import form_files
    from polyvox.content.load import load_community
    from polyvox.i18n import Translator

    sessions = load_community(content).community.sessions if content else ()
    files = form_files(Translator(language), site=name, sessions=sessions)
    return {path: text.encode("utf-8") for path, text in files.items()}


@dataclass
class Upgrade:
    """What an upgrade writes, and what it says about each file Polyvox owns."""

    writes: dict[str, bytes] = field(default_factory=dict)
    updated: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    left_alone: list[tuple[str, Phrase]] = field(default_factory=list)
    """Each file left as it is, and why (a phrase, said in the community's language)."""
    proposed: dict[str, bytes] = field(default_factory=dict)
    """Polyvox's version of each file left alone because it was changed, to compare with."""


def read_manifest(text: str | None) -> tuple[str | None, dict[str, str]]:
    """The version and fingerprints a manifest records (none for a missing or broken one)."""
    if text is None:
        return None, {}
    try:
        manifest = json.loads(text)
        return str(manifest["polyvox"]), dict(manifest["files"])
    except (ValueError, KeyError, TypeError):
        return None, {}


def plan_upgrade(
    new: dict[str, bytes],
    present: dict[str, bytes | None],
    recorded: dict[str, str],
    *,
    version: str,
) -> Upgrade:
    """Decide, for each file Polyvox owns, whether to write this version's text or leave it.

    present holds the repository's current bytes of each path in new (None: no such file);
    recorded, the fingerprints the manifest kept of what Polyvox last wrote.
    """
    plan = Upgrade()
    kept = dict(recorded)
    for path, data in sorted(new.items()):
        now = present.get(path)
        if now == data:
            plan.current.append(path)
            kept[path] = fingerprint(data)
        elif now is None and path in recorded:
            plan.left_alone.append((path, phrase("upgrade_removed")))
        elif now is None or recorded.get(path) == fingerprint(now):
            (plan.added if now is None else plan.updated).append(path)
            plan.writes[path] = data
            kept[path] = fingerprint(data)
        else:
            why = "upgrade_changed" if path in recorded else "upgrade_not_ours"
            proposed = f"{NEW_FOLDER}/{path}"
            plan.left_alone.append((path, phrase(why, version=version, proposed=proposed)))
            plan.proposed[path] = data
    for path in sorted(set(recorded) - set(new)):
        plan.left_alone.append((path, phrase("upgrade_dropped", version=version)))
        kept.pop(path)
    plan.writes[MANIFEST] = manifest_text(version, kept)
    return plan
