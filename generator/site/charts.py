"""Bar charts drawn as inline SVG at build time: deterministic, no script, light and dark alike.

Colours come from `currentColor` (the text colour of the page, whatever its scheme), with the
theme's CSS free to restyle the `pv-series-N` classes; the chart carries no fixed black or white.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 360, 240
LEFT, RIGHT, BOTTOM = 36, 4, 20
CHAR_WIDTH = 8.5
"""The widest a character of an axis label is drawn at font size 11 (digits, '%'), with room
to spare: the left margin grows with the longest label, so '100 %' is never cut."""
LEGEND_LINE = 16
MAX_LABELS = 12
SERIES_STYLE = (
    'fill-opacity=".25" stroke="currentColor" stroke-width="1"',
    'fill-opacity="1"',
)
"""The first series is outlined and pale, the second solid: they differ by more than hue, and
the outline stands out from the page in either scheme."""


@dataclass(frozen=True)
class Series:
    """One named row of values, one per bar position."""

    name: str
    values: Sequence[float]


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    stacked: bool = False,
    top: float | None = None,
    tick_label: Callable[[float], str] = lambda v: f"{v:g}",
) -> str:
    """An SVG bar chart of one or two series per label, stacked or side by side."""
    heights = [
        sum(col) if stacked else max(col) for col in zip(*(s.values for s in series), strict=True)
    ]
    step = nice_step((top or max(heights, default=0) or 1) / 4)
    ceiling = top or step * math.ceil((max(heights, default=0) or 1) / step)
    ticks = [(tick * step, tick_label(tick * step)) for tick in range(round(ceiling / step) + 1)]
    left = max(LEFT, 10 + math.ceil(CHAR_WIDTH * max(len(text) for _, text in ticks)))
    top_margin = LEGEND_LINE * len(series) + 12
    plot_w, plot_h = WIDTH - left - RIGHT, HEIGHT - top_margin - BOTTOM

    def y(value: float) -> float:
        """The vertical position of a value."""
        return top_margin + plot_h * (1 - value / ceiling)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'aria-hidden="true" focusable="false" font-size="11" fill="currentColor">'
    ]
    parts += _grid(ticks, left, y)
    parts += _legend(series, left)
    band = plot_w / max(len(labels), 1)
    for index, label in enumerate(labels):
        parts += _bars(left + index * band, band, [s.values[index] for s in series], stacked, y)
        if index % math.ceil(len(labels) / MAX_LABELS) == 0:
            x = left + (index + 0.5) * band
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - 6}" text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def nice_step(rough: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `rough`."""
    power = 10 ** math.floor(math.log10(rough)) if rough > 0 else 1
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough - 1e-9)


def _grid(ticks: list[tuple[float, str]], left: float, y: Callable[[float], float]) -> list[str]:
    """Horizontal lines with their value on the left, from 0 to the ceiling."""
    return [
        f'<line x1="{left}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
        'stroke="currentColor" stroke-opacity=".2"/>'
        f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{escape(text)}</text>'
        for value, text in ticks
    ]


def _legend(series: Sequence[Series], left: float) -> list[str]:
    """A swatch and the name of each series, one line each above the plot."""
    return [
        f'<rect class="pv-series-{index}" x="{left}" y="{LEGEND_LINE * index + 2}" width="11" '
        f'height="11" {SERIES_STYLE[index % 2]}/>'
        f'<text x="{left + 17}" y="{LEGEND_LINE * index + 12}">{escape(one.name)}</text>'
        for index, one in enumerate(series)
    ]


def _bars(
    x: float, band: float, values: list[float], stacked: bool, y: Callable[[float], float]
) -> list[str]:
    """The bars of one label: stacked from the axis up, or side by side."""
    width = band * 0.7 / (1 if stacked else len(values))
    left, base, bars = x + band * 0.15, 0.0, []
    for index, value in enumerate(values):
        low, high = (base, base + value) if stacked else (0.0, value)
        bars.append(
            f'<rect class="pv-series-{index}" x="{left:.1f}" y="{y(high):.1f}" '
            f'width="{width:.1f}" height="{y(low) - y(high):.1f}" '
            f"{SERIES_STYLE[index % 2]}/>"
        )
        if stacked:
            base = high
        else:
            left += width
    return bars
