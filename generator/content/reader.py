"""Read one Markdown file into front matter, body and a line map; report problems, never raise."""

from __future__ import annotations

import multiprocessing as mp
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from polyvox.content.links import markdown_text
from polyvox.content.problems import Problem, error, warning
from polyvox.i18n.phrases import Count, Phrase, phrase

FRONT_MATTER = frontmatter.YAMLHandler()
MAX_YAML_NODES = 10_000
"""Bound on YAML nodes visited, aliases counted each time: stops "billion laughs" documents."""
MAX_YAML_DEPTH = 50
"""Bound on nesting: libyaml slows down quadratically on deep nesting, and its composer recurses
until the process crashes (about 30,000 levels, a 60 kB file)."""

KeyPath = tuple[str | int, ...]
COLON_HINT = phrase("yaml_hint_colon")
TAB_HINT = phrase("yaml_hint_tabs")
YAML_HINTS = {  # keyed by the wording of libyaml and of pure-Python PyYAML
    "mapping values are not allowed in this context": COLON_HINT,
    "mapping values are not allowed here": COLON_HINT,
    "found character that cannot start any token": TAB_HINT,
    "found character '\\t' that cannot start any token": TAB_HINT,
}


@dataclass(frozen=True)
class RawDocument:
    """A file's front matter and body as written, with the line of every key."""

    rel: str
    meta: dict[str, object]
    body: str
    body_line: int
    key_lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, *key: str | int) -> int:
        """Line of a key (or list item), falling back to its parent key, then line 1."""
        for depth in range(len(key), 0, -1):
            if key[:depth] in self.key_lines:
                return self.key_lines[key[:depth]]
        return 1


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster


class _FrontMatterLoader(_SafeLoader):
    """SafeLoader that keeps dates as text, so the schema reports bad dates itself."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_document(
    path: Path, rel: str, *, max_bytes: int
) -> tuple[RawDocument | None, list[Problem]]:
    """Read a content file; return the document, or None and the problems that stop it."""
    data = path.read_bytes()
    if len(data) > max_bytes:
        return None, [error(rel, None, too_big(len(data), max_bytes))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [error(rel, line, phrase("file_not_utf8"))]
    return parse_document(text, rel)


def too_big(size: int, limit: int) -> Phrase:
    """What to say of a file over the size limit."""
    return phrase("file_too_big", size=Count(size), limit=Count(limit))


PARALLEL_FROM = 2_000
"""From this many files, reading is split across the machine's cores."""


def read_all(
    files: list[tuple[Path, str]], *, max_bytes: int
) -> Callable[..., tuple[RawDocument | None, list[Problem]]]:
    """Read many files at once, on every core when there are many; return a `read` that
    answers from what was read (the same signature as read_document)."""
    cores = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or cores < 2 or "fork" not in mp.get_all_start_methods():
        return read_document
    try:
        with mp.get_context("fork").Pool(cores) as pool:
            results = pool.starmap(
                _read_in_worker, [(path, rel, max_bytes) for path, rel in files], chunksize=256
            )
    except OSError:  # no processes to spare: read them here, one by one
        return read_document
    done = {rel: result for (_, rel), result in zip(files, results, strict=True)}
    return lambda path, rel, *, max_bytes: done[rel]


def _read_in_worker(path: Path, rel: str, max_bytes: int):
    """read_document, for a worker process."""
    return read_document(path, rel, max_bytes=max_bytes)


def parse_document(text: str, rel: str) -> tuple[RawDocument | None, list[Problem]]:
    """Split text into front matter and body and parse the YAML with line numbers."""
    text = markdown_text(text.removeprefix("\ufeff"))  # a lone '\r' ends a line, as it will
    if not text.strip():
        return None, [error(rel, None, phrase("file_empty"))]
    if unprintable := unprintable_faults(text, rel):
        return None, unprintable
    if not FRONT_MATTER.detect(text):
        return RawDocument(rel, {}, text, 1), []
    parts = FRONT_MATTER.FM_BOUNDARY.split(text, 2)
    if len(parts) < 3:
        return None, [error(rel, 1, phrase("yaml_never_closed"))]
    _, yaml_text, body = parts
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return _parse_front_matter(yaml_text, body, body_line, rel)


