"""Rough cost of a call in US dollars, from list prices per million tokens.

Only models in the table (or in the caller's overrides) get a price; anything else is
``None`` ("unknown"), never a guess. A dated snapshot (``gpt-4o-2024-08-06``,
``claude-sonnet-4-20250514``) or ``-latest`` alias is priced as its base model; other
variants (``gpt-4o-audio-preview``, ``claude-opus-4-1``) are not, since they can cost
differently. Prompt-cache reads and writes are priced at their own rates (OpenAI's cached
input, Anthropic's cache read 0.1x and 5-minute write 1.25x of input); batch pricing is
ignored.
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
    # cached prompt tokens (read from the cache) and tokens written to it; None: input price
    cached_input_per_m: float | None = None
    cache_write_per_m: float | None = None


def _anthropic(input_per_m: float, output_per_m: float) -> Price:
    return Price(input_per_m, output_per_m, input_per_m * 0.1, input_per_m * 1.25)


# list prices, USD per 1M tokens (input, output)
PRICES: dict[str, dict[str, Price]] = {
    "openai": {
        "gpt-4o": Price(2.50, 10.00, 1.25),
        "gpt-4o-mini": Price(0.15, 0.60, 0.075),
        "gpt-4.1": Price(2.00, 8.00, 0.50),
        "gpt-4.1-mini": Price(0.40, 1.60, 0.10),
        "o4-mini": Price(1.10, 4.40, 0.275),
        "gpt-5": Price(1.25, 10.00, 0.125),
        "gpt-5-mini": Price(0.25, 2.00, 0.025),
    },
    "anthropic": {
        "claude-3-5-sonnet": _anthropic(3.00, 15.00),
        "claude-3-5-haiku": _anthropic(0.80, 4.00),
        "claude-sonnet-4": _anthropic(3.00, 15.00),
        "claude-opus-4": _anthropic(15.00, 75.00),
    },
}

_SNAPSHOT = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$")

# what the lead's override setting may hold: model -> {"input": per 1M, "output": per 1M}
PriceOverrides = Mapping[str, Mapping[str, float]]


def price_for(provider: str, model: str, overrides: PriceOverrides | None = None) -> Price | None:
    """The price of ``model``: an override (exact name) first, then the table."""
    if overrides and model in overrides:
        entry = overrides[model]
        cached = entry.get("cached_input")
        write = entry.get("cache_write")
        return Price(
            float(entry["input"]),
            float(entry["output"]),
            None if cached is None else float(cached),
            None if write is None else float(write),
        )
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
    cached = min(usage.cached_tokens, usage.prompt_tokens)
    written = min(usage.cache_write_tokens, usage.prompt_tokens - cached)
    fresh = usage.prompt_tokens - cached - written
    cached_rate = (
        price.input_per_m if price.cached_input_per_m is None else price.cached_input_per_m
    )
    write_rate = price.input_per_m if price.cache_write_per_m is None else price.cache_write_per_m
    return (
        fresh * price.input_per_m
        + cached * cached_rate
        + written * write_rate
        + usage.completion_tokens * price.output_per_m
    ) / 1_000_000
