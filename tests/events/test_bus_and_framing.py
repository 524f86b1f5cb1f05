"""Pure pieces: the in-process bus, SSE ids, reply splitting, workflow diffs."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sse_starlette import ServerSentEvent

from flowsmith.agent.offline_agent import stream_pieces
from flowsmith.core.diff import workflow_diff
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.errors import InvalidLastEventId
from flowsmith.events.bus import encode_payload
from flowsmith.events.memory import MemoryBus
from flowsmith.streams import EventId, parse_last_event_id, sse


async def collect(bus: MemoryBus, channel: str, after: int = 0) -> list[tuple[int, dict]]:  # type: ignore[type-arg]
    return [item async for item in bus.subscribe(channel, after)]


async def test_replay_then_follow_until_closed() -> None:
    bus = MemoryBus()
    await bus.publish("c", {"n": 1})
    reader = asyncio.create_task(collect(bus, "c"))
    await asyncio.sleep(0)
    await bus.publish("c", {"n": 2})
    await bus.publish("c", {"n": 3})
    await bus.close("c")
    assert await reader == [(1, {"n": 1}), (2, {"n": 2}), (3, {"n": 3})]
    assert await collect(bus, "c", after=2) == [(3, {"n": 3})]
    assert await bus.tail("c") == 3


async def test_subscribe_before_first_publish_waits() -> None:
    bus = MemoryBus()
    reader = asyncio.create_task(collect(bus, "later"))
    await asyncio.sleep(0.01)
    assert not reader.done()
    await bus.publish("later", {"x": 1})
    await bus.close("later")
    assert await asyncio.wait_for(reader, 1) == [(1, {"x": 1})]


async def test_many_subscribers_each_get_every_entry_once() -> None:
    bus = MemoryBus()
    readers = [asyncio.create_task(collect(bus, "fan")) for _ in range(100)]
    await asyncio.sleep(0)
    for n in range(20):
        await bus.publish("fan", {"n": n})
    await bus.close("fan")
    results = await asyncio.gather(*readers)
    assert all([p for p, _ in r] == list(range(1, 21)) for r in results)


def test_event_ids_round_trip_and_reject_foreign_ones() -> None:
    event_id = EventId("g", "a" * 32, 7)
    assert parse_last_event_id(str(event_id)) == event_id
    assert parse_last_event_id(None) is None and parse_last_event_id(" ") is None
    for bad in ("7", "x.abc.1", f"g.{'a' * 32}.-1", f"g.{'a' * 32}.1\nfoo"):
        with pytest.raises(InvalidLastEventId):
            parse_last_event_id(bad)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(payload=st.dictionaries(st.text(), _JSON, max_size=5), position=st.integers(1, 10**9))
def test_encoded_events_are_the_bytes_sse_starlette_makes(payload: dict, position: int) -> None:  # type: ignore[type-arg]
    """The fast framing (no line splitting) relies on compact JSON having no raw CR/LF:
    any payload, line separators and controls in its strings included, frames the same."""
    event_id = EventId("t", "f" * 32, position)
    expected = ServerSentEvent(data=encode_payload(payload), id=str(event_id)).encode()
    assert sse(event_id, payload).encode() == expected


def test_encoded_events_keep_line_breaks_in_strings_on_one_data_line() -> None:
    event = sse(EventId("t", "f" * 32, 3), {"delta": "a\nb\r\nc\u2028d\x85e"})
    lines = event.encode().decode().split("\r\n")
    assert lines[0] == f"id: t.{'f' * 32}.3" and lines[1].startswith("data: {")
    assert lines[2:] == ["", ""]


@pytest.mark.parametrize(
    "text",
    [
        "Hello there, I will build it.\n\n- one\n- two",
        "我会为你创建一个电商库存监控的工作流，每小时检查一次。",
        "",
    ],
)
def test_stream_pieces_concatenate_to_the_text(text: str) -> None:
    pieces = stream_pieces(text)
    assert "".join(pieces) == text
    if len(text) > 20:
        assert len(pieces) > 3


def _node(node_id: str, **params: object) -> Node:
    return Node(
        id=node_id,
        name=node_id,
        type=NodeFamily.ACTION,
        subtype="set_fields",
        parameters=dict(params),
    )


def test_diff_by_node_id() -> None:
    before = Workflow(
        nodes=[_node("a"), _node("b", x=1)], connections=[Connection(from_node="a", to_node="b")]
    )
    after = Workflow(
        nodes=[_node("a"), _node("b", x=2), _node("c")],
        connections=[
            Connection(from_node="a", to_node="b"),
            Connection(from_node="b", to_node="c"),
        ],
    )
    diff = workflow_diff(before, after)
    assert diff["added_nodes"] == ["c"] and diff["changed_nodes"] == ["b"]
    assert diff["removed_nodes"] == [] and len(diff["added_connections"]) == 1
