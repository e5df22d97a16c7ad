"""ShareScreen shows a link, its URL and how to reopen it; OpenLinkScreen accepts only links that parse."""

from __future__ import annotations

import pytest
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.notifications import Notify
from textual.widget import Widget
from textual.widgets import Static

from helpers import ScreenApp
from playground_links import DEFAULT_HASH
from tui_nn.ui.screens.link import OpenLinkScreen, ShareScreen

DEFAULT_LINK = DEFAULT_HASH
DEFAULT_URL = "https://playground.tensorflow.org/#" + DEFAULT_LINK


def plain(widget: Static) -> str:
    """The text a Static was given."""
    return str(widget.visual)


def drawn_without_spaces(widget: Widget) -> str:
    """Everything the widget draws, with wrapping and padding removed."""
    strips = widget.render_lines(Region(0, 0, *widget.region.size))
    return "".join("".join(strip.text.split()) for strip in strips)


async def submit(pilot, screen: OpenLinkScreen, text: str) -> None:
    """Type-free entry: set the input's text and press enter."""
    screen.link_input.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_share_screen_shows_the_whole_link_wrapped():
    app = ScreenApp(ShareScreen(DEFAULT_LINK, copied=True))
    async with app.run_test(size=(80, 24)):
        shown = app.screen.query_one("#share-link", Static)
        assert plain(shown) == DEFAULT_LINK
        assert shown.size.height > 1
        assert drawn_without_spaces(shown) == DEFAULT_LINK


async def test_share_screen_shows_the_playground_url():
    app = ScreenApp(ShareScreen(DEFAULT_LINK, copied=True))
    async with app.run_test(size=(80, 24)):
        assert plain(app.screen.query_one("#share-url", Static)) == DEFAULT_URL


@pytest.mark.parametrize(("copied", "expected"), [(True, "Sent to your clipboard"), (False, "select the link")])
async def test_share_screen_says_whether_the_link_was_copied(copied, expected):
    app = ScreenApp(ShareScreen(DEFAULT_LINK, copied=copied))
    async with app.run_test(size=(80, 24)):
        assert expected in plain(app.screen.query_one("#share-copied", Static))


async def test_share_screen_does_not_claim_the_link_arrived_and_says_how_to_copy_it_if_not():
    # OSC 52 has no reply, and tmux ignores it with its default settings.
    app = ScreenApp(ShareScreen(DEFAULT_LINK, copied=True))
    async with app.run_test(size=(80, 24)):
        text = plain(app.screen.query_one("#share-copied", Static))
        assert "Copied" not in text
        assert "If nothing arrived" in text
        assert "set-clipboard on" in text and "holding Shift" in text


async def test_share_screen_shows_how_to_reopen_the_link():
    app = ScreenApp(ShareScreen(DEFAULT_LINK, copied=False))
    async with app.run_test(size=(80, 24)):
        text = plain(app.screen.query_one("#share-reopen", Static))
        assert "tui-nn --link '<link>'" in text
        assert "tui-nn train --link '<link>'" in text


@pytest.mark.parametrize("key", ["escape", "enter"])
async def test_share_screen_closes_with_key(key):
    app = ScreenApp(ShareScreen(DEFAULT_LINK, copied=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert app.results == [None]


@pytest.mark.parametrize("text", [DEFAULT_LINK, DEFAULT_URL])
async def test_open_link_accepts_a_valid_link(text):
    app = ScreenApp(screen := OpenLinkScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await submit(pilot, screen, text)
        assert app.results == [text]


async def test_open_link_rejects_a_bad_value_naming_its_key():
    app = ScreenApp(screen := OpenLinkScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await submit(pilot, screen, "learningRate=abc")
        assert app.results == []
        assert app.screen is screen
        assert "learningRate" in plain(screen.message)
        assert screen.message.has_class("-error")


async def test_open_link_rejects_empty_input():
    app = ScreenApp(screen := OpenLinkScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await submit(pilot, screen, "   ")
        assert app.results == []
        assert "paste a link first" in plain(screen.message)


async def test_open_link_clears_the_error_when_the_text_changes():
    app = ScreenApp(screen := OpenLinkScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await submit(pilot, screen, "learningRate=abc")
        await pilot.press("x")
        assert plain(screen.message) == ""


async def test_open_link_accepts_unknown_keys_with_a_note():
    seen: list[Message] = []
    app = ScreenApp(screen := OpenLinkScreen())
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await submit(pilot, screen, DEFAULT_LINK + "&colour=red")
        assert app.results == [DEFAULT_LINK + "&colour=red"]
        notes = [m.notification.message for m in seen if isinstance(m, Notify)]
        assert any("colour" in note for note in notes)


async def test_open_link_joins_a_link_pasted_over_several_lines():
    app = ScreenApp(screen := OpenLinkScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        screen.link_input.post_message(events.Paste(DEFAULT_LINK[:40] + "\n" + DEFAULT_LINK[40:]))
        await pilot.pause()
        assert screen.link_input.value == DEFAULT_LINK


async def test_open_link_escape_cancels():
    app = ScreenApp(OpenLinkScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
