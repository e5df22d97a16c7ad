"""LossChart: train and test loss against epoch, drawn with plotext at most once a second.

It plots the history a snapshot carries and never trains. plotext 6 has one shared figure, so
`chart_text` configures and builds it in a single call on the UI thread and leaves nothing behind.
"""

from __future__ import annotations

import time

import numpy as np
from rich.text import Text
from textual import events
from textual.widget import Widget

from tui_nn.draw.boundary import Array
from tui_nn.draw.numbers import format_loss
from tui_nn.ui.widgets.throttle import Throttle
from tui_nn.ui.plotext_module import plotext

__all__ = ["MIN_INTERVAL", "MIN_SIZE", "NO_CURVE_YET", "History", "Latest", "LossChart", "chart_text"]

History = tuple[Array, Array, Array]
"""Recorded epochs, train losses and test losses, as in `Snapshot.history`."""

Latest = tuple[float, float]
"""The current train and test losses, as in `Snapshot.train_loss` and `Snapshot.test_loss`."""

MIN_INTERVAL = 1.0
"""Seconds between redraws: a plotext build costs 3 to 7 ms, and thirty of us share two cores."""

NO_CURVE_YET = "(the curve starts after the first epoch)"

MIN_SIZE = (20, 5)
"""Smallest width and height that still hold a chart; below it a one-line summary shows."""

_TRAIN_COLOUR = 244  # xterm grey nearest the Playground's #777
_MARKERS = {False: ("braille", "braille"), True: (".", "+")}  # (train, test)
_BOX_TO_ASCII = str.maketrans("┌┐└┘├┤┬┴┼─│", "+++++++++-|")


def _thinned(xs: Array, ys: Array, most: int) -> tuple[list[float], list[float]]:
    """The finite points of a series, thinned to at most `most` evenly spaced ones."""
    keep = np.isfinite(xs) & np.isfinite(ys)
    xs, ys = xs[keep], ys[keep]
    if xs.size > most:
        pick = np.unique(np.linspace(0, xs.size - 1, most).round().astype(np.intp))
        xs, ys = xs[pick], ys[pick]
    return xs.tolist(), ys.tolist()


def _limits(values: list[float]) -> tuple[float, float]:
    """The data range, widened a little when it is a single value."""
    lo, hi = min(values), max(values)
    if hi > lo:
        return lo, hi
    pad = max(abs(lo) * 0.05, 1e-3)
    return lo - pad, hi + pad


def _y_ticks(lo: float, hi: float, count: int) -> tuple[list[float], list[str]]:
    """Loss ticks labelled as the Playground prints losses, with more digits if they would repeat."""
    positions = np.linspace(lo, hi, count).tolist()
    labels = [format_loss(v) for v in positions]
    if len(set(labels)) < len(labels):
        labels = [f"{v:.4g}" for v in positions]
    return positions, labels


def _x_ticks(lo: float, hi: float, count: int) -> tuple[list[float], list[str]]:
    """Whole-epoch ticks between `lo` and `hi`."""
    positions = sorted({round(v) for v in np.linspace(lo, hi, count).tolist()})
    return [float(v) for v in positions], [str(v) for v in positions]


