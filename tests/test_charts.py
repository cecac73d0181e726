"""SVG bar charts: bars in proportion, readable in any colour scheme, the same bytes every time."""

from __future__ import annotations

import re

import lxml.etree
import pytest

from polyvox.site.charts import HEIGHT, Series, bar_chart, nice_step

SVG = "{http://www.w3.org/2000/svg}"


def bars(svg: str) -> list[tuple[str, float, float]]:
    """(class, top, height) of every bar, in drawing order (legend swatches left out)."""
    root = lxml.etree.fromstring(svg)
    return [
        (r.get("class"), float(r.get("y")), float(r.get("height")))
        for r in root.iter(f"{SVG}rect")
        if r.get("width") != "11"  # the legend swatches
    ]


def test_stacked_bars_add_up_and_share_one_scale():
    """Columns 0 + 6 and 4 + 6: the scale tops at 10, each part stands on the one below."""
    svg = bar_chart(["1", "2"], [Series("old", [0, 4]), Series("new", [6, 6])], stacked=True)
    drawn = bars(svg)
    # two legend lines leave the plot from y=44 to y=220: 176 units for 10, 17.6 per act
    assert [(c, round(h, 1)) for c, _, h in drawn] == [
        ("pv-series-0", 0.0),
        ("pv-series-1", 105.6),
        ("pv-series-0", 70.4),
        ("pv-series-1", 105.6),
    ]
    (_, old_top, _), (_, new_top, new_height) = drawn[2], drawn[3]
    assert new_top + new_height == pytest.approx(old_top, abs=0.1)
    assert new_top == pytest.approx(44.0)


def test_side_by_side_bars_and_a_fixed_top():
    """Shares on a 0..100% scale: a 50% bar is half the plot height of a full one."""
    svg = bar_chart(
        ["1", "2"], [Series("share", [0.5, 1.0])], top=1, tick_label=lambda v: f"{v:.0%}"
    )
    (_, _, half), (_, _, full) = bars(svg)
    assert half * 2 == pytest.approx(full, abs=0.2)
    assert re.findall(r">(\d+%)<", svg) == ["0%", "25%", "50%", "75%", "100%"]


def test_colours_follow_the_page_never_fixed_black_or_white():
    """Fills and strokes use currentColor (the theme's text colour) or a class the CSS styles."""
    svg = bar_chart(["1"], [Series("a", [1]), Series("b", [2])])
    colours = set(re.findall(r'(?:fill|stroke)="([^"]+)"', svg))
    assert colours == {"currentColor"}
    assert "#000" not in svg and "#fff" not in svg and "white" not in svg


def test_chart_is_deterministic_escaped_and_hidden_from_screen_readers():
    """Same input, same bytes; names are escaped; the table beside the chart is what is read."""
    args = (["<1>"], [Series("a & b", [3])])
    assert bar_chart(*args) == bar_chart(*args)
    root = lxml.etree.fromstring(bar_chart(*args))
    assert root.get("aria-hidden") == "true"
    assert [t.text for t in root.iter(f"{SVG}text")][-2:] == ["a & b", "<1>"]


def test_many_issues_get_every_tenth_label():
    """120 issues: 12 labels along the axis, not 120 overlapping ones."""
    labels = [str(n) for n in range(1, 121)]
    root = lxml.etree.fromstring(bar_chart(labels, [Series("v", list(range(120)))]))
    axis = [t.text for t in root.iter(f"{SVG}text") if t.get("y") == str(HEIGHT - 6)]
    assert axis == [str(n) for n in range(1, 121, 10)]


@pytest.mark.parametrize(
    ("rough", "step"), [(0.25, 0.25), (3.5, 5), (2.2, 2.5), (1, 1), (0.3, 0.5), (11, 20)]
)
def test_nice_step(rough, step):
    """Grid steps are 1, 2, 2.5 or 5 times a power of ten."""
    assert nice_step(rough) == pytest.approx(step)
