"""The activations beyond the Playground's (leaky ReLU, ELU, swish, GELU, sine), as in-place NumPy functions.

Each function is ``fn(Z, out)`` and each derivative multiplies ``dA`` in place, as the registry
``ACTIVATIONS`` in ``network`` expects; leaky ReLU's and ELU's derivatives read the output ``A``,
the others' the pre-activation ``Z`` (their output does not determine it). No registry here.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]

LEAKY_SLOPE = 0.01
"""Leaky ReLU's slope below 0 (PyTorch's and Keras 3's default)."""
ELU_ALPHA = 1.0
GELU_K = math.sqrt(2.0 / math.pi)
"""GELU in its tanh form (Hendrycks and Gimpel; PyTorch's ``approximate="tanh"``): NumPy has no erf."""
GELU_C = 0.044715


def leaky_relu(Z: Array, out: Array) -> object:
    # max(z, a z) for 0 < a < 1
    return np.maximum(Z, LEAKY_SLOPE * Z, out=out)


def leaky_relu_grad(A: Array, dA: Array) -> None:
    np.multiply(dA, np.where(A > 0.0, 1.0, LEAKY_SLOPE), dA)


def elu(Z: Array, out: Array) -> object:
    # z for z > 0, a (exp(z) - 1) otherwise; expm1 keeps small negative z exact.
    out[...] = np.where(Z > 0.0, Z, ELU_ALPHA * np.expm1(np.minimum(Z, 0.0)))
    return out


def elu_grad(A: Array, dA: Array) -> None:
    # elu'(z) = 1 for z > 0, a exp(z) = elu(z) + a otherwise
    np.multiply(dA, np.where(A > 0.0, 1.0, A + ELU_ALPHA), dA)


def _sigmoid_of(Z: Array) -> Array:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-Z))


def swish(Z: Array, out: Array) -> object:
    # swish (SiLU): z * sigmoid(z)
    return np.multiply(Z, _sigmoid_of(Z), out)


def swish_grad(Z: Array, dA: Array) -> None:
    # swish'(z) = s + z s (1 - s) = s (1 + z (1 - s))
    s = _sigmoid_of(Z)
    np.multiply(dA, s * (1.0 + Z * (1.0 - s)), dA)


def gelu(Z: Array, out: Array) -> object:
    # 0.5 z (1 + tanh(k (z + c z^3)))
    inner = np.tanh(GELU_K * (Z + GELU_C * Z * Z * Z))
    np.add(inner, 1.0, inner)
    np.multiply(inner, 0.5 * Z, inner)
    out[...] = inner
    return out


def gelu_grad(Z: Array, dA: Array) -> None:
    # d/dz = 0.5 (1 + t) + 0.5 z (1 - t^2) k (1 + 3 c z^2), t = tanh(k (z + c z^3))
    t = np.tanh(GELU_K * (Z + GELU_C * Z * Z * Z))
    derivative = 0.5 * (1.0 + t) + 0.5 * Z * (1.0 - t * t) * GELU_K * (1.0 + 3.0 * GELU_C * Z * Z)
    np.multiply(dA, derivative, dA)


def sine(Z: Array, out: Array) -> object:
    return np.sin(Z, out)


def sine_grad(Z: Array, dA: Array) -> None:
    np.multiply(dA, np.cos(Z), dA)
