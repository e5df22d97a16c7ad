"""Variants of a run: which settings may vary, their values, where a run began, and what a row shows.

The plain records an experiment reads and writes (``RunStart``, ``RowResult``,
``ExperimentSnapshot``, ``Spread``) and the rules for choosing what to compare. No training here:
``tui_nn.core.experiment`` trains, ``tui_nn.core.stacks`` holds the rows being trained.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from tui_nn.core.config import Config
from tui_nn.core.datasets import DataSplit
from tui_nn.core.network import Array, Network
from tui_nn.core.playground_rng import PlaygroundRandom
from tui_nn.core.setting_kinds import Flag
from tui_nn.core.settings import SETTINGS, Effect, Setting
from tui_nn.core.stopping import StopRule


def comparable_settings() -> tuple[Setting, ...]:
    """The settings a comparison may vary: those with an option that apply live or rebuild the network.

    Settings that draw new data (dataset, noise, split, seed) are left out: variants share the data.
    """
    return tuple(row for row in SETTINGS if row.option and row.effect in (Effect.LIVE, Effect.REBUILD))


def comparable(name: str) -> Setting:
    """The comparable setting called ``name`` (field, option without dashes, or panel label).

    Raises:
        ValueError: No comparable setting has that name; the message lists them.
    """
    key = name.strip().lower().removeprefix("--").replace("-", "_")
    for row in comparable_settings():
        names = {row.field, row.option.removeprefix("--").replace("-", "_"), (row.label or "").lower().replace(" ", "_")}
        if key in names:
            return row
    listed = ", ".join(row.option.removeprefix("--") for row in comparable_settings())
    raise ValueError(f"{name!r} cannot be compared; choose one of {listed}")


_FLAG_WORDS = {"on": True, "true": True, "yes": True, "1": True, "off": False, "false": False, "no": False, "0": False}


def parse_values(row: Setting, texts: Sequence[str]) -> list[Any]:
    """Values of ``row`` from text, as its option reads them (a flag from on/off). Raises: SettingError."""
    if isinstance(row.kind, Flag):
        return [row.kind.check(row.field, _FLAG_WORDS.get(text.strip().lower(), text)) for text in texts]
    return [row.kind.check(row.field, row.kind.parse(row.field, text)) for text in texts]


def show_value(row: Setting, value: Any) -> str:
    """A value as the app and the reports label a variant (``0.03``, ``ReLU``, ``4,2``)."""
    text = row.kind.show(value)
    return text if text else "none"


@dataclass(frozen=True)
class RunStart:
    """Where a run began: its settings, data, initial weights, and the stream before they were drawn."""

    config: Config
    data: DataSplit
    params: Array
    rng: PlaygroundRandom

    @classmethod
    def of(cls, trainer: Any) -> RunStart:
        """The start of a ``Trainer``'s current run (see ``Trainer.restart``)."""
        config = trainer.config.replace(seed=trainer.start_seed)
        return cls(config, trainer.start_data, trainer.start_params.copy(), copy.deepcopy(trainer.start_rng))


@dataclass(frozen=True, eq=False)
class RowResult:
    """One row of an experiment at one moment: a variant's settings from one initial draw."""

    label: str
    """The varied setting's value as shown (``0.03``); empty when nothing varies."""
    repeat: int
    """Which initial weights, 0 for the run's own, 1.. for the next Resets."""
    config: Config
    epoch: int
    train_loss: float
    test_loss: float
    test_accuracy: float | None
    diverged_at: int | None
    stopped: str | None
    """Why the row stopped before the others (a stop rule); None while it trains."""
    best_test_loss: float
    best_epoch: int
    history: tuple[Array, Array, Array]
    network: Network
    stacked: int
    """How many rows trained in this row's stack (1: on its own)."""


@dataclass(frozen=True, eq=False)
class ExperimentSnapshot:
    """Everything a front end shows of an experiment, copied."""

    setting: str | None
    """The varied Config field; None for repeats of one setup."""
    values: tuple[str, ...]
    repeats: int
    rows: tuple[RowResult, ...]
    data: DataSplit
    epoch: int
    start_test_loss: float
    """Test loss before training of the first row (the same initial weights' loss)."""
    stacks: int
    """Stacks trained (fewer than rows when stacking applies)."""
    stop: StopRule

    @property
    def running(self) -> bool:
        return any(row.diverged_at is None and row.stopped is None for row in self.rows)


@dataclass(frozen=True)
class Spread:
    """Test losses of one variant over its repeats."""

    label: str
    runs: int
    mean: float
    low: float
    high: float
    diverged: int
    """Repeats that diverged (left out of mean, min and max)."""
    losses: tuple[float, ...] = field(default=())


def spreads(snapshot: ExperimentSnapshot) -> list[Spread]:
    """Mean, min and max of the final test loss per variant, over its repeats."""
    out = []
    for v, label in enumerate(snapshot.values):
        rows = snapshot.rows[v * snapshot.repeats:(v + 1) * snapshot.repeats]
        losses = [row.test_loss for row in rows if row.diverged_at is None]
        finite = losses or [math.nan]
        out.append(Spread(label, len(rows), float(np.mean(finite)), min(finite), max(finite),
                          len(rows) - len(losses), tuple(losses)))
    return out