def _plot(history: History, width: int, height: int, ascii: bool, test_colour: int, from_zero: bool = False) -> str | None:
    """plotext's drawing of both series, or None when no value is finite."""
    epochs, train, test = history
    # Two points per cell: braille has two dot columns a cell, so more would only cost plotext time.
    series = [_thinned(epochs, ys, 2 * width) for ys in (train, test)]
    xs = [x for s in series for x in s[0]]
    if not xs:
        return None
    plt = plotext()
    figure = plt.figure
    figure.clear()
    figure.theme("colorless" if ascii else "simple")  # no canvas background: the app's shows through
    figure.plot_size(width, height)
    for (x, y), symbol, colour in zip(series, _MARKERS[ascii], (_TRAIN_COLOUR, test_colour)):
        if x:
            pixel = None if ascii else plt.pixel(foreground=colour)
            figure.draw(figure.signal(x, y, marker=plt.marker(symbol, pixel=pixel)).lines())
    x_lo, x_hi = min(xs), max(xs)
    x_hi = x_hi if x_hi > x_lo else x_lo + 1
    y_lo, y_hi = _limits([y for s in series for y in s[1]])
    if from_zero and y_lo > 0:
        y_lo = 0.0
    figure.ruler(0).lim(x_lo, x_hi)
    figure.ruler(1).lim(y_lo, y_hi)
    figure.ruler(0).ticks(*_x_ticks(x_lo, x_hi, min(5, max(2, width // 12))))
    figure.ruler(1).ticks(*_y_ticks(y_lo, y_hi, min(5, max(2, (height - 3) // 2))))
    if height >= 8:
        figure.label("epoch", axis=0)
    text = figure.build().string()
    return plt.uncolorize(text).translate(_BOX_TO_ASCII) if ascii else text


def _latest(history: History, latest: Latest | None) -> tuple[str, str]:
    """The current train and test losses (else the last recorded) as the Playground prints them."""
    if latest is not None:
        return format_loss(latest[0]), format_loss(latest[1])
    train, test = (format_loss(s[-1]) if s.size else "-" for s in history[1:])
    return train, test


def _legend(history: History, latest: Latest | None, width: int, ascii: bool, test_colour: int) -> Text:
    """`loss ── train 0.052  ── test 0.071`, shortened to fit `width`: colours and current values."""
    train, test = _latest(history, latest)
    keys = (".", "+") if ascii else ("──", "──")
    styles = (None, None) if ascii else (f"color({_TRAIN_COLOUR})", f"color({test_colour})")
    for prefix, values in (("loss  ", (train, test)), ("", (train, test)), ("", ("", ""))):
        parts = [prefix]
        for key, style, name, value in zip(keys, styles, ("train", "test"), values):
            parts += [(key, style), f" {name} {value}".rstrip() + "  "]
        legend = Text.assemble(*parts)
        legend.rstrip()
        if legend.cell_len <= width:
            break
    return legend


def chart_text(
    history: History, width: int, height: int, ascii: bool = False, dark: bool = True, latest: Latest | None = None,
    from_zero: bool = False,
) -> Text:
    """The whole chart as Rich text: a legend row, then the plot.

    Args:
        history: Epochs, train losses and test losses, each shape `(n,)`; NaN and infinite
            values are left out of the plot (a diverged run) but show in the legend.
        width: Cells across.
        height: Rows, the legend's included.
        ascii: No colours, ASCII markers and frame.
        dark: Draw the test series white (for a dark background) rather than black.
        latest: The current losses for the legend; they differ from the last recorded ones
            after a weight edit or new data, which add no point. None uses the last recorded.
        from_zero: Start the y-axis at 0 instead of the lowest loss.

    Returns:
        At most `height` lines of at most `width` cells: a one-line summary when the size is
        below `MIN_SIZE`, the legend and a note when no loss is finite.
    """
    test_colour = 15 if dark else 0
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        train, test = _latest(history, latest)
        return Text(f"train {train} test {test}"[: max(width, 0)], no_wrap=True)
    legend = _legend(history, latest, width, ascii, test_colour)
    if history[0].size < 2:  # one loss is no curve (and a fresh run's first frame need not wait for plotext)
        return Text.assemble(legend, f"\n{NO_CURVE_YET}", no_wrap=True)
    plot = _plot(history, width, height - 1, ascii, test_colour, from_zero)
    if plot is None:
        return Text.assemble(legend, "\n(no finite loss yet)", no_wrap=True)
    text = Text.assemble(legend, "\n", Text.from_ansi(plot.rstrip("\n")), no_wrap=True)
    text.overflow = "crop"
    return text


Drawn = tuple[History, Latest | None]
"""What the chart draws: the history and the current losses."""


def _same(a: Drawn | None, b: Drawn) -> bool:
    if a is None:
        return False
    (old, old_latest), (new, new_latest) = a, b
    if old_latest is None or new_latest is None:
        same_latest = old_latest is new_latest
    else:
        same_latest = np.array_equal(old_latest, new_latest, equal_nan=True)
    return same_latest and all(x.shape == y.shape and np.array_equal(x, y, equal_nan=True) for x, y in zip(old, new))


class LossChart(Widget):
    """The Playground's loss chart: train (grey) and test loss against epoch, y scaled to the data (or from 0).

    Args:
        ascii: Draw without colours, with ASCII markers and frame.
        name: The widget's name.
        id: The widget's id.
        classes: Space-separated CSS classes.
    """

    def __init__(
        self,
        ascii: bool = False,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.ascii = ascii
        self._drawn: Drawn | None = None
        self._throttle: Throttle[Drawn] = Throttle(self, lambda: MIN_INTERVAL, self._adopt)
        self._text = Text("no losses yet", no_wrap=True)
        self.from_zero = False
        """Whether the y-axis starts at 0 (key z) rather than at the lowest loss."""

    def set_from_zero(self, from_zero: bool) -> None:
        """Start the y-axis at 0 or at the lowest loss, redrawing at once."""
        if from_zero != self.from_zero:
            self.from_zero = from_zero
            self._draw()

    def show(self, history: History, latest: Latest | None = None) -> None:
        """Plot a loss history: now, or from a timer if the last redraw was under `MIN_INTERVAL` ago.

        Only the newest pending history is drawn; one equal to the last seen is ignored.

        Args:
            history: Epochs, train losses and test losses, as in `Snapshot.history`.
            latest: The current train and test losses for the legend (see `chart_text`).
        """
        drawn = (tuple(np.asarray(a, dtype=np.float64).reshape(-1) for a in history), latest)
        if _same(self._throttle.pending or self._drawn, drawn):
            return
        self._throttle.offer(drawn)

    def _adopt(self, drawn: Drawn) -> None:
        self._drawn = drawn
        self._draw()

    def _draw(self) -> None:
        if self._drawn is not None:
            width, height = self.size
            dark = self.app.current_theme.dark if self.is_attached else True
            history, latest = self._drawn
            self._text = chart_text(history, width, height, self.ascii, dark, latest, self.from_zero)
            self.refresh()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._draw, init=False)  # test ink: white on dark, black on light

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def render(self) -> Text:
        return self._text
