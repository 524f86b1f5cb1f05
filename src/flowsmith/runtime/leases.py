"""Leases on running work, renewed by the replica running it and reaped by any replica.

A chat turn (its assistant message) and a generation each carry ``lease_owner`` and
``lease_expires_at``. The replica running the work renews the lease every third of its
length; a replica that sees an active row whose lease has lapsed ends it (``worker_lost``),
so no listener waits forever for a replica that died.

The lease says "this work is still being done here": it is renewed for as long as the work
runs, *including the grace period of a shutdown*, and stops only when the work has stored
its end (or, at the end of the grace, this replica ended it itself). Renewal that stopped
at SIGTERM while the work went on finishing let another replica declare it lost and end it
under the feet of the replica still finishing it.

One ``LeaseKeeper`` per kind of work (turns, generations): the same loop for both, over
what differs (which ids are live here, the statements, how lost work is ended).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LeasedWork:
    """How a kind of work is leased: its name (for logs) and its three operations.

    - ``live()``: the ids this replica runs now whose end is not stored yet;
    - ``renew(ids)``: extend their leases (only rows still active and owned here);
    - ``expired()``: ids of active rows, on any replica, whose lease has lapsed;
    - ``end_lost(id)``: end one of those (a guarded write: a row that ended or was renewed
      meanwhile is left alone) and give its listeners an ending.
    """

    name: str
    live: Callable[[], Collection[str]]
    renew: Callable[[Collection[str]], Awaitable[None]]
    expired: Callable[[], Awaitable[Iterable[str]]]
    end_lost: Callable[[str], Awaitable[None]]


class LeaseKeeper:
    """Renews this replica's leases and reaps lapsed ones, every ``lease_s / 3``."""

    def __init__(self, work: LeasedWork, lease_s: float) -> None:
        self.work = work
        self.lease_s = lease_s
        self._task: asyncio.Task[None] | None = None
        self._reaping = True

    @property
    def task(self) -> asyncio.Task[None] | None:
        """The loop's task while it runs."""
        return self._task

    @property
    def interval_s(self) -> float:
        return self.lease_s / 3

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._loop(), name=f"leases:{self.work.name}")

    async def _loop(self) -> None:
        while True:
            await self.tick()
            await asyncio.sleep(self.interval_s)

    async def tick(self) -> None:
        """One round: renew, then (unless draining) reap. Failures are logged, never raised:
        the next round tries again."""
        try:
            await self.renew()
        except Exception:
            log.exception("renewing %s leases failed", self.work.name)
        if not self._reaping:
            return
        try:
            await self.reap()
        except Exception:
            log.exception("reaping lost %ss failed", self.work.name)

    async def renew(self) -> None:
        live = list(self.work.live())
        if live:
            await self.work.renew(live)

    async def reap(self) -> int:
        lost = list(await self.work.expired())
        for work_id in lost:
            log.warning("%s %s lost its replica (lease lapsed); ending it", self.work.name, work_id)
            await self.work.end_lost(work_id)
        return len(lost)

    async def drain(
        self,
        tasks: Collection[asyncio.Future[Any]],
        grace_s: float,
        *,
        cut: Callable[[], None],
    ) -> None:
        """Shutdown: keep renewing while ``tasks`` finish, for up to ``grace_s``; then ``cut()``
        (which cancels what is left, each ending itself) and wait for that ending; only then
        stop renewing. This replica no longer reaps others' work while it drains: the
        replicas that stay do that."""
        self._reaping = False
        self.start()  # renewals must go on even if the loop was never started
        try:
            if tasks and grace_s > 0:
                await asyncio.wait(tasks, timeout=grace_s)
            cut()
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            await self.stop()

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