def _parse_front_matter(
    yaml_text: str, body: str, body_line: int, rel: str
) -> tuple[RawDocument | None, list[Problem]]:
    """Parse the YAML block (which starts on line 1 of the file) into a mapping and line map."""
    too_deep = _nesting_fault(yaml_text)
    if too_deep:
        return None, [error(rel, too_deep, phrase("yaml_too_deep", most=MAX_YAML_DEPTH))]
    loader = _FrontMatterLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return RawDocument(rel, {}, body, body_line), []
        if _count_nodes(node) > MAX_YAML_NODES:
            return None, [error(rel, 1, phrase("yaml_too_many", most=Count(MAX_YAML_NODES)))]
        if not isinstance(node, yaml.MappingNode):
            return None, [error(rel, node.start_mark.line + 1, phrase("yaml_not_mapping"))]
        odd_key = next((k for k, _ in node.value if not isinstance(k, yaml.ScalarNode)), None)
        if odd_key is not None:
            return None, [error(rel, odd_key.start_mark.line + 1, phrase("yaml_odd_key"))]
        invisible = _invisible_in_keys(node, rel)
        if invisible:
            return None, [invisible]
        problems = _duplicate_keys(node, rel) + _cut_by_comments(node, yaml_text, rel)
        meta = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(exc, rel, yaml_text)]
    except yaml.YAMLError as exc:
        return None, [error(rel, 1, phrase("yaml_invalid", reason=str(exc)))]
    finally:
        loader.dispose()
    raw = RawDocument(rel, meta, body, body_line, _key_lines(node))
    return raw, problems + _unprintable_values(raw)


