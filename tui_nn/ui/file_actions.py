"""Runs in and out of the app: share and open links, save the model or the whole run, export.

``FileActions`` is mixed into ``PlaygroundApp``; the writing itself happens on the training thread
(``Save``, ``SaveRun``, ``Export`` commands), so a slow disk never stalls the screen.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable

from textual.app import SystemCommand
from textual.binding import Binding

from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer
from tui_nn.draw.exports import EXPORTS, export_path
from tui_nn.ui.screens.link import OpenLinkScreen, ShareScreen
from tui_nn.ui.training_commands import Export, ReplaceTrainer, Save, SaveRun

FILE_BINDINGS = [
    Binding("c", "share", "Share", tooltip="show the link to this run and send it to the clipboard (OSC 52)", id="share"),
    Binding("o", "open_link", "Open link", show=False, tooltip="open a pasted share link or Playground URL", id="open-link"),
    Binding("ctrl+s", "save", "Save model", show=False, tooltip="save the weights and settings to a model file", id="save"),
    Binding("S", "save_run", "Save run", show=False, tooltip="save everything the run needs to continue exactly (tui-nn --resume FILE)", id="save-run"),
    Binding("X", "export", "Export", show=False, tooltip="write the boundary and screen as SVG, the loss as CSV, the weights and the link next to the saved run", id="export"),
]
"""Added to ``PlaygroundApp.BINDINGS`` (so the footer, the help and the command palette list them)."""


class FileActions:
    """Handlers for ``FILE_BINDINGS``; mixed into ``PlaygroundApp``."""

    loop: Any
    state: Any
    snapshot: Any
    status_bar: Any
    save_path: str
    run_path: str
    push_screen: Callable[..., Any]
    copy_to_clipboard: Callable[[str], None]
    export_screenshot: Callable[..., str]
    _set_state: Callable[..., None]
    _show_lesson: Callable[..., None]
    _open_tutorial: Callable[[str | None], None]

    def export_commands(self) -> Iterable[SystemCommand]:
        """One command-palette entry per kind of export."""
        for kind, (suffix, what) in EXPORTS.items():
            name = export_path(self.run_path, kind).name
            yield SystemCommand(f"Export {kind}", f"{what}, to {name}", lambda kind=kind: self.action_export(kind))

    def action_share(self) -> None:
        link = self.snapshot.config.to_link()
        self.copy_to_clipboard(link)
        self.push_screen(ShareScreen(link, copied=True))

    def action_open_link(self) -> None:
        self.push_screen(OpenLinkScreen(), self._open_link)

    def _open_link(self, link: str | None) -> None:
        # The screen's callback runs after the keys queued behind enter: a quit among them has
        # taken the widgets down already (NoMatches on the status bar; found by the fuzzer).
        if link is None or self.return_code is not None:
            return
        with warnings.catch_warnings():  # the link screen has already shown them
            warnings.simplefilter("ignore")
            config = Config.from_link(link)
        if self._open_config(config, "opened the link"):
            self._show_lesson(None)
            self._open_tutorial(config.tutorial)

    def _open_config(self, config: Config, said: str) -> bool:
        """Start a new run of ``config`` (the discarded one can be brought back with U); False if it cannot."""
        try:
            trainer = Trainer(config)
        except (ValueError, OSError) as error:
            self.status_bar.say(f"cannot open that link: {error}", error=True)
            return False
        self.loop.send(ReplaceTrainer(trainer))
        self._set_state(replace(self.state, config=config.replace(seed=None)))
        self.status_bar.say(said)
        return True

    def action_save(self) -> None:
        self.loop.send(Save(str(Path(self.save_path))))

    def action_save_run(self) -> None:
        self.loop.send(SaveRun(self.run_path))

    def action_export(self, kinds: str = ",".join(EXPORTS)) -> None:
        """Write the exports named in ``kinds`` (comma-separated keys of ``EXPORTS``) beside the run file."""
        chosen = tuple(kinds.split(","))
        screen = self.export_screenshot(title="tui-nn") if "screen" in chosen else None
        self.loop.send(Export(chosen, self.run_path, screen))
