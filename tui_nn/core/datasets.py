"""The Playground's six data generators and its shuffle-and-split.

Generators reproduce `dataset.ts` draw for draw, so a Playground seed gives the Playground's
points. This module must not use `np.random` or any generator other than the `rng` it is given.
"""

from __future__ import annotations

import math
from pathlib import Path
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np
import numpy.typing as npt

from tui_nn.core.class_datasets import arms, blobs
from tui_nn.core.playground_rng import PlaygroundRandom
from tui_nn.core.problems import PROBLEMS

Array = npt.NDArray[np.float64]
BUNDLED_DIR = Path(__file__).resolve().parents[2] / "datasets"
"""Where the bundled real datasets live (``datasets/`` of the source tree, beside ``tui_nn/``)."""
DataGenerator = Callable[[int, float, PlaygroundRandom], tuple[Array, Array]]

NUM_SAMPLES_CLASSIFY = PROBLEMS["classification"].num_samples
NUM_SAMPLES_REGRESS = PROBLEMS["regression"].num_samples
PREVIEW_SAMPLES = 200

# regressGaussian's bumps as (cx, cy, sign), in the order getLabel visits them.
_GAUSSIAN_CENTRES = (
    (-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1),
)


def _d3_linear(
    x0: float, x1: float, y0: float, y1: float, clamp: bool = False
) -> Callable[[float], float]:
    """`d3.scale.linear().domain([x0, x1]).range([y0, y1])` with d3 3.5's exact arithmetic."""
    span = x1 - x0

    def scale(x: float) -> float:
        t = (x - x0) / span
        if clamp:
            t = max(0.0, min(1.0, t))
        return y0 * (1 - t) + y1 * t

    return scale


def _dist(x: float, y: float, cx: float, cy: float) -> float:
    """`dataset.ts` `dist`: written out rather than `math.hypot`, which rounds differently."""
    dx = x - cx
    dy = y - cy
    return math.sqrt(dx * dx + dy * dy)


def _loop_count(bound: float) -> int:
    """How often `for (i = 0; i < bound; i++)` runs."""
    return max(0, math.ceil(bound))


Rows = list[tuple[float, float, float]]


def rows_to_arrays(rows: Rows) -> tuple[Array, Array]:
    """`(x, y, label)` rows as `points` `(n, 2)` and `labels` `(n,)`."""
    data = np.array(rows, dtype=np.float64).reshape(len(rows), 3)
    return data[:, :2].copy(), data[:, 2].copy()


def _circle(num_samples: int, noise: float, rng: PlaygroundRandom) -> tuple[Array, Array]:
    """`classifyCircleData`: +1 inside radius 2.5, -1 in the ring 3.5..5; noise flips labels."""
    radius = 5
    rows: Rows = []
    for r_low, r_high in ((0, radius * 0.5), (radius * 0.7, radius)):
        for _ in range(_loop_count(num_samples / 2)):
            r = rng.uniform(r_low, r_high)
            angle = rng.uniform(0, 2 * math.pi)
            x = r * math.sin(angle)
            y = r * math.cos(angle)
            noise_x = rng.uniform(-radius, radius) * noise
            noise_y = rng.uniform(-radius, radius) * noise
            inside = _dist(x + noise_x, y + noise_y, 0, 0) < radius * 0.5
            rows.append((x, y, 1.0 if inside else -1.0))
    return rows_to_arrays(rows)


def _xor(num_samples: int, noise: float, rng: PlaygroundRandom) -> tuple[Array, Array]:
    """`classifyXORData`: the sign of x*y, with a 0.3 gap around both axes; noise flips labels."""
    padding = 0.3
    rows: Rows = []
    for _ in range(_loop_count(num_samples)):
        x = rng.uniform(-5, 5)
        x += padding if x > 0 else -padding
        y = rng.uniform(-5, 5)
        y += padding if y > 0 else -padding
        noise_x = rng.uniform(-5, 5) * noise
        noise_y = rng.uniform(-5, 5) * noise
        rows.append((x, y, 1.0 if (x + noise_x) * (y + noise_y) >= 0 else -1.0))
    return rows_to_arrays(rows)


def _gauss(num_samples: int, noise: float, rng: PlaygroundRandom) -> tuple[Array, Array]:
    """`classifyTwoGaussData`: +1 around (2, 2), -1 around (-2, -2); noise widens both."""
    variance = _d3_linear(0, 0.5, 0.5, 4)(noise)
    rows: Rows = []
    for centre, label in ((2, 1.0), (-2, -1.0)):
        for _ in range(_loop_count(num_samples / 2)):
            x = rng.normal(centre, variance)
            y = rng.normal(centre, variance)
            rows.append((x, y, label))
    return rows_to_arrays(rows)


def _spiral(num_samples: int, noise: float, rng: PlaygroundRandom) -> tuple[Array, Array]:
    """`classifySpiralData`: two interleaved 1.75-turn arms; noise moves points by up to ±noise."""
    n = num_samples / 2
    rows: Rows = []
    for delta_t, label in ((0.0, 1.0), (math.pi, -1.0)):
        for i in range(_loop_count(n)):
            r = i / n * 5
            t = 1.75 * i / n * 2 * math.pi + delta_t
            x = r * math.sin(t) + rng.uniform(-1, 1) * noise
            y = r * math.cos(t) + rng.uniform(-1, 1) * noise
            rows.append((x, y, label))
    return rows_to_arrays(rows)


