"""Throttle and QuietBackoff: how often views are drawn while training.

Throttle: the newest of many values, handed to a slow drawing at most once per interval.

The loss charts are rebuilt by plotext (several ms each), while snapshots arrive ten times a
second: values offered while a draw is not yet due replace one another, and a timer draws the last.
"""

from __future__ import annotations

import math
import time
from typing import Callable, Generic, TypeVar

from textual.timer import Timer
from textual.widget import Widget

T = TypeVar("T")


class Throttle(Generic[T]):
    """Calls ``draw(value)`` at once when the last call is ``interval()`` seconds old, else from a timer.

    Args:
        widget: Owns the timer.
        interval: Seconds between draws, read at each offer (so a test or a setting may change it).
        draw: Takes the newest value offered.
    """

    def __init__(self, widget: Widget, interval: Callable[[], float], draw: Callable[[T], None]) -> None:
        self._widget, self._interval, self._draw = widget, interval, draw
        self.pending: T | None = None
        """The newest value offered and not yet drawn."""
        self._timer: Timer | None = None
        self._last = -math.inf

    def offer(self, value: T) -> None:
        """Draw ``value`` now if a draw is due, else when the timer fires (if no newer value comes first)."""
        self.pending = value
        if self._timer is not None:
            return
        wait = self._last + self._interval() - time.monotonic()
        if wait <= 0:
            self._flush()
        else:
            self._timer = self._widget.set_timer(wait, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self._flush()

    def _flush(self) -> None:
        if self.pending is not None:
            value, self.pending = self.pending, None
            self._last = time.monotonic()
            self._draw(value)


class QuietBackoff:
    """When to draw a view again while training: each time it is offered while its picture changes;
    after a draw that changed nothing, twice as long as the last wait, up to ``longest``.

    A run that has settled still trains, but its boundary and thumbnails stop changing: working out
    each frame only to find it the same was most of what a settled run cost the app. The first draw
    that does change something brings the view back to every frame.

    Args:
        shortest: Seconds between draws while the picture changes (0: every frame offered).
        longest: Most seconds between draws while it does not.
    """

    def __init__(self, shortest: float, longest: float) -> None:
        self.shortest, self.longest = shortest, longest
        self.wait = shortest
        """Seconds from the last draw to the next."""
        self._due = -math.inf

    def due(self, now: float) -> bool:
        return now >= self._due

    def drawn(self, now: float, changed: bool) -> None:
        """Note a draw at ``now`` and whether it changed the picture."""
        self.wait = self.shortest if changed else max(self.shortest, min(max(2 * self.wait, 0.1), self.longest))
        self._due = now + self.wait

    def restart(self) -> None:
        """Draw at the next offer, and every frame after while the picture changes."""
        self.wait, self._due = self.shortest, -math.inf
