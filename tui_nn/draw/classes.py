"""Plain-data renderers for many classes: the plane coloured by the winning class, shaded by its probability.

Like `boundary.py` for the Playground's two classes, it returns `(text, fg, bg)` segments (half
blocks) or ASCII strings with the data points on top, one glyph per class, and the legend and
confusion-matrix text; it imports only the standard library and NumPy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from tui_nn.draw.boundary import Array, PointLayer, Segment, _cells, key_runs
from tui_nn.draw.palettes import CLASS_TINT_ALPHAS, ClassPalette

LEVELS = len(CLASS_TINT_ALPHAS)
"""Shades per class: how sure the network is of the winning class."""
GLYPHS = "●▲■◆▼✚✖★"
"""Training points by class (test points: `HOLLOW`); shapes, so colour is not needed to tell them apart."""
HOLLOW = "○△□◇▽✜✕☆"
ASCII_REGIONS = "abcdefgh"
"""ASCII: where class k wins clearly, its lower-case letter; where no class does, a blank."""
ASCII_TRAIN = "ABCDEFGH"
ASCII_TEST = "12345678"
_SLOTS = 8 * LEVELS + 1  # pixel keys: class * LEVELS + level, and one for NaN


def winners(probabilities: Array) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """The winning class of each pixel and how sure it is.

    Args:
        probabilities: `(K, ...)`: per class, a probability (softmax outputs).

    Returns:
        Class indices and levels `0..LEVELS-1` in the shape of one class's grid; level -1 where
        the values are NaN. A level measures the winner's probability between 1/K (a tie) and 1.
    """
    p = np.asarray(probabilities, dtype=np.float64)
    k = p.shape[0]
    nan = np.isnan(p).any(axis=0)
    winner = np.argmax(np.where(np.isnan(p), -1.0, p), axis=0)
    top = np.take_along_axis(np.nan_to_num(p, nan=0.0), winner[None], axis=0)[0]
    sure = (top - 1.0 / k) / (1.0 - 1.0 / k)
    level = np.minimum((np.clip(sure, 0.0, 1.0) * LEVELS).astype(np.intp), LEVELS - 1)
    return winner, np.where(nan, -1, level)


def _pixel_keys(probabilities: Array) -> npt.NDArray[np.intp]:
    winner, level = winners(probabilities)
    return np.where(level < 0, _SLOTS - 1, winner * LEVELS + np.maximum(level, 0))


def class_rows(probabilities: Array, palette: ClassPalette, layers: Sequence[PointLayer] = ()) -> list[list[Segment]]:
    """Half-block rows of a class map with the points on top.

    Args:
        probabilities: `(K, 2 * rows, cols)`.
        palette: Class colours.
        layers: Points whose labels are class indices; test layers draw hollow glyphs.

    Returns:
        `rows` lists of segments covering `cols` cells each, equal neighbours merged.
    """
    pixels = _pixel_keys(probabilities)
    keys = pixels[0::2] * _SLOTS + pixels[1::2]
    rows, cols = keys.shape
    for layer in layers:
        row, col, labels = _cells(layer, rows, cols)
        glyph = labels.astype(np.intp) * 2 + int(layer.test)
        keys[row, col] = _SLOTS * _SLOTS + glyph * _SLOTS + pixels[2 * row, col]
    return _runs(keys, palette)


def _decode(palette: ClassPalette, key: int) -> Segment:
    colours = [tint for tints in palette.tints for tint in tints][: _SLOTS - 1]
    colours += [palette.nan] * (_SLOTS - len(colours))
    if key < _SLOTS * _SLOTS:
        up, lo = divmod(key, _SLOTS)
        return (" ", None, colours[up]) if up == lo else ("▀", colours[up], colours[lo])
    glyph, bg = divmod(key - _SLOTS * _SLOTS, _SLOTS)
    cls, test = divmod(glyph, 2)
    return ((HOLLOW if test else GLYPHS)[cls], palette.inks[cls], colours[bg])


def _runs(keys: np.ndarray, palette: ClassPalette) -> list[list[Segment]]:
    out: list[list[Segment]] = [[] for _ in range(keys.shape[0])]
    styles: dict[int, Segment] = {}
    for r, key, length in key_runs(keys):
        text, fg, bg = styles.get(key) or styles.setdefault(key, _decode(palette, key))
        out[r].append((text * length, fg, bg))
    return out


def class_ascii_rows(probabilities: Array, layers: Sequence[PointLayer] = ()) -> list[str]:
    """ASCII rows of a class map: the winner's letter where it is clear (level above the lowest), else a blank.

    Points: training `A`-`H`, test `1`-`8`, by class.
    """
    winner, level = winners(probabilities)
    table = np.frombuffer((ASCII_REGIONS + " ?").encode("ascii"), dtype=np.uint8)
    chars = table[np.where(level < 0, 9, np.where(level == 0, 8, winner))]
    for layer in layers:
        row, col, labels = _cells(layer, *chars.shape)
        glyphs = np.frombuffer((ASCII_TEST if layer.test else ASCII_TRAIN).encode("ascii"), dtype=np.uint8)
        chars[row, col] = glyphs[labels.astype(np.intp)]
    return [line.tobytes().decode("ascii") for line in chars]


def legend(names: Sequence[str], palette: ClassPalette | None) -> list[Segment]:
    """The class names, each after its glyph: coloured cells, or `A=name` in ASCII."""
    if palette is None:
        return [(" ".join(f"{ASCII_TRAIN[k]}={name}" for k, name in enumerate(names)), None, None)]
    segments: list[Segment] = []
    for k, name in enumerate(names):
        segments += [(GLYPHS[k], palette.inks[k], palette.tints[k][-1]), (f" {name}  ", None, None)]
    return segments


def confusion_lines(matrix: np.ndarray, names: Sequence[str], width: int = 9) -> list[str]:
    """A confusion matrix as text: one row per actual class, one column per predicted class.

    Args:
        matrix: Counts `(K, K)`, row = actual, column = predicted.
        names: Class names, cut to ``width - 1`` characters.
        width: Columns per cell.

    Returns:
        A header line, then one line per class ending in the share of that class classified right.
    """
    short = [str(name)[: width - 1] for name in names]
    corner = "actual \\ predicted"
    first = max(len(corner) + 1, width + 10)
    lines = [corner.ljust(first) + "".join(name.rjust(width) for name in short) + "   right"]
    for k, name in enumerate(short):
        total = int(matrix[k].sum())
        right = f"{100 * matrix[k, k] / total:5.1f}%" if total else "    –"
        lines.append(name.ljust(first) + "".join(str(int(v)).rjust(width) for v in matrix[k]) + f"  {right}")
    return lines
