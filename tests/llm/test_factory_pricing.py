"""The factory, the price table, the retry policy and the deadline scope (no network)."""

from __future__ import annotations

import email.utils
import time
from typing import Any

import pytest

from flowsmith.config import Settings
from flowsmith.llm import Usage, current_deadline, deadline_scope, estimate_cost_usd
from flowsmith.llm._core import RetryPolicy, parse_retry_after
from flowsmith.llm.anthropic_provider import AnthropicProvider
from flowsmith.llm.factory import create_provider
from flowsmith.llm.openai_compat import OpenAICompatProvider


def settings(**values: Any) -> Settings:
    base: dict[str, Any] = {"llm_api_key": None, "llm_base_url": None, "llm_model": None}
    base.update(values)
    return Settings(_env_file=None, **base)


async def test_offline_has_no_provider() -> None:
    assert create_provider(settings(llm_provider="offline")) is None


@pytest.mark.parametrize("kind", ["openai", "anthropic"])
async def test_a_model_is_required(kind: str) -> None:
    with pytest.raises(ValueError, match="FLOWSMITH_LLM_MODEL"):
        create_provider(settings(llm_provider=kind, llm_api_key="k"))


async def test_openai_from_settings_with_overrides() -> None:
    provider = create_provider(
        settings(
            llm_provider="openai",
            llm_model="gpt-4.1",
            llm_api_key="sk-x",
            llm_base_url="http://127.0.0.1:11434/v1",
            llm_timeout_s=12,
        ),
        max_retries=5,
        backoff_base_s=0.1,
    )
    assert isinstance(provider, OpenAICompatProvider)
    assert (provider.name, provider.model) == ("openai", "gpt-4.1")
    assert provider.base_url == "http://127.0.0.1:11434/v1"
    assert provider.retry.max_retries == 5 and provider.retry.backoff_base_s == 0.1
    await provider.aclose()


async def test_a_local_openai_compatible_server_needs_no_key() -> None:
    provider = create_provider(
        settings(llm_provider="openai", llm_model="llama3.1", llm_base_url="http://127.0.0.1:1/v1")
    )
    assert isinstance(provider, OpenAICompatProvider)
    await provider.aclose()


async def test_api_openai_com_needs_a_key() -> None:
    with pytest.raises(ValueError, match="FLOWSMITH_LLM_API_KEY"):
        create_provider(settings(llm_provider="openai", llm_model="gpt-4o"))


async def test_anthropic_from_settings() -> None:
    provider = create_provider(
        settings(llm_provider="anthropic", llm_model="claude-sonnet-4-20250514", llm_api_key="k")
    )
    assert isinstance(provider, AnthropicProvider)
    assert provider.name == "anthropic"
    await provider.aclose()
    with pytest.raises(ValueError, match="API_KEY"):
        create_provider(settings(llm_provider="anthropic", llm_model="claude-sonnet-4"))


@pytest.mark.parametrize(
    ("provider", "model", "per_m"),
    [
        ("openai", "gpt-4o", (2.50, 10.00)),
        ("openai", "gpt-4o-2024-08-06", (2.50, 10.00)),
        ("openai", "gpt-4o-mini", (0.15, 0.60)),
        ("openai", "gpt-4o-mini-2024-07-18", (0.15, 0.60)),
        ("openai", "gpt-4.1", (2.00, 8.00)),
        ("openai", "gpt-4.1-mini", (0.40, 1.60)),
        ("openai", "o4-mini", (1.10, 4.40)),
        ("anthropic", "claude-3-5-sonnet-20241022", (3.00, 15.00)),
        ("anthropic", "claude-3-5-sonnet-latest", (3.00, 15.00)),
        ("anthropic", "claude-3-5-haiku-20241022", (0.80, 4.00)),
        ("anthropic", "claude-sonnet-4-20250514", (3.00, 15.00)),
        ("anthropic", "claude-opus-4", (15.00, 75.00)),
    ],
)
def test_known_models_are_priced(provider: str, model: str, per_m: tuple[float, float]) -> None:
    usage = Usage(prompt_tokens=2_000_000, completion_tokens=1_000_000)
    assert estimate_cost_usd(provider, model, usage) == pytest.approx(2 * per_m[0] + per_m[1])


@pytest.mark.parametrize(
    ("provider", "model"),
    [
        ("openai", "llama3.1:8b"),
        ("openai", "gpt-4o-audio-preview"),  # a variant, not a snapshot: may cost differently
        ("anthropic", "claude-opus-4-1"),
        ("anthropic", "gpt-4o"),  # wrong provider
        ("openai", "claude-sonnet-4"),
    ],
)
def test_unknown_models_have_no_price(provider: str, model: str) -> None:
    assert estimate_cost_usd(provider, model, Usage(100, 100)) is None


def test_price_overrides_win() -> None:
    overrides: dict[str, dict[str, float]] = {
        "llama3.1:8b": {"input": 0.1, "output": 0.2},
        "gpt-4o": {"input": 1, "output": 1},
    }
    usage = Usage(1_000_000, 1_000_000)
    assert estimate_cost_usd("openai", "llama3.1:8b", usage, overrides) == pytest.approx(0.3)
    assert estimate_cost_usd("openai", "gpt-4o", usage, overrides) == pytest.approx(2.0)


def test_backoff_grows_with_jitter_and_caps() -> None:
    policy = RetryPolicy(max_retries=5, backoff_base_s=0.5, backoff_max_s=8.0)
    for failures, ceiling in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)]:
        delays = {policy.delay(failures, None) for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1  # jittered


def test_retry_after_is_honoured_but_capped() -> None:
    policy = RetryPolicy(retry_after_max_s=30.0)
    assert policy.delay(0, 2.5) == 2.5
    assert policy.delay(0, 600.0) == 30.0


def test_retry_after_headers() -> None:
    assert parse_retry_after({"retry-after": "3"}) == 3.0
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "3"}) == 0.25
    assert parse_retry_after({}) is None
    assert parse_retry_after({"retry-after": "soon"}) is None
    later = email.utils.formatdate(time.time() + 10, usegmt=True)
    assert 8 <= (parse_retry_after({"retry-after": later}) or 0) <= 10


def test_deadline_scopes_nest_and_the_earlier_wins() -> None:
    assert current_deadline() is None
    with deadline_scope(100.0):
        with deadline_scope(200.0):
            assert current_deadline() == 100.0
        with deadline_scope(50.0):
            assert current_deadline() == 50.0
        with deadline_scope(None):
            assert current_deadline() == 100.0
    assert current_deadline() is None
