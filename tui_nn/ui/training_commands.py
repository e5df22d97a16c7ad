"""The commands the UI sends to the training loop: small frozen values, matched by `TrainingLoop`.

Each is a request for the thread that owns the Trainer; building one does nothing. The command
palette's entries live in `commands.py`; these are what its actions (and the keys) send.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from tui_nn.core.config import Config
from tui_nn.core.stopping import StopRule
from tui_nn.core.variants import RunStart
from tui_nn.core.trainer import Trainer


@dataclass(frozen=True)
class Play:
    """Start or stop training."""

    playing: bool | None = None
    """True plays, False pauses, None toggles."""


@dataclass(frozen=True)
class Step:
    """The Playground's step button: pause, then train exactly one epoch."""


@dataclass(frozen=True)
class Reset:
    """Pause and start again from new initial weights on the same data."""


@dataclass(frozen=True)
class Regenerate:
    """New seed and data; the trained network is kept."""


@dataclass(frozen=True)
class ApplyConfig:
    """Adopt new settings the Playground's way; a change that starts the run over pauses it."""

    config: Config


@dataclass(frozen=True)
class ReplaceTrainer:
    """Pause and train another run from now on (an opened link)."""

    trainer: Trainer
    """Handed over: from now on only the training thread uses it."""


@dataclass(frozen=True)
class EditParameter:
    """Set one weight or bias, as the Playground's hover card does (see `Trainer.set_parameter`)."""

    weight_layer: int
    """Index into `network.weights`."""
    neuron: int
    """Row of that weight matrix: the neuron the parameter feeds."""
    source: int | None
    """The source neuron's column, or None for the bias."""
    value: float


@dataclass(frozen=True)
class SetPace:
    """Train ``pace`` epochs per second while playing; None trains flat out."""

    pace: float | None


@dataclass(frozen=True)
class SetFps:
    """Publish at most ``fps`` snapshots a second while playing."""

    fps: float


@dataclass(frozen=True)
class Save:
    """Write the model file to ``path`` and say so."""

    path: str


@dataclass(frozen=True)
class Undo:
    """Bring back the last run a reset, a rebuilding change or an opened link discarded (again: swap back)."""


@dataclass(frozen=True)
class Replay:
    """Pause and show the run's past: ``step`` frames back (-1) or on (+1); 0 enters at the newest; None leaves."""

    step: int | None


@dataclass(frozen=True)
class Stop:
    """End the loop; the worker thread returns."""




@dataclass(frozen=True)
class SaveRun:
    """Save everything the run needs to continue exactly (see ``core.saved_run``)."""

    path: str


@dataclass(frozen=True)
class Export:
    """Write exports of the run beside ``run_path`` (see ``draw.exports``)."""

    kinds: tuple[str, ...]
    run_path: str
    screen_svg: str | None = None
    """The screen as SVG, taken on the UI thread, when ``kinds`` holds ``screen``."""


@dataclass(frozen=True)
class Restart:
    """Pause and go back to the run's own initial weights and data (beside Reset, which draws new ones)."""


@dataclass(frozen=True)
class SetStopRule:
    """When playing pauses by itself: at an epoch, or once the test loss falls below a target."""

    rule: StopRule


@dataclass(frozen=True)
class RequestRunStart:
    """Pause and hand a copy of the run's start (settings, data, initial weights) to ``deliver``,
    on the training thread: it must only post a message."""

    deliver: Callable[[RunStart], None]


TrainingCommand = (
    Play | Step | Reset | Restart | Regenerate | ApplyConfig | ReplaceTrainer | EditParameter | SetPace | SetFps
    | SetStopRule | RequestRunStart | Save | SaveRun | Export | Undo | Replay | Stop
)
"""Anything `TrainingLoop.send` accepts."""
