"""What a person reads when a command fails: Polyvox's own errors and OS errors as one line.

Three kinds of failure reach the command line (`polyvox.commands.cli` sorts them):

- a PolyvoxError: Polyvox's own (mkdocs.yml cannot be used, nothing to email...), one line;
- an OSError on a path (a folder that does not exist, a file in the way, no permission): one
  line naming the path and the cause, from `path_failure`;
- anything else is a bug in Polyvox: its traceback is kept and it asks to be reported.
"""

from __future__ import annotations

from importlib import metadata


class PolyvoxError(Exception):
    """A failure the person can fix, told in one line (no traceback); exit code 1 unless said."""

    def __init__(self, message: str, *, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


def path_failure(exc: OSError) -> str:
    """An OS error as one line: the path (both, for a move) and the system's cause, e.g.
    '/missing/folder/x.csv: No such file or directory' (the cause alone if it names no path)."""
    cause = exc.strerror or str(exc)
    if exc.filename is None:
        return cause
    where = str(exc.filename)
    if exc.filename2 is not None:
        where += f" -> {exc.filename2}"
    return f"{where}: {cause}"


def issues_url() -> str | None:
    """Where bugs are reported: the Issues URL of pyproject.toml's [project.urls], read from
    the installed package's metadata (None if it is not installed)."""
    try:
        urls = metadata.metadata("polyvox").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    labelled = dict(url.split(", ", 1) for url in urls if ", " in url)
    return labelled.get("Issues")


def bug_note() -> str:
    """The line added under the traceback of an error that is not the person's to fix."""
    where = issues_url()
    return (
        "polyvox: this is a bug in Polyvox, not a problem in your files: please report it, "
        "with the lines above, " + (f"at {where}" if where else "to Polyvox's maintainers")
    )


class UnsafeContent(PolyvoxError):
    """A build found active content in what it was about to publish, and stopped."""


class TemplateFault(PolyvoxError):
    """A template (Polyvox's, the theme's, or a community's override) that cannot be used."""


def template_fault(exc: Exception, root: str | None = None) -> TemplateFault:
    """A Jinja error as one line naming the template file and line (relative to root when
    below it), and what is wrong."""
    import os
    import traceback

    filename = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if not line:  # an error while rendering: the template's frame in the traceback says where
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if _is_template(f.filename)]
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    if filename and root and os.path.isabs(filename) and filename.startswith(root + os.sep):
        filename = os.path.relpath(filename, root)
    where = f"{filename}:{line}" if filename and line else (filename or "a template")
    message = getattr(exc, "message", None) or str(exc)
    if type(exc).__name__ == "TemplateSyntaxError":
        return TemplateFault(f"{where}: the template does not parse: {message}")
    return TemplateFault(f"{where}: the template cannot be rendered: {message}")


def _is_template(filename: str) -> bool:
    """Whether a traceback frame is a template's (Jinja names them after their file)."""
    return filename.endswith((".html", ".j2", ".xml"))
