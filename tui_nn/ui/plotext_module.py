"""plotext, imported on first use rather than at start.

Importing it takes about 0.1 s (most of it building plotext's own documentation), a fifth of the
time to the first frame, and nothing on the first frame needs it: a run at epoch 0 has one loss,
which is no curve. The app warms it on a thread once the first frame is up.
"""

from __future__ import annotations

from types import ModuleType


def plotext() -> ModuleType:
    """The plotext module (imported by the first call; Python's import lock makes a concurrent first call wait)."""
    import plotext as module

    return module
