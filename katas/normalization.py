"""Batch normalisation, layer normalisation and dropout (BN, Layer Normalization, dropout).

Batch norm standardises each feature over the batch, ``x_hat = (x - mean) / sqrt(var + eps)``
with the batch mean and the *biased* variance (divided by N), then scales and shifts it:
``out = gamma * x_hat + beta``. While training it also keeps running statistics for inference,
``new = (1 - momentum) * old + momentum * batch``, PyTorch updating the running variance with
the *unbiased* batch variance (divided by N - 1). In eval mode it uses the running statistics
and leaves them as they are, so one sample's output does not depend on the rest of the batch.

Layer norm standardises each sample over its own features (the last axis) instead, the same
in training and at inference; the Transformer uses it because it needs no batch statistics.

Dropout zeroes each activation with probability ``p`` while training. Inverted dropout divides
the survivors by ``1 - p`` so the expected activation is unchanged and inference needs no
rescaling: at eval time dropout does nothing.

Replace each ``raise NotImplementedError`` with your code, then run ``kata check normalization``.
"""

from __future__ import annotations

import numpy as np


def batch_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, running_mean: np.ndarray,
               running_var: np.ndarray, training: bool, momentum: float = 0.1,
               eps: float = 1e-5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(out, running_mean, running_var)`` of batch norm over ``x`` (N, D), as
    ``torch.nn.functional.batch_norm`` computes them; gamma, beta and the running statistics
    have shape (D,).

    training: each feature is normalised with the batch mean and the biased variance
    ``mean((x - mean)**2)``: ``out = gamma * (x - mean) / sqrt(var + eps) + beta``; the returned
    running statistics are ``(1 - momentum) * old + momentum * batch``, with the batch's
    *unbiased* variance (divided by N - 1) for the running variance.
    eval: ``out = gamma * (x - running_mean) / sqrt(running_var + eps) + beta`` and the running
    statistics are returned unchanged.
    """
    raise NotImplementedError


def batch_norm_backward(x: np.ndarray, grad_out: np.ndarray, gamma: np.ndarray,
                        eps: float = 1e-5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(dx, dgamma, dbeta)``, the gradients of the training-mode batch norm of ``x``
    (N, D) given ``grad_out`` (N, D), the gradient of its output; shapes (N, D), (D,), (D,).

    ``dbeta = sum_n grad_out``, ``dgamma = sum_n grad_out * x_hat``, and, since the mean and the
    variance depend on every sample,
    ``dx = gamma / sqrt(var + eps) * (g - mean_n(g) - x_hat * mean_n(g * x_hat))``. So each
    column of dx sums to 0.
    """
    raise NotImplementedError


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray,
               eps: float = 1e-5) -> np.ndarray:
    """Return the layer norm of ``x`` (N, D): each row normalised over its own last axis with
    its mean and biased variance, ``gamma * (x - mean) / sqrt(var + eps) + beta``, gamma and
    beta of shape (D,). A row's output does not depend on the other rows.
    """
    raise NotImplementedError


def dropout(x: np.ndarray, p: float, training: bool,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(out, mask)`` of inverted dropout with drop probability ``0 <= p < 1``.

    training: ``mask`` is a boolean array shaped like x, True where the element is kept, each
    kept independently with probability ``1 - p``, drawn from ``rng`` only (the same seed gives
    the same mask); ``out = x * mask / (1 - p)``, so dropped elements are exactly 0 and the mean
    of out over many masks is x.
    not training: ``(x, an all-True mask)``, x unchanged.
    """
    raise NotImplementedError
