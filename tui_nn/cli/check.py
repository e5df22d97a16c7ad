"""`tui-nn check`: grade submitted runs or links against targets, one line each, exit 0 (all pass) or 1.

A submission is a saved run (its figures as saved), a model file (its weights on its seed's data),
or a share link (trained from its start until the targets are met, up to ``--within`` epochs).
Targets: test loss at most x, test accuracy at least y %, at most N hidden neurons, at most N
weights (links between neurons, without biases and without links L1 removed), within E epochs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import warnings
from dataclasses import dataclass

from tui_nn.cli.options import OptionParser, whole_number
from tui_nn.core.config import Config, ConfigError
from tui_nn.core.model_file import ModelFileError
from tui_nn.core.saved_run import SavedRunError, load_run
from tui_nn.core.trainer import Trainer
from tui_nn.draw.numbers import format_loss

DEFAULT_WITHIN = 500
"""Epochs a link is trained for when ``--within`` is not given."""


@dataclass(frozen=True)
class Targets:
    max_test_loss: float | None = None
    min_accuracy: float | None = None
    """A share of 1 (the option is in percent)."""
    max_neurons: int | None = None
    max_weights: int | None = None
    within: int | None = None


def _loss(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"{text!r} must be a loss of 0 or more")
    return value


def _percent(text: str) -> float:
    value = _loss(text)
    if not 1 < value <= 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a percentage above 1 and at most 100 (95 means 95%, 0.95 is rejected)")
    return value / 100


def add_check_command(commands: argparse._SubParsersAction) -> None:
    """The `check` subcommand."""
    parser: OptionParser = commands.add_parser(
        "check", allow_abbrev=False, help="grade saved runs or links against targets (exit 0 pass, 1 fail)",
        description="Print PASS or FAIL with the figures for each submission; exit 0 when all pass, 1 otherwise. "
        "A saved run is judged as saved; a link is trained from its start until the targets are met, up to "
        f"--within epochs (default {DEFAULT_WITHIN}).",
    )
    parser.add_argument("submissions", nargs="+", metavar="RUN_OR_LINK",
                        help="saved runs (.npz), model files, or share links / Playground URLs")
    parser.add_argument("--max-test-loss", type=_loss, metavar="X", help="pass only if the test loss is at most X")
    parser.add_argument("--min-accuracy", type=_percent, metavar="PERCENT", help="pass only if the test accuracy is at least this (classification)")
    parser.add_argument("--max-neurons", type=whole_number(0), metavar="N", help="pass only with at most N hidden neurons")
    parser.add_argument("--max-weights", type=whole_number(0), metavar="N",
                        help="pass only with at most N weights (links, without biases and links L1 removed)")
    parser.add_argument("--within", type=whole_number(0), metavar="E",
                        help=f"targets met within E epochs (a link trains at most E; default {DEFAULT_WITHIN} for links)")
    parser.add_argument("--json", action="store_true", help="one JSON object per submission instead of text")


def run_check_command(args: argparse.Namespace) -> int:
    targets = Targets(args.max_test_loss, args.min_accuracy, args.max_neurons, args.max_weights, args.within)
    if targets == Targets():
        raise ConfigError("check: give at least one target (--max-test-loss, --min-accuracy, --max-neurons, "
                          "--max-weights or --within)")
    passed = True
    for submission in args.submissions:
        result = check(submission, targets)
        passed &= result["passed"]
        print(json.dumps(result, allow_nan=False) if args.json else describe(result))
    return 0 if passed else 1


def check(submission: str, targets: Targets) -> dict:
    """Judge one submission; returns ``submission``, ``passed``, ``figures``, ``checks`` and ``error``."""
    try:
        trainer, note = _open(submission, targets)
    except (ConfigError, ModelFileError, OSError) as error:
        return {"submission": submission, "passed": False, "error": str(error), "note": "", "figures": {}, "checks": []}
    checks = _checks(trainer, targets)
    figures = _figures(trainer)
    return {"submission": submission, "passed": all(c["met"] for c in checks), "error": None, "note": note,
            "figures": figures, "checks": checks}


def _open(submission: str, targets: Targets) -> tuple[Trainer, str]:
    """The run to judge: a file as saved, or a link trained until it meets the targets."""
    if os.path.exists(submission):
        try:
            return load_run(submission, history_limit=2), ""
        except SavedRunError as error:
            if "a model file" not in str(error):
                raise
        return Trainer.load(submission, history_limit=2), "a model file: judged on its seed's data"
    if submission.lower().endswith(".npz"):
        raise SavedRunError(f"{submission}: no such file")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        config = Config.from_link(submission)
    note = "" if config.seed is not None else "the link has no seed: a fresh one was drawn, results may vary"
    trainer = Trainer(config, history_limit=2)
    limit = DEFAULT_WITHIN if targets.within is None else targets.within
    quality = Targets(targets.max_test_loss, targets.min_accuracy)
    while trainer.epoch < limit and not trainer.diverged and not all(c["met"] for c in _checks(trainer, quality)):
        trainer.step()
    return trainer, note


def _figures(trainer: Trainer) -> dict:
    network = trainer.network
    links = int(sum(W[:, :-1].size for W in network.weights))
    dead = 0 if network.dead is None else int(network.dead.sum())
    finite = lambda value: value if value is not None and math.isfinite(value) else None  # noqa: E731
    return {
        "epoch": trainer.epoch, "test_loss": finite(trainer.test_loss), "train_loss": finite(trainer.train_loss),
        "accuracy": finite(trainer.test_accuracy), "neurons": sum(trainer.config.hidden_layers),
        "weights": links - dead, "seed": trainer.config.seed,
    }


def _checks(trainer: Trainer, targets: Targets) -> list[dict]:
    figures = _figures(trainer)
    wanted = [
        ("test_loss", "<=", targets.max_test_loss),
        ("accuracy", ">=", targets.min_accuracy),
        ("neurons", "<=", targets.max_neurons),
        ("weights", "<=", targets.max_weights),
        ("epoch", "<=", targets.within),
    ]
    checks = []
    for name, relation, target in wanted:
        if target is None:
            continue
        value = figures[name]
        met = value is not None and (value <= target if relation == "<=" else value >= target)
        checks.append({"figure": name, "value": value, "relation": relation, "target": target, "met": met})
    return checks


def _show(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    if name == "accuracy":
        return f"{100 * value:.1f}%"
    return format_loss(value) if name == "test_loss" else str(value)


_FAILED = {"<=": ">", ">=": "<"}
_WORDS = {"test_loss": "test loss", "accuracy": "accuracy", "neurons": "neurons", "weights": "weights", "epoch": "epochs"}


def describe(result: dict) -> str:
    """One line: PASS or FAIL, the submission (shortened), then each figure against its target."""
    name = result["submission"] if len(result["submission"]) <= 48 else result["submission"][:45] + "..."
    if result["error"]:
        return f"FAIL  {name}: {result['error']}"
    parts = []
    for check in result["checks"]:
        relation = check["relation"] if check["met"] else _FAILED[check["relation"]]
        if check["value"] is None:
            relation = "missing, needs" + (" <=" if check["relation"] == "<=" else " >=")
        figure = check["figure"]
        parts.append(f"{_WORDS[figure]} {_show(figure, check['value'])} {relation} {_show(figure, check['target'])}")
    note = f" ({result['note']})" if result["note"] else ""
    return f"{'PASS' if result['passed'] else 'FAIL'}  {name}: {'; '.join(parts)}{note}"
