"""TrainingLoop: drives a Trainer on the worker thread at the user's pace, capped in frames.

The loop owns the Trainer exclusively. Commands arrive on a queue and are applied between epochs;
snapshots leave through a callback at most ``fps`` times a second, and at once after a command so
a key press shows within a frame. While paused it blocks on the queue: no CPU, no frames.
"""

from __future__ import annotations

import queue
import time
from dataclasses import dataclass
from typing import Any, Callable

from tui_nn.core.config import Config
from tui_nn.core.variants import RunStart
from tui_nn.core.run_log import RunLog
from tui_nn.core.settings import Effect, strongest_effect
from tui_nn.core.stopping import StopRule
from tui_nn.core.trainer import Snapshot, Trainer

_PAUSED_WAKE_SECONDS = 0.25
"""How often a paused loop wakes to notice cancellation; costs nothing measurable."""


@dataclass(frozen=True)
class Command:
    """One request from the UI: ``name`` is a TrainingLoop method, ``args`` its arguments."""

    name: str
    args: tuple[Any, ...] = ()


class TrainingLoop:
    """Runs ``trainer`` at ``pace`` epochs per second while playing.

    Args:
        trainer: Used only from the thread that calls ``run``.
        publish: Receives each new snapshot and whether training is running.
        report: Receives a user-facing message and whether it reports a failure.
        pace: Epochs per second; None trains flat out.
        fps: Most snapshots published per second while playing.
        log_runs: Keep a run log (the app's own run; an experiment's rows are logged when it closes).
    """

    def __init__(
        self,
        trainer: Trainer,
        publish: Callable[[Snapshot, bool], None],
        report: Callable[[str, bool], None],
        pace: float | None = 60,
        fps: float = 10,
        log_runs: bool = True,
    ) -> None:
        self.trainer = trainer
        self._publish, self._report = publish, report
        self.pace, self.fps = pace, fps
        self.playing = False
        self._stopped = False
        self.stop_rule = StopRule()
        """When playing pauses by itself (an epoch, a target test loss); set by the ``stop_rule`` command."""
        self._rule_hit = False
        self.run_log: RunLog | None = RunLog() if log_runs else None
        """One row per finished run (resets, restarts, changes that rebuild, links); None: not kept."""
        self.began = "start"
        """How the current run began, for its row in the run log."""
        self._commands: queue.SimpleQueue[Command] = queue.SimpleQueue()

    def send(self, name: str, *args: Any) -> None:
        """Queue a command; safe from any thread."""
        self._commands.put(Command(name, args))

    def run(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        """Train and publish until ``stop`` is sent or ``cancelled()`` is true."""
        self._emit()
        owed, last_tick, last_frame = 0.0, time.monotonic(), 0.0
        while not (self._stopped or cancelled()):
            changed = self._drain(wait=None if self.playing else _PAUSED_WAKE_SECONDS)
            trained = False
            if self.playing:
                now = time.monotonic()
                if self.pace is None:
                    trained = self._train_until(now + 1.0 / self.fps)
                else:
                    owed = min(owed + (now - last_tick) * self.pace, self.pace / self.fps + 1)
                    epochs = int(owed)
                    owed -= epochs
                    trained = self._train_epochs(epochs)
                    if not epochs:
                        changed |= self._drain(wait=(1 - owed) / self.pace)
                last_tick = now
                if self.trainer.diverged or self._rule_hit:
                    self.playing, self._rule_hit = False, False
                    changed = True
            else:
                owed, last_tick = 0.0, time.monotonic()
            now = time.monotonic()
            if changed or (trained and now - last_frame >= 1.0 / self.fps):
                self._emit()
                last_frame = now

    def _train_until(self, deadline: float) -> bool:
        trained = False
        while time.monotonic() < deadline and self._commands.empty() and not self.trainer.diverged:
            self._step_checked()
            trained = True
            if self._rule_hit:
                break
        return trained

    def _train_epochs(self, epochs: int) -> bool:
        for _ in range(epochs):
            if not self._commands.empty() or self.trainer.diverged or self._rule_hit:
                break
            self._step_checked()
        return epochs > 0

    def _step_checked(self) -> None:
        """One epoch, then the stop rule: it fires when the epoch is reached or the test loss crosses the target."""
        before = self.trainer.test_loss
        self.trainer.step()
        rule, epoch, after = self.stop_rule, self.trainer.epoch, self.trainer.test_loss
        if rule.epochs is not None and epoch == rule.epochs:
            self._rule_hit = True
            self._report(f"stopped at epoch {epoch} (u changes the stop rule)", False)
        elif rule.below is not None and after < rule.below <= before:
            self._rule_hit = True
            self._report(f"stopped: test loss {after:.4f} fell below {rule.below:g} at epoch {epoch}", False)

    def _drain(self, wait: float | None) -> bool:
        """Apply every queued command, first waiting up to ``wait`` seconds for one."""
        changed = False
        while True:
            try:
                command = self._commands.get(timeout=wait) if wait else self._commands.get_nowait()
            except queue.Empty:
                return changed
            wait = None
            try:
                getattr(self, f"_do_{command.name}")(*command.args)
            except (ValueError, OSError) as error:
                self._report(str(error), True)
            changed = True

    def _emit(self) -> None:
        self._publish(self.trainer.snapshot(), self.playing)

    def _do_stop(self) -> None:
        self._stopped = True

    def _do_play(self, playing: bool | None = None) -> None:
        self.playing = (not self.playing) if playing is None else playing
        if self.playing and self.trainer.diverged:
            self.playing = False
            self._report("the run has diverged: lower the learning rate, then reset (r)", True)

    def _do_step(self) -> None:
        """The Playground's step button: pause, then train exactly one epoch."""
        self.playing = False
        self.trainer.step()

    def _log_run(self, next_began: str) -> None:
        """Close the current run's row (if it trained at all); the next run began by ``next_began``."""
        if self.run_log is not None and self.trainer.epoch > 0:
            self.run_log.add_trainer(self.began, self.trainer)
        self.began = next_began

    def _do_reset(self) -> None:
        self.playing = False
        self._log_run("reset")
        self.trainer.reset()

    def _do_restart(self) -> None:
        """Back to the run's initial weights and data (``Trainer.restart``), paused."""
        self.playing = False
        self._log_run("restart")
        self.trainer.restart()

    def _do_stop_rule(self, rule: StopRule) -> None:
        self.stop_rule = rule

    def _do_run_start(self, deliver: Callable[[RunStart], None]) -> None:
        """Pause and hand a copy of the run's start (settings, data, initial weights) to ``deliver``."""
        self.playing = False
        deliver(RunStart.of(self.trainer))

    def _do_regenerate(self) -> None:
        self.trainer.regenerate()

    def _do_config(self, config: Config) -> None:
        old = self.trainer.config
        if (strongest_effect(old, config if config.seed is not None else config.replace(seed=old.seed)) or 0) >= Effect.REBUILD:
            self._log_run("settings")
        effect = self.trainer.apply(config)
        if effect is not None and effect >= Effect.REBUILD:  # the Playground pauses on every reset
            self.playing = False

    def _do_replace_trainer(self, trainer: Trainer) -> None:
        self.playing = False
        self._log_run("link")
        self.trainer = trainer

    def _do_edit(self, layer: int, neuron: int, source: int | None, value: float) -> None:
        self.trainer.set_parameter(layer, neuron, source, value)

    def _do_pace(self, pace: float | None) -> None:
        self.pace = pace

    def _do_fps(self, fps: float) -> None:
        self.fps = fps

    def _do_save(self, path: str) -> None:
        self.trainer.save(path)
        self._report(f"saved the model to {path}", False)
