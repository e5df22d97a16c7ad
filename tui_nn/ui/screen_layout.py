"""plan_layout: how the screen is shared at a given terminal size, as plain numbers.

The boundary plot gets a square (two pixels per cell row); the settings and the network share
what is left, one at a time when the terminal is narrow; the loss chart goes when it is short.
The fixed sizes are defined here once: the app's stylesheet takes them from `LAYOUT_CSS`, and the
boundary's frame (labels, title, ticks) comes from the BoundaryView itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui_nn.ui.widgets.boundary_view import FRAME_ROWS, plot_rows, width_for

MIN_WIDTH, MIN_HEIGHT = 60, 20
CHROME_ROWS = 3  # status bar (2) and footer (1)
CHART_ROWS = 11
SETTINGS_COLS, NETWORK_COLS = 33, 35
MIN_SIDE_COLS = 30
RIGHT_MARGIN_COLS = 1  # a blank column between the plot and the terminal's edge
SHORT_BELOW_ROWS = 34

LAYOUT_CSS = f"""
#settings {{ width: {SETTINGS_COLS}; }}
#chart {{ height: {CHART_ROWS}; }}
"""
"""The sizes above as CSS, for the app (its stylesheet file has the rest)."""


@dataclass(frozen=True)
class ScreenLayout:
    too_small: bool
    narrow: bool
    """The settings and the network take turns in one column (tab switches)."""
    short: bool
    """No room for the loss chart; the sparklines in the status bar remain."""
    right_width: int
    boundary_size: tuple[int, int]
    """Cells across and rows of the BoundaryView, at the top of the right column."""
    plot_rows: int
    """Cell rows of the square boundary plot (two pixels each) in the right column."""
    message: str


def plan_layout(width: int, height: int) -> ScreenLayout:
    """The layout for a ``width`` x ``height`` terminal."""
    too_small = width < MIN_WIDTH or height < MIN_HEIGHT
    message = f"terminal too small (need {MIN_WIDTH}x{MIN_HEIGHT}, have {width}x{height})" if too_small else ""
    short = height < SHORT_BELOW_ROWS
    boundary_height = height - CHROME_ROWS - (0 if short else CHART_ROWS)
    square = width_for(max(1, boundary_height - FRAME_ROWS)) + RIGHT_MARGIN_COLS
    right_width = min(square, max(20, width - MIN_SIDE_COLS))
    narrow = width - right_width < SETTINGS_COLS + NETWORK_COLS
    rows = max(1, plot_rows(right_width, boundary_height))
    return ScreenLayout(too_small, narrow, short, right_width, (right_width, boundary_height), rows, message)
