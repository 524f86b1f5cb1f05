"""The seed document's ``WorkflowChat`` class, exactly as written, run in the page at ``/`` in
headless Chromium, with the ``sb-access-token`` cookie for auth (its EventSources cannot
send the header), against the live server."""

from __future__ import annotations

import itertools
from typing import Any

import httpx

from tests.web.support import SEED_COPY, SEED_CREATE, seed_workflow_chat_source

RUN_SEED_CLASS = """async ([token, message]) => {
  const chat = new WorkflowChat(token);
  await chat.initSession('create');
  const stages = [];
  let completeEvent = null;
  const workflowPromise = chat.listenWorkflowProgress(
    (data) => stages.push(data.type),
    (data) => { completeEvent = data; },
  );
  const updates = [];
  let onCompleteText = null;
  const reply = await chat.sendMessage(
    message,
    (content, isComplete) => updates.push([content, isComplete]),
    (finalContent) => { onCompleteText = finalContent; },
  );
  const workflow = await workflowPromise;
  chat.disconnect();
  return {
    sessionId: chat.sessionId, reply, onCompleteText, updates, stages,
    completeType: completeEvent && completeEvent.type,
    workflowId: workflow.workflowId, version: workflow.data.version,
    nodes: workflow.data.workflow.nodes.length,
  };
}"""


def test_seed_workflow_chat_runs_unchanged_with_the_cookie(
    open_page: Any, server: Any, user: str
) -> None:
    source = seed_workflow_chat_source()
    assert source in SEED_COPY.read_text(encoding="utf-8")
    web = open_page()
    page = web.page
    token = server.token(user)
    web.context.add_cookies([{"name": "sb-access-token", "value": token, "url": server.url}])
    page.add_script_tag(content=source)
    assert page.evaluate("() => typeof WorkflowChat") == "function"

    sources: list[str] = []
    page.on(
        "request",
        lambda request: (
            sources.append(request.url) if request.resource_type == "eventsource" else None
        ),
    )
    result = page.evaluate(RUN_SEED_CLASS, [token, SEED_CREATE])

    # the reply streamed in several pieces, each extending the last, and ended complete
    updates = result["updates"]
    assert len(updates) > 3
    assert all(b[0].startswith(a[0]) for a, b in itertools.pairwise(updates))
    assert [done for _, done in updates] == [False] * (len(updates) - 1) + [True]
    assert result["reply"] == result["onCompleteText"] == updates[-1][0]
    assert "BestBuy" in result["reply"]

    # the stages reached complete, in the contract's order
    stages = result["stages"]
    rest = stages[1:] if stages[0] == "waiting" else stages
    assert rest[:2] == ["start", "draft"] and rest[-1] == "complete", stages
    assert set(rest[2:-1]) == {"debugging"}, stages
    assert result["completeType"] == "complete"
    assert result["version"] == 1 and result["nodes"] > 1

    # its EventSources carried no token in the URL: the cookie did it
    paths = [url.removeprefix(server.url).split("?")[0] for url in sources]
    assert paths == ["/api/v1/workflow_generation", "/api/v1/chat/stream"], sources
    assert not any("access_token" in url for url in sources)

    stored = httpx.get(
        f"{server.url}/api/v1/sessions/{result['sessionId']}", headers=server.headers(user)
    ).json()
    assert stored["messages"][-1]["content"] == result["reply"]
    assert stored["workflow_id"] == result["workflowId"]
