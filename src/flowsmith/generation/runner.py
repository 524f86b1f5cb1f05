"""Runs generation jobs: one at a time per session, in order, each from the result of the last.

Invariants:
- every event is written to ``generation_events`` before it is published on the bus, and
  the terminal event is written in the same transaction that stores the version and the
  generation's final status, so a listener never sees ``complete`` for an unstored version;
- an event is published at the number it is stored under, and an ``error`` (the job's own
  or the reaper's) is numbered past the bus's tail too: a listener resuming from any event
  it saw gets the error, and one resuming from the error is told the stream has ended;
- a generation is owned under a lease renewed while this process runs it, through a
  shutdown's grace period too (``runtime.leases``); a generation whose lease lapsed (its
  process died) is ended with ``error``/``worker_lost`` by any process's reaper, so no
  listener waits forever;
- every write of a running job is guarded by its lease (``generation.repository``): a job
  that was ended elsewhere stops without writing, instead of colliding with that end.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flowsmith.agent.interface import Agent
from flowsmith.core.diff import workflow_diff
from flowsmith.core.models import Finding, Workflow
from flowsmith.db.engine import session_scope
from flowsmith.db.tables import GenerationRow, SessionRow, new_id, utcnow
from flowsmith.errors import public_failure
from flowsmith.events.bus import EventBus
from flowsmith.generation import messages
from flowsmith.generation import repository as repo
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
from flowsmith.generation.repository import LeaseLost, active_generation_query
from flowsmith.llm.base import deadline_in, deadline_scope
from flowsmith.observability import GENERATION_SECONDS, GENERATIONS
from flowsmith.runtime.leases import LeasedWork, LeaseKeeper
from flowsmith.runtime.status import ACTIVE_GENERATION, GenerationStatus
from flowsmith.runtime.warmup import warmed
from flowsmith.sessions.service import next_generation_seq
from flowsmith.text import text as say
from flowsmith.usage import UsageMeter, ledger_row, metering
from flowsmith.workflows import service as workflows

log = logging.getLogger(__name__)
ACTIVE = tuple(status.value for status in ACTIVE_GENERATION)
SHUTDOWN_CODE = "worker_shutdown"
SHUTDOWN_MESSAGE = say("generation.shutdown", "en")
LOST_MESSAGE = say("generation.worker_lost", "en")

__all__ = ["ACTIVE", "GenerationRunner", "Job", "active_generation_query"]


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
        # generations whose end is stored: their leases need no renewing
        self._settled: set[str] = set()
        self.leases = LeaseKeeper(
            LeasedWork(
                "generation",
                live=self._live,
                renew=self._renew,
                expired=self._expired,
                end_lost=self._end_lost,
            ),
            lease_s,
        )

    # -- queueing -------------------------------------------------------------------------

    async def enqueue(
        self, db: AsyncSession, session: SessionRow, user_id: str, request: dict[str, Any]
    ) -> GenerationRow:
        """Record a queued generation in the caller's transaction; ``start`` it after commit."""
        return await repo.insert_generation(
            db,
            session_id=session.id,
            seq=await next_generation_seq(db, session.id),
            user_id=user_id,
            request=request,
            owner=self.owner,
            lease_end=self._lease_end(),
        )

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
        generation_id = self._tasks.pop(task, None)
        self._settled.discard(generation_id or "")
        if self._tails.get(session_id) is task:
            del self._tails[session_id]
        # read here, so a job that could not store its end (database down) logs one line,
        # not asyncio's "Task exception was never retrieved" traceback
        if not task.cancelled() and (exc := task.exception()) is not None:
            log.warning(
                "generation %s ended without storing its end: %s: %s",
                generation_id,
                type(exc).__name__,
                exc,
            )

    async def _run_after(self, previous: asyncio.Task[None] | None, generation_id: str) -> None:
        job = Job(self, generation_id)
        if previous is not None:
            try:
                await asyncio.shield(previous)
            except asyncio.CancelledError:
                me = asyncio.current_task()
                if me is not None and me.cancelling():
                    # shutdown before its turn came: ended here and now, not a lease later
                    await asyncio.shield(job.fail_unstarted())
                    raise
                # else the previous job was cut; this one still runs after it
            except Exception:
                pass  # the previous job's own failure is its own; this one still runs
        await job.run()

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
            return await repo.has_active(db, session_id)

    # -- leases -----------------------------------------------------------------------------

    def _lease_end(self) -> datetime:
        return utcnow() + timedelta(seconds=self._lease_s)

    def _live(self) -> Collection[str]:
        return [
            generation_id
            for task, generation_id in self._tasks.items()
            if not task.done() and generation_id not in self._settled
        ]

    async def _renew(self, generation_ids: Collection[str]) -> None:
        async with session_scope(self._maker) as db:
            await repo.renew_leases(db, generation_ids, self.owner, self._lease_end())

    async def _expired(self) -> list[str]:
        async with session_scope(self._maker) as db:
            return await repo.expired_generations(db)

    async def _end_lost(self, generation_id: str) -> None:
        await Job(self, generation_id).fail_lost()

    def settled(self, generation_id: str) -> None:
        """The generation's end is stored: its lease has nothing left to protect."""
        self._settled.add(generation_id)

    def start_housekeeping(self) -> None:
        self.leases.start()

    @property
    def _housekeeping(self) -> asyncio.Task[None] | None:
        """The lease keeper's task (tests find the server's event loop through it)."""
        return self.leases.task

    async def renew_leases(self) -> None:
        """Renew the leases of generations whose job is still alive here, and only those.

        A job that ended without storing its end (the final write failed) must let its lease
        lapse, so the reaper fails it instead of it staying ``running`` forever.
        """
        await self.leases.renew()

    async def reap_lost(self) -> int:
        """End every active generation whose owner stopped renewing its lease."""
        return await self.leases.reap()

    async def aclose(self, grace_s: float = 5.0) -> None:
        """Let the jobs in flight finish for up to ``grace_s``, their leases renewed all the
        while; the rest end with ``worker_shutdown`` (stored by this replica, not left for
        another's reaper a lease later)."""
        pending = list(self._tasks)

        def cut() -> None:
            for task in pending:
                task.cancel()

        await self.leases.drain(pending, grace_s, cut=cut)


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
            await warmed()
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
        except LeaseLost:
            # another replica ended it (its lease lapsed: this replica stalled, or lost the
            # database for a lease): that end stands, and nothing more is written or sent
            log.warning("generation %s was ended elsewhere; its job here stops", self.id)
        except GenerationFailed as failed:
            await self._fail(failed.code, failed.message, findings_json(failed.findings))
        except TimeoutError:
            await self._fail("deadline_exceeded", messages.text("deadline_exceeded", self.lang))
        except asyncio.CancelledError:
            await asyncio.shield(self._fail(SHUTDOWN_CODE, SHUTDOWN_MESSAGE))
            raise
        except Exception as exc:
            code, message = public_failure(exc, "internal_error")
            if code == "internal_error":
                log.exception("generation %s failed", self.id)
            else:  # an expected failure with its own code (the model is down, …)
                log.warning("generation %s failed: %s", self.id, code)
            await self._fail(code, message or say("generation.failed", "en"))
        finally:
            await self.r._bus.close(generation_channel(self.id))

    async def _begin(self) -> tuple[Workflow | None, dict[str, Any], str, str] | None:
        """Claim the queued generation; None if it is not queued any more (reaped, done)."""
        async with session_scope(self.r._maker) as db:
            claimed = await repo.claim_queued(db, self.id, self.r.owner)
            if claimed is None:
                return None
            row, session = claimed.row, claimed.session
            current = None
            if session.workflow_id:
                current = await workflows.current_definition(db, session.workflow_id)
            self.workflow_id = session.workflow_id or row.workflow_id or new_id()
            row.workflow_id = self.workflow_id
            self.seq = row.last_event_seq
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
        async with session_scope(self.r._maker) as db:
            payload = await self._record(db, kind, data)
        await self._publish(payload, self.seq)

    async def _publish(self, payload: dict[str, Any], seq: int) -> None:
        """Publish the event stored as number ``seq`` at that number (or past it, if the bus
        is ahead)."""
        await self.r._bus.publish(generation_channel(self.id), payload, after=seq - 1)

    async def _record(
        self, db: AsyncSession, kind: GenerationEventType, data: dict[str, Any]
    ) -> dict[str, Any]:
        """Number and store the next event, guarded by the lease (``LeaseLost``)."""
        await repo.hold(db, self.id, self.r.owner, self.seq + 1)
        self.seq += 1
        payload = generation_event(kind, self.workflow_id, data)
        repo.add_event(db, self.id, self.seq, kind, payload)
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
        seq = self.seq
        try:
            async with session_scope(self.r._maker) as db:
                # the guard first: the row is held (or the lease found lost) before anything
                # of the result is written
                await repo.hold(db, self.id, self.r.owner, self.seq + 1)
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
                    await repo.set_session_workflow(db, session_id, self.workflow_id)
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
                    db,
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
                )
                self._account(db, user_id)
                await repo.finish_held(
                    db,
                    self.id,
                    GenerationStatus.COMPLETE,
                    version=stored.version,
                    usage=self.meter.summary(),
                )
        except BaseException:
            self.seq = seq  # nothing of it was stored
            raise
        self.r.settled(self.id)
        self._observe("complete")
        await self._publish(payload, self.seq)

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
        self,
        code: str,
        message: str,
        findings: list[dict[str, Any]] | None = None,
        *,
        lost: bool = False,
    ) -> bool:
        """End the generation with ``error``: this replica's own job (guarded by its lease),
        or, ``lost``, one whose lease lapsed (the reaper); whether it did (False: it had
        ended, or, for the reaper, its lease was renewed meanwhile)."""
        data = {"message": message, "code": code, "findings": findings or []}
        tail = await self._tail(strict=lost)
        async with session_scope(self.r._maker) as db:
            failed = await repo.fail_active(
                db,
                self.id,
                code=code,
                message=message,
                usage=self.meter.summary(),
                owner=None if lost else self.r.owner,
                lapsed=lost,
                after=tail,
            )
            if failed is None:
                return False
            self.workflow_id = self.workflow_id or failed.workflow_id
            self.seq = failed.seq
            payload = generation_event("error", self.workflow_id, data)
            repo.add_event(db, self.id, failed.seq, "error", payload)
            self._account(db, failed.user_id)
        if not lost:
            self.r.settled(self.id)
        self._observe("error")
        await self._publish(payload, failed.seq)
        return True

    async def _tail(self, *, strict: bool) -> int:
        """The bus's last position for this generation, which its ``error`` goes past.

        For the reaper (``strict``) an unreachable bus fails the round (the next one tries
        again: it could not give the listeners their ending anyway); the job's own failure
        (often the bus's outage itself) is stored regardless, numbered by the database."""
        try:
            return await self.r._bus.tail(generation_channel(self.id))
        except Exception as exc:
            if strict:
                raise
            log.warning("generation %s: the bus's tail is unknown (%r)", self.id, exc)
            return 0

    def _account(self, db: AsyncSession, user_id: str) -> None:
        """Usage goes with the generation's final write (same transaction)."""
        ledger = ledger_row(user_id, "generation", self.id, self.meter)
        if ledger is not None:
            db.add(ledger)

    def _observe(self, status: str) -> None:
        GENERATIONS.labels(status).inc()
        if self.started is not None:
            GENERATION_SECONDS.observe(time.monotonic() - self.started)

    async def fail_unstarted(self) -> None:
        """A queued job cut by shutdown before it ran: ended here, with ``worker_shutdown``."""
        try:
            await self._fail(SHUTDOWN_CODE, SHUTDOWN_MESSAGE)
        finally:
            await self.r._bus.close(generation_channel(self.id))

    async def fail_lost(self) -> None:
        """The reaper's end of a generation whose replica stopped renewing its lease; its
        channel is closed only if this ended it (a renewed lease means it still runs)."""
        ended = True
        try:
            ended = await self._fail("worker_lost", LOST_MESSAGE, lost=True)
        finally:
            if ended:
                await self.r._bus.close(generation_channel(self.id))


def _same(a: Workflow, b: Workflow) -> bool:
    """The same graph, whatever its id and version: storing it would add an empty version."""
    keep = {"id", "version"}
    return a.model_dump(exclude=keep) == b.model_dump(exclude=keep)
