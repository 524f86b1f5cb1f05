"""The LLM agent's provider calls: failures, per-kind options, accounting, structured output.

Holds :class:`AgentError` (a failure the user is told about), :func:`error_text`,
:func:`call_options` (each call kind's options) and :class:`LLMCalls`, the base of
:class:`~flowsmith.agent.llm_agent.LLMAgent`: its settings, and the structured calls the turn
and the workflow builder both make.

Every provider call's usage (failed calls too) goes to ``usage.record_llm_call``. Provider
failures surface as ``AgentError`` with a stable ``code`` (``llm_timeout``,
``llm_unavailable``, ``llm_rate_limited``, ``llm_bad_response``, ``llm_auth``,
``llm_bad_request``) and a ``message`` in the user's language. Log lines keep the
``flowsmith.agent.llm_agent`` logger.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from flowsmith.agent.retrieval import DEFAULT_K
from flowsmith.config import Settings
from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.llm.base import CallOptions, LLMError, Message, Provider, Usage
from flowsmith.llm.pricing import PriceOverrides, estimate_cost_usd
from flowsmith.text import has as has_text
from flowsmith.text import text as say
from flowsmith.usage import record_llm_call

log = logging.getLogger("flowsmith.agent.llm_agent")

# the plain-words message of each LLM failure code is the catalog's ``agent.error.<code>``
# (:mod:`flowsmith.text`); a code without one reads as ``llm_unavailable``


class AgentError(Exception):
    """A failure the user is told about: ``code`` is stable, ``message`` is in plain words
    (the chat turn and the generation runner read both)."""

    def __init__(self, code: str, message: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail or message}")
        self.code = code
        self.message = message
        self.detail = detail


def error_text(code: str, lang: str) -> str:
    key = f"agent.error.{code}"
    return say(key if has_text(key) else "agent.error.llm_unavailable", lang)


def _agent_error(error: LLMError, lang: str) -> AgentError:
    return AgentError(error.code, error_text(error.code, lang), error.message)


CALL_KINDS = ("decide", "reply", "draft", "repair")


def call_options(settings: Settings | None) -> dict[str, CallOptions]:
    """Each call kind's options: ``FLOWSMITH_LLM_CALL_OPTIONS`` over the shared settings
    (temperature, reasoning effort) over each kind's default output cap."""
    defaults = {
        "decide": settings.llm_decide_max_tokens if settings else 1024,
        "reply": settings.llm_reply_max_tokens if settings else 1024,
        "draft": settings.llm_max_output_tokens if settings else 4096,
        "repair": settings.llm_max_output_tokens if settings else 4096,
    }
    per_kind = settings.llm_call_options if settings else {}
    out: dict[str, CallOptions] = {}
    for kind in CALL_KINDS:
        given = per_kind.get(kind) or {}
        out[kind] = CallOptions(
            max_tokens=int(given.get("max_tokens") or defaults[kind]),
            temperature=given.get("temperature", settings.llm_temperature if settings else None),
            reasoning_effort=given.get(
                "reasoning_effort", settings.llm_reasoning_effort if settings else None
            ),
        )
    return out


class LLMCalls:
    """A real model behind ``provider``: the agent's settings, accounting and structured
    calls (the chat turn and the workflow builder are the subclasses)."""

    def __init__(
        self,
        provider: Provider,
        settings: Settings | None = None,
        *,
        catalog: Catalog | None = None,
    ) -> None:
        self.provider = provider
        self.name = f"llm:{provider.name}:{provider.model}"
        self.catalog = catalog or load_catalog()
        self.retrieval_k = settings.llm_retrieval_k if settings else DEFAULT_K
        self.history_messages = settings.llm_history_messages if settings else 20
        self.max_output_tokens = settings.llm_max_output_tokens if settings else 4096
        self.prices: PriceOverrides | None = settings.llm_prices if settings else None
        self.options = call_options(settings)
        self.turn_mode = settings.llm_turn_mode if settings else "auto"
        self._tools_refused = False

    async def aclose(self) -> None:
        await self.provider.aclose()

    # -- accounting ------------------------------------------------------------------------

    def _record(self, usage: Usage, started: float, outcome: str = "ok") -> None:
        if not usage.calls and not usage.total_tokens:
            return
        record_llm_call(
            self.provider.name,
            self.provider.model,
            calls=usage.calls,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            cost_usd=estimate_cost_usd(self.provider.name, self.provider.model, usage, self.prices),
            seconds=time.monotonic() - started,
            outcome=outcome,
        )

    async def _structured(
        self,
        messages: list[Message],
        schema: dict[str, Any],
        name: str,
        lang: str,
        kind: str = "draft",
    ) -> dict[str, Any]:
        started = time.monotonic()
        try:
            value, usage = await self.provider.structured(
                messages,
                schema=schema,
                name=name,
                max_tokens=self.options[kind].max_tokens or self.max_output_tokens,
                options=self.options[kind],
            )
        except LLMError as error:
            self._record(error.usage, started, error.code)
            raise _agent_error(error, lang) from error
        self._record(usage, started)
        return value

    async def _constrained(
        self,
        messages: list[Message],
        schema: dict[str, Any],
        open_schema: dict[str, Any],
        name: str,
        lang: str,
    ) -> dict[str, Any]:
        """``schema`` (node subtypes as an enum); if the model's output still misses it
        after the provider's fix-up request, once more with ``open_schema``, whose unknown
        subtypes the checks then report and the repair rounds fix."""
        try:
            return await self._structured(messages, schema, name, lang)
        except AgentError as error:
            if error.code != "llm_bad_response":
                raise
            log.warning("%s: output outside the constrained schema (%s)", self.name, error.detail)
        return await self._structured(messages, open_schema, name, lang)
