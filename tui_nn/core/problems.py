"""PROBLEMS: the kinds of task a run can learn, with what each implies for the network and the data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem type of the Playground (PLAYGROUND.md §2.2, §4)."""

    name: str
    """Config and link value, e.g. ``"classification"``."""

    title: str
    """As the app shows it."""

    output_activation: str
    """The output neuron's activation (a key of ``ACTIVATIONS``): tanh for ±1 labels, linear for reals."""

    num_samples: int
    """Points a generated dataset of this problem has (the Playground's NUM_SAMPLES_*)."""

    dataset_field: str
    """The Config field naming this problem's generated dataset (the Playground keeps one per problem)."""


PROBLEMS: dict[str, Problem] = {
    problem.name: problem
    for problem in (
        Problem("classification", "Classification", "tanh", 500, "dataset"),
        Problem("regression", "Regression", "linear", 1200, "regression_dataset"),
    )
}
