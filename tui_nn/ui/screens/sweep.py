"""SweepScreen: the final test loss at every learning rate (or batch size), on a log axis, with regions.

A thread trains the sweep's ``Experiment`` in chunks of epochs and reports progress; the result
is a plotext chart, the regions too small, good and too large with the rule that decides them,
and one row per value. ``t`` switches between the learning-rate and the batch-size sweep and
``e`` changes the epochs; closing it hands the result to the app for the run log.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui_nn.core.variants import RunStart
from tui_nn.core.sweep import REGION_RULE, SWEEPS, SweepResult, region_spans, sweep_experiment, sweep_result
from tui_nn.draw.run_table import aligned, loss_text
from tui_nn.ui.sweep_plot import legend, sweep_chart

EPOCH_CHOICES = (50, 100, 200, 500, 1000)
DEFAULT_EPOCHS = 200
DETAILS_TALL, DETAILS_SHORT, SHORT_BELOW = 12, 5, 34
"""Rows under the chart (regions, legend, table, rule; it scrolls) at 34 terminal rows and more, and below."""
CHUNK = 10
"""Epochs between progress reports (and checks for cancellation)."""


def region_summary(result: SweepResult) -> str:
    """``too small 0.00001..0.003 · good 0.01..1 · too large 3..10``."""
    return " · ".join(f"{name} {first}" + (f"..{last}" if last != first else "") for name, first, last in region_spans(result))


def points_table(result: SweepResult) -> str:
    rows = [[p.label, loss_text(p.test_loss), str(result.snapshot.rows[i * result.snapshot.repeats].best_epoch),
             "diverged" if p.diverged else "", p.region] for i, p in enumerate(result.points)]
    name = "learning rate" if result.setting == "learning_rate" else "batch size"
    return aligned((name, "final test", "best @epoch", "", "region"), rows, 1)


class SweepScreen(Screen["SweepResult | None"]):
    """A sweep of the current setup; the chart fills the width, the regions and the table follow.

    Args:
        start: The run to sweep (its data and initial weights for every value).
        ascii: Draw without colour.
        setting: ``learning_rate`` or ``batch_size``.
        epochs: Epochs per value.
    """

    DEFAULT_CSS = """
    SweepScreen { layout: vertical; }
    SweepScreen #sweep-title { height: 1; text-style: bold; }
    SweepScreen #sweep-chart { height: 1fr; }
    SweepScreen #sweep-text { height: 12; scrollbar-size-vertical: 1; }
    """
    BINDINGS = [
        Binding("t", "switch", "LR/batch", tooltip="sweep the other setting (learning rate or batch size)", id="sweep.switch"),
        Binding("e", "epochs", "Epochs", tooltip="more epochs per value (50, 100, 200, 500, 1000)", id="sweep.epochs"),
        Binding("escape,q,w", "close", "Back", tooltip="back to the playground (the runs go to the run log)", id="sweep.close"),
    ]

    @dataclass
    class Progressed(Message):
        epoch: int
        total: int

    @dataclass
    class Finished(Message):
        result: SweepResult

    heading = getters.query_one("#sweep-title", Static)
    chart = getters.query_one("#sweep-chart", Static)
    details = getters.query_one("#sweep-details", Static)

    def __init__(self, start: RunStart, ascii: bool = False, setting: str = "learning_rate", epochs: int = DEFAULT_EPOCHS) -> None:
        super().__init__()
        self.start, self.ascii, self.setting, self.epochs = start, ascii, setting, epochs
        self.result: SweepResult | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="sweep-title", markup=False)
        yield Static("", id="sweep-chart", markup=False)
        with VerticalScroll(id="sweep-text"):
            yield Static("", id="sweep-details", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._run()

    def _run(self) -> None:
        self.result = None
        words = "learning rate" if self.setting == "learning_rate" else "batch size"
        values = SWEEPS[self.setting]
        self.heading.update(f"Sweep of the {words}: {len(values)} values x {self.epochs} epochs, same data and initial weights")
        self.chart.update("training...")
        self.details.update("")
        self._train(self.setting, self.epochs)

    @work(thread=True, exclusive=True, group="sweep")
    def _train(self, setting: str, epochs: int) -> None:
        worker = get_current_worker()
        experiment = sweep_experiment(self.start, setting, None, epochs)
        while experiment.epoch < epochs and not experiment.diverged:
            if worker.is_cancelled:
                return
            experiment.step(min(CHUNK, epochs - experiment.epoch))
            self.post_message(SweepScreen.Progressed(experiment.epoch, epochs))
        if not worker.is_cancelled:
            self.post_message(SweepScreen.Finished(sweep_result(experiment.snapshot())))

    @on(Progressed)
    def _progressed(self, message: Progressed) -> None:
        if self.result is None:
            self.chart.update(f"training... epoch {message.epoch} of {message.total}")

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        self.result = message.result
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        result = self.result
        if result is None:
            return
        width, rows = self.app.size
        details = DETAILS_TALL if rows >= SHORT_BELOW else DETAILS_SHORT
        height = max(rows - 2 - details, 5)  # the title and the footer take a row each
        self.query_one("#sweep-text").styles.height = details
        self.chart.styles.height = height
        if width >= 20:
            text = sweep_chart(result, width, height, self.ascii)
            self.chart.update(Text(text) if self.ascii else Text.from_ansi(text))
        lines = [f"regions: {region_summary(result)}", legend(result), "", points_table(result), "",
                 f"rule: {REGION_RULE}"]
        self.details.update(Text("\n".join(lines)))

    def action_switch(self) -> None:
        self.setting = "batch_size" if self.setting == "learning_rate" else "learning_rate"
        self._run()

    def action_epochs(self) -> None:
        later = [e for e in EPOCH_CHOICES if e > self.epochs]
        self.epochs = later[0] if later else EPOCH_CHOICES[0]
        self._run()

    def action_close(self) -> None:
        self.workers.cancel_group(self, "sweep")
        self.dismiss(self.result)



