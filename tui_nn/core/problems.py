"""PROBLEMS: the kinds of task a run can learn, with what each implies for the network and the data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem type: the Playground's two (PLAYGROUND.md §2.2, §4) and multi-class, beyond it."""

    name: str
    """Config and link value, e.g. ``"classification"``."""

    title: str
    """As the app shows it."""

    output_activation: str
    """The output neuron's activation with square loss: tanh for ±1 labels, linear for reals;
    softmax (one output per class) for multi-class. ``core.losses.head_for`` has the full rule."""

    num_samples: int
    """Points a generated dataset of this problem has (the Playground's NUM_SAMPLES_*)."""

    dataset_field: str
    """The Config field naming this problem's dataset (the Playground keeps one per problem)."""


PROBLEMS: dict[str, Problem] = {
    problem.name: problem
    for problem in (
        Problem("classification", "Classification", "tanh", 500, "dataset"),
        Problem("regression", "Regression", "linear", 1200, "regression_dataset"),
        Problem("multiclass", "Multi-class", "softmax", 500, "multiclass_dataset"),
    )
}

MAX_CLASSES = 8
"""Most classes a multi-class run may have (one colour and one glyph each)."""
