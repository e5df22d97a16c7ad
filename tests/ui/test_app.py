"""PlaygroundApp's own keys: each binding of ``PlaygroundApp.BINDINGS`` changes the documented state.

Tests drive the real app (training worker included) through ``run_test`` and wait for the state,
never for time. The helpers here are shared with the other ``test_app_*.py`` files:

* ``test_app_panels.py``: the settings panel, the network view and the command palette;
* ``test_app_training.py``: playing, responsiveness, idling, divergence, resizing, ASCII mode;
* ``test_app_golden.py``: the whole main screen as exact text (``UPDATE_GOLDEN=1`` rewrites it).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widget import Widget

from conftest import wait_until
from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer
from tui_nn.draw.numbers import format_loss
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.messages import TrainingReported, TrainingTicked
from tui_nn.ui.screens.edit_parameter import EditParameterScreen
from tui_nn.ui.screens.help import HelpScreen
from tui_nn.ui.screens.link import OpenLinkScreen, ShareScreen
from tui_nn.ui.training_commands import Step, Stop
from tui_nn.ui.widgets.settings_panel import SettingsPanel
from tui_nn.ui.widgets.loss_chart import LossChart
from tui_nn.ui.widgets.network_view import NetworkView
from tui_nn.ui.widgets.status_bar import StatusBar

SEED = "0.59704"
"""The seed of the Playground's default link; every test starts from it unless it says otherwise."""

OTHER_LINK = "activation=relu&dataset=xor&learningRate=0.1&networkShape=3&seed=0.12345&percTrainData=70"


@asynccontextmanager
async def running(
    app: PlaygroundApp, size: tuple[int, int] = (120, 40), seen: list[Message] | None = None
) -> AsyncIterator[Pilot]:
    """``app.run_test`` at ``size``, recording handled messages in ``seen``.

    On the way out it stops the training loop and lets the app handle the loop's last frames, so
    a test ends the same way whether or not it left training running (quitting while frames are
    still arriving is tested on its own), and no test waits for the loop's next wake.
    """
    async with app.run_test(size=size, message_hook=None if seen is None else seen.append) as pilot:
        yield pilot
        app.loop.send(Stop())
        await app.workers.wait_for_complete()
        await pilot.pause()


def make_app(config: Config | None = None, **options: Any) -> PlaygroundApp:
    """The app on the default link (or ``config``), as ``tui-nn`` would open it."""
    return PlaygroundApp(Trainer(config or Config(seed=SEED)), **options)


def ticks(seen: list[Message]) -> list[TrainingTicked]:
    """The TrainingTicked messages the app has handled, oldest first."""
    return [message for message in seen if isinstance(message, TrainingTicked)]


def reports(seen: list[Message]) -> list[TrainingReported]:
    return [message for message in seen if isinstance(message, TrainingReported)]


async def started(pilot: Any, seen: list[Message]) -> None:
    """Wait for the worker's first snapshot: the training thread is running."""
    await wait_until(pilot, lambda: ticks(seen))


async def stepped(pilot: Any, app: PlaygroundApp, epochs: int) -> None:
    """Train exactly ``epochs`` more epochs through the loop's queue and wait for the snapshot."""
    target = app.snapshot.epoch + epochs
    for _ in range(epochs):
        app.loop.send(Step())
    await wait_until(pilot, lambda: app.snapshot.epoch == target)


def drawn(widget: Widget) -> list[str]:
    """What a widget draws, one string per row, as plain text."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def chart_is_current(app: PlaygroundApp) -> bool:
    """Whether the loss chart has drawn up to the newest epoch (it redraws at most twice a second)."""
    chart = app.query_one(LossChart)
    if not chart.display:
        return True
    rows = [row.split() for row in drawn(chart)]
    return any(row and row[-1] == str(app.snapshot.epoch) for row in rows)  # the x axis's last tick


def params(app: PlaygroundApp) -> np.ndarray:
    """The newest snapshot's flat weights and biases."""
    return app.snapshot.network.params.copy()


# Play and step.


async def test_s_trains_one_epoch_and_stays_paused():
    seen: list[Message] = []
    app = make_app()
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        await pilot.press("s")
        await wait_until(pilot, lambda: app.snapshot.epoch == 1)
        await pilot.pause()
        assert app.playing is False and app.snapshot.epoch == 1


async def test_space_starts_training():
    seen: list[Message] = []
    app = make_app()
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        await pilot.press("space")
        await wait_until(pilot, lambda: app.playing and app.snapshot.epoch > 0)


async def test_r_after_steps_goes_back_to_epoch_0_with_new_weights():
    seen: list[Message] = []
    app = make_app()
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        initial = params(app)
        await stepped(pilot, app, 3)
        trained = params(app)
        await pilot.press("r")
        await wait_until(pilot, lambda: app.snapshot.epoch == 0)
        # The Playground's reset draws from the continuing stream: not the page-load weights again.
        assert not np.array_equal(params(app), initial)
        assert not np.array_equal(params(app), trained)


async def test_g_draws_a_new_seed_and_keeps_the_epoch():
    seen: list[Message] = []
    app = make_app()
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        await stepped(pilot, app, 2)
        await pilot.press("g")
        await wait_until(pilot, lambda: app.snapshot.config.seed != SEED)
        assert app.snapshot.epoch == 2


# Learning rate and pace.


async def test_right_bracket_raises_the_learning_rate_live():
    seen: list[Message] = []
    app = make_app()
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        await stepped(pilot, app, 2)
        await pilot.press("]")
        await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.1)
        assert app.snapshot.epoch == 2


