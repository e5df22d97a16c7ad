"""The kinds of value a setting holds: how each is checked, read from and written to a link or a
command line, and shown in the app.

A kind knows values, not settings: the row of the settings table that uses it passes its field and
its link key. Every rejection is a ``SettingError`` carrying the field, the value and what is
allowed; the front ends word it.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import PurePath
from typing import Any, Callable, Mapping
from urllib.parse import quote, unquote

from tui_nn.core.errors import SettingError
from tui_nn.core.features import FEATURES, INERT_FEATURES

Pairs = Mapping[str, "str | None"]
"""A link's ``key=value`` pairs; a key written without ``=`` has the value None."""

SKIP = object()
"""What ``read_link`` returns when the link does not set the setting (it keeps its default)."""

HIDE_SUFFIX = "_hide"
"""The Playground's classroom keys: ``<key>_hide=true`` hides a control (PLAYGROUND.md §9)."""


def js_number(value: float) -> str:
    """Format a number as JavaScript's ``String(value)`` does, so links match the browser's."""
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    text = repr(float(value))
    if 1e-6 <= abs(value) < 1e21:
        return format(Decimal(text), "f")
    mantissa, _, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent):+d}"


class Kind:
    """How a setting's values are checked, read, written and shown."""

    def check(self, field: str, value: Any) -> Any:
        """The value in canonical form. Raises: SettingError: It is not allowed."""
        raise NotImplementedError

    def read_link(self, key: str, pairs: Pairs, default: Any) -> Any:
        """The value a link sets (``SKIP`` when it sets none); ``default`` is the setting's default."""
        return SKIP if key not in pairs else self.from_link_text(key, pairs[key])

    def from_link_text(self, key: str, text: str | None) -> Any:
        return text

    def write_link(self, key: str, value: Any) -> list[tuple[str, str]]:
        """The ``(key, text)`` pairs a link writes for ``value``."""
        return [(key, str(value))]

    def link_keys(self, key: str) -> tuple[str, ...]:
        """Every link key this kind reads for a row with ``key``."""
        return (key,)

    def parse(self, field: str, text: str) -> Any:
        """A value from command-line text. Raises: SettingError: The text is not such a value."""
        return text

    def show(self, value: Any) -> str:
        """The value as the app's settings panel shows it."""
        return str(value)

    def describe(self) -> str:
        """The allowed values for ``--help``, e.g. ``relu, tanh, sigmoid or linear``."""
        return ""


class Registry(Kind):
    """One name from a registry (activations, regularizations, datasets, problems).

    Args:
        entries: Returns the registry when asked, so entries registered later count.
        omitted: A value a link leaves out (the Playground omits regularization ``none``).
    """

    def __init__(self, entries: Callable[[], Mapping[str, Any]], omitted: str | None = None) -> None:
        self.entries, self.omitted = entries, omitted

    def names(self) -> tuple[str, ...]:
        return tuple(self.entries())

    def check(self, field: str, value: Any) -> Any:
        if not isinstance(value, str) or value not in self.entries():
            raise SettingError(field, value, f"choose one of {', '.join(self.names())}")
        return value

    def read_link(self, key: str, pairs: Pairs, default: Any) -> Any:
        # The Playground applies an object-valued key only when it has a value.
        return SKIP if pairs.get(key) is None else pairs[key]

    def write_link(self, key: str, value: Any) -> list[tuple[str, str]]:
        return [] if value == self.omitted else [(key, value)]

    def parse(self, field: str, text: str) -> Any:
        for name in self.names():
            if text.strip().lower() == name.lower():
                return name
        raise SettingError(field, text, f"one of {', '.join(self.names())}", type_error=True)

    def show(self, value: Any) -> str:
        entry = self.entries().get(value)
        title = getattr(entry, "label", None) or getattr(entry, "title", None)
        return title or str(value)

    def describe(self) -> str:
        names = self.names()
        return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)


