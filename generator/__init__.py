"""Polyvox: a community newsletter from Markdown contributions and AMAs, crediting every voice."""

__version__ = "0.1.0"
