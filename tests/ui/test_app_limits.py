"""Administrator limits in the app: the speed cap (``.`` and "max" stop there) and the idle pause."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers import started, ticks, wait_until
from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.launch import run_app
from tui_nn.ui.limits import IdleClock, cap_pace, duration
from tui_nn.ui.state import UiState
from tui_nn.ui.widgets.status_bar import StatusBar


def test_cap_turns_max_into_the_cap():
    assert cap_pace(UiState(Config(), pace=None), 100).pace == 100


def test_cap_keeps_a_slower_pace():
    assert cap_pace(UiState(Config(), pace=20), 100).pace == 20


def test_no_cap_keeps_max():
    assert cap_pace(UiState(Config(), pace=None), None).pace is None


def test_idle_clock_counts_from_the_last_input():
    now = [100.0]
    clock = IdleClock(30, clock=lambda: now[0])
    now[0] = 125.0
    assert clock.remaining() == 5
    clock.touch()
    now[0] = 140.0
    assert clock.remaining() == 15


@pytest.mark.parametrize(("seconds", "text"), [(45, "45 s"), (600, "10 min"), (5400, "90 min"), (7200, "2 h")])
def test_idle_time_reads_in_a_persons_unit(seconds, text):
    assert duration(seconds) == text


@pytest.mark.app(state=UiState(Config(), pace=None), max_speed=30)
async def test_the_start_pace_is_capped(app):
    assert (app.state.pace, app.loop.pace) == (30, 30)


@pytest.mark.app(max_speed=100)
async def test_full_stop_cannot_pass_the_cap_and_says_so(app, pilot):
    await pilot.press(*["full_stop"] * 12)
    await wait_until(pilot, lambda: app.loop.pace == 100)
    assert app.state.pace == 100
    assert "speed capped at 100/s" in app.query_one(StatusBar).message


@pytest.mark.app(max_speed=100)
async def test_comma_goes_down_from_the_cap(app, pilot):
    await pilot.press("full_stop", "full_stop", "comma")
    assert app.state.pace == 60


@pytest.mark.app(idle_pause=0.3)
async def test_training_pauses_itself_after_the_idle_time_and_says_so(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("space")
    await wait_until(pilot, lambda: any(tick.playing for tick in ticks(seen)))
    await wait_until(pilot, lambda: not app.playing)
    assert app.query_one(StatusBar).message == "paused: idle 0.3 s"


@pytest.mark.app(idle_pause=1000)
async def test_a_key_press_starts_the_idle_time_again(app, pilot):
    app.idle.last_input -= 5000
    assert app.idle.remaining() < 0
    await pilot.press("t")
    assert app.idle.remaining() > 990


def test_run_app_hands_the_limits_to_the_app(monkeypatch):
    opened: list[PlaygroundApp] = []
    monkeypatch.setattr(PlaygroundApp, "run", lambda self: opened.append(self))
    args = SimpleNamespace(speed=None, fps=10, ascii=True, save=None, max_speed=40, idle_pause=600)
    run_app(Trainer(Config(seed="0.1")), args)
    [app] = opened
    assert (app.state.pace, app.max_speed, app.idle.seconds) == (40, 40, 600)
