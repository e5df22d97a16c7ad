"""The app's screen as SVG without a terminal: the CLI's ``screen`` export of a run.

It opens the real app headless at a given size on the run, lets it draw its first frame, and
returns Textual's SVG of the screen; it never trains.
"""

from __future__ import annotations

import asyncio

from tui_nn.core.trainer import Trainer
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.training_commands import Stop


def screen_svg(trainer: Trainer, size: tuple[int, int] = (120, 40), ascii_mode: bool = False) -> str:
    """The main screen showing ``trainer``'s run, as the app would draw it at ``size`` (columns, rows)."""
    app = PlaygroundApp(trainer, ascii_mode=ascii_mode)

    async def shoot() -> str:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            svg = app.export_screenshot(title="tui-nn")
            app.loop.send(Stop())
            await app.workers.wait_for_complete()
            return svg

    return asyncio.run(shoot())
