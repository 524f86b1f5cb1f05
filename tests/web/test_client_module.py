"""``/static/flowsmith-client.js`` in headless Chromium: the event-stream parser, the
reconnect policy against scripted responses, then the client against the live server (the
token in the header, the EventSource fallback with the cookie, the module's WorkflowChat,
cleanup of every stream it opened)."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.web.support import SEED_CREATE

MODULE = "/static/flowsmith-client.js"


def module_page(open_page: Any) -> Any:
    # a plain page on the server's origin (not the app), where the module is imported
    web = open_page(path=None)
    web.allow(r"404.*/favicon\.ico$")  # the browser asks a JSON page for its icon
    web.page.goto(web.base_url + "/healthz")
    return web


def test_module_is_served_as_a_dependency_free_es_module(server: Any) -> None:
    response = httpx.get(server.url + MODULE)
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    imports = re.findall(r"^\s*import\s", response.text, re.MULTILINE)
    assert imports == [], "no dependencies"
    for name in ("FlowsmithClient", "WorkflowChat", "SSEParser", "fetchEventStream"):
        assert re.search(rf"^export (async )?(class|function) {name}\b", response.text, re.M), name


def test_sse_parser_handles_the_format(open_page: Any) -> None:
    web = module_page(open_page)
    result = web.page.evaluate(
        """async (module) => {
          const { SSEParser } = await import(module);
          const text = '\\uFEFF: hello\\r\\nid: a.1\\r\\ndata: {"x":1}\\r\\n\\r\\n'
            + 'id: a.2\\ndata: line1\\ndata:line2\\ndata:  indented\\n\\n'
            + 'retry: 1500\\r\\r'
            + 'data: cr only\\r\\r'
            + 'unknown: field\\nid\\r\\ndata\\r\\n\\r\\n'
            + 'event: named\\ndata: n\\n\\n'
            + 'data: never finished';
          const run = (chunks) => {
            const out = { events: [], comments: [], retries: [] };
            const parser = new SSEParser({
              onEvent: (e) => out.events.push(e),
              onComment: (c) => out.comments.push(c),
              onRetry: (r) => out.retries.push(r),
            });
            for (const chunk of chunks) parser.feed(chunk);
            parser.end();
            out.lastEventId = parser.lastEventId;
            return out;
          };
          return {
            whole: run([text]),
            byChar: run([...text]),
            crlfSplit: run(['id: s.1\\r', '\\ndata: a\\r', '\\n\\r', '\\n']),
          };
        }""",
        MODULE,
    )
    expected = [
        {"id": "a.1", "type": "message", "data": '{"x":1}'},
        {"id": "a.2", "type": "message", "data": "line1\nline2\n indented"},
        {"id": "a.2", "type": "message", "data": "cr only"},
        {"id": "", "type": "message", "data": ""},
        {"id": "", "type": "named", "data": "n"},
    ]
    assert result["whole"]["events"] == expected
    assert result["byChar"] == result["whole"]
    assert result["whole"]["comments"] == ["hello"]
    assert result["whole"]["retries"] == [1500]
    assert result["crlfSplit"]["events"] == [{"id": "s.1", "type": "message", "data": "a"}]


def test_backoff_is_exponential_capped_and_jittered(open_page: Any) -> None:
    web = module_page(open_page)
    delays = web.page.evaluate(
        """async (module) => {
          const { backoffDelay } = await import(module);
          const opts = { initialDelayMs: 500, maxDelayMs: 15000, jitter: 0.5 };
          return [1, 2, 3, 4, 5, 6, 7, 10].map((n) => [
            backoffDelay(n, opts, () => 0), backoffDelay(n, opts, () => 0.999999)]);
        }""",
        MODULE,
    )
    bases = [500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]
    for (low, high), base in zip(delays, bases, strict=True):
        assert low == base // 2 and high == base


SCRIPTED = """async ([module, script, flags]) => {
  const { fetchEventStream, ApiError } = await import(module);
  const encoder = new TextEncoder();
  const state = { calls: [], cancelled: 0 };
  // a body that hands out `chunks` one read at a time, then ends, breaks, or stalls
  const body = (chunks, end) => {
    let i = 0;
    return new ReadableStream({
      pull(controller) {
        if (i < chunks.length) controller.enqueue(encoder.encode(chunks[i++]));
        else if (end === 'break') controller.error(new TypeError('network error'));
        else if (end === 'close') controller.close();
        // 'stall': nothing more, ever
      },
      cancel() { state.cancelled += 1; },
    });
  };
  const replies = script.map((step) => () => {
    if (step.throw) throw new TypeError('Failed to fetch');
    if (step.chunks) return new Response(body(step.chunks, step.end || 'close'), { status: 200 });
    return new Response(step.body ?? null, { status: step.status, headers: step.headers || {} });
  });
  const fetch = async (url, init) => {
    state.calls.push({ lastEventId: init.headers['Last-Event-ID'] ?? null, auth: init.headers.Authorization ?? null });
    const reply = replies[Math.min(state.calls.length, replies.length) - 1];
    return reply();
  };
  const seen = [];
  const reconnects = [];
  const ctrl = new AbortController();
  const options = {
    url: '/stream', fetch, signal: ctrl.signal,
    onEvent: (e) => seen.push(e),
    onReconnect: (r) => reconnects.push(r.lastEventId),
    isTerminal: (e) => e.done === true,
    reconnect: { initialDelayMs: 5, maxDelayMs: 20, maxRetries: 3 },
    idleTimeoutMs: 300,
    retryFirst: !flags.noRetryFirst,
  };
  if (flags.abortAfterMs) setTimeout(() => ctrl.abort(), flags.abortAfterMs);
  try {
    state.result = await fetchEventStream(options);
  } catch (error) {
    state.error = { name: error.name, code: error.code ?? null, status: error.status ?? null,
                    isApiError: error instanceof ApiError };
  }
  state.seen = seen;
  state.reconnects = reconnects;
  return state;
}"""


def scripted(open_page: Any, steps: list[dict[str, Any]], **flags: Any) -> dict[str, Any]:
    """Runs ``fetchEventStream`` against scripted responses (``steps``, the last repeated)."""
    web = module_page(open_page)
    return dict(web.page.evaluate(SCRIPTED, [MODULE, steps, flags]))


def test_reconnects_with_last_event_id_until_the_terminal_event(open_page: Any) -> None:
    state = scripted(
        open_page,
        [
            # two events, then a third cut in half, then the connection breaks
            {
                "chunks": [
                    'id: t.x.1\r\ndata: {"n":1}\r\n\r\nid: t.x.2\r',
                    '\ndata: {"n":2}\r\n\r\nid: t.x.3\r\ndata: {"n"',
                ],
                "end": "break",
            },
            {
                "status": 503,
                "body": '{"error":{"code":"busy","message":"later"}}',
                "headers": {"Retry-After": "0"},
            },
            {
                "chunks": [
                    ': keepalive\n\nid: t.x.3\ndata: {"n":3}\n\nid: t.x.4\ndata: {"n":4,"done":true}\n\nid: t.x.5\ndata: {"n":5}\n\n'
                ]
            },
        ],
    )
    assert "error" not in state, state
    assert [c["lastEventId"] for c in state["calls"]] == [None, "t.x.2", "t.x.2"]
    assert [e["n"] for e in state["seen"]] == [1, 2, 3, 4], (
        "nothing repeated, nothing after the end"
    )
    assert state["result"] == {
        "ended": "terminal",
        "event": {"n": 4, "done": True},
        "lastEventId": "t.x.4",
    }
    assert state["reconnects"] == ["t.x.2", "t.x.2"]


def test_stops_on_204_and_on_client_errors(open_page: Any) -> None:
    state = scripted(open_page, [{"chunks": ['id: g.a.1\ndata: {"n":1}\n\n']}, {"status": 204}])
    assert state["result"] == {"ended": "no_content", "event": None, "lastEventId": "g.a.1"}
    assert len(state["calls"]) == 2

    state = scripted(
        open_page,
        [{"status": 401, "body": '{"error":{"code":"token_expired","message":"expired"}}'}],
    )
    assert state["error"] == {
        "name": "ApiError",
        "code": "token_expired",
        "status": 401,
        "isApiError": True,
    }
    assert len(state["calls"]) == 1, "a 401 is not retried"


def test_gives_up_after_max_retries(open_page: Any) -> None:
    state = scripted(open_page, [{"status": 503, "body": "down"}])
    assert state["error"]["code"] == "reconnect_failed"
    assert len(state["calls"]) == 4  # the first try and three reconnects


def test_a_request_that_is_not_safe_to_repeat_is_not_repeated(open_page: Any) -> None:
    state = scripted(
        open_page, [{"throw": True}, {"chunks": ['data: {"done":true}\n\n']}], noRetryFirst=True
    )
    assert state["error"]["code"] == "connect_failed"
    assert len(state["calls"]) == 1


def test_a_silent_stream_is_reconnected(open_page: Any) -> None:
    state = scripted(
        open_page,
        [
            {"chunks": ['id: g.a.1\ndata: {"n":1}\n\n'], "end": "stall"},
            {"chunks": ['id: g.a.2\ndata: {"n":2,"done":true}\n\n']},
        ],
    )
    assert [c["lastEventId"] for c in state["calls"]] == [None, "g.a.1"]
    assert state["result"]["ended"] == "terminal"
    assert state["cancelled"] >= 1, "the stalled body was cancelled"


def test_abort_cancels_the_stream(open_page: Any) -> None:
    state = scripted(
        open_page, [{"chunks": ['id: g.a.1\ndata: {"n":1}\n\n'], "end": "stall"}], abortAfterMs=100
    )
    assert state["error"]["name"] == "AbortError"
    assert state["cancelled"] == 1
    assert len(state["calls"]) == 1


def test_a_superseded_message_still_reaches_the_server_before_the_next(open_page: Any) -> None:
    """A message aborted on its way (no answer yet) rejects at once, but its request is not
    cancelled: the server will act on it anyway. The next message to the session goes out
    only once that request has been answered, so it cannot overtake it and be stopped by
    it; then the superseded response is released. Another session does not wait."""
    web = module_page(open_page)
    state = web.page.evaluate(
        """async (module) => {
          const { FlowsmithClient } = await import(module);
          const log = [];
          const answers = [];
          const released = [];
          const fetch = (url, init) => {
            const { session_id: session, user_message: message } = JSON.parse(init.body);
            log.push(`sent ${message}`);
            return new Promise((resolve, reject) => {
              answers.push({ message, session, resolve });
              // as a real fetch: aborting it cancels the request, or the response's body
              init.signal.addEventListener('abort', () => {
                released.push(message);
                reject(new DOMException('aborted', 'AbortError'));
              });
            });
          };
          const answer = (message) => {
            const i = answers.findIndex((a) => a.message === message);
            const [a] = answers.splice(i, 1);
            log.push(`answered ${message}`);
            const body = `id: t.${'a'.repeat(32)}.1\ndata: {"type":"message","delta":"${message}","is_complete":true}\n\n`;
            a.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }));
          };
          const tick = () => new Promise((r) => setTimeout(r, 50));
          const client = new FlowsmithClient({ token: 't', syncCookie: false, fetch, transport: 'fetch' });
          const ctrl = new AbortController();
          const first = client.sendMessage('s1', 'one', { signal: ctrl.signal })
            .then(() => 'resolved', (e) => e.name);
          await tick();
          ctrl.abort();
          const firstOutcome = await first;  // at once, before any answer
          const second = client.sendMessage('s1', 'two');
          const other = client.sendMessage('s2', 'elsewhere');
          await tick();
          const beforeAnswer = [...log];
          const releasedBefore = [...released];
          answer('one');
          await tick();
          const afterAnswer = [...log];
          answer('two');
          answer('elsewhere');
          const reply = await second;
          await other;
          return { firstOutcome, beforeAnswer, releasedBefore, afterAnswer, released,
                   reply: reply.text, open: client.openStreams };
        }""",
        MODULE,
    )
    assert state["firstOutcome"] == "AbortError"
    assert state["beforeAnswer"] == ["sent one", "sent elsewhere"], "two waits for one's answer"
    assert state["releasedBefore"] == [], "the aborted request was not cancelled on its way"
    assert state["afterAnswer"] == ["sent one", "sent elsewhere", "answered one", "sent two"]
    assert "one" in state["released"], "its response was released once answered"
    assert state["reply"] == "two" and state["open"] == 0


def test_client_against_the_server_with_the_header(open_page: Any, server: Any, user: str) -> None:
    web = module_page(open_page)
    # a cookie for somebody else: the header-authenticated client sends no cookie at all, so
    # the server never sees two tokens that disagree
    web.context.add_cookies(
        [{"name": "sb-access-token", "value": server.token("somebody-else"), "url": server.url}]
    )
    result = web.page.evaluate(
        """async ([module, token, message]) => {
          const { FlowsmithClient } = await import(module);
          const client = new FlowsmithClient({ token, syncCookie: false });
          const session = await client.createSession('create');
          const stages = [];
          const progress = client.listenWorkflowProgress(session.session_id, {
            onEvent: (e) => stages.push(e.type),
          });
          const pieces = [];
          const reply = await client.sendMessage(session.session_id, message, {
            onDelta: (text, delta, done) => pieces.push([text.length, done]),
          });
          const result = await progress;
          const openAfterBoth = client.openStreams;
          // a listener with nothing to wait for stays open (waiting) until it is closed
          const waiting = client.listenWorkflowProgress(session.session_id);
          await new Promise((r) => setTimeout(r, 300));
          const openWhileWaiting = client.openStreams;
          client.close();
          let closed = null;
          try { await waiting; } catch (e) { closed = e.name; }
          const listed = await client.listWorkflows();
          const versions = await client.listVersions(result.workflowId);
          return {
            reply, pieces, stages, openAfterBoth, openWhileWaiting, closed,
            openAfterClose: client.openStreams,
            result: { type: result.type, workflowId: result.workflowId, version: result.data.version },
            listed: listed.items.map((i) => i.id), versions: versions.items.length,
          };
        }""",
        [MODULE, server.token(user), SEED_CREATE],
    )
    assert result["reply"]["error"] is None and result["reply"]["ended"] == "terminal"
    assert result["reply"]["turnId"] and "BestBuy" in result["reply"]["text"]
    assert len(result["pieces"]) > 3 and result["pieces"][-1][1] is True
    assert not any(done for _, done in result["pieces"][:-1])
    assert result["stages"][-1] == "complete" and "draft" in result["stages"]
    assert result["result"]["type"] == "complete" and result["result"]["version"] == 1
    assert result["listed"] == [result["result"]["workflowId"]] and result["versions"] == 1
    assert result["openAfterBoth"] == 0
    assert result["openWhileWaiting"] == 1
    assert result["closed"] == "AbortError" and result["openAfterClose"] == 0


def test_eventsource_fallback_uses_the_cookie(open_page: Any, server: Any, user: str) -> None:
    web = module_page(open_page)
    result = web.page.evaluate(
        """async ([module, token, message]) => {
          const { FlowsmithClient } = await import(module);
          const urls = [];
          const Real = window.EventSource;
          window.EventSource = class extends Real {
            constructor(url, init) { super(url, init); urls.push(String(url)); }
          };
          const client = new FlowsmithClient({ token, transport: 'eventsource' });
          const cookie = document.cookie;
          const session = await client.createSession('create');
          const stages = [];
          const progress = client.listenWorkflowProgress(session.session_id, {
            onEvent: (e) => stages.push(e.type),
          });
          const reply = await client.sendMessage(session.session_id, message);
          const result = await progress;
          client.setToken(null);
          return { reply: reply.text, stages, type: result.type, urls, cookie,
                   cookieAfterSignOut: document.cookie, open: client.openStreams };
        }""",
        [MODULE, server.token(user), SEED_CREATE],
    )
    token = server.token(user)
    assert result["cookie"].startswith("sb-access-token=")
    assert [u.split("?")[0].removeprefix(server.url) for u in result["urls"]] == [
        "/api/v1/workflow_generation",
        "/api/v1/chat/stream",
    ]
    assert not any("access_token=" in u for u in result["urls"]), (
        "same origin: the cookie, not the URL"
    )
    assert "BestBuy" in result["reply"]
    assert result["type"] == "complete" and result["stages"][-1] == "complete"
    assert result["cookieAfterSignOut"] == "" and result["open"] == 0
    assert token  # the cookie held a token the server accepted (the streams ran)


@pytest.mark.parametrize("pause_ms", [20, 0])
def test_module_workflow_chat_supersedes_and_cleans_up(
    open_page: Any, server: Any, user: str, pause_ms: int
) -> None:
    web = module_page(open_page)
    result = web.page.evaluate(
        """async ([module, token, message, pause]) => {
          const { WorkflowChat } = await import(module);
          const chat = new WorkflowChat(token);
          await chat.initSession('create');
          const stages = [];
          const progress = chat.listenWorkflowProgress((e) => stages.push(e.type));
          // a second message while the first streams: the first rejects (AbortError), the
          // server stops that turn, the second streams to the end
          const first = chat.sendMessage('hello there');
          const firstOutcome = first.then(() => 'resolved', (e) => e.name);
          await new Promise((r) => setTimeout(r, pause));
          let updates = 0;
          let completed = null;
          const reply = await chat.sendMessage(message, () => updates++, (text) => { completed = text; });
          const workflow = await progress;
          chat.disconnect();
          return { first: await firstOutcome, reply, completed, updates, stages,
                   version: workflow.data.version, workflowId: workflow.workflowId,
                   open: chat.client.openStreams, sessionId: chat.sessionId };
        }""",
        [MODULE, server.token(user), SEED_CREATE, pause_ms],
    )
    assert result["first"] == "AbortError"
    assert result["reply"] == result["completed"] and "BestBuy" in result["reply"]
    assert result["updates"] > 3
    assert result["stages"][-1] == "complete" and result["version"] == 1
    assert result["open"] == 0
    detail = httpx.get(
        f"{server.url}/api/v1/sessions/{result['sessionId']}", headers=server.headers(user)
    ).json()
    # the server took the messages in the order they were sent (the superseded one, though
    # aborted on its way, started its turn first): the last turn is the one that completed
    assert [m["content"] for m in detail["messages"] if m["role"] == "user"] == [
        "hello there",
        SEED_CREATE,
    ]
    statuses = [m["status"] for m in detail["messages"] if m["role"] == "assistant"]
    assert statuses[-1] == "complete" and len(statuses) == 2
