"""Experiment: variants of one run's setup, each repeated from N initial weights, trained side by side.

A variant changes one setting (any row of the settings table that applies live or rebuilds the
network, so the data stay the same); a repeat starts from the weights the Playground's Reset
would draw next. Rows that share their shape, activation, batch size and every other setting
except the learning rate and the regularization train as one ``StackedRunner``; the others each
get their own stack. Each row follows the Playground's semantics exactly, so a row equals a
``Trainer`` of its settings reset that many times (tests check it to 1e-12). No drawing.
"""

from __future__ import annotations

import copy
import math
from typing import Any, Sequence

import numpy as np

from tui_nn.core.config import Config
from tui_nn.core.network import Array, Network
from tui_nn.core.playground_rng import PlaygroundRandom
from tui_nn.core.settings import SETTING
from tui_nn.core.stacks import STACKABLE, Stack, TrainerStack, stackable
from tui_nn.core.stopping import StopRule
from tui_nn.core.variants import ExperimentSnapshot, RowResult, RunStart, comparable_settings, show_value

MAX_ROWS = 64
"""Most rows (variants x repeats) one experiment trains."""


class Experiment:
    """Variants x repeats of one run's start, trained stacked where the shapes allow.

    It offers what the app's training loop asks of a Trainer (``step``, ``reset``, ``restart``,
    ``snapshot``, ``epoch`` and ``diverged``, here: no row is left to train).

    Args:
        start: The run to vary (``RunStart.of(trainer)``): its settings, data and weights.
        setting: The Config field to vary; None repeats the start's settings only.
        values: That field's values, one variant each (ignored when ``setting`` is None).
        repeats: Initial weights per variant: the run's own, then those of the next Resets.
        stop: When a row stops by itself.
        history_limit: Loss points kept per row (evenly thinned beyond).

    Raises:
        ValueError: No variants, too many rows, or a setting that would change the data.
        SettingError: A value is not allowed for the setting.
    """

    def __init__(self, start: RunStart, setting: str | None = None, values: Sequence[Any] = (), repeats: int = 1,
                 stop: StopRule = StopRule(), history_limit: int = 2000) -> None:
        if setting is not None and SETTING[setting] not in comparable_settings():
            raise ValueError(f"{setting} changes the data, so its variants could not share it")
        values = list(values) if setting is not None else [None]
        if not values or repeats < 1:
            raise ValueError("an experiment needs at least one variant and one repeat")
        if len(values) * repeats > MAX_ROWS:
            raise ValueError(f"{len(values)} variants x {repeats} repeats is more than {MAX_ROWS} runs")
        self.start, self.setting, self.repeats, self.stop = start, setting, repeats, stop
        self.history_limit = history_limit
        row = SETTING[setting] if setting else None
        self.variants = [start.config if row is None else start.config.replace(**{setting: row.kind.check(setting, v)})
                         for v in values]
        self.labels = tuple("" if row is None else show_value(row, getattr(c, setting)) for c in self.variants)
        self.configs = [config for config in self.variants for _ in range(repeats)]
        self._rng = copy.deepcopy(start.rng)
        self._draws: dict[tuple, list[Array]] = {}
        self._build(self._initial_params(first=True))

    # Initial weights.

    def _initial_params(self, first: bool) -> list[Array]:
        """Per row: the next ``repeats`` initial weights of each network shape, from copies of the stream."""
        shapes = {self._shape(c) for c in self.configs}
        if first:
            self._streams: dict[tuple, PlaygroundRandom] = {}
        self._draws = {shape: self._draw(shape, self.repeats, base=first) for shape in shapes}
        return [self._draws[self._shape(c)][i % self.repeats] for i, c in enumerate(self.configs)]

    @staticmethod
    def _shape(config: Config) -> tuple:
        return config.layer_sizes, config.init_zero

    def _draw(self, shape: tuple, count: int, base: bool) -> list[Array]:
        """``count`` initial weights as the start, then Reset after Reset, would draw them."""
        rng = self._streams.setdefault(shape, copy.deepcopy(self.start.rng))
        sizes, zero = shape
        draws = [Network.playground_initial(sizes, "linear", "linear", rng.random, zero).params for _ in range(count)]
        if base and shape == self._shape(self.start.config) and draws[0].shape == self.start.params.shape:
            draws[0] = self.start.params.copy()  # the run's own start (it may come from a model file)
        return draws

    def _build(self, params: list[Array]) -> None:
        """Stacks of rows that can train together, all at epoch 0."""
        self._initial = [p.copy() for p in params]
        groups: dict[Config, list[int]] = {}
        for i, config in enumerate(self.configs):
            key = config.replace(**{name: getattr(Config(), name) for name in STACKABLE})
            groups.setdefault(key, []).append(i)
        self._stacks: list[Stack | TrainerStack] = []
        for rows in groups.values():
            configs = [self.configs[i] for i in rows]
            output = configs[0].head.activation
            if not stackable(configs[0]):
                self._stacks.append(TrainerStack(rows, configs, [params[i] for i in rows]))
                continue
            nets = [Network(c.layer_sizes, c.activation, output, params[i]) for i, c in zip(rows, configs)]
            self._stacks.append(Stack(rows, configs, nets, self.start.data))
        n = len(self.configs)
        self.epoch = 0
        self._row_epoch = np.zeros(n, dtype=np.int64)
        self._frozen: set[int] = set()
        self._active = np.ones(n, dtype=bool)
        self.diverged_at: list[int | None] = [None] * n
        self.stopped: list[str | None] = [None] * n
        self._history: list[tuple[int, Array, Array]] = []
        self._stride = 1
        self._train = np.zeros(n)
        self._test = np.zeros(n)
        self._best = np.full(n, math.inf)
        self._best_epoch = np.zeros(n, dtype=np.int64)
        self._measure()
        self.start_test_loss = float(self._test[0])

    # Training.

    @property
    def diverged(self) -> bool:
        """True once no row is left to train (each diverged or met the stop rule)."""
        return len(self._frozen) == len(self.configs)

    @property
    def test_loss(self) -> float:
        """The lowest test loss of any row now (for a stop rule on the whole experiment)."""
        return float(np.nanmin(self._test)) if np.isfinite(self._test).any() else math.nan

    def step(self, epochs: int = 1) -> None:
        """Train every row that has not stopped ``epochs`` epochs (all stacks, one epoch at a time)."""
        for _ in range(epochs):
            if self.diverged:
                return
            for stack in self._stacks:
                stack.run_epoch()
            self.epoch += 1
            self._measure()

    def _where(self, row: int) -> tuple[Stack | TrainerStack, int]:
        for stack in self._stacks:
            if row in stack.rows:
                return stack, stack.rows.index(row)
        raise IndexError(row)

    def _measure(self) -> None:
        active = self._active
        for stack in self._stacks:
            train, test = stack.measure()
            rows = stack.index
            keep = active[rows]
            self._train[rows[keep]], self._test[rows[keep]] = train[keep], test[keep]
        self._row_epoch[active] = self.epoch
        better = active & (self._test < self._best)
        self._best[better], self._best_epoch[better] = self._test[better], self.epoch
        self._record()
        ending = ~(np.isfinite(self._train) & np.isfinite(self._test))
        if self.stop.below is not None:
            ending |= self._test < self.stop.below
        if self.stop.epochs is not None and self.epoch >= self.stop.epochs:
            ending[:] = True
        for i in np.flatnonzero(active & ending):
            self._freeze(int(i))

    def _freeze(self, i: int) -> None:
        """Stop row ``i`` here: it diverged or met the stop rule; its weights stay as they are."""
        if math.isfinite(self._train[i]) and math.isfinite(self._test[i]):
            self.stopped[i] = self.stop.reason(self.epoch, float(self._test[i]))
        else:
            self.diverged_at[i] = self.epoch
        stack, k = self._where(i)
        stack.freeze(k)
        self._frozen.add(i)
        self._active[i] = False

    def _record(self) -> None:
        """Losses of every row at this epoch, thinned as ``LossHistory`` thins one run's."""
        if self.epoch % self._stride:
            return
        self._history.append((self.epoch, self._train.copy(), self._test.copy()))
        if len(self._history) > self.history_limit:
            self._stride *= 2
            self._history = [point for point in self._history if point[0] % self._stride == 0]

    def reset(self) -> None:
        """The Playground's Reset for every row: the next initial weights from the stream, epoch 0."""
        self._build(self._initial_params(first=False))

    def restart(self) -> None:
        """Every row back to its initial weights, epoch 0."""
        self._build([p.copy() for p in self._initial])

    def snapshot(self) -> ExperimentSnapshot:
        """An immutable copy of every row now."""
        epochs = np.array([point[0] for point in self._history], dtype=np.float64)
        n = len(self.configs)
        train = np.array([point[1] for point in self._history]).reshape(-1, n)  # (points, rows)
        test = np.array([point[2] for point in self._history]).reshape(-1, n)
        rows = []
        accuracy = {i: a for stack in self._stacks for i, a in zip(stack.rows, stack.accuracies())}
        for i, config in enumerate(self.configs):
            stack, k = self._where(i)
            keep = epochs <= self._row_epoch[i]
            history = (epochs[keep], train[keep, i], test[keep, i])
            rows.append(RowResult(
                self.labels[i // self.repeats], i % self.repeats, config, int(self._row_epoch[i]),
                float(self._train[i]), float(self._test[i]), accuracy[i],
                self.diverged_at[i], self.stopped[i], float(self._best[i]), int(self._best_epoch[i]),
                history, stack.network(k), len(stack.rows) if isinstance(stack, Stack) else 1))
        return ExperimentSnapshot(self.setting, self.labels, self.repeats, tuple(rows), self.start.data, self.epoch,
                                  self.start_test_loss, self.stack_count, self.stop)

    @property
    def stack_count(self) -> int:
        """Separate computations: a stack counts once, a row on its own Trainer once each."""
        return sum(1 if isinstance(stack, Stack) else len(stack.rows) for stack in self._stacks)
