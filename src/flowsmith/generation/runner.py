"""Runs generation jobs: one at a time per session, in order, each from the result of the last.

Invariants:
- every event is written to ``generation_events`` before it is published on the bus, and
  the terminal event is written in the same transaction that stores the version and the
  generation's final status, so a listener never sees ``complete`` for an unstored version;
- a generation is owned under a lease renewed while this process holds it; a generation
  whose lease lapsed (its process died) is ended with ``error``/``worker_lost`` by any
  process's reaper, so no listener waits forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flowsmith.agent.interface import Agent
from flowsmith.core.diff import workflow_diff
from flowsmith.core.models import Finding, Workflow
from flowsmith.db.engine import session_scope
from flowsmith.db.tables import GenerationEventRow, GenerationRow, SessionRow, new_id, utcnow
from flowsmith.errors import public_failure
from flowsmith.events.bus import EventBus
from flowsmith.generation import messages
from flowsmith.generation.events import (
    GenerationEventType,
    generation_channel,
    generation_event,
    session_channel,
)
from flowsmith.generation.pipeline import (
    GenerationFailed,
    findings_json,
    run_pipeline,
    uncovered,
    uncovered_json,
)
from flowsmith.llm.base import deadline_in, deadline_scope
from flowsmith.observability import GENERATION_SECONDS, GENERATIONS
from flowsmith.sessions.service import next_generation_seq
from flowsmith.usage import UsageMeter, ledger_row, metering
from flowsmith.workflows import service as workflows

log = logging.getLogger(__name__)
ACTIVE = ("queued", "running")


def active_generation_query(session_id: str | ColumnElement[str]) -> Select[str]:
    """The id of one of the session's queued or running generations, on any replica."""
    return (
        select(GenerationRow.id)
        .where(GenerationRow.session_id == session_id, GenerationRow.status.in_(ACTIVE))
        .limit(1)
    )


