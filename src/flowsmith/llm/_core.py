"""What both providers share: the retry loop, the deadline, error mapping for HTTP statuses,
and the ``stream`` / ``structured`` logic built on a provider's single-attempt primitive.

A provider implements ``_open(spec)``: an async context manager that sends one HTTP request
and yields that attempt's events (``TextDelta``, ``RawToolCall``, then one ``Finished``),
closing the response on exit; and ``_to_error(exc)``: the ``LLMError`` for an SDK or
transport exception (None for exceptions it does not know, which then propagate as bugs).
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import logging
import random
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager, AsyncExitStack, aclosing
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx2

from flowsmith.llm.base import (
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
    parse_arguments,
    refused_modes,
    safe_name,
    text_mode_instruction,
)

log = logging.getLogger("flowsmith.llm")

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries: at most ``max_retries`` extra attempts, waits growing from
    ``backoff_base_s`` doubling up to ``backoff_max_s`` with jitter, or the server's
    ``Retry-After`` capped at ``retry_after_max_s``."""

    max_retries: int = 3
    backoff_base_s: float = 0.5
    backoff_max_s: float = 8.0
    retry_after_max_s: float = 30.0

    def __post_init__(self) -> None:
        if self.max_retries < 0 or self.backoff_base_s < 0 or self.backoff_max_s < 0:
            raise ValueError("retry settings must not be negative")

    def delay(self, failures: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.retry_after_max_s)
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
    name: str
    schema: dict[str, Any]
    strict: bool


@dataclass(frozen=True)
class CallSpec:
    """One request, provider-neutral."""

    messages: list[Message]
    tools: list[ToolSpec] | None = None
    tool_choice: str | None = None
    max_tokens: int = 2048
    json_schema: JsonSchemaFormat | None = None


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


def status_error(status: int, message: str, headers: Mapping[str, str]) -> LLMError:
    """The ``LLMError`` for an HTTP error status. 408/409/429/5xx are worth retrying (the
    same set the official SDKs retry); other 4xx say the request itself is wrong."""
    text = f"HTTP {status}: {message}"[:600]
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

    def __init__(self, *, model: str, retry: RetryPolicy) -> None:
        if not model:
            raise ValueError("an LLM provider needs a model name")
        self.model = model
        self.retry = retry
        self.total_usage = Usage()
        self.modes = ModeMemory(self.structured_modes)

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
    ) -> AsyncGenerator[StreamEvent, None]:
        """Text and tool calls as they arrive, then ``Finished``. Retries only before the
        first event is yielded, so the caller never sees a piece of text twice."""
        spec = CallSpec(list(messages), tools, tool_choice, max_tokens)
        tally = Usage()
        try:
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
                            tally.prompt_tokens += event.usage.prompt_tokens
                            tally.completion_tokens += event.usage.completion_tokens
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
    ) -> tuple[dict[str, Any], Usage]:
        """A JSON object valid against ``schema``. Tries the best mode this server has not
        refused; a mode refused with a 400 is remembered and skipped from then on. Output
        that is not valid JSON for the schema gets exactly one fix-up request."""
        checker = SchemaCheck(schema)
        name = safe_name(name)
        deadline = current_deadline()
        tally = Usage()
        conversation = list(messages)
        fixed = False
        try:
            while True:
                mode = self.modes.current(schema)
                spec = self._structured_spec(mode, conversation, schema, name, max_tokens)
                try:
                    collected = await self._call_with_retries(
                        functools.partial(self._collect, spec, tally), tally, deadline
                    )
                except LLMError as error:
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
        if mode == "tool":
            tool = ToolSpec(name, f"Record the {name} result. Call this exactly once.", schema)
            return CallSpec(conversation, [tool], name, max_tokens)
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
        tally.prompt_tokens += collected.usage.prompt_tokens
        tally.completion_tokens += collected.usage.completion_tokens
        collected.text = "".join(texts)
        return collected


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
