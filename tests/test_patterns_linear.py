"""Every regular expression Polyvox runs takes time linear in its input: no nested or
overlapping quantifiers that backtrack, on any text a member or a platform could write.

Patterns are collected from the source itself (every literal handed to `re`, and every
compiled pattern a module holds), so a new one is tested the day it is written. Each is run,
with `search` (which tries every start, the most any use of it can cost), on adversarial
inputs made from its own characters: a prefix it needs, then one or two of its characters
repeated to 100 KB, then a character that makes the match fail. A linear pattern answers in
milliseconds; one that backtracks needs minutes there (the issue's marker line took 160 s on
300 characters), so the bound below leaves a hundredfold margin either way and cannot flake.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import multiprocessing
import re
import time

import pytest

from tests.conftest import REPO

GENERATOR = REPO / "generator"
RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "split"}
SIZE = 100_000
PAIR_SIZE = 20_000
BOUND_SECONDS = 2.0
"""Per input: a linear pattern takes under 20 ms on 100 KB here; a quadratic one minutes."""
GENERIC = " \t\na0-.#é\u2028"
"""Characters tried on every pattern besides its own: spaces, line ends, word characters."""
SYNTAX = set("()[]{}?*+|^$\\")
KNOWN_ATTACKS = {
    "<!--": ["<!--" + " " * (SIZE // 2) + ":" + " " * (SIZE // 2) + "x"],
    "text-align": ["text-align:left" + " " * SIZE + "x;", "text-align" + " " * SIZE + "x;"],
    "markdown": ["<div markdown" + " " * SIZE + "=x"],
    "\\[": ["[a]:" + " " * SIZE + "\x00", "[a]:" + " " * SIZE],
}
"""Hand-made attacks on the patterns they name (by a piece of their source): the issue's
marker line, a style that is nearly a text alignment, spaces after a reference label."""


SOURCES = {path: path.read_text(encoding="utf-8") for path in sorted(GENERATOR.rglob("*.py"))}
ANCHORED = {"match", "fullmatch"}


def literal_patterns() -> dict[str, tuple[str | bytes, int, frozenset[str]]]:
    """Every pattern written as a literal in a call to `re` in generator/, by where it is,
    with how it is used: the call itself, or what is done with the name it is compiled into."""
    found = {}
    for path, text in SOURCES.items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Assign) and _is_re_call(node.value):
                node.value.assigned = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if _is_re_call(node):
                try:
                    source = ast.literal_eval(node.args[0])
                except ValueError:
                    continue  # a name: compiled at module level, collected below
                names = getattr(node, "assigned", [])
                used = frozenset(uses(names[0])) if names else frozenset({node.func.attr})
                found[f"{path.relative_to(REPO)}:{node.lineno}"] = (source, _flags(node), used)
    return found


def uses(name: str) -> set[str]:
    """How generator/ uses a compiled pattern named `name`: match, fullmatch, search, sub...
    (a pattern handed on under another name counts as searched)."""
    calls = re.compile(rf"\b{re.escape(name)}\.(\w+)\(")
    methods = {m for text in SOURCES.values() for m in calls.findall(text)}
    return (methods & RE_FUNCTIONS) or {"search"}


def _is_re_call(node: ast.AST) -> bool:
    """Whether a node calls re.compile, re.search... with at least a pattern."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "re"
        and node.func.attr in RE_FUNCTIONS
        and bool(node.args)
    )


def _flags(node: ast.Call) -> int:
    """The flags a call passes (re.I, re.MULTILINE...), as far as they are written literally."""
    flags = 0
    for argument in [*node.args[1:], *(k.value for k in node.keywords if k.arg == "flags")]:
        for name in re.findall(r"re\.([A-Z]+)", ast.unparse(argument)):
            flags |= getattr(re, name)
    return flags


def compiled_patterns() -> dict[str, tuple[str | bytes, int, frozenset[str]]]:
    """Every compiled pattern a module of generator/ holds (those built from parts, too)."""
    found = {}
    for path in SOURCES:
        parts = path.relative_to(GENERATOR).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        name = ".".join(("polyvox", *parts)).removesuffix(".__init__")
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if isinstance(value, re.Pattern):
                if value.pattern in {p for p, _, _ in found.values()}:
                    continue
                flags = value.flags & ~re.UNICODE
                found[f"{name}.{attribute}"] = (value.pattern, flags, frozenset(uses(attribute)))
    return found


