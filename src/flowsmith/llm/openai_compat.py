"""Any OpenAI-compatible Chat Completions server: OpenAI itself, vLLM, Ollama, LM Studio,
DeepSeek. Always streams (even for structured output), so the per-call read timeout bounds
the gap between chunks rather than the whole generation.

The SDK's own retries are off (``max_retries=0``): retries, backoff and the deadline live in
``BaseProvider`` where they are bounded and testable.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from contextlib import aclosing, asynccontextmanager
from typing import Literal

import openai
import pydantic
from openai import AsyncOpenAI, AsyncStream, Omit, omit
from openai.types.chat import (
    ChatCompletionAssistantMessageParam,
    ChatCompletionChunk,
    ChatCompletionFunctionToolParam,
    ChatCompletionMessageFunctionToolCallParam,
    ChatCompletionMessageParam,
    ChatCompletionToolChoiceOptionParam,
)
from openai.types.shared_params import ResponseFormatJSONSchema

from flowsmith.llm._core import (
    BaseProvider,
    CallSpec,
    PendingToolCall,
    RawEvent,
    RetryPolicy,
    status_error,
    transport_error,
)
from flowsmith.llm.base import Finished, LLMError, Message, TextDelta, ToolSpec, Usage
from flowsmith.llm.structured import ALL_MODES

MaxTokensField = Literal["max_tokens", "max_completion_tokens"]

# local servers take no key, but the SDK insists on one
_NO_KEY = "not-needed"

_UNSUPPORTED_WORDS = ("unsupported", "not supported", "unrecognized", "not permitted", "extra")

_STOP_REASONS = {
    "stop": "stop",
    "length": "length",
    "tool_calls": "tool_calls",
    "function_call": "tool_calls",
    "content_filter": "content_filter",
}


class OpenAICompatProvider(BaseProvider):
    name = "openai"
    structured_modes = ALL_MODES

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
        retry_after_max_s: float = 30.0,
        max_tokens_field: MaxTokensField | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        """``timeout_s`` bounds connecting and each read (the gap between streamed chunks).

        ``max_tokens_field``: OpenAI's newer models accept only ``max_completion_tokens``,
        many compatible servers only ``max_tokens``. Unset, it is guessed from ``base_url``
        and corrected once if the server rejects the guess."""
        super().__init__(
            model=model,
            retry=RetryPolicy(max_retries, backoff_base_s, backoff_max_s, retry_after_max_s),
        )
        self.base_url = base_url
        is_openai = base_url is None or "api.openai.com" in base_url
        self.max_tokens_field: MaxTokensField = max_tokens_field or (
            "max_completion_tokens" if is_openai else "max_tokens"
        )
        self._max_tokens_field_fixed = max_tokens_field is not None
        try:
            self._client = AsyncOpenAI(
                api_key=api_key or (None if is_openai else _NO_KEY),
                base_url=base_url,
                timeout=openai.Timeout(timeout_s),
                max_retries=0,
                default_headers=default_headers,
            )
        except openai.OpenAIError as error:
            raise ValueError(f"cannot configure the OpenAI client: {error}") from None

    async def aclose(self) -> None:
        await self._client.close()

    @asynccontextmanager
    async def _open(self, spec: CallSpec) -> AsyncIterator[AsyncIterator[RawEvent]]:
        tools = _tools(spec.tools)
        use_completion = self.max_tokens_field == "max_completion_tokens"
        stream = await self._client.chat.completions.create(
            model=self.model,
            messages=_messages(spec.messages),
            stream=True,
            stream_options={"include_usage": True},
            tools=tools if tools else omit,
            tool_choice=_tool_choice(spec.tool_choice) if tools else omit,
            response_format=_response_format(spec),
            max_completion_tokens=spec.max_tokens if use_completion else omit,
            max_tokens=omit if use_completion else spec.max_tokens,
        )
        # both context managers close the HTTP response however the block ends:
        # normally, on error, or when the consuming task is cancelled
        async with stream, aclosing(_events(stream)) as events:
            yield events

    def _to_error(self, exc: BaseException) -> LLMError | None:
        if isinstance(exc, openai.APIStatusError):
            message = _error_message(exc)
            if exc.status_code == 400 and self._switch_max_tokens_field(message):
                # the server named the other field; resend at once with it
                return LLMError(
                    "llm_bad_request", message, status=400, retryable=True, retry_after=0.0
                )
            return status_error(exc.status_code, message, exc.response.headers)
        if isinstance(exc, openai.APITimeoutError):
            return LLMError("llm_timeout", "the request timed out", retryable=True)
        if isinstance(exc, openai.APIConnectionError):
            return LLMError("llm_unavailable", f"connection failed: {exc.message}", retryable=True)
        if isinstance(exc, openai.APIError):
            # an {"error": ...} event inside a 200 stream: the server gave up mid-way
            return LLMError("llm_unavailable", f"stream error: {exc.message}"[:600], retryable=True)
        if isinstance(exc, json.JSONDecodeError | pydantic.ValidationError):
            return LLMError("llm_bad_response", f"unreadable stream chunk: {exc}"[:600])
        return transport_error(exc)

    def _switch_max_tokens_field(self, message: str) -> bool:
        """Switch fields when a 400 says the one we sent is unsupported; once per instance,
        so two contradicting servers cannot make us flip forever."""
        if self._max_tokens_field_fixed:
            return False
        text = message.lower()
        current = self.max_tokens_field
        # "max_tokens" is not a substring of "max_completion_tokens", so this is exact
        if current not in text or not any(w in text for w in _UNSUPPORTED_WORDS):
            return False
        self.max_tokens_field = (
            "max_tokens" if current == "max_completion_tokens" else "max_completion_tokens"
        )
        self._max_tokens_field_fixed = True
        return True


def _error_message(exc: openai.APIStatusError) -> str:
    """The API's own message (and ``param``), which says what was wrong."""
    body = exc.body
    if isinstance(body, dict):
        message = str(body.get("message") or exc.message)
        param = body.get("param")
        return f"{message} [param: {param}]" if param else message
    return exc.message


