"""Optimisers beyond the Playground's plain SGD: momentum, Nesterov, RMSProp and Adam, as a registry.

Each turns the summed gradient of one update into the step subtracted from the parameters, with
the formulas of PyTorch's ``torch.optim`` (``SGD`` with momentum and dampening 0, ``RMSprop``,
``Adam``); ``g`` below is the mean gradient of the update (the sum over ``count`` examples).
It owns the optimiser state (one array per slot, shaped like ``Network.params``) and nothing else:
the Playground's update order and its L1/L2 pull stay with ``epochs``. ``sgd`` has no step here:
the epoch runner keeps its exact, unchanged path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from tui_nn.core.network import Array


@dataclass(frozen=True)
class Hyper:
    """An optimiser's settings for one epoch (Config fields of the same names)."""

    momentum: float = 0.9
    rms_decay: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8


@dataclass
class OptimizerState:
    """What an optimiser remembers between updates: named arrays and the number of updates made."""

    name: str
    slots: dict[str, Array] = field(default_factory=dict)
    steps: int = 0

    @classmethod
    def fresh(cls, name: str, size: int) -> OptimizerState:
        """Zeroed state for optimiser ``name`` over ``size`` parameters."""
        return cls(name, {slot: np.zeros(size) for slot in OPTIMIZERS[name].slots})

    def copy(self) -> OptimizerState:
        return OptimizerState(self.name, {k: v.copy() for k, v in self.slots.items()}, self.steps)


Update = Callable[[Array, float, float, OptimizerState, Hyper], None]
"""``update(grad, count, learning_rate, state, hyper)``: overwrite ``grad`` (summed over ``count``
examples) with the step to subtract from the parameters, advancing ``state``."""


@dataclass(frozen=True)
class Optimizer:
    """One optimiser: its names, the state it keeps and its update."""

    name: str
    """Config, link and CLI name."""
    title: str
    """As the app shows it."""
    update: Update | None
    """None: the Playground's plain step ``lr * g``."""
    slots: tuple[str, ...] = ()
    """Names of the arrays of state it keeps (saved with a run)."""
    uses: tuple[str, ...] = ()
    """The Hyper fields it reads, for help texts."""


def _momentum(grad: Array, count: float, lr: float, state: OptimizerState, hyper: Hyper) -> None:
    # v = mu * v + g; step = lr * v
    velocity = state.slots["velocity"]
    np.multiply(velocity, hyper.momentum, velocity)
    np.divide(grad, count, grad)
    np.add(velocity, grad, velocity)
    np.multiply(velocity, lr, grad)
    state.steps += 1


def _nesterov(grad: Array, count: float, lr: float, state: OptimizerState, hyper: Hyper) -> None:
    # v = mu * v + g; step = lr * (g + mu * v)
    velocity = state.slots["velocity"]
    np.multiply(velocity, hyper.momentum, velocity)
    np.divide(grad, count, grad)
    np.add(velocity, grad, velocity)
    np.add(grad, hyper.momentum * velocity, grad)
    np.multiply(grad, lr, grad)
    state.steps += 1


def _rmsprop(grad: Array, count: float, lr: float, state: OptimizerState, hyper: Hyper) -> None:
    # s = rho * s + (1 - rho) * g^2; step = lr * g / (sqrt(s) + eps)
    square = state.slots["square"]
    np.divide(grad, count, grad)
    np.multiply(square, hyper.rms_decay, square)
    np.add(square, (1.0 - hyper.rms_decay) * np.square(grad), square)
    scale = np.sqrt(square)
    np.add(scale, hyper.epsilon, scale)
    np.divide(grad, scale, grad)
    np.multiply(grad, lr, grad)
    state.steps += 1


def _adam(grad: Array, count: float, lr: float, state: OptimizerState, hyper: Hyper) -> None:
    # m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; step = lr * m^ / (sqrt(v^) + eps),
    # m^ = m / (1 - b1^t), v^ = v / (1 - b2^t) (Kingma and Ba, Algorithm 1).
    first, second = state.slots["first"], state.slots["second"]
    state.steps += 1
    t = state.steps
    np.divide(grad, count, grad)
    np.multiply(first, hyper.beta1, first)
    np.add(first, (1.0 - hyper.beta1) * grad, first)
    np.multiply(second, hyper.beta2, second)
    np.add(second, (1.0 - hyper.beta2) * np.square(grad), second)
    denominator = np.sqrt(second / (1.0 - hyper.beta2**t))
    np.add(denominator, hyper.epsilon, denominator)
    np.divide(first / (1.0 - hyper.beta1**t), denominator, grad)
    np.multiply(grad, lr, grad)


OPTIMIZERS: dict[str, Optimizer] = {
    optimizer.name: optimizer
    for optimizer in (
        Optimizer("sgd", "SGD", None),
        Optimizer("momentum", "Momentum", _momentum, ("velocity",), ("momentum",)),
        Optimizer("nesterov", "Nesterov", _nesterov, ("velocity",), ("momentum",)),
        Optimizer("rmsprop", "RMSProp", _rmsprop, ("square",), ("rms_decay", "epsilon")),
        Optimizer("adam", "Adam", _adam, ("first", "second"), ("beta1", "beta2", "epsilon")),
    )
}
"""Every optimiser by its config, link and CLI name; ``sgd`` is the Playground's and the default."""


@dataclass(frozen=True)
class LearningRateDecay:
    """A schedule for the learning rate over epochs (as Keras' ``ExponentialDecay``, per epoch)."""

    name: str
    title: str
    factor: Callable[[int, float, int], float] | None
    """``factor(epoch, rate, every)``: the multiplier of the learning rate at ``epoch``; None: 1."""


LR_DECAYS: dict[str, LearningRateDecay] = {
    decay.name: decay
    for decay in (
        LearningRateDecay("none", "None", None),
        LearningRateDecay("step", "Step", lambda epoch, rate, every: rate ** (epoch // every)),
        LearningRateDecay("exponential", "Exponential", lambda epoch, rate, every: rate ** (epoch / every)),
    )
}
"""Learning-rate schedules: ``step`` multiplies by ``rate`` every ``every`` epochs, ``exponential``
smoothly, reaching the same factor at those epochs."""


def decayed_rate(learning_rate: float, schedule: str, epoch: int, rate: float, every: int) -> float:
    """The learning rate of the epoch after ``epoch`` epochs under ``schedule``."""
    factor = LR_DECAYS[schedule].factor
    return learning_rate if factor is None else learning_rate * factor(epoch, rate, every)
