"""The experiment keys: restart (R), stop rule (u), compare (v), repeats (n), sweep (w) and the run log (L)."""

from __future__ import annotations

import csv
from dataclasses import replace

import pytest
import numpy as np

from helpers import make_app, params, started, stepped, wait_until, send
from tui_nn.core.config import Config
from tui_nn.core.stopping import StopRule
from tui_nn.core.trainer import Trainer
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.screens.compare import CompareScreen
from tui_nn.ui.screens.experiment_setup import ExperimentSetupScreen
from tui_nn.ui.screens.run_log import RunLogScreen
from tui_nn.ui.screens.stop_rule import StopRuleScreen
from tui_nn.ui.screens.sweep import SweepScreen
from tui_nn.ui.training_commands import Restart, SetStopRule
from tui_nn.ui.widgets.comparison_chart import ComparisonChart
from tui_nn.ui.widgets.variant_tiles import VariantTiles


async def open_compare(pilot, app: PlaygroundApp, key: str, values: str, repeats: str | None = None) -> CompareScreen:
    """Press ``key`` (C or A), fill the setup's fields and start; returns the open CompareScreen."""
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(app.screen, ExperimentSetupScreen))
    setup = app.screen
    assert isinstance(setup, ExperimentSetupScreen)
    if values:
        setup.values_input.value = values
    if repeats is not None:
        setup.repeats_input.value = repeats
    setup.values_input.focus() if values else setup.repeats_input.focus()
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
    return app.screen  # type: ignore[return-value]


async def close_screen(pilot, app: PlaygroundApp) -> None:
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(app.screen, (CompareScreen, SweepScreen)))


async def test_restart_key_returns_to_the_same_initial_weights(app, pilot, seen):
    await started(pilot, seen)
    start = params(app)
    await stepped(pilot, app, 3)
    await pilot.press("R")
    await wait_until(pilot, lambda: app.snapshot.epoch == 0)
    np.testing.assert_array_equal(params(app), start)


async def test_stop_rule_pauses_at_the_epoch_set_in_its_screen(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("T")
    await wait_until(pilot, lambda: isinstance(app.screen, StopRuleScreen))
    app.screen.epoch_input.value = "7"  # type: ignore[attr-defined]
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.loop.stop_rule == StopRule(epochs=7))
    await pilot.press("space")
    await wait_until(pilot, lambda: app.snapshot.epoch == 7 and not app.playing)
    await pilot.pause(0.1)
    assert app.snapshot.epoch == 7


async def test_stop_rule_pauses_when_the_test_loss_falls_below_the_target(app, pilot, seen):
    await started(pilot, seen)
    send(app, SetStopRule(StopRule(below=0.3)))
    await pilot.press("space")
    await wait_until(pilot, lambda: app.snapshot.test_loss < 0.3 and not app.playing)
    epoch = app.snapshot.epoch
    await pilot.pause(0.1)
    assert app.snapshot.epoch == epoch and app.snapshot.history[2][-2] >= 0.3


async def test_bad_stop_rule_is_named_and_the_screen_stays(app, pilot):
    await pilot.press("T")
    await wait_until(pilot, lambda: isinstance(app.screen, StopRuleScreen))
    app.screen.loss_input.value = "-1"  # type: ignore[attr-defined]
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, StopRuleScreen)
    assert "target test loss: -1 must be a number above 0" in str(app.screen.error.render())  # type: ignore[attr-defined]


async def test_compare_trains_three_learning_rates_from_the_runs_start_and_logs_them(app, pilot, seen):
    await started(pilot, seen)
    start = params(app)
    screen = await open_compare(pilot, app, "C", "0.00001 0.03 3")
    assert [row.label for row in screen.snapshot.rows] == ["0.00001", "0.03", "3"]
    for row in screen.snapshot.rows:
        np.testing.assert_array_equal(row.network.params, start)
    for _ in range(5):
        await pilot.press("s")
    await wait_until(pilot, lambda: screen.snapshot.epoch == 5)
    separate = Trainer(Config(seed="0.59704", learning_rate=3.0))
    separate.step(5)
    assert abs(screen.snapshot.rows[2].test_loss - separate.test_loss) <= 1e-12
    assert screen.tiles.size.height > 0 and screen.query_one(ComparisonChart).size.height > 0
    await close_screen(pilot, app)
    rows = app.loop.run_log.rows()
    assert [(r.began, r.change, r.epoch) for r in rows] == [
        ("compare", "learning rate 0.00001", 5), ("compare", "learning rate 0.03", 5), ("compare", "learning rate 3", 5)]


async def test_compare_reset_draws_new_weights_and_restart_goes_back(app, pilot):
    screen = await open_compare(pilot, app, "C", "0.01 0.1")
    first = screen.snapshot.rows[0].network.params.copy()
    await pilot.press("s")
    await wait_until(pilot, lambda: screen.snapshot.epoch == 1)
    await pilot.press("r")
    await wait_until(pilot, lambda: screen.snapshot.epoch == 0)
    assert not np.array_equal(screen.snapshot.rows[0].network.params, first)
    await pilot.press("R")
    await pilot.press("s")
    await wait_until(pilot, lambda: screen.snapshot.epoch == 1)
    await pilot.press("R")
    await wait_until(pilot, lambda: screen.snapshot.epoch == 0)
    assert not np.array_equal(screen.snapshot.rows[0].network.params, first)  # the reset's weights, kept
    await close_screen(pilot, app)


