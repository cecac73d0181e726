"""Read one Markdown file into front matter, body and a line map; report problems, never raise."""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from polyvox.content.links import markdown_text
from polyvox.content.problems import Problem, error, warning

FRONT_MATTER = frontmatter.YAMLHandler()
MAX_YAML_NODES = 10_000
"""Bound on YAML nodes visited, aliases counted each time: stops "billion laughs" documents."""
MAX_YAML_DEPTH = 50
"""Bound on nesting: libyaml slows down quadratically on deep nesting, and its composer recurses
until the process crashes (about 30,000 levels, a 60 kB file)."""

KeyPath = tuple[str | int, ...]
YAML_HINTS = {  # keyed by the wording of libyaml and of pure-Python PyYAML
    "mapping values are not allowed in this context": "a value that contains ': ' needs quotes",
    "mapping values are not allowed here": "a value that contains ': ' needs quotes",
    "found character that cannot start any token": "indent with spaces, not tabs",
    "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
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
        return None, [error(rel, None, f"file is {len(data):,} bytes; the limit is {max_bytes:,}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [error(rel, line, "file is not UTF-8 text: save it with UTF-8 encoding")]
    return parse_document(text, rel)


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
        return None, [error(rel, None, "file is empty: it needs front matter between --- lines")]
    if unprintable := unprintable_faults(text, rel):
        return None, unprintable
    if not FRONT_MATTER.detect(text):
        return RawDocument(rel, {}, text, 1), []
    parts = FRONT_MATTER.FM_BOUNDARY.split(text, 2)
    if len(parts) < 3:
        return None, [
            error(rel, 1, "front matter is never closed: add a line '---' after its last key")
        ]
    _, yaml_text, body = parts
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return _parse_front_matter(yaml_text, body, body_line, rel)


def _parse_front_matter(
    yaml_text: str, body: str, body_line: int, rel: str
) -> tuple[RawDocument | None, list[Problem]]:
    """Parse the YAML block (which starts on line 1 of the file) into a mapping and line map."""
    too_deep = _nesting_fault(yaml_text)
    if too_deep:
        return None, [
            error(
                rel,
                too_deep,
                f"front matter nests lists or mappings more than {MAX_YAML_DEPTH} levels deep: "
                "no key needs that; write the values out plainly",
            )
        ]
    loader = _FrontMatterLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return RawDocument(rel, {}, body, body_line), []
        if _count_nodes(node) > MAX_YAML_NODES:
            return None, [
                error(
                    rel,
                    1,
                    f"front matter expands to more than {MAX_YAML_NODES:,} values "
                    "(YAML aliases nested too deep): write the values out plainly",
                )
            ]
        if not isinstance(node, yaml.MappingNode):
            return None, [
                error(
                    rel,
                    node.start_mark.line + 1,
                    "front matter must be a mapping of keys to values, e.g. 'title: My piece'",
                )
            ]
        odd_key = next((k for k, _ in node.value if not isinstance(k, yaml.ScalarNode)), None)
        if odd_key is not None:
            return None, [
                error(
                    rel,
                    odd_key.start_mark.line + 1,
                    "a key must be a plain name, not a list or a mapping: "
                    "write it as 'name: value'",
                )
            ]
        invisible = _invisible_in_keys(node, rel)
        if invisible:
            return None, [invisible]
        problems = _duplicate_keys(node, rel) + _cut_by_comments(node, yaml_text, rel)
        meta = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(exc, rel, yaml_text)]
    except yaml.YAMLError as exc:
        return None, [error(rel, 1, f"front matter is not valid YAML: {exc}")]
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
        return error(
            rel,
            at,
            f"front matter is not valid YAML: column {column} holds {_char_name(char)}, which "
            "YAML does not read as a space (French typing puts one before ':'): type an "
            "ordinary space instead",
        )
    missing_colon = _missing_colon(exc, lines, rel)
    if missing_colon:
        return missing_colon
    column = f", column {mark.column + 1}" if mark else ""
    what = exc.problem or "syntax error"
    if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
        what += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
    hint = (
        _reserved_start_hint(lines, mark)
        or _value_hint(exc, lines, line)
        or _quote_hint(lines, min(first, line), line)
    )
    return error(rel, line, f"front matter is not valid YAML{column}: {what}: {hint}")


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
        problems.append(error(rel, line, f"column {column} holds {_unprintable(match[0])}"))
        if len(problems) == MAX_UNPRINTABLE_REPORTED:
            break
    return problems


def _unprintable(char: str) -> str:
    """What to say of a character no output can carry."""
    kind = "a control character" if ord(char) <= 0x9F else "a noncharacter"
    return (
        f"{kind} (U+{ord(char):04X}), which pages, feeds and email cannot carry (it shows as "
        "nothing, or stops the build): delete it; an editor that shows invisible characters "
        "will show where"
    )


def _unprintable_values(raw: RawDocument) -> list[Problem]:
    """Front-matter values that YAML escapes ('\\x01', '\\uFFFE') turned into characters no
    output can carry, each at its key's line."""
    problems = []
    for key, value in _strings(raw.meta):
        if UNPRINTABLE.search(value):
            char = UNPRINTABLE.search(value)[0]
            shown = ".".join(map(str, key))
            problems.append(
                error(raw.rel, raw.line_of(*key), f"'{shown}' holds {_unprintable(char)}")
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


def _reserved_start_hint(lines: list[str], mark: yaml.Mark | None) -> str | None:
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
    return f"a value that starts with {char} needs double quotes, e.g. {pasted}"


INVISIBLE = re.compile("[\u00a0\u2007\u202f\u200b\u2060\ufeff\u3000]")
"""Characters that look like a space, or like nothing, but that YAML reads as text."""
SINGLE_QUOTED = re.compile(r"^(\s*[^\s:'\"#][^:]*):\s+'(.*)'\s*$")


TYPOGRAPHIC_QUOTES = "\u201c\u201d\u201e\u2018\u2019\u201a\u00ab\u00bb\u2039\u203a"
"""Quotation marks of typeset text (curly, low, angle): YAML reads them as text, not quotes."""
KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")


def _value_hint(exc: yaml.MarkedYAMLError, lines: list[str], line: int) -> str | None:
    """The fix for a value YAML cut at ': ' (the usual hint, with the line to paste), and for
    one in typographic quotes, which YAML does not read as quotes."""
    hint = YAML_HINTS.get(exc.problem or "")
    if hint is None or "': '" not in hint or line > len(lines):
        return hint
    found = KEY_LINE.match(lines[line - 1])
    if found is None:
        return hint
    value = found["value"]
    pasted = f"{found['key']}: {double_quoted(value.strip(TYPOGRAPHIC_QUOTES))}"
    if value[:1] in TYPOGRAPHIC_QUOTES:
        return (
            f"typographic quotes ({value[0]} {value[-1]}) are not quotes for YAML, so the ': ' "
            f"inside ends the value; use straight double quotes: {pasted}"
        )
    return f"{hint}: {pasted}"


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
    fix = f"write '{key}: {value.strip()}'" if value.strip() else f"write '{key}:' and its value"
    return error(
        rel,
        number,
        f"front matter is not valid YAML: '{text}' has no ':' after its key: {fix}",
    )


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
                f"'{key_node.value}' stops at ' #': YAML reads '#{comment}' as a comment, "
                f"so the {key_node.value} is '{value_node.value}'; to keep it all, put it in "
                f"quotes: {key_node.value}: {double_quoted(whole.strip())}",
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


def _char_name(char: str) -> str:
    """An invisible character named so a member can find it: 'a no-break space (U+00A0)'."""
    return f"a {unicodedata.name(char, 'invisible character').lower()} (U+{ord(char):04X})"


def _quote_hint(lines: list[str], first: int, last: int) -> str:
    """The fix for an apostrophe inside single quotes, or the general advice."""
    for number in range(first, last + 1):
        found = SINGLE_QUOTED.match(lines[number - 1]) if number <= len(lines) else None
        if found and "'" in found[2].replace("''", ""):
            key, text = found[1].strip(), found[2].replace('"', '\\"')
            return (
                f"the apostrophe inside the single quotes on line {number} ends them early: "
                f'put the text in double quotes instead, e.g. {key}: "{text}"'
            )
    return "check the quotes and brackets on that line"


def _invisible_in_keys(node: yaml.MappingNode, rel: str) -> Problem | None:
    """A key holding an invisible character would be unknown under a name that looks right."""
    for key_node, _ in node.value:
        found = INVISIBLE.search(str(key_node.value))
        if found:
            name = INVISIBLE.sub("", str(key_node.value))
            return error(
                rel,
                key_node.start_mark.line + 1,
                f"key '{name}' holds {_char_name(found.group())} at column "
                f"{key_node.start_mark.column + found.start() + 1}, which YAML keeps as part of "
                f"the name (French typing puts one before ':'): write '{name}:' with no space",
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
                    f"key '{key_node.value}' is written twice "
                    f"(first on line {seen[key_node.value]}): keep one",
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
