"""Inline SVG charts for the HTML index: a risk histogram and findings per rule.

Plain SVG elements written as text (no script, no fonts or images fetched), so the charts
render under the report's Content-Security-Policy and in a mail client. Every bar carries
its numbers in ``data-*`` attributes and a ``<title>`` (the tooltip and what a screen
reader says).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import pandas as pd

BINS = 10
STACK = ("ok", "review", "garbled")
COLOURS = {"ok": "#9cc69b", "review": "#f2c94c", "garbled": "#e06666", "rule": "#6b8fd6"}
MAX_RULES = 30


def risk_bins(
    sentences: pd.DataFrame, counts: list[dict[str, int]] | None = None
) -> list[dict[str, int]]:
    """Audited sentences counted per risk bin (ten of 0.1) and verdict, added to ``counts``
    (the bins of earlier batches) when given."""
    counts = counts if counts is not None else [dict.fromkeys(STACK, 0) for _ in range(BINS)]
    audited = sentences[sentences["verdict"].isin(STACK)]
    for risk, verdict in zip(audited["risk"], audited["verdict"], strict=True):
        if pd.isna(risk):
            continue
        counts[min(max(int(float(risk) * BINS), 0), BINS - 1)][verdict] += 1
    return counts


def risk_histogram(counts: list[dict[str, int]], thresholds: dict | None = None) -> str:
    """The :func:`risk_bins` as bars stacked by verdict; dashed lines at the review and
    garbled thresholds."""
    width, height, left, right, top, bottom = 520, 190, 40, 10, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((sum(c.values()) for c in counts), default=0) or 1
    bar_w = plot_w / BINS
    parts = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#888"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#888"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    for i, bin_counts in enumerate(counts):
        low, high = i / BINS, (i + 1) / BINS
        y = top + plot_h
        for verdict in STACK:
            n = bin_counts[verdict]
            if not n:
                continue
            h = n / peak * plot_h
            y -= h
            parts.append(
                f'<rect data-bin="{i}" data-verdict="{verdict}" data-count="{n}" '
                f'x="{left + i * bar_w + 1:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[verdict]}"><title>risk {low:.1f}–{high:.1f}: '
                f"{n} {verdict} sentence{'s' * (n != 1)}</title></rect>"
            )
    for i in range(0, BINS + 1, 2):
        parts.append(
            f'<text x="{left + i * bar_w:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
            f"{i / BINS:.1f}</text>"
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle">'
        "sentence risk</text>"
    )
    for name, value in (thresholds or {}).items():
        if not isinstance(value, int | float) or not 0 <= value <= 1:
            continue
        x = left + value * plot_w
        parts.append(
            f'<line class="threshold" data-threshold="{escape(name)}" x1="{x:.1f}" y1="{top}" '
            f'x2="{x:.1f}" y2="{top + plot_h}" stroke="#555" stroke-dasharray="4 3">'
            f"<title>{escape(name)} from risk {value:g}</title></line>"
        )
    total = sum(sum(c.values()) for c in counts)
    return _svg(
        "risk-histogram",
        f"Histogram of sentence risk: {total} audited sentences in {BINS} bins",
        width,
        height,
        parts,
    )


def rule_chart(counts: Mapping[str, int], registry: dict | None = None) -> str:
    """Findings per rule (``{rule: count}``), most frequent first (at most
    :data:`MAX_RULES` bars)."""
    if not counts:
        return '<p class="meta" id="rule-chart">No findings.</p>'
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = ranked[:MAX_RULES]
    row, label_w, count_w, width = 18, 150, 40, 520
    bar_max = width - label_w - count_w
    peak = shown[0][1]
    parts = []
    for i, (rule, n) in enumerate(shown):
        y = i * row
        cls = (registry or {}).get(rule)
        name = f" ({cls.name})" if cls is not None else ""
        w = max(n / peak * bar_max, 1)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(rule)}</text>'
            f'<rect data-rule="{escape(rule)}" data-count="{n}" x="{label_w}" y="{y + 3}" '
            f'width="{w:.1f}" height="{row - 6}" fill="{COLOURS["rule"]}">'
            f"<title>{escape(rule)}{escape(name)}: {n} finding{'s' * (n != 1)}</title></rect>"
            f'<text x="{label_w + w + 4:.1f}" y="{y + 13}">{n}</text>'
        )
    more = ""
    if len(ranked) > MAX_RULES:
        rest = ranked[MAX_RULES:]
        more = (
            f'<p class="meta">and {len(rest)} more rules with '
            f"{sum(n for _, n in rest)} findings.</p>"
        )
    chart = _svg(
        "rule-chart",
        f"Findings per rule: {sum(counts.values())} findings of {len(counts)} rules",
        width,
        len(shown) * row + 4,
        parts,
    )
    return chart + more


def _svg(element_id: str, label: str, width: int, height: int, parts: list[str]) -> str:
    return (
        f'<svg id="{element_id}" class="chart" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'font-size="11" font-family="system-ui,sans-serif">'
        f"<title>{escape(label)}</title>{''.join(parts)}</svg>"
    )
