"""TrainingLoop: drives a Trainer on the worker thread at the user's pace, capped in frames.

The loop owns the Trainer exclusively. Commands (see `training_commands`) arrive on a queue and are
applied between epochs; snapshots leave through a callback at most ``fps`` times a second, and at
once after a command so a key press shows within a frame. While paused it blocks on the queue: no
CPU, no frames. A command that fails is reported, never raised: the worker outlives it.
"""

from __future__ import annotations

import queue
import time
from typing import Callable

from tui_nn.core.config import Config
from tui_nn.core.run_log import RunLog
from tui_nn.core.saved_run import save_run
from tui_nn.core.settings import Effect, strongest_effect
from tui_nn.core.stopping import StopRule
from tui_nn.core.variants import RunStart
from tui_nn.draw.exports import write_export
from tui_nn.core.trainer import Snapshot, Trainer
from tui_nn.core.undo import KeptRun, keep, restore
from tui_nn.ui.training_commands import (
    ApplyConfig, EditParameter, Export, Play, Regenerate, Replay, ReplaceTrainer, RequestRunStart, Reset, Restart, Save,
    SaveRun, SetFps, SetPace, SetStopRule, Step, Stop, TrainingCommand, Undo,
)

_PAUSED_WAKE_SECONDS = 0.25
"""How often a paused loop wakes to notice cancellation; costs nothing measurable."""
_FRAME_SLACK_SECONDS = 0.002
"""A wake-up this close to the next frame's time draws it: timed waits may return a little early."""


