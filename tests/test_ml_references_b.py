"""The gradient-clipping solutions equal PyTorch's definitions, written out here as formulas.

torch is not installed for this: ``clip_grad_norm_`` and ``clip_grad_value_`` are transcribed
step by step from PyTorch's ``torch/nn/utils/clip_grad.py`` (norm_type 2, foreach off):

    norms = [vector_norm(g, 2) for g in grads]
    total_norm = vector_norm(stack(norms), 2)
    clip_coef = max_norm / (total_norm + 1e-6)
    clip_coef_clamped = clamp(clip_coef, max=1.0)
    for g in grads: g.mul_(clip_coef_clamped)

    clip_grad_value_: for g in grads: g.clamp_(min=-clip_value, max=clip_value)

torch works in place and always multiplies by the clamped coefficient; the kata returns new
arrays and skips the multiplication by 1.0, which gives the same values.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

SOLUTION = Path(__file__).resolve().parents[1] / "solutions" / "gradients.py"


@pytest.fixture(scope="module")
def gradients():
    spec = importlib.util.spec_from_file_location("solution_gradients", SOLUTION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def torch_clip_grad_norm(grads, max_norm):
    """PyTorch's clip_grad_norm_ (norm_type=2) on copies: (clipped, total_norm)."""
    grads = [np.array(g, dtype=float) for g in grads]
    norms = [np.sqrt(np.sum(g * g)) for g in grads]  # vector_norm(g, 2)
    total_norm = np.sqrt(np.sum(np.square(norms)))  # vector_norm(stack(norms), 2)
    clip_coef = max_norm / (total_norm + 1e-6)
    clip_coef_clamped = min(clip_coef, 1.0)
    for g in grads:
        g *= clip_coef_clamped
    return grads, float(total_norm)


def cases():
    rng = np.random.default_rng(15)
    shapes = [(3,), (2, 4), (5, 1, 2)]
    for scale in (1e-3, 0.3, 1.0, 10.0, 1e4):
        grads = [rng.normal(scale=scale, size=shape) for shape in shapes]
        total = float(np.sqrt(sum(np.sum(g * g) for g in grads)))
        for max_norm in (0.5, 1.0, 5.0, total, total * (1 + 1e-9), 1e6):
            yield grads, max_norm
    yield [np.zeros(3), np.zeros((2, 2))], 1.0
    yield [np.array([3.0, 4.0])], 5.0  # a norm equal to max_norm is still scaled, just below 1


def test_clip_by_global_norm_equals_torch(gradients):
    for grads, max_norm in cases():
        originals = [g.copy() for g in grads]
        clipped, total = gradients.clip_by_global_norm(grads, max_norm)
        want, want_total = torch_clip_grad_norm(grads, max_norm)
        assert total == pytest.approx(want_total, rel=1e-12, abs=1e-300)
        assert len(clipped) == len(want)
        for got, expected in zip(clipped, want):
            assert got.shape == expected.shape
            np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)
        for before, after in zip(originals, grads):  # unlike torch, the inputs stay as they were
            np.testing.assert_array_equal(before, after)


def test_clip_by_value_equals_torch(gradients):
    rng = np.random.default_rng(16)
    grads = [rng.normal(scale=3.0, size=shape) for shape in [(4,), (3, 3)]]
    for clip_value in (0.1, 1.0, 100.0):
        clipped = gradients.clip_by_value(grads, clip_value)
        for got, g in zip(clipped, grads):
            expected = np.minimum(np.maximum(g, -clip_value), clip_value)  # clamp_(min, max)
            np.testing.assert_array_equal(got, expected)
