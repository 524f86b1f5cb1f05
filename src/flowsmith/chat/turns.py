"""Chat turns: each runs as its own task, detached from the HTTP request that started it.

Invariants:
- a turn's events go to its bus channel (``turn:<id>``) and every stream, first or resumed,
  is a subscriber; so a client that goes away does not stop the turn, and a reconnect with
  ``Last-Event-ID`` continues the same turn from that event, never a second one;
- the turn's first event (a ``status``) goes out before any work, so even a connection
  that drops at once has an id to resume from;
- the reply streamed so far is stored as it streams (at most once per ``checkpoint_s``),
  so a turn whose replica dies keeps it; with it, a bound on the numbers of the turn's
  events, which the turn never passes before it has stored a higher one: after its replica
  dies, the ending another replica gives it is numbered past that bound (and past the
  shared log's tail), so a client resuming from any event it saw gets that ending;
- the assistant message is stored (content, status, ``last_event_seq``) before the last
  event is published, by a write guarded by the turn's lease: a turn is ended once, and a
  replica that finds its turn ended elsewhere stops without writing or sending more;
- a new message in the same session stops the running turn, which is stored as
  ``interrupted`` before the new turn starts; a turn cut by the server's shutdown ends with
  ``error``/``server_shutdown`` (after the grace period, its lease renewed until then).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flowsmith.agent.interface import Agent, Decided, TextDelta
from flowsmith.chat import repository as repo
from flowsmith.core.models import Workflow
from flowsmith.db.engine import session_scope
from flowsmith.db.tables import utcnow
from flowsmith.errors import SessionNotFound, public_failure
from flowsmith.events.bus import EventBus
from flowsmith.generation.runner import GenerationRunner
from flowsmith.limits import storable_text
from flowsmith.llm.base import deadline_in, deadline_scope
from flowsmith.observability import TURNS
from flowsmith.planner.offline import Decision, pending_request
from flowsmith.planner.text import detect_lang
from flowsmith.runtime.channels import CONTROL_CHANNEL, session_channel, turn_channel
from flowsmith.runtime.leases import LeasedWork, LeaseKeeper
from flowsmith.runtime.status import TurnStatus
from flowsmith.runtime.warmup import start_warm_up, warmed
from flowsmith.sessions import service as sessions
from flowsmith.text import api_text
from flowsmith.text import text as say
from flowsmith.usage import UsageMeter, ledger_row, metering
from flowsmith.workflows import service as workflows

log = logging.getLogger(__name__)

SERVER_SHUTDOWN = "server_shutdown"
# the failure notices are in English (keys chat.failure.*, flowsmith.text)
FAILURE_TEXT = {
    code: say(f"chat.failure.{code}", "en")
    for code in ("deadline_exceeded", "agent_unavailable", "worker_lost", SERVER_SHUTDOWN)
}
DEFAULT_FAILURE = say("chat.failure.default", "en")
# the longest a streamed reply goes unstored (see ``Turn._keep_partial``)
CHECKPOINT_S = 1.0

__all__ = [
    "CONTROL_CHANNEL",
    "FAILURE_TEXT",
    "SERVER_SHUTDOWN",
    "Turn",
    "TurnManager",
    "end_lost_turn",
    "message_event",
]


def message_event(delta: str, is_complete: bool = False, **extra: Any) -> dict[str, Any]:
    return {"type": "message", "delta": delta, "is_complete": is_complete, **extra}


@dataclass
class _SessionLock:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


@dataclass
class RunningTurn:
    turn_id: str
    user_id: str
    task: asyncio.Task[None]
    turn: Turn | None = None


class TurnManager:
    """Starts, interrupts and watches over the turns this replica runs.

    A turn running on another replica is interrupted through ``CONTROL_CHANNEL`` (its owner
    cancels it); a turn whose replica died is ended by whichever replica's reaper sees its
    lease lapse first, with ``error``/``worker_lost``.
    """

    def __init__(
        self,
        maker: async_sessionmaker[AsyncSession],
        bus: EventBus,
        agent: Agent,
        runner: GenerationRunner,
        *,
        deadline_s: float,
        owner: str,
        lease_s: float = 30.0,
        checkpoint_s: float = CHECKPOINT_S,
    ) -> None:
        self._maker = maker
        self._bus = bus
        self._agent = agent
        self._runner = runner
        self._deadline_s = deadline_s
        self.owner = owner
        self._lease_s = lease_s
        self._checkpoint_s = checkpoint_s
        self._running: dict[str, RunningTurn] = {}
        self._locks: dict[str, _SessionLock] = {}
        self._background: list[asyncio.Task[None]] = []
        self.leases = LeaseKeeper(
            LeasedWork(
                "turn",
                live=self._live,
                renew=self._renew,
                expired=self._expired,
                end_lost=self._end_lost,
            ),
            lease_s,
        )

    async def start(
        self,
        session_id: str,
        user_id: str,
        text: str,
        *,
        abandoned: Callable[[], Awaitable[bool]] | None = None,
    ) -> str | None:
        """Stop the session's running turn (if any), record the new one, start it; its id.

        ``SessionNotFound`` (nothing changed, no turn of anyone's interrupted) unless the
        session exists and is ``user_id``'s: the ownership check is part of the start's
        own query, not a unit of work of its own.

        None, and nothing changed, when ``abandoned()`` says the request's client left
        before its turn's start was reached: a message the user already replaced by a
        newer one (a client that aborts and resends) must not interrupt that newer turn
        just because its request lost the race to the lock.
        """
        if not storable_text(session_id):
            # no stored id looks like this
            raise SessionNotFound(api_text("error.session_not_found"))
        async with self._session_lock(session_id):
            if abandoned is not None and await abandoned():
                return None
            await self._interrupt(session_id, user_id)
            begun = await self._begin(session_id, user_id, text)
            if isinstance(begun, str):
                await self._interrupt_elsewhere(session_id, begun)
                begun = await self._begin(session_id, user_id, text, streaming_elsewhere=False)
                assert not isinstance(begun, str)
            turn = Turn(self, session_id, user_id, begun.reply_id, begun.reply_seq, text)
            turn.context = begun.context
            # the turn is its channel's only publisher, and it closes the channel when done
            self._bus.own(turn_channel(turn.id))
            task = asyncio.create_task(turn.run())
            turn.task = task
            self._running[session_id] = RunningTurn(turn.id, user_id, task, turn)
            task.add_done_callback(lambda t: self._turn_done(session_id, turn.id, t))
            return turn.id

    async def _begin(
        self, session_id: str, user_id: str, text: str, *, streaming_elsewhere: bool = True
    ) -> _Begun | str:
        """Record the turn and read what it plans from, in one unit of work; or, when
        ``streaming_elsewhere`` is checked and another replica's turn still streams in the
        session, that turn's id (nothing recorded).

        One transaction, not the five units of work a start and its first read once were:
        on SQLite each is a pool checkout and round trips to a thread, and 200 turns in
        flight queued their starts behind each other. The reads come before the writes, so
        SQLite's one write lock is held for the two writes and the commit only.
        """
        async with session_scope(self._maker) as db:
            checks = await repo.start_checks(db, session_id)
            if checks.owner != user_id:
                raise SessionNotFound(api_text("error.session_not_found"))
            if streaming_elsewhere and checks.streaming is not None:
                return checks.streaming
            context = None
            if not self._runner.has_pending(session_id) and checks.generation is None:
                # no generation can change the workflow before the turn plans: read it now
                current = Workflow.model_validate(checks.definition) if checks.definition else None
                context = TurnContext(await sessions.history(db, session_id, _NO_LIMIT), current)
            reply_id, reply_seq = await repo.record_turn(
                db, session_id, text, self.owner, self._lease_end()
            )
        return _Begun(reply_id, reply_seq, context)

    @contextlib.asynccontextmanager
    async def _session_lock(self, session_id: str) -> AsyncIterator[None]:
        """Serialise starts per session; the entry goes when its last user leaves (no growth)."""
        entry = self._locks.setdefault(session_id, _SessionLock())
        entry.users += 1
        try:
            async with entry.lock:
                yield
        finally:
            entry.users -= 1
            if entry.users == 0:
                del self._locks[session_id]

    async def _interrupt(self, session_id: str, user_id: str) -> None:
        running = self._running.get(session_id)
        if running is None or running.task.done():
            return
        if running.user_id != user_id:
            # never stop someone else's turn
            raise SessionNotFound(api_text("error.session_not_found"))
        running.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running.task

    async def _interrupt_elsewhere(
        self, session_id: str, turn_id: str, wait_s: float = 5.0
    ) -> None:
        """Ask the owner of ``turn_id``, still streaming in this session, to stop it, and wait."""
        await self._bus.publish(CONTROL_CHANNEL, {"interrupt": turn_id})
        deadline = asyncio.get_running_loop().time() + wait_s
        while asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
            async with session_scope(self._maker) as db:
                if (await repo.start_checks(db, session_id)).streaming is None:
                    return
        # its owner did not answer (gone, or partitioned): the reaper's work, done now
        await end_lost_turn(self._maker, self._bus, turn_id, TurnStatus.INTERRUPTED)

    def _turn_done(self, session_id: str, turn_id: str, task: asyncio.Task[None]) -> None:
        """Forget the finished turn and read its exception: a turn that could not even
        store its failure (the database or Redis down) logs one warning line, never
        asyncio's "Task exception was never retrieved" traceback."""
        self._forget(session_id, turn_id)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.warning(
                "turn %s ended without storing its end: %s: %s", turn_id, type(exc).__name__, exc
            )

    def _forget(self, session_id: str, turn_id: str) -> None:
        running = self._running.get(session_id)
        if running is not None and running.turn_id == turn_id:
            del self._running[session_id]

    def _lease_end(self) -> datetime:
        return utcnow() + timedelta(seconds=self._lease_s)

    # -- background: control messages, leases ----------------------------------------------

    async def start_background(self) -> None:
        start_warm_up()  # the catalog, built in a thread: the first turn waits for it there
        tail = await self._bus.tail(CONTROL_CHANNEL)
        self._background = [asyncio.create_task(self._obey_control(tail))]
        self.leases.start()

    async def _obey_control(self, after: int) -> None:
        async for _position, message in self._bus.subscribe(CONTROL_CHANNEL, after):
            turn_id = message.get("interrupt")
            for running in list(self._running.values()):
                if running.turn_id == turn_id:
                    running.task.cancel()

    def _live(self) -> Collection[str]:
        """Turns running here whose end is not stored yet: the leases to renew.

        A turn whose task ended without storing its end (the final write failed) is not
        among them: its lease lapses, so the reaper ends it instead of it streaming forever.
        """
        return [
            r.turn_id
            for r in self._running.values()
            if not r.task.done() and not (r.turn is not None and r.turn.settled)
        ]

    async def _renew(self, turn_ids: Collection[str]) -> None:
        async with session_scope(self._maker) as db:
            await repo.renew_leases(db, turn_ids, self.owner, self._lease_end())

    async def _expired(self) -> list[str]:
        async with session_scope(self._maker) as db:
            return await repo.expired_turns(db)

    async def _end_lost(self, turn_id: str) -> None:
        await end_lost_turn(self._maker, self._bus, turn_id, TurnStatus.ERROR)

    async def renew_leases(self) -> None:
        """Renew the leases of turns whose task is still alive here, and only those."""
        await self.leases.renew()

    async def reap_lost(self) -> int:
        return await self.leases.reap()

    async def aclose(self, grace_s: float = 0.0) -> None:
        """Let running turns finish for up to ``grace_s``, their leases renewed all the
        while; the rest end with ``error``/``server_shutdown``, stored by this replica
        (with the reply streamed so far) before it stops renewing their leases."""
        running = list(self._running.values())

        def cut() -> None:
            for entry in running:
                if not entry.task.done():
                    if entry.turn is not None:
                        entry.turn.stop_reason = SERVER_SHUTDOWN
                    entry.task.cancel()

        try:
            await self.leases.drain([r.task for r in running], grace_s, cut=cut)
        finally:
            for task in self._background:
                task.cancel()
            await asyncio.gather(*self._background, return_exceptions=True)


@dataclass
class TurnContext:
    """What a turn plans from: the session's history before it, and its workflow."""

    history: list[tuple[str, str]]
    current: Workflow | None


@dataclass
class _Begun:
    reply_id: str
    reply_seq: int
    context: TurnContext | None


_NO_LIMIT = 2**31 - 1  # a sequence number above any message's


async def end_lost_turn(
    maker: async_sessionmaker[AsyncSession],
    bus: EventBus,
    turn_id: str,
    status: TurnStatus | str,
) -> None:
    """End a turn nobody runs any more: store it (keeping the reply stored so far), then
    give its listeners an ending. ``error`` is the reaper's (only while the lease has
    lapsed), ``interrupted`` a new message's whose turn's owner did not answer. Nothing
    happens if the turn has ended (or, for the reaper, its lease was renewed) meanwhile."""
    status = TurnStatus(status)
    interrupted = status == TurnStatus.INTERRUPTED
    text = "" if interrupted else FAILURE_TEXT["worker_lost"]
    events = 1 if interrupted else 2
    channel = turn_channel(turn_id)
    # The shared log's tail is not enough: the turn's replica gave its own listeners events
    # that it wrote to the shared log behind them, and a replica that died had not written
    # them all. Its events are numbered up to the bound stored with the turn, so the ending
    # goes past both (``repo.end_lost_turn``), and a client resuming from any event it saw
    # gets all of it.
    tail = await bus.tail(channel)
    async with session_scope(maker) as db:
        ended = await repo.end_lost_turn(
            db,
            turn_id,
            status=status,
            text=text,
            code="worker_lost",
            events=events,
            after=tail,
            lapsed_only=status == TurnStatus.ERROR,
        )
    if ended is None:
        return
    position = ended.last_event_seq - events  # the events go right after this
    if not interrupted:
        error = {"type": "error", "error": {"code": "worker_lost", "message": text}}
        position = await bus.publish(channel, error, after=position)
    last = message_event(ended.appended, True, interrupted=interrupted)
    await bus.publish(channel, last, after=position)
    await bus.close(channel)


class TurnLost(Exception):
    """The turn is not this replica's any more: another ended it (its lease had lapsed)."""


class Turn:
    def __init__(
        self,
        manager: TurnManager,
        session_id: str,
        user_id: str,
        turn_id: str,
        reply_seq: int,
        text: str,
    ) -> None:
        self.m = manager
        self.session_id = session_id
        self.user_id = user_id
        self.id = turn_id
        self.reply_seq = reply_seq
        self.text = text
        self.content = ""
        self.seq = 0
        self.meter = UsageMeter()
        # read by the manager when it recorded the turn (None: read it when it runs)
        self.context: TurnContext | None = None
        # what the reply was planned from (set by ``_reply``)
        self.history: list[tuple[str, str]] = []
        self.current: Workflow | None = None
        self.task: asyncio.Task[None] | None = None  # set by the manager
        # why the turn's task was cancelled: None (a new message), or ``SERVER_SHUTDOWN``
        self.stop_reason: str | None = None
        self.lost = False  # another replica ended it: write and send nothing more
        self.settled = False  # its end is stored
        # no event of the turn is numbered past this without a higher bound stored first
        self.bound = repo.EVENTS_AHEAD  # stored when the turn was recorded
        self._checkpoints: asyncio.Task[None] | None = None
        self._finishing: asyncio.Future[bool] | None = None

    async def _publish(self, payload: dict[str, Any]) -> None:
        if self.seq >= self.bound:
            await self._raise_bound()
        self.seq = await self.m._bus.publish(turn_channel(self.id), payload)

    async def _raise_bound(self) -> None:
        """Store a higher bound on the turn's event numbers (with the reply so far) before
        the next event passes the stored one; ``TurnLost`` if the turn is not ours any more.
        The checkpoints keep the bound ahead, so this write is for bursts only."""
        bound = self.seq + repo.EVENTS_AHEAD
        async with session_scope(self.m._maker) as db:
            ours = await repo.store_partial(db, self.id, self.m.owner, self.content, bound)
        if not ours:
            self.lost = True
            raise TurnLost(self.id)
        self.bound = max(self.bound, bound)

    async def run(self) -> None:
        with metering() as self.meter:
            try:
                await self._run()
            finally:
                await self._stop_checkpoints()
                await self.m._bus.close(turn_channel(self.id))

    async def _run(self) -> None:
        try:
            await self._publish({"type": "status", "status": "thinking", "turn_id": self.id})
            # the LLM calls get the turn's deadline a little early, so they end cleanly with
            # their own error before the hard stop below
            with deadline_scope(deadline_in(max(0.1, self.m._deadline_s - 1))):
                async with asyncio.timeout(self.m._deadline_s):
                    decision = await self._reply()
            meta = await self._act(decision)
            await self._finish(TurnStatus.COMPLETE, meta, message_event("", True))
        except asyncio.CancelledError:
            await asyncio.shield(self._cancelled())
            raise
        except TurnLost:
            log.warning("turn %s was ended elsewhere; it stops here", self.id)
        except Exception as exc:
            try:
                await self._fail(exc)
            except TurnLost:
                log.warning("turn %s was ended elsewhere; it stops here", self.id)

    async def _cancelled(self) -> None:
        """The turn's task was cancelled: store and send its end, by why it was stopped."""
        if self._finishing is not None:
            # its end was being stored: that end stands (and is sent)
            with contextlib.suppress(Exception):
                await self._finishing
            return
        try:
            if self.lost:
                raise TurnLost(self.id)
            if self.stop_reason == SERVER_SHUTDOWN:
                await self._end_with_error(SERVER_SHUTDOWN, FAILURE_TEXT[SERVER_SHUTDOWN])
                return
            await self._finish(
                TurnStatus.INTERRUPTED, {}, message_event("", True, interrupted=True)
            )
        except TurnLost:
            log.warning("turn %s was ended elsewhere; it stops here", self.id)

    async def _reply(self) -> Decision:
        history, current = await self._context()
        self.history, self.current = history, current
        await warmed()
        decision: Decision | None = None
        async for event in self.m._agent.respond(self.text, history, current):
            if isinstance(event, TextDelta):
                self.content += event.text
                await self._publish(message_event(event.text))
                if self._checkpoints is None:
                    self._checkpoints = asyncio.create_task(self._keep_partial())
            elif isinstance(event, Decided):
                decision = event.decision
        if decision is None:
            raise RuntimeError("the agent ended its reply without a decision")
        return decision

    async def _context(self) -> tuple[list[tuple[str, str]], Workflow | None]:
        context, self.context = self.context, None
        if context is not None and not self.m._runner.has_pending(self.session_id):
            return context.history, context.current  # read when the turn was recorded
        if self.m._runner.has_pending(self.session_id):
            await self._publish({"type": "status", "status": "waiting_for_generation"})
        await self.m._runner.wait_settled(self.session_id)
        async with session_scope(self.m._maker) as db:
            history = await sessions.history(db, self.session_id, self.reply_seq - 1)
            session = await repo.get_session(db, self.session_id)
            current = None
            if session is not None and session.workflow_id:
                current = await workflows.current_definition(db, session.workflow_id)
        return history, current

    async def _act(self, decision: Decision) -> dict[str, Any]:
        """Queue a generation, or tell the session's listeners what the agent waits for."""
        meta: dict[str, Any] = {
            "decision": decision.kind,
            "questions": [q.model_dump() for q in decision.questions],
            "assumptions": decision.assumptions,
            "agent": self.m._agent.name,
        }
        request: dict[str, Any] | None = None
        if decision.kind == "generate" and decision.request is not None:
            carried = pending_request(self.history)
            request = {
                **decision.request,
                "message": self.text,
                # the user's own words this generation answers, for the request check
                "request_text": "\n".join([*carried, self.text]),
            }
        elif decision.kind == "answer" and self._asked_change():
            # an edit that needs no change still ends the user's generation, with
            # ``complete`` on the unchanged workflow (a listener must never wait forever)
            assert self.current is not None
            request = {
                "unchanged": True,
                "lang": detect_lang(self.text),
                "message": self.text,
                "reply": decision.reply,
                "title": self.current.name,
            }
        if request is not None:
            async with session_scope(self.m._maker) as db:
                session = await repo.get_session(db, self.session_id)
                assert session is not None
                generation = await self.m._runner.enqueue(db, session, self.user_id, request)
                generation_id = generation.id
            await self.m._runner.start(generation_id, self.session_id)
            await self._publish(
                {"type": "status", "status": "generating", "generation_id": generation_id}
            )
            meta["generation_id"] = generation_id
            return meta
        waiting = decision.waiting_message or "Waiting for your answer."
        meta["waiting_message"] = waiting
        await self.m._bus.publish(
            session_channel(self.session_id), {"kind": "waiting", "message": waiting}
        )
        return meta

    def _asked_change(self) -> bool:
        """Whether the user asked to change the session's workflow (the agent answered that
        there is nothing to change: it already does that)."""
        if self.current is None or not self.current.nodes:
            return False
        try:
            from flowsmith.planner.edit_parse import parse_edits

            return bool(parse_edits(self.text, self.current))
        except Exception:  # a parser failure must not fail the turn
            log.exception("reading the edit of turn %s failed", self.id)
            return False

    async def _fail(self, exc: Exception) -> None:
        if isinstance(exc, TimeoutError):
            code, message = "deadline_exceeded", None
        else:
            code, message = public_failure(exc, "agent_error")
        if code == "agent_error":
            log.exception("chat turn %s failed", self.id)
        # the agent's own message is in the user's language and names the cause
        await self._end_with_error(code, FAILURE_TEXT.get(code) or message or DEFAULT_FAILURE)

    async def _end_with_error(self, code: str, text: str) -> None:
        """End with an ``error`` event, then the last message saying what happened (after
        the reply so far, which is kept)."""
        if self.lost:
            raise TurnLost(self.id)
        await self._publish({"type": "error", "error": {"code": code, "message": text}})
        separator = "\n\n" if self.content else ""
        await self._finish(
            TurnStatus.ERROR,
            {"error": {"code": code}},
            message_event(separator + text, True),
            extra_content=separator + text,
        )

    async def _finish(
        self,
        status: TurnStatus,
        meta: dict[str, Any],
        last_event: dict[str, Any],
        extra_content: str = "",
    ) -> None:
        """Store the reply, then publish its last event (persist before the last yield).

        Once begun, the end is stored and sent whatever happens to the task (shielded): an
        end stored but never sent would leave a resuming client with an empty stream."""
        if self._finishing is None:
            self._finishing = asyncio.ensure_future(
                self._store_end(status, meta, last_event, extra_content)
            )
        if not await asyncio.shield(self._finishing):
            raise TurnLost(self.id)

    async def _store_end(
        self,
        status: TurnStatus,
        meta: dict[str, Any],
        last_event: dict[str, Any],
        extra_content: str,
    ) -> bool:
        await self._stop_checkpoints()
        if self.meter.calls:
            meta = {**meta, "usage": self.meter.summary()}
        async with session_scope(self.m._maker) as db:
            ledger = ledger_row(self.user_id, "turn", self.id, self.meter)
            if ledger is not None:
                db.add(ledger)
            stored = await repo.finish_turn(
                db,
                self.id,
                self.m.owner,
                content=self.content + extra_content,
                status=status,
                meta=meta,
                last_event_seq=self.seq + 1,
            )
        if not stored:
            self.lost = True
            return False
        self.settled = True
        TURNS.labels(status.value).inc()
        # numbered ``last_event_seq``, as just stored: the bound no longer applies
        self.seq = await self.m._bus.publish(turn_channel(self.id), last_event)
        return True

    # -- the reply so far, stored as it streams ----------------------------------------------

    async def _keep_partial(self) -> None:
        """Store the reply streamed so far, at most once per ``checkpoint_s``, while the turn
        streams: a turn whose replica dies (``kill -9``) keeps what it had said, and one
        found ended elsewhere (the write matches no row) is stopped. Each write also moves
        the bound of the turn's event numbers ``EVENTS_AHEAD`` past its last event, so the
        turn need not stop to store it (``_raise_bound``)."""
        stored = ""
        while True:
            await asyncio.sleep(self.m._checkpoint_s)
            content = self.content
            bound = self.seq + repo.EVENTS_AHEAD
            if content == stored and bound - repo.EVENTS_AHEAD // 2 < self.bound:
                continue
            try:
                async with session_scope(self.m._maker) as db:
                    ours = await repo.store_partial(db, self.id, self.m.owner, content, bound)
            except Exception as exc:  # the next one tries again; the turn goes on
                log.warning("storing the reply of turn %s so far failed: %r", self.id, exc)
                continue
            if not ours:
                self.lost = True
                if self.task is not None and self._finishing is None:
                    self.task.cancel()
                return
            stored = content
            self.bound = max(self.bound, bound)

    async def _stop_checkpoints(self) -> None:
        task, self._checkpoints = self._checkpoints, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
