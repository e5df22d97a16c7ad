"""Messages that cross from the training thread to the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui_nn.core.config import Config
from tui_nn.core.trainer import Snapshot


@dataclass
class TrainingTicked(Message):
    """The trainer has a newer snapshot to show; a busy UI only ever draws the newest."""

    snapshot: Snapshot
    playing: bool
    """Whether training is running (the loop pauses by itself when the run diverges)."""
    replay: str | None = None
    """Which frame of the run's past the snapshot is, in words; None: the live run."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TrainingTicked)


@dataclass
class TrainingReported(Message):
    """The training thread has something to tell the user, such as a failed command."""

    text: str
    failed: bool


@dataclass
class RunRestored(Message):
    """Undo has brought back a discarded run: the app's settings become that run's."""

    config: Config
