"""Work per frame while training: thirty students share one server (DESIGN.md §Scale).

The network view draws at most every ``DETAILS_INTERVAL`` while training and not at all while
hidden, yet always shows the newest snapshot once training pauses or the view is shown.
"""

from __future__ import annotations

import pytest
from textual.message import Message

from helpers import make_app, running, started, stepped, ticks, wait_until, count_calls
from tui_nn.ui import snapshot_views


@pytest.mark.app(size=(80, 24))
async def test_hidden_network_view_draws_nothing_and_shows_the_newest_run_when_shown(app, pilot, seen):
    await started(pilot, seen)
    adopted = count_calls(app.network_view._thumbnails, "adopt")
    await stepped(pilot, app, 3)
    assert adopted == []
    await pilot.press("tab")
    await wait_until(pilot, lambda: any(call[0] is app.snapshot for call in adopted))
    assert app.snapshot.epoch == 3


async def test_status_bar_and_network_view_skip_frames_while_training_and_draw_the_paused_one(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(snapshot_views, "DETAILS_INTERVAL", 3600.0)
    seen: list[Message] = []
    app = make_app()
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        shown = count_calls(app.network_view, "show")
        numbers: list[tuple[object, ...]] = []  # the status bar's snapshot is bound to the app's: record its changes
        app.status_bar.watch(app.status_bar, "snapshot", lambda snapshot: numbers.append((snapshot,)), init=False)
        drawn = count_calls(app.boundary_view, "show")
        await pilot.press("space")
        await wait_until(pilot, lambda: sum(tick.playing for tick in ticks(seen)) >= 4)
        assert len(shown) == len(numbers) == 1  # the first playing frame, then none for an hour
        assert len(drawn) >= 2  # the boundary keeps its own pace: every frame while it changes, 0.1 s after one that did not
        await pilot.press("space")
        await wait_until(pilot, lambda: not app.playing)
        await pilot.pause()
        assert shown[-1][0] is numbers[-1][0] is app.snapshot


@pytest.mark.app(size=(80, 24))
async def test_status_bar_cuts_a_long_message_with_an_ellipsis_at_the_edge(app, pilot, seen):
    await started(pilot, seen)
    app.status_bar.say("x" * 200)
    await pilot.pause()
    rows = [app.status_bar.render_line(y).text for y in range(2)]
    assert rows[1].endswith("x…") and len(rows[1]) == 80
    assert rows[0].startswith(" ■ Paused  Epoch 000,000") and len(rows[0]) == 80


def test_paced_loop_sleeps_until_the_next_frame_not_the_next_epoch():
    import time

    from tui_nn.core.config import Config
    from tui_nn.core.trainer import Trainer
    from tui_nn.ui.training_loop import TrainingLoop

    loop = TrainingLoop(Trainer(Config(seed="0.59704")), lambda *a: None, lambda *a: None, pace=60, fps=10)
    loop.playing = True
    frame_in_10_s = time.monotonic() + 10 - 0.1  # the last frame as if drawn 10 s from now
    assert loop._wait(owed=0.5, last_frame=frame_in_10_s) > 9  # one wake per frame: 6 epochs a wake
    assert loop._wait(owed=0.5, last_frame=0.0) == pytest.approx(0.5 / 60)  # a frame is overdue: next epoch
    loop.pace = 1  # fewer epochs than frames: wake for each epoch
    assert loop._wait(owed=0.0, last_frame=0.0) == pytest.approx(1.0)
