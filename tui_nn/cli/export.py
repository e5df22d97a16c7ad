"""`tui-nn export RUN` and `tui-nn train --export LIST`: a run's figures and files, written beside it.

The contents come from `tui_nn.draw.exports`; the screen export opens the app headless (Textual is
imported only then). Failures are one line naming the file; nothing is half written.
"""

from __future__ import annotations

import argparse
import importlib

from tui_nn.cli.options import OptionParser, print_error
from tui_nn.core.trainer import Trainer
from tui_nn.draw.exports import EXPORTS, write_export

__all__ = ["EXPORTS", "add_export_command", "export_kinds", "run_export_command", "write_exports"]


def export_kinds(text: str) -> tuple[str, ...]:
    """`--export` / `--what`: a comma-separated list of export names, or `all`."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    if names == ["all"]:
        return tuple(EXPORTS)
    unknown = [name for name in names if name not in EXPORTS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of exports; choose from {', '.join(EXPORTS)} or all")
    return tuple(dict.fromkeys(names))


def _size(text: str) -> tuple[int, int]:
    try:
        cols, rows = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 120x40") from None
    if not (40 <= cols <= 400 and 12 <= rows <= 200):
        raise argparse.ArgumentTypeError(f"{text!r} is outside 40x12 to 400x200")
    return cols, rows


def add_export_command(commands: argparse._SubParsersAction) -> None:
    """The `export` subcommand."""
    described = "; ".join(f"{name}: {what} ({suffix})" for name, (suffix, what) in EXPORTS.items())
    parser: OptionParser = commands.add_parser(
        "export", allow_abbrev=False, help="write a saved run's figures and files next to it",
        description=f"Write exports of a saved run next to it, named after it. {described}.",
    )
    parser.add_argument("run", metavar="RUN", help="a saved run (.npz from --save-run or the app's S key)")
    parser.add_argument("--what", type=export_kinds, default=tuple(EXPORTS), metavar="LIST",
                        help=f"which exports: {', '.join(EXPORTS)} or all (default all)")
    parser.add_argument("--size", type=_size, default=(120, 40), metavar="COLSxROWS",
                        help="terminal size of the screen export (default 120x40)")
    parser.add_argument("--ascii", action="store_true", help="the screen export in ASCII mode")


def run_export_command(args: argparse.Namespace) -> int:
    """`tui-nn export`: 0 when every file was written, 1 when one could not be."""
    from tui_nn.core.saved_run import load_run

    trainer = load_run(args.run)
    written = write_exports(trainer, args.what, args.run, args.size, args.ascii)
    if written is None:
        return 1
    print("\n".join(written))
    return 0


def write_exports(
    trainer: Trainer, kinds: tuple[str, ...], run_path: str, size: tuple[int, int] = (120, 40), ascii_mode: bool = False
) -> list[str] | None:
    """Write each export in ``kinds`` beside ``run_path``; the paths written, or None after an error (reported)."""
    snapshot = trainer.snapshot()
    screen = None
    if "screen" in kinds:
        screen = importlib.import_module("tui_nn.ui.screenshot").screen_svg(trainer, size, ascii_mode)
    written = []
    for kind in kinds:
        try:
            written.append(str(write_export(kind, snapshot, run_path, screen)))
        except OSError as error:
            print_error(f"export {kind}: cannot write next to {run_path!r}: {error.strerror or error}")
            return None
    return written
