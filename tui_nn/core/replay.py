"""Replay frames: a run's past (weights, losses, epoch) kept at growing intervals in bounded memory.

Every epoch is kept at first; when ``limit`` frames are held, every other one is dropped and from
then on only every 2nd (then 4th, 8th, ...) epoch is kept, so a run of any length keeps an evenly
spaced outline of at most ``limit + 1`` frames. Recording costs one modulo per epoch and a copy of
the parameters on the epochs kept. These frames are this module's own: the loss-valley view's
weight trajectory (another feature) keeps its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tui_nn.core.network import Array, Network

FRAME_LIMIT = 200
"""Most frames kept (one more while a thinning is due): at most a few hundred KiB for the largest network."""


@dataclass(frozen=True)
class Frame:
    """The run as it stood after one epoch."""

    epoch: int
    params: Array
    """A copy of the flat weights and biases (``Network.params``)."""
    dead: npt.NDArray[np.bool_] | None
    """L1's dead links then (None while none were)."""
    train_loss: float
    test_loss: float
    train_accuracy: float | None
    test_accuracy: float | None

    def network(self, like: Network) -> Network:
        """A network of ``like``'s shape holding this frame's parameters."""
        twin = like.copy()
        twin.params[:] = self.params
        twin.dead = None if self.dead is None else self.dead.copy()
        return twin


class RunFrames:
    """The frames of one run, thinned as it grows (see the module docstring)."""

    def __init__(self, limit: int = FRAME_LIMIT) -> None:
        if limit < 2:
            raise ValueError("replay needs room for at least 2 frames")
        self.limit = limit
        self.clear()

    def clear(self) -> None:
        self.stride = 1
        """Epochs between kept frames from now on: 1, then 2, 4, ... as the run grows."""
        self.frames: list[Frame] = []

    def __len__(self) -> int:
        return len(self.frames)

    def due(self, epoch: int) -> bool:
        """Whether the frame of ``epoch`` is to be kept (checked before anything is copied)."""
        return epoch % self.stride == 0 and (not self.frames or self.frames[-1].epoch != epoch)

    def record(self, frame: Frame) -> None:
        """Keep ``frame`` (call only when ``due``), thinning to every other frame when full."""
        self.frames.append(frame)
        if len(self.frames) > self.limit:
            self.stride *= 2
            self.frames = [f for f in self.frames if f.epoch % self.stride == 0]

    def spacing(self) -> str:
        """How the frames are spaced, in a few words, for the status line."""
        if self.stride == 1:
            return "every epoch"
        return f"every {self.stride} epochs, at most {self.limit} kept"

    def copy(self) -> RunFrames:
        twin = RunFrames(self.limit)
        twin.stride, twin.frames = self.stride, list(self.frames)  # frames are never changed: share them
        return twin
