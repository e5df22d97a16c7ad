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
from tui_nn.core.trainer import Snapshot, Trainer

_PAUSED_WAKE_SECONDS = 0.25
"""How often a paused loop wakes to notice cancellation; costs nothing measurable."""
_FRAME_SLACK_SECONDS = 0.002
"""A wake-up this close to the next frame's time draws it: timed waits may return a little early."""
_STRUCTURAL = ("reset", "new-data", "restart")


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
    """

    def __init__(
        self,
        trainer: Trainer,
        publish: Callable[[Snapshot, bool], None],
        report: Callable[[str, bool], None],
        pace: float | None = 60,
        fps: float = 10,
    ) -> None:
        self.trainer = trainer
        self._publish, self._report = publish, report
        self.pace, self.fps = pace, fps
        self.playing = False
        self._stopped = False
        self._commands: queue.SimpleQueue[Command] = queue.SimpleQueue()

    def send(self, name: str, *args: Any) -> None:
        """Queue a command; safe from any thread."""
        self._commands.put(Command(name, args))

    def run(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        """Train and publish until ``stop`` is sent or ``cancelled()`` is true."""
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
                if self.trainer.diverged:
                    self.playing = False
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
            self.trainer.step()
            trained = True
        return trained

    def _train_epochs(self, epochs: int) -> bool:
        for _ in range(epochs):
            if not self._commands.empty() or self.trainer.diverged:
                break
            self.trainer.step()
        return epochs > 0

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

    def _do_reset(self) -> None:
        self.playing = False
        self.trainer.reset()

    def _do_regenerate(self) -> None:
        self.trainer.regenerate()

    def _do_config(self, config: Config) -> None:
        if self.trainer.apply(config) in _STRUCTURAL:
            self.playing = False

    def _do_replace_trainer(self, trainer: Trainer) -> None:
        self.playing = False
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
