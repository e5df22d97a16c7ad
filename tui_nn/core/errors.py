"""Errors of settings and data, carrying fields so each front end words them for its user.

A ``SettingError`` says which setting, which value and what is allowed; the CLI names the option,
a link its key and the app its row. Nobody parses a message back into its parts.
"""

from __future__ import annotations

from typing import Any


class ConfigError(ValueError):
    """A run cannot be set up as asked (a bad setting, link or data file); the message says why."""


class SettingError(ConfigError):
    """One setting has a value outside what it allows.

    Args:
        field: The Config field (or the link key, for text a link could not read).
        value: The rejected value, as given.
        allowed: What is allowed: a phrase completing "... is not allowed; <allowed>" (such as
            ``"it must be a number above 0 and at most 1e6"``), or, for a ``type_error``, one
            completing "... is not <allowed>" (such as ``"a number"``).
        type_error: The value is not even of the setting's type (text that is no number).
    """

    def __init__(self, field: str, value: Any, allowed: str, type_error: bool = False) -> None:
        self.field, self.value, self.allowed, self.type_error = field, value, allowed, type_error
        super().__init__(self.worded(field))

    def worded(self, name: str, value: Any = None) -> str:
        """The message with the setting called ``name``: an option, a link key or a panel row.

        Args:
            name: What the user knows the setting as.
            value: The value as the user typed it, when that differs from ``self.value``.
        """
        return f"{name}: {self.phrase(value)}"

    def phrase(self, value: Any = None) -> str:
        """The message without the setting's name, e.g. ``'abc' is not a number``."""
        shown = repr(self.value if value is None else value)
        if self.type_error:
            return f"{shown} is not {self.allowed}"
        return f"{shown} is not allowed; {self.allowed}"
