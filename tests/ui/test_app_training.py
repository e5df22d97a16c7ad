"""The app while it trains: play and pause, keys while playing, idling, divergence, resizing, ASCII.

Nothing here is timed. "Responsive" is asserted in frames: a key's effect is in one of the first
snapshots after it. "Idle" is asserted as no TrainingTicked and no refresh of the big views over a
few short pauses. The ``app`` fixture of ``conftest.py`` opens the app; shared helpers live in
``helpers.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.message import Message

from helpers import (
    chart_is_current, count_calls, drawn, on_send, queue_steps, reports, set_pace, started, stepped, ticks, wait_until,
)
from playground_links import DIVERGENT_HASH
from tui_nn.core.config import Config
from tui_nn.ui.widgets.boundary_view import BoundaryView
from tui_nn.ui.widgets.settings_panel import SettingsPanel
from tui_nn.ui.widgets.loss_chart import LossChart
from tui_nn.ui.widgets.network_view import NetworkView
from tui_nn.ui.widgets.status_bar import StatusBar

INITIAL_TRAIN_LOSS = 0.49944  # the default link's epoch-0 train loss, 0.4994400967795192, rounded up
DIVERGENT_LINK = DIVERGENT_HASH  # tensorflow/playground#77: lr·λ = 3, first NaN at epoch 69 (PLAYGROUND.md §7.3)
SETTLE_PAUSES = 8
"""Pauses of 50 ms during which an idle app must send nothing: longer than the loop's 250 ms wake."""


def plot_text(app: Any) -> str:
    """The boundary plot's cells only (no title, axes or labels), as one string."""
    view = app.query_one(BoundaryView)
    region = view.plot_region
    return "\n".join(line[region.x : region.right] for line in drawn(view)[region.y : region.bottom])


async def played_then_paused(pilot: Any, app: Any, seen: list[Message]) -> None:
    """Play until a few epochs are done, pause, and wait for the paused snapshot."""
    await pilot.press("space")
    await wait_until(pilot, lambda: app.playing and app.snapshot.epoch >= 5)
    await pilot.press("space")
    await wait_until(pilot, lambda: not ticks(seen)[-1].playing)


# Playing.


async def test_play_on_the_default_link_advances_the_epoch_and_lowers_the_loss(app, pilot, seen):
    await started(pilot, seen)
    assert app.snapshot.train_loss > 0.4994
    await pilot.press("space")
    await wait_until(pilot, lambda: app.snapshot.epoch >= 100, timeout=15)
    assert app.playing is True
    assert app.snapshot.train_loss < INITIAL_TRAIN_LOSS - 0.1


async def test_pause_stops_the_epoch(app, pilot, seen):
    await started(pilot, seen)
    await played_then_paused(pilot, app, seen)
    epoch = app.snapshot.epoch
    for _ in range(SETTLE_PAUSES):
        await pilot.pause(0.05)
    assert app.playing is False and app.snapshot.epoch == epoch


