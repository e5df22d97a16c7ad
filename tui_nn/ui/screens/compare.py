"""CompareScreen: variants of one setup (or repeats over initial weights) training side by side.

It runs an ``Experiment`` on its own worker thread through a ``TrainingLoop`` (the same pacing and
commands as the main run: play, step, reset, restart), so play, pause, step and reset act on all
variants at once. Each variant has a small boundary, a line in the shared loss chart in its own
colour, and a row of numbers; with repeats the table shows each variant's spread. Closing it
stops the thread and hands the last snapshot to the app for the run log.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui_nn.core.experiment import Experiment
from tui_nn.core.variants import ExperimentSnapshot, spreads
from tui_nn.core.settings import SETTING
from tui_nn.draw.palettes import Palette
from tui_nn.draw.run_table import aligned, loss_text, spread_lines
from tui_nn.ui.training_commands import Play, Reset, Restart, Step, Stop
from tui_nn.ui.training_loop import TrainingLoop
from tui_nn.ui.widgets.comparison_chart import ComparisonChart
from tui_nn.ui.widgets.variant_tiles import VariantTiles, variant_colour, variant_key

TALL_CHART, SHORT_CHART, SHORT_BELOW = 12, 6, 34
"""Chart rows at 34 terminal rows and more, and below (two more there for at most 4 variants)."""


def title(snapshot: ExperimentSnapshot) -> str:
    """What is compared, in a few words."""
    if snapshot.setting is None:
        return f"Repeats: this setup from {snapshot.repeats} initial weights"
    row = SETTING[snapshot.setting]
    words = (row.label or row.field.replace("_", " ")).lower()
    repeats = f", {snapshot.repeats} initial weights each" if snapshot.repeats > 1 else ""
    return f"Compare {words}: {', '.join(snapshot.values)}{repeats}"


def status_line(snapshot: ExperimentSnapshot, playing: bool) -> str:
    runs, stacks = len(snapshot.rows), snapshot.stacks
    state = "playing" if playing else ("done" if not snapshot.running else "paused")
    stop = "" if not snapshot.stop.active else f" · {snapshot.stop.describe()}"
    return f"epoch {snapshot.epoch} · {state} · {runs} runs in {stacks} stack{'s' if stacks > 1 else ''}{stop}"


def table_lines(snapshot: ExperimentSnapshot, ascii: bool) -> Text:
    """One row per variant (its key coloured); with repeats, the spread over initial weights."""
    if snapshot.repeats > 1:
        lines = spread_lines(spreads(snapshot))
        table = lines[1].splitlines()
        text = Text(lines[0] + "\n  " + table[0], no_wrap=True)
        for i, line in enumerate(table[2:]):
            text.append("\n" + variant_key(i, ascii) + " ", style=None if ascii else variant_colour(i))
            text.append(line)
        for extra in lines[2:]:
            text.append("\n" + extra)
        return text
    cells = []
    for row in snapshot.rows:
        state = ("diverged at " + str(row.diverged_at)) if row.diverged_at is not None else (row.stopped or "")
        cells.append([row.label or "this setup", str(row.epoch), loss_text(row.train_loss), loss_text(row.test_loss),
                      f"{loss_text(row.best_test_loss)} @{row.best_epoch}", state])
    table = aligned(("variant", "epoch", "train", "test", "best test", ""), cells, 1).splitlines()
    text = Text("  " + table[0], no_wrap=True)  # no dashed rule: a row more for the tiles at 80x24
    for i, line in enumerate(table[2:]):
        text.append("\n" + variant_key(i, ascii) + " ", style=None if ascii else variant_colour(i))
        text.append(line)
    return text


class CompareScreen(Screen["ExperimentSnapshot | None"]):
    """The experiment's tiles, numbers and shared chart; the keys act on every variant.

    Args:
        experiment: The experiment, at epoch 0; its thread starts when the screen mounts.
        palette: Colours, or None for ASCII.
        pace: Epochs per second while playing (None: flat out).
        fps: Most frames per second.
    """

    DEFAULT_CSS = """
    CompareScreen { layout: vertical; }
    CompareScreen #cmp-title { height: 1; text-style: bold; }
    CompareScreen #cmp-status { height: 1; }
    CompareScreen #cmp-tiles { height: 1fr; }
    CompareScreen #cmp-table { height: auto; }
    CompareScreen #cmp-chart { height: 12; }
    """
    BINDINGS = [
        Binding("space", "play", "Play/pause", id="cmp.play"),
        Binding("s", "step", "Step", id="cmp.step"),
        Binding("r", "reset", "Reset", tooltip="new initial weights for every variant", id="cmp.reset"),
        Binding("R", "restart", "Restart", tooltip="every variant back to its initial weights", id="cmp.restart"),
        Binding("escape,q,v", "close", "Back", tooltip="back to the playground (the runs go to the run log)", id="cmp.close"),
    ]

    @dataclass
    class Ticked(Message):
        """The experiment's thread has a newer snapshot."""

        snapshot: ExperimentSnapshot
        playing: bool

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, CompareScreen.Ticked)

    @dataclass
    class Reported(Message):
        text: str
        failed: bool

    tiles = getters.query_one(VariantTiles)
    chart = getters.query_one(ComparisonChart)
    status = getters.query_one("#cmp-status", Static)
    table = getters.query_one("#cmp-table", Static)

    def __init__(self, experiment: Experiment, palette: Palette | None, pace: float | None = 60, fps: float = 10) -> None:
        super().__init__()
        self.palette = palette
        self.snapshot = experiment.snapshot()
        self.playing = False
        self.loop = TrainingLoop(experiment, self._publish, self._report, pace, fps, log_runs=False)  # type: ignore[arg-type]

    def compose(self) -> ComposeResult:
        yield Static(title(self.snapshot), id="cmp-title", markup=False)
        yield Static(status_line(self.snapshot, False), id="cmp-status", markup=False)
        yield VariantTiles(self.palette, id="cmp-tiles")
        yield Static(id="cmp-table", markup=False)
        yield ComparisonChart(ascii=self.palette is None, id="cmp-chart")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._train()
        self._show(self.snapshot)

    def on_resize(self) -> None:
        few = len(self.snapshot.values) <= 4
        self.chart.styles.height = TALL_CHART if self.app.size.height >= SHORT_BELOW else SHORT_CHART + 2 * few

    @work(thread=True, exclusive=True, group="experiment")
    def _train(self) -> None:
        worker = get_current_worker()
        self.loop.run(lambda: worker.is_cancelled)

    def _publish(self, snapshot: ExperimentSnapshot, playing: bool) -> None:  # type: ignore[override]
        self.post_message(CompareScreen.Ticked(snapshot, playing))

    def _report(self, text: str, failed: bool) -> None:
        self.post_message(CompareScreen.Reported(text, failed))

    @on(Ticked)
    def _ticked(self, message: Ticked) -> None:
        self.snapshot, self.playing = message.snapshot, message.playing
        self._show(message.snapshot)

    @on(Reported)
    def _reported(self, message: Reported) -> None:
        self.status.update(message.text)

    def _show(self, snapshot: ExperimentSnapshot) -> None:
        self.status.update(status_line(snapshot, self.playing))
        self.tiles.show(snapshot)
        self.table.update(table_lines(snapshot, self.palette is None))
        self.chart.show(snapshot)

    def action_play(self) -> None:
        self.loop.send(Play())

    def action_step(self) -> None:
        self.loop.send(Step())

    def action_reset(self) -> None:
        self.loop.send(Reset())

    def action_restart(self) -> None:
        self.loop.send(Restart())

    def action_close(self) -> None:
        self.loop.send(Stop())
        self.dismiss(self.snapshot)
