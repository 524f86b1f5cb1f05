"""What both providers share: the retry loop, the deadline, error mapping for HTTP statuses,
and the ``stream`` / ``structured`` logic built on a provider's single-attempt primitive.

A provider implements ``_open(spec)``: an async context manager that sends one HTTP request
and yields that attempt's events (``TextDelta``, ``RawToolCall``, then one ``Finished``),
closing the response on exit; and ``_to_error(exc)``: the ``LLMError`` for an SDK or
transport exception (None for exceptions it does not know, which then propagate as bugs).
"""

from __future__ import annotations

import asyncio
import dataclasses
import email.utils
import functools
import json
import logging
import random
import re
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager, AsyncExitStack, aclosing
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx2

from flowsmith.llm.base import (
    CallOptions,
    Finished,
    LLMError,
    Message,
    StreamEvent,
    TextDelta,
    ToolCall,
    ToolCallDone,
    ToolSpec,
    Usage,
    current_deadline,
)
from flowsmith.llm.structured import (
    Mode,
    ModeMemory,
    OutputProblem,
    SchemaCheck,
    extract_json,
    fix_request,
    from_strict,
    parse_arguments,
    refused_modes,
    safe_name,
    text_mode_instruction,
    to_strict,
    unsupported_feature,
)

log = logging.getLogger("flowsmith.llm")

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries: at most ``max_retries`` extra attempts, waits growing from
    ``backoff_base_s`` doubling up to ``backoff_max_s`` with jitter, or the server's
    ``Retry-After`` (capped at ``retry_after_max_s`` when set; the call's deadline bounds
    it in any case, and without a deadline it is capped at ``NO_DEADLINE_WAIT_MAX_S``)."""

    max_retries: int = 3
    backoff_base_s: float = 0.5
    backoff_max_s: float = 8.0
    retry_after_max_s: float | None = None

    def __post_init__(self) -> None:
        if self.max_retries < 0 or self.backoff_base_s < 0 or self.backoff_max_s < 0:
            raise ValueError("retry settings must not be negative")

    def delay(self, failures: int, retry_after: float | None) -> float:
        if retry_after is not None:
            wait = max(retry_after, 0.0)
            return wait if self.retry_after_max_s is None else min(wait, self.retry_after_max_s)
        ceiling = min(self.backoff_max_s, self.backoff_base_s * 2.0**failures)
        # "equal jitter": never retry instantly, yet spread clients that failed together
        return ceiling / 2 + random.uniform(0, ceiling / 2)


@dataclass(frozen=True)
class RawToolCall:
    """A tool call as streamed: arguments still a JSON string, parsed by the caller."""

    id: str
    name: str
    arguments: str


RawEvent = TextDelta | RawToolCall | Finished


@dataclass(frozen=True)
class JsonSchemaFormat:
    """``response_format``: ``json_schema`` (strict or not), or ``json_object`` with the
    schema beside it (llama-cpp-python enforces it; others ignore the extra field)."""

    name: str
    schema: dict[str, Any]
    strict: bool
    kind: str = "json_schema"


@dataclass(frozen=True)
class CallSpec:
    """One request, provider-neutral."""

    messages: list[Message]
    tools: list[ToolSpec] | None = None
    tool_choice: str | None = None
    max_tokens: int = 2048
    json_schema: JsonSchemaFormat | None = None
    temperature: float | None = None
    reasoning_effort: str | None = None
    strict_tools: bool = False


@dataclass
class PendingToolCall:
    """A tool call being assembled from streamed fragments."""

    id: str = ""
    name: str = ""
    parts: list[str] = field(default_factory=list)

    def done(self, fallback_id: str) -> RawToolCall:
        return RawToolCall(self.id or fallback_id, self.name, "".join(self.parts))


# --- errors --------------------------------------------------------------------------------


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from ``retry-after-ms`` (OpenAI) or ``retry-after`` (seconds or an
    HTTP date); None when absent or unreadable."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(float(millis) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


_QUOTA = re.compile(
    r"insufficient_quota|exceeded your current quota|billing_error|credit balance is too low|"
    r"check your plan and billing|payment required",
    re.IGNORECASE,
)
_CONTEXT = re.compile(
    r"maximum context length|context length|context window|context_length_exceeded|"
    r"prompt is too long|too many tokens|exceeds? the (available )?context|n_ctx",
    re.IGNORECASE,
)
# what to change when a request does not fit the model's context window
CONTEXT_ADVICE = (
    "give the server a larger context (llama.cpp --ctx-size / -c, llama-cpp-python --n_ctx, "
    "vLLM --max-model-len, Ollama num_ctx) and set FLOWSMITH_LLM_CONTEXT_TOKENS to it, or "
    "lower FLOWSMITH_LLM_RETRIEVAL_K and FLOWSMITH_LLM_HISTORY_MESSAGES"
)
# a stream cut before its first chunk is checked for a context overflow (one unstreamed
# request) only when the prompt is at least this big: no server's context is smaller
CUT_CHECK_MIN_PROMPT_TOKENS = 512
# without a deadline, the longest Retry-After we wait for before giving up
NO_DEADLINE_WAIT_MAX_S = 120.0


def status_error(status: int, message: str, headers: Mapping[str, str], kind: str = "") -> LLMError:
    """The ``LLMError`` for an HTTP error status, from the real bodies: a used-up quota or
    credit (OpenAI's 429 ``insufficient_quota``, Anthropic's 402 ``billing_error``) is
    ``llm_quota``, never retried; a feature or parameter the server lacks (whatever the
    status, llama.cpp says it with a 500) is ``llm_bad_request`` with ``unsupported`` set,
    for the caller to fall back; a prompt too long for the context is ``llm_context``.
    Otherwise 408/409/429/5xx are worth retrying (the set the official SDKs retry), other
    4xx say the request is wrong. ``x-should-retry`` (sent by OpenAI and Anthropic) wins
    over the status."""
    text = f"HTTP {status}: {message}"[:600]
    should_retry = (headers.get("x-should-retry") or "").strip().lower()
    if status == 402 or (status in (400, 403, 429) and _QUOTA.search(f"{kind} {message}")):
        return LLMError("llm_quota", text, status=status)
    feature = unsupported_feature(status, message)
    if feature is not None:
        return LLMError("llm_bad_request", text, status=status, unsupported=feature)
    if status in (400, 413, 422, 500) and _CONTEXT.search(message):
        return LLMError("llm_context", text, status=status)
    error = _status_error(status, text, headers)
    if should_retry == "true" and status != 401:
        error.retryable = True
    elif should_retry == "false":
        error.retryable = False
    return error


def _status_error(status: int, text: str, headers: Mapping[str, str]) -> LLMError:
    if status == 429:
        return LLMError(
            "llm_rate_limited",
            text,
            status=status,
            retryable=True,
            retry_after=parse_retry_after(headers),
        )
    if status in (401, 403):
        return LLMError("llm_auth", text, status=status)
    if status in (408, 409) or status >= 500:
        return LLMError(
            "llm_unavailable",
            text,
            status=status,
            retryable=True,
            retry_after=parse_retry_after(headers),
        )
    return LLMError("llm_bad_request", text, status=status)


def transport_error(exc: BaseException) -> LLMError | None:
    """Raw transport failures (the Anthropic SDK lets them through mid-stream)."""
    if isinstance(exc, httpx2.TimeoutException):
        return LLMError("llm_timeout", f"timed out: {type(exc).__name__}", retryable=True)
    if isinstance(exc, httpx2.TransportError):
        return LLMError("llm_unavailable", f"connection failed: {exc!r}"[:300], retryable=True)
    return None


def estimate_prompt_tokens(messages: list[Message], extra_chars: int = 0) -> int:
    """A generous guess at a prompt's tokens: ~3 characters a token is conservative for
    English, JSON and Chinese alike, plus each message's framing."""
    chars = sum(len(m.content) for m in messages) + extra_chars
    return chars // 3 + 8 * len(messages) + 16