@pytest.mark.app(size=(80, 24))
async def test_compare_at_80x24_shows_tiles_numbers_and_the_chart(app, pilot):
    screen = await open_compare(pilot, app, "C", "0.001 0.003 0.01 0.03 0.1 0.3 1 3")
    await pilot.press("s")
    await wait_until(pilot, lambda: screen.snapshot.epoch == 1)
    await pilot.pause(0.1)
    tiles = screen.query_one(VariantTiles)
    drawn = [tiles.render_line(y).text for y in range(tiles.size.height)]
    assert drawn and drawn[0].count("■") >= 4
    assert screen.query_one(ComparisonChart).size.height >= 5
    await close_screen(pilot, app)


@pytest.mark.app(config=Config(seed="0.5", dataset="xor", activation="relu", hidden_layers=(3,), regularization_rate=0.003))
async def test_repeats_of_two_settings_show_the_spread(app, pilot):
    await pilot.press("A")
    await wait_until(pilot, lambda: isinstance(app.screen, ExperimentSetupScreen))
    setup = app.screen
    setup.settings_list.highlighted = [None if r is None else r.field for r in setup.rows].index("regularization")
    await wait_until(pilot, lambda: not setup.values_input.disabled)  # the suggestion for the new setting is in
    assert setup.values_input.value == "none L1 L2"
    setup.values_input.value = "L1 L2"
    setup.epoch_input.value = "20"
    setup.values_input.focus()
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
    screen = app.screen
    assert len(screen.snapshot.rows) == 10 and screen.snapshot.repeats == 5
    await pilot.press("space")
    await wait_until(pilot, lambda: screen.snapshot.epoch == 20 and not screen.snapshot.running)
    text = str(screen.table.render())
    assert "test loss over the initial weights:" in text and "difference of means" in text
    await close_screen(pilot, app)
    assert app.loop.run_log.rows()[-1].change == "regularization L2, init 5 of 5"


async def test_setup_names_a_bad_value_and_stays_open(app, pilot):
    await pilot.press("C")
    await wait_until(pilot, lambda: isinstance(app.screen, ExperimentSetupScreen))
    app.screen.values_input.value = "0.1 fast"  # type: ignore[attr-defined]
    app.screen.values_input.focus()  # type: ignore[attr-defined]
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ExperimentSetupScreen)
    assert "'fast' is not a number" in str(app.screen.error.render())


async def test_sweep_names_the_regions_and_logs_eleven_runs(app, pilot):
    await pilot.press("P")
    await wait_until(pilot, lambda: isinstance(app.screen, SweepScreen))
    screen = app.screen
    await wait_until(pilot, lambda: screen.result is not None, timeout=60)
    assert "regions: too small 0.00001..0.003 · good 0.01..1 · too large 3..10" in str(screen.details.render())
    await close_screen(pilot, app)
    assert len(app.loop.run_log.rows()) == 11 and app.loop.run_log.rows()[0].began == "sweep"


async def test_run_log_after_a_scripted_sequence_of_changes(app, pilot, seen, tmp_path, monkeypatch):
    await started(pilot, seen)
    await stepped(pilot, app, 4)
    await pilot.press("r")  # reset: run 1 ends
    await wait_until(pilot, lambda: app.snapshot.epoch == 0)
    await stepped(pilot, app, 3)
    app._set_state(replace(app.state, config=app.state.config.replace(regularization="L1", regularization_rate=0.01)))
    await wait_until(pilot, lambda: app.snapshot.config.regularization == "L1")
    send(app, Restart())  # the L1 run from the earlier start (R is tested above)
    await stepped(pilot, app, 2)
    await pilot.press("right_square_bracket")  # a live change: no new run
    await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.1)
    rows = app.loop.run_log.rows()
    assert [(r.number, r.began, r.epoch, r.change) for r in rows] == [
        (1, "start", 4, "first run"), (2, "reset", 3, "same settings")]
    await pilot.press("L")
    await wait_until(pilot, lambda: isinstance(app.screen, RunLogScreen))
    text = app.screen.table_text()  # type: ignore[attr-defined]
    last = text.splitlines()[-1]
    assert last.split()[:2] == ["3", "restart"] and "learning rate 0.03 -> 0.1" in last and last.endswith("now")
    monkeypatch.chdir(tmp_path)
    await pilot.press("x")
    await pilot.pause()
    written = list(csv.DictReader((tmp_path / "tui-nn-runs.csv").open()))
    assert [row["began"] for row in written] == ["start", "reset", "restart"]
    assert written[2]["change"] == "regularization None -> L1, learning rate 0.03 -> 0.1, reg. rate 0 -> 0.01"
    await pilot.press("escape")


async def test_main_run_keys_are_off_while_a_comparison_is_open(app, pilot, seen):
    await started(pilot, seen)
    await open_compare(pilot, app, "C", "0.01 0.1")
    await pilot.press("right_square_bracket")
    await pilot.pause(0.1)
    assert app.state.config.learning_rate == 0.03
    await close_screen(pilot, app)


def test_new_keys_are_in_the_help_and_the_palette():
    keys = dict(make_app().key_help())
    assert {"R", "u", "v", "n", "w", "L"} <= set(keys)


async def test_tab_moves_between_the_setup_fields_not_the_main_panels(app, pilot):
    await pilot.press("C")
    await wait_until(pilot, lambda: isinstance(app.screen, ExperimentSetupScreen))
    setup = app.screen
    await pilot.press("tab")
    assert app.focused is setup.values_input  # type: ignore[attr-defined]
    await pilot.press("escape")
