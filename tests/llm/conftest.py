"""Fake LLM servers, started once per session and reset for every test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from flowsmith.llm.anthropic_provider import AnthropicProvider
from flowsmith.llm.openai_compat import OpenAICompatProvider
from tests.llm.fakes import FakeAnthropic, FakeOpenAI

# tiny backoff keeps retry tests fast; the policy's shape is what they check
FAST_RETRY: dict[str, Any] = {"backoff_base_s": 0.01, "backoff_max_s": 0.02}


@pytest.fixture(scope="session")
def _openai_server() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _anthropic_server() -> Iterator[FakeAnthropic]:
    server = FakeAnthropic().start()
    yield server
    server.stop()


@pytest.fixture
def fake_openai(_openai_server: FakeOpenAI) -> FakeOpenAI:
    _openai_server.reset()
    return _openai_server


@pytest.fixture
def fake_anthropic(_anthropic_server: FakeAnthropic) -> FakeAnthropic:
    _anthropic_server.reset()
    return _anthropic_server


def make_openai(fake: FakeOpenAI, **options: Any) -> OpenAICompatProvider:
    settings: dict[str, Any] = {
        "model": "gpt-4o-mini",
        "api_key": "sk-test",
        "base_url": fake.base_url,
        "timeout_s": 5.0,
        **FAST_RETRY,
    }
    settings.update(options)
    return OpenAICompatProvider(**settings)


def make_anthropic(fake: FakeAnthropic, **options: Any) -> AnthropicProvider:
    settings: dict[str, Any] = {
        "model": "claude-sonnet-4-20250514",
        "api_key": "sk-ant-test",
        "base_url": fake.base_url,
        "timeout_s": 5.0,
        **FAST_RETRY,
    }
    settings.update(options)
    return AnthropicProvider(**settings)


@pytest.fixture
async def openai_provider(fake_openai: FakeOpenAI) -> AsyncIterator[OpenAICompatProvider]:
    provider = make_openai(fake_openai)
    yield provider
    await provider.aclose()


@pytest.fixture
async def anthropic_provider(fake_anthropic: FakeAnthropic) -> AsyncIterator[AnthropicProvider]:
    provider = make_anthropic(fake_anthropic)
    yield provider
    await provider.aclose()
