"""Helpers the UI tests share: opening the app, waiting for state, reading what widgets draw.

Test files import from here, never from each other or from a conftest. The ``running_app`` fixture
in ``conftest.py`` opens the app with ``open_app``; the fuzzer opens a ``make_app()`` with
``run_test`` itself, once per sequence, to log the messages it handles. The training loop's commands are sent from this module only (``send`` and the helpers
beside it), so a change of their form is made here once.

A test written before the fixture (``async with running(make_app(...), size, seen) as pilot``) runs
unchanged once its imports read ``from helpers import make_app, running, started, wait_until, ...``
(instead of ``from test_app import ...`` and ``from conftest import wait_until``), the Playground links
come ``from playground_links import DEFAULT_HASH, ...``, and ``app.loop.send(X())`` becomes
``send(app, X())``. New tests take ``app``, ``pilot``, ``seen`` from the fixture instead.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from textual.app import App
from textual.message import Message
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from tui_nn.core.config import Config
from tui_nn.core.trainer import Snapshot, Trainer
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.messages import TrainingReported, TrainingTicked
from tui_nn.ui.training_commands import (
    ApplyConfig,
    TrainingCommand,
    ReplaceTrainer,
    Replay,
    Reset,
    Restart,
    SetPace,
    Step,
    Stop,
    Undo,
)
from tui_nn.ui.widgets.loss_chart import LossChart

SEED = "0.59704"
"""The seed of the Playground's default link; every test starts from it unless it says otherwise."""

SIZE = (120, 40)
"""The terminal size a test runs at unless it asks for another."""


# Opening the app.


@dataclass
class Running:
    """A PlaygroundApp under ``run_test``: the app, its pilot and every message it has handled."""

    app: PlaygroundApp
    pilot: Pilot
    seen: list[Message] = field(default_factory=list)


def make_app(config: Config | None = None, **options: Any) -> PlaygroundApp:
    """The app on the default link (or ``config``), as ``tui-nn`` would open it."""
    return PlaygroundApp(Trainer(config or Config(seed=SEED)), **options)


@asynccontextmanager
async def open_app(
    app: PlaygroundApp, size: tuple[int, int] = SIZE, seen: list[Message] | None = None
) -> AsyncIterator[Running]:
    """``app.run_test`` at ``size``, recording handled messages in ``Running.seen`` (``seen`` if given).

    On the way out it stops the training loop and lets the app handle the loop's last frames, so
    a test ends the same way whether or not it left training running (quitting while frames are
    still arriving is tested on its own), and no test waits for the loop's next wake. An app the
    test has already quit is left to ``run_test`` to close.
    """
    seen = [] if seen is None else seen
    async with app.run_test(size=size, message_hook=seen.append) as pilot:
        yield Running(app, pilot, seen)
        if app.is_running:
            stop_training(app)
            await app.workers.wait_for_complete()
            await pilot.pause()


@asynccontextmanager
async def running(
    app: PlaygroundApp, size: tuple[int, int] = SIZE, seen: list[Message] | None = None
) -> AsyncIterator[Pilot]:
    """The old form of ``open_app``: ``async with running(app, size, seen) as pilot``.

    Kept so a test written before the ``running_app`` fixture only changes its imports; it ends
    the run the same way as ``open_app``.
    """
    async with open_app(app, size, seen) as opened:
        yield opened.pilot


# The training loop's commands: the one place tests send them.


def send(app: PlaygroundApp, command: TrainingCommand) -> None:
    """Send one typed command (``tui_nn.ui.training_commands``) straight to the app's loop."""
    app.loop.send(command)


def stop_training(app: PlaygroundApp) -> None:
    """Ask the loop to end, as quitting does."""
    send(app, Stop())


def queue_steps(app: PlaygroundApp, epochs: int) -> None:
    """Queue ``epochs`` single-epoch steps without waiting for them."""
    for _ in range(epochs):
        send(app, Step())


def set_pace(app: PlaygroundApp, pace: float | None) -> None:
    """Send a pace straight to the loop (None trains flat out), bypassing the settings."""
    send(app, SetPace(pace))


