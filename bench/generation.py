"""Generation latency with the offline planner, and the checks on a 200-node workflow.

``generation_client``: for each of the seed's requests that generate a workflow (the
seed's edit follows the first of them, in the same session): a session, a listener on
``workflow_generation`` (connected first, as the seed's page does), then the chat message
(``POST /api/v1/chat/stream``); the time from sending the message to the listener's
``complete``. The server runs with ``FLOWSMITH_OFFLINE_STREAM_DELAY_MS=0``: the default
15 ms pause between reply pieces is there for people to watch and would add ~1 s.

``pipeline_inprocess``: the baseline for it: the same work with no server, storage or
bus: the planner's decision, then the pipeline (draft, checks, layout) with a list as its
``emit``.

``checks_200``: ``validate_workflow`` and ``simulate`` on a 200-node workflow
(``bench/workflow200.py``), best and median of ``rounds``.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.parse
from typing import Any

from bench.common import json_headers, pct, simple_request
from bench.listeners import Listener

# the seed's requests (shared/seed/frontend-integration.md) that ask for a workflow. The
# seed's edit ("请在现有workflow中添加邮件通知功能") is answered without a generation (the
# planner's workflows already send email), so the edit timed here is another one, by chat,
# in the session of the first request.
SEED_CREATE = [
    "请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon",
    "请帮我创建一个电商库存监控的workflow",
    "请创建一个数据分析的workflow",
]
EDIT = "把检查频率改成每30分钟一次"


async def _one_generation(
    host: str, port: int, token: str, session: str, message: str
) -> dict[str, Any]:
    listener = Listener(record_events=True)
    path = "/api/v1/workflow_generation?" + urllib.parse.urlencode({"session_id": session})
    await listener.open(host, port, path, {"Authorization": f"Bearer {token}"})
    sent = time.time()
    status, body = await simple_request(
        host,
        port,
        "POST",
        "/api/v1/chat/stream",
        json_headers(token),
        json.dumps({"session_id": session, "user_message": message}).encode(),
        timeout=60,
    )
    if status != 200:
        raise RuntimeError(f"chat: {status} {body[:300]!r}")
    assert listener.done is not None
    await asyncio.wait_for(listener.done, 60)
    listener.close()
    kinds = {k: (arrival, data) for k, arrival, data in listener.events}
    if "complete" not in kinds:
        raise RuntimeError(f"no complete for {message!r}: {[k for k, _, _ in listener.events]}")
    from bench.listeners import _stamp

    return {
        "total": kinds["complete"][0] - sent,
        "pipeline": _stamp(kinds["complete"][1]) - _stamp(kinds["start"][1]),
        "to_start": kinds["start"][0] - sent,
    }


async def generation_client(host: str, port: int, token: str, rounds: int) -> dict[str, Any]:
    create = json.dumps({"action": "create"}).encode()
    results: dict[str, list[dict[str, Any]]] = {}

    async def session() -> str:
        status, body = await simple_request(
            host, port, "POST", "/api/v1/session", json_headers(token), create
        )
        assert status == 200, body
        return str(json.loads(body)["session_id"])

    # one unmeasured round warms the server up
    for r in range(rounds + 1):
        for i, message in enumerate(SEED_CREATE):
            sid = await session()
            result = await _one_generation(host, port, token, sid, message)
            if r:
                results.setdefault("create", []).append(result)
            if i == 0:
                result = await _one_generation(host, port, token, sid, EDIT)
                if r:
                    results.setdefault("edit", []).append(result)
    every = [x for v in results.values() for x in v]
    out: dict[str, Any] = {}
    for name, values in [*results.items(), ("all", every)]:
        out[name] = {
            "n": len(values),
            "p50": pct([v["total"] for v in values], 50),
            "p95": pct([v["total"] for v in values], 95),
            "pipeline_p50": pct([v["pipeline"] for v in values], 50),
            "to_start_p50": pct([v["to_start"] for v in values], 50),
        }
    return out


def pipeline_inprocess(rounds: int) -> dict[str, Any]:
    """The baseline for ``generation_client``: decide + pipeline, no server/storage/bus."""
    from flowsmith.agent.offline_agent import OfflineAgent
    from flowsmith.generation.pipeline import run_pipeline
    from flowsmith.planner import offline

    agent = OfflineAgent()

    async def emit(_kind: str, _data: dict[str, Any]) -> None:
        return None

    async def once(
        message: str, current: Any, history: list[tuple[str, str]]
    ) -> tuple[float, Any, str]:
        t = time.perf_counter()
        decision = offline.decide(message, history, current)
        assert decision.request is not None, message
        request = {**decision.request, "message": message}
        workflow, _ = await run_pipeline(
            agent, request, current, emit, workflow_id="w" * 32, repair_rounds=3
        )
        return time.perf_counter() - t, workflow, decision.reply

    async def main() -> list[float]:
        times: list[float] = []
        for r in range(rounds + 1):
            for i, message in enumerate(SEED_CREATE):
                elapsed, workflow, reply = await once(message, None, [])
                if r:
                    times.append(elapsed)
                if i == 0:
                    history = [("user", message), ("assistant", reply)]
                    edit_t, _, _ = await once(EDIT, workflow, history)
                    if r:
                        times.append(edit_t)
        return times

    times = asyncio.run(main())
    return {"n": len(times), "p50": pct(times, 50), "p95": pct(times, 95)}


def checks_200(rounds: int) -> dict[str, Any]:
    import statistics

    from bench.workflow200 import workflow_200
    from flowsmith.core.simulate import simulate
    from flowsmith.core.validate import validate_workflow
    from flowsmith.generation.pipeline import check

    workflow = workflow_200()
    assert len(workflow.nodes) == 200
    findings = validate_workflow(workflow)
    errors = [f for f in findings if f.severity == "error"]
    assert not errors, errors[:3]

    def timed(fn: Any) -> list[float]:
        fn()  # warm
        out = []
        for _ in range(rounds):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        return out

    validate_t = timed(lambda: validate_workflow(workflow))
    simulate_t = timed(lambda: simulate(workflow))
    both_t = timed(lambda: check(workflow))
    return {
        "nodes": len(workflow.nodes),
        "connections": len(workflow.connections),
        "validate_min": min(validate_t),
        "validate_p50": statistics.median(validate_t),
        "simulate_min": min(simulate_t),
        "simulate_p50": statistics.median(simulate_t),
        "check_min": min(both_t),
        "check_p50": statistics.median(both_t),
    }
