"""The loss valley: training loss over a 2-D slice of weight space around the current weights.

After Li et al., "Visualizing the Loss Landscape of Neural Nets" (NeurIPS 2018). The slice is
spanned by two directions: the two main directions (PCA) of the weight trajectory so far, because
the descent path lies almost entirely in their plane (Li et al. §7: in random directions, nearly
orthogonal to the path in high dimensions, a drawn path would barely move); before there is a path,
two random directions, filter-normalised (each neuron's incoming weights scaled to that neuron's
weight norm, biases 0) so the slice is on the weights' own scale. All the slice's networks are
evaluated at once, their weights stacked `(K, n_out, n_in + 1)`. It computes; it never draws.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from tui_nn.core.losses import EPSILON
from tui_nn.core.network import Array, Network, with_ones_row

TRAJECTORY, RANDOM = "trajectory", "random"
"""The two kinds of directions."""

SLICE_SIZE = 41
"""Points per side of the slice; odd, so the centre is exactly the current weights."""

_CHUNK = 256
"""Networks evaluated per batched pass: bounds memory at `_CHUNK * n_units * n_samples` floats."""


@dataclass(frozen=True)
class LossSlice:
    """A square of training losses around the current weights, and the path projected onto it."""

    losses: Array
    """`(n, n)`: row ``i`` is ``betas[i]``, column ``j`` is ``alphas[j]``; NaN where a network diverged."""
    alphas: Array
    """`(n,)` coordinates along the first direction, symmetric around 0."""
    betas: Array
    """`(n,)` coordinates along the second direction."""
    path: Array
    """`(m, 2)` the recorded weights projected onto the plane, oldest first; the current point is (0, 0)."""
    kind: str
    """``TRAJECTORY`` or ``RANDOM``: which directions span the slice."""
    explained: float
    """Share of the path's squared length in the plane (1 for a path that lies in it; 0 for random)."""

    @property
    def centre(self) -> float:
        """The loss at the current weights."""
        n = len(self.alphas) // 2
        return float(self.losses[n, n])


def trajectory_directions(network: Network, path: Array) -> tuple[Array, float] | None:
    """The two main directions of the path's offsets from the current weights, or None.

    Args:
        network: The current weights (dead links are left out of the directions).
        path: `(m, n_params)` recorded weights.

    Returns:
        Orthonormal directions `(2, n_params)` and the share of the offsets' squared length they
        explain; None when the path does not span a plane (fewer than two independent offsets).
    """
    offsets = path - network.params
    if network.dead is not None:
        offsets[:, network.dead] = 0.0
    if len(offsets) < 2 or not np.all(np.isfinite(offsets)):
        return None
    _, sigma, vt = np.linalg.svd(offsets, full_matrices=False)
    if len(sigma) < 2 or sigma[1] <= 1e-12 * max(sigma[0], 1e-300):
        return None
    return vt[:2].copy(), float((sigma[:2] ** 2).sum() / (sigma**2).sum())


def random_directions(network: Network, seed: str) -> Array:
    """Two filter-normalised random directions `(2, n_params)` (Li et al. §4), seeded by ``seed``.

    Each neuron's incoming-weight part of a direction has the norm of that neuron's weights;
    biases and dead links get 0, so the slice never revives a link L1 removed.
    """
    rng = np.random.default_rng(zlib.crc32(seed.encode()))
    directions = rng.standard_normal((2, network.params.size))
    live = network.is_weight if network.dead is None else network.is_weight & ~network.dead
    directions[:, ~live] = 0.0
    for d in directions:
        start = 0
        for rows, cols in network.shapes:
            block = d[start : start + rows * cols].reshape(rows, cols)
            weights = network.params[start : start + rows * cols].reshape(rows, cols)[:, :-1]
            norms = np.linalg.norm(block, axis=1, keepdims=True)
            block *= np.linalg.norm(weights, axis=1, keepdims=True) / np.where(norms > 0, norms, 1.0)
            start += rows * cols
    return directions


def batched_losses(network: Network, params: Array, inputs: Array, labels: Array) -> Array:
    """The displayed loss (mean 0.5 * (out - y)^2, or cross-entropy) of many networks of one shape, batched.

    Args:
        network: Gives the shape and activations.
        params: `(K, n_params)` flat parameters, one row per network.
        inputs: Features `(n_samples, n_features)`.
        labels: Targets `(n_samples,)`.

    Returns:
        `(K,)` losses; NaN or inf where a network overflows.
    """
    columns = with_ones_row(inputs)
    n = columns.shape[1]
    losses = np.empty(len(params))
    with np.errstate(all="ignore"):
        for start in range(0, len(params), _CHUNK):
            block = params[start : start + _CHUNK]
            output = _forward_stack(network, block, columns)
            losses[start : start + len(block)] = _stacked_loss(network.output_activation.name, output, labels)
    return losses


