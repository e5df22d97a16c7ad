"""The footer fits its row: at 80x24 with the network view's extra keys it leaves keys out instead of
overflowing (Textual's Footer then scrolls, and its command-palette key lands a cell short with the
keys beneath it showing through: ``^p palettet``)."""

from __future__ import annotations

import pytest

from helpers import started, wait_until
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.widgets.key_footer import KeyFooter

PALETTE_KEY = "▏^p palette"


def footer_text(app: PlaygroundApp) -> str:
    """The screen's last row as the terminal shows it."""
    return app.screen._compositor.render_strips()[-1].text.rstrip()


def fits(app: PlaygroundApp) -> bool:
    footer = app.query_one(KeyFooter)
    return footer.virtual_size.width <= footer.size.width


@pytest.mark.app(size=(80, 24))
async def test_footer_at_80x24_with_the_network_view_ends_in_the_palette_key_after_help_and_quit(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("tab")
    await wait_until(pilot, lambda: "Edit weights" in footer_text(app))
    await pilot.pause()
    assert footer_text(app) == "⏎ Edit weights space Play/pause s Step r Reset ? Help q Quit        " + PALETTE_KEY
    assert fits(app)


@pytest.mark.app(size=(80, 24))
async def test_footer_at_80x24_on_a_hidden_layer_keeps_the_layer_keys_help_and_quit(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("tab", "left")
    await wait_until(pilot, lambda: "Remove neuron" in footer_text(app))
    await pilot.pause()
    text = footer_text(app)
    assert text.startswith("⏎ Edit weights + Add neuron - Remove neuron")
    assert "? Help q Quit" in text and text.endswith(PALETTE_KEY)
    assert fits(app)


async def test_footer_at_120x40_shows_every_key(app, pilot, seen):
    await started(pilot, seen)
    await pilot.pause()
    text = footer_text(app)
    assert text.startswith("space Play/pause s Step r Reset [ LR− ] LR+ c Share ? Help q Quit ")
    assert text.endswith(PALETTE_KEY) and len(text) == 119


async def test_footer_narrowed_from_120_to_80_columns_drops_keys_to_fit(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("tab", "left")
    await wait_until(pilot, lambda: "Remove neuron" in footer_text(app))
    await pilot.resize_terminal(80, 24)
    await wait_until(pilot, lambda: fits(app) and footer_text(app).endswith(PALETTE_KEY))
    assert "? Help q Quit" in footer_text(app)
