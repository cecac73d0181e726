"""One engine's build in a child process of `polyvox build`: ProperDocs or Zensical.

    python -m polyvox.engines.runner properdocs CONFIG STAGING [--drafts] [--today YYYY-MM-DD]
    python -m polyvox.engines.runner zensical CONFIG

Why a child process: ProperDocs makes every `mkdocs.*` import its own, which works only if it
comes before anything imports mkdocs (the parent already has); Zensical's runtime keeps its
configuration in the process and prints to it directly. In a child, each build starts clean,
and the parent relays what it prints. The exit code says whether the build succeeded.
"""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

LOG_FORMAT = "%(levelname)-7s -  %(message)s"
"""mkdocs' own format, so a build's messages read alike with every engine."""


def build_with_properdocs(
    config_file: Path, staging: Path, *, drafts: bool, today: date | None
) -> bool:
    """Lay the site out with ProperDocs' theme into staging; True if it succeeded."""
    import properdocs.replacement  # noqa: F401  (first: every mkdocs.* import is ProperDocs')

    from polyvox.config import load_content
    from polyvox.engines.build import lay_out_site
    from polyvox.engines.settings import read_settings, translator_for
    from polyvox.errors import PolyvoxError

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    for name in ("properdocs", "mkdocs"):  # the build logs as mkdocs.plugins.polyvox
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)
    settings = read_settings(config_file)
    if today:
        settings = replace(settings, options=settings.options.model_copy(update={"today": today}))
    loaded = load_content(settings.docs_dir, settings.options)
    if loaded.community is None:
        t = translator_for(settings)
        for problem in loaded.problems:
            print(problem.as_text(t), file=sys.stderr)
        return False
    try:
        lay_out_site(settings, loaded, staging, drafts=drafts)
    except PolyvoxError as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        return False
    return True


def build_with_zensical(config_file: Path) -> bool:
    """Build an exported tree with Zensical (into its site_dir); True if it succeeded."""
    import zensical

    try:
        zensical.build(str(config_file.resolve()), {"clean": False, "strict": False})
    except Exception as exc:  # Zensical raises RuntimeError for a template it cannot read...
        print(f"ERROR   -  Zensical stopped: {exc}", file=sys.stderr)
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Run the build the arguments ask for; 0 if it succeeded, 1 if not."""
    parser = argparse.ArgumentParser(prog="python -m polyvox.engines.runner")
    parser.add_argument("engine", choices=["properdocs", "zensical"])
    parser.add_argument("config_file", type=Path)
    parser.add_argument("staging", type=Path, nargs="?")
    parser.add_argument("--drafts", action="store_true")
    parser.add_argument("--today", type=date.fromisoformat)
    args = parser.parse_args(argv)
    if args.engine == "zensical":
        built = build_with_zensical(args.config_file)
    else:
        built = build_with_properdocs(
            args.config_file, args.staging, drafts=args.drafts, today=args.today
        )
    return 0 if built else 1


if __name__ == "__main__":
    sys.exit(main())
