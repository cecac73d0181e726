"""The /voices/ page's charts: how plural each published issue was, as SVG and as tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from polyvox.content.model import Issue
from polyvox.site.charts import Series, bar_chart
from polyvox.site.view import SiteContext


@dataclass(frozen=True)
class Chart:
    """One chart of the /voices/ page: its SVG and a table of its figures, a row per issue."""

    title: str
    svg: str
    issues: list[Issue]
    columns: dict[str, list[str]]

    @property
    def rows(self) -> list[tuple[Issue, list[str]]]:
        """Each issue with its cell in every column."""
        cells = zip(*self.columns.values(), strict=True)
        return [(issue, list(row)) for issue, row in zip(self.issues, cells, strict=True)]


def voices_charts(site: SiteContext) -> list[Chart]:
    """The /voices/ charts: voices and first voices, effective number and half, top share."""
    t = site.t
    issues = [i for i in site.community.issues if i.id in site.issue_voices]
    if not issues:
        return []
    measured = [site.issue_voices[i.id] for i in issues]
    labels = [str(i.meta.number) for i in issues]
    voices, first = [v.voices for v in measured], [v.first_voices for v in measured]
    effective, half = [v.effective for v in measured], [v.half for v in measured]
    shares = [v.top_share for v in measured]
    returning = [all_ - new for all_, new in zip(voices, first, strict=True)]
    return [
        Chart(
            t("chart_voices"),
            bar_chart(
                labels,
                [Series(t("col_returning"), returning), Series(t("col_first"), first)],
                stacked=True,
            ),
            issues,
            {t("col_voices"): _texts(voices), t("col_first"): _texts(first)},
        ),
        Chart(
            t("chart_effective"),
            bar_chart(labels, [Series(t("col_effective"), effective), Series(t("col_half"), half)]),
            issues,
            {t("col_effective"): [t.number(n) for n in effective], t("col_half"): _texts(half)},
        ),
        Chart(
            t("chart_share"),
            bar_chart(labels, [Series(t("col_share"), shares)], top=1, tick_label=t.percent),
            issues,
            {
                t("col_share"): [t.percent(n) for n in shares],
                t("col_top_three"): [t.percent(v.top_three_share) for v in measured],
                t("col_acts"): _texts(v.acts for v in measured),
            },
        ),
    ]


def _texts(numbers: Iterable[int]) -> list[str]:
    """Whole numbers as table cells."""
    return [str(n) for n in numbers]