def every_pattern() -> dict[str, tuple[str | bytes, int, frozenset[str]]]:
    """Literal and compiled patterns, each once."""
    patterns = literal_patterns()
    seen = {source for source, _, _ in patterns.values()}
    for where, found in compiled_patterns().items():
        if found[0] not in seen:
            patterns[where] = found
            seen.add(found[0])
    return patterns


def attacks(source: str | bytes) -> list[str | bytes]:
    """Adversarial inputs for a pattern: prefixes it spells out, then its own characters (and
    generic ones) repeated, singly to SIZE and in pairs to PAIR_SIZE, one of them between two
    long runs of spaces, and each literal run of it repeated (openers never closed); each
    ends with a character that makes the match fail."""
    text = source.decode("latin-1") if isinstance(source, bytes) else source
    own = sorted({c for c in text if c.isprintable() and c not in SYNTAX} - set(GENERIC))[:12]
    literal = re.sub(r"\\.", "\x01", text)  # escapes (\s, \w...) are no literal text
    runs = sorted(set(re.findall(r"[^()\[\]{}?*+|^$\\\x01]{2,}", literal)), key=len, reverse=True)
    prefixes = ["", *runs[:2]]
    made = [p + c * SIZE + "\x00" for p in prefixes for c in [*own, *GENERIC]]
    pairs = [a + b for a, b in itertools.combinations(own, 2)]
    made += [p + pair * (PAIR_SIZE // 2) + "\x00" for p in prefixes for pair in pairs]
    made += [run * (SIZE // len(run)) + "\x00" for run in runs[:4]]
    half = " " * (SIZE // 2)
    made += [p + half + c + half + "\x00" for p in prefixes for c in own]
    made += [attack for key, known in KNOWN_ATTACKS.items() if key in text for attack in known]
    return [m.encode("utf-8") for m in made] if isinstance(source, bytes) else made


def slowest(source: str | bytes, flags: int, used: frozenset[str]) -> tuple[float, str]:
    """The longest time the pattern takes on one of its attacks, used as the code uses it
    (search, which tries every start, unless it is only ever matched at one place)."""
    pattern = re.compile(source, flags)
    runs = [pattern.match, pattern.fullmatch] if used <= ANCHORED else [pattern.search]
    worst = (0.0, "")
    for attack, run in itertools.product(attacks(source), runs):
        start = time.perf_counter()
        run(attack)
        took = time.perf_counter() - start
        if took > worst[0]:
            worst = (took, f"{run.__name__} of {attack[:40]!r}... ({len(attack):,} characters)")
        if took > BOUND_SECONDS:
            break
    return worst


PATTERNS = every_pattern()


def test_the_patterns_are_collected():
    """The collection finds the patterns the issue named and the ones built from parts."""
    sources = {source for source, _, _ in PATTERNS.values()}
    from polyvox.content import reader, turns

    assert turns.MARKER_LINE.pattern in sources
    assert reader.UNPRINTABLE.pattern in sources
    assert len(PATTERNS) > 60


def _timed(source, flags, used, queue) -> None:
    """Run `slowest` in a child process and hand back its answer."""
    queue.put(slowest(source, flags, used))


@pytest.mark.parametrize("where", sorted(PATTERNS))
def test_every_pattern_is_linear_on_adversarial_input(where):
    """Each pattern answers every attack within the bound (a child process is stopped at 30 s,
    so a pattern that backtracks fails the test instead of hanging it)."""
    source, flags, used = PATTERNS[where]
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_timed, args=(source, flags, used, queue))
    child.start()
    child.join(30)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail(f"{where}: {source!r} was still running after 30 s on one of its attacks")
    took, attack = queue.get(timeout=5)
    assert took < BOUND_SECONDS, f"{where}: {source!r} took {took:.2f} s on {attack}"