async def test_s_while_playing_pauses(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("space")
    await wait_until(pilot, lambda: app.playing and app.snapshot.epoch >= 3)
    await pilot.press("s")
    await wait_until(pilot, lambda: not ticks(seen)[-1].playing)
    epoch = app.snapshot.epoch
    for _ in range(SETTLE_PAUSES):
        await pilot.pause(0.05)
    assert app.playing is False and app.snapshot.epoch == epoch


# Responsiveness, in frames rather than milliseconds.


async def test_key_while_playing_shows_in_the_first_frames_after_it(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("space")
    await wait_until(pilot, lambda: app.playing and app.snapshot.epoch >= 3)
    frames_when_sent: list[int] = []
    # Frames handled before the command was queued.
    on_send(app, lambda command: frames_when_sent.append(len(ticks(seen))))
    await pilot.press("]")
    sent = frames_when_sent[0]
    await wait_until(pilot, lambda: len(ticks(seen)) >= sent + 2)
    # At most one frame can be on its way when the command is queued; the next one has it.
    assert 0.1 in [tick.snapshot.config.learning_rate for tick in ticks(seen)[sent : sent + 2]]


async def test_training_goes_on_after_a_live_change_while_playing(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("space")
    await wait_until(pilot, lambda: app.playing and app.snapshot.epoch >= 3)
    await pilot.press("]")
    await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.1)
    epoch = app.snapshot.epoch
    await wait_until(pilot, lambda: app.snapshot.epoch > epoch + 5)
    assert app.playing is True


# Idle: nothing is sent and nothing repaints.


async def test_paused_app_receives_no_snapshots(app, pilot, seen):
    await started(pilot, seen)
    await played_then_paused(pilot, app, seen)
    await pilot.pause()
    before = len(ticks(seen))
    for _ in range(SETTLE_PAUSES):
        await pilot.pause(0.05)
    assert len(ticks(seen)) == before


async def test_paused_app_repaints_neither_the_boundary_nor_the_network(app, pilot, seen):
    await started(pilot, seen)
    await played_then_paused(pilot, app, seen)
    await pilot.pause()
    calls = [count_calls(app.query_one(kind), "refresh") for kind in (BoundaryView, NetworkView)]
    for _ in range(SETTLE_PAUSES):
        await pilot.pause(0.05)
    assert calls == [[], []]


async def test_unchanged_snapshot_repaints_neither_the_boundary_nor_the_network(app, pilot, seen):
    await started(pilot, seen)
    await stepped(pilot, app, 2)
    await pilot.pause()
    calls = [count_calls(app.query_one(kind), "refresh") for kind in (BoundaryView, NetworkView)]
    before = len(ticks(seen))
    set_pace(app, app.state.pace)  # a command that changes nothing still sends a frame
    await wait_until(pilot, lambda: len(ticks(seen)) > before)
    await pilot.pause()
    assert calls == [[], []]


async def test_paused_app_repaints_neither_the_status_bar_nor_the_chart(app, pilot, seen):
    await started(pilot, seen)
    await played_then_paused(pilot, app, seen)
    await wait_until(pilot, lambda: chart_is_current(app))  # its last redraw may wait on a timer
    await pilot.pause()
    calls = [count_calls(app.query_one(kind), "refresh") for kind in (StatusBar, LossChart)]
    for _ in range(SETTLE_PAUSES):
        await pilot.pause(0.05)
    assert calls == [[], []]


# Divergence.


@pytest.mark.app(config=Config.from_link(DIVERGENT_LINK))
async def test_stepping_past_divergence_says_so_in_the_status_bar(app, pilot, seen):
    await started(pilot, seen)
    queue_steps(app, 70)
    await wait_until(pilot, lambda: app.snapshot.diverged_at is not None)
    await pilot.pause()
    assert "Diverged at epoch 69" in drawn(app.query_one(StatusBar))[1]


@pytest.mark.app(config=Config.from_link(DIVERGENT_LINK))
async def test_playing_stops_by_itself_when_the_run_diverges(app, pilot, seen):
    await started(pilot, seen)
    set_pace(app, None)
    await pilot.press("space")
    await wait_until(pilot, lambda: app.snapshot.diverged_at is not None and not app.playing)
    await pilot.pause()
    assert app.snapshot.epoch == 69
    assert "Diverged at epoch 69" in drawn(app.query_one(StatusBar))[1]


@pytest.mark.app(config=Config.from_link(DIVERGENT_LINK))
async def test_space_on_a_diverged_run_explains_and_stays_paused(app, pilot, seen):
    await started(pilot, seen)
    await stepped(pilot, app, 69)
    await pilot.press("space")
    await wait_until(pilot, lambda: reports(seen), timeout=3)
    assert reports(seen)[-1].failed is True and "diverged" in reports(seen)[-1].text
    assert app.playing is False


# Resizing.


async def test_80x24_is_narrow_and_short(app, pilot):
    await pilot.resize_terminal(80, 24)
    assert app.screen.has_class("narrow") and app.screen.has_class("short")


async def test_40x12_says_the_terminal_is_too_small_and_hides_the_rest(app, pilot):
    await pilot.resize_terminal(40, 12)
    await pilot.pause()
    assert "terminal too small (need 60x20" in "".join(drawn(app.query_one("#too-small")))
    assert not app.query_one("#main").display and not app.query_one(StatusBar).display


async def test_back_to_120x40_shows_everything_again_and_still_trains(app, pilot, seen):
    await started(pilot, seen)
    for size in ((80, 24), (40, 12), (120, 40)):
        await pilot.resize_terminal(*size)
    await pilot.pause()
    assert not any(app.screen.has_class(name) for name in ("too-small", "narrow", "short"))
    for kind in (StatusBar, SettingsPanel, NetworkView, BoundaryView, LossChart):
        assert app.query_one(kind).region.area > 0, kind.__name__
    assert not app.query_one("#too-small").display
    await stepped(pilot, app, 1)


# ASCII mode.


@pytest.mark.app(ascii_mode=True)
async def test_ascii_mode_draws_both_train_glyphs(app, pilot, seen):
    await started(pilot, seen)
    await pilot.pause()
    plot = plot_text(app)
    assert "o" in plot and "x" in plot
    assert "O" not in plot and "X" not in plot


@pytest.mark.app(ascii_mode=True)
async def test_ascii_mode_with_test_data_draws_both_test_glyphs(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("t")
    await wait_until(pilot, lambda: app.snapshot.config.show_test_data)
    await pilot.pause()
    plot = plot_text(app)
    assert "O" in plot and "X" in plot
