"""``LeaseKeeper``: one renew/reap loop for turns and generations, and its shutdown drain."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Collection

from flowsmith.runtime.leases import LeasedWork, LeaseKeeper


class FakeWork:
    def __init__(self) -> None:
        self.live_ids: list[str] = []
        self.renewals: list[tuple[float, list[str]]] = []
        self.expired_ids: list[str] = []
        self.ended: list[str] = []

    def leased(self) -> LeasedWork:
        async def renew(ids: Collection[str]) -> None:
            self.renewals.append((time.monotonic(), list(ids)))

        async def expired() -> list[str]:
            return list(self.expired_ids)

        async def end_lost(work_id: str) -> None:
            self.ended.append(work_id)
            self.expired_ids.remove(work_id)

        return LeasedWork("thing", lambda: list(self.live_ids), renew, expired, end_lost)


async def test_the_loop_renews_live_work_and_reaps_lapsed_work() -> None:
    work = FakeWork()
    work.live_ids, work.expired_ids = ["mine"], ["theirs"]
    keeper = LeaseKeeper(work.leased(), lease_s=0.3)
    keeper.start()
    await asyncio.sleep(0.35)
    await keeper.stop()
    assert len(work.renewals) >= 3 and all(ids == ["mine"] for _, ids in work.renewals)
    assert work.ended == ["theirs"]


async def test_a_failing_round_is_logged_and_the_next_one_runs() -> None:
    work = FakeWork()
    work.live_ids = ["mine"]
    calls = 0

    async def flaky(ids: Collection[str]) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise ConnectionError("database restarting")

    leased = work.leased()
    keeper = LeaseKeeper(
        LeasedWork("thing", leased.live, flaky, leased.expired, leased.end_lost), lease_s=0.15
    )
    keeper.start()
    await asyncio.sleep(0.2)
    await keeper.stop()
    assert calls >= 2


async def test_drain_renews_until_the_work_has_ended_even_past_the_lease() -> None:
    """Regression: shutdown stopped renewing first and then waited out the grace, so work
    finishing within a grace longer than the lease was reaped by another replica."""
    work = FakeWork()
    keeper = LeaseKeeper(work.leased(), lease_s=0.3)
    keeper.start()

    async def finishing() -> None:
        await asyncio.sleep(0.8)  # longer than the lease, shorter than the grace

    task = asyncio.create_task(finishing())
    work.live_ids = ["finishing"]
    task.add_done_callback(lambda _t: work.live_ids.clear())
    cut: list[bool] = []
    began = time.monotonic()
    await keeper.drain([task], grace_s=30, cut=lambda: cut.append(True))
    ended = time.monotonic()
    assert task.done() and not task.cancelled()
    renewed_at = [at - began for at, ids in work.renewals if ids == ["finishing"]]
    assert renewed_at and max(renewed_at) > 0.6, renewed_at  # past the lease
    # drain returns once the work ends (0.8 s), not at the 30 s grace: "< 10" fails then
    assert ended - began < 10
    assert keeper.task is None, "renewals stop once the work is done"
    count = len(work.renewals)
    await asyncio.sleep(0.25)
    assert len(work.renewals) == count


async def test_drain_cuts_at_the_grace_and_renews_while_the_cut_work_ends() -> None:
    work = FakeWork()
    work.expired_ids = ["someone-elses"]
    keeper = LeaseKeeper(work.leased(), lease_s=0.3)
    stored: list[float] = []

    async def endless() -> None:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            await asyncio.sleep(0.4)  # storing its own end takes a while
            stored.append(time.monotonic())
            raise

    task = asyncio.create_task(endless())
    work.live_ids = ["endless"]
    task.add_done_callback(lambda _t: work.live_ids.clear())
    began = time.monotonic()

    def cut() -> None:
        task.cancel()

    await keeper.drain([task], grace_s=0.5, cut=cut)
    assert task.cancelled() and stored
    # cut at the 0.5 s grace (then 0.4 s to store its end), not when the 60 s sleep ends
    assert 0.4 < stored[0] - began < 10
    renewed_at = [at - began for at, ids in work.renewals if ids == ["endless"]]
    assert max(renewed_at) > 0.5, renewed_at  # still renewed after the cut, while it ended
    assert work.ended == [], "a draining replica leaves reaping to the others"
