"""The agent the settings ask for: the offline planner, or the LLM agent over a provider."""

from __future__ import annotations

from flowsmith.agent.interface import Agent
from flowsmith.agent.llm_agent import LLMAgent
from flowsmith.agent.offline_agent import OfflineAgent
from flowsmith.config import Settings
from flowsmith.llm.factory import create_provider


def create_agent(settings: Settings) -> Agent:
    """``OfflineAgent`` for ``FLOWSMITH_LLM_PROVIDER=offline``, else an ``LLMAgent`` over the
    configured provider. Raises ``ValueError`` naming the missing setting."""
    provider = create_provider(settings)
    if provider is None:
        return OfflineAgent(
            delay_s=settings.offline_stream_delay_ms / 1000,
            draft_delay_s=settings.offline_draft_delay_ms / 1000,
        )
    return LLMAgent(provider, settings)


async def close_agent(agent: Agent) -> None:
    """Release what the agent holds (the provider's HTTP connections)."""
    if isinstance(agent, LLMAgent):
        await agent.aclose()
