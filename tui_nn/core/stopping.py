"""StopRule: when a run stops by itself, at an epoch or once its test loss falls below a target.

The Playground trains until the user pauses (its issues #7 and #168 ask for this). A rule is a
small frozen value shared by the app's training loop, experiments and the CLI; it never trains.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class StopRule:
    """Stop at ``epochs`` or once the test loss is below ``below``, whichever comes first."""

    epochs: int | None = None
    """The epoch to stop at; None: no limit."""
    below: float | None = None
    """The test loss to reach; None: no target."""

    def __post_init__(self) -> None:
        if self.epochs is not None and self.epochs < 0:
            raise ValueError(f"the epoch to stop at must be 0 or more, not {self.epochs}")
        if self.below is not None and not (math.isfinite(self.below) and self.below > 0):
            raise ValueError(f"the target test loss must be a number above 0, not {self.below}")

    @property
    def active(self) -> bool:
        return self.epochs is not None or self.below is not None

    def reason(self, epoch: int, test_loss: float) -> str | None:
        """Why a run at ``epoch`` with ``test_loss`` stops now, or None to go on."""
        if self.below is not None and test_loss < self.below:
            return f"test loss {test_loss:.4f} below {self.below:g} at epoch {epoch}"
        if self.epochs is not None and epoch >= self.epochs:
            return f"reached epoch {epoch}"
        return None

    def describe(self) -> str:
        """In a few words, for the status bar and reports."""
        parts = ([f"at epoch {self.epochs}"] if self.epochs is not None else []) + (
            [f"when test loss < {self.below:g}"] if self.below is not None else [])
        return "stop " + " or ".join(parts) if parts else "no stop rule"