def _regress(
    num_samples: int, noise: float, rng: PlaygroundRandom, label_at: Callable[[float, float], float]
) -> tuple[Array, Array]:
    """The loop shared by `regressPlane` and `regressGaussian`: labels at the noisy position."""
    radius = 6
    rows: Rows = []
    for _ in range(_loop_count(num_samples)):
        x = rng.uniform(-radius, radius)
        y = rng.uniform(-radius, radius)
        noise_x = rng.uniform(-radius, radius) * noise
        noise_y = rng.uniform(-radius, radius) * noise
        rows.append((x, y, label_at(x + noise_x, y + noise_y)))
    return rows_to_arrays(rows)


def _reg_plane(num_samples: int, noise: float, rng: PlaygroundRandom) -> tuple[Array, Array]:
    """`regressPlane`: label (x + y) / 10."""
    label_scale = _d3_linear(-10, 10, -1, 1)
    return _regress(num_samples, noise, rng, lambda x, y: label_scale(x + y))


def _reg_gauss(num_samples: int, noise: float, rng: PlaygroundRandom) -> tuple[Array, Array]:
    """`regressGaussian`: the signed bump of largest magnitude among six centres."""
    label_scale = _d3_linear(0, 2, 1, 0, clamp=True)

    def label_at(x: float, y: float) -> float:
        label = 0.0
        for cx, cy, sign in _GAUSSIAN_CENTRES:
            new_label = sign * label_scale(_dist(x, y, cx, cy))
            if abs(new_label) > abs(label):
                label = new_label
        return label

    return _regress(num_samples, noise, rng, label_at)


@dataclass(frozen=True)
class BundledFile:
    """A real dataset shipped as a CSV file in ``datasets/``, and the columns a run uses."""

    file: str
    """File name inside ``datasets/``."""
    x: str
    y: str
    label: str
    """Column names: the two inputs and the label."""


@dataclass(frozen=True)
class DatasetInfo:
    """One entry of the dataset picker: a generated dataset, or a bundled real one (``bundled``)."""

    name: str
    """The Playground's URL name, e.g. `"reg-plane"`."""

    title: str
    """The name shown in the picker, e.g. `"Exclusive or"`."""

    problem: str
    """`"classification"` (labels ±1) or `"regression"` (real labels)."""

    generate: DataGenerator | None
    """`generate(num_samples, noise_fraction, rng) -> (points, labels)`, unshuffled (multi-class
    generators take the number of classes too); None for a bundled file."""

    bundled: BundledFile | None = None
    """The file and columns of a bundled real dataset; None for a generated one."""

    classes: int | None = None
    """A bundled multi-class dataset's number of classes."""


DATASETS: dict[str, DatasetInfo] = {
    info.name: info
    for info in (
        DatasetInfo("circle", "Circle", "classification", _circle),
        DatasetInfo("xor", "Exclusive or", "classification", _xor),
        DatasetInfo("gauss", "Gaussian", "classification", _gauss),
        DatasetInfo("spiral", "Spiral", "classification", _spiral),
        DatasetInfo("reg-plane", "Plane", "regression", _reg_plane),
        DatasetInfo("reg-gauss", "Multi gaussian", "regression", _reg_gauss),
        DatasetInfo("blobs", "Blobs", "multiclass", blobs),
        DatasetInfo("arms", "Spiral arms", "multiclass", arms),
        DatasetInfo("iris", "Iris (real)", "multiclass", None,
                    BundledFile("iris.csv", "petal_length", "petal_width", "species"), classes=3),
        DatasetInfo("penguins", "Penguins (real)", "multiclass", None,
                    BundledFile("penguins.csv", "bill_length_mm", "bill_depth_mm", "species"), classes=3),
        DatasetInfo("diabetes", "Diabetes (real)", "regression", None,
                    BundledFile("diabetes.csv", "bmi", "ltg", "progression")),
    )
}
"""Every dataset by its config, link and CLI name: the Playground's six in its picker order, then
ours (multi-class generators, bundled real data in ``datasets/``, see ``datasets/README.md``)."""


def datasets_of(problem: str, generated: bool = False) -> tuple[str, ...]:
    """The names of the datasets of one problem type (only the generated ones if asked), in picker order."""
    return tuple(
        name for name, info in DATASETS.items() if info.problem == problem and not (generated and info.bundled)
    )


CLASSIFICATION_DATASETS = datasets_of("classification", generated=True)
REGRESSION_DATASETS = datasets_of("regression", generated=True)
MULTICLASS_DATASETS = datasets_of("multiclass", generated=True)


def _info(name: str) -> DatasetInfo:
    """The registry entry for `name`, or a `ValueError` listing the known names."""
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; expected one of {', '.join(DATASETS)}")
    return DATASETS[name]


