"""What each chat turn and generation cost in LLM calls, tokens and money.

A turn or generation opens a ``UsageMeter`` in a context variable; every LLM call made
while it runs adds to it (``record_llm_call``), whatever code made the call. The totals are
stored with the message / generation and in the ``llm_usage`` ledger, which the per-user
daily token budget is checked against.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from flowsmith.db.tables import LLMUsageRow, utcnow
from flowsmith.errors import RateLimited
from flowsmith.observability import LLM_CALLS, LLM_SECONDS, LLM_TOKENS
from flowsmith.text import api_text


class BudgetExceeded(RateLimited):
    code = "budget_exceeded"


@dataclass
class UsageMeter:
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = 0.0
    by_model: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(
        self,
        provider: str,
        model: str,
        *,
        calls: int,
        prompt_tokens: int,
        completion_tokens: int,
        cost_usd: float | None,
    ) -> None:
        self.calls += calls
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        # an unknown price makes the total unknown rather than silently low
        self.cost_usd = (
            None if cost_usd is None or self.cost_usd is None else self.cost_usd + cost_usd
        )
        entry = self.by_model.setdefault(
            f"{provider}:{model}", {"calls": 0, "prompt_tokens": 0, "completion_tokens": 0}
        )
        entry["calls"] += calls
        entry["prompt_tokens"] += prompt_tokens
        entry["completion_tokens"] += completion_tokens

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def summary(self) -> dict[str, Any]:
        return {
            "llm_calls": self.calls,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
            "cost_usd": round(self.cost_usd, 6) if self.cost_usd is not None else None,
            "by_model": self.by_model,
        }


_meter: ContextVar[UsageMeter | None] = ContextVar("usage_meter", default=None)


@contextmanager
def metering() -> Iterator[UsageMeter]:
    meter = UsageMeter()
    token = _meter.set(meter)
    try:
        yield meter
    finally:
        _meter.reset(token)


def record_llm_call(
    provider: str,
    model: str,
    *,
    calls: int,
    prompt_tokens: int,
    completion_tokens: int,
    cost_usd: float | None,
    seconds: float | None = None,
    outcome: str = "ok",
) -> None:
    """Count one provider call in /metrics and add its usage to the turn or generation
    running now (if any). ``outcome`` is ``ok``, ``interrupted`` or an ``LLMError`` code."""
    LLM_CALLS.labels(provider, outcome).inc(calls)
    LLM_TOKENS.labels(provider, "prompt").inc(prompt_tokens)
    LLM_TOKENS.labels(provider, "completion").inc(completion_tokens)
    if seconds is not None:
        LLM_SECONDS.labels(provider).observe(seconds)
    meter = _meter.get()
    if meter is not None:
        meter.add(
            provider,
            model,
            calls=calls,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost_usd=cost_usd,
        )


def ledger_row(user_id: str, kind: str, ref_id: str, meter: UsageMeter) -> LLMUsageRow | None:
    if meter.calls == 0:
        return None
    return LLMUsageRow(
        user_id=user_id,
        kind=kind,
        ref_id=ref_id,
        calls=meter.calls,
        prompt_tokens=meter.prompt_tokens,
        completion_tokens=meter.completion_tokens,
        cost_usd=meter.cost_usd,
    )


async def tokens_today(db: AsyncSession, user_id: str, now: datetime | None = None) -> int:
    now = now or utcnow()
    since = now - timedelta(days=1)
    total = await db.scalar(
        select(
            func.coalesce(func.sum(LLMUsageRow.prompt_tokens + LLMUsageRow.completion_tokens), 0)
        ).where(LLMUsageRow.user_id == user_id, LLMUsageRow.created_at >= since)
    )
    return int(total or 0)


async def check_budget(db: AsyncSession, user_id: str, daily_tokens: int) -> None:
    """429 ``budget_exceeded`` once the user's last 24 h of LLM tokens reach the budget."""
    if daily_tokens <= 0:
        return
    used = await tokens_today(db, user_id)
    if used >= daily_tokens:
        raise BudgetExceeded(
            api_text("error.budget_exceeded", used=used, budget=daily_tokens),
            headers={"Retry-After": "3600"},
        )
