// flowsmith-client.js: a small browser client for the flowsmith API (ES module, no
// dependencies, no build step). Documented in docs/client.md.
//
//   import { FlowsmithClient, WorkflowChat } from '/static/flowsmith-client.js';
//   const client = new FlowsmithClient({ token });
//   const { session_id } = await client.createSession('create');
//   const progress = client.listenWorkflowProgress(session_id, { onEvent: (e) => show(e) });
//   const reply = await client.sendMessage(session_id, 'watch BestBuy stock', {
//     onDelta: (text) => render(text),
//   });
//   const { workflowId, data } = await progress;
//   client.close(); // aborts every stream this client still has open
//
// Streams are read with fetch (so the token travels in the Authorization header) and parsed
// here; a dropped stream is resumed with Last-Event-ID after an exponential backoff with
// jitter. Browsers without streaming fetch fall back to EventSource, authenticated by the
// sb-access-token cookie (kept in sync with the token) or, cross-origin, the access_token
// query parameter.

export const TOKEN_COOKIE = 'sb-access-token';
export const STAGES = Object.freeze(['waiting', 'start', 'draft', 'debugging', 'complete']);

const DEFAULT_RECONNECT = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 15000,
  maxRetries: 8,
  jitter: 0.5,
});
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

// ---------------------------------------------------------------------------------------
// Errors

