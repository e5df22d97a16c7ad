"""Text of the network inspector: a node's incoming weights and bias, or an input's formula.

It turns a Snapshot and a selected node into lines of `(text, role)` runs, the keyboard's stand-in
for the Playground's link widths, link colours and hover card; the widget maps roles to styles.
It never draws and knows nothing of Textual.
"""

from __future__ import annotations

import math

import numpy as np

from tui_nn.core.features import FEATURES
from tui_nn.core.network import grad_views
from tui_nn.core.nodes import Node
from tui_nn.core.trainer import Snapshot
from tui_nn.draw.palettes import Palette

Run = tuple[str, str]
"""`(text, role)`; roles are `text`, `dim`, `title`, `positive` and `negative`."""

Line = list[Run]

_EIGHTHS = "▏▎▍▌▋▊▉"
_MAX_BAR = 10
_VALUE_WIDTH = 7


def bar_colours(palette: Palette) -> tuple[str, str]:
    """Blue and orange for positive and negative bars (the 16-colour palette's point inks are both black)."""
    if palette.positive != palette.negative:
        return palette.positive, palette.negative
    return palette.shades[-1], palette.shades[0]


def signed_precision(value: float, digits: int = 2) -> str:
    """A number as JavaScript's `toPrecision(digits)` writes it, with an explicit sign.

    Args:
        value: The number.
        digits: Significant digits.

    Returns:
        For example `"+0.43"`, `"-1.2"`, `"+1.2e+2"`, `"NaN"`, `"+inf"`.
    """
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+inf" if value > 0 else "-inf"
    text = f"{value + 0.0:+#.{digits}g}".replace("e+0", "e+").replace("e-0", "e-")
    return text[:-1] if text.endswith(".") else text


def feature_label(key: str, ascii: bool) -> str:
    """The label of input feature `key` (`X₁²`, or `x1^2` in ASCII)."""
    return FEATURES[key].ascii_label if ascii else FEATURES[key].label


def source_names(snapshot: Snapshot, weight_layer: int, ascii: bool = False) -> list[str]:
    """Names of the nodes feeding `network.weights[weight_layer]`: the features, or `L1 n2`..."""
    if weight_layer == 0:
        return [feature_label(key, ascii) for key in snapshot.config.features]
    return [f"L{weight_layer} n{i + 1}" for i in range(snapshot.network.layer_sizes[weight_layer])]


def node_title(snapshot: Snapshot, node: Node, ascii: bool = False) -> str:
    """`Layer 1 · neuron 2 (tanh)` or `Output (tanh)`, for a hidden neuron or the output."""
    network = snapshot.network
    if node.kind == "output":
        return f"Output ({network.output_activation.name})"
    dot = "," if ascii else " ·"
    return f"Layer {node.layer}{dot} neuron {node.neuron + 1} ({network.activation.name})"


def _bar(value: float, width: int, ascii: bool) -> Run:
    """The Playground's link width `1 + 1.8 * min(|w|, 5)` of 10, drawn over `width` cells."""
    if width <= 0 or not math.isfinite(value):
        return ("", "text")
    role = "positive" if value > 0 else "negative" if value < 0 else "text"
    fraction = (1 + 1.8 * min(abs(value), 5.0)) / 10
    if ascii:
        return ("+" if value >= 0 else "-") * max(1, round(fraction * width)), role
    eighths = max(1, round(fraction * width * 8))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8 - 1] if eighths % 8 else ""), role


def _link_lines(
    rows: list[tuple[str, float, bool]], width: int, ascii: bool, steps: list[float] | None = None, rate: float = 0.0
) -> list[Line]:
    """One line per `(name, value, dead)`: name, signed value, then a bar, or with ``steps`` the
    last update's step and slope (see `step_run`); a dead link says why it is dead."""
    name_width = max((len(name) for name, _, _ in rows), default=0)
    bar_width = min(_MAX_BAR, width - name_width - _VALUE_WIDTH - 2)
    lines = []
    for k, (name, value, dead) in enumerate(rows):
        if dead:
            lines.append([(f"{name:<{name_width}} ", "dim"), ("dead (L1)", "dim")])
            continue
        text = f"{name:<{name_width}} {signed_precision(value):>{_VALUE_WIDTH}} "
        lines.append([(text, "text"), _bar(value, bar_width, ascii) if steps is None else step_run(steps[k], rate, ascii)])
    return lines


def step_run(step: float, rate: float, ascii: bool) -> Run:
    """The last update of one weight in the lecture's words: which way downhill was and how far it went.

    Args:
        step: ``learning_rate * mean gradient``; the update subtracted it from the weight.
        rate: The learning rate of that update (the slope is ``step / rate``).
        ascii: Use `^` and `v` for the arrows.

    Returns:
        For example `("▲0.0012 slope -0.04", "positive")`: the weight went up by 0.0012, as the
        slope falls that way.
    """
    moved = -step
    up, down = ("^", "v") if ascii else ("▲", "▼")
    arrow = up if moved > 0 else down if moved < 0 else "="
    slope = f" slope {signed_precision(step / rate)}" if rate else ""
    return f"{arrow}{abs(moved):.2g}{slope}", "positive" if moved > 0 else "negative" if moved < 0 else "text"


