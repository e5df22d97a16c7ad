"""The app's panels and command palette: settings-panel arrows, network-view keys, system commands.

The ``app`` fixture of ``conftest.py`` opens the app; shared helpers live in ``helpers.py``.
"""

from __future__ import annotations

from textual import events
from textual.command import CommandList
from textual.pilot import Pilot

from helpers import started, stepped, wait_until
from tui_nn.core.nodes import Node
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.screens.edit_parameter import EditParameterScreen
from tui_nn.ui.state import PANEL_ROWS as SETTINGS
from tui_nn.ui.widgets.settings_panel import SettingsPanel
from tui_nn.ui.widgets.network_view import NetworkView

OUTPUT = Node.output()


def panel(app: PlaygroundApp) -> SettingsPanel:
    return app.query_one(SettingsPanel)


def network(app: PlaygroundApp) -> NetworkView:
    return app.query_one(NetworkView)


async def burst(pilot: Pilot, *keys: str) -> None:
    """Deliver ``keys`` as a slow link does: all queued before the first is handled.

    ``pilot.press`` waits for the app to go idle after each key, which hides bugs of ordering.
    """
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    await pilot.pause()


def first_command(app: PlaygroundApp) -> str:
    """The command palette's top match's title, or "" while it has none."""
    matches = app.screen.query(CommandList)
    if not matches or not matches.first().option_count:
        return ""
    return str(matches.first().get_option_at_index(0).prompt).split("\n")[0]


# Settings panel: up/down pick a setting, left/right change it.


async def test_settings_panel_has_focus_at_start(app):
    assert isinstance(app.focused, SettingsPanel)


async def test_settings_down_twice_then_right_raises_the_learning_rate(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("down", "down", "right")
    assert app.state.config.learning_rate == 0.1
    await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.1)


async def test_settings_down_twice_then_left_lowers_the_learning_rate(app, pilot):
    await pilot.press("down", "down", "left")
    assert app.state.config.learning_rate == 0.01
    await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.01)


async def test_settings_up_from_the_first_row_wraps_to_the_last(app, pilot):
    await pilot.press("up")
    assert panel(app).cursor == len(SETTINGS) - 1


async def test_settings_right_on_activation_changes_it_and_resets_the_epoch(app, pilot, seen):
    await started(pilot, seen)
    await stepped(pilot, app, 3)
    await pilot.press("down", "down", "down", "right")
    await wait_until(pilot, lambda: app.snapshot.config.activation == "sigmoid")
    assert app.snapshot.epoch == 0


async def test_settings_left_on_activation_changes_it_and_resets_the_epoch(app, pilot, seen):
    await started(pilot, seen)
    await stepped(pilot, app, 3)
    await pilot.press("down", "down", "down", "left")
    await wait_until(pilot, lambda: app.snapshot.config.activation == "relu")
    assert app.snapshot.epoch == 0


# Network view: arrows move the cursor, enter toggles a feature or edits, +/- resize a layer.


async def test_network_cursor_starts_on_the_output(app, pilot):
    await pilot.press("tab")
    assert network(app).selected == OUTPUT


async def test_network_left_moves_to_the_last_hidden_layer(app, pilot):
    await pilot.press("tab", "left")
    assert network(app).selected == Node.hidden(2, 0)


async def test_network_down_and_up_move_within_a_layer(app, pilot):
    await pilot.press("tab", "left", "down")
    assert network(app).selected == Node.hidden(2, 1)
    await pilot.press("up")
    assert network(app).selected == Node.hidden(2, 0)


async def test_network_right_moves_back_to_the_output(app, pilot):
    await pilot.press("tab", "left", "right")
    assert network(app).selected == OUTPUT


async def test_network_selection_is_what_the_boundary_plots(app, pilot):
    await pilot.press("tab", "left", "down")
    await pilot.pause()
    assert app.selected == Node.hidden(2, 1)
    assert app.boundary_view.title == "Neuron 2 of hidden layer 2"


async def test_network_enter_on_an_input_toggles_it_off_and_resets(app, pilot, seen):
    await started(pilot, seen)
    await stepped(pilot, app, 2)
    await pilot.press("tab", "left", "left", "left")
    assert network(app).selected == Node.feature("x")
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.snapshot.config.features == ("y",))
    assert app.snapshot.epoch == 0


async def test_network_enter_on_an_unused_input_turns_it_on(app, pilot):
    await pilot.press("tab", "left", "left", "left", "down", "down")  # X1²
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.snapshot.config.features == ("x", "y", "xSquared"))