/** An HTTP error from the API: `status`, and the body's `{"error": {code, message}}`. */
export class ApiError extends Error {
  constructor(status, code, message, body = null) {
    super(message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code || 'http_error';
    this.body = body;
  }

  static async fromResponse(response) {
    let body = null;
    let text = '';
    try {
      text = await response.text();
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    const error = body && typeof body === 'object' ? body.error : null;
    return new ApiError(
      response.status,
      error?.code,
      error?.message || text.slice(0, 200) || response.statusText,
      body,
    );
  }
}

/** A stream that could not be (re)established or that broke the protocol. */
export class StreamError extends Error {
  constructor(code, message, cause = undefined) {
    super(message);
    this.name = 'StreamError';
    this.code = code;
    if (cause !== undefined) this.cause = cause;
  }
}

/** The generation ended with an `error` event: `code`, `findings`, the event's `data`. */
export class GenerationError extends Error {
  constructor(event) {
    const data = event?.data || {};
    super(data.message || 'Workflow generation failed');
    this.name = 'GenerationError';
    this.code = data.code || 'generation_failed';
    this.findings = Array.isArray(data.findings) ? data.findings : [];
    this.workflowId = event?.workflow_id ?? null;
    this.data = data;
    this.event = event;
  }
}

function abortError() {
  return new DOMException('The stream was closed by the client', 'AbortError');
}

export function isAbortError(error) {
  return error?.name === 'AbortError';
}

// ---------------------------------------------------------------------------------------
// Server-sent events: the text/event-stream format (WHATWG HTML, "Server-sent events")

/**
 * An incremental text/event-stream parser. Feed it text as it arrives (any chunking, LF,
 * CR or CRLF line ends, a CRLF split across chunks); it calls `onEvent({id, type, data})`
 * for each complete event, `onComment(text)` for comment lines and `onRetry(ms)` for a
 * `retry:` field. `lastEventId` persists across events, as in EventSource.
 */
export class SSEParser {
  constructor({ onEvent, onComment = null, onRetry = null, lastEventId = '' } = {}) {
    this.onEvent = onEvent;
    this.onComment = onComment;
    this.onRetry = onRetry;
    this.lastEventId = lastEventId || '';
    this._buffer = '';
    this._data = [];
    this._type = '';
    this._started = false;
  }

  feed(text) {
    if (!this._started && text.length) {
      this._started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this._buffer += text;
    let start = 0;
    const buffer = this._buffer;
    for (let i = 0; i < buffer.length; i++) {
      const ch = buffer[i];
      if (ch !== '\n' && ch !== '\r') continue;
      if (ch === '\r') {
        if (i + 1 === buffer.length) break; // maybe the first half of a CRLF: wait for more
        this._line(buffer.slice(start, i));
        if (buffer[i + 1] === '\n') i++;
      } else {
        this._line(buffer.slice(start, i));
      }
      start = i + 1;
    }
    this._buffer = buffer.slice(start);
  }

  /** The stream ended: a trailing CR ends its line; an event without its blank line is
   *  discarded (as EventSource does). */
  end() {
    if (this._buffer.endsWith('\r')) this._line(this._buffer.slice(0, -1));
    this._buffer = '';
    this._data = [];
    this._type = '';
  }

  _line(line) {
    if (line === '') {
      this._dispatch();
      return;
    }
    if (line[0] === ':') {
      if (this.onComment) this.onComment(line.slice(1).replace(/^ /, ''));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    switch (field) {
      case 'data':
        this._data.push(value);
        break;
      case 'event':
        this._type = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value) && this.onRetry) this.onRetry(Number(value));
        break;
      default:
        break; // unknown fields are ignored
    }
  }

  _dispatch() {
    if (this._data.length === 0) {
      this._type = '';
      return;
    }
    const event = {
      id: this.lastEventId,
      type: this._type || 'message',
      data: this._data.join('\n'),
    };
    this._data = [];
    this._type = '';
    this.onEvent(event);
  }
}

/** Calls an event handler; its exception is reported, not taken for a broken stream. */
function callHandler(handler, ...args) {
  try {
    handler(...args);
  } catch (error) {
    if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
    else console.error(error);
  }
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(abortError());
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The delay before reconnect number `attempt` (1-based): exponential, capped, jittered. */
export function backoffDelay(attempt, options = DEFAULT_RECONNECT, random = Math.random) {
  const { initialDelayMs, maxDelayMs, jitter } = { ...DEFAULT_RECONNECT, ...options };
  const base = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - jitter + jitter * random()));
}

function retryAfterMs(response) {
  const value = response.headers.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

class RetryableError extends Error {
  constructor(cause, delayMs = null) {
    super(cause?.message || 'retryable');
    this.cause = cause;
    this.delayMs = delayMs;
  }
}

/** `promise`, or an AbortError as soon as `signal` aborts (`promise` itself runs on). */
function unlessAborted(promise, signal) {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortError());
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Links `inner` to `outer`: aborting `outer` aborts `inner`; returns the unlink function. */
function link(outer, inner) {
  if (!outer) return () => {};
  if (outer.aborted) {
    inner.abort();
    return () => {};
  }
  const onAbort = () => inner.abort();
  outer.addEventListener('abort', onAbort, { once: true });
  return () => outer.removeEventListener('abort', onAbort);
}

/**
 * Reads a server-sent event stream over fetch and follows it to its end.
 *
 * Resolves `{ended, event, lastEventId}`: `ended` is `'terminal'` (an event for which
 * `isTerminal(payload)` was true; `event` is its parsed payload) or `'no_content'` (HTTP 204:
 * the server has nothing more for this stream). Each event's `data` is parsed as JSON and
 * passed to `onEvent(payload, rawEvent)`; events whose data is not JSON go to `onBadEvent`.
 * A stream that ends or breaks before its terminal event is reconnected with `Last-Event-ID`
 * after `backoffDelay(attempt)` (a server `retry:` raises the initial delay; a 429/503's
 * Retry-After is honoured), up to `reconnect.maxRetries` attempts in a row; a stream that
 * sends nothing, not even a keepalive comment, for `idleTimeoutMs` counts as broken. HTTP
 * errors other than 408/425/429/5xx reject with `ApiError` at once. Aborting `signal`
 * cancels the request and rejects with an `AbortError`.
 *
 * `retryFirst: false` makes a failure before the first event final (for requests that are
 * not safe to repeat, such as the POST that starts a chat turn). Such a request, once sent,
 * is also left to get its answer: the server acts on it whether or not anybody waits, so
 * aborting `signal` before the response rejects at once but lets the request run on until
 * the server has answered it, then releases the connection. `onAnswered()` is called once
 * the first request has been answered or has failed (or was never sent): from then on a
 * later request cannot overtake it on its way to the server.
 */
export async function fetchEventStream({
  url,
  method = 'GET',
  headers = {},
  body = undefined,
  credentials = 'same-origin',
  lastEventId = '',
  signal = undefined,
  onEvent = () => {},
  onBadEvent = () => {},
  onOpen = () => {},
  onReconnect = () => {},
  onAnswered = () => {},
  isTerminal = () => false,
  reconnect = {},
  idleTimeoutMs = 45000,
  retryFirst = true,
  fetch: fetchImpl = globalThis.fetch.bind(globalThis),
}) {
  const policy = { ...DEFAULT_RECONNECT, ...reconnect };
  let lastId = lastEventId || '';
  let failures = 0;
  let serverRetryMs = null;
  let everReceived = Boolean(lastId);
  let answered = false;
  const markAnswered = () => {
    if (answered) return;
    answered = true;
    callHandler(onAnswered);
  };
  let sent = false;
  for (;;) {
    if (signal?.aborted) {
      if (!sent) markAnswered(); // never sent: nothing for a later request to wait for
      throw abortError();
    }
    const attemptCtrl = new AbortController();
    // a request that is not safe to repeat is not cancelled on its way: see above
    const held = !everReceived && !retryFirst;
    let unlink = held ? () => {} : link(signal, attemptCtrl);
    let pending = null; // the request, while its response has not been taken
    let received = false;
    let failure = null;
    try {
      const requestHeaders = { Accept: 'text/event-stream', ...headers };
      if (lastId) requestHeaders['Last-Event-ID'] = lastId;
      sent = true;
      pending = (async () =>
        fetchImpl(url, {
          method,
          headers: requestHeaders,
          body,
          credentials,
          cache: 'no-store',
          signal: attemptCtrl.signal,
        }))();
      pending.then(markAnswered, markAnswered);
      const response = await (held ? unlessAborted(pending, signal) : pending);
      pending = null;
      if (held) unlink = link(signal, attemptCtrl);
      if (response.status === 204) {
        return { ended: 'no_content', event: null, lastEventId: lastId };
      }
      if (!response.ok) {
        const error = await ApiError.fromResponse(response);
        if (RETRYABLE_STATUS.has(response.status)) {
          throw new RetryableError(error, retryAfterMs(response));
        }
        throw error;
      }
      if (!response.body) throw new StreamError('no_stream', 'The response has no readable body');
      onOpen(response);
      let terminal = null;
      const parser = new SSEParser({
        lastEventId: lastId,
        onRetry: (ms) => {
          serverRetryMs = ms;
        },
        onEvent: (raw) => {
          if (terminal) return;
          lastId = raw.id || lastId;
          received = true;
          everReceived = true;
          let payload;
          try {
            payload = JSON.parse(raw.data);
          } catch (error) {
            onBadEvent(raw, error);
            return;
          }
          callHandler(onEvent, payload, raw);
          if (isTerminal(payload)) terminal = payload;
        },
      });
      const outcome = await readStream(response.body, parser, () => terminal, idleTimeoutMs);
      if (terminal) return { ended: 'terminal', event: terminal, lastEventId: lastId };
      failure = new StreamError(
        outcome === 'idle' ? 'idle_timeout' : 'stream_ended',
        outcome === 'idle'
          ? `No data for ${idleTimeoutMs} ms`
          : 'The stream ended before its last event',
      );
    } catch (error) {
      if (signal?.aborted) throw abortError();
      if (error instanceof RetryableError) {
        failure = error;
      } else if (error instanceof ApiError || error instanceof StreamError) {
        throw error;
      } else {
        failure = error; // a network error (TypeError) or a broken body
      }
    } finally {
      unlink();
      if (pending && held) {
        // aborted on its way: the server gets it all the same; release it once answered
        pending.then(
          () => attemptCtrl.abort(),
          () => {},
        );
      } else {
        attemptCtrl.abort(); // releases the connection whatever happened
      }
    }
    if (!everReceived && !retryFirst) {
      throw failure instanceof RetryableError
        ? failure.cause
        : new StreamError('connect_failed', failure?.message || 'Could not connect', failure);
    }
    failures = received ? 1 : failures + 1;
    if (failures > policy.maxRetries) {
      const cause = failure instanceof RetryableError ? failure.cause : failure;
      throw new StreamError(
        'reconnect_failed',
        `The stream could not be resumed after ${policy.maxRetries} attempts`,
        cause,
      );
    }
    const initial = Math.max(policy.initialDelayMs, serverRetryMs ?? 0);
    let delay = backoffDelay(failures, { ...policy, initialDelayMs: initial });
    if (failure instanceof RetryableError && failure.delayMs != null) {
      delay = Math.min(Math.max(delay, failure.delayMs), policy.maxDelayMs * 4);
    }
    onReconnect({ attempt: failures, delayMs: delay, lastEventId: lastId, error: failure });
    await sleep(delay, signal);
  }
}

/** Feeds `body` into `parser` until the terminal event, the end, or `idleMs` of silence.
 *  Returns 'terminal' | 'end' | 'idle'. Throws on a broken body. */
async function readStream(body, parser, hasTerminal, idleMs) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      let timer;
      const idle = new Promise((resolve) => {
        timer = setTimeout(() => resolve({ idle: true }), idleMs);
      });
      let result;
      try {
        result = await Promise.race([reader.read(), idle]);
      } finally {
        clearTimeout(timer);
      }
      if (result.idle) return 'idle';
      if (result.done) {
        parser.feed(decoder.decode());
        parser.end();
        return hasTerminal() ? 'terminal' : 'end';
      }
      parser.feed(decoder.decode(result.value, { stream: true }));
      if (hasTerminal()) return 'terminal';
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/**
 * The same contract as `fetchEventStream` over the browser's EventSource (GET only, no
 * headers: authenticate with the cookie or `?access_token=`). EventSource reconnects by itself
 * with Last-Event-ID; when it gives up (HTTP 204, an error status, or `maxRetries` failed
 * reconnects in a row) this resolves `{ended: 'closed'}` if events were received, else rejects.
 * `holdFirst` and `onAnswered` are `fetchEventStream`'s `retryFirst: false` and `onAnswered`:
 * aborted before the stream opens, it rejects at once but closes the source only once the
 * server has answered (the stream opened, or failed).
 */
export function eventSourceStream({
  url,
  withCredentials = false,
  signal = undefined,
  onEvent = () => {},
  onBadEvent = () => {},
  onOpen = () => {},
  onReconnect = () => {},
  onAnswered = () => {},
  isTerminal = () => false,
  reconnect = {},
  holdFirst = false,
  EventSourceImpl = globalThis.EventSource,
}) {
  const policy = { ...DEFAULT_RECONNECT, ...reconnect };
  return new Promise((resolve, reject) => {
    let answered = false;
    const markAnswered = () => {
      if (answered) return;
      answered = true;
      callHandler(onAnswered);
    };
    if (signal?.aborted) {
      markAnswered(); // never sent
      reject(abortError());
      return;
    }
    const source = new EventSourceImpl(url, { withCredentials });
    let received = false;
    let failures = 0;
    let lastId = '';
    let settled = false;
    const finish = (fn, value) => {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (!answered && holdFirst) {
        // on its way: the server gets it all the same; close once it has answered
        fn(value);
        return;
      }
      source.close();
      fn(value);
    };
    const answer = () => {
      markAnswered();
      if (settled) source.close();
      return settled;
    };
    function onAbort() {
      finish(reject, abortError());
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    source.onopen = () => {
      if (answer()) return;
      failures = 0;
      onOpen(null);
    };
    source.onmessage = (message) => {
      if (answer()) return;
      received = true;
      lastId = message.lastEventId || lastId;
      let payload;
      try {
        payload = JSON.parse(message.data);
      } catch (error) {
        onBadEvent({ id: message.lastEventId, type: 'message', data: message.data }, error);
        return;
      }
      callHandler(onEvent, payload, { id: message.lastEventId, type: 'message', data: message.data });
      if (isTerminal(payload)) finish(resolve, { ended: 'terminal', event: payload, lastEventId: lastId });
    };
    source.onerror = () => {
      if (answer()) return;
      if (source.readyState === 2 /* CLOSED */) {
        if (received) finish(resolve, { ended: 'closed', event: null, lastEventId: lastId });
        else finish(reject, new StreamError('connect_failed', 'The event stream was refused'));
        return;
      }
      failures += 1;
      if (failures > policy.maxRetries) {
        finish(reject, new StreamError('reconnect_failed', 'The event stream could not be resumed'));
        return;
      }
      onReconnect({ attempt: failures, delayMs: null, lastEventId: lastId, error: null });
    };
  });
}

// ---------------------------------------------------------------------------------------
// Tokens and the cookie

/** The claims of a JWT (not verified: for display and expiry checks only), or null. */
export function decodeJwt(token) {
  try {
    const part = String(token).split('.')[1];
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** Sets (or with a falsy token, clears) the sb-access-token cookie for this origin. */
export function writeTokenCookie(token, { secure = globalThis.location?.protocol === 'https:' } = {}) {
  if (typeof document === 'undefined') return;
  const tail = `; Path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
  if (!token) {
    document.cookie = `${TOKEN_COOKIE}=${tail}; Max-Age=0`;
    return;
  }
  const exp = decodeJwt(token)?.exp;
  const maxAge = typeof exp === 'number' ? Math.max(0, Math.floor(exp - Date.now() / 1000)) : null;
  document.cookie = `${TOKEN_COOKIE}=${encodeURIComponent(token)}${tail}${maxAge != null ? `; Max-Age=${maxAge}` : ''}`;
}

function streamingFetchSupported() {
  return (
    typeof fetch === 'function' &&
    typeof ReadableStream === 'function' &&
    typeof Response === 'function' &&
    'body' in Response.prototype
  );
}

// ---------------------------------------------------------------------------------------
// The client

/**
 * A flowsmith API client. Options:
 *  - `baseUrl`: the server (default: this page's origin);
 *  - `token`: the access token (a Supabase JWT, or a dev token);
 *  - `syncCookie`: keep the `sb-access-token` cookie equal to the token (default: when the
 *    server is this page's origin). The server refuses a request whose header and cookie
 *    carry different tokens, so a page that authenticates anything by cookie must keep it
 *    in sync; requests that send the header send no cookies at all (`credentials: 'omit'`);
 *  - `transport`: `'auto'` (fetch streams, EventSource where fetch cannot stream), `'fetch'`
 *    or `'eventsource'`;
 *  - `reconnect`: `{initialDelayMs, maxDelayMs, maxRetries, jitter}`; `idleTimeoutMs`;
 *  - `language`: sent as Accept-Language (the server words its status lines in it);
 *  - `onUnauthorized(error)`: called on any 401 (token expired or refused);
 *  - `fetch`, `EventSource`: implementations to use (for tests).
 */
export class FlowsmithClient {
  constructor(options = {}) {
    const here = globalThis.location?.origin;
    this.baseUrl = String(options.baseUrl || here || '').replace(/\/+$/, '');
    this.sameOrigin = Boolean(here) && new URL(this.baseUrl, here).origin === here;
    this.syncCookie = options.syncCookie ?? this.sameOrigin;
    this.transport = options.transport || 'auto';
    this.reconnect = { ...DEFAULT_RECONNECT, ...(options.reconnect || {}) };
    this.idleTimeoutMs = options.idleTimeoutMs ?? 45000;
    this.language = options.language || null;
    this.onUnauthorized = options.onUnauthorized || null;
    this._fetch = options.fetch || globalThis.fetch?.bind(globalThis);
    this._EventSource = options.EventSource || globalThis.EventSource;
    this._streams = new Set();
    this._turnStarts = new Map(); // session id -> settles once its turn starts are answered
    this._token = null;
    this.setToken(options.token ?? null);
  }

  get token() {
    return this._token;
  }

  /** Changes the token (null signs out); keeps the cookie in step when `syncCookie`. */
  setToken(token) {
    this._token = token || null;
    if (this.syncCookie) writeTokenCookie(this._token);
  }

  /** The number of streams this client has open right now. */
  get openStreams() {
    return this._streams.size;
  }

  url(path, query = {}) {
    const url = new URL(this.baseUrl + path, globalThis.location?.href);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  _headers(extra = {}) {
    const headers = { ...extra };
    if (this._token) headers.Authorization = `Bearer ${this._token}`;
    if (this.language) headers['Accept-Language'] = this.language;
    return headers;
  }

  _credentials() {
    // with the header, no cookie: the two could disagree (another tab signed in as someone
    // else) and the server refuses that; without a token the cookie is the credential
    if (this._token) return 'omit';
    return this.sameOrigin ? 'same-origin' : 'include';
  }

  _unauthorized(error) {
    if (error instanceof ApiError && error.status === 401 && this.onUnauthorized) {
      try {
        this.onUnauthorized(error);
      } catch {
        /* the hook's own problem */
      }
    }
    return error;
  }

  /** One JSON request. Resolves the parsed body (null for 204); rejects `ApiError`. */
  async request(method, path, { body, query, signal, raw = false } = {}) {
    const headers = this._headers(body !== undefined ? { 'Content-Type': 'application/json' } : {});
    const response = await this._fetch(this.url(path, query), {
      method,
      headers,
      body: body !== undefined ? JSON.stringify(body) : undefined,
      credentials: this._credentials(),
      signal,
    });
    if (!response.ok) throw this._unauthorized(await ApiError.fromResponse(response));
    if (raw) return response;
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  // -- sign-in ------------------------------------------------------------------------

  /** Dev mode only (the server has no Supabase settings and you are on loopback): a token
   *  for `sub` from POST /api/v1/dev/token, which becomes this client's token. */
  async devSignIn(sub = 'dev-user') {
    const response = await this._fetch(this.url('/api/v1/dev/token'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sub }),
      credentials: 'omit',
    });
    if (!response.ok) throw await ApiError.fromResponse(response);
    const data = await response.json();
    this.setToken(data.access_token);
    return data;
  }

  // -- sessions and workflows ---------------------------------------------------------

  /** POST /api/v1/session: `{session_id, action, workflow_id}`. `copy` answers with the
   *  new workflow's id. */
  createSession(action = 'create', workflowId = null) {
    return this.request('POST', '/api/v1/session', {
      body: { action, workflow_id: workflowId },
    });
  }

  getSession(sessionId) {
    return this.request('GET', `/api/v1/sessions/${encodeURIComponent(sessionId)}`);
  }

  listWorkflows({ limit = 50, offset = 0 } = {}) {
    return this.request('GET', '/api/v1/workflows', { query: { limit, offset } });
  }

  getWorkflow(workflowId) {
    return this.request('GET', `/api/v1/workflows/${encodeURIComponent(workflowId)}`);
  }

  deleteWorkflow(workflowId) {
    return this.request('DELETE', `/api/v1/workflows/${encodeURIComponent(workflowId)}`);
  }

  listVersions(workflowId) {
    return this.request('GET', `/api/v1/workflows/${encodeURIComponent(workflowId)}/versions`);
  }

  getVersion(workflowId, version) {
    return this.request(
      'GET',
      `/api/v1/workflows/${encodeURIComponent(workflowId)}/versions/${encodeURIComponent(version)}`,
    );
  }

  exportUrl(workflowId, format = 'n8n', { version = null } = {}) {
    return this.url(`/api/v1/workflows/${encodeURIComponent(workflowId)}/export`, {
      format,
      version,
    });
  }

  /** GET …/export?format=n8n[&version=n]: `{filename, contentType, text}`; rejects
   *  `ApiError` (404 from a server without the exporter). */
  async exportWorkflow(workflowId, format = 'n8n', { version = null } = {}) {
    const response = await this.request(
      'GET',
      `/api/v1/workflows/${encodeURIComponent(workflowId)}/export`,
      { query: { format, version }, raw: true },
    );
    const disposition = response.headers.get('content-disposition') || '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    return {
      filename: match ? decodeURIComponent(match[1]) : null,
      contentType: response.headers.get('content-type') || 'application/json',
      text: await response.text(),
    };
  }

  // -- n8n: connection, deploy, executions ---------------------------------------------

  /** GET /api/v1/integrations/n8n: `{connected, url, api_key_hint, …}` (never the key). */
  getN8nConnection() {
    return this.request('GET', '/api/v1/integrations/n8n');
  }

  /** POST /api/v1/integrations/n8n: checks the key against the instance, stores it
   *  encrypted; rejects `ApiError` 422 (`n8n_unauthorized`, `n8n_unreachable`, …). */
  connectN8n(url, apiKey) {
    return this.request('POST', '/api/v1/integrations/n8n', { body: { url, api_key: apiKey } });
  }

  disconnectN8n() {
    return this.request('DELETE', '/api/v1/integrations/n8n');
  }

  /** POST …/deploy: creates the workflow in n8n the first time, updates it after;
   *  `{n8n_workflow_id, url, version, active, credentials_needed, …}`. */
  deployWorkflow(workflowId, { version = null } = {}) {
    return this.request('POST', `/api/v1/workflows/${encodeURIComponent(workflowId)}/deploy`, {
      body: version ? { version } : {},
    });
  }

  /** GET …/deployment; rejects `ApiError` 409 `workflow_not_deployed`. */
  getDeployment(workflowId) {
    return this.request('GET', `/api/v1/workflows/${encodeURIComponent(workflowId)}/deployment`);
  }

  setWorkflowActive(workflowId, active) {
    const action = active ? 'activate' : 'deactivate';
    return this.request('POST', `/api/v1/workflows/${encodeURIComponent(workflowId)}/${action}`);
  }

  /** GET …/executions: `{items: [{id, status, started_at, stopped_at, failed_node,
   *  error_message}], next_cursor, url}`, newest first. */
  listExecutions(workflowId, { limit = 20, cursor = null } = {}) {
    return this.request('GET', `/api/v1/workflows/${encodeURIComponent(workflowId)}/executions`, {
      query: { limit, cursor },
    });
  }

  // -- streams ------------------------------------------------------------------------

  _useEventSource() {
    if (this.transport === 'eventsource') return true;
    if (this.transport === 'fetch') return false;
    return !streamingFetchSupported() && typeof this._EventSource === 'function';
  }

  /** Runs `start(signal)` as a tracked stream: `close()` aborts it, `signal` too. */
  async _track(signal, start) {
    const ctrl = new AbortController();
    const unlink = link(signal, ctrl);
    this._streams.add(ctrl);
    try {
      return await start(ctrl.signal);
    } finally {
      unlink();
      this._streams.delete(ctrl);
      ctrl.abort();
    }
  }

  /** Runs `spec` as a tracked stream, once `spec.after` (if any) has settled. */
  _stream(signal, spec) {
    return this._track(signal, async (tracked) => {
      if (spec.after) {
        try {
          await unlessAborted(spec.after, tracked);
        } catch (error) {
          if (spec.onAnswered) spec.onAnswered(); // never sent
          throw error;
        }
      }
      const common = {
        signal: tracked,
        onEvent: spec.onEvent,
        onBadEvent: spec.onBadEvent,
        onReconnect: spec.onReconnect,
        onAnswered: spec.onAnswered,
        isTerminal: spec.isTerminal,
        reconnect: this.reconnect,
      };
      if (this._useEventSource()) {
        const query = { ...spec.query };
        if (!this.sameOrigin && this._token) query.access_token = this._token;
        return eventSourceStream({
          ...common,
          url: this.url(spec.path, query),
          withCredentials: !this.sameOrigin,
          holdFirst: spec.retryFirst === false,
          EventSourceImpl: this._EventSource,
        });
      }
      return fetchEventStream({
        ...common,
        url: this.url(spec.path, spec.post ? {} : spec.query),
        method: spec.post ? 'POST' : 'GET',
        body: spec.post ? JSON.stringify(spec.query) : undefined,
        headers: this._headers(spec.post ? { 'Content-Type': 'application/json' } : {}),
        credentials: this._credentials(),
        lastEventId: spec.lastEventId,
        idleTimeoutMs: this.idleTimeoutMs,
        retryFirst: spec.retryFirst ?? true,
        fetch: this._fetch,
      }).catch((error) => {
        throw this._unauthorized(error);
      });
    });
  }

  /**
   * Sends `message` and streams the reply (POST /api/v1/chat/stream; GET with the message
   * in the URL on the EventSource transport). Handlers:
   *  - `onDelta(text, delta, isComplete)`: the reply so far, after each piece;
   *  - `onStatus(event)`: `{"type":"status",...}` events (thinking, generating, ...);
   *  - `onError(error)`: a `{code, message}` the turn failed with (a last message follows);
   *  - `onEvent(event, raw)`: every event; `onReconnect(info)`: before each reconnect.
   * Resolves `{text, error, interrupted, turnId, lastEventId}` when the turn ends
   * (`is_complete`). A dropped stream resumes the same turn with Last-Event-ID (never a
   * second turn); the first request is not repeated if it fails before any event.
   *
   * Messages to one session reach the server in the order they were sent: a message waits
   * until the server has answered the request of the one before (the answer comes as soon
   * as that turn has started), even when that one was aborted meanwhile. The server starts
   * a turn for a request it received whether or not its client still waits, and a new turn
   * stops the session's running one: without the wait, a superseded message that was on
   * its way could start after its successor and stop it.
   */
  sendMessage(sessionId, message, handlers = {}) {
    return this._chat(sessionId, message, '', handlers);
  }

  /** Follows a turn already under way (or finished) after `lastEventId` (`t.<turn>.<n>`;
   *  `t.<turn>.0` replays it from its start), e.g. after a page reload. */
  resumeChat(sessionId, lastEventId, handlers = {}) {
    return this._chat(sessionId, null, lastEventId, handlers);
  }

  async _chat(sessionId, message, lastEventId, handlers) {
    const { onDelta, onStatus, onError, onEvent, onReconnect, signal } = handlers;
    let text = '';
    let error = null;
    let interrupted = false;
    let turnId = lastEventId ? lastEventId.split('.')[1] || null : null;
    const query = { session_id: sessionId, user_message: message ?? '' };
    const start = lastEventId ? { after: null, answered: undefined } : this._queueStart(sessionId);
    const result = await this._stream(signal, {
      path: '/api/v1/chat/stream',
      query,
      post: true,
      lastEventId,
      retryFirst: Boolean(lastEventId),
      after: start.after,
      onAnswered: start.answered,
      onReconnect,
      isTerminal: (event) => event?.type === 'message' && event.is_complete === true,
      onEvent: (event, raw) => {
        if (!turnId && raw?.id?.startsWith('t.')) turnId = raw.id.split('.')[1];
        if (onEvent) onEvent(event, raw);
        if (event?.type === 'message') {
          const delta = typeof event.delta === 'string' ? event.delta : '';
          text += delta;
          if (event.interrupted) interrupted = true;
          if (onDelta) onDelta(text, delta, event.is_complete === true);
        } else if (event?.type === 'status') {
          if (onStatus) onStatus(event);
        } else if (event?.type === 'error') {
          error = event.error || { code: 'error', message: 'The reply failed' };
          if (onError) onError(error);
        }
      },
    });
    return { text, error, interrupted, turnId, lastEventId: result.lastEventId, ended: result.ended };
  }

  /** A place in the session's queue of turn starts: `after` settles when the requests of
   *  the messages before have been answered; call `answered()` when this one's has been
   *  (or failed, or was never sent). */
  _queueStart(sessionId) {
    const after = this._turnStarts.get(sessionId) || null;
    let answered;
    const mine = new Promise((resolve) => {
      answered = resolve;
    });
    const done = after ? after.then(() => mine) : mine;
    this._turnStarts.set(sessionId, done);
    done.then(() => {
      if (this._turnStarts.get(sessionId) === done) this._turnStarts.delete(sessionId);
    });
    return { after, answered: () => answered() };
  }

  /**
   * Follows the session's workflow generation (GET /api/v1/workflow_generation):
   * `waiting` → `start` → `draft` → `debugging`… → `complete` | `error`. Each event goes to
   * `onEvent(event, raw)`. Resolves `{type: 'complete', workflowId, data, event}` on
   * `complete`; rejects `GenerationError` on `error`; resolves `{type: 'ended', ...}` with
   * the last event seen if the server says the stream is over (HTTP 204). A listener that
   * connects before the chat turn waits (`waiting`) for the generation the turn starts.
   */
  async listenWorkflowProgress(sessionId, handlers = {}) {
    const { onEvent, onReconnect, signal, lastEventId = '' } = handlers;
    let last = null;
    const result = await this._stream(signal, {
      path: '/api/v1/workflow_generation',
      query: { session_id: sessionId },
      lastEventId,
      onReconnect,
      isTerminal: (event) => event?.type === 'complete' || event?.type === 'error',
      onEvent: (event, raw) => {
        last = event;
        if (onEvent) onEvent(event, raw);
      },
    });
    const end = result.event || last;
    if (end?.type === 'error') throw new GenerationError(end);
    if (end?.type === 'complete') {
      return { type: 'complete', workflowId: end.workflow_id, data: end.data, event: end };
    }
    return { type: 'ended', workflowId: end?.workflow_id ?? null, data: end?.data ?? null, event: end };
  }

  /** Aborts every stream this client has open (their promises reject with AbortError). */
  close() {
    for (const ctrl of [...this._streams]) ctrl.abort();
    this._streams.clear();
  }
}

// ---------------------------------------------------------------------------------------
// The seed document's WorkflowChat, on this client

/**
 * The seed document's `WorkflowChat` (frontend-integration.md), same methods and callbacks,
 * done properly: the token goes in the Authorization header (the seed's EventSource could
 * not send it), dropped streams resume with Last-Event-ID, a superseded stream's promise
 * rejects with an AbortError instead of hanging, and `disconnect()` closes everything.
 */
export class WorkflowChat {
  constructor(userToken, options = {}) {
    this.client = options.client || new FlowsmithClient({ ...options, token: userToken });
    this.userToken = userToken;
    this.sessionId = null;
    this.workflowId = null;
    this._chat = null;
    this._workflow = null;
  }

  async initSession(action = 'create', workflowId = null) {
    const data = await this.client.createSession(action, workflowId);
    this.sessionId = data.session_id;
    this.workflowId = data.workflow_id ?? null;
    return this.sessionId;
  }

  /** `onUpdate(fullText, isComplete)`, `onComplete(fullText)`; resolves the full reply. */
  async sendMessage(message, onUpdate = null, onComplete = null) {
    if (!this.sessionId) throw new Error('Session not initialized');
    this.disconnectChat();
    const ctrl = new AbortController();
    this._chat = ctrl;
    try {
      const result = await this.client.sendMessage(this.sessionId, message, {
        signal: ctrl.signal,
        onDelta: (text, _delta, isComplete) => {
          if (onUpdate) onUpdate(text, isComplete);
        },
      });
      if (onComplete) onComplete(result.text);
      return result.text;
    } finally {
      if (this._chat === ctrl) this._chat = null;
    }
  }

  /** `onUpdate(event)` for every event, `onComplete(event)`; resolves
   *  `{workflowId, data}` on `complete`, rejects on `error`. */
  async listenWorkflowProgress(onUpdate = null, onComplete = null) {
    if (!this.sessionId) throw new Error('Session not initialized');
    this.disconnectWorkflow();
    const ctrl = new AbortController();
    this._workflow = ctrl;
    try {
      const result = await this.client.listenWorkflowProgress(this.sessionId, {
        signal: ctrl.signal,
        onEvent: (event) => {
          if (event.workflow_id) this.workflowId = event.workflow_id;
          if (onUpdate) onUpdate(event);
        },
      });
      if (onComplete && result.event) onComplete(result.event);
      return { workflowId: result.workflowId, data: result.data };
    } finally {
      if (this._workflow === ctrl) this._workflow = null;
    }
  }

  disconnectChat() {
    if (this._chat) {
      this._chat.abort();
      this._chat = null;
    }
  }

  disconnectWorkflow() {
    if (this._workflow) {
      this._workflow.abort();
      this._workflow = null;
    }
  }

  disconnect() {
    this.disconnectChat();
    this.disconnectWorkflow();
  }
}