class Number(Kind):
    """A finite number within bounds, written in links as JavaScript writes it.

    Args:
        low: Smallest value allowed.
        high: Largest value allowed.
        whole: Only whole numbers (an ``int``).
        phrase: What is allowed, completing "it must be ..."; by default from the bounds.
        unit: Written after the value in the app (``%``).
    """

    def __init__(self, low: float, high: float, whole: bool = False, phrase: str | None = None, unit: str = "") -> None:
        self.low, self.high, self.whole, self.unit = low, high, whole, unit
        default = f"a whole number from {low} to {high}" if whole else f"a number from {low:g} to {high:g}"
        self.phrase = phrase or default.replace("e+0", "e")

    def check(self, field: str, value: Any) -> Any:
        numeric = int if self.whole else (int, float)
        ok = isinstance(value, numeric) and not isinstance(value, bool) and math.isfinite(value)
        if not ok or not self.low <= value <= self.high:
            raise SettingError(field, value, f"it must be {self.phrase}")
        return value

    def read_link(self, key: str, pairs: Pairs, default: Any) -> Any:
        # The Playground reads a number key only when its value is not empty (`+value`).
        return SKIP if not pairs.get(key) else self.from_link_text(key, pairs[key])

    def from_link_text(self, key: str, text: str | None) -> Any:
        try:
            number = float(text or "")
        except ValueError:
            raise SettingError(key, text, "a number", type_error=True) from None
        return int(number) if self.whole and number.is_integer() else number  # inf and nan stay floats: refused by check

    def write_link(self, key: str, value: Any) -> list[tuple[str, str]]:
        return [(key, js_number(value))]

    def parse(self, field: str, text: str) -> Any:
        try:
            return int(text) if self.whole else float(text)
        except ValueError:
            raise SettingError(field, text, "a whole number" if self.whole else "a number", type_error=True) from None

    def show(self, value: Any) -> str:
        return js_number(value) + self.unit

    def describe(self) -> str:
        return self.phrase


class Flag(Kind):
    """On or off; in links ``x=0`` means true, as the Playground reads any value but ``false``."""

    def check(self, field: str, value: Any) -> Any:
        if not isinstance(value, bool):
            raise SettingError(field, value, "it must be true or false")
        return value

    def from_link_text(self, key: str, text: str | None) -> Any:
        return text != "false"

    def write_link(self, key: str, value: Any) -> list[tuple[str, str]]:
        return [(key, "true" if value else "false")]

    def show(self, value: Any) -> str:
        return "on" if value else "off"


class Text(Kind):
    """A string, or None until one is chosen (the seed); a link leaves None out."""

    def __init__(self, phrase: str) -> None:
        self.phrase = phrase

    def check(self, field: str, value: Any) -> Any:
        if value is not None and not isinstance(value, str):
            raise SettingError(field, value, f"it must be {self.phrase}")
        return value

    def from_link_text(self, key: str, text: str | None) -> Any:
        return text or ""

    def write_link(self, key: str, value: Any) -> list[tuple[str, str]]:
        return [] if value is None else [(key, value)]


class Count(Kind):
    """A whole number in bounds, or None (the default: not used); a link leaves None out."""

    def __init__(self, low: int, high: int) -> None:
        self.number = Number(low, high, whole=True)

    def check(self, field: str, value: Any) -> Any:
        return None if value is None else self.number.check(field, value)

    def from_link_text(self, key: str, text: str | None) -> Any:
        return None if not text else self.number.from_link_text(key, text)

    def write_link(self, key: str, value: Any) -> list[tuple[str, str]]:
        return [] if value is None else [(key, str(value))]

    def parse(self, field: str, text: str) -> Any:
        return None if text.strip().lower() in ("", "none") else self.number.parse(field, text)

    def show(self, value: Any) -> str:
        return "all" if value is None else f"{value:,}"

    def describe(self) -> str:
        return self.number.phrase


class DataFile(Text):
    """A CSV file's path, or None for the generated dataset; percent-encoded in links so any path survives."""

    def __init__(self) -> None:
        super().__init__("a CSV file name, or null for the generated dataset")

    def check(self, field: str, value: Any) -> Any:
        if value is not None and (not isinstance(value, str) or not value):
            raise SettingError(field, value, f"it must be {self.phrase}")
        return value

    def from_link_text(self, key: str, text: str | None) -> Any:
        return unquote(text or "")

    def write_link(self, key: str, value: Any) -> list[tuple[str, str]]:
        return [] if value is None else [(key, quote(value, safe="/"))]

    def show(self, value: Any) -> str:
        return PurePath(value).name or value


class HiddenLayers(Kind):
    """Neurons per hidden layer; the link's ``networkShape=`` (empty) means no hidden layers.

    Args:
        max_layers: Most layers a link or option may ask for (the app's panel stops at 6).
        max_neurons: Most neurons per layer (the app's +/- stop at 8).
    """

    def __init__(self, max_layers: int = 16, max_neurons: int = 64) -> None:
        self.max_layers, self.max_neurons = max_layers, max_neurons
        self.phrase = f"up to {max_layers} layers of 1 to {max_neurons} neurons each"

    def check(self, field: str, value: Any) -> Any:
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise SettingError(field, value, f"it must be {self.phrase}")
        layers = tuple(value)
        if len(layers) > self.max_layers or any(
            not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= self.max_neurons for n in layers
        ):
            raise SettingError(field, ",".join(map(str, layers)), f"it must be {self.phrase}")
        return layers

    def from_link_text(self, key: str, text: str | None) -> Any:
        return self._split(key, text or "")

    def _split(self, name: str, text: str) -> tuple[int, ...]:
        if text.strip().lower() in ("", "none"):
            return ()
        try:
            return tuple(int(part) for part in text.split(","))
        except ValueError:
            raise SettingError(name, text, "a comma-separated list of neuron counts such as 4,2 "
                               "('' or none: no hidden layers)", type_error=True) from None

    def write_link(self, key: str, value: Any) -> list[tuple[str, str]]:
        return [(key, ",".join(map(str, value)))]

    def parse(self, field: str, text: str) -> Any:
        return self._split(field, text)

    def show(self, value: Any) -> str:
        return ",".join(map(str, value)) or "none"

    def describe(self) -> str:
        return self.phrase


