"""The administrator's limits as the app applies them: the speed cap and the idle clock. No Textual.

On a shared server, ``.`` up to "max" would hold a core for as long as the app lives, even in a
detached tmux session; the cap bounds the pace and the idle clock lets the app pause itself.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Callable

from tui_nn.ui.state import UiState


def cap_pace(state: UiState, max_speed: float | None) -> UiState:
    """``state`` with its pace at most ``max_speed``; "max" (None) becomes the cap itself."""
    if max_speed is None or (state.pace is not None and state.pace <= max_speed):
        return state
    return replace(state, pace=max_speed)


def capped_message(max_speed: float) -> str:
    """Short, like ``idle_message``: at 80 columns the sparklines leave about 25 columns for it."""
    return f"speed capped at {max_speed:g}/s"


def idle_message(seconds: float) -> str:
    """What the status line says after an idle pause; the point comes first, as the line may be cut."""
    return f"paused: idle {duration(seconds)}"


def duration(seconds: float) -> str:
    """``45 s``, ``10 min``, ``1.5 h``: the unit a person would say."""
    if seconds < 120:
        return f"{seconds:g} s"
    if seconds < 7200:
        return f"{round(seconds / 60, 1):g} min"
    return f"{round(seconds / 3600, 1):g} h"


class IdleClock:
    """Time since the last key press or click, against the allowed idle time.

    Args:
        seconds: Idle time after which training pauses.
        clock: Monotonic seconds (injectable for tests).
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self.last_input = clock()
        """When the user last pressed a key or clicked."""

    def touch(self) -> None:
        """The user is here: start the idle time again."""
        self.last_input = self._clock()

    def remaining(self) -> float:
        """Seconds until an idle pause is due; zero or less once it is."""
        return self.seconds - (self._clock() - self.last_input)
