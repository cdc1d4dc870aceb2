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
    a dashed line at that value, labelled ``target_label``."""
    return _bar_chart(
        tuple((str(label), float(value), value_format(value)) for label, value in rows),
        target,
        str(target_label),
    )


# Drawing takes tens of milliseconds; the same figures always give the same image.
@functools.lru_cache(maxsize=512)
def _bar_chart(rows, target=None, target_label=""):
    labels = [label for label, _, _ in rows]
    values = [value for _, value, _ in rows]
    texts = [text for _, _, text in rows]
    height = 0.45 * max(len(rows), 1) + 0.6
    with _lock:  # pyplot-free, but fonts and rcParams are shared state
        figure = Figure(figsize=(6, height), dpi=72)
        axes = figure.add_subplot()
        positions = list(range(len(rows)))
        axes.barh(positions, values, color=BAR_COLOUR)
        axes.set_yticks(positions, labels=labels, color=TEXT_COLOUR)
        axes.invert_yaxis()
        # Each bar carries its value, so the value axis would only repeat it.
        axes.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        for position, value, text in zip(positions, values, texts, strict=True):
            axes.annotate(
                text,
                (value, position),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                color=TEXT_COLOUR,
            )
        axes.set_xlim(0, max(values + [1, target or 0]) * 1.15)
        if target is not None:
            axes.axvline(target, color=TARGET_COLOUR, linestyle="--", linewidth=1.5)
            axes.annotate(
                target_label,
                (target, -0.6),
                xytext=(3, 0),
                textcoords="offset points",
                va="bottom",
                color=TARGET_COLOUR,
                annotation_clip=False,
            )
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"