async def _events(stream: AsyncStream[ChatCompletionChunk]) -> AsyncGenerator[RawEvent, None]:
    """Text deltas as they come; tool calls assembled from their fragments (keyed by
    ``index``) and emitted once complete; then ``Finished`` with the usage chunk's counts."""
    pending: dict[int, PendingToolCall] = {}
    finish: str | None = None
    usage = Usage()
    async for chunk in stream:
        if chunk.usage is not None:
            usage = Usage(chunk.usage.prompt_tokens or 0, chunk.usage.completion_tokens or 0)
        for choice in chunk.choices:
            if choice.index != 0:
                continue
            delta = choice.delta
            if delta.content:
                yield TextDelta(delta.content)
            if delta.refusal:
                yield TextDelta(delta.refusal)
            for fragment in delta.tool_calls or []:
                call = pending.setdefault(fragment.index, PendingToolCall())
                call.id = call.id or (fragment.id or "")
                if fragment.function is not None:
                    # the name comes whole in the first fragment; some servers repeat it
                    call.name = call.name or (fragment.function.name or "")
                    call.parts.append(fragment.function.arguments or "")
            if choice.finish_reason:
                finish = choice.finish_reason
    if finish is None:
        raise LLMError(
            "llm_unavailable", "the stream ended before the model finished", retryable=True
        )
    for index in sorted(pending):
        yield pending[index].done(f"call_{uuid.uuid4().hex[:12]}")
    yield Finished(usage, _STOP_REASONS.get(finish, finish))


def _messages(messages: list[Message]) -> list[ChatCompletionMessageParam]:
    out: list[ChatCompletionMessageParam] = []
    for message in messages:
        if message.role == "system":
            out.append({"role": "system", "content": message.content})
        elif message.role == "user":
            out.append({"role": "user", "content": message.content})
        elif message.role == "tool":
            out.append(
                {
                    "role": "tool",
                    "tool_call_id": message.tool_call_id or "",
                    "content": message.content,
                }
            )
        else:
            out.append(_assistant(message))
    return out


def _assistant(message: Message) -> ChatCompletionAssistantMessageParam:
    param: ChatCompletionAssistantMessageParam = {"role": "assistant"}
    if message.content or not message.tool_calls:
        param["content"] = message.content
    if message.tool_calls:
        calls: list[ChatCompletionMessageFunctionToolCallParam] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.name, "arguments": json.dumps(call.arguments)},
            }
            for call in message.tool_calls
        ]
        param["tool_calls"] = calls
    return param


def _tools(tools: list[ToolSpec] | None) -> list[ChatCompletionFunctionToolParam]:
    return [
        {
            "type": "function",
            "function": {
                "name": tool.name,
                "description": tool.description,
                "parameters": tool.parameters,
            },
        }
        for tool in tools or []
    ]


def _tool_choice(choice: str | None) -> ChatCompletionToolChoiceOptionParam | Omit:
    if choice is None:
        return omit
    if choice == "auto":
        return "auto"
    if choice == "none":
        return "none"
    if choice in ("required", "any"):
        return "required"
    return {"type": "function", "function": {"name": choice}}


def _response_format(spec: CallSpec) -> ResponseFormatJSONSchema | Omit:
    if spec.json_schema is None:
        return omit
    return {
        "type": "json_schema",
        "json_schema": {
            "name": spec.json_schema.name,
            "schema": spec.json_schema.schema,
            "strict": spec.json_schema.strict,
        },
    }
