"""plan_layout: how the screen is shared at a given terminal size, as plain numbers.

The boundary plot gets a square (two pixels per cell row); the settings and the network share
what is left, one at a time when the terminal is narrow; the loss chart goes when it is short.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_WIDTH, MIN_HEIGHT = 60, 20
CHROME_ROWS = 3  # status bar (2) and footer (1)
CHART_ROWS = 11
PLOT_FRAME_ROWS = 2  # the boundary's title and x-axis rows
PLOT_FRAME_COLS = 4  # the y-axis labels and a gap
SETTINGS_COLS, NETWORK_COLS = 33, 35
MIN_SIDE_COLS = 30
SHORT_BELOW_ROWS = 34


@dataclass(frozen=True)
class ScreenLayout:
    too_small: bool
    narrow: bool
    """The settings and the network take turns in one column (tab switches)."""
    short: bool
    """No room for the loss chart; the sparklines in the status bar remain."""
    right_width: int
    plot_rows: int
    """Cell rows of the square boundary plot (two pixels each) in the right column."""
    message: str


def plan_layout(width: int, height: int) -> ScreenLayout:
    """The layout for a ``width`` x ``height`` terminal."""
    too_small = width < MIN_WIDTH or height < MIN_HEIGHT
    message = f"terminal too small (need {MIN_WIDTH}x{MIN_HEIGHT}, have {width}x{height})" if too_small else ""
    short = height < SHORT_BELOW_ROWS
    plot_rows = max(1, height - CHROME_ROWS - (0 if short else CHART_ROWS) - PLOT_FRAME_ROWS)
    right_width = min(2 * plot_rows + PLOT_FRAME_COLS, max(20, width - MIN_SIDE_COLS))
    narrow = width - right_width < SETTINGS_COLS + NETWORK_COLS
    plot_rows = max(1, min(plot_rows, (right_width - PLOT_FRAME_COLS) // 2))
    return ScreenLayout(too_small, narrow, short, right_width, plot_rows, message)
