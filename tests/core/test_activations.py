"""The activations beyond the Playground's: each function against its formula, each derivative
against central differences of the function, and float32 grid passes close to float64."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tui_nn.core.network import ACTIVATIONS

FORMULAS = {
    "leaky_relu": lambda z: z if z > 0 else 0.01 * z,
    "elu": lambda z: z if z > 0 else math.exp(z) - 1,
    "swish": lambda z: z / (1 + math.exp(-z)),
    "gelu": lambda z: 0.5 * z * (1 + math.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z**3))),
    "sine": math.sin,
}
Z = np.array([-4.0, -1.3, -0.2, 0.1, 0.7, 2.5])


def derivative(name: str, Z: np.ndarray) -> np.ndarray:
    """The registry's derivative at ``Z``, through ``grad_from_z`` or ``grad_into`` as the batch pass uses them."""
    activation = ACTIVATIONS[name]
    dA = np.ones_like(Z)
    if activation.grad_from_z is not None:
        activation.grad_from_z(Z, dA)
    elif activation.grad_into is not None:  # None: a derivative of 1 (linear)
        A = np.empty_like(Z)
        activation.fn(Z, A)
        activation.grad_into(A, dA)
    return dA


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_function_matches_its_formula(name):
    out = np.empty_like(Z)
    ACTIVATIONS[name].fn(Z, out)
    np.testing.assert_allclose(out, [FORMULAS[name](z) for z in Z], rtol=1e-14, atol=1e-15)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_matches_finite_differences(name):
    fn, eps = ACTIVATIONS[name].fn, 1e-6
    up, down = np.empty_like(Z), np.empty_like(Z)
    fn(Z + eps, up)
    fn(Z - eps, down)
    np.testing.assert_allclose(derivative(name, Z.copy()), (up - down) / (2 * eps), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_float32_in_place_pass_is_close_to_float64(name):
    wide = np.linspace(-6, 6, 301)
    exact, narrow = np.empty_like(wide), wide.astype(np.float32)
    ACTIVATIONS[name].fn_for(np.dtype(np.float64), 301)(wide, exact)
    ACTIVATIONS[name].fn_for(np.dtype(np.float32), 301)(narrow, narrow)  # in place, as grids do
    assert narrow.dtype == np.float32
    np.testing.assert_allclose(narrow, exact, rtol=1e-5, atol=1e-5)
