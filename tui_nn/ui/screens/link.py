"""Share-link screens: ShareScreen shows the current run's link, OpenLinkScreen reads one in.

They only display and validate text; the app builds the link, copies it, and applies what is opened.
"""

from __future__ import annotations

import warnings

from textual import events, getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui_nn.core.config import Config, ConfigError
from tui_nn.core.links import missing_keys

PLAYGROUND_URL = "https://playground.tensorflow.org/#"
"""Prefix that turns a share string into a link the browser opens."""

SELECT_BY_HAND = "select the link with the mouse while holding Shift (Option on macOS), then use your terminal's copy key."
SENT = (
    "Sent to your clipboard with OSC 52, which works over SSH when the terminal accepts it. If nothing "
    "arrived (some terminals ignore it, and so does tmux unless its set-clipboard option is on: "
    "tmux set -g set-clipboard on), " + SELECT_BY_HAND
)
"""OSC 52 has no reply: the app cannot know whether the clipboard changed, so it says what it did."""
NOT_COPIED = "Not copied automatically: " + SELECT_BY_HAND
REOPEN = "tui-nn --link '<link>'\ntui-nn train --link '<link>'"
EMPTY_MESSAGE = "paste a link first"


def playground_url(link: str) -> str:
    """The full Playground URL that opens ``link`` in a browser."""
    return PLAYGROUND_URL + link


class ShareScreen(ModalScreen[None]):
    """The current share link in full, its Playground URL, and how to reopen it.

    Args:
        link: The share string, in the Playground's URL hash format.
        copied: Whether the app also sent it to the clipboard (OSC 52; the terminal may ignore it).
    """

    # No side borders or padding around the link: a hand selection of its lines then holds
    # nothing but the link (and line breaks, which OpenLinkScreen drops on paste).
    DEFAULT_CSS = """
    ShareScreen {
        align: center middle;
    }
    ShareScreen > #share-body {
        width: 100%;
        height: auto;
        max-height: 100%;
        border-top: round $accent;
        border-bottom: round $accent;
        border-title-style: bold;
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    ShareScreen .link-label {
        text-style: bold;
        padding: 0 1;
    }
    ShareScreen #share-link, ShareScreen #share-url {
        margin-bottom: 1;
    }
    ShareScreen #share-copied, ShareScreen #share-reopen {
        padding: 0 1;
    }
    ShareScreen #share-copied {
        margin-bottom: 1;
    }
    """

    BINDINGS = [Binding("escape,enter", "close", "Close", id="share.close")]

    body = getters.query_one("#share-body", VerticalScroll)
    """The scrolling box holding the link, the URL and the instructions."""

    def __init__(self, link: str, copied: bool) -> None:
        super().__init__()
        self.link = link
        """The share string shown in full."""
        self.copied = copied
        """Whether the link was sent to the clipboard (not whether it arrived: OSC 52 has no reply)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="share-body") as body:
            body.border_title = "Share this run"
            body.border_subtitle = "enter / esc close"
            yield Static("Share link", classes="link-label")
            yield Static(Content(self.link), id="share-link")
            yield Static("Open the same run in a browser", classes="link-label")
            yield Static(Content(playground_url(self.link)), id="share-url")
            yield Static(Content(SENT if self.copied else NOT_COPIED), id="share-copied")
            yield Static("Reopen it here (the link or the URL, in single quotes)", classes="link-label")
            yield Static(Content(REOPEN), id="share-reopen")

    def on_mount(self) -> None:
        self.body.focus()

    def action_close(self) -> None:
        """Close the screen."""
        self.dismiss(None)


class LinkInput(Input):
    """An Input that keeps a link whole when it is pasted across several lines.

    A link copied by hand from a wrapped display arrives with line breaks; a link never contains
    whitespace, so all of it is dropped instead of keeping only the first line as ``Input`` does.
    """

    def _on_paste(self, event: events.Paste) -> None:
        text = "".join(event.text.split())
        if text:
            self.insert_text_at_cursor(text)
        event.prevent_default()
        event.stop()


class OpenLinkScreen(ModalScreen[str | None]):
    """Asks for a share string or Playground URL; dismisses with it once it parses, or None.

    The result has its whitespace removed (a pasted link often ends in a line break); unknown keys
    are accepted and reported in a warning notification.
    """

    DEFAULT_CSS = """
    OpenLinkScreen {
        align: center middle;
    }
    OpenLinkScreen > #open-link-body {
        width: 100%;
        max-width: 100;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
    }
    OpenLinkScreen #open-link-hint {
        padding: 0 1;
    }
    OpenLinkScreen #open-link-input {
        margin: 0 1;
    }
    OpenLinkScreen #open-link-message {
        padding: 0 1;
    }
    OpenLinkScreen #open-link-message.-error {
        color: $error;
        text-style: bold;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="open_link.cancel")]

    link_input = getters.query_one("#open-link-input", LinkInput)
    """Where the link is pasted."""

    message = getters.query_one("#open-link-message", Static)
    """The error or note under the input; empty when there is nothing to say."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="open-link-body") as body:
            body.border_title = "Open a link"
            body.border_subtitle = "enter open · esc cancel"
            yield Static(
                Content(f"Paste a share link (activation=tanh&…) or a whole {PLAYGROUND_URL}… URL, "
                        "then press enter."),
                id="open-link-hint",
            )
            yield LinkInput(placeholder="dataset=spiral&learningRate=0.03&…", id="open-link-input")
            yield Static("", id="open-link-message")

    def on_mount(self) -> None:
        self.link_input.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Clear an old error as soon as the text changes."""
        self._show("", error=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Open the link if it parses; otherwise say what is wrong and stay."""
        event.stop()
        text = "".join(event.value.split())
        if not text:
            self._show(f"Error: {EMPTY_MESSAGE}", error=True)
            return
        try:
            notes = check_link(text)
        except ConfigError as error:
            self._show(f"Error: {error}", error=True)
            return
        if notes:
            self.app.notify("; ".join(notes), title="Link opened with a note", severity="warning", markup=False)
        self.dismiss(text)

    def action_cancel(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)

    def _show(self, text: str, error: bool) -> None:
        self.message.update(Content(text))
        self.message.set_class(error, "-error")


def check_link(text: str) -> list[str]:
    """Parse ``text`` as a link and return what the user should know: ignored keys, defaulted keys.

    Args:
        text: A share string or a whole Playground URL.

    Returns:
        One line per note; empty when the link is clean and complete.

    Raises:
        ConfigError: A value is bad; the message names its key.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Config.from_link(text)
    notes = [str(warning.message) for warning in caught]
    missing = missing_keys(text)
    if missing:
        notes.append(f"keys missing from the link took the Playground's defaults: {', '.join(missing)}")
    return notes
