"""Rough cost of a call in US dollars, from list prices per million tokens.

Only models in the table (or in the caller's overrides) get a price; anything else is
``None`` ("unknown"), never a guess. A dated snapshot (``gpt-4o-2024-08-06``,
``claude-sonnet-4-20250514``) or ``-latest`` alias is priced as its base model; other
variants (``gpt-4o-audio-preview``, ``claude-opus-4-1``) are not, since they can cost
differently. Cache discounts and batch pricing are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from flowsmith.llm.base import Usage


@dataclass(frozen=True)
class Price:
    input_per_m: float
    output_per_m: float


# list prices, USD per 1M tokens (input, output)
PRICES: dict[str, dict[str, Price]] = {
    "openai": {
        "gpt-4o": Price(2.50, 10.00),
        "gpt-4o-mini": Price(0.15, 0.60),
        "gpt-4.1": Price(2.00, 8.00),
        "gpt-4.1-mini": Price(0.40, 1.60),
        "o4-mini": Price(1.10, 4.40),
    },
    "anthropic": {
        "claude-3-5-sonnet": Price(3.00, 15.00),
        "claude-3-5-haiku": Price(0.80, 4.00),
        "claude-sonnet-4": Price(3.00, 15.00),
        "claude-opus-4": Price(15.00, 75.00),
    },
}

_SNAPSHOT = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$")

# what the lead's override setting may hold: model -> {"input": per 1M, "output": per 1M}
PriceOverrides = Mapping[str, Mapping[str, float]]


def price_for(provider: str, model: str, overrides: PriceOverrides | None = None) -> Price | None:
    """The price of ``model``: an override (exact name) first, then the table."""
    if overrides and model in overrides:
        entry = overrides[model]
        return Price(float(entry["input"]), float(entry["output"]))
    table = PRICES.get(provider, {})
    base = _SNAPSHOT.sub("", model)
    return table.get(model) or table.get(base)


def estimate_cost_usd(
    provider: str, model: str, usage: Usage, overrides: PriceOverrides | None = None
) -> float | None:
    """Dollars for ``usage`` on ``model``, or None when the price is unknown."""
    price = price_for(provider, model, overrides)
    if price is None:
        return None
    return (
        usage.prompt_tokens * price.input_per_m + usage.completion_tokens * price.output_per_m
    ) / 1_000_000
