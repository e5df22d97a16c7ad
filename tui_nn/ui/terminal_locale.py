"""Whether the terminal can show UTF-8, judged from the locale the user set, for the app's ASCII fallback.

Python hides a C locale: with ``LANG=C`` it coerces itself to ``C.UTF-8`` (PEP 538, writing
``LC_CTYPE`` into its own environment) and switches on UTF-8 mode (PEP 540), so
``sys.stdout.encoding`` says UTF-8 while the terminal may not. The user's own setting is read
past that coercion. No Textual.
"""

from __future__ import annotations

import os
import sys
from typing import Mapping

_COERCION_TARGETS = frozenset({"C.UTF-8", "C.utf8", "UTF-8"})
"""The values CPython writes into ``LC_CTYPE`` when it coerces a C locale."""


def user_locale(environ: Mapping[str, str], utf8_mode: bool) -> str:
    """The locale the environment selects for characters (``LC_ALL``, ``LC_CTYPE``, ``LANG``), ``C`` if none.

    An ``LC_CTYPE`` that CPython itself wrote while in UTF-8 mode is skipped: the user's choice is
    what lies under it.
    """
    if environ.get("LC_ALL"):
        return environ["LC_ALL"]
    ctype = environ.get("LC_CTYPE", "")
    if ctype and not (utf8_mode and ctype in _COERCION_TARGETS):
        return ctype
    return environ.get("LANG") or "C"


def _is_utf8(name: str) -> bool:
    codeset = name.partition(".")[2] if "." in name else name
    return codeset.partition("@")[0].replace("-", "").replace("_", "").lower() == "utf8"


def utf8_terminal(
    environ: Mapping[str, str] | None = None, encoding: str | None = None, utf8_mode: bool | None = None
) -> bool:
    """Whether both the output stream's encoding and the user's locale are UTF-8.

    Args:
        environ: The environment (default ``os.environ``).
        encoding: The output's encoding (default ``sys.stdout.encoding``).
        utf8_mode: Whether Python runs in UTF-8 mode (default ``sys.flags.utf8_mode``).
    """
    environ = os.environ if environ is None else environ
    encoding = getattr(sys.stdout, "encoding", None) or "" if encoding is None else encoding
    utf8_mode = bool(sys.flags.utf8_mode) if utf8_mode is None else utf8_mode
    return _is_utf8(encoding) and _is_utf8(user_locale(environ, utf8_mode))
