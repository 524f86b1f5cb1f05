"""The provider-neutral vocabulary every LLM provider speaks.

Invariants callers can rely on:

* ``Provider.stream`` yields any number of ``TextDelta`` / ``ToolCallDone`` events and then
  exactly one ``Finished``, or raises ``LLMError``. It never yields the same text twice: a
  failed attempt is retried only while nothing has been yielded yet.
* Every failure leaves the provider as ``LLMError`` with one of the stable ``code`` values
  below; SDK and transport exceptions never escape (``asyncio.CancelledError`` does, as it
  must).
* ``Usage.calls`` counts HTTP attempts, retries and fallbacks included, so accounting stays
  right even for calls that failed (``LLMError.usage``).
* A deadline set with ``deadline_scope`` bounds the whole call, retries and streaming
  included, and surfaces as ``LLMError("llm_timeout")``.
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Literal, Protocol

Role = Literal["system", "user", "assistant", "tool"]


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class Message:
    """One chat message. ``tool`` messages answer the assistant's ``tool_calls`` by id."""

    role: Role
    content: str
    tool_call_id: str | None = None
    tool_calls: list[ToolCall] | None = None


@dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str
    parameters: dict[str, Any]  # JSON Schema of the arguments object


@dataclass
class Usage:
    """Token counts. ``prompt_tokens`` includes the cached ones: ``cached_tokens`` were read
    from the server's prompt cache (OpenAI ``prompt_tokens_details.cached_tokens``,
    Anthropic ``cache_read_input_tokens``), ``cache_write_tokens`` written to it
    (Anthropic ``cache_creation_input_tokens``); pricing charges them differently."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    cached_tokens: int = 0
    cache_write_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
            self.calls + other.calls,
            self.cached_tokens + other.cached_tokens,
            self.cache_write_tokens + other.cache_write_tokens,
        )

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def copy(self) -> Usage:
        return Usage(
            self.prompt_tokens,
            self.completion_tokens,
            self.calls,
            self.cached_tokens,
            self.cache_write_tokens,
        )


@dataclass(frozen=True)
class CallOptions:
    """Per-call sampling settings (each call kind has its own: see ``config``).
    ``max_tokens`` None: the provider's budget for the call (see ``OpenAICompatProvider``);
    ``temperature`` / ``reasoning_effort`` None: not sent."""

    max_tokens: int | None = None
    temperature: float | None = None
    reasoning_effort: str | None = None


@dataclass(frozen=True)
class TextDelta:
    text: str


@dataclass(frozen=True)
class ToolCallDone:
    call: ToolCall


@dataclass(frozen=True)
class Finished:
    """Last event of a stream. ``stop_reason`` is normalised across providers: ``stop``,
    ``length`` (hit max_tokens), ``tool_calls``, ``content_filter``, or the provider's own
    word when it has no equivalent."""

    usage: Usage
    stop_reason: str


StreamEvent = TextDelta | ToolCallDone | Finished

LLMErrorCode = Literal[
    "llm_rate_limited",  # 429 after retries
    "llm_unavailable",  # 5xx / connection failures after retries, or a broken stream
    "llm_timeout",  # deadline reached, or every attempt timed out
    "llm_bad_response",  # unparseable / schema-violating output after the fix-up retry
    "llm_auth",  # 401 / 403, never retried
    "llm_bad_request",  # other 4xx (400, 404, 413, 422 ...), never retried
    "llm_quota",  # the account's quota or credit is used up (429 insufficient_quota, 402)
    "llm_context",  # the request cannot fit the model's context window
]


class LLMError(Exception):
    """The only exception a provider raises. ``code`` is stable; ``message`` is for logs and
    may quote the provider's own error text (never credentials)."""

    def __init__(
        self,
        code: LLMErrorCode,
        message: str,
        *,
        status: int | None = None,
        retryable: bool = False,
        retry_after: float | None = None,
        usage: Usage | None = None,
        unsupported: str | None = None,
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code: LLMErrorCode = code
        self.message = message
        self.status = status
        # whether another attempt could succeed; the retry loop's input, not the caller's
        self.retryable = retryable
        self.retry_after = retry_after
        self.usage = usage if usage is not None else Usage()
        # the feature the server said it lacks (``structured.unsupported_feature``)
        self.unsupported = unsupported


class Provider(Protocol):
    name: str
    model: str

    def stream(
        self,
        messages: list[Message],
        *,
        tools: list[ToolSpec] | None = None,
        tool_choice: str | None = None,
        max_tokens: int = 2048,
        options: CallOptions | None = None,
    ) -> AsyncGenerator[StreamEvent, None]:
        """``tool_choice``: ``auto`` | ``none`` | ``required`` (alias ``any``) | a tool name.

        Iterate it inside ``contextlib.aclosing`` (or run it in a task you cancel): leaving
        the loop early then closes the HTTP response at once instead of at garbage
        collection."""
        ...

    async def structured(
        self,
        messages: list[Message],
        *,
        schema: dict[str, Any],
        name: str,
        max_tokens: int = 4096,
        options: CallOptions | None = None,
    ) -> tuple[dict[str, Any], Usage]:
        """A JSON object valid against ``schema`` (whose root must be ``type: object``)."""
        ...

    async def aclose(self) -> None: ...


# --- deadline ------------------------------------------------------------------------------

_deadline: ContextVar[float | None] = ContextVar("flowsmith_llm_deadline", default=None)


def current_deadline() -> float | None:
    """The ``time.monotonic()`` timestamp by which LLM calls in this context must end."""
    return _deadline.get()


@contextmanager
def deadline_scope(deadline: float | None) -> Iterator[float | None]:
    """Bound every LLM call made inside the block by ``deadline`` (a monotonic timestamp).

    Scopes nest and the earlier deadline wins, so an inner step can never extend the turn's
    budget. A stream picks up the deadline in effect when its iteration starts."""
    outer = _deadline.get()
    effective = deadline if outer is None else outer if deadline is None else min(outer, deadline)
    token = _deadline.set(effective)
    try:
        yield effective
    finally:
        _deadline.reset(token)


def deadline_in(seconds: float) -> float:
    return time.monotonic() + seconds