def _yaml_problem(exc: yaml.MarkedYAMLError, rel: str, yaml_text: str) -> Problem:
    """Turn a YAML syntax error into a located problem with its column and the likely fix."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    first = exc.context_mark.line + 1 if exc.context_mark else line
    lines = yaml_text.split("\n")
    invisible = _first_invisible(lines, min(first, line), line)
    if invisible and (exc.problem or "") not in YAML_HINTS:
        at, column, char = invisible
        return error(rel, at, phrase("yaml_invisible", column=column, char=_char_name(char)))
    missing_colon = _missing_colon(exc, lines, rel)
    if missing_colon:
        return missing_colon
    what = yaml_problem(exc.problem) if exc.problem else phrase("yaml_syntax_error")
    if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
        what = phrase(
            "yaml_problem_since",
            problem=what,
            context=yaml_problem(exc.context),
            since=exc.context_mark.line + 1,
        )
    hint = (
        _reserved_start_hint(lines, mark)
        or _value_hint(exc, lines, line)
        or _quote_hint(lines, min(first, line), line)
    )
    if mark:
        return error(
            rel, line, phrase("yaml_fault_at", column=mark.column + 1, problem=what, hint=hint)
        )
    return error(rel, line, phrase("yaml_fault", problem=what, hint=hint))


YAML_PROBLEMS = {
    "mapping values are not allowed here": "yaml_mapping_values",
    "mapping values are not allowed in this context": "yaml_mapping_values_context",
    "could not find expected ':'": "yaml_no_colon",
    "found character that cannot start any token": "yaml_cannot_start",
    "found character '\\t' that cannot start any token": "yaml_tab_start",
    "found unexpected end of stream": "yaml_unexpected_end",
    "found undefined alias": "yaml_undefined_alias",
    "found unknown escape character": "yaml_unknown_escape",
    "did not find expected key": "yaml_expected_key",
    "did not find expected node content": "yaml_expected_content",
    "did not find expected ',' or ']'": "yaml_expected_bracket",
    "did not find expected ',' or '}'": "yaml_expected_brace",
    "did not find expected '-' indicator": "yaml_expected_dash",
    "did not find expected comment or line break": "yaml_expected_line_end",
    "found a tab character that violates indentation": "yaml_tab_indentation",
    "found a tab character where an indentation space is expected": "yaml_tab_expected_space",
    "found duplicate anchor; first occurrence": "yaml_duplicate_anchor",
    "while scanning a simple key": "yaml_while_key",
    "while scanning a quoted scalar": "yaml_while_quoted",
    "while scanning a plain scalar": "yaml_while_plain",
    "while parsing a block mapping": "yaml_while_mapping",
    "while parsing a block collection": "yaml_while_collection",
    "while parsing a flow sequence": "yaml_while_flow_sequence",
    "while parsing a flow mapping": "yaml_while_flow_mapping",
    "while parsing a block node": "yaml_while_node",
    "while parsing a flow node": "yaml_while_flow_node",
    "while scanning an alias": "yaml_while_alias",
    "while scanning an anchor": "yaml_while_anchor",
    "while scanning a tag": "yaml_while_tag",
    "while scanning a block scalar": "yaml_while_block_scalar",
    "while scanning for the next token": "yaml_while_token",
    "while parsing a quoted scalar": "yaml_while_quoted",
    "second occurrence": "yaml_second_occurrence",
}
"""What libyaml (and pure-Python PyYAML) says of a syntax error, by its wording, as a message of
the catalogs; a wording not listed here is quoted as the parser wrote it."""


def yaml_problem(text: str) -> Phrase | str:
    """The parser's description of a syntax error, in the catalogs' words when they have it."""
    key = YAML_PROBLEMS.get(text.strip())
    if key:
        return phrase(key)
    tag = UNKNOWN_TAG.fullmatch(text.strip())
    return phrase("yaml_unknown_tag", tag=tag[1]) if tag else text


UNKNOWN_TAG = re.compile(r"could not determine a constructor for the tag '(.*)'")


UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)
"""Characters pages, feeds and email cannot carry: control characters (but tab and line ends),
which XML refuses and HTML reads as errors, and Unicode's noncharacters (U+FFFE...)."""
MAX_UNPRINTABLE_REPORTED = 10


def unprintable_faults(text: str, rel: str, first_line: int = 1) -> list[Problem]:
    """An error for each character of text that no output can carry, with its line, column and
    name (the first few, if there are many)."""
    if not UNPRINTABLE.search(text):
        return []
    problems = []
    for match in UNPRINTABLE.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        column = match.start() - text.rfind("\n", 0, match.start())
        problems.append(
            error(rel, line, phrase("column_holds", column=column, char=_unprintable(match[0])))
        )
        if len(problems) == MAX_UNPRINTABLE_REPORTED:
            break
    return problems


def _unprintable(char: str) -> Phrase:
    """What to say of a character no output can carry."""
    kind = "unprintable_control" if ord(char) <= 0x9F else "unprintable_noncharacter"
    return phrase(kind, code=f"U+{ord(char):04X}")


def _unprintable_values(raw: RawDocument) -> list[Problem]:
    """Front-matter values that YAML escapes ('\\x01', '\\uFFFE') turned into characters no
    output can carry, each at its key's line."""
    problems = []
    for key, value in _strings(raw.meta):
        if UNPRINTABLE.search(value):
            char = UNPRINTABLE.search(value)[0]
            shown = ".".join(map(str, key))
            problems.append(
                error(
                    raw.rel,
                    raw.line_of(*key),
                    phrase("key_holds", key=shown, char=_unprintable(char)),
                )
            )
    return problems