def _stacked_loss(output_activation: str, output: Array, labels: Array) -> Array:
    """The displayed loss of each of K networks' outputs `(K, n_outputs, n)`, as its run shows it
    (``core.losses.Head.loss``): cross-entropy for a softmax or logistic output, else square loss."""
    n = output.shape[-1]
    if output_activation == "softmax":  # labels are class indices
        targets = (np.arange(output.shape[1])[:, None] == labels[None, :]).astype(np.float64)
        return -np.einsum("kcn,cn->k", np.log(np.clip(output, EPSILON, 1 - EPSILON)), targets) / n
    if output_activation == "logistic":  # labels are +1/-1
        p, t = np.clip(output[:, 0, :], EPSILON, 1 - EPSILON), (labels + 1.0) / 2.0
        return -np.mean(t * np.log(p) + (1.0 - t) * np.log1p(-p), axis=1)
    error = output[:, 0, :] - labels
    return 0.5 * np.einsum("kn,kn->k", error, error) / n


def _forward_stack(network: Network, params: Array, columns: Array) -> Array:
    """Outputs `(K, n_outputs, n_samples)` of K stacked networks on feature-major ``columns``."""
    k, n = len(params), columns.shape[1]
    acts, start = columns, 0
    last = len(network.shapes) - 1
    for index, (rows, cols) in enumerate(network.shapes):
        W = params[:, start : start + rows * cols].reshape(k, rows, cols)
        start += rows * cols
        activation = network.output_activation if index == last else network.activation
        out = np.ones((k, rows + (index < last), n))
        body = out[:, :rows]
        np.matmul(W, acts, out=body)
        activation.fn_for(out.dtype, k * n)(body, body)
        acts = out
    return acts


def loss_slice(
    network: Network, path: Array, inputs: Array, labels: Array, seed: str, kind: str | None = None, size: int = SLICE_SIZE
) -> LossSlice:
    """The training loss on a ``size`` x ``size`` grid around ``network``'s weights.

    Args:
        network: The current weights: the centre of the slice.
        path: `(m, n_params)` weights the run passed through, oldest first (may be empty).
        inputs: Training features `(n_samples, n_features)`.
        labels: Training targets `(n_samples,)`.
        seed: Seeds the random directions.
        kind: ``TRAJECTORY``, ``RANDOM``, or None: the trajectory's when it spans a plane.
        size: Points per side (odd).

    Returns:
        The slice; see ``_reaches`` for its extent.
    """
    with np.errstate(all="ignore"):  # a diverged run's weights give inf and NaN, drawn grey, not warned about
        return _slice(network, path, inputs, labels, seed, kind, size)


def _slice(network: Network, path: Array, inputs: Array, labels: Array, seed: str, kind: str | None, size: int) -> LossSlice:
    found = trajectory_directions(network, path) if kind != RANDOM and len(path) else None
    if found is not None:
        directions, explained = found
        kind = TRAJECTORY
    else:
        directions, explained, kind = random_directions(network, seed), 0.0, RANDOM
    coords = _project(directions, path - network.params) if len(path) else np.zeros((0, 2))
    alphas, betas = (_axis(reach, size) for reach in _reaches(coords, kind))
    alpha, beta = np.meshgrid(alphas, betas)
    params = network.params + alpha.reshape(-1, 1) * directions[0] + beta.reshape(-1, 1) * directions[1]
    losses = batched_losses(network, params, inputs, labels).reshape(size, size)
    return LossSlice(losses, alphas, betas, coords, kind, explained)


def _project(directions: Array, offsets: Array) -> Array:
    """Coordinates `(m, 2)` of ``offsets`` in the plane of ``directions`` (least squares); none if not finite."""
    if not (np.all(np.isfinite(offsets)) and np.all(np.isfinite(directions))):
        return np.zeros((0, 2))
    return np.linalg.lstsq(directions.T, offsets.T, rcond=None)[0].T


def _reaches(coords: Array, kind: str) -> tuple[float, float]:
    """Half-widths along each direction: +-1 for random ones; for the trajectory's, 1.25 times the
    path's farthest point on each axis (the second at least a fifth of the first, so a straight
    path still shows the valley's cross-section)."""
    if kind == RANDOM or not len(coords):
        return 1.0, 1.0
    first, second = 1.25 * np.abs(coords).max(axis=0)
    first = float(first) or 1.0
    return first, max(float(second), first / 5)


def _axis(reach: float, size: int) -> Array:
    axis = np.linspace(-reach, reach, size)
    axis[size // 2] = 0.0  # exactly the current weights, whatever the rounding
    return axis
