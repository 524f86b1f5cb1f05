"""``publish(..., after=n)``: an entry numbered past a position the bus may not know of.

Whoever ends a dead replica's work knows a number some listener may have seen that the
shared log never got (a chat turn's events written behind, a generation's stored number);
its entry goes past that number, on both buses, owned channel or not, and every reader,
however far it got, reads it.
"""

from __future__ import annotations

from flowsmith.events.bus import EventBus
from flowsmith.events.redis import RedisBus
from tests.events.test_buses import bus, collect  # noqa: F401


async def test_an_entry_published_past_a_position_is_read_by_every_resume(
    bus: EventBus,  # noqa: F811
) -> None:
    for n in range(3):
        assert await bus.publish("past", {"n": n}) == n + 1
    assert await bus.publish("past", {"end": 1}, after=10) == 11
    assert await bus.publish("past", {"end": 2}, after=3) == 12  # never behind the tail
    await bus.close("past")
    assert await bus.tail("past") == 12
    ends = [(11, {"end": 1}), (12, {"end": 2})]
    assert await collect(bus, "past", after=3) == ends
    assert await collect(bus, "past", after=8) == ends  # a reader past what the bus held
    assert await collect(bus, "past", after=11) == ends[1:]
    assert [p for p, _ in await collect(bus, "past")] == [1, 2, 3, 11, 12]


async def test_an_owned_channels_entry_published_past_a_position(
    bus: EventBus,  # noqa: F811
) -> None:
    bus.own("mine")
    assert await bus.publish("mine", {"n": 1}) == 1
    assert await bus.publish("mine", {"end": 1}, after=7) == 8
    await bus.close("mine")
    assert await collect(bus, "mine", after=1) == [(8, {"end": 1})]
    if isinstance(bus, RedisBus):  # written behind at its position
        assert await bus.tail("mine") == 8