def generate(
    name: str, num_samples: int, noise_fraction: float, rng: PlaygroundRandom, classes: int = 3
) -> tuple[Array, Array]:
    """Generate a dataset in the Playground's order, without shuffling.

    Args:
        name: A key of `DATASETS`.
        num_samples: Points to ask for; classification sets make `ceil(num_samples / 2)` per class.
        noise_fraction: The Playground's noise slider divided by 100 (0 to 0.5 in the UI).
        rng: The seeded stream to draw from; it advances exactly as `Math.random` would.
        classes: Classes of a multi-class generator (ignored by the Playground's six).

    Returns:
        `points` of shape `(n, 2)` and `labels` of shape `(n,)`.

    Raises:
        ValueError: If `name` is not a known generated dataset.
    """
    info = _info(name)
    if info.generate is None:
        raise ValueError(f"{name} is a bundled file, not a generated dataset")
    if info.problem == "multiclass":
        return info.generate(num_samples, noise_fraction, rng, classes)  # type: ignore[call-arg]
    return info.generate(num_samples, noise_fraction, rng)


@dataclass(frozen=True)
class DataSplit:
    """Shuffled data cut into train and test; every array is read-only."""

    train_points: Array
    """Training inputs, shape `(n_train, 2)`."""

    train_labels: Array
    """Training targets, shape `(n_train,)`."""

    test_points: Array
    """Test inputs, shape `(n_test, 2)`."""

    test_labels: Array
    """Test targets, shape `(n_test,)`."""

    class_names: tuple[str, ...] = ()
    """Names of the classes by index (for ±1 labels: the -1 class, then +1); empty for regression."""

    scales: tuple[AxisScale, ...] | None = None
    """How a file's x and y columns (and a regression label) were rescaled; None: in their own units."""


@dataclass(frozen=True)
class AxisScale:
    """A column rescaled into the plane: ``plane = (value - centre) * factor``."""

    name: str
    """The column's name, for axis labels."""
    centre: float
    factor: float

    def value_at(self, plane: float) -> float:
        """The column's value at a plane coordinate (undoes the rescaling)."""
        return plane / self.factor + self.centre


def _frozen(values: Array) -> Array:
    """A read-only float64 copy, safe to share across threads."""
    out = np.array(values, dtype=np.float64, copy=True)
    out.flags.writeable = False
    return out


def split(points: Array, labels: Array, train_percent: float) -> DataSplit:
    """Cut data as `generateData` does: the first `floor(n * train_percent / 100)` points train.

    Args:
        points: Inputs, shape `(n, 2)`, already in their final order.
        labels: Targets, shape `(n,)`.
        train_percent: Share of training data in percent (10 to 90 in the UI). Other values
            behave like JavaScript's `slice`: above 100 leaves no test data, and a negative
            cut counts from the end.

    Returns:
        A `DataSplit` of read-only copies.

    Raises:
        ValueError: If `train_percent` is not finite or the lengths differ.
    """
    if not math.isfinite(train_percent):
        raise ValueError(f"train_percent must be a finite number, got {train_percent!r}")
    if len(points) != len(labels):
        raise ValueError(f"{len(points)} points but {len(labels)} labels")
    cut = math.floor(len(points) * train_percent / 100)
    return DataSplit(
        _frozen(points[:cut]), _frozen(labels[:cut]), _frozen(points[cut:]), _frozen(labels[cut:])
    )


def playground_data(
    name: str, noise_percent: float, train_percent: float, rng: PlaygroundRandom, classes: int = 3
) -> DataSplit:
    """Reproduce the Playground's `generateData()` after seeding: generate, shuffle once, split.

    Args:
        name: A key of `DATASETS`.
        noise_percent: The noise slider, 0 to 50 in the UI.
        train_percent: The ratio slider, 10 to 90 in the UI.
        rng: The freshly seeded stream; it is left where the Playground's would be, ready for
            the weight draws.
        classes: Classes of a multi-class generator.

    Returns:
        The shuffled data, split into train and test.

    Raises:
        ValueError: If `name` is unknown or `train_percent` is not finite.
    """
    info = _info(name)
    num_samples = PROBLEMS[info.problem].num_samples
    points, labels = generate(name, num_samples, noise_percent / 100, rng, classes)
    order = list(range(len(labels)))
    rng.shuffle(order)
    data = split(points[order], labels[order], train_percent)
    names = generated_class_names(info.problem, classes)
    return replace(data, class_names=names) if names else data


def generated_class_names(problem: str, classes: int) -> tuple[str, ...]:
    """Class names of generated data: ``-1``/``+1`` for the Playground's, letters for multi-class."""
    if problem == "classification":
        return ("-1", "+1")
    return tuple("ABCDEFGH"[:classes]) if problem == "multiclass" else ()


def preview(name: str, rng: PlaygroundRandom) -> tuple[Array, Array]:
    """The data behind a dataset thumbnail: 200 points without noise.

    Args:
        name: A key of `DATASETS`.
        rng: The stream to draw from.

    Returns:
        `points` of shape `(200, 2)` and `labels` of shape `(200,)`.

    Raises:
        ValueError: If `name` is unknown.
    """
    return generate(name, PREVIEW_SAMPLES, 0, rng, 3)
