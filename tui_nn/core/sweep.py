"""Sweeps: the final test loss of one setup at each value of one setting, and the regions it falls into.

The lecture's learning-rate experiment as one measurement: each value trains the same data from
the same initial weights for the same number of epochs (an ``Experiment``, stacked where the
shapes allow), and the measured curve is cut into regions too small, good and too large by the
rule in ``regions``. No drawing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from tui_nn.core.experiment import Experiment
from tui_nn.core.variants import ExperimentSnapshot, RunStart, spreads
from tui_nn.core.settings import LEARNING_RATES, SETTING
from tui_nn.core.stopping import StopRule

SWEEPS: dict[str, tuple[Any, ...]] = {
    "learning_rate": LEARNING_RATES,
    "batch_size": tuple(SETTING["batch_size"].steps),  # type: ignore[arg-type]
}
"""The settings that can be swept, with their default values: the Playground's own lists."""

GOOD_SHARE = 0.2
"""A value is good when its final test loss has come within this share of the way from the best
value's loss back to the starting loss (0.2: at least 80% of the best improvement)."""

TOO_SMALL, GOOD, TOO_LARGE, UNEVEN, NO_PROGRESS = "too small", "good", "too large", "uneven", "no progress"

REGION_RULE = (f"good: final test loss within {GOOD_SHARE:.0%} of the way from the best value's loss back to "
               "the starting loss; too small / too large: every value below / above the good ones (diverged "
               "runs count as too large); uneven: between good values but not good itself")


@dataclass(frozen=True)
class SweepPoint:
    """One value of a sweep: its final test loss (mean over repeats) and region."""

    value: Any
    label: str
    test_loss: float
    """Mean final test loss over the repeats that did not diverge; NaN when all diverged."""
    low: float
    high: float
    diverged: int
    """Repeats that diverged."""
    region: str


@dataclass(frozen=True)
class SweepResult:
    setting: str
    epochs: int
    start_test_loss: float
    points: tuple[SweepPoint, ...]
    snapshot: ExperimentSnapshot


def regions(losses: Sequence[float], start_loss: float) -> list[str]:
    """Name each value's region from the measured final test losses, values in ascending order.

    Args:
        losses: Final test loss per value; NaN or inf for a diverged run.
        start_loss: The test loss before training (the same initial weights for every value).

    Returns:
        One of ``too small``, ``good``, ``too large``, ``uneven`` per value (see ``REGION_RULE``),
        or ``no progress`` everywhere when no value lowered the loss.
    """
    finite = [loss for loss in losses if math.isfinite(loss)]
    best = min(finite, default=math.inf)
    if not finite or not best < start_loss:
        return [NO_PROGRESS] * len(losses)
    limit = best + GOOD_SHARE * (start_loss - best)
    good = [i for i, loss in enumerate(losses) if math.isfinite(loss) and loss <= limit]
    first, last = good[0], good[-1]
    return [TOO_SMALL if i < first else TOO_LARGE if i > last else GOOD if i in good else UNEVEN
            for i in range(len(losses))]


def sweep_experiment(start: RunStart, setting: str, values: Sequence[Any] | None = None, epochs: int = 200,
                     repeats: int = 1) -> Experiment:
    """The experiment of a sweep, not yet trained: each value (ascending) stops at ``epochs``.

    Raises:
        ValueError: ``setting`` cannot be swept, or there are no values.
        SettingError: A value is not allowed.
    """
    if setting not in SWEEPS:
        raise ValueError(f"{setting} cannot be swept; choose one of {', '.join(SWEEPS)}")
    ordered = sorted(set(SWEEPS[setting] if values is None else values))
    return Experiment(start, setting, ordered, repeats, stop=StopRule(epochs=epochs))


def sweep_result(snapshot: ExperimentSnapshot) -> SweepResult:
    """The points and regions of a sweep's trained experiment."""
    spread = spreads(snapshot)
    names = regions([s.mean if s.diverged < s.runs else math.inf for s in spread], snapshot.start_test_loss)
    values = sorted({getattr(row.config, snapshot.setting) for row in snapshot.rows})
    points = tuple(SweepPoint(value, s.label, s.mean, s.low, s.high, s.diverged, name)
                   for value, s, name in zip(values, spread, names))
    return SweepResult(snapshot.setting, snapshot.stop.epochs or snapshot.epoch, snapshot.start_test_loss, points, snapshot)


def sweep(start: RunStart, setting: str, values: Sequence[Any] | None = None, epochs: int = 200,
          repeats: int = 1) -> SweepResult:
    """Train ``start`` for ``epochs`` at each value of ``setting`` and name the regions (see ``sweep_experiment``)."""
    experiment = sweep_experiment(start, setting, values, epochs, repeats)
    experiment.step(epochs)
    return sweep_result(experiment.snapshot())


def region_spans(result: SweepResult) -> list[tuple[str, str, str]]:
    """(region, first value, last value) for each run of equal regions along the axis."""
    spans: list[tuple[str, str, str]] = []
    for point in result.points:
        if spans and spans[-1][0] == point.region:
            spans[-1] = (point.region, spans[-1][1], point.label)
        else:
            spans.append((point.region, point.label, point.label))
    return spans


def log_positions(values: Sequence[float]) -> np.ndarray:
    """Where values sit on a log axis (log10), for charts."""
    return np.log10(np.asarray(values, dtype=np.float64))
