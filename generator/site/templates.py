"""The page templates: their Jinja environment, the helpers every template may use, and the
fingerprint of everything a template's output depends on besides its data.

A community overrides any template by placing one of the same name in its theme's `polyvox/`
folder (`theme/polyvox/partials/people.html`); its gettext catalogs come from the same place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from polyvox.content.model import relative_url
from polyvox.content.safety import inert
from polyvox.fingerprint import package_fingerprint
from polyvox.i18n import Translator
from polyvox.render.fragments import MarkdownSetup

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
OVERRIDES = "polyvox"
"""The folder of a theme's custom_dir that holds a community's own templates and catalogs."""


def environment(template_dirs: tuple[Path, ...], translations=None) -> jinja2.Environment:
    """A Jinja environment that looks in the community's theme overrides, then ours, and
    translates `{% trans %}` and `_()` with the site's gettext catalogs."""
    loader = jinja2.FileSystemLoader([*(d / OVERRIDES for d in template_dirs), TEMPLATES])
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build reads each template once; serve makes a new environment
        undefined=jinja2.StrictUndefined,
        finalize=inert,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations or Translator("en").translations, newstyle=True)
    env.filters["char_refs"] = char_refs
    env.filters["page_only"] = page_only
    return env


@jinja2.pass_context
def page_only(context: jinja2.runtime.Context, markup: Markup) -> Markup:
    """What only the page shows, never a feed that quotes it (its title, its navigation)."""
    return Markup("") if context.get("for_feed") else Markup(markup)


def char_refs(text: str) -> Markup:
    """Text with every non-ASCII character written as an HTML character reference.

    For emoji: one astral character makes Python store a whole page's strings at four bytes
    a character, through every stage of the build; a reference keeps the page compact.
    """
    return Markup("".join(ch if ch.isascii() else f"&#x{ord(ch):X};" for ch in escape(text)))


class TrustedText:
    """The translator for templates: its strings are trusted, its parameters are not."""

    def __init__(self, translator: Translator):
        self._translator = translator
        self._plain: dict[str, Markup] = {}

    def __call__(self, key: str, **params: object) -> Markup:
        """A translated string with each text parameter made inert (one without parameters
        is looked up once)."""
        if not params:
            if key not in self._plain:
                self._plain[key] = Markup(self._translator(key))
            return self._plain[key]
        return Markup(self._translator(key, **{k: inert(v) for k, v in params.items()}))

    def plural(self, key: str, count: int, **params: object) -> Markup:
        """A plural form, its text parameters made inert (markup passed as it is)."""
        return Markup(
            self._translator.plural(key, count, **{k: inert(v) for k, v in params.items()})
        )

    def before(self, key: str, text: str, **params: object) -> Markup:
        """The message's variant for the text it introduces (see Translator.before)."""
        inert_params = {k: inert(v) for k, v in params.items()}
        return Markup(self._translator.before(key, text, **inert_params))

    def credit(self, key: str, names: Markup, first: str, count: int) -> Markup:
        """A credit line around names already written as HTML (see Translator.credit)."""
        return Markup(self._translator.credit(key, inert(names), first, count))

    def __getattr__(self, name: str):
        """Everything else (dates, the language) as the translator has it."""
        return getattr(self._translator, name)


def as_markup(address: Callable[[str], str]) -> Callable[[str], Markup]:
    """A link helper whose paths are HTML-escaped once."""
    return lambda target: Markup(escape(address(target)))


def relative_from(here: str) -> Callable[[str], str]:
    """A function giving a site path (with optional #anchor) relative to the page at `here`."""

    def relative(target: str) -> str:
        path, _, anchor = target.partition("#")
        folder = path.endswith("/") or not path
        result = relative_url(path, here)
        if folder:
            result = "./" if result == "." else result.rstrip("/") + "/"
        return result + (f"#{anchor}" if anchor else "")

    return relative


def permalink_for(setup: MarkdownSetup) -> Callable[[str], Markup]:
    """The permalink the site's toc extension puts in headings, for the page's own headings."""
    options = setup.configs.get("toc") or {}
    mark = options.get("permalink")
    if not mark or "toc" not in setup.extensions:
        return lambda anchor: Markup("")
    text = "&para;" if mark is True else str(escape(mark))
    css = escape(options.get("permalink_class", "headerlink"))
    title = escape(options.get("permalink_title", "Permanent link"))
    return lambda anchor: Markup(
        f'<a class="{css}" href="#{escape(anchor)}" title="{title}">{text}</a>'
    )


def overrides_templates(template_dirs: Iterable[Path]) -> bool:
    """Whether a community replaces any of Polyvox's templates (a catalog is not a template).

    A template of Polyvox's reads only what its page's inputs name (site/plan.py); one a
    community writes may read anything of the site, so a site with one is made again whole
    whenever its content changes (its outputs are still reused when nothing did)."""
    for folder in template_dirs:
        overrides = folder / OVERRIDES
        if overrides.is_dir() and any(
            path.is_file() and path.relative_to(overrides).parts[0] != "locale"
            for path in overrides.rglob("*")
        ):
            return True
    return False


def templates_fingerprint(template_dirs: Iterable[Path]) -> str:
    """What a generated page depends on besides its data: Polyvox's own code, templates and
    catalogs, and the community's overrides and catalogs (`<theme>/polyvox/`)."""
    digest = hashlib.blake2b(package_fingerprint().encode(), digest_size=16)
    for folder in template_dirs:
        overrides = folder / OVERRIDES
        for path in sorted(overrides.rglob("*")) if overrides.is_dir() else ():
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
