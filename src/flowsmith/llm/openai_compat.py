"""Any OpenAI-compatible Chat Completions server: OpenAI itself, vLLM, Ollama, LM Studio,
DeepSeek. Always streams (even for structured output), so the per-call read timeout bounds
the gap between chunks rather than the whole generation.

The SDK's own retries are off (``max_retries=0``): retries, backoff and the deadline live in
``BaseProvider`` where they are bounded and testable.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from contextlib import aclosing, asynccontextmanager
from typing import Any, Literal

import httpx2
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
from openai.types.shared_params import ResponseFormatJSONObject, ResponseFormatJSONSchema

from flowsmith.llm._core import (
    CONTEXT_ADVICE,
    CUT_CHECK_MIN_PROMPT_TOKENS,
    BaseProvider,
    CallSpec,
    PendingToolCall,
    RawEvent,
    RetryPolicy,
    estimate_prompt_tokens,
    status_error,
    transport_error,
)
from flowsmith.llm.base import Finished, LLMError, Message, TextDelta, ToolSpec, Usage
from flowsmith.llm.structured import ALL_MODES

MaxTokensField = Literal["max_tokens", "max_completion_tokens"]

log = logging.getLogger("flowsmith.llm")

# OpenAI's reasoning models: they take max_completion_tokens (which counts the hidden
# reasoning too), refuse temperature, and take reasoning_effort
_REASONING_MODEL = re.compile(r"^(o\d|gpt-5)", re.IGNORECASE)
# what OpenAI advises reserving for a reasoning model's reasoning and answer
REASONING_BUDGET = 25_000

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
        retry_after_max_s: float | None = None,
        max_tokens_field: MaxTokensField | None = None,
        default_headers: Mapping[str, str] | None = None,
        context_tokens: int | None = None,
        probe_context: bool = True,
        system_as_user: bool = False,
    ) -> None:
        """``timeout_s`` bounds connecting and each read (the gap between streamed chunks).

        ``max_tokens_field``: OpenAI's newer models accept only ``max_completion_tokens``,
        many compatible servers only ``max_tokens``. Unset, it is guessed from ``base_url``
        and the model (reasoning models: ``max_completion_tokens``) and corrected once if
        the server rejects the guess.

        ``context_tokens``: the model's context window; unset, a local server is asked
        once (llama.cpp's ``/props`` ``n_ctx``, vLLM's ``/v1/models`` ``max_model_len``)
        unless ``probe_context`` is false. Output caps then shrink to fit (``budget``).

        ``system_as_user``: the system prompt goes at the head of the first user message,
        for chat templates without a system role that drop it silently (llama-cpp-python's
        ``gemma`` chat format does)."""
        super().__init__(
            model=model,
            retry=RetryPolicy(max_retries, backoff_base_s, backoff_max_s, retry_after_max_s),
        )
        self.base_url = base_url
        is_openai = base_url is None or "api.openai.com" in base_url
        self.is_openai = is_openai
        self.reasoning = bool(_REASONING_MODEL.match(model.rsplit("/", 1)[-1]))
        self.strict_tools = is_openai
        self.max_tokens_field: MaxTokensField = max_tokens_field or (
            "max_completion_tokens" if is_openai or self.reasoning else "max_tokens"
        )
        if self.reasoning:
            self.refused_params.add("temperature")
        self.context_tokens = context_tokens or None
        self._probe = probe_context and not is_openai and not context_tokens
        self._probe_lock = asyncio.Lock()
        self._api_key = api_key
        self._timeout_s = timeout_s
        self.system_as_user = system_as_user
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

    def budget(self, messages: list[Message], extra_chars: int, requested: int) -> int:
        # a reasoning model spends completion tokens thinking before it writes: reserve
        # room for both, or the answer is cut off after the reasoning
        if self.reasoning:
            requested = max(requested, REASONING_BUDGET)
        return super().budget(messages, extra_chars, requested)

    async def prepare(self) -> None:
        if not self._probe:
            return
        async with self._probe_lock:
            if not self._probe:
                return
            self._probe = False
            self.context_tokens = await self._ask_context()
            if self.context_tokens:
                log.info(
                    "%s %s: context window %d tokens", self.name, self.model, self.context_tokens
                )

    async def _ask_context(self) -> int | None:
        """The context window the server reports: llama.cpp's ``/props`` (at the server
        root) ``default_generation_settings.n_ctx``, or vLLM's ``/v1/models``
        ``max_model_len`` for our model. None when neither says."""
        base = (self.base_url or "").rstrip("/")
        root = base[: -len("/v1")] if base.endswith("/v1") else base
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
        try:
            async with httpx2.AsyncClient(
                timeout=min(self._timeout_s, 3.0), headers=headers
            ) as http:
                for url in (f"{root}/props", f"{base}/models"):
                    try:
                        response = await http.get(url)
                        if response.status_code != 200:
                            continue
                        found = _context_from(response.json(), self.model)
                    except (httpx2.HTTPError, ValueError):
                        continue
                    if found:
                        return found
        except httpx2.HTTPError:
            return None
        return None

    @asynccontextmanager
    async def _open(self, spec: CallSpec) -> AsyncIterator[AsyncIterator[RawEvent]]:
        tools = _tools(spec.tools, strict=spec.strict_tools)
        use_completion = self.max_tokens_field == "max_completion_tokens"
        refused = self.refused_params
        extra: dict[str, object] = {}
        if (
            spec.json_schema is not None
            and spec.json_schema.kind == "json_object"
            and not self.is_openai
        ):
            # llama.cpp and llama-cpp-python constrain json_object output to this schema
            extra["response_format"] = {"type": "json_object", "schema": spec.json_schema.schema}
        response_format = omit if extra else _response_format(spec)
        effort: Any = (
            spec.reasoning_effort
            if spec.reasoning_effort and "reasoning_effort" not in refused
            else omit
        )
        request: dict[str, Any] = {
            "model": self.model,
            "messages": _messages(
                _fold_system(spec.messages) if self.system_as_user else spec.messages
            ),
            "tools": tools if tools else omit,
            "tool_choice": _tool_choice(spec.tool_choice) if tools else omit,
            "response_format": response_format,
            "max_completion_tokens": spec.max_tokens if use_completion else omit,
            "max_tokens": omit if use_completion else spec.max_tokens,
            "temperature": (
                spec.temperature
                if spec.temperature is not None and "temperature" not in refused
                else omit
            ),
            "reasoning_effort": effort,
            "extra_body": extra or None,
        }
        stream = await self._client.chat.completions.create(
            **request, stream=True, stream_options={"include_usage": True}
        )
        # both context managers close the HTTP response however the block ends:
        # normally, on error, or when the consuming task is cancelled
        async with stream, aclosing(self._read(stream, spec, request)) as events:
            yield events

    async def _read(
        self, stream: AsyncStream[ChatCompletionChunk], spec: CallSpec, request: dict[str, Any]
    ) -> AsyncGenerator[RawEvent, None]:
        """The attempt's events. A stream that breaks before its first chunk on a prompt
        big enough to overflow a small context is checked: llama-cpp-python answers an
        over-long streamed request with a 200 and then cuts the stream (its length check
        runs inside the stream), which would read as an outage and be retried; the same
        request unstreamed gets its real answer, a 400 naming the context window."""
        seen = _Seen()
        try:
            async with aclosing(_events(stream, seen)) as events:
                async for event in events:
                    yield event
        except Exception as exc:
            if seen.chunks or not self._may_be_context_cut(exc, spec):
                raise
            error = await self._context_check(request)
            if error is None:
                raise
            raise error from exc

    def _may_be_context_cut(self, exc: Exception, spec: CallSpec) -> bool:
        if self.is_openai:
            return False
        error = exc if isinstance(exc, LLMError) else self._to_error(exc)
        if error is None or error.code != "llm_unavailable":
            return False
        extra = sum(len(json.dumps(t.parameters)) + len(t.description) for t in spec.tools or [])
        if spec.json_schema is not None:
            extra += len(json.dumps(spec.json_schema.schema))
        return estimate_prompt_tokens(spec.messages, extra) >= CUT_CHECK_MIN_PROMPT_TOKENS

    async def _context_check(self, request: dict[str, Any]) -> LLMError | None:
        """The ``llm_context`` error when the server, asked the same request unstreamed
        for one token, says it does not fit its context; None when it does not say so."""
        probe = {**request, "max_completion_tokens": omit, "max_tokens": omit}
        probe[self.max_tokens_field] = 1
        # twice on a failed connection: the pool may hand out the kept-alive connection of
        # the cut stream, which llama-cpp-python closes once its exception is logged
        # (measured: the check then failed on two attempts in three)
        for _ in range(2):
            try:
                await self._client.chat.completions.create(**probe, stream=False)
            except openai.APIStatusError as exc:
                error = self._to_error(exc)
                if error is not None and error.code == "llm_context":
                    log.warning("%s %s: the stream was cut; %s", self.name, self.model, error)
                    return error
                return None
            except openai.APITimeoutError:
                return None
            except (openai.APIConnectionError, httpx2.TransportError):
                continue
            except (openai.APIError, httpx2.HTTPError):
                return None
            return None
        return None

    def _to_error(self, exc: BaseException) -> LLMError | None:
        if isinstance(exc, openai.APIStatusError):
            message = _error_message(exc)
            if exc.status_code in (400, 422) and self._switch_max_tokens_field(message):
                # the server named the other field; resend at once with it
                return LLMError(
                    "llm_bad_request", message, status=400, retryable=True, retry_after=0.0
                )
            error = status_error(exc.status_code, message, exc.response.headers, _error_kind(exc))
            if error.code == "llm_context":
                error = self._context_error(error)
            return error
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

    def _context_error(self, error: LLMError) -> LLMError:
        """The server's own words on the context, with what to change; the window it
        names (llama-cpp-python, vLLM and OpenAI say "maximum context length is N") is
        kept, so later calls are budgeted against it and refused before sending."""
        found = _CONTEXT_SIZE.search(error.message)
        window = int(found.group(1)) if found else None
        said = f"the server's context of {window} tokens" if window else "the server's context"
        if window and self.context_tokens and window < self.context_tokens:
            said += f" (FLOWSMITH_LLM_CONTEXT_TOKENS says {self.context_tokens})"
        if window and (not self.context_tokens or window < self.context_tokens):
            self.context_tokens = window
        return LLMError(
            "llm_context",
            f"the request does not fit {said}: {CONTEXT_ADVICE} [{error.message}]"[:900],
            status=error.status,
        )

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


# "This model's maximum context length is 2048 tokens" (llama-cpp-python, vLLM, OpenAI)
_CONTEXT_SIZE = re.compile(r"maximum context length is (\d+)", re.IGNORECASE)


class _Seen:
    """How many chunks a stream has delivered so far."""

    chunks = 0


def _error_message(exc: openai.APIStatusError) -> str:
    """The API's own message (and ``param``), which says what was wrong. Servers word
    their bodies differently: OpenAI, vLLM and llama.cpp ``{"error": {"message"}}``,
    Ollama ``{"error": "..."}``, FastAPI-based servers (llama-cpp-python)
    ``{"detail": [...]}`` for a validation error."""
    body = exc.body
    if isinstance(body, dict):
        message = body.get("message")
        if not message:
            message = json.dumps(body, ensure_ascii=False)[:800]
        param = body.get("param")
        return f"{message} [param: {param}]" if param else str(message)
    if isinstance(body, str) and body.strip():
        return body.strip()[:800]
    return exc.message


def _error_kind(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        return f"{body.get('type') or ''} {body.get('code') or ''}".strip()
    return ""


def _context_from(data: object, model: str) -> int | None:
    if not isinstance(data, dict):
        return None
    settings = data.get("default_generation_settings")
    for source in (settings, data):
        if isinstance(source, dict) and isinstance(source.get("n_ctx"), int):
            return int(source["n_ctx"])
    models = data.get("data")
    if isinstance(models, list):
        lengths = [
            m.get("max_model_len")
            for m in models
            if isinstance(m, dict) and isinstance(m.get("max_model_len"), int)
        ]
        mine = [
            m.get("max_model_len")
            for m in models
            if isinstance(m, dict)
            and m.get("id") == model
            and isinstance(m.get("max_model_len"), int)
        ]
        found = (mine or lengths)[0] if mine or len(lengths) == 1 else None
        if isinstance(found, int):
            return found
    return None


async def _events(
    stream: AsyncStream[ChatCompletionChunk], seen: _Seen | None = None
) -> AsyncGenerator[RawEvent, None]:
    """Text deltas as they come; tool calls assembled from their fragments (keyed by
    ``index``) and emitted once complete; then ``Finished`` with the usage chunk's counts.
    ``seen`` counts the chunks."""
    pending: dict[int, PendingToolCall] = {}
    finish: str | None = None
    usage = Usage()
    async for chunk in stream:
        if seen is not None:
            seen.chunks += 1
        if chunk.usage is not None:
            details = chunk.usage.prompt_tokens_details
            usage = Usage(
                chunk.usage.prompt_tokens or 0,
                chunk.usage.completion_tokens or 0,
                cached_tokens=(details.cached_tokens or 0) if details is not None else 0,
            )
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


def _fold_system(messages: list[Message]) -> list[Message]:
    """System messages joined and put at the head of the first user message."""
    system = "\n\n".join(m.content for m in messages if m.role == "system")
    rest = [m for m in messages if m.role != "system"]
    if not system:
        return rest
    for index, message in enumerate(rest):
        if message.role == "user":
            folded = Message("user", f"{system}\n\n---\n\n{message.content}")
            return [*rest[:index], folded, *rest[index + 1 :]]
    return [Message("user", system), *rest]


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


def _tools(
    tools: list[ToolSpec] | None, *, strict: bool = False
) -> list[ChatCompletionFunctionToolParam]:
    out: list[ChatCompletionFunctionToolParam] = []
    for tool in tools or []:
        function: dict[str, object] = {
            "name": tool.name,
            "description": tool.description,
            "parameters": tool.parameters,
        }
        if strict:
            function["strict"] = True
        out.append({"type": "function", "function": function})  # type: ignore[typeddict-item]
    return out


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


def _response_format(
    spec: CallSpec,
) -> ResponseFormatJSONSchema | ResponseFormatJSONObject | Omit:
    if spec.json_schema is None:
        return omit
    if spec.json_schema.kind == "json_object":
        return {"type": "json_object"}
    return {
        "type": "json_schema",
        "json_schema": {
            "name": spec.json_schema.name,
            "schema": spec.json_schema.schema,
            "strict": spec.json_schema.strict,
        },
    }
