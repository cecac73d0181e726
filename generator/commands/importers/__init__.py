"""Importers: AMA threads from GitHub Discussions, Reddit and Discord into the content contract.

Each platform module turns the JSON its platform exports into a platform-neutral Thread (pure);
`core` turns a Thread into the content files to write (pure); the `polyvox import` command reads
the export and the project, and writes the files.
"""
