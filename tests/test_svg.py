"""SVG read as a browser reads it: files (entities, DTDs, instructions, CSS escapes, namespaces)
and inline drawings (CSS escapes, a transform that leaves the drawing's box).

Each case has the exact line `polyvox check` prints; tests/test_untrusted_outputs_browser.py
opens the files that pass in chromium and judges the inline ones on the built page.
"""

from __future__ import annotations

import pytest

from tests.test_safety import HEAD, PIECE

SVG = 'xmlns="http://www.w3.org/2000/svg"'
LOADS = "loads a file from another site for every reader"
DOCTYPE = (
    "the file declares a DOCTYPE with its own definitions ('[...]'), which browsers expand into "
    "markup this check cannot see: remove the DOCTYPE (an SVG file needs none) and export it again"
)
ENTITY = "browsers expand it into whatever the DOCTYPE defines; write the character itself"
FILE_CSS = f"{LOADS}; use url(#id) of this file, or a colour"
LOGO = "content/assets/logo.svg"

SVG_FILES = [
    pytest.param(
        "<?xml version='1.0'?>\n<!DOCTYPE svg [<!ENTITY s '<script>alert(1)</script>'>]>\n"
        f"<svg {SVG}>\n&s;\n</svg>\n",
        [f"1: error: {DOCTYPE}", f"4: error: the entity &s; is not allowed: {ENTITY}"],
        id="entity holding a script",
    ),
    pytest.param(
        f"<!DOCTYPE svg [<!ATTLIST svg onload CDATA 'alert(1)'>]>\n<svg {SVG}/>\n",
        [f"1: error: {DOCTYPE}"],
        id="attribute default from the DTD",
    ),
    pytest.param(
        f"<!DOCTYPE svg SYSTEM 'a>b' [<!ENTITY x 'y'>]>\n<svg {SVG}><text>&x;</text></svg>\n",
        [f"1: error: {DOCTYPE}", f"2: error: the entity &x; is not allowed: {ENTITY}"],
        id="subset after a quoted '>'",
    ),
    pytest.param(
        f"<svg {SVG}>\n<text>&nbsp;</text>\n</svg>\n",
        [
            "2: error: not well-formed XML (Entity 'nbsp' not defined, line 2, column 13): "
            "export it again"
        ],
        id="undefined entity",
    ),
    pytest.param(
        f'<svg {SVG}>\n<circle r="4" fill="u\\72l(https://evil.example/t.svg#g)"/>\n</svg>\n',
        [
            "2: error: attribute 'fill' on <circle> is not allowed: "
            f"'url(https://evil.example/t.svg#g)' {FILE_CSS}"
        ],
        id="escaped url in a presentation attribute",
    ),
    pytest.param(
        f'<svg {SVG}>\n<style>@im\\70 ort "https://evil.example/x.css";</style>\n</svg>\n',
        [f"2: error: <style> '@import' is not allowed: it {FILE_CSS}"],
        id="escaped @import",
    ),
    pytest.param(
        f'<svg {SVG}>\n<style>rect {{ background: image-set("//evil.example/a.png" 1x) }}'
        "</style>\n</svg>\n",
        [f"2: error: <style> 'image-set(' is not allowed: it {FILE_CSS}"],
        id="image-set",
    ),
    pytest.param(
        f"<svg {SVG}>\n<style>@font-face {{ font-family: f; src: local(f) }}</style>\n</svg>\n",
        [f"2: error: <style> '@font-face' is not allowed: it {FILE_CSS}"],
        id="font-face",
    ),
    pytest.param(
        f'<svg {SVG}>\n<style>rect {{ fill: url("#a/*") }} circle {{ fill: '
        "url(https://evil.example/p.svg#p) }} /* */</style>\n</svg>\n",
        [f"2: error: <style> 'url(https://evil.example/p.svg#p)' is not allowed: it {FILE_CSS}"],
        id="comment opener inside a string",
    ),
    pytest.param(
        f'<?xml-stylesheet href="https://evil.example/x.css"?>\n<svg {SVG}/>\n',
        [
            "1: error: <?xml-stylesheet ...?> is not allowed: it makes browsers apply a style "
            "sheet or transform from elsewhere; remove it"
        ],
        id="style sheet instruction",
    ),
    pytest.param(
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hi</p></body></html>\n',
        [
            "1: error: the file is not an SVG drawing (its root element is not <svg> in the SVG "
            'namespace, xmlns="http://www.w3.org/2000/svg"): export it again as SVG',
            "1: error: <html> is not allowed: it is HTML, which browsers run inside the drawing",
        ],
        id="an XHTML page named .svg",
    ),
    pytest.param(
        f'<svg {SVG}>\n<g><p xmlns="http://www.w3.org/1999/xhtml">Hi</p></g>\n</svg>\n',
        ["2: error: <p> is not allowed: it is HTML, which browsers run inside the drawing"],
        id="HTML inside a drawing",
    ),
    pytest.param(
        f'<svg {SVG} xmlns:x="http://www.w3.org/1999/xlink">\n'
        '<pattern id="p" x:href="https://evil.example/p.svg#p"/>\n</svg>\n',
        [
            "2: error: <pattern href> 'https://evil.example/p.svg#p' is not allowed: it "
            f'{LOADS}; point it at a part of this file (href="#id")'
        ],
        id="pattern drawn from another site",
    ),
    pytest.param(
        f'<svg {SVG}>\n<rect width="4" height="4"><set attributeName="fill" to="red"/></rect>\n'
        "</svg>\n",
        [
            "2: error: <set> is not allowed in an SVG file: it can rewrite another element's "
            "attributes, a link into code among them; remove it"
        ],
        id="animation",
    ),
    pytest.param(
        f'<svg {SVG}>\n<image href="data:image/svg+xml,%3Csvg onload=alert(1)/%3E"/>\n</svg>\n',
        [
            "2: error: <image href> 'data:image/svg+xml,%3Csvg onload=alert(1)/%3E' is not "
            f'allowed: it {LOADS}; point it at a part of this file (href="#id") or embed the '
            "picture",
            "2: error: <image href> 'data:image/svg+xml,%3Csvg onload=alert(1)/%3E' uses the "
            "scheme 'data:', which is not allowed: link with https://, http:// or mailto:, or "
            "with a path inside the site",
        ],
        id="an SVG inside an image",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SVG_FILES)
def test_an_svg_file_is_read_as_a_browser_reads_it(content_tree, run_check, text, expected):
    """Entities, DTDs, instructions, CSS escapes and other namespaces: refused, located."""
    root = content_tree({LOGO: text})
    code, lines = run_check(root)
    assert (code, lines[:-1]) == (1, sorted(f"{LOGO}:{line}" for line in expected))


DRAWINGS = [
    pytest.param(
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        f'<svg {SVG} viewBox="0 0 4 4"><rect width="4" height="4"/></svg>\n',
        id="a DOCTYPE without definitions",
    ),
    pytest.param(
        f'<svg {SVG} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd">\n'
        '<sodipodi:namedview inkscape:zoom="1"/>\n<metadata><title>t</title></metadata>\n'
        '<g inkscape:label="Layer 1"><rect width="2" height="2" style="fill:#fff"/></g>\n'
        '<clipPath id="c"><circle r="2"/></clipPath>\n<filter id="f"><feGaussianBlur '
        'stdDeviation="1"/></filter>\n<path d="M0 0L4 4" clip-path="url(#c)" '
        'filter="url(#f)"/>\n</svg>\n',
        id="an Inkscape drawing",
    ),
    pytest.param(
        f"<svg {SVG}>\n<style>rect {{ fill: url(\\23 g) }} /* url(#h) */</style>\n"
        '<linearGradient id="g"/>\n<rect width="4" height="4"/>\n</svg>\n',
        id="escaped '#' in a url",
    ),
]


@pytest.mark.parametrize("text", DRAWINGS)
def test_an_ordinary_drawing_passes(content_tree, run_check, text):
    """What drawing programs export, metadata and filters included, is accepted."""
    code, lines = run_check(content_tree({LOGO: text}))
    assert (code, lines[-1]) == (0, "polyvox: 11 files checked, no problems found.")


INLINE = [
    pytest.param(
        '<svg><circle r="4" fill="u\\72l(https://evil.example/t.svg#g)"/></svg>\n',
        "attribute 'fill' on <circle> is not allowed: 'url(https://evil.example/t.svg#g)' "
        f"{LOADS}; use url(#id) of this drawing, or a colour",
        id="escaped url",
    ),
    pytest.param(
        '<svg><rect width="4" height="4" stroke="U&#82;L(//evil.example/s.svg#s)"/></svg>\n',
        "attribute 'stroke' on <rect> is not allowed: 'url(//evil.example/s.svg#s)' "
        f"{LOADS}; use url(#id) of this drawing, or a colour",
        id="entity in the function name",
    ),
    pytest.param(
        '<svg><circle r="4" fill="url(/*)*/https://evil.example/c.svg#c)"/></svg>\n',
        "attribute 'fill' on <circle> is not allowed: 'url(/*)' "
        f"{LOADS}; use url(#id) of this drawing, or a colour",
        id="comment inside url",
    ),
    pytest.param(
        '<a href="https://evil.example/"><svg transform="scale(1500)" width="8" height="8">'
        '<rect width="8" height="8"/></svg></a>\n',
        "attribute 'transform' on <svg> is not allowed: it moves and scales the drawing out of "
        "its own box, over the page; put the transform on a <g> inside the <svg>",
        id="a link covering the page",
    ),
    pytest.param(
        '<svg width="8" height="8"><svg transform="translate(-900 -900) scale(300)">'
        '<rect width="8" height="8"/></svg></svg>\n',
        "attribute 'transform' on <svg> is not allowed: it moves and scales the drawing out of "
        "its own box, over the page; put the transform on a <g> inside the <svg>",
        id="a nested drawing moved",
    ),
]


@pytest.mark.parametrize(("body", "found"), INLINE)
def test_an_inline_drawing_is_read_as_css_and_stays_in_its_box(
    content_tree, run_check, body, found
):
    """A member's inline SVG: CSS read with its escapes, no transform on the drawing itself."""
    code, lines = run_check(content_tree({PIECE: HEAD + body}))
    assert (code, lines[:-1]) == (1, [f"{PIECE}:6: error: {found}"])


def test_a_transform_inside_the_drawing_is_accepted(content_tree, run_check):
    """A <g> may move and scale what it holds: the drawing's own box clips it."""
    body = '<svg width="8" height="8"><g transform="scale(1500)"><rect width="8" height="8"/></g></svg>\n'
    code, lines = run_check(content_tree({PIECE: HEAD + body}))
    assert code == 0, lines
