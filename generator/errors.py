"""Polyvox's own errors: what a person can act on, told in one line (or a short list)."""

from __future__ import annotations


class PolyvoxError(Exception):
    """A problem Polyvox explains itself: the command prints the message, never a traceback."""


class UnsafeContent(PolyvoxError):
    """A build found active content in what it was about to publish, and stopped."""


class TemplateFault(PolyvoxError):
    """A template (Polyvox's, the theme's, or a community's override) that cannot be used."""


def template_fault(exc: Exception) -> TemplateFault:
    """A Jinja error as one line naming the template file and line, and what is wrong."""
    import traceback

    filename = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if not line:  # an error while rendering: the template's frame in the traceback says where
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if _is_template(f.filename)]
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    where = f"{filename}:{line}" if filename and line else (filename or "a template")
    message = getattr(exc, "message", None) or str(exc)
    return TemplateFault(f"{where}: template error: {message} ({type(exc).__name__})")


def _is_template(filename: str) -> bool:
    """Whether a traceback frame is a template's (Jinja names them after their file)."""
    return filename.endswith((".html", ".j2", ".xml"))
