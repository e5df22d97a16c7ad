"""Colour palettes for the boundary view, one chosen for each terminal colour system.

This module owns the colour strings (each one `rich.color.Color.parse` accepts) and why they were
picked; `render.py` decides where they go. It imports only the standard library, never Rich.
"""

from __future__ import annotations

from dataclasses import dataclass

COLOR_SYSTEMS = ("truecolor", "256", "16")
"""Colour systems with a palette, named as Textual names them."""


@dataclass(frozen=True)
class Palette:
    """Colours for one colour system, as strings `rich.color.Color.parse` accepts."""

    shades: tuple[str, ...]
    """Backgrounds for values -1 (orange) through 0 (near white) to +1 (blue); an odd count."""

    nan: str
    """Neutral grey for NaN pixels (a diverged network)."""

    positive: str
    """Glyph colour for class +1 points (blue)."""

    negative: str
    """Glyph colour for class -1 points (orange)."""

    point_shades: tuple[str, ...] = ()
    """Glyph colours for regression points, one per shade (empty: `shades`). Darker than `shades`
    so a point still shows on a background of its own value."""

    def __post_init__(self) -> None:
        if len(self.shades) % 2 == 0 or len(self.shades) > 120:
            raise ValueError(f"a palette needs an odd number of shades, got {len(self.shades)}")
        if self.point_shades and len(self.point_shades) != len(self.shades):
            raise ValueError("point_shades must have one colour per shade")


_PLAYGROUND_STOPS = ((0xF5, 0x93, 0x22), (0xE8, 0xEA, 0xEB), (0x08, 0x77, 0xBD))
_HEATMAP_ALPHA = 160 / 255


def _playground_colour(t: float, alpha: float = 1.0, darken: float = 1.0) -> str:
    """The Playground's scale at `t` in [0, 1], over white at `alpha`, then scaled by `darken`."""
    lo, u = (0, 2 * t) if t <= 0.5 else (1, 2 * t - 1)
    rgb = [round(a + (b - a) * u) for a, b in zip(_PLAYGROUND_STOPS[lo], _PLAYGROUND_STOPS[lo + 1])]
    return "#" + "".join(f"{round((c * alpha + 255 * (1 - alpha)) * darken):02x}" for c in rgb)


def _xterm(*indices: int) -> tuple[str, ...]:
    return tuple(f"color({k})" for k in indices)


_TRUE_STEPS = [k / 10 for k in range(11)]
PALETTES: dict[str, Palette] = {
    # The Playground's heatmap (alpha 160/255 over a white page) at 11 levels rather than 31:
    # fewer shades change fewer cells per frame. Points are the full colours darkened to 85 %,
    # so a point shows on the tint of its own class.
    "truecolor": Palette(
        shades=tuple(_playground_colour(t, _HEATMAP_ALPHA) for t in _TRUE_STEPS),
        nan="#8c8c8c",
        positive=_playground_colour(1.0, darken=0.85),
        negative=_playground_colour(0.0, darken=0.85),
        point_shades=tuple(_playground_colour(t, darken=0.85) for t in _TRUE_STEPS),
    ),
    # Hand-picked xterm cube tints, orange -> grey 255 -> blue: the nearest-colour mapping of the
    # truecolor ramp collapses (223 twice) and detours through pink 224 and lavender 189. Light
    # enough that the dark point glyphs show on every shade; 7 shades because the bandwidth
    # budget is set in 256 colours.
    "256": Palette(
        shades=_xterm(215, 216, 223, 255, 153, 110, 74),
        nan="color(244)",
        positive="color(25)",
        negative="color(166)",
        point_shades=_xterm(166, 173, 180, 246, 67, 25, 24),
    ),
    # Theme-defined ANSI colours: dark-light-dark like the Playground's ramp. Any coloured glyph
    # vanishes on its own class's shade in some theme (Solarized's blue on cyan), so points are
    # black and the glyph shape carries the class, as on a monochrome terminal.
    "16": Palette(
        shades=("red", "yellow", "white", "cyan", "blue"),
        nan="bright_black",
        positive="black",
        negative="black",
        point_shades=("black",) * 5,
    ),
}
"""One palette per name in `COLOR_SYSTEMS`, each chosen for that system."""
