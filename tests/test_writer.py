"""The one writer every command puts files on disk with: new files never replace one, replaced
files are whole or untouched, and an error names the file a person asked for."""

from __future__ import annotations

import os

import pytest

from polyvox.engines.writer import WriteError, Writer


def test_create_never_replaces_a_file_and_leaves_nothing_behind(tmp_path):
    """A member's file where a new one was to go keeps its bytes; the error names it."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "piece.md").write_bytes(b"the member's text\n")
    with pytest.raises(WriteError) as raised:
        Writer(tmp_path).create("content/piece.md", b"generated\n")
    assert str(raised.value) == f"{tmp_path}/content/piece.md: {os.strerror(17)}"
    assert (tmp_path / "content" / "piece.md").read_bytes() == b"the member's text\n"
    assert sorted(p.name for p in (tmp_path / "content").iterdir()) == ["piece.md"]


def test_create_makes_folders_and_writes_the_bytes(tmp_path):
    """A new file in folders that are not there yet."""
    written = Writer(tmp_path).create("a/b/c.md", b"text\n")
    assert written.read_bytes() == b"text\n"
    assert sorted(p.name for p in written.parent.iterdir()) == ["c.md"]


def test_write_replaces_a_linked_file_without_touching_its_source(tmp_path):
    """A site file hard-linked to a stored output is replaced, so the stored bytes stay."""
    stored = tmp_path / "stored"
    stored.write_bytes(b"stored output\n")
    writer = Writer(tmp_path / "site")
    writer.link("index.html", stored)
    writer.write("index.html", b"new page\n")
    assert (tmp_path / "site" / "index.html").read_bytes() == b"new page\n"
    assert stored.read_bytes() == b"stored output\n"


@pytest.mark.parametrize("method", ["write", "create"])
def test_an_error_names_the_file_not_the_temporary_one(tmp_path, method):
    """A file standing where the folder goes: the message names the file asked for."""
    (tmp_path / "afile").write_text("not a folder\n")
    writer = Writer(tmp_path / "afile", make_root=False)
    with pytest.raises(WriteError) as raised:
        getattr(writer, method)("x.csv", b"data\n")
    assert str(raised.value) == f"{tmp_path}/afile/x.csv: {os.strerror(20)}"


def test_a_root_that_must_be_there_is_not_made(tmp_path):
    """-o names a file in a folder the person made; a typo there is not a new folder."""
    with pytest.raises(WriteError) as raised:
        Writer(tmp_path / "typo", make_root=False).text("credits.csv", "a,b\n")
    assert str(raised.value) == f"{tmp_path}/typo/credits.csv: {os.strerror(2)}"
    assert not (tmp_path / "typo").exists()