def _step_note(snapshot: Snapshot, ascii: bool) -> Line:
    if snapshot.last_step is None:
        return [("no update yet: step (s) or play (space)", "dim")]
    up, down = ("^", "v") if ascii else ("▲", "▼")
    return [(f"{up}{down} downhill; step = {snapshot.last_learning_rate:g} x slope", "dim")]


def _dead_suffix(snapshot: Snapshot, ascii: bool) -> str:
    dead = 0 if snapshot.network.dead is None else int(np.count_nonzero(snapshot.network.dead))
    dot = "," if ascii else " ·"
    return f"{dot} {dead} dead link{'s' if dead != 1 else ''} (L1)" if dead else ""


def neuron_lines(snapshot: Snapshot, node: Node, width: int, ascii: bool = False, gradient: bool = False) -> list[Line]:
    """A title, then one line per incoming weight, then the bias.

    Args:
        snapshot: The network to describe.
        node: A hidden neuron or the output, present in the network.
        width: Cells available per line (bars shrink to fit; text may still be clipped).
        ascii: Use only ASCII characters.
        gradient: Show the last update's step and slope instead of the bars.

    Returns:
        Lines of `(text, role)` runs; the first is the title.
    """
    network = snapshot.network
    weight_layer, row = node.weight_row(snapshot.config)
    weights = network.weights[weight_layer][row]
    dead = network.dead_views()[weight_layer][row]
    names = source_names(snapshot, weight_layer, ascii)
    rows = [(name, float(w), bool(d)) for name, w, d in zip(names, weights, dead)]
    rows.append(("bias", float(weights[-1]), False))
    title = node_title(snapshot, node, ascii) + _dead_suffix(snapshot, ascii)
    if not gradient:
        return [[(title, "title")], *_link_lines(rows, width, ascii)]
    steps = None if snapshot.last_step is None else grad_views(network, snapshot.last_step)[weight_layer][row].tolist()
    body = _link_lines(rows, width, ascii, steps, snapshot.last_learning_rate) if steps else []
    return [[(title, "title")], _step_note(snapshot, ascii), *body]


def feature_lines(snapshot: Snapshot, key: str, width: int, ascii: bool = False, gradient: bool = False) -> list[Line]:
    """A feature's formula, whether it is on, and its weights into the next layer while on.

    Args:
        snapshot: The network to describe.
        key: The feature's key in `FEATURES`.
        width: Cells available per line.
        ascii: Use only ASCII characters.
        gradient: Show the last update's step and slope instead of the bars.

    Returns:
        Lines of `(text, role)` runs; the first is the title.
    """
    formula = FEATURES[key].formula.replace("·", "*") if ascii else FEATURES[key].formula
    title = f"{feature_label(key, ascii)} = {formula}" + _dead_suffix(snapshot, ascii)
    unit = Node.feature(key).unit(snapshot.config)
    if unit is None:
        return [[(title, "title")], [("off: enter turns it on", "dim")]]
    lines: list[Line] = [[(title, "title")], [("on: enter turns it off", "text")]]
    network, column = snapshot.network, unit[1]
    arrow = "->" if ascii else "→"
    hidden = len(network.layer_sizes) > 2
    rows = [
        (f"{arrow} L1 n{j + 1}" if hidden else f"{arrow} Output", float(w), bool(d))
        for j, (w, d) in enumerate(zip(network.weights[0][:, column], network.dead_views()[0][:, column]))
    ]
    if not gradient:
        return lines + _link_lines(rows, width, ascii)
    if snapshot.last_step is None:
        return [*lines, _step_note(snapshot, ascii)]
    steps = grad_views(network, snapshot.last_step)[0][:, column].tolist()
    return [*lines, _step_note(snapshot, ascii), *_link_lines(rows, width, ascii, steps, snapshot.last_learning_rate)]


def window(lines: list[Line], rows: int, scroll: int) -> tuple[list[Line], int]:
    """The lines that fit in `rows`: the title stays, the rest scroll, a last line says what is hidden.

    Args:
        lines: All lines, title first.
        rows: Rows available.
        scroll: Body lines to skip; clamped to the useful range.

    Returns:
        The lines to draw and the clamped scroll.
    """
    if rows <= 0 or not lines:
        return [], 0
    title, body = lines[0], lines[1:]
    if len(body) <= rows - 1:
        return [title, *body], 0
    shown = rows - 2 if rows > 2 else rows - 1  # with two rows, a link tells more than a note
    scroll = min(max(scroll, 0), len(body) - shown)
    above, below = scroll, len(body) - scroll - shown
    note = f"{above} above, {below} below (pgup/pgdn)" if above else f"{below} more (pgdn)"
    return [title, *body[scroll : scroll + shown], [(note, "dim")]][:rows], scroll


def inspector_lines(
    snapshot: Snapshot, node: Node, box: tuple[int, int], scroll: int, ascii: bool = False, gradient: bool = False
) -> tuple[list[Line], int]:
    """What the inspector shows for the selected node in a `(width, rows)` box.

    Args:
        snapshot: The network to describe.
        node: The selected node, present in the network (a feature may be off).
        box: Cells across and rows available.
        scroll: Body lines to skip (see `window`).
        ascii: Use only ASCII characters.
        gradient: Show the last update's step and slope beside each weight.

    Returns:
        The lines to draw and the clamped scroll.
    """
    width, rows = box
    if node.kind == "feature":
        return window(feature_lines(snapshot, node.key, width, ascii, gradient), rows, scroll)
    return window(neuron_lines(snapshot, node, width, ascii, gradient), rows, scroll)