def _strings(value: object, key: KeyPath = ()):
    """Every string in a front-matter value, with the key path that leads to it."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(name, key) if isinstance(name, str) else ()
            yield from _strings(item, (*key, str(name)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*key, index))


def _reserved_start_hint(lines: list[str], mark: yaml.Mark | None) -> Phrase | None:
    """The fix for a value that starts with '@' or '`', which YAML keeps for later use (a
    Fediverse address is written '@name@server')."""
    if mark is None or mark.line >= len(lines):
        return None
    text = lines[mark.line]
    char = text[mark.column : mark.column + 1]
    if char not in ("@", "`") or ":" not in text[: mark.column]:
        return None
    key, _, value = text.partition(":")
    pasted = f"{key.strip()}: {double_quoted(value.strip())}"
    return phrase("yaml_hint_reserved", char=char, pasted=pasted)


INVISIBLE = re.compile("[\u00a0\u2007\u202f\u200b\u2060\ufeff\u3000]")
"""Characters that look like a space, or like nothing, but that YAML reads as text."""
SINGLE_QUOTED = re.compile(r"^(\s*[^\s:'\"#][^:]*):\s+'(.*)'\s*$")


TYPOGRAPHIC_QUOTES = "\u201c\u201d\u201e\u2018\u2019\u201a\u00ab\u00bb\u2039\u203a"
"""Quotation marks of typeset text (curly, low, angle): YAML reads them as text, not quotes."""
KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")


def _value_hint(exc: yaml.MarkedYAMLError, lines: list[str], line: int) -> Phrase | None:
    """The fix for a value YAML cut at ': ' (the usual hint, with the line to paste), and for
    one in typographic quotes, which YAML does not read as quotes."""
    hint = YAML_HINTS.get(exc.problem or "")
    if hint is not COLON_HINT or line > len(lines):
        return hint
    found = KEY_LINE.match(lines[line - 1])
    if found is None:
        return hint
    value = found["value"]
    pasted = f"{found['key']}: {double_quoted(value.strip(TYPOGRAPHIC_QUOTES))}"
    if value[:1] in TYPOGRAPHIC_QUOTES:
        return phrase("yaml_hint_typographic", first=value[0], last=value[-1], pasted=pasted)
    return phrase("yaml_hint_colon_pasted", pasted=pasted)


def double_quoted(text: str) -> str:
    """Text as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _missing_colon(exc: yaml.MarkedYAMLError, lines: list[str], rel: str) -> Problem | None:
    """A key written without its ':' ('github noabd'), named on its own line: YAML notices
    only on the next one."""
    context = exc.context_mark
    if "expected ':'" not in (exc.problem or "") or context is None:
        return None
    number = context.line + 1
    text = lines[number - 1].strip() if number <= len(lines) else ""
    key, _, value = text.partition(" ")
    if not key:
        return None
    fix = (
        phrase("yaml_write_key_value", key=key, value=value.strip())
        if value.strip()
        else phrase("yaml_write_key", key=key)
    )
    return error(rel, number, phrase("yaml_missing_colon", text=text, fix=fix))


def _cut_by_comments(node: yaml.MappingNode, yaml_text: str, rel: str) -> list[Problem]:
    """Warn where ' #' cut a value short: YAML reads the rest of the line as a comment
    ('title: Ledger #2: what it remembers' is the title 'Ledger'). A comment that starts
    with a space ('# until June') is taken for one."""
    lines, problems = yaml_text.split("\n"), []
    for key_node, value_node in node.value:
        if not isinstance(value_node, yaml.ScalarNode) or value_node.style not in (None, ""):
            continue
        end = value_node.end_mark
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        after = rest.lstrip(" \t")
        spaced = len(after) < len(rest) and after.startswith("#") and after[1:2].strip()
        if not spaced or not value_node.value or value_node.tag != "tag:yaml.org,2002:str":
            continue  # a number cut short is a type error, reported as such
        comment = after[1:]
        whole = f"{value_node.value}{rest.rstrip()}"
        problems.append(
            warning(
                rel,
                end.line + 1,
                phrase(
                    "yaml_cut_by_comment",
                    key=key_node.value,
                    comment=comment,
                    value=value_node.value,
                    quoted=double_quoted(whole.strip()),
                ),
            )
        )
    return problems


