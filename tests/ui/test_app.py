"""PlaygroundApp's own keys: each binding of ``PlaygroundApp.BINDINGS`` changes the documented state.

Tests drive the real app (training worker included), opened by the ``app`` fixture of
``conftest.py``, and wait for the state, never for time. The other ``test_app_*.py`` files cover:

* ``test_app_panels.py``: the settings panel, the network view and the command palette;
* ``test_app_training.py``: playing, responsiveness, idling, divergence, resizing, ASCII mode;
* ``test_app_golden.py``: the whole main screen as exact text (``UPDATE_GOLDEN=1`` rewrites it).

Shared helpers live in ``helpers.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from textual.message import Message

from helpers import SEED, drawn, make_app, on_send, params, reports, started, stepped, wait_until
from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer
from tui_nn.draw.numbers import format_loss
from tui_nn.ui.screens.edit_parameter import EditParameterScreen
from tui_nn.ui.screens.help import HelpScreen
from tui_nn.ui.screens.link import OpenLinkScreen, ShareScreen
from tui_nn.ui.widgets.loss_chart import LossChart
from tui_nn.ui.widgets.settings_panel import SettingsPanel
from tui_nn.ui.widgets.network_view import NetworkView
from tui_nn.ui.widgets.status_bar import StatusBar

OTHER_LINK = "activation=relu&dataset=xor&learningRate=0.1&networkShape=3&seed=0.12345&percTrainData=70"


# Play and step.


async def test_s_trains_one_epoch_and_stays_paused(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("s")
    await wait_until(pilot, lambda: app.snapshot.epoch == 1)
    await pilot.pause()
    assert app.playing is False and app.snapshot.epoch == 1


async def test_space_starts_training(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("space")
    await wait_until(pilot, lambda: app.playing and app.snapshot.epoch > 0)


async def test_r_after_steps_goes_back_to_epoch_0_with_new_weights(app, pilot, seen):
    await started(pilot, seen)
    initial = params(app)
    await stepped(pilot, app, 3)
    trained = params(app)
    await pilot.press("r")
    await wait_until(pilot, lambda: app.snapshot.epoch == 0)
    # The Playground's reset draws from the continuing stream: not the page-load weights again.
    assert not np.array_equal(params(app), initial)
    assert not np.array_equal(params(app), trained)


async def test_g_draws_a_new_seed_and_keeps_the_epoch(app, pilot, seen):
    await started(pilot, seen)
    await stepped(pilot, app, 2)
    await pilot.press("g")
    await wait_until(pilot, lambda: app.snapshot.config.seed != SEED)
    assert app.snapshot.epoch == 2


# Learning rate and pace.


async def test_right_bracket_raises_the_learning_rate_live(app, pilot, seen):
    await started(pilot, seen)
    await stepped(pilot, app, 2)
    await pilot.press("]")
    await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.1)
    assert app.snapshot.epoch == 2


async def test_left_bracket_lowers_the_learning_rate_live(app, pilot, seen):
    await started(pilot, seen)
    await stepped(pilot, app, 2)
    await pilot.press("[")
    await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.01)
    assert app.snapshot.epoch == 2


async def test_full_stop_trains_faster(app, pilot):
    await pilot.press(".")
    assert app.state.pace == 120
    await wait_until(pilot, lambda: app.loop.pace == 120)


async def test_comma_trains_slower(app, pilot):
    await pilot.press(",")
    assert app.state.pace == 30
    await wait_until(pilot, lambda: app.loop.pace == 30)


# View toggles.


async def test_t_shows_the_test_data(app, pilot):
    await pilot.press("t")
    assert app.state.config.show_test_data is True
    await wait_until(pilot, lambda: app.snapshot.config.show_test_data)


async def test_t_twice_hides_the_test_data_again(app, pilot):
    await pilot.press("t", "t")
    assert app.state.config.show_test_data is False


async def test_d_discretizes_the_output(app, pilot):
    await pilot.press("d")
    assert app.state.config.discretize is True
    await wait_until(pilot, lambda: app.snapshot.config.discretize)


# Screens.


async def test_e_opens_the_editor_on_the_output_neuron(app, pilot):
    await pilot.press("e")
    assert isinstance(app.screen, EditParameterScreen)
    assert app.screen.weight_layer == len(app.snapshot.config.hidden_layers)  # the output's weights


async def test_edit_applied_in_the_editor_reaches_the_network(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("e")
    app.screen.value_input.value = "1.5"
    await pilot.press("enter")
    # The first editable parameter of the output neuron: its weight from hidden layer 2, neuron 1.
    await wait_until(pilot, lambda: app.snapshot.network.weights[-1][0, 0] == 1.5)
    assert not isinstance(app.screen, EditParameterScreen)


async def test_edit_shows_the_new_loss_in_the_chart_legend_as_in_the_status_bar(app, pilot, seen):
    await started(pilot, seen)
    before = format_loss(app.snapshot.train_loss)
    await pilot.press("e")
    app.screen.value_input.value = "3"
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.snapshot.network.weights[-1][0, 0] == 3.0)
    after = format_loss(app.snapshot.train_loss)
    assert after != before
    # An edit changes the losses without adding a point to the history; the legend follows anyway.
    await wait_until(pilot, lambda: f"train {after}" in drawn(app.query_one(LossChart))[0])


async def test_c_shows_the_current_link_and_copies_it(app, pilot):
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    await pilot.press("c")
    link = app.snapshot.config.to_link()
    assert isinstance(app.screen, ShareScreen)
    assert app.screen.link == link
    assert copied == [link]


async def test_c_link_carries_the_seed_and_a_live_change(app, pilot):
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    await pilot.press("]")
    await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.1)
    await pilot.press("c")
    assert Config.from_link(copied[0]) == Config(seed=SEED, learning_rate=0.1)


async def test_o_asks_for_a_link(app, pilot):
    await pilot.press("o")
    assert isinstance(app.screen, OpenLinkScreen)


async def test_link_entered_after_o_opens_that_run(app, pilot, seen):
    await started(pilot, seen)
    await stepped(pilot, app, 2)
    await pilot.press("o")
    app.screen.link_input.value = OTHER_LINK
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.snapshot.config == Config.from_link(OTHER_LINK))
    assert app.snapshot.epoch == 0
    assert app.state.config.replace(seed=SEED) == Config.from_link(OTHER_LINK).replace(seed=SEED)


@pytest.mark.app(save_path="m.npz")  # the app runs in tmp_path
async def test_ctrl_s_writes_a_model_that_loads_back(app, pilot, seen, tmp_path: Path):
    path = tmp_path / "m.npz"
    await started(pilot, seen)
    await stepped(pilot, app, 2)
    saved = app.snapshot
    await pilot.press("ctrl+s")
    await wait_until(pilot, path.exists)  # written to a temporary file, then renamed
    loaded = Trainer.load(str(path))
    assert loaded.epoch == 2 and loaded.config == saved.config
    np.testing.assert_array_equal(loaded.network.params, saved.network.params)


@pytest.mark.app(save_path="m.npz")  # a short path in tmp_path, so the whole message fits the status bar
async def test_ctrl_s_says_where_the_model_went(app, pilot, seen):
    path = "m.npz"
    await started(pilot, seen)
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: reports(seen), timeout=3)
    await pilot.pause()
    assert reports(seen)[-1].failed is False
    assert f"saved the model to {path}" in "".join(drawn(app.query_one(StatusBar)))


async def test_question_mark_opens_the_help(app, pilot):
    await pilot.press("?")
    assert isinstance(app.screen, HelpScreen)


# Panels.


async def test_tab_focuses_the_network_view(app, pilot):
    await pilot.press("tab")
    assert isinstance(app.focused, NetworkView)


async def test_tab_twice_focuses_the_settings_again(app, pilot):
    await pilot.press("tab", "tab")
    assert isinstance(app.focused, SettingsPanel)


@pytest.mark.app(size=(80, 24))
async def test_tab_in_a_narrow_terminal_shows_the_network_instead_of_the_settings(app, pilot):
    await pilot.press("tab")
    await pilot.pause()
    network, settings = app.query_one(NetworkView), app.query_one(SettingsPanel)
    assert isinstance(app.focused, NetworkView)
    assert network.display and network.region.width > 0
    assert not settings.display


# Quitting: these open the app with ``run_test`` themselves, since the ending is what they test.


async def test_q_quits():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
    assert not app.is_running


async def test_ctrl_c_quits():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.return_code == 0
    assert not app.is_running


async def test_q_while_playing_quits_cleanly():
    seen: list[Message] = []
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await pilot.press("space")
        await wait_until(pilot, lambda: app.playing and app.snapshot.epoch > 0)
        await pilot.press("q")
    assert app.return_code == 0 and not app.is_running


async def test_closing_while_playing_ends_without_an_error():
    """As when the terminal goes away: the app shuts down while the loop is still sending frames."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        await wait_until(pilot, lambda: app.playing and app.snapshot.epoch > 0)
    assert not app.is_running


async def test_ctrl_c_quits_from_a_modal_screen():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.return_code == 0
    assert not app.is_running


async def test_a_link_whose_screen_closes_as_the_app_quits_is_not_opened(app, pilot):
    # Found by test_fuzz.py: the link screen's callback runs after keys queued behind enter; a quit
    # among them had taken the widgets down, and opening the link crashed on the missing status bar.
    sent: list[object] = []
    on_send(app, sent.append)
    before = app.state.config
    app.exit()
    app._open_link(OTHER_LINK)  # the callback, after the quit
    assert sent == [] and app.state.config == before