class Features(Kind):
    """The set of input features, kept in the network's input order; in links one flag per feature."""

    def check(self, field: str, value: Any) -> Any:
        if isinstance(value, str):
            value = [part for part in value.split(",") if part]
        if not isinstance(value, (list, tuple, set, frozenset)) or not all(isinstance(key, str) for key in value):
            raise SettingError(field, value, f"it must be a list of {', '.join(FEATURES)}")
        unknown = sorted(set(value) - set(FEATURES))
        if unknown:
            raise SettingError(field, unknown[0], f"choose from {', '.join(FEATURES)}", type_error=False)
        return tuple(key for key in FEATURES if key in value)

    def read_link(self, key: str, pairs: Pairs, default: Any) -> Any:
        chosen = set(default)
        for name in FEATURES:
            if name in pairs:
                (chosen.discard if pairs[name] == "false" else chosen.add)(name)
            if pairs.get(name + HIDE_SUFFIX) == "true":  # a hidden feature is removed from the inputs
                chosen.discard(name)
        return tuple(chosen)

    def write_link(self, key: str, value: Any) -> list[tuple[str, str]]:
        flags = {name: name in value for name in FEATURES} | {name: False for name in INERT_FEATURES}
        places = {name: feature.link_position for name, feature in FEATURES.items()} | INERT_FEATURES
        return [(name, "true" if flags[name] else "false") for name in sorted(flags, key=places.__getitem__)]

    def link_keys(self, key: str) -> tuple[str, ...]:
        return (*FEATURES, *INERT_FEATURES)

    def parse(self, field: str, text: str) -> Any:
        known = {name.lower(): name for name in FEATURES} | {f.ascii_label: f.key for f in FEATURES.values()}
        names = [part.strip() for part in text.split(",") if part.strip()]
        for name in names:
            if name.lower() not in known:
                allowed = f"a feature; choose from {','.join(FEATURES)} or {','.join(f.ascii_label for f in FEATURES.values())}"
                raise SettingError(field, name, allowed, type_error=True)
        return tuple(known[name.lower()] for name in names)

    def show(self, value: Any) -> str:
        return ",".join(value) or "none"

    def describe(self) -> str:
        return (f"comma-separated inputs from {','.join(FEATURES)} "
                f"(or {','.join(f.ascii_label for f in FEATURES.values())})")


class HiddenControls(Kind):
    """The controls a classroom link hides, written as ``<id>_hide=true`` after the Playground's keys.

    Args:
        ids: Returns every control id that can be hidden, in the order links write them.
    """

    def __init__(self, ids: Callable[[], tuple[str, ...]]) -> None:
        self.ids = ids

    def check(self, field: str, value: Any) -> Any:
        if isinstance(value, str):
            value = [part for part in value.split(",") if part]
        if not isinstance(value, (list, tuple, set, frozenset)) or not all(isinstance(v, str) for v in value):
            raise SettingError(field, value, f"it must be a list of control ids: {', '.join(self.ids())}")
        unknown = sorted(set(value) - set(self.ids()))
        if unknown:
            raise SettingError(field, unknown[0], f"choose from {', '.join(self.ids())}")
        return tuple(name for name in self.ids() if name in value)

    def read_link(self, key: str, pairs: Pairs, default: Any) -> Any:
        # Unknown ids (the Playground's own per-layer buttons, say) are left alone, as it leaves them.
        hidden = [k[: -len(HIDE_SUFFIX)] for k, v in pairs.items() if k.endswith(HIDE_SUFFIX) and v == "true"]
        return tuple(name for name in self.ids() if name in hidden)

    def write_link(self, key: str, value: Any) -> list[tuple[str, str]]:
        return [(name + HIDE_SUFFIX, "true") for name in value]

    def link_keys(self, key: str) -> tuple[str, ...]:
        return tuple(name + HIDE_SUFFIX for name in self.ids())

    def parse(self, field: str, text: str) -> Any:
        return tuple(part.strip() for part in text.split(",") if part.strip())

    def show(self, value: Any) -> str:
        return ",".join(value) or "none"

    def describe(self) -> str:
        return f"comma-separated control ids from {', '.join(self.ids())}"
