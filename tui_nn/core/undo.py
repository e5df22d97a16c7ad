"""Undo of a discarded run: what a reset, a rebuilding change or an opened link would throw away.

``keep`` copies a run's settings, weights, epoch, loss history and replay frames (no data: the
seed gives the data back); ``restore`` builds a Trainer from that copy. Copies are made only when
a run is discarded, never while training.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from tui_nn.core.config import Config
from tui_nn.core.history import LossHistory
from tui_nn.core.network import Network
from tui_nn.core.replay import RunFrames
from tui_nn.core.trainer import Trainer


@dataclass(frozen=True)
class KeptRun:
    """A discarded run, enough to continue it."""

    config: Config
    """Its settings, seed included (so its data is drawn again exactly)."""
    network: Network
    epoch: int
    history: LossHistory
    frames: RunFrames


def keep(trainer: Trainer) -> KeptRun:
    """A copy of ``trainer``'s run that later changes to ``trainer`` leave alone."""
    return KeptRun(trainer.config, trainer.network.copy(), trainer.epoch, copy.deepcopy(trainer.history), trainer.frames.copy())


def restore(kept: KeptRun) -> Trainer:
    """A Trainer continuing the kept run: its data, weights, epoch, history and frames.

    Raises:
        ConfigError: The run's data file can no longer be read.
    """
    trainer = Trainer(kept.config, kept.history.limit)
    trainer.adopt(kept.network, kept.epoch, copy.deepcopy(kept.history), kept.frames.copy())
    return trainer
