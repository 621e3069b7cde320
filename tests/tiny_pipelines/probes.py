"""Probes for tests: what reaches a pipeline call, and what reaches the attention.

- :class:`CallSpy` records the keyword arguments of every call to a pipeline class
  (its signature kept, so the engine still sees which arguments the pipeline takes).
- :class:`AttentionProbe` wraps ``torch.nn.functional.scaled_dot_product_attention``
  and keeps, for each call with a boolean mask, the attention weights it computes: the
  softmax of the scaled query-key products with the mask applied, as the kernel sees
  them. Tests read from it where each text token's attention went.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest


class CallSpy:
    """Replace a pipeline class's ``__call__`` and record the keyword arguments."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, pipe: Any) -> None:
        self.calls: list[dict[str, Any]] = []
        original = type(pipe).__call__

        @functools.wraps(original)
        def spy(this: Any, *args: Any, **kwargs: Any) -> Any:
            self.calls.append(kwargs)
            return original(this, *args, **kwargs)

        monkeypatch.setattr(type(pipe), "__call__", spy)


class AttentionProbe:
    """Record the attention weights of every ``scaled_dot_product_attention`` call that has
    a boolean mask (True: may attend).

    Each record is ``(weights, mask)``: ``weights`` of shape ``(batch, queries, keys)``
    (averaged over heads), ``mask`` the boolean mask as it reached the kernel,
    broadcast to the same shape.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import torch

        self.records: list[tuple[Any, Any]] = []
        original = torch.nn.functional.scaled_dot_product_attention

        def probe(query: Any, key: Any, value: Any, attn_mask: Any = None, **kwargs: Any) -> Any:
            if attn_mask is not None and attn_mask.dtype == torch.bool:  # T5's bias is float
                scale = kwargs.get("scale") or query.shape[-1] ** -0.5
                scores = (query.float() @ key.float().transpose(-1, -2)) * scale
                allowed = attn_mask.expand(scores.shape)
                weights = scores.masked_fill(~allowed, float("-inf")).softmax(dim=-1)
                self.records.append((weights.mean(dim=1), allowed[:, 0]))
            return original(query, key, value, attn_mask=attn_mask, **kwargs)

        monkeypatch.setattr(torch.nn.functional, "scaled_dot_product_attention", probe)
