"""HelpScreen: it lists every key it is given, explains the lecture's terms, scrolls at 80x24, closes."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widget import Widget

from helpers import ScreenApp
from tui_nn.ui.screens.help import HelpScreen

KEYS = [
    ("space", "play / pause training"),
    ("s", "train one epoch"),
    ("r", "reset the network with new weights"),
    ("[ / ]", "learning rate down / up"),
    ("ctrl+p", "command palette"),
    ("?", "this help"),
]


def shown_text(widget: Widget) -> str:
    """The text the widget draws, lines joined with single spaces."""
    strips = widget.render_lines(Region(0, 0, *widget.region.size))
    return " ".join(" ".join(strip.text.split()) for strip in strips)


async def test_help_lists_every_key_and_its_description():
    app = ScreenApp(HelpScreen(KEYS))
    async with app.run_test(size=(80, 24)):
        text = shown_text(app.screen.query_one("#help-keys"))
        for key, description in KEYS:
            assert f"{key} {description}" in text


@pytest.mark.parametrize(
    "term", ["learning rate", "parameters", "hyperparameters", "epoch", "batch", "loss", "overfitting", "NaN"]
)
async def test_help_explains_the_lecture_terms(term):
    app = ScreenApp(HelpScreen(KEYS))
    async with app.run_test(size=(80, 24)):
        text = shown_text(app.screen.query_one("#help-ideas"))
        assert term.lower() in text.lower()


async def test_help_offers_the_four_experiments():
    app = ScreenApp(HelpScreen(KEYS))
    async with app.run_test(size=(80, 24)):
        text = shown_text(app.screen.query_one("#help-try"))
        for rate in ("0.00001", "0.03", "3 or 10", "spiral"):
            assert rate in text


@pytest.mark.parametrize("key", ["escape", "question_mark", "q"])
async def test_help_closes_with_key(key):
    app = ScreenApp(HelpScreen(KEYS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert app.results == [None]
        assert not isinstance(app.screen, HelpScreen)


async def test_help_fits_80x24_and_scrolls():
    app = ScreenApp(HelpScreen(KEYS))
    async with app.run_test(size=(80, 24)) as pilot:
        body = app.screen.query_one("#help-body")
        assert app.screen.region.contains_region(body.region)
        assert body.max_scroll_y > 0
        await pilot.press("down", "pagedown", "pagedown", "end")
        await pilot.pause()
        assert body.scroll_y > 0
        assert isinstance(app.screen, HelpScreen)
