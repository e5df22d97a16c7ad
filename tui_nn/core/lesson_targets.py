"""Checking a lesson's targets against a run, in numbers, as the student works or headless.

``LessonProgress`` is fed what a snapshot carries (settings, epoch, loss history) and says for
each target whether it is met, still open or missed, with the figures ("test loss fell below 0.05
at epoch 59"). ``run_lesson`` trains a lesson's experiment headless and judges it the same way.
No drawing, no Textual.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from tui_nn.core.config import Config
from tui_nn.core.lessons import Lesson, Target
from tui_nn.core.network import Array
from tui_nn.core.trainer import Trainer

MET, OPEN, MISSED = "met", "open", "missed"


@dataclass(frozen=True)
class Outcome:
    """Where one target stands, in one line with its figures."""

    target: Target
    state: str
    """``met``, ``open`` (not yet) or ``missed`` (its epoch has passed, or the headless run ended)."""
    text: str
    value: float | None = None
    """The figure judged (the spread, for a target over several runs); None before there is one."""
    epoch: int | None = None
    """The epoch it was judged at (the crossing, or ``at_epoch``)."""

    @property
    def met(self) -> bool:
        return self.state == MET


def _name(measure: str) -> str:
    return measure.replace("_", " ")


def _fmt(value: float) -> str:
    return "NaN" if math.isnan(value) else f"{value:.3f}"


def _side(target: Target) -> str:
    return f"below {target.threshold:g}" if target.below is not None else f"above {target.threshold:g}"


def conditions(target: Target, config: Config) -> tuple[list[str], list[str]]:
    """The settings the target asks for: (what the run has, described; what is wrong with it)."""
    has, wrong = [], []
    neurons, layers, rate = sum(config.hidden_layers), len(config.hidden_layers), config.learning_rate
    checks = (
        (target.max_neurons, f"{neurons} neurons", neurons <= (target.max_neurons or 0), f"at most {target.max_neurons} neurons"),
        (target.max_layers, f"{layers} hidden layer{'s' * (layers != 1)}", layers <= (target.max_layers or 0), f"at most {target.max_layers} hidden layers"),
        (target.min_learning_rate, f"learning rate {rate:g}", rate >= (target.min_learning_rate or 0), f"a learning rate of at least {target.min_learning_rate:g}" if target.min_learning_rate else ""),
        (target.max_learning_rate, f"learning rate {rate:g}", rate <= (target.max_learning_rate or 0), f"a learning rate of at most {target.max_learning_rate:g}" if target.max_learning_rate else ""),
        (target.regularization, f"regularization {config.regularization}", config.regularization == target.regularization, f"regularization {target.regularization}"),
    )
    for wanted, described, ok, ask in checks:
        if wanted is not None:
            has.append(described)
            if not ok:
                wrong.append(ask)
    missing = [name for name in target.with_features if name not in config.features]
    extra = [name for name in target.without_features if name in config.features]
    if target.with_features:
        has.append(f"inputs {', '.join(config.features)}")
    if missing:
        wrong.append(f"the inputs {', '.join(missing)}")
    if extra:
        wrong.append(f"no {', '.join(extra)} input")
    return has, wrong


def _value_at(epochs: Array, values: Array, epoch: int) -> float | None:
    """The value at the first recorded epoch at or after ``epoch``; None when not reached."""
    index = int(np.searchsorted(epochs, epoch))
    return float(values[index]) if index < len(epochs) else None


@dataclass
class LessonProgress:
    """A lesson's targets followed across the frames of one or more runs.

    A met target stays met (the student may go on exploring). Feed it every frame with ``update``;
    call ``new_run`` when the run starts over (the app does when the epoch goes back).
    """

    lesson: Lesson
    _met: dict[str, Outcome] = field(default_factory=dict)
    _runs: dict[str, list[float]] = field(default_factory=dict)
    _recorded: set[str] = field(default_factory=set)
    _last_epoch: int = -1

    def new_run(self) -> None:
        self._recorded.clear()
        self._last_epoch = -1

    @property
    def done(self) -> bool:
        return len(self._met) == len(self.lesson.targets)

    def update(self, config: Config, epoch: int, history: tuple[Array, Array, Array], diverged_at: int | None = None,
               final: bool = False) -> tuple[Outcome, ...]:
        """Judge every target on the run so far; ``final``: the run is over, so open targets are missed."""
        if epoch < self._last_epoch:
            self.new_run()
        self._last_epoch = epoch
        outcomes = []
        for target in self.lesson.targets:
            outcome = self._met.get(target.name) or self._judge(target, config, epoch, history, diverged_at, final)
            if outcome.met:
                self._met[target.name] = outcome
            outcomes.append(outcome)
        return tuple(outcomes)

    def _judge(self, target: Target, config: Config, epoch: int, history: tuple[Array, Array, Array],
               diverged_at: int | None, final: bool) -> Outcome:
        epochs, train, test = history
        values = train if target.measure == "train_loss" else test
        has, wrong = conditions(target, config)
        if target.runs > 1:
            return self._judge_runs(target, epochs, values, epoch, diverged_at, has, wrong, final)
        if target.at_epoch is not None:
            return self._judge_at(target, epochs, values, epoch, diverged_at, has, wrong, final)
        return _judge_crossing(target, epochs, values, epoch, has, wrong, final or diverged_at is not None)

    def _judge_at(self, target, epochs, values, epoch, diverged_at, has, wrong, final) -> Outcome:
        value = _value_at(epochs, values, target.at_epoch)
        if value is None and diverged_at is not None:
            value = math.nan
        name = _name(target.measure)
        if value is None:
            now = f"{name} {_fmt(float(values[-1]))} at epoch {epoch}" if len(values) else name
            return Outcome(target, MISSED if final else OPEN, f"{now}; {target.say}")
        shown = f"the run diverged (loss NaN) before epoch {target.at_epoch}" if math.isnan(value) else f"{name} {_fmt(value)} at epoch {target.at_epoch}"
        return _verdict(target, shown, value, target.at_epoch, has, wrong)

    def _judge_runs(self, target, epochs, values, epoch, diverged_at, has, wrong, final) -> Outcome:
        runs = self._runs.setdefault(target.name, [])
        if target.name not in self._recorded:
            value = _value_at(epochs, values, target.at_epoch)
            if value is None and diverged_at is not None:
                value = math.nan
            if value is not None:
                runs.append(value)
                self._recorded.add(target.name)
        name = _name(target.measure)
        if len(runs) < target.runs:
            seen = f"{name} at epoch {target.at_epoch}: " + (", ".join(_fmt(v) for v in runs) if runs else "none yet")
            step = "" if final else f" (run {len(runs) + (target.name not in self._recorded)} of {target.runs}: reset (r) after epoch {target.at_epoch})"
            return Outcome(target, MISSED if final else OPEN, f"{seen}{step}; {target.say}")
        recent = runs[-target.runs:]
        spread = max(recent) - min(recent)
        shown = f"{name} at epoch {target.at_epoch} ranged {_fmt(min(recent))} to {_fmt(max(recent))} over {target.runs} runs (spread {_fmt(spread)})"
        return _verdict(target, shown, spread, target.at_epoch, has, wrong)


def _judge_crossing(target: Target, epochs: Array, values: Array, epoch: int, has: list[str], wrong: list[str], final: bool) -> Outcome:
    passing = np.flatnonzero(values < target.below) if target.below is not None else np.flatnonzero(~(values <= target.above))
    if target.by_epoch is not None:
        passing = passing[epochs[passing] <= target.by_epoch]
    name = _name(target.measure)
    if passing.size:
        at = int(epochs[passing[0]])
        verb = "fell" if target.below is not None else "rose"
        return _verdict(target, f"{name} {verb} {_side(target)} at epoch {at}", float(values[passing[0]]), at, has, wrong)
    now = f"{name} {_fmt(float(values[-1]))} at epoch {epoch}" if len(values) else name
    over = final or (target.by_epoch is not None and epoch >= target.by_epoch)
    if over:
        deadline = f" by epoch {target.by_epoch}" if target.by_epoch is not None else ""
        return Outcome(target, MISSED, f"{now}: not {_side(target)}{deadline}; reset (r) to try again", float(values[-1]) if len(values) else None)
    return Outcome(target, OPEN, f"{now}; {target.say}")


def _verdict(target: Target, shown: str, value: float, epoch: int, has: list[str], wrong: list[str]) -> Outcome:
    """Met when the figure is on the right side and the settings are the ones asked for."""
    if not target.passes(value) and not (target.runs == 1 and target.at_epoch is None):
        return Outcome(target, MISSED, f"{shown}: not {_side(target)}; reset (r) to try again", value, epoch)
    if wrong:
        return Outcome(target, OPEN, f"{shown}, but the target needs {' and '.join(wrong)}", value, epoch)
    settings = f" with {', '.join(has)}" if has else ""
    return Outcome(target, MET, f"{shown}{settings}: target met", value, epoch)


def run_lesson(lesson: Lesson, changes: str = "") -> tuple[Outcome, ...]:
    """Train the lesson's experiment headless (``changes``: link keys over its link) and judge it.

    The run is the Playground's seeded run of the link, so the figures are the app's for the same
    settings. A target over several runs resets the network (new initial weights from the stream,
    as the app's reset does) and trains each further run to its ``at_epoch``.
    """
    trainer = Trainer(lesson.config(changes), history_limit=lesson.epochs + 2)
    progress = LessonProgress(lesson)
    outcomes = _train_and_judge(trainer, progress, lesson.epochs)
    most_runs = max(t.runs for t in lesson.targets)
    for run in range(1, most_runs):
        trainer.reset()
        progress.new_run()
        horizon = max(t.at_epoch or 0 for t in lesson.targets if t.runs > run)
        later = _train_and_judge(trainer, progress, horizon)
        outcomes = tuple(new if new.target.runs > 1 else old for old, new in zip(outcomes, later))
    return outcomes


def _train_and_judge(trainer: Trainer, progress: LessonProgress, epochs: int) -> tuple[Outcome, ...]:
    trainer.step(epochs)
    return progress.update(trainer.config, trainer.epoch, trainer.history.arrays(), trainer.diverged_at, final=True)
