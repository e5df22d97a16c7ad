"""``python -m tui_nn.bench``: the performance budgets of DESIGN.md, measured side by side in one run.

It runs the trainer, frame and app benchmarks (``bench_trainer``, ``bench_frame``, ``bench_app``)
and prints one table with ratios and PASS/FAIL per budget, then the machine; ``--json`` prints the
same figures as one object. Textual and scikit-learn are imported only while a benchmark runs.
"""

from __future__ import annotations

import tui_nn.core.blas_threads  # noqa: F401  (before NumPy: see that module)

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

from tui_nn.bench.measure import Result

GROUPS = ("trainer", "frame", "app")
REPEATS = 5
REFERENCES = ("scikit-learn", "python")
PORT_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Plan:
    """How long each measurement runs."""

    groups: tuple[str, ...]
    seconds: float
    """Wall time per contender per repeat (trainer and frame)."""
    repeats: int
    training_seconds: float
    paused_seconds: float
    launches: int
    """App launches timed for the first frame."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tui_nn.bench",
        description="Measure tui-nn against its budgets (DESIGN.md): medians of interleaved repeats, with ratios.",
    )
    parser.add_argument("--quick", action="store_true", help="shorter runs: 0.1 s per measurement, 10 s of training")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--no-app", action="store_true", help="skip the app (pseudo-terminal) measurements")
    parser.add_argument("--only", metavar="LIST", type=_groups, default=GROUPS, help="comma-separated: trainer,frame,app")
    parser.add_argument("--seconds", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=REPEATS, help=argparse.SUPPRESS)
    return parser


def _groups(text: str) -> tuple[str, ...]:
    groups = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [group for group in groups if group not in GROUPS]
    if unknown or not groups:
        raise argparse.ArgumentTypeError(f"{text!r}: choose from {','.join(GROUPS)}")
    return groups


def _plan(args: argparse.Namespace) -> Plan:
    groups = tuple(group for group in GROUPS if group in args.only and not (group == "app" and args.no_app))
    seconds = args.seconds if args.seconds is not None else (0.1 if args.quick else 1.0)
    return Plan(groups, seconds, max(args.repeats, 1), 10.0 if args.quick else 30.0, 10.0, 3 if args.quick else 5)


def _progress(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def measure(plan: Plan) -> tuple[list[Result], dict[str, Any]]:
    """Run the planned groups; returns the rows and the checks and facts that go with them."""
    results: list[Result] = []
    extra: dict[str, Any] = {}
    if "trainer" in plan.groups:
        from tui_nn.bench import trainer as bench_trainer

        _progress(f"trainer: 4 networks x 3 contenders x {plan.repeats} repeats x {plan.seconds:g} s")
        rows, extra["checks"] = bench_trainer.run(plan.seconds, plan.repeats)
        results += rows
    if "frame" in plan.groups:
        from tui_nn.bench import frame as bench_frame

        _progress(f"frame: 4 figures x {plan.repeats} repeats x {plan.seconds:g} s")
        results += bench_frame.run(plan.seconds, plan.repeats)
    if "app" in plan.groups:
        from tui_nn.bench import app as bench_app

        _progress(f"app: {plan.launches} launches, then {plan.training_seconds:g} s training + "
                  f"{plan.paused_seconds:g} s paused at 120x40 and at 80x24")
        rows, extra["app"] = bench_app.run(plan.training_seconds, plan.paused_seconds, plan.launches)
        results += rows
    return results, extra


def machine() -> dict[str, Any]:
    """The computer and the library versions the figures were taken with."""
    from tui_nn.bench.trainer import SKLEARN_MISSING, sklearn_version

    return {
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scikit-learn": sklearn_version() or SKLEARN_MISSING,
        "textual": _distribution_version("textual"),
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _distribution_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "epochs/s":
        return f"{value:,.0f}/s" if value >= 100 else f"{value:.1f}/s"
    if unit == "B/s":
        return f"{value / 1024:.2f} KiB/s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f} {unit}"


def _row(result: Result) -> list[str]:
    refs = [_figure(result.references[name], result.unit) if name in result.references else "" for name in REFERENCES]
    ratios = [f"{r:.1f}x" if (r := result.ratios.get(name)) is not None else ("n/a" if name in result.references else "")
              for name in REFERENCES]
    budget = ", ".join(check.label for check in result.checks) or "-"
    return [result.name, _figure(result.ours, result.unit), *refs, *ratios, budget, result.verdict]


def table(results: list[Result]) -> str:
    """The results as an aligned plain-text table."""
    header = ["", "ours", "scikit-learn", "python", "ours/sklearn", "ours/python", "budget", "result"]
    rows = [header] + [_row(result) for result in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    numeric = range(1, 6)
    lines = ["  ".join(cell.rjust(w) if i in numeric else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(plan: Plan, results: list[Result], extra: dict[str, Any], info: dict[str, Any]) -> str:
    """The whole text report: settings, table, checks, notes and the machine."""
    lines = [f"tui-nn benchmark: medians of {plan.repeats} interleaved repeats, {plan.seconds:g} s each (wall clock)", ""]
    lines += [table(results), ""] if results else ["(nothing measured)", ""]
    checks = extra.get("checks")
    if checks:
        diff = checks["port_vs_trainer_A_1_epoch"]
        verdict = "agree" if checks["port_agrees"] else "DISAGREE: the comparison is void"
        lines.append(f"check: pure-Python port vs Trainer on A after 1 epoch: |d train loss| {diff['train_loss']:.1e}, "
                     f"|d test loss| {diff['test_loss']:.1e}, max |d param| {diff['params']:.1e} -> {verdict} "
                     f"(tolerance {PORT_TOLERANCE:g})")
    if "app" in extra:
        app = extra["app"]
        lines.append(f"app: {app['command']}, TERM={app['term']}, {app['training_seconds']:g} s training, "
                     f"{app['paused_seconds']:g} s paused; terminal queries answered: {app['queries_answered']}")
    lines += [f"note: {result.key}: {result.note}" for result in results if result.note]
    lines += ["", "machine: " + "; ".join(f"{key} {value}" for key, value in info.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark.

    Returns:
        0, or 1 when the pure-Python port disagrees with the Trainer (the speed-ups would be void).
    """
    args = _parser().parse_args(argv)
    plan = _plan(args)
    results, extra = measure(plan)
    info = machine()
    if args.json:
        settings = {"groups": list(plan.groups), "seconds": plan.seconds, "repeats": plan.repeats,
                    "training_seconds": plan.training_seconds, "paused_seconds": plan.paused_seconds, "launches": plan.launches}
        payload = {"settings": settings, "results": [result.to_dict() for result in results], "checks": extra.get("checks", {}),
                   "app": extra.get("app", {}), "machine": info}
        print(json.dumps(payload, indent=2))
    else:
        print(report(plan, results, extra, info))
    return 0 if extra.get("checks", {}).get("port_agrees", True) else 1


if __name__ == "__main__":
    raise SystemExit(main())