class GenerationRunner:
    def __init__(
        self,
        maker: async_sessionmaker[AsyncSession],
        bus: EventBus,
        agent: Agent,
        *,
        repair_rounds: int,
        lease_s: float,
        deadline_s: float,
    ) -> None:
        self._maker = maker
        self._bus = bus
        self._agent = agent
        self._repair_rounds = repair_rounds
        self._lease_s = lease_s
        self._deadline_s = deadline_s
        self.owner = f"{uuid.uuid4().hex[:12]}"
        self._tails: dict[str, asyncio.Task[None]] = {}
        # each live job's task -> its generation id (queued behind another, or running)
        self._tasks: dict[asyncio.Task[None], str] = {}
        self._housekeeping: asyncio.Task[None] | None = None

    # -- queueing -------------------------------------------------------------------------

    async def enqueue(
        self, db: AsyncSession, session: SessionRow, user_id: str, request: dict[str, Any]
    ) -> GenerationRow:
        """Record a queued generation in the caller's transaction; ``start`` it after commit."""
        row = GenerationRow(
            id=new_id(),
            session_id=session.id,
            seq=await next_generation_seq(db, session.id),
            user_id=user_id,
            status="queued",
            request=request,
            lease_owner=self.owner,
            lease_expires_at=utcnow() + timedelta(seconds=self._lease_s),
        )
        db.add(row)
        await db.flush()
        return row

    async def start(self, generation_id: str, session_id: str) -> None:
        """Announce the committed generation to the session's listeners and run it in turn."""
        await self._bus.publish(
            session_channel(session_id), {"kind": "generation", "generation_id": generation_id}
        )
        previous = self._tails.get(session_id)
        task = asyncio.create_task(self._run_after(previous, generation_id))
        self._tails[session_id] = task
        self._tasks[task] = generation_id
        task.add_done_callback(lambda t: self._forget(session_id, t))

    def _forget(self, session_id: str, task: asyncio.Task[None]) -> None:
        self._tasks.pop(task, None)
        if self._tails.get(session_id) is task:
            del self._tails[session_id]

    async def _run_after(self, previous: asyncio.Task[None] | None, generation_id: str) -> None:
        if previous is not None:
            # the previous job's own failure is its own; this one still runs after it
            with contextlib.suppress(BaseException):
                await asyncio.shield(previous)
        await Job(self, generation_id).run()

    def has_pending(self, session_id: str) -> bool:
        tail = self._tails.get(session_id)
        return tail is not None and not tail.done()

    async def wait_settled(self, session_id: str) -> bool:
        """Wait until the session has no queued or running generation; True if it had one.

        A turn calls this before it reads the session's workflow, so an edit is always
        planned against the result of the generation before it, never against a stale one.
        """
        waited = False
        tail = self._tails.get(session_id)
        if tail is not None and not tail.done():
            waited = True
            with contextlib.suppress(BaseException):
                await asyncio.shield(tail)
        # another replica may be running it: the database is the arbiter
        while await self._has_active(session_id):
            waited = True
            await asyncio.sleep(0.1)
        return waited

    async def _has_active(self, session_id: str) -> bool:
        async with session_scope(self._maker) as db:
            found = await db.scalar(active_generation_query(session_id))
        return found is not None

    # -- leases -----------------------------------------------------------------------------

    def start_housekeeping(self) -> None:
        self._housekeeping = asyncio.create_task(self._housekeep())

    async def _housekeep(self) -> None:
        while True:
            try:
                await self.renew_leases()
                await self.reap_lost()
            except Exception:
                log.exception("generation housekeeping failed")
            await asyncio.sleep(self._lease_s / 3)

    async def renew_leases(self) -> None:
        """Renew the leases of generations whose job is still alive here, and only those.

        A job that ended without storing its end (the final write failed) must let its lease
        lapse, so the reaper fails it instead of it staying ``running`` forever.
        """
        live = [generation_id for task, generation_id in self._tasks.items() if not task.done()]
        if not live:
            return
        async with session_scope(self._maker) as db:
            await db.execute(
                update(GenerationRow)
                .where(
                    GenerationRow.id.in_(live),
                    GenerationRow.lease_owner == self.owner,
                    GenerationRow.status.in_(ACTIVE),
                )
                .values(lease_expires_at=utcnow() + timedelta(seconds=self._lease_s))
            )

    async def reap_lost(self) -> int:
        """End every active generation whose owner stopped renewing its lease."""
        async with session_scope(self._maker) as db:
            lost = (
                await db.scalars(
                    select(GenerationRow.id).where(
                        GenerationRow.status.in_(ACTIVE), GenerationRow.lease_expires_at < utcnow()
                    )
                )
            ).all()
        for generation_id in lost:
            await Job(self, generation_id).fail_lost()
        return len(lost)

    async def aclose(self, grace_s: float = 5.0) -> None:
        if self._housekeeping:
            self._housekeeping.cancel()
            await asyncio.gather(self._housekeeping, return_exceptions=True)
        pending = list(self._tasks)
        if pending:
            _, still = await asyncio.wait(pending, timeout=grace_s)
            for task in still:
                task.cancel()
            await asyncio.gather(*still, return_exceptions=True)