def _deadline_error(detail: str) -> LLMError:
    return LLMError("llm_timeout", f"deadline reached {detail}")


def _deadline_timeout(deadline: float | None) -> asyncio.Timeout:
    if deadline is None:
        return asyncio.timeout(None)
    left = deadline - time.monotonic()
    if left <= 0:
        raise _deadline_error("before the request was sent")
    return asyncio.timeout(left)


def _next_delay(
    error: LLMError, failures: int, policy: RetryPolicy, deadline: float | None
) -> float:
    """The wait before the next attempt; raises the error when there is none to make."""
    if not error.retryable:
        raise error
    if failures >= policy.max_retries:
        raise LLMError(
            error.code,
            f"{error.message} (gave up after {failures + 1} attempts)",
            status=error.status,
        )
    delay = policy.delay(failures, error.retry_after)
    if deadline is not None and time.monotonic() + delay >= deadline:
        raise _deadline_error(f"while retrying; last error {error.code}: {error.message}")
    if deadline is None and delay > NO_DEADLINE_WAIT_MAX_S:
        raise LLMError(
            error.code,
            f"{error.message} (the server asked to wait {delay:.0f}s)",
            status=error.status,
        )
    return delay


# --- the provider skeleton -----------------------------------------------------------------


@dataclass
class Collected:
    text: str = ""
    tool_calls: list[RawToolCall] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    stop_reason: str = ""