async def test_network_enter_on_a_hidden_neuron_opens_its_editor(app, pilot):
    await pilot.press("tab", "left", "down", "enter")
    assert isinstance(app.screen, EditParameterScreen)
    assert (app.screen.weight_layer, app.screen.neuron) == (1, 1)


async def test_network_plus_adds_a_neuron_to_the_selected_layer(app, pilot):
    await pilot.press("tab", "left", "plus")
    assert app.state.config.hidden_layers == (4, 3)
    await wait_until(pilot, lambda: app.snapshot.config.hidden_layers == (4, 3))


async def test_network_minus_removes_a_neuron_from_the_selected_layer(app, pilot):
    await pilot.press("tab", "left", "minus")
    assert app.state.config.hidden_layers == (4, 1)
    await wait_until(pilot, lambda: app.snapshot.config.hidden_layers == (4, 1))


async def test_network_minus_stops_at_one_neuron(app, pilot):
    await pilot.press("tab", "left", "minus", "minus", "minus")
    assert app.state.config.hidden_layers == (4, 1)


async def test_network_plus_stops_at_eight_neurons(app, pilot):
    await pilot.press("tab", "left", "left", *["plus"] * 6)
    assert app.state.config.hidden_layers == (8, 2)
    await wait_until(pilot, lambda: app.snapshot.config.hidden_layers == (8, 2))


async def test_network_plus_on_the_output_changes_nothing(app, pilot):
    await pilot.press("tab", "plus")
    assert app.state.config.hidden_layers == (4, 2)


# Command palette.


async def test_palette_offers_every_binding(app):
    titles = {command.title for command in app.get_system_commands(app.screen)}
    missing = [b.description for b in PlaygroundApp.BINDINGS if b.action != "quit" and b.description not in titles]
    assert missing == [] and "Quit" in titles


async def test_palette_offers_increase_and_decrease_for_every_setting(app):
    titles = {command.title for command in app.get_system_commands(app.screen)}
    wanted = {f"{word} {setting.label.lower()}" for setting in SETTINGS for word in ("Increase", "Decrease")}
    assert wanted - titles == set()


async def test_palette_increase_learning_rate_raises_it(app, pilot):
    command = next(c for c in app.get_system_commands(app.screen) if c.title == "Increase learning rate")
    app.call_later(command.callback)  # as the palette runs a chosen command
    await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.1)


async def test_palette_step_command_trains_one_epoch(app, pilot, seen):
    await started(pilot, seen)
    command = next(c for c in app.get_system_commands(app.screen) if c.title == "Step")
    app.call_later(command.callback)
    await wait_until(pilot, lambda: app.snapshot.epoch == 1)


async def test_palette_typed_by_hand_runs_the_command(app, pilot):
    await pilot.press("ctrl+p", *"inclr")
    await wait_until(pilot, lambda: first_command(app) == "Increase learning rate")
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.snapshot.config.learning_rate == 0.1)


async def test_network_left_then_e_in_one_burst_edits_the_neuron_the_plot_shows(app, pilot):
    # Keys arriving together (a slow SSH link) must not act on a selection the app has yet to hear of.
    await burst(pilot, "tab", "left", "e")
    assert isinstance(app.screen, EditParameterScreen)
    assert (app.screen.weight_layer, app.screen.neuron) == (1, 0)  # hidden layer 2, neuron 1
    await wait_until(pilot, lambda: app.boundary_view.title == "Neuron 1 of hidden layer 2")


async def test_a_setting_and_a_key_sent_in_one_burst_both_take_effect(app, pilot):
    # The panel posts which row to step, not a whole state built from a copy, so the `t` queued
    # behind the arrow keys is not overwritten by the panel's later message.
    await burst(pilot, "down", "down", "down", "right", "t")
    await wait_until(pilot, lambda: app.state.config.activation == "sigmoid")
    assert app.state.config.show_test_data is True


async def test_escape_right_behind_the_only_palette_match_closes_the_palette_once(app, pilot):
    # Found by test_fuzz.py (its @example of ctrl+p x enter escape escape): enter on the only match
    # dismisses the palette from a queued message; an escape behind it dismissed it again, popped
    # the main screen and crashed (ScreenStackError). Here the two dismissals, without the race.
    await pilot.press("ctrl+p")
    palette = app.screen
    palette.dismiss()
    palette.dismiss()
    await pilot.pause()
    assert len(app.screen_stack) == 1 and app.is_running
