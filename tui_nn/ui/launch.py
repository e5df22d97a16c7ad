"""run_app: open the playground as the command line asks (colours, pace, limits, files).

The command line imports this module only when ``tui-nn`` opens the app, so ``tui-nn train``
never loads Textual.
"""

from __future__ import annotations

import os

from tui_nn.core.trainer import Trainer
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.state import UiState
from tui_nn.ui.terminal_locale import utf8_terminal


def no_colour_requested() -> bool:
    """Whether the environment asks for plain output: NO_COLOR set or a dumb terminal."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM", "") == "dumb"


def run_app(trainer: Trainer, args) -> int:
    """Open the playground on ``trainer`` with the command line's app options (``--ascii --fps --speed --save``,
    ``--max-speed --idle-pause``, ``--resume --save-run``, ``--lessons``); plain ASCII also when asked by
    ``NO_COLOR``, ``TERM=dumb`` or a locale that is not UTF-8 (``LANG=C``).

    Raises:
        LessonError: A file in a ``--lessons`` directory is malformed (named with its field), before the app opens.
    """
    state = UiState(trainer.config, pace=getattr(args, "speed", 60), fps=getattr(args, "fps", 10))
    ascii_mode = bool(getattr(args, "ascii", False)) or no_colour_requested() or not utf8_terminal()
    limits = {"max_speed": getattr(args, "max_speed", None), "idle_pause": getattr(args, "idle_pause", None)}
    run_path = getattr(args, "save_run", None) or getattr(args, "resume", None)
    dirs = tuple(getattr(args, "lessons", None) or ())
    if dirs:
        from tui_nn.core.lessons import load_lessons  # only when asked: the lesson engine loads on first use
    lessons = load_lessons(dirs) if dirs else None
    PlaygroundApp(
        trainer, state, ascii_mode=ascii_mode, save_path=getattr(args, "save", None), run_path=run_path, lessons=lessons, **limits
    ).run()
    return 0
