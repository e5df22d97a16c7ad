"""sweep_chart: a sweep's final test loss against the swept value, drawn with plotext (no Textual).

The learning rate goes on a log axis (its values span six decades); each point's marker and
colour say its region, diverged runs are an ``x`` along the top. plotext 6 has one shared figure,
so the chart is configured and built in one call and nothing is left behind. The app's sweep
view and ``tui-nn sweep --plot`` both use it.
"""

from __future__ import annotations

import math

import numpy as np

from tui_nn.core.sweep import GOOD, NO_PROGRESS, TOO_LARGE, TOO_SMALL, UNEVEN, SweepResult, log_positions
from tui_nn.ui.plotext_module import plotext

REGION_STYLE = {
    TOO_SMALL: ("<", 214),  # orange: crawls
    GOOD: ("o", 34),  # green
    TOO_LARGE: (">", 160),  # red: oscillates or diverges
    UNEVEN: ("?", 244),
    NO_PROGRESS: ("-", 244),
}
"""(ASCII marker, xterm colour) per region; the legend names them."""
DIVERGED_MARKER = "x"
_BOX_TO_ASCII = str.maketrans("┌┐└┘├┤┬┴┼─│", "+++++++++-|")


def _x_positions(result: SweepResult) -> list[float]:
    values = [float(point.value) for point in result.points]
    return log_positions(values).tolist() if result.setting == "learning_rate" else values


def _ticks(result: SweepResult, xs: list[float], width: int) -> tuple[list[float], list[str]]:
    """A tick at every value whose label fits (every 2nd or 3rd when crowded)."""
    labels = [point.label for point in result.points]
    most = max(2, width // (max(len(label) for label in labels) + 2))
    every = max(1, math.ceil(len(xs) / most))
    return xs[::every], labels[::every]


def sweep_chart(result: SweepResult, width: int, height: int, ascii: bool = False) -> str:
    """The chart as text (ANSI colours unless ``ascii``), at most ``height`` rows of ``width`` cells."""
    xs = _x_positions(result)
    losses = [point.test_loss for point in result.points]
    finite = [y for y in losses if math.isfinite(y)]
    top = max(finite + [result.start_test_loss]) if finite else 1.0
    plt = plotext()
    figure = plt.figure
    figure.clear()
    figure.theme("colorless" if ascii else "simple")
    figure.plot_size(width, height)
    line = [(x, y) for x, y in zip(xs, losses) if math.isfinite(y)]
    if line:
        pixel = None if ascii else plt.pixel(foreground=244)
        figure.draw(figure.signal([p[0] for p in line], [p[1] for p in line],
                                  marker=plt.marker("braille" if not ascii else ".", pixel=pixel)).lines())
    for region, (symbol, colour) in REGION_STYLE.items():
        points = [(x, y) for x, y, p in zip(xs, losses, result.points) if p.region == region and math.isfinite(y)]
        if points:
            pixel = None if ascii else plt.pixel(foreground=colour)
            signal = figure.signal([p[0] for p in points], [p[1] for p in points], marker=plt.marker(symbol, pixel=pixel))
            figure.draw(signal)
    diverged = [x for x, p in zip(xs, result.points) if p.diverged == result.snapshot.repeats]
    if diverged:
        pixel = None if ascii else plt.pixel(foreground=160)
        figure.draw(figure.signal(diverged, [top] * len(diverged), marker=plt.marker(DIVERGED_MARKER, pixel=pixel)))
    low, high = min(xs), max(xs)
    pad = (high - low) * 0.04 or 1.0
    figure.ruler(0).lim(low - pad, high + pad)
    figure.ruler(1).lim(0.0, top * 1.05 if top > 0 else 1.0)
    figure.ruler(0).ticks(*_ticks(result, xs, width))
    ys = np.linspace(0.0, top, 4).tolist()
    figure.ruler(1).ticks(ys, [f"{y:.2f}" for y in ys])
    axis = "learning rate (log axis)" if result.setting == "learning_rate" else result.setting.replace("_", " ")
    figure.label(f"{axis}; final test loss after {result.epochs} epochs")
    text = figure.build().string(colorless=ascii).rstrip("\n")
    return plt.uncolorize(text).translate(_BOX_TO_ASCII) if ascii else text


def legend(result: SweepResult) -> str:
    """The markers of the regions present (and of diverged runs), for the line under the chart."""
    present = [region for region in REGION_STYLE if any(p.region == region for p in result.points)]
    keys = [f"{REGION_STYLE[region][0]} {region}" for region in present]
    if any(p.diverged == result.snapshot.repeats for p in result.points):
        keys.append(f"{DIVERGED_MARKER} diverged (drawn at the top)")
    return "   ".join(keys)
