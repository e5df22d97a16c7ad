"""KeyFooter: Textual's compact Footer, made to fit one row by leaving out the least needed keys.

Textual's Footer scrolls sideways when its keys are wider than the terminal; the command-palette
key docked at its right then lands one cell short and the keys beneath it show through
(`^p palettet`). This footer never overflows: it drops keys in a given order, then from the right.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = ["KeyFooter", "key_width"]


def key_width(key: FooterKey) -> int:
    """Cells a compact key takes: its key, a space and its description, then a 1-cell margin.

    The command-palette key also has a 1-cell border on its left.
    """
    label = cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0)
    return label + 1 + key.has_class("-command-palette")


class KeyFooter(Footer):
    """A compact Footer whose keys always fit its width.

    Args:
        drop_order: Binding ids to leave out first, in order, when the keys do not fit; after
            those, keys are left out from the right.
        name: The widget's name.
        id: The widget's id.
        classes: Space-separated CSS classes.
    """

    def __init__(
        self, drop_order: Iterable[str] = (), *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, compact=True)
        self.drop_order = tuple(drop_order)
        self._width = 0

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        self._width = self.size.width or self.app.size.width
        footer_keys = [w for w in widgets if isinstance(w, FooterKey)]
        keys = [w for w in footer_keys if not w.has_class("-command-palette")]  # grouped keys (KeyGroup) stay
        room = self._width - sum(key_width(w) for w in footer_keys if w not in keys)
        shown = self._fitting(keys, room)
        yield from (w for w in widgets if w not in keys or w in shown)

    def _fitting(self, keys: list[FooterKey], room: int) -> list[FooterKey]:
        """The keys left once the least needed are dropped until the rest fit in ``room`` cells."""
        ids = {key: active.binding.id for key, active in self.screen.active_bindings.items()}
        rank = {binding_id: n for n, binding_id in enumerate(self.drop_order)}
        order = sorted(range(len(keys)), key=lambda i: (rank.get(ids.get(keys[i].key), len(rank)), -i))
        dropped: set[int] = set()
        width = sum(key_width(key) for key in keys)
        for i in order:
            if width <= room:
                break
            dropped.add(i)
            width -= key_width(keys[i])
        return [key for i, key in enumerate(keys) if i not in dropped]

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self.call_after_refresh(self.recompose)
