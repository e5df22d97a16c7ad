"""ComparisonChart: every variant's test loss against epoch on one chart, each in its own colour.

Drawn with plotext (the figure is configured and built in one call) at most twice a second, like
``LossChart``; ASCII mode draws each variant with its number as marker. It never trains.
"""

from __future__ import annotations



from rich.text import Text
from textual.widget import Widget

from tui_nn.core.variants import ExperimentSnapshot
from tui_nn.ui.widgets.loss_chart import MIN_INTERVAL, _thinned, _x_ticks, _y_ticks
from tui_nn.ui.widgets.throttle import Throttle
from tui_nn.ui.widgets.variant_tiles import VARIANT_COLOURS
from tui_nn.ui.plotext_module import plotext

_BOX_TO_ASCII = str.maketrans("┌┐└┘├┤┬┴┼─│", "+++++++++-|")


def chart_text(snapshot: ExperimentSnapshot, width: int, height: int, ascii: bool = False) -> Text:
    """Test loss of every row (coloured by variant) as Rich text of at most ``height`` rows."""
    if width < 20 or height < 4:
        return Text("")
    series = []
    for i, row in enumerate(snapshot.rows):
        epochs, _, test = row.history
        xs, ys = _thinned(epochs, test, 2 * width)
        if xs:
            series.append((i // snapshot.repeats, xs, ys))
    title = Text("test loss of each variant (colours as in the tiles)" if not ascii else "test loss; marker = variant number",
                 no_wrap=True, overflow="crop")
    if not series:
        return Text.assemble(title, "\n(no finite loss yet)")
    plt = plotext()
    figure = plt.figure
    figure.clear()
    figure.theme("colorless" if ascii else "simple")
    figure.plot_size(width, height - 1)
    for variant, xs, ys in series:
        marker = plt.marker(str(variant + 1)) if ascii else plt.marker(
            "braille", pixel=plt.pixel(foreground=VARIANT_COLOURS[variant % len(VARIANT_COLOURS)]))
        figure.draw(figure.signal(xs, ys, marker=marker).lines())
    xs_all = [x for _, xs, _ in series for x in xs]
    ys_all = [y for _, _, ys in series for y in ys]
    x_lo, x_hi = min(xs_all), max(xs_all)
    x_hi = x_hi if x_hi > x_lo else x_lo + 1
    y_lo, y_hi = min(ys_all), max(ys_all)
    if not y_hi > y_lo:
        y_lo, y_hi = y_lo - 0.01, y_hi + 0.01
    figure.ruler(0).lim(x_lo, x_hi)
    figure.ruler(1).lim(y_lo, y_hi)
    figure.ruler(0).ticks(*_x_ticks(x_lo, x_hi, min(5, max(2, width // 12))))
    figure.ruler(1).ticks(*_y_ticks(y_lo, y_hi, min(4, max(2, (height - 3) // 2))))
    text = figure.build().string()
    plot = Text(plt.uncolorize(text).translate(_BOX_TO_ASCII)) if ascii else Text.from_ansi(text.rstrip("\n"))
    result = Text.assemble(title, "\n", plot, no_wrap=True)
    result.overflow = "crop"
    return result


class ComparisonChart(Widget):
    """The shared loss chart of a comparison; ``show`` redraws at most every ``MIN_INTERVAL`` seconds."""

    def __init__(self, ascii: bool = False, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ascii = ascii
        self._snapshot: ExperimentSnapshot | None = None
        self._throttle: Throttle[ExperimentSnapshot] = Throttle(self, lambda: MIN_INTERVAL, self._adopt)
        self._text = Text("")

    def show(self, snapshot: ExperimentSnapshot) -> None:
        self._throttle.offer(snapshot)

    def _adopt(self, snapshot: ExperimentSnapshot) -> None:
        self._snapshot = snapshot
        self._draw()

    def _draw(self) -> None:
        if self._snapshot is not None:
            self._text = chart_text(self._snapshot, self.size.width, self.size.height, self.ascii)
            self.refresh()

    def on_resize(self) -> None:
        self._draw()

    def render(self) -> Text:
        return self._text