async def test_left_bracket_lowers_the_learning_rate_live():
    seen: list[Message] = []
    app = make_app()
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        await stepped(pilot, app, 2)
        await pilot.press("[")
        await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.01)
        assert app.snapshot.epoch == 2


async def test_full_stop_trains_faster():
    app = make_app()
    async with running(app, (120, 40)) as pilot:
        await pilot.press(".")
        assert app.state.pace == 120
        await wait_until(pilot, lambda: app.loop.pace == 120)


async def test_comma_trains_slower():
    app = make_app()
    async with running(app, (120, 40)) as pilot:
        await pilot.press(",")
        assert app.state.pace == 30
        await wait_until(pilot, lambda: app.loop.pace == 30)


# View toggles.


async def test_t_shows_the_test_data():
    app = make_app()
    async with running(app, (120, 40)) as pilot:
        await pilot.press("t")
        assert app.state.config.show_test_data is True
        await wait_until(pilot, lambda: app.snapshot.config.show_test_data)


async def test_t_twice_hides_the_test_data_again():
    app = make_app()
    async with running(app, (120, 40)) as pilot:
        await pilot.press("t", "t")
        assert app.state.config.show_test_data is False


async def test_d_discretizes_the_output():
    app = make_app()
    async with running(app, (120, 40)) as pilot:
        await pilot.press("d")
        assert app.state.config.discretize is True
        await wait_until(pilot, lambda: app.snapshot.config.discretize)


# Screens.


async def test_e_opens_the_editor_on_the_output_neuron():
    app = make_app()
    async with running(app, (120, 40)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EditParameterScreen)
        assert app.screen.weight_layer == len(app.snapshot.config.hidden_layers)  # the output's weights


async def test_edit_applied_in_the_editor_reaches_the_network():
    seen: list[Message] = []
    app = make_app()
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        await pilot.press("e")
        app.screen.value_input.value = "1.5"
        await pilot.press("enter")
        # The first editable parameter of the output neuron: its weight from hidden layer 2, neuron 1.
        await wait_until(pilot, lambda: app.snapshot.network.weights[-1][0, 0] == 1.5)
        assert not isinstance(app.screen, EditParameterScreen)


async def test_edit_shows_the_new_loss_in_the_chart_legend_as_in_the_status_bar():
    seen: list[Message] = []
    app = make_app()
    async with running(app, (120, 40), seen) as pilot:
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


async def test_c_shows_the_current_link_and_copies_it():
    copied: list[str] = []
    app = make_app()
    async with running(app, (120, 40)) as pilot:
        app.copy_to_clipboard = copied.append
        await pilot.press("c")
        link = app.snapshot.config.to_link()
        assert isinstance(app.screen, ShareScreen)
        assert app.screen.link == link
        assert copied == [link]


async def test_c_link_carries_the_seed_and_a_live_change():
    seen: list[Message] = []
    copied: list[str] = []
    app = make_app()
    async with running(app, (120, 40), seen) as pilot:
        app.copy_to_clipboard = copied.append
        await pilot.press("]")
        await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.1)
        await pilot.press("c")
        assert Config.from_link(copied[0]) == Config(seed=SEED, learning_rate=0.1)


async def test_o_asks_for_a_link():
    app = make_app()
    async with running(app, (120, 40)) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, OpenLinkScreen)


async def test_link_entered_after_o_opens_that_run():
    seen: list[Message] = []
    app = make_app()
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        await stepped(pilot, app, 2)
        await pilot.press("o")
        app.screen.link_input.value = OTHER_LINK
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.snapshot.config == Config.from_link(OTHER_LINK))
        assert app.snapshot.epoch == 0
        assert app.state.config.replace(seed=SEED) == Config.from_link(OTHER_LINK).replace(seed=SEED)


async def test_ctrl_s_writes_a_model_that_loads_back(tmp_path: Path):
    seen: list[Message] = []
    path = tmp_path / "m.npz"
    app = make_app(save_path=str(path))
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        await stepped(pilot, app, 2)
        saved = app.snapshot
        await pilot.press("ctrl+s")
        await wait_until(pilot, path.exists)  # written to a temporary file, then renamed
    loaded = Trainer.load(str(path))
    assert loaded.epoch == 2 and loaded.config == saved.config
    np.testing.assert_array_equal(loaded.network.params, saved.network.params)


async def test_ctrl_s_says_where_the_model_went(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # a short path, so the whole message fits the status bar
    seen: list[Message] = []
    path = "m.npz"
    app = make_app(save_path=path)
    async with running(app, (120, 40), seen) as pilot:
        await started(pilot, seen)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: reports(seen), timeout=3)
        await pilot.pause()
        assert reports(seen)[-1].failed is False
        assert f"saved the model to {path}" in "".join(drawn(app.query_one(StatusBar)))


async def test_question_mark_opens_the_help():
    app = make_app()
    async with running(app, (120, 40)) as pilot:
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)


# Panels.


async def test_tab_focuses_the_network_view():
    app = make_app()
    async with running(app, (120, 40)) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, NetworkView)


async def test_tab_twice_focuses_the_settings_again():
    app = make_app()
    async with running(app, (120, 40)) as pilot:
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, SettingsPanel)


async def test_tab_in_a_narrow_terminal_shows_the_network_instead_of_the_settings():
    app = make_app()
    async with running(app, (80, 24)) as pilot:
        await pilot.press("tab")
        await pilot.pause()
        network, settings = app.query_one(NetworkView), app.query_one(SettingsPanel)
        assert isinstance(app.focused, NetworkView)
        assert network.display and network.region.width > 0
        assert not settings.display


# Quitting.


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
