"""Commands for people who write content: `polyvox schema` (and, next, `polyvox new`)."""

from __future__ import annotations

from pathlib import Path

import click

from generator.editor_schemas import SCHEMA_FOLDER, write_schemas


@click.command()
@click.option(
    "--out",
    default=SCHEMA_FOLDER,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the JSON Schemas into.",
)
def schema(out: Path) -> None:
    """Write the JSON Schema of every front-matter kind, for editors and other tools."""
    written = write_schemas(out)
    click.echo(f"polyvox: wrote {len(written)} JSON Schemas to {out}/")
