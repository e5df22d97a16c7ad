"""EditParameterScreen: picks a weight or the bias, returns a typed finite value, rejects others, cancels."""

from __future__ import annotations

import numpy as np
from textual.app import App
from textual.widgets import OptionList, Static

from helpers import ScreenApp, snapshot
from tui_nn.core.nodes import Node
from tui_nn.ui.screens.edit_parameter import EditParameterScreen



def error_text(app: App) -> str:
    return str(app.screen.query_one("#edit-error", Static).visual)


async def test_typed_value_for_the_first_weight_is_returned():
    app = ScreenApp(EditParameterScreen(snapshot(), Node.hidden(1, 1)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", ".", "5", "enter")
        assert app.results == [(0, 1, 0, 1.5)]


async def test_down_picks_the_next_weight():
    app = ScreenApp(EditParameterScreen(snapshot(), Node.hidden(2, 0)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "-", "2", "enter")
        assert app.results == [(1, 0, 1, -2.0)]


async def test_the_bias_is_returned_with_no_source():
    app = ScreenApp(EditParameterScreen(snapshot(), Node.output()))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "0", "enter")
        assert app.results == [(2, 0, None, 0.0)]


async def test_enter_without_typing_returns_the_exact_current_value():
    snap = snapshot()
    app = ScreenApp(EditParameterScreen(snap, Node.hidden(1, 0)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        assert app.results == [(0, 0, 0, float(snap.network.weights[0][0, 0]))]


async def test_the_list_shows_each_weight_and_the_bias_with_signs():
    app = ScreenApp(EditParameterScreen(snapshot(), Node.output()))
    async with app.run_test(size=(120, 40)):
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts[0].startswith("L2 n1") and prompts[0].endswith("-0.2319")
        assert prompts[1].startswith("L2 n2") and prompts[1].endswith("-0.1995")
        assert prompts[2].startswith("bias") and prompts[2].endswith("+0.1000")


async def test_a_word_is_rejected_with_a_message_and_the_screen_stays():
    app = ScreenApp(EditParameterScreen(snapshot(), Node.hidden(1, 0)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "b", "c", "enter")
        assert "'abc' is not a number" in error_text(app)
        assert isinstance(app.screen, EditParameterScreen) and app.results == []


async def test_nan_is_rejected_as_not_finite():
    app = ScreenApp(EditParameterScreen(snapshot(), Node.hidden(1, 0)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "a", "n", "enter")
        assert "'nan' is not a finite number" in error_text(app)
        assert isinstance(app.screen, EditParameterScreen) and app.results == []


async def test_escape_returns_none():
    app = ScreenApp(EditParameterScreen(snapshot(), Node.hidden(1, 0)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")
        assert app.results == [None]


async def test_dead_links_are_listed_but_skipped():
    snap = snapshot()
    snap.network.dead = np.zeros(snap.network.params.size, dtype=bool)
    snap.network.dead_views()[2][0, 1] = True
    app = ScreenApp(EditParameterScreen(snap, Node.output()))
    async with app.run_test(size=(120, 40)) as pilot:
        options = app.screen.query_one(OptionList)
        assert options.get_option_at_index(1).disabled
        assert "removed by L1" in str(options.get_option_at_index(1).prompt)
        await pilot.press("down", "3", "enter")
        assert app.results == [(2, 0, None, 3.0)]
