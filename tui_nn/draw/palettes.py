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


@dataclass(frozen=True)
class ClassPalette:
    """Colours for up to 8 classes in one colour system: per class a few tints (uncertain to sure) and an ink."""

    tints: tuple[tuple[str, ...], ...]
    """Per class, backgrounds from a low to a high probability of the winning class."""

    inks: tuple[str, ...]
    """Per class, the colour of its point glyphs (the glyph's shape carries the class too)."""

    nan: str
    """Grey for NaN pixels (a diverged network)."""


OKABE_ITO = ((0xE6, 0x9F, 0x00), (0x56, 0xB4, 0xE9), (0x00, 0x9E, 0x73), (0xF0, 0xE4, 0x42),
             (0x00, 0x72, 0xB2), (0xD5, 0x5E, 0x00), (0xCC, 0x79, 0xA7), (0x00, 0x00, 0x00))
"""Okabe and Ito's colour-blind-safe set (orange, sky blue, bluish green, yellow, blue, vermillion,
reddish purple, black): told apart with protanopia, deuteranopia and tritanopia."""
CLASS_TINT_ALPHAS = (0.25, 0.5, 0.8)
"""Each class's colour over white at these strengths: the winning class's probability, low to high."""


def _blend(rgb: tuple[int, int, int], alpha: float, darken: float = 1.0) -> tuple[int, int, int]:
    return tuple(round((c * alpha + 255 * (1 - alpha)) * darken) for c in rgb)  # type: ignore[return-value]


def _hex(rgb: tuple[int, ...]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


_CUBE = (0, 95, 135, 175, 215, 255)


def _nearest_xterm(rgb: tuple[int, int, int]) -> str:
    """The nearest colour of xterm's 6x6x6 cube or grey ramp (indices 16-255)."""
    best = min(
        [(sum((a - b) ** 2 for a, b in zip(rgb, (_CUBE[i // 36], _CUBE[i // 6 % 6], _CUBE[i % 6]))), 16 + i) for i in range(216)]
        + [(sum((a - (8 + 10 * g)) ** 2 for a in rgb), 232 + g) for g in range(24)]
    )
    return f"color({best[1]})"


_FIXED_256 = {4: _xterm(189, 74, 25), 5: _xterm(224, 209, 166)}
_ANSI_CLASSES = ("yellow", "cyan", "green", "magenta", "blue", "red", "white", "black")

CLASS_PALETTES: dict[str, ClassPalette] = {
    "truecolor": ClassPalette(
        tints=tuple(tuple(_hex(_blend(rgb, a)) for a in CLASS_TINT_ALPHAS) for rgb in OKABE_ITO),
        inks=tuple(_hex(_blend(rgb, 1.0, darken=0.55)) for rgb in OKABE_ITO),
        nan="#8c8c8c",
    ),
    # The nearest cube colours of the same tints, but where two classes would share one (the
    # light tints of orange and vermillion, of sky blue and blue) a neighbour is taken by hand;
    # a test checks all 24 tints and the 8 inks stay distinct.
    "256": ClassPalette(
        tints=tuple(
            _FIXED_256.get(k) or tuple(_nearest_xterm(_blend(rgb, a)) for a in CLASS_TINT_ALPHAS)
            for k, rgb in enumerate(OKABE_ITO)
        ),
        inks=_xterm(130, 31, 29, 100, 25, 160, 132, 16),
        nan="color(244)",
    ),
    # Theme colours: the bright variant for an unsure pixel, the normal one for a sure pixel. Points
    # are black (white on the black class) and the glyph's shape carries the class.
    "16": ClassPalette(
        tints=tuple((f"bright_{c}", f"bright_{c}", c) for c in _ANSI_CLASSES),
        inks=("black",) * 7 + ("white",),
        nan="bright_black",
    ),
}
"""One class palette per name in ``COLOR_SYSTEMS``."""