def _first_invisible(lines: list[str], first: int, last: int) -> tuple[int, int, str] | None:
    """(line, column, character) of the first invisible character on lines first..last."""
    for number in range(first, last + 1):
        found = INVISIBLE.search(lines[number - 1]) if number <= len(lines) else None
        if found:
            return number, found.start() + 1, found.group()
    return None


INVISIBLE_NAMES = {
    "\u00a0": "char_no_break_space",
    "\u2007": "char_figure_space",
    "\u202f": "char_narrow_no_break_space",
    "\u200b": "char_zero_width_space",
    "\u2060": "char_word_joiner",
    "\ufeff": "char_zero_width_no_break_space",
    "\u3000": "char_ideographic_space",
}
"""The message naming each character of INVISIBLE."""


def _char_name(char: str) -> Phrase:
    """An invisible character named so a member can find it: 'a no-break space (U+00A0)'."""
    name = INVISIBLE_NAMES.get(char, "char_invisible")
    return phrase("char_named", name=phrase(name), code=f"U+{ord(char):04X}")


def _quote_hint(lines: list[str], first: int, last: int) -> Phrase:
    """The fix for an apostrophe inside single quotes, or the general advice."""
    for number in range(first, last + 1):
        found = SINGLE_QUOTED.match(lines[number - 1]) if number <= len(lines) else None
        if found and "'" in found[2].replace("''", ""):
            key, text = found[1].strip(), found[2].replace('"', '\\"')
            return phrase("yaml_hint_apostrophe", line=number, pasted=f'{key}: "{text}"')
    return phrase("yaml_hint_check_quotes")


def _invisible_in_keys(node: yaml.MappingNode, rel: str) -> Problem | None:
    """A key holding an invisible character would be unknown under a name that looks right."""
    for key_node, _ in node.value:
        found = INVISIBLE.search(str(key_node.value))
        if found:
            name = INVISIBLE.sub("", str(key_node.value))
            return error(
                rel,
                key_node.start_mark.line + 1,
                phrase(
                    "yaml_invisible_in_key",
                    key=name,
                    char=_char_name(found.group()),
                    column=key_node.start_mark.column + found.start() + 1,
                ),
            )
    return None


def _nesting_fault(yaml_text: str) -> int | None:
    """The line where the YAML nests deeper than MAX_YAML_DEPTH, or None; cheap when shallow."""
    count = yaml_text.count  # each level of nesting needs one of these characters
    ceiling = count("[") + count("{") + count("-") + count("?") + count("\n")
    if ceiling <= MAX_YAML_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=_FrontMatterLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or "") and exc.problem_mark:
            return exc.problem_mark.line + 1  # libyaml (PyYAML 6.0.4 on) caps nesting itself
        return None  # the full parse reports the syntax error with its line
    except yaml.YAMLError:
        return None
    return None


def _count_nodes(root: yaml.Node) -> int:
    """Count nodes as a loader would expand them, stopping soon after the bound."""
    count, stack = 0, [root]
    while stack and count <= MAX_YAML_NODES:
        node = stack.pop()
        count += 1
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return count


def _duplicate_keys(node: yaml.MappingNode, rel: str) -> list[Problem]:
    """Report top-level keys written twice (YAML would silently keep the last)."""
    seen: dict[object, int] = {}
    problems = []
    for key_node, _ in node.value:
        line = key_node.start_mark.line + 1
        if key_node.value in seen:
            problems.append(
                error(
                    rel,
                    line,
                    phrase("yaml_key_twice", key=key_node.value, first=seen[key_node.value]),
                )
            )
        seen.setdefault(key_node.value, line)
    return problems


def _key_lines(node: yaml.MappingNode) -> dict[KeyPath, int]:
    """Map each top-level key, and each item of a list value, to its line in the file."""
    lines: dict[KeyPath, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[(key,)] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                lines[(key, index)] = item.start_mark.line + 1
        elif isinstance(value_node, yaml.MappingNode):
            for sub_key, _ in value_node.value:
                lines[(key, str(sub_key.value))] = sub_key.start_mark.line + 1
    return lines
