"""Stacked experiments against one run and against the same variants trained one by one.

Each row times epochs of an ``Experiment`` (every variant trains one epoch per unit) beside one
``Trainer`` of the base setup and beside the same variants as separate Trainers, taking turns
in one run. DESIGN.md's budgets: 8 variants of the default network cost at most 3x one run, and a
sweep of the Playground's 11 learning rates at most 5x one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from tui_nn.bench.measure import Result, at_least, interleaved, median, per_call_ms, rate
from tui_nn.bench.trainer import CASES
from tui_nn.core.config import Config
from tui_nn.core.experiment import Experiment
from tui_nn.core.variants import RunStart
from tui_nn.core.settings import LEARNING_RATES
from tui_nn.core.trainer import Trainer

ONE = "1 trainer"
SEPARATE = "separate"
REFERENCES = (ONE, SEPARATE)
"""The two references of this group's table: one run, and K runs one after another."""


@dataclass(frozen=True)
class StackCase:
    key: str
    name: str
    config: Config
    setting: str | None
    values: tuple[Any, ...]
    repeats: int = 1
    most_cost: float | None = None
    """The budget: at most this many times one run's time per epoch."""


_A, _B = CASES[0].config, CASES[1].config
STACK_CASES = (
    StackCase("stacked.A8", "8 learning rates of A, one stack", _A, "learning_rate", LEARNING_RATES[3:], most_cost=3.0),
    StackCase("stacked.A11", "sweep: A at the 11 Playground rates", _A, "learning_rate", LEARNING_RATES, most_cost=5.0),
    StackCase("stacked.A8r", "A, 8 repeats (initial weights)", _A, None, (), repeats=8),
    StackCase("stacked.B8", "8 learning rates of B, one stack", _B, "learning_rate", LEARNING_RATES[3:]),
    StackCase("stacked.A4act", "A, 4 activations (4 stacks of 1)", _A, "activation", ("relu", "tanh", "sigmoid", "linear")),
)


def _separate(case: StackCase) -> Callable[[int], None]:
    """The same variants as separate Trainers: one unit is one epoch of each."""
    configs = [case.config] * case.repeats if case.setting is None else [
        case.config.replace(**{case.setting: value}) for value in case.values]
    trainers = [Trainer(config) for config in configs]

    def step(epochs: int) -> None:
        for trainer in trainers:
            for _ in range(epochs):
                trainer.step()
                if trainer.diverged:  # keep timing a live run, as the stacked one keeps computing
                    trainer.restart()

    return step


def run_case(case: StackCase, seconds: float, repeats: int) -> Result:
    """Epochs per second (all variants one epoch each) of the stack, one run, and separate runs."""
    experiment = Experiment(RunStart.of(Trainer(case.config)), case.setting, case.values, case.repeats)
    one = Trainer(case.config)
    contenders = {
        "ours": lambda: rate(lambda n: _step(experiment, n), seconds),
        ONE: lambda: rate(one.step, seconds),
        SEPARATE: (lambda step: lambda: rate(step, seconds))(_separate(case)),
    }
    samples = interleaved(contenders, repeats)
    refs = {ONE: median(samples[ONE]), SEPARATE: median(samples[SEPARATE])}
    rows = len(experiment.configs)
    stacks = experiment.stack_count
    name = f"{case.name} ({rows} runs, {stacks} stack{'s' if stacks > 1 else ''})"
    result = Result("stacked", case.key, name, "epochs/s", median(samples["ours"]), refs, samples=samples)
    if case.most_cost is not None:
        result.checks = [at_least(result.ratios[ONE], 1 / case.most_cost, f"<= {case.most_cost:g}x one run")]
    return result


def _step(experiment: Experiment, epochs: int) -> None:
    experiment.step(epochs)
    if experiment.diverged:
        experiment.restart()


def tiles_frame(seconds: float, repeats: int) -> Result:
    """The compare view's per-frame work at 120x40: 8 variants' tiles (grids, half-block rows, Strips)."""
    from tui_nn.draw.palettes import PALETTES
    from tui_nn.ui.strips import StyleCache
    from tui_nn.ui.widgets.variant_tiles import tile_grid, tile_plot
    from tui_nn.core.plane import PlaneGrid

    experiment = Experiment(RunStart.of(Trainer(_A)), "learning_rate", LEARNING_RATES[3:])
    experiment.step(10)
    snapshot = experiment.snapshot()
    _, shown, rows = tile_grid(8, 120, TILES_ROWS_120x40)
    grid, palette, styles = PlaneGrid(_A.features, 2 * rows, 2 * rows), PALETTES["256"], StyleCache()

    def frame() -> None:
        for row in snapshot.rows[:shown]:
            [styles.strip(line) for line in tile_plot(row, snapshot.data, grid, palette)]

    samples = interleaved({"ours": lambda: per_call_ms(frame, seconds)}, repeats)
    return Result("stacked", "stacked.tiles", f"compare view frame: {shown} tiles of {2 * rows}x{2 * rows} px, 120x40",
                  "ms", median(samples["ours"]), samples=samples)


TILES_ROWS_120x40 = 16
"""Rows the tiles get at 120x40 with 8 variants (40 less the title, status, table, chart and footer)."""


def run(seconds: float, repeats: int) -> list[Result]:
    """Every case of the group, then the compare view's frame."""
    return [run_case(case, seconds, repeats) for case in STACK_CASES] + [tiles_frame(seconds, repeats)]
