"""LossChart: legend and axes, NaN tolerance, ASCII mode, small sizes, skipping and throttling."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from textual.app import App, ComposeResult

from helpers import drawn, wait_until
from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer
from tui_nn.ui.widgets import loss_chart
from tui_nn.ui.widgets.loss_chart import LossChart, chart_text

SIZE = (60, 16)


class ChartApp(App[None]):
    def __init__(self, ascii: bool = False) -> None:
        super().__init__()
        self.ascii = ascii

    def compose(self) -> ComposeResult:
        yield LossChart(self.ascii, id="loss")


def history(epochs: int = 30):
    trainer = Trainer(Config(seed="0.59704"))
    trainer.step(epochs)
    return trainer.snapshot().history


async def test_chart_shows_legend_and_axes():
    app = ChartApp()
    async with app.run_test(size=SIZE) as pilot:
        chart = app.query_one(LossChart)
        chart.show(history())
        await pilot.pause()
        text = "\n".join(drawn(chart))
        assert "train" in text and "test" in text
        assert "epoch" in text and "┤" in text and "30" in text


async def test_nan_history_does_not_raise():
    epochs, train, test = history()
    train, test = train.copy(), test.copy()
    train[10:], test[12:] = np.nan, np.inf
    app = ChartApp()
    async with app.run_test(size=SIZE) as pilot:
        chart = app.query_one(LossChart)
        chart.show((epochs, train, test))
        await pilot.pause()
        text = "\n".join(drawn(chart))
        assert "NaN" in text and "┤" in text


async def test_all_nan_history_says_so():
    epochs, train, _ = history()
    app = ChartApp()
    async with app.run_test(size=SIZE) as pilot:
        chart = app.query_one(LossChart)
        chart.show((epochs, train * np.nan, train * np.nan))
        await pilot.pause()
        assert any("no finite loss" in line for line in drawn(chart))


async def test_ascii_chart_is_plain_ascii():
    app = ChartApp(ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        chart = app.query_one(LossChart)
        chart.show(history())
        await pilot.pause()
        text = "\n".join(drawn(chart))
        assert text.isascii() and "train" in text and "+" in text
        colours = {s.style.color for y in range(SIZE[1]) for s in chart.render_line(y) if s.style}
        assert len(colours) == 1  # the widget's own text colour only


async def test_tiny_size_shows_a_summary_instead():
    app = ChartApp()
    async with app.run_test(size=(19, 4)) as pilot:
        chart = app.query_one(LossChart)
        chart.show(history())
        await pilot.pause()
        text = [line.strip() for line in drawn(chart) if line.strip()]
        assert len(text) == 1 and text[0].startswith("train") and "┤" not in text[0]


def test_chart_fits_the_size_it_is_given():
    for width, height in [(20, 5), (33, 9), (60, 16), (120, 30)]:
        rows = chart_text(history(), width, height).plain.split("\n")
        assert len(rows) <= height and max(len(row) for row in rows) <= width


async def test_unchanged_history_is_not_redrawn(monkeypatch):
    app = ChartApp()
    async with app.run_test(size=SIZE) as pilot:
        chart = app.query_one(LossChart)
        chart.show(history())
        await pilot.pause()
        calls: list[object] = []
        monkeypatch.setattr(chart, "refresh", lambda *a, **k: calls.append(a))
        chart.show(history())
        assert calls == []


async def test_second_history_within_the_interval_waits_for_the_timer(monkeypatch):
    monkeypatch.setattr(loss_chart, "MIN_INTERVAL", 3600.0)
    app = ChartApp()
    async with app.run_test(size=SIZE) as pilot:
        chart = app.query_one(LossChart)
        chart.show(history(5))
        await pilot.pause()
        before = drawn(chart)
        chart.show(history(30))
        assert drawn(chart) == before


def test_legend_shows_the_current_losses_when_they_differ_from_the_last_recorded():
    text = chart_text(history(), 60, 16, latest=(0.123, 0.456)).plain.split("\n")[0]
    assert "train 0.123" in text and "test 0.456" in text


async def test_new_current_losses_with_the_same_history_redraw_the_legend():
    app = ChartApp()
    async with app.run_test(size=SIZE) as pilot:
        chart = app.query_one(LossChart)
        chart.show(history(), (0.5, 0.5))
        chart.show(history(), (0.123, 0.456))
        await wait_until(pilot, lambda: "train 0.123" in drawn(chart)[0])


def test_a_fresh_run_has_no_curve_yet_and_says_when_it_starts():
    rows = chart_text(history(0), 60, 16).plain.split("\n")
    assert rows[0].startswith("loss") and rows[1] == loss_chart.NO_CURVE_YET
    assert "┤" in chart_text(history(1), 60, 16).plain  # two losses: a curve


def test_the_app_starts_without_importing_plotext():
    """plotext's import is a fifth of the time to the first frame; the charts import it when they first draw."""
    code = "import sys, tui_nn.ui.app, tui_nn.cli.main; print('plotext' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
