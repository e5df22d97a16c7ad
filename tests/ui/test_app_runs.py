"""The app's keys for issue 9: S saves the run, x exports beside it, O opens the training settings;
the palette offers each export."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import numpy as np
from textual.message import Message

from helpers import make_app, reports, running, started, stepped, wait_until
from tui_nn.core.saved_run import load_run
from tui_nn.ui.screens.training_settings import TrainingSettingsScreen


async def test_shift_s_saves_a_run_that_resumes_where_the_app_stopped(tmp_path):
    seen: list[Message] = []
    path = tmp_path / "lab.npz"
    app = make_app(run_path=str(path))
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        await stepped(pilot, app, 3)
        await pilot.press("S")
        await wait_until(pilot, lambda: any("saved the run" in r.text for r in reports(seen)))
        params = app.snapshot.network.params.copy()
    resumed = load_run(path)
    assert resumed.epoch == 3 and np.array_equal(resumed.network.params, params)


async def test_shift_x_writes_every_export_next_to_the_run(tmp_path):
    seen: list[Message] = []
    app = make_app(run_path=str(tmp_path / "lab.npz"))
    async with running(app, (80, 24), seen) as pilot:
        await started(pilot, seen)
        await pilot.press("X")
        await wait_until(pilot, lambda: any("exported" in r.text for r in reports(seen)))
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["lab-boundary.svg", "lab-link.txt", "lab-loss.csv", "lab-screen.svg", "lab-weights.npz"]
    assert ET.parse(tmp_path / "lab-screen.svg").getroot().tag.endswith("svg")
    assert "Epoch" in (tmp_path / "lab-screen.svg").read_text()


@pytest.mark.app(run_path=lambda tmp_path: str(tmp_path / "lab.npz"))
async def test_palette_offers_each_export(app, pilot, tmp_path):
    titles = {command.title for command in app.get_system_commands(app.screen)}
    assert {"Export boundary", "Export screen", "Export loss", "Export weights", "Export link", "Training settings"} <= titles
    assert {"Increase optimizer", "Decrease momentum", "Increase reshuffle", "Increase schedule"} <= titles
    command = next(c for c in app.get_system_commands(app.screen) if c.title == "Export boundary")
    app.call_later(command.callback)
    await wait_until(pilot, lambda: (tmp_path / "lab-boundary.svg").exists())


@pytest.mark.app(size=(80, 24))
async def test_o_opens_the_training_settings_and_changes_the_optimizer_live(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("O")
    await wait_until(pilot, lambda: isinstance(app.screen, TrainingSettingsScreen))
    await pilot.press("right")
    await wait_until(pilot, lambda: app.snapshot.config.optimizer == "momentum")
    await pilot.press("down", "right")
    await wait_until(pilot, lambda: app.snapshot.config.momentum == 0.95)
    assert "Momentum      ◀0.95▶" in app.screen.panel.render().plain
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(app.screen, TrainingSettingsScreen))
