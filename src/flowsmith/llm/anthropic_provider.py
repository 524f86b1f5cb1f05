"""Anthropic's Messages API. Streams always; structured output goes through a forced tool
(``tool_choice={"type": "tool", "name": ...}``), falling back to JSON in text when the server
refuses forced tools (for instance with extended thinking on).

The SDK's own retries are off (``max_retries=0``), as for OpenAI. Unlike the OpenAI SDK,
this one lets raw ``httpx2`` errors through while a stream is read, so ``_to_error`` maps
those too.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from contextlib import aclosing, asynccontextmanager
from typing import Any

import anthropic
import pydantic
from anthropic import AsyncAnthropic, AsyncStream, Omit, omit
from anthropic.types import (
    ContentBlockParam,
    InputJSONDelta,
    MessageParam,
    RawContentBlockDeltaEvent,
    RawContentBlockStartEvent,
    RawContentBlockStopEvent,
    RawMessageDeltaEvent,
    RawMessageStartEvent,
    RawMessageStopEvent,
    RawMessageStreamEvent,
    TextBlock,
    TextBlockParam,
    ToolChoiceParam,
    ToolParam,
    ToolUseBlock,
)
from anthropic.types import TextDelta as AnthropicTextDelta

from flowsmith.llm._core import (
    BaseProvider,
    CallSpec,
    PendingToolCall,
    RawEvent,
    RetryPolicy,
    status_error,
    transport_error,
)
from flowsmith.llm.base import Finished, LLMError, LLMErrorCode, Message, TextDelta, ToolSpec, Usage

# the beta header of Anthropic's structured outputs (``strict`` tools)
STRICT_TOOLS_BETA = "structured-outputs-2025-11-13"

_STOP_REASONS = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
}

# error types in a 200 stream's `error` event that mean "try again"
_RETRYABLE_STREAM_ERRORS: dict[str, LLMErrorCode] = {
    "overloaded_error": "llm_unavailable",
    "api_error": "llm_unavailable",
    "rate_limit_error": "llm_rate_limited",
}


class AnthropicProvider(BaseProvider):
    name = "anthropic"
    structured_modes = ("tool", "text")

    def __init__(
        self,
        *,
        model: str,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout_s: float = 60.0,
        max_retries: int = 3,
        backoff_base_s: float = 0.5,
        backoff_max_s: float = 8.0,
        retry_after_max_s: float | None = None,
        default_headers: Mapping[str, str] | None = None,
        strict_tools: bool = True,
        context_tokens: int | None = None,
    ) -> None:
        """``timeout_s`` bounds connecting and each read (the gap between streamed events).

        ``strict_tools``: structured output's forced tool is sent with ``strict: true`` on
        the schema's strict form (Anthropic's structured outputs); a server that refuses
        it is asked again without, once per instance."""
        super().__init__(
            model=model,
            retry=RetryPolicy(max_retries, backoff_base_s, backoff_max_s, retry_after_max_s),
        )
        self.base_url = base_url
        self.strict_tools = strict_tools
        self.context_tokens = context_tokens or None
        self._client = AsyncAnthropic(
            api_key=api_key,
            base_url=base_url,
            timeout=anthropic.Timeout(timeout_s),
            max_retries=0,
            default_headers=default_headers,
        )

    async def aclose(self) -> None:
        await self._client.close()

    @asynccontextmanager
    async def _open(self, spec: CallSpec) -> AsyncIterator[AsyncIterator[RawEvent]]:
        if spec.json_schema is not None:
            raise ValueError("Anthropic has no response_format; use a forced tool")
        system, messages = _messages(spec.messages)
        tools = _tools(spec.tools, strict=spec.strict_tools)
        # the prompt cache: the system prompt (stable first: rules, the worked example,
        # then the retrieved catalog) and the tools are cached up to their last block
        system_blocks: list[TextBlockParam] = (
            [{"type": "text", "text": system, "cache_control": {"type": "ephemeral"}}]
            if system
            else []
        )
        if tools:
            tools[-1]["cache_control"] = {"type": "ephemeral"}
        extra: dict[str, object] = {}
        if spec.temperature is not None and "temperature" not in self.refused_params:
            extra["temperature"] = spec.temperature
        stream = await self._client.messages.create(
            model=self.model,
            max_tokens=spec.max_tokens,
            messages=messages,
            system=system_blocks if system_blocks else omit,
            tools=tools if tools else omit,
            tool_choice=_tool_choice(spec.tool_choice) if tools else omit,
            extra_body=extra or None,
            # the structured-outputs beta only on the calls that use a strict tool, so a
            # server that refuses it costs one structured call (then plain tools), never a turn
            extra_headers={"anthropic-beta": STRICT_TOOLS_BETA} if spec.strict_tools else None,
            stream=True,
        )
        # both context managers close the HTTP response however the block ends
        async with stream, aclosing(_events(stream)) as events:
            yield events

    def _to_error(self, exc: BaseException) -> LLMError | None:
        if isinstance(exc, anthropic.APIStatusError):
            kind, message = _error_body(exc)
            if exc.status_code == 200:
                # an `error` event inside the stream; the status line said 200
                code = _RETRYABLE_STREAM_ERRORS.get(kind)
                if code is not None:
                    return LLMError(code, f"stream error {kind}: {message}", retryable=True)
                return LLMError("llm_unavailable", f"stream error {kind}: {message}")
            return status_error(exc.status_code, f"{kind}: {message}", exc.response.headers, kind)
        if isinstance(exc, anthropic.APITimeoutError):
            return LLMError("llm_timeout", "the request timed out", retryable=True)
        if isinstance(exc, anthropic.APIConnectionError):
            return LLMError("llm_unavailable", f"connection failed: {exc.message}", retryable=True)
        if isinstance(exc, json.JSONDecodeError | pydantic.ValidationError):
            return LLMError("llm_bad_response", f"unreadable stream event: {exc}"[:600])
        return transport_error(exc)


def _error_body(exc: anthropic.APIStatusError) -> tuple[str, str]:
    """``(error.type, error.message)`` from ``{"type": "error", "error": {...}}``."""
    body: Any = exc.body
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        return str(error.get("type") or "error"), str(error.get("message") or "")
    return "error", exc.message


async def _events(
    stream: AsyncStream[RawMessageStreamEvent],
) -> AsyncGenerator[RawEvent, None]:
    """Text deltas as they come; a tool_use block's ``input_json_delta`` fragments joined and
    emitted at its ``content_block_stop``; ``Finished`` after ``message_stop``."""
    pending: dict[int, PendingToolCall] = {}
    usage = Usage()
    stop_reason: str | None = None
    stopped = False
    async for event in stream:
        if isinstance(event, RawMessageStartEvent):
            read, written = _cache_counts(event.message.usage)
            usage = Usage(
                _prompt_tokens(event.message.usage),
                event.message.usage.output_tokens,
                cached_tokens=read,
                cache_write_tokens=written,
            )
        elif isinstance(event, RawContentBlockStartEvent):
            block = event.content_block
            if isinstance(block, ToolUseBlock):
                # the input arrives as deltas; a proxy may send it whole here instead
                whole = [json.dumps(block.input)] if block.input else []
                pending[event.index] = PendingToolCall(block.id, block.name, whole)
            elif isinstance(block, TextBlock) and block.text:
                yield TextDelta(block.text)
        elif isinstance(event, RawContentBlockDeltaEvent):
            delta = event.delta
            if isinstance(delta, AnthropicTextDelta) and delta.text:
                yield TextDelta(delta.text)
            elif isinstance(delta, InputJSONDelta) and event.index in pending:
                pending[event.index].parts.append(delta.partial_json)
        elif isinstance(event, RawContentBlockStopEvent):
            call = pending.pop(event.index, None)
            if call is not None:
                yield call.done(f"toolu_{uuid.uuid4().hex[:12]}")
        elif isinstance(event, RawMessageDeltaEvent):
            stop_reason = event.delta.stop_reason or stop_reason
            usage.completion_tokens = event.usage.output_tokens  # cumulative, not a delta
            if event.usage.input_tokens is not None:
                usage.prompt_tokens = (
                    event.usage.input_tokens
                    + (event.usage.cache_creation_input_tokens or 0)
                    + (event.usage.cache_read_input_tokens or 0)
                )
                usage.cached_tokens, usage.cache_write_tokens = _cache_counts(event.usage)
        elif isinstance(event, RawMessageStopEvent):
            stopped = True
    if not stopped:
        raise LLMError(
            "llm_unavailable", "the stream ended before the model finished", retryable=True
        )
    reason = stop_reason or "stop"
    yield Finished(usage, _STOP_REASONS.get(reason, reason))


def _cache_counts(usage: Any) -> tuple[int, int]:
    return (
        getattr(usage, "cache_read_input_tokens", None) or 0,
        getattr(usage, "cache_creation_input_tokens", None) or 0,
    )


def _prompt_tokens(usage: anthropic.types.Usage) -> int:
    # cached prompt tokens are billed differently but are still prompt tokens
    return (
        usage.input_tokens
        + (usage.cache_creation_input_tokens or 0)
        + (usage.cache_read_input_tokens or 0)
    )


def _messages(messages: list[Message]) -> tuple[str, list[MessageParam]]:
    """System text apart (Anthropic takes it as a parameter) and the turns, with tool
    results as ``tool_result`` blocks in user turns and consecutive same-role turns merged
    (the API wants user and assistant to alternate)."""
    system: list[str] = []
    turns: list[tuple[str, list[ContentBlockParam]]] = []
    for message in messages:
        if message.role == "system":
            system.append(message.content)
            continue
        role = "assistant" if message.role == "assistant" else "user"
        blocks = _blocks(message)
        if turns and turns[-1][0] == role:
            turns[-1][1].extend(blocks)
        else:
            turns.append((role, blocks))
    params: list[MessageParam] = []
    for role, blocks in turns:
        if role == "assistant":
            params.append({"role": "assistant", "content": blocks})
        else:
            params.append({"role": "user", "content": blocks})
    return "\n\n".join(system), params


def _blocks(message: Message) -> list[ContentBlockParam]:
    if message.role == "tool":
        return [
            {
                "type": "tool_result",
                "tool_use_id": message.tool_call_id or "",
                "content": message.content,
            }
        ]
    blocks: list[ContentBlockParam] = []
    # the API rejects empty text blocks
    if message.content or not message.tool_calls:
        blocks.append({"type": "text", "text": message.content or "(empty)"})
    for call in message.tool_calls or []:
        blocks.append(
            {"type": "tool_use", "id": call.id, "name": call.name, "input": call.arguments}
        )
    return blocks


def _tools(tools: list[ToolSpec] | None, *, strict: bool = False) -> list[ToolParam]:
    out: list[ToolParam] = []
    for tool in tools or []:
        param: ToolParam = {
            "name": tool.name,
            "description": tool.description,
            "input_schema": tool.parameters,
        }
        if strict:
            param["strict"] = True
        out.append(param)
    return out


def _tool_choice(choice: str | None) -> ToolChoiceParam | Omit:
    if choice is None:
        return omit
    if choice == "auto":
        return {"type": "auto"}
    if choice == "none":
        return {"type": "none"}
    if choice in ("required", "any"):
        return {"type": "any"}
    return {"type": "tool", "name": choice}