class TrainingLoop:
    """Runs ``trainer`` at ``pace`` epochs per second while playing.

    Args:
        trainer: Used only from the thread that calls ``run``.
        publish: Receives each new snapshot and whether training is running; while replaying, a third
            argument says which frame of the run's past it is.
        report: Receives a user-facing message and whether it reports a failure.
        restored: Receives the settings of a run brought back by `Undo` (the app adopts them).
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
        restored: Callable[[Config], None] = lambda config: None,
    ) -> None:
        self.trainer = trainer
        self._publish, self._report, self._restored = publish, report, restored
        self._kept: KeptRun | None = None
        """The last run discarded (by a reset, a rebuilding change or an opened link), for `Undo`."""
        self._replay: int | None = None
        """The frame of the run's past being shown; None: the live run."""
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
        self._commands: queue.SimpleQueue[TrainingCommand] = queue.SimpleQueue()

    def send(self, command: TrainingCommand) -> None:
        """Queue a command; safe from any thread.

        Raises:
            TypeError: ``command`` is not a training command (a mistake in the caller, refused
                where it is made rather than on the training thread, which would wait for it).
        """
        if not isinstance(command, TrainingCommand):
            raise TypeError(f"not a training command: {command!r}")
        self._commands.put(command)

    def run(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        """Train and publish until `Stop` is sent or ``cancelled()`` is true."""
        self._emit()
        owed, last_tick, last_frame = 0.0, time.monotonic(), 0.0
        while not (self._stopped or cancelled()):
            changed = self._drain(wait=self._wait(owed, last_frame))
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
                last_tick = now
                if self.trainer.diverged or self._rule_hit:
                    self.playing, self._rule_hit = False, False
                    changed = True
            else:
                owed, last_tick = 0.0, time.monotonic()
            now = time.monotonic()
            if changed or (trained and now - last_frame >= 1.0 / self.fps - _FRAME_SLACK_SECONDS):
                self._emit()
                last_frame = now

    def _wait(self, owed: float, last_frame: float) -> float | None:
        """Seconds to sleep before the next wake-up (None: none at all).

        At a pace, the loop wakes once per frame and trains the epochs owed since the last wake
        in one go (or once per epoch when epochs are rarer than frames): one wake-up per frame
        instead of one per epoch costs a third less CPU at the default 60 epochs/s and 10 fps.
        """
        if not self.playing:
            return _PAUSED_WAKE_SECONDS
        if self.pace is None:
            return None
        next_frame = last_frame + 1.0 / self.fps - time.monotonic()
        return max((1 - owed) / self.pace, next_frame, 0.0) or None

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
                self._apply(command)
            except (ValueError, OSError) as error:  # bad input, a file that cannot be written: the user's to fix
                self._report(str(error), True)
            except Exception as error:  # a bug: say so, and keep the worker (and the run) alive
                self._report(f"{type(command).__name__} failed: {type(error).__name__}: {error}", True)
            changed = True

    def _emit(self) -> None:
        if self._replay is None:
            self._publish(self.trainer.snapshot(), self.playing)
            return
        frames = self.trainer.frames
        snapshot = self.trainer.replay_snapshot(self._replay)
        where = f"Replay: epoch {snapshot.epoch}, frame {self._replay + 1}/{len(frames)} ({frames.spacing()}); ←/→ step, esc returns"
        self._publish(snapshot, False, where)

    def _apply(self, command: TrainingCommand) -> None:
        """Carry out one command between epochs."""
        if not isinstance(command, Replay):
            self._replay = None
        match command:
            case Play(playing):
                self._play(playing)
            case Step():
                self.playing = False
                self.trainer.step()
            case Reset():
                self.playing = False
                self._log_run("reset")
                self._keep()
                self.trainer.reset()
            case Restart():
                self.playing = False
                self._log_run("restart")
                self._keep()
                self.trainer.restart()
            case Regenerate():
                self.trainer.regenerate()
            case ApplyConfig(config):
                self._apply_config(config)
            case ReplaceTrainer(trainer):
                self.playing = False
                self._log_run("link")
                self._keep()
                self.trainer = trainer
            case SetStopRule(rule):
                self.stop_rule = rule
            case RequestRunStart(deliver):
                self.playing = False
                deliver(RunStart.of(self.trainer))
            case Undo():
                self._undo()
            case Replay(step):
                self._step_replay(step)
            case EditParameter(weight_layer, neuron, source, value):
                self.trainer.set_parameter(weight_layer, neuron, source, value)
            case SetPace(pace):
                self.pace = pace
            case SetFps(fps):
                self.fps = fps
            case Save(path):
                self.trainer.save(path)
                self._report(f"saved the model to {path}", False)
            case SaveRun(path):
                save_run(path, self.trainer)
                self._report(f"saved the run to {path} (tui-nn --resume {path})", False)
            case Export(kinds, run_path, screen_svg):
                names = [write_export(kind, self.trainer.snapshot(), run_path, screen_svg).name for kind in kinds]
                where = f"{len(names)} files next to {run_path}: " if len(names) > 1 else ""
                self._report(f"exported {where}{', '.join(names)}", False)
            case Stop():
                self._stopped = True
            case _:
                raise TypeError(f"not a training command: {command!r}")

    def _keep(self) -> None:
        """Remember the run about to be discarded, unless it has not trained (nothing to lose).

        Only a Trainer's run can come back: an experiment's view (which this loop also drives) has no undo.
        """
        if self.trainer.epoch > 0 and isinstance(self.trainer, Trainer):
            self._kept = keep(self.trainer)

    def _undo(self) -> None:
        if self._kept is None:
            self._report("nothing to undo: no trained run has been discarded", False)
            return
        brought = restore(self._kept)
        self._kept = keep(self.trainer) if self.trainer.epoch > 0 else None
        self.playing, self.trainer = False, brought
        self._restored(brought.config)
        self._report(f"brought back the discarded run at epoch {brought.epoch}" + (" (U again swaps back)" if self._kept else ""), False)

    def _step_replay(self, step: int | None) -> None:
        self.playing = False
        last = len(self.trainer.frames) - 1
        if step is None:
            self._replay = None
        elif self._replay is None:
            self._replay = max(0, last + min(step, 0))
        else:
            self._replay = max(0, min(last, self._replay + step))

    def _play(self, playing: bool | None) -> None:
        self.playing = (not self.playing) if playing is None else playing
        if self.playing and self.trainer.diverged:
            self.playing = False
            self._report("the run has diverged: lower the learning rate, then reset (r)", True)

    def _apply_config(self, config: Config) -> None:
        """New settings; a change that starts the run over closes its run-log row and pauses, as the Playground does."""
        old = self.trainer.config
        effect = strongest_effect(old, config if config.seed is not None else config.replace(seed=old.seed))
        if effect is not None and effect >= Effect.REBUILD:
            self._log_run("settings")
            self._keep()
        if self.trainer.apply(config) is not None and effect is not None and effect >= Effect.REBUILD:
            self.playing = False

    def _log_run(self, next_began: str) -> None:
        """Close the current run's row (if it trained at all); the next run began by ``next_began``."""
        if self.run_log is not None and self.trainer.epoch > 0:
            self.run_log.add_trainer(self.began, self.trainer)
        self.began = next_began
