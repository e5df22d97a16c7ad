"""Every key of the main screen does one thing: features added side by side must not take each other's keys."""

from __future__ import annotations

from collections import Counter

from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.widgets.network_view import NetworkView
from tui_nn.ui.widgets.settings_panel import SettingsPanel


def _keys(bindings) -> list[str]:
    return [key.strip() for binding in bindings for key in binding.key.split(",")]


def test_no_two_app_bindings_share_a_key():
    twice = [key for key, count in Counter(_keys(PlaygroundApp.BINDINGS)).items() if count > 1]
    assert twice == []


def test_no_app_key_is_taken_by_a_panel_that_has_focus():
    # Letter keys a focused panel binds would never reach the app's binding of the same key.
    panels = set(_keys(NetworkView.BINDINGS)) | set(_keys(SettingsPanel.BINDINGS))
    shared = {key for key in _keys(PlaygroundApp.BINDINGS) if len(key) == 1 and key.isalpha()} & panels
    assert shared == set()
