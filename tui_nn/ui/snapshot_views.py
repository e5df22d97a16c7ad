"""How the app turns the training thread's messages into drawn views, and how often each draws.

``SnapshotViews`` is mixed into ``PlaygroundApp``. The training loop posts a snapshot up to ``fps``
times a second while playing (and at once after a command); every view is handed it, but each
draws only as often as a person can tell: the boundary every frame while it changes, the status
bar and the network view at most every ``DETAILS_INTERVAL``, the loss chart once a second (its
own `Throttle`). While training leaves the boundary and the thumbnails unchanged, they are worked
out less and less often (`QuietBackoff`); paused, every snapshot is drawn at once.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from tui_nn.core.config import Config
from tui_nn.core.trainer import Snapshot
from tui_nn.ui.messages import RunRestored, TrainingReported, TrainingTicked
from tui_nn.ui.widgets.throttle import QuietBackoff

DETAILS_INTERVAL = 0.25
"""Seconds between frames of the status bar and the network view while training. Numbers,
sparklines and thumbnails read as well at 4 frames a second; drawn in the same frames, the others
repaint only the boundary's rows, which costs Textual a third as much."""
SETTLED_BOUNDARY_WAIT, SETTLED_NETWORK_WAIT = 0.4, 1.0
"""Longest waits between draws of the boundary and of the network view while training leaves them
unchanged: a settled run's drift shows within these, and any change brings the view back to every
frame."""


class FramePacing:
    """When each view is next drawn while training (one per app)."""

    def __init__(self) -> None:
        self.details_due = 0.0
        self.boundary = QuietBackoff(0.0, SETTLED_BOUNDARY_WAIT)
        self.network = QuietBackoff(DETAILS_INTERVAL, SETTLED_NETWORK_WAIT)
        self.config: Config | None = None
        """The settings of the last snapshot paced; new ones bring back every frame."""


class SnapshotViews:
    """The training loop's callbacks and their messages' handlers; mixed into ``PlaygroundApp``."""

    pacing: FramePacing
    snapshot: Any
    details: Any
    playing: Any
    replaying: Any
    state: Any
    lesson: Any
    is_running: Any
    selected: Any
    status_bar: Any
    network_view: Any
    boundary_view: Any
    loss_chart: Any
    post_message: Any
    show_open_view: Any
    _follow_lesson: Any

    # Called on the training thread: only messages cross to the UI.

    def _publish(self, snapshot: Snapshot, playing: bool, replay: str | None = None) -> None:
        self.post_message(TrainingTicked(snapshot, playing, replay))

    def _restored(self, config: Config) -> None:
        self.post_message(RunRestored(config))

    def _report(self, text: str, failed: bool) -> None:
        self.post_message(TrainingReported(text, failed))

    # On the UI thread.

    def on_training_ticked(self, message: TrainingTicked) -> None:
        if not self.is_running:  # a last frame can arrive while the app is closing
            return
        self.playing = message.playing
        self.status_bar.show_replay(message.replay)
        self.replaying = message.replay is not None
        self.snapshot = message.snapshot
        if self.lesson is not None and not self.replaying:
            self._follow_lesson(message.snapshot)

    def on_run_restored(self, message: RunRestored) -> None:
        self.state = replace(self.state, config=message.config.replace(seed=None))  # the loop already runs it

    def on_training_reported(self, message: TrainingReported) -> None:
        self.status_bar.say(message.text, error=message.failed)
        if message.failed:  # a refused change (a file that does not fit the problem): show what still runs
            self.state = replace(self.state, config=self.snapshot.config.replace(seed=None))

    def watch_snapshot(self, snapshot: Snapshot) -> None:
        if self.is_running:
            self._show_views(snapshot)

    def _show_views(self, snapshot: Snapshot) -> None:
        """Hand a snapshot to every view that is due to draw (all of them when paused)."""
        now, pacing = time.monotonic(), self.pacing
        if not self.playing or snapshot.config is not pacing.config:
            pacing.config = snapshot.config
            pacing.boundary.restart()
            pacing.network.restart()
        if not self.playing or now >= pacing.details_due:
            self.details = snapshot
            pacing.details_due = now + DETAILS_INTERVAL if self.playing else 0.0
        if pacing.network.due(now):  # first: it fits the selection to the new network
            self._paced(pacing.network, now, self.network_view.show(snapshot))
        if pacing.boundary.due(now):
            self._paced(pacing.boundary, now, self.boundary_view.show(snapshot, self.selected))
        self.loss_chart.show(snapshot.history, (snapshot.train_loss, snapshot.test_loss))
        self.show_open_view(snapshot)

    def _paced(self, pace: QuietBackoff, now: float, changed: bool) -> None:
        """Note a view's draw while training; paused, every snapshot is drawn, and so is the first frame of play."""
        if self.playing:
            pace.drawn(now, changed)