class BaseProvider(ABC):
    """``stream`` and ``structured`` for any provider that implements one attempt.

    ``total_usage`` accumulates every call made through this instance (failed ones too)."""

    name: str
    model: str
    structured_modes: tuple[Mode, ...]
    # whether forced-tool structured output sends the schema's strict form as a strict tool
    strict_tools: bool = False

    def __init__(self, *, model: str, retry: RetryPolicy) -> None:
        if not model:
            raise ValueError("an LLM provider needs a model name")
        self.model = model
        self.retry = retry
        self.total_usage = Usage()
        self.modes = ModeMemory(self.structured_modes)
        # sampling parameters this server refused ("temperature" on reasoning models...);
        # dropped from every later request
        self.refused_params: set[str] = set()
        # the model's context window in tokens, when known (set, or probed by a provider)
        self.context_tokens: int | None = None

    # -- budgets

    def budget(self, messages: list[Message], extra_chars: int, requested: int) -> int:
        """The completion-token cap for a call: ``requested``, shrunk to what the context
        window leaves after the prompt when the window is known. Raises ``llm_context``
        naming the settings when the prompt leaves no useful room."""
        if not self.context_tokens:
            return requested
        prompt = estimate_prompt_tokens(messages, extra_chars)
        room = self.context_tokens - prompt
        floor = min(requested, 256)
        if room < floor:
            raise LLMError(
                "llm_context",
                f"the prompt (about {prompt} tokens) leaves no room for the answer in the "
                f"model's context of {self.context_tokens} tokens: {CONTEXT_ADVICE}",
            )
        return min(requested, room)

    async def prepare(self) -> None:  # noqa: B027 - a hook; most providers need none
        """Learn what the server reports about itself (its context window); once, before
        the first call. Providers that can ask override it."""

    # -- what each provider implements

    @abstractmethod
    def _open(self, spec: CallSpec) -> AbstractAsyncContextManager[AsyncIterator[RawEvent]]:
        """Send one request; yield its events; close the response on exit."""

    @abstractmethod
    def _to_error(self, exc: BaseException) -> LLMError | None:
        """The ``LLMError`` for an SDK/transport exception, None if it is not one."""

    @abstractmethod
    async def aclose(self) -> None: ...

    # -- streaming

    async def stream(
        self,
        messages: list[Message],
        *,
        tools: list[ToolSpec] | None = None,
        tool_choice: str | None = None,
        max_tokens: int = 2048,
        options: CallOptions | None = None,
    ) -> AsyncGenerator[StreamEvent, None]:
        """Text and tool calls as they arrive, then ``Finished``. Retries only before the
        first event is yielded, so the caller never sees a piece of text twice."""
        options = options or CallOptions()
        tally = Usage()
        try:
            await self.prepare()
            tools_chars = sum(
                len(json.dumps(t.parameters)) + len(t.description) for t in tools or []
            )
            spec = CallSpec(
                list(messages),
                tools,
                tool_choice,
                self.budget(messages, tools_chars, options.max_tokens or max_tokens),
                temperature=options.temperature,
                reasoning_effort=options.reasoning_effort,
            )
            # aclosing: when our caller closes us, the attempt below (and its HTTP
            # response) closes now, not whenever the garbage collector gets to it
            async with aclosing(self._stream_with_retries(spec, tally)) as events:
                async for event in events:
                    if isinstance(event, RawToolCall):
                        yield ToolCallDone(self._tool_call(event, tally))
                    else:
                        yield event
        finally:
            self.total_usage += tally

    def _tool_call(self, raw: RawToolCall, tally: Usage) -> ToolCall:
        try:
            return ToolCall(raw.id, raw.name, parse_arguments(raw.arguments))
        except OutputProblem as problem:
            raise LLMError(
                "llm_bad_response", f"tool {raw.name!r}: {problem}", usage=tally.copy()
            ) from None

    async def _stream_with_retries(
        self, spec: CallSpec, tally: Usage
    ) -> AsyncGenerator[RawEvent, None]:
        deadline = current_deadline()
        failures = 0
        while True:
            emitted = False
            try:
                async with AsyncExitStack() as stack:
                    async with _deadline_timeout(deadline):
                        tally.calls += 1
                        events = await stack.enter_async_context(self._open(spec))
                    while True:
                        # the deadline is checked around each await, never across a yield:
                        # a timeout scope must not stay open while the consumer runs
                        async with _deadline_timeout(deadline):
                            try:
                                event = await anext(events)
                            except StopAsyncIteration:
                                break
                        if isinstance(event, Finished):
                            _add_tokens(tally, event.usage)
                            event = Finished(tally.copy(), event.stop_reason)
                        emitted = True
                        yield event
                return
            except Exception as exc:
                error = self._as_llm_error(exc, deadline)
                if error is None:
                    raise
                error.usage = tally.copy()
                if emitted:
                    # output already reached the caller; a retry would repeat it
                    raise error from exc
                try:
                    delay = _next_delay(error, failures, self.retry, deadline)
                except LLMError as final:
                    final.usage = tally.copy()
                    raise final from exc
                failures += 1
                log.warning(
                    "%s %s: %s; retry %d in %.2fs",
                    self.name,
                    self.model,
                    error,
                    failures,
                    delay,
                )
                await asyncio.sleep(delay)

    async def _call_with_retries(
        self, attempt: Callable[[], Awaitable[T]], tally: Usage, deadline: float | None
    ) -> T:
        """``attempt`` runs one whole request (nothing reaches the caller until it returns),
        so even a stream that broke half way may be retried."""
        failures = 0
        while True:
            try:
                async with _deadline_timeout(deadline):
                    tally.calls += 1
                    return await attempt()
            except Exception as exc:
                error = self._as_llm_error(exc, deadline)
                if error is None:
                    raise
                try:
                    delay = _next_delay(error, failures, self.retry, deadline)
                except LLMError as final:
                    final.usage = tally.copy()
                    raise final from exc
                failures += 1
                log.warning(
                    "%s %s: %s; retry %d in %.2fs", self.name, self.model, error, failures, delay
                )
                await asyncio.sleep(delay)

    def _as_llm_error(self, exc: Exception, deadline: float | None) -> LLMError | None:
        error = self._as_llm_error_raw(exc, deadline)
        unsupported = error.unsupported if error is not None else None
        if error is not None and unsupported and unsupported.startswith("param:"):
            name = unsupported.removeprefix("param:")
            if name not in self.refused_params and self._can_drop(name):
                # resend at once without it, from now on
                log.warning("%s %s refuses %s; dropping it", self.name, self.model, name)
                self.refused_params.add(name)
                error.retryable = True
                error.retry_after = 0.0
        return error

    def _can_drop(self, name: str) -> bool:
        """Whether a refused parameter can be left out (max_tokens cannot: a provider
        switches its field instead)."""
        return name in ("temperature", "reasoning_effort", "top_p", "parallel_tool_calls")

    def _as_llm_error_raw(self, exc: Exception, deadline: float | None) -> LLMError | None:
        if isinstance(exc, LLMError):
            return exc
        if isinstance(exc, TimeoutError):
            # raised by our deadline scope (the SDKs raise their own timeout types)
            if deadline is not None and time.monotonic() >= deadline - 0.01:
                return _deadline_error("while waiting for the model")
            return LLMError("llm_timeout", "timed out", retryable=True)
        return self._to_error(exc)

    # -- structured output

    async def structured(
        self,
        messages: list[Message],
        *,
        schema: dict[str, Any],
        name: str,
        max_tokens: int = 4096,
        options: CallOptions | None = None,
    ) -> tuple[dict[str, Any], Usage]:
        """A JSON object valid against ``schema``. Tries the best mode this server has not
        refused; a mode refused (a 400/422, or the 500 some servers send) is remembered
        and skipped from then on. Strict mode sends ``to_strict(schema)`` and turns the
        answer back with ``from_strict``; ``schema`` itself checks every answer. Output
        that is not valid JSON for the schema gets exactly one fix-up request."""
        checker = SchemaCheck(schema)
        name = safe_name(name)
        deadline = current_deadline()
        options = options or CallOptions()
        tally = Usage()
        conversation = list(messages)
        fixed = False
        try:
            await self.prepare()
            while True:
                mode = self.modes.current(schema)
                sent = to_strict(schema) if mode == "json_schema_strict" else schema
                assert sent is not None  # ModeMemory only picks strict when it exists
                budget = self.budget(
                    conversation, len(json.dumps(sent)), options.max_tokens or max_tokens
                )
                spec = self._structured_spec(mode, conversation, sent, name, budget)
                spec = dataclasses.replace(
                    spec, temperature=options.temperature, reasoning_effort=options.reasoning_effort
                )
                try:
                    collected = await self._call_with_retries(
                        functools.partial(self._collect, spec, tally), tally, deadline
                    )
                except LLMError as error:
                    if error.unsupported == "strict" and spec.strict_tools:
                        log.warning(
                            "%s refuses strict tools (%s); sending them plain", self.name, error
                        )
                        self.strict_tools = False
                        continue
                    refused = refused_modes(mode, error)
                    if refused:
                        log.warning(
                            "%s lacks %s output (%s); falling back", self.name, refused, error
                        )
                        for each in refused:
                            self.modes.refuse(each)
                        continue
                    error.usage = tally.copy()
                    raise
                payload = _payload(collected, mode, name)
                try:
                    value = extract_json(payload)
                    if sent is not schema:
                        value = from_strict(value, schema)
                    checker.check(value)
                except OutputProblem as problem:
                    detail = str(problem)
                    if collected.stop_reason == "length":
                        detail += " (the reply was cut off at max_tokens)"
                    if fixed:
                        raise LLMError(
                            "llm_bad_response",
                            f"{detail} (also after a fix-up request; mode {mode})",
                            usage=tally.copy(),
                        ) from None
                    fixed = True
                    conversation = [
                        *messages,
                        Message("assistant", payload.strip() or "(empty reply)"),
                        Message("user", fix_request(detail)),
                    ]
                    continue
                self.modes.last_success = mode
                return value, tally.copy()
        finally:
            self.total_usage += tally

    def _structured_spec(
        self,
        mode: Mode,
        conversation: list[Message],
        schema: dict[str, Any],
        name: str,
        max_tokens: int,
    ) -> CallSpec:
        if mode in ("json_schema_strict", "json_schema"):
            strict = mode == "json_schema_strict"
            return CallSpec(
                conversation,
                max_tokens=max_tokens,
                json_schema=JsonSchemaFormat(name, schema, strict),
            )
        if mode == "json_object":
            # the schema goes in the prompt too: most servers ignore it beside json_object
            return CallSpec(
                _with_instruction(conversation, text_mode_instruction(schema, name)),
                max_tokens=max_tokens,
                json_schema=JsonSchemaFormat(name, schema, False, kind="json_object"),
            )
        if mode == "tool":
            tool = ToolSpec(name, f"Record the {name} result. Call this exactly once.", schema)
            strict_tool = to_strict(schema) if self.strict_tools else None
            if strict_tool is not None:
                tool = ToolSpec(tool.name, tool.description, strict_tool)
            return CallSpec(
                conversation, [tool], name, max_tokens, strict_tools=strict_tool is not None
            )
        return CallSpec(
            _with_instruction(conversation, text_mode_instruction(schema, name)),
            max_tokens=max_tokens,
        )

    async def _collect(self, spec: CallSpec, tally: Usage) -> Collected:
        """One attempt read to the end."""
        collected = Collected()
        texts: list[str] = []
        async with self._open(spec) as events:
            async for event in events:
                if isinstance(event, TextDelta):
                    texts.append(event.text)
                elif isinstance(event, RawToolCall):
                    collected.tool_calls.append(event)
                else:
                    collected.usage = event.usage
                    collected.stop_reason = event.stop_reason
        _add_tokens(tally, collected.usage)
        collected.text = "".join(texts)
        return collected


def _add_tokens(tally: Usage, usage: Usage) -> None:
    tally.prompt_tokens += usage.prompt_tokens
    tally.completion_tokens += usage.completion_tokens
    tally.cached_tokens += usage.cached_tokens
    tally.cache_write_tokens += usage.cache_write_tokens


def _with_instruction(messages: list[Message], instruction: str) -> list[Message]:
    """``instruction`` added to the leading system message (or as one). Many local servers'
    chat templates reject a system message anywhere but first, and text mode is the mode
    such servers end up in."""
    if messages and messages[0].role == "system":
        first = Message("system", f"{messages[0].content}\n\n{instruction}")
        return [first, *messages[1:]]
    return [Message("system", instruction), *messages]


def _payload(collected: Collected, mode: Mode, name: str) -> str:
    """The JSON text to parse: our tool's arguments when the model called it (servers that
    ignore a forced tool_choice answer in text instead, so text is the fallback)."""
    for call in collected.tool_calls:
        if call.name == name:
            return call.arguments
    if collected.text.strip() or not collected.tool_calls:
        return collected.text
    return collected.tool_calls[0].arguments
