"""Server-rendered charts: the only module that imports matplotlib.

A chart is an SVG image embedded as a data: URL (so the page's Content Security Policy
needs no inline styles) and always shown beside a table of the same figures.
"""

import base64
import functools
import io
import threading

import matplotlib

matplotlib.use("svg")
from matplotlib.figure import Figure  # noqa: E402

# GOV.UK Frontend's blue and dark grey, which pass contrast against white.
BAR_COLOUR = "#1d70b8"
TEXT_COLOUR = "#0b0c0c"
TARGET_COLOUR = "#d4351c"  # GOV.UK red
_lock = threading.Lock()
matplotlib.rcParams.update(
    {"svg.fonttype": "none", "font.family": "sans-serif", "svg.hashsalt": "svforum"}
)


def bar_chart(rows, value_format=str, target=None, target_label=""):
    """A horizontal bar chart of (label, value) rows, as a data: URL of an SVG image.
    ``value_format`` writes each bar's value beside it (e.g. as money); ``target`` draws
    a dashed line at that value, labelled ``target_label``.

    A row may also be (label, value, high, text): a value known only within a range is
    drawn solid to its bottom and hatched on to its top, and ``text`` (e.g. "3–5",
    "140+", "about 4,000") is written beside it in place of the formatted value."""
    return _bar_chart(
        tuple(_bar(row, value_format) for row in rows),
        target,
        str(target_label),
    )


def _bar(row, value_format):
    if len(row) == 2:
        label, value = row
        return (str(label), float(value), None, value_format(value))
    label, value, high, text = row
    return (str(label), float(value), None if high is None else float(high), str(text))


# Drawing takes tens of milliseconds; the same figures always give the same image.
@functools.lru_cache(maxsize=512)
def _bar_chart(rows, target=None, target_label=""):
    labels = [label for label, _, _, _ in rows]
    values = [value for _, value, _, _ in rows]
    highs = [high for _, _, high, _ in rows]
    texts = [text for _, _, _, text in rows]
    height = 0.45 * max(len(rows), 1) + 0.6
    with _lock:  # pyplot-free, but fonts and rcParams are shared state
        figure = Figure(figsize=(6, height), dpi=72)
        axes = figure.add_subplot()
        positions = list(range(len(rows)))
        axes.barh(positions, values, color=BAR_COLOUR)
        ranges = [(p, v, h) for p, v, h in zip(positions, values, highs, strict=True) if h]
        if ranges:
            axes.barh(
                [p for p, _, _ in ranges],
                [h - v for _, v, h in ranges],
                left=[v for _, v, _ in ranges],
                color="white",
                edgecolor=BAR_COLOUR,
                hatch="///",
            )
        axes.set_yticks(positions, labels=labels, color=TEXT_COLOUR)
        axes.invert_yaxis()
        # Each bar carries its value, so the value axis would only repeat it.
        axes.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        ends = [max(v, h or 0) for v, h in zip(values, highs, strict=True)]
        for position, end, text in zip(positions, ends, texts, strict=True):
            axes.annotate(
                text,
                (end, position),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                color=TEXT_COLOUR,
            )
        axes.set_xlim(0, max(ends + [1, target or 0]) * 1.15)
        if target is not None:
            axes.axvline(target, color=TARGET_COLOUR, linestyle="--", linewidth=1.5)
            axes.annotate(
                target_label,
                (target, -0.6),
                # Written towards the chart's middle, so it is never cut off at its edge.
                xytext=(3, 0) if target < axes.get_xlim()[1] / 2 else (-3, 0),
                textcoords="offset points",
                ha="left" if target < axes.get_xlim()[1] / 2 else "right",
                va="bottom",
                color=TARGET_COLOUR,
                annotation_clip=False,
            )
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"