def restarts_run(command: TrainingCommand) -> bool:
    """Whether a command may move the epoch back whatever the settings: new weights, their own start
    again, another run (an opened link), an undone discard, or a replay of the run's past."""
    return isinstance(command, (Reset, Restart, ReplaceTrainer, Undo, Replay))


def sent_config(command: TrainingCommand) -> Config | None:
    """The settings a command hands the loop, or None for a command that carries none."""
    return command.config if isinstance(command, ApplyConfig) else None


def on_send(app: PlaygroundApp, callback: Callable[[TrainingCommand], object]) -> None:
    """Call ``callback`` with each command just before the loop is sent it."""
    original = app.loop.send

    def sending(command: TrainingCommand) -> None:
        callback(command)
        original(command)

    app.loop.send = sending  # type: ignore[method-assign]


# Waiting for state, never for time.


def _describe(predicate: Callable[[], object]) -> str:
    code = getattr(predicate, "__code__", None)
    name = getattr(predicate, "__qualname__", repr(predicate))
    if code is None:
        return name
    return f"{name} ({code.co_filename}:{code.co_firstlineno})"


async def wait_until(pilot: Any, predicate: Callable[[], object], timeout: float = 5.0) -> None:
    """Let the app run until ``predicate()`` is true, failing the test after ``timeout`` seconds.

    Args:
        pilot: The ``Pilot`` from ``App.run_test``.
        predicate: Checked after every ``pilot.pause(0.01)``.
        timeout: Seconds of wall time before the test fails.
    """
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"wait_until: {_describe(predicate)} was still false after {timeout} s", pytrace=False)
        await pilot.pause(0.01)


def ticks(seen: list[Message]) -> list[TrainingTicked]:
    """The TrainingTicked messages the app has handled, oldest first."""
    return [message for message in seen if isinstance(message, TrainingTicked)]


def reports(seen: list[Message]) -> list[TrainingReported]:
    """The TrainingReported messages the app has handled, oldest first."""
    return [message for message in seen if isinstance(message, TrainingReported)]


async def started(pilot: Any, seen: list[Message]) -> None:
    """Wait for the worker's first snapshot: the training thread is running."""
    await wait_until(pilot, lambda: ticks(seen))


async def stepped(pilot: Any, app: PlaygroundApp, epochs: int) -> None:
    """Train exactly ``epochs`` more epochs through the loop's queue and wait for the snapshot."""
    target = app.snapshot.epoch + epochs
    queue_steps(app, epochs)
    await wait_until(pilot, lambda: app.snapshot.epoch == target)


# Reading the screen.


def count_calls(widget: Widget, name: str) -> list[tuple[Any, ...]]:
    """Wrap ``widget.<name>`` so each call is recorded (and still made)."""
    calls: list[tuple[Any, ...]] = []
    original: Callable[..., Any] = getattr(widget, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(*args, **kwargs)

    setattr(widget, name, counting)
    return calls


def drawn(widget: Widget) -> list[str]:
    """What a widget draws, one string per row, as plain text."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def chart_is_current(app: PlaygroundApp) -> bool:
    """Whether the loss chart has drawn up to the newest epoch (it redraws at most twice a second)."""
    chart = app.query_one(LossChart)
    if not chart.display:
        return True
    rows = [row.split() for row in drawn(chart)]
    return any(row and row[-1] == str(app.snapshot.epoch) for row in rows)  # the x axis's last tick


def snapshot(**changes: Any) -> Snapshot:
    """The Playground's default run (x1, x2 -> 4, 2 -> 1) at epoch 0, with ``changes`` to its Config."""
    return Trainer(Config(seed=SEED, **changes)).snapshot()


def params(app: PlaygroundApp) -> np.ndarray:
    """The newest snapshot's flat weights and biases."""
    return app.snapshot.network.params.copy()


# One screen on its own.


class ScreenApp(App[None]):
    """Pushes one screen at start and records what it is dismissed with."""

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.start_screen = screen
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.start_screen, self.results.append)