class Job:
    """One generation's run: its state and the events it emits."""

    def __init__(self, runner: GenerationRunner, generation_id: str) -> None:
        self.r = runner
        self.id = generation_id
        self.workflow_id: str | None = None
        self.seq = 0
        self.lang = "en"
        self.started: float | None = None
        self.meter = UsageMeter()

    async def run(self) -> None:
        with metering() as self.meter:
            await self._run()

    async def _run(self) -> None:
        try:
            prepared = await self._begin()
            if prepared is None:
                return
            self.started = time.monotonic()
            current, request, session_id, user_id = prepared
            self.lang = messages.language(request)
            await self._emit("start", {"message": messages.text("start", self.lang)})
            assert self.workflow_id is not None
            with deadline_scope(deadline_in(max(0.1, self.r._deadline_s - 1))):
                async with asyncio.timeout(self.r._deadline_s):
                    workflow, findings = await run_pipeline(
                        self.r._agent,
                        request,
                        current,
                        self._emit,
                        workflow_id=self.workflow_id,
                        repair_rounds=self.r._repair_rounds,
                    )
            unchanged = current is not None and (
                bool(request.get("unchanged")) or _same(workflow, current)
            )
            await self._complete(
                workflow, findings, current, session_id, user_id, unchanged=unchanged
            )
        except GenerationFailed as failed:
            await self._fail(failed.code, failed.message, findings_json(failed.findings))
        except TimeoutError:
            await self._fail("deadline_exceeded", messages.text("deadline_exceeded", self.lang))
        except asyncio.CancelledError:
            await asyncio.shield(
                self._fail("worker_shutdown", "The server stopped during generation; try again.")
            )
            raise
        except Exception as exc:
            code, message = public_failure(exc, "internal_error")
            if code == "internal_error":
                log.exception("generation %s failed", self.id)
            else:  # an expected failure with its own code (the model is down, …)
                log.warning("generation %s failed: %s", self.id, code)
            await self._fail(code, message or "The generation failed unexpectedly.")
        finally:
            await self.r._bus.close(generation_channel(self.id))

    async def _begin(self) -> tuple[Workflow | None, dict[str, Any], str, str] | None:
        """Claim the queued generation; None if it is not queued any more (reaped, done)."""
        async with session_scope(self.r._maker) as db:
            row = await db.get(GenerationRow, self.id, with_for_update=True)
            if row is None or row.status != "queued":
                return None
            session = await db.get(SessionRow, row.session_id, populate_existing=True)
            assert session is not None
            current = None
            if session.workflow_id:
                current = await workflows.current_definition(db, session.workflow_id)
            self.workflow_id = session.workflow_id or row.workflow_id or new_id()
            row.status, row.started_at, row.workflow_id = "running", utcnow(), self.workflow_id
            request, session_id, user_id = dict(row.request), session.id, row.user_id
            edits_deleted = session.workflow_id is not None and current is None
        if edits_deleted:
            raise GenerationFailed(
                "workflow_deleted",
                messages.text("workflow_deleted", messages.language(request)),
                [],
            )
        return current, request, session_id, user_id

    async def _emit(self, kind: GenerationEventType, data: dict[str, Any]) -> None:
        payload = await self._record(kind, data)
        await self.r._bus.publish(generation_channel(self.id), payload)

    async def _record(
        self, kind: GenerationEventType, data: dict[str, Any], db: AsyncSession | None = None
    ) -> dict[str, Any]:
        self.seq += 1
        payload = generation_event(kind, self.workflow_id, data)
        row = GenerationEventRow(generation_id=self.id, seq=self.seq, type=kind, payload=payload)
        if db is not None:
            db.add(row)
            await _set_last_seq(db, self.id, self.seq)
            return payload
        async with session_scope(self.r._maker) as own:
            own.add(row)
            await _set_last_seq(own, self.id, self.seq)
        return payload

    async def _complete(
        self,
        workflow: Workflow,
        findings: list[Finding],
        current: Workflow | None,
        session_id: str,
        user_id: str,
        *,
        unchanged: bool = False,
    ) -> None:
        """Store the result as a version and end with ``complete``; an ``unchanged`` result
        (an edit that needed no change) ends with ``complete`` on ``current``, storing none."""
        assert self.workflow_id is not None
        async with session_scope(self.r._maker) as db:
            summary = workflow.description[:500] or workflow.name
            if unchanged:
                assert current is not None
                stored = current
            elif current is None:
                stored = await workflows.create_workflow(
                    db,
                    user_id,
                    workflow,
                    workflow_id=self.workflow_id,
                    summary=summary,
                    session_id=session_id,
                    generation_id=self.id,
                )
                await db.execute(
                    update(SessionRow)
                    .where(SessionRow.id == session_id)
                    .values(workflow_id=self.workflow_id)
                )
            else:
                stored = await workflows.add_version(
                    db,
                    self.workflow_id,
                    workflow,
                    summary=summary,
                    session_id=session_id,
                    generation_id=self.id,
                )
            payload = await self._record(
                "complete",
                {
                    "message": self._complete_message(stored, findings, unchanged),
                    "workflow": stored.model_dump(mode="json"),
                    "version": stored.version,
                    "findings": findings_json(findings),
                    "uncovered": uncovered_json(findings),
                    "unchanged": unchanged,
                    "diff": workflow_diff(current, stored),
                    "usage": self.meter.summary(),
                },
                db,
            )
            self._account(db, user_id)
            await _finish(
                db, self.id, "complete", version=stored.version, usage=self.meter.summary()
            )
        self._observe("complete")
        await self.r._bus.publish(generation_channel(self.id), payload)

    def _complete_message(self, stored: Workflow, findings: list[Finding], unchanged: bool) -> str:
        """What the ``complete`` event says, plainly: saved (or nothing to change), and what
        of the request the workflow still does not do."""
        key = "unchanged" if unchanged else "complete"
        text = messages.text(key, self.lang, name=stored.name, version=stored.version)
        missing = uncovered(findings)
        if not missing:
            return text
        items = " ".join(f"({i}) {f.message}" for i, f in enumerate(missing[:5], 1))
        if len(missing) > 5:
            items += " …"
        if unchanged:
            return f"{text} {items}"
        return messages.text(
            "complete_uncovered", self.lang, name=stored.name, version=stored.version, items=items
        )

    async def _fail(
        self, code: str, message: str, findings: list[dict[str, Any]] | None = None
    ) -> None:
        async with session_scope(self.r._maker) as db:
            row = await db.get(GenerationRow, self.id, populate_existing=True)
            if row is None or row.status in ("complete", "error"):
                return
            self.workflow_id = self.workflow_id or row.workflow_id
            self.seq = max(self.seq, row.last_event_seq)
            data = {"message": message, "code": code, "findings": findings or []}
            payload = await self._record("error", data, db)
            self._account(db, row.user_id)
            await _finish(
                db, self.id, "error", code=code, message=message, usage=self.meter.summary()
            )
        self._observe("error")
        await self.r._bus.publish(generation_channel(self.id), payload)

    def _account(self, db: AsyncSession, user_id: str) -> None:
        """Usage goes with the generation's final write (same transaction)."""
        ledger = ledger_row(user_id, "generation", self.id, self.meter)
        if ledger is not None:
            db.add(ledger)

    def _observe(self, status: str) -> None:
        GENERATIONS.labels(status).inc()
        if self.started is not None:
            GENERATION_SECONDS.observe(time.monotonic() - self.started)

    async def fail_lost(self) -> None:
        try:
            await self._fail(
                "worker_lost", "The server running this generation stopped; try again."
            )
        finally:
            await self.r._bus.close(generation_channel(self.id))


def _same(a: Workflow, b: Workflow) -> bool:
    """The same graph, whatever its id and version: storing it would add an empty version."""
    keep = {"id", "version"}
    return a.model_dump(exclude=keep) == b.model_dump(exclude=keep)


async def _set_last_seq(db: AsyncSession, generation_id: str, seq: int) -> None:
    await db.execute(
        update(GenerationRow).where(GenerationRow.id == generation_id).values(last_event_seq=seq)
    )


async def _finish(
    db: AsyncSession,
    generation_id: str,
    status: str,
    *,
    version: int | None = None,
    code: str | None = None,
    message: str | None = None,
    usage: dict[str, Any] | None = None,
) -> None:
    await db.execute(
        update(GenerationRow)
        .where(GenerationRow.id == generation_id)
        .values(
            status=status,
            version=version,
            error_code=code,
            error_message=message,
            finished_at=utcnow(),
            lease_owner=None,
            usage=usage,
        )
    )
