"""Keys and command-palette entries derived from the bindings and settings, so none is forgotten."""

from __future__ import annotations

from typing import Callable, Iterable

from textual.actions import parse
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.command import CommandPalette

from tui_nn.ui.state import PANEL_ROWS, TRAINING_ROWS, PanelRow

_KEY_NAMES = {
    "left_square_bracket": "[", "right_square_bracket": "]", "comma": ",", "full_stop": ".",
    "question_mark": "?", "plus": "+", "equals_sign": "=", "minus": "-",
}


def key_name(key: str) -> str:
    """A binding's keys as a person types them: ``left_square_bracket`` is ``[``."""
    return ", ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))


def _bindings(bindings: Iterable[BindingType]) -> list[Binding]:
    return [binding for binding in bindings if isinstance(binding, Binding)]


def key_help(app_bindings: Iterable[BindingType], network_bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen: the app's keys, then the panels'."""
    keys = [(key_name(b.key), b.tooltip or b.description) for b in _bindings(app_bindings)]
    keys.append(("↑ ↓  ← →", "settings panel: pick a setting, change its value"))
    keys += [(key_name(b.key), f"network view: {b.tooltip or b.description}") for b in _bindings(network_bindings)]
    keys.append(("ctrl+p", "command palette: every action by name"))
    return keys


def palette_commands(
    app: App, bindings: Iterable[BindingType], change: Callable[[PanelRow, int], None], rows: Iterable[PanelRow] = (*PANEL_ROWS, *TRAINING_ROWS)
) -> Iterable[SystemCommand]:
    """A command for every key's action the app allows now and for stepping each of ``rows`` up or down."""
    for binding in _bindings(bindings):
        _, name, parameters = parse(binding.action)
        if binding.action != "quit" and app.check_action(name, parameters) is not False:
            help_text = f"{binding.tooltip or binding.description} (key: {key_name(binding.key)})"
            yield SystemCommand(binding.description, help_text, _runner(app, binding.action))
    for setting in rows:
        for delta, word in ((1, "Increase"), (-1, "Decrease")):
            yield SystemCommand(f"{word} {setting.label.lower()}", setting.help, _stepper(change, setting, delta))


def _runner(app: App, action: str) -> Callable[[], object]:
    return lambda: app.run_action(action)


def _stepper(change: Callable[[PanelRow, int], None], setting: PanelRow, delta: int) -> Callable[[], None]:
    return lambda: change(setting, delta)


class OnceDismissedPalette(CommandPalette):
    """Textual's command palette, dismissed at most once.

    Enter on the only match dismisses the palette from a queued message; an escape typed right
    behind it (keys in one burst over SSH) dismissed it again, which popped the main screen and
    crashed the app with ScreenStackError (found by tests/ui/test_fuzz.py).
    """

    def dismiss(self, result: object = None) -> AwaitComplete:
        if self not in self.app.screen_stack:
            return AwaitComplete.nothing()
        return super().dismiss(result)

