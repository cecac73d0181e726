"""Classes are an allowlist: the theme's scripts act on them (a <pre class="mermaid"> loads a
program from a CDN), so members use only the admonition types and md-button, wherever a class
can come from: HTML, attribute lists (bare words included), admonitions, fence options.

The check and the build's fragment guard agree: what the check lets through, the guard passes
on the site's rendering of it; tests/test_untrusted_outputs_browser.py runs it in chromium.
"""

from __future__ import annotations

import pytest

from polyvox.content.safety import fragment_faults
from tests.test_allowlist import check
from tests.test_untrusted import site_rendering

REASON = (
    "the site's theme and its scripts act on classes (a 'mermaid' one loads a program from "
    "another site): the classes you may use are the admonition types (note, tip, warning...), "
    "md-button and md-button--primary (see 'HTML you may write' in CONTRIBUTING.md); remove it"
)
THEIRS = "it belongs to the site's theme, whose components can be placed over the page; remove it"
ONLY = (
    "an attribute list may set only alt, class, colspan, dir, height, hreflang, id, lang, "
    "loading, rel, rowspan, start, title, translate, width (and aria-*); remove it"
)

REFUSED = [
    pytest.param(
        '<pre class="mermaid">graph TD; A-->B</pre>\n',
        [f"6: attribute 'class' on <pre> is not allowed: class 'mermaid': {REASON}"],
        id="mermaid diagram",
    ),
    pytest.param(
        "!!! mermaid\n    graph TD\n",
        [f"6: admonition '!!! mermaid' sets class 'mermaid': {REASON}"],
        id="admonition type that is a script's class",
    ),
    pytest.param(
        '> !!! tip annotate "Notes"\n>     A (1)\n',
        [f"6: admonition '> !!! tip annotate' sets class 'annotate': {REASON}"],
        id="second class of an admonition",
    ),
    pytest.param(
        "1. A list (1)\n{: .annotate }\n",
        [f"7: attribute list '{{: .annotate }}' sets class 'annotate': {REASON}"],
        id="annotate by attribute list",
    ),
    pytest.param(
        "```{ .annotate }\ncode (1)\n```\n",
        [f"6: attribute list '{{ .annotate }}' sets class 'annotate': {REASON}"],
        id="fence options",
    ),
    pytest.param(
        '<span class="note md-tooltip">x</span>\n',
        [f"6: attribute 'class' on <span> is not allowed: class 'md-tooltip': {THEIRS}"],
        id="theme component after an allowed class",
    ),
    pytest.param(
        "A warning.\n{: popover }\n",
        [f"7: attribute list '{{: popover }}' sets 'popover': {ONLY}"],
        id="bare word: popover",
    ),
    pytest.param(
        "*Hidden*{ hidden } text\n",
        [f"6: attribute list '{{ hidden }}' sets 'hidden': {ONLY}"],
        id="bare word after emphasis",
    ),
    pytest.param(
        "`code`{ inert }\n",
        [f"6: attribute list '{{ inert }}' sets 'inert': {ONLY}"],
        id="bare word after a code span",
    ),
    pytest.param(
        "## Sign in { autofocus contenteditable }\n",
        [
            f"6: attribute list '{{ autofocus contenteditable }}' sets 'autofocus': {ONLY}",
            f"6: attribute list '{{ autofocus contenteditable }}' sets 'contenteditable': {ONLY}",
        ],
        id="bare words at the end of a heading",
    ),
    pytest.param(
        "Underlined {onclick}\n====\n",
        [
            "6: attribute list '{onclick}' sets 'onclick': event handlers run code in readers' "
            "browsers; remove it"
        ],
        id="bare handler on an underlined heading",
    ),
]


@pytest.mark.parametrize(("body", "expected"), REFUSED)
def test_a_class_or_attribute_members_may_not_use_is_refused(body, expected):
    """Each refusal names the line, where the class came from and what may be used."""
    assert check(body) == expected


ACCEPTED = [
    pytest.param('!!! tip "Before you start"\n    Read the guide.\n', id="admonition"),
    pytest.param(
        '<div class="admonition warning"><p class="admonition-title">Careful</p>'
        "<p>Hot.</p></div>\n",
        id="admonition written in HTML",
    ),
    pytest.param("[Join us](https://example.org/join){ .md-button .md-button--primary }\n"),
    pytest.param("Sets {a, b} and {x} in prose, word{b} too.\n", id="braces in prose"),
    pytest.param("```python\nx = {'a': 1}\n```\n\nA footnote-like (1).\n", id="highlighted code"),
]


@pytest.mark.parametrize("body", ACCEPTED)
def test_the_classes_members_may_use_pass_check_and_guard(body):
    """Admonitions, buttons, braces in prose and highlighted code: accepted by the check, and
    the guard accepts what the renderer makes of them (its own classes included)."""
    assert check(body) == []
    assert fragment_faults(site_rendering(body)) == []
