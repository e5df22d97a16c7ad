"""The whole main screen as exact text, at 120x40 and 80x24, after exactly 50 stepped epochs.

To accept a deliberate change of the screen, rewrite the golden files and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/ui/test_app_golden.py

The goldens hold characters only, so colours never matter; the palette (which also decides where
half blocks fall) is pinned to the truecolor one, so the text does not depend on the terminal the
tests run in. Training is stepped through the loop's queue, never timed. Shared helpers live in
``helpers.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import textual.constants

from helpers import chart_is_current, started, stepped, wait_until
from tui_nn.ui.app import PlaygroundApp

GOLDEN = Path(__file__).parent / "golden"
EPOCHS = 50
SIZES = [(120, 40), (80, 24)]


def screen_text(app: PlaygroundApp) -> str:
    """Every row of the screen as plain text, as the terminal would show it.

    Textual 8 has no public call for the composed screen's text: ``export_screenshot`` gives SVG.
    The compositor's ``render_strips`` is what that SVG is drawn from.
    """
    return "\n".join(strip.text.rstrip() for strip in app.screen._compositor.render_strips()) + "\n"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def truecolor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pick the truecolor palette whatever TERM, COLORTERM or TEXTUAL_COLOR_SYSTEM say."""
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "truecolor")


@pytest.mark.parametrize(
    "size", [pytest.param(size, marks=pytest.mark.app(size=size), id=f"{size[0]}x{size[1]}") for size in SIZES]
)
async def test_main_screen_after_50_epochs_matches_the_golden_text(app, pilot, seen, size: tuple[int, int]):
    await started(pilot, seen)
    await stepped(pilot, app, EPOCHS)
    await wait_until(pilot, lambda: chart_is_current(app))
    await pilot.pause()
    assert app.console.color_system == "truecolor"
    check_golden(f"main_{size[0]}x{size[1]}.txt", screen_text(app))
