"""Playground share strings: the URL hash format of PLAYGROUND.md §7.3, both ways, from the settings table.

Parsing follows the Playground's rules (``x=0`` means true, ``networkShape=`` means no hidden
layers, inert keys accepted) except that a bad value raises instead of silently keeping a default.
Every key comes from a row of ``tui_nn.core.settings``; this module knows none by name.
"""

from __future__ import annotations

import warnings
from tui_nn.core.config import Config, ConfigError, SettingError
from tui_nn.core.features import INERT_FEATURES
from tui_nn.core.setting_kinds import HIDE_SUFFIX, SKIP
from tui_nn.core.settings import INERT_KEYS, SETTINGS, TABLE, InertKey


def _split_pairs(link: str) -> dict[str, str | None]:
    """``name=value`` pairs of the hash, as the Playground splits them (no percent-decoding)."""
    text = "".join(link.split())  # a link wrapped across lines when copied by hand
    if "#" in text:
        text = text.split("#", 1)[1]
    pairs: dict[str, str | None] = {}
    for part in text.split("&"):
        if not part:
            continue
        pieces = part.split("=")
        pairs[pieces[0]] = pieces[1] if len(pieces) > 1 else None
    return pairs


def _known_keys() -> set[str]:
    keys = {key for row in SETTINGS if row.link_key for key in row.kind.link_keys(row.link_key)}
    keys |= {key for row in SETTINGS if row.link_key is None for key in row.kind.link_keys("")}
    return keys | set(INERT_KEYS)


def from_link(link: str) -> Config:
    """Parse a share string or a whole Playground URL; missing keys take the Playground's defaults.

    Unknown keys are reported as warnings (the Playground ignores them silently); ``missing_keys``
    names the keys that took defaults.

    Raises:
        ConfigError: A value is bad (a ``SettingError`` whose message names the link key), or the
            text holds no setting at all.
    """
    pairs = _split_pairs(link)
    known = _known_keys()
    if not any(key in known or key.endswith(HIDE_SUFFIX) for key in pairs):
        raise ConfigError(f"not a Playground link: no setting found in {link.strip()[:60]!r}")
    for key in pairs:
        if key not in known and not key.endswith(HIDE_SUFFIX):
            warn_ignored(key)
    defaults, values = Config(), {}
    for row in SETTINGS:
        key = row.link_key or ""
        try:
            value = row.kind.read_link(key, pairs, getattr(defaults, row.field))
            if value is not SKIP:
                values[row.field] = row.kind.check(row.field, value)
        except SettingError as error:
            raise SettingError(key, error.value, error.allowed, error.type_error) from None
    return Config(**values)


def missing_keys(link: str) -> list[str]:
    """The Playground's keys a link lacks, which take the Playground's defaults when it is opened.

    Only keys the Playground itself always writes count: not ``regularization`` (left out when
    none), not the seed, not keys that change nothing. Front ends name them, so a short link does
    not pass for a complete one.
    """
    pairs = _split_pairs(link)
    inert = set(INERT_KEYS) | set(INERT_FEATURES)
    return [key for key, _ in _pairs(Config()) if key not in inert and key not in pairs]


def to_link(config: Config) -> str:
    """The share string in the Playground's own key order, so the browser opens the same run.

    Our own keys come after the Playground's and only while not at their defaults; the browser
    ignores them.
    """
    return "&".join(f"{key}={value}" for key, value in _pairs(config))


def _pairs(config: Config) -> list[tuple[str, str]]:
    defaults = Config()
    parts: list[tuple[str, str]] = []
    own: list[tuple[str, str]] = []
    for row in TABLE:
        if isinstance(row, InertKey):
            parts += [] if row.written is None else [(row.link_key, row.written)]
            continue
        value = getattr(config, row.field)
        if row.ours:
            own += [] if value == getattr(defaults, row.field) else row.kind.write_link(row.link_key, value)
        else:
            parts += row.kind.write_link(row.link_key or "", value)
    return parts + own


def warn_ignored(key: str) -> None:
    """Tell the user a link key has no effect, as the Playground silently ignores it."""
    warnings.warn(f"ignoring unknown link key {key!r}", stacklevel=3)
