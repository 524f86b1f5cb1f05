// A minimal "browser page" for the seed's client code: a vm context whose globals are what
// the seed's code touches in a browser, and nothing it would not have there.
//
// - `window` is the global object, `window.location.origin` the server's base URL.
// - `userToken`: the seed's code reads it as a page global.
// - `fetch`: Node's fetch, resolving relative URLs against the origin as a browser does
//   (Node's fetch rejects '/api/v1/session').
// - `EventSource`: the `eventsource` npm package (v2, which honours `{ headers }` as the seed's
//   standalone functions pass them). The URL is stringified and resolved against the origin
//   as a browser does. When the seed's code passes no Authorization header (the WorkflowChat
//   class) the shim sends the `sb-access-token` cookie instead, which is what a signed-in
//   Supabase page's EventSource carries. Every EventSource is recorded (events, errors,
//   opens) for the report; the recording never changes what the seed's handlers see.
// - `document.getElementById`: stub elements for the ids the seed's code uses, recording
//   textContent writes and className/classList changes.
// - `console`: captured (and echoed to stderr when SEED_VERBOSE=1).

import vm from 'node:vm';
import { format } from 'node:util';
import NpmEventSource from 'eventsource';

class StubElement {
  constructor(id) {
    this.id = id;
    this.textWrites = 0;
    this.classNameHistory = [];
    this._text = '';
    this._classes = new Set();
    const classes = this._classes;
    this.classList = {
      add: (...names) => names.forEach((n) => classes.add(n)),
      remove: (...names) => names.forEach((n) => classes.delete(n)),
      contains: (name) => classes.has(name),
      toString: () => [...classes].join(' '),
    };
  }

  get textContent() {
    return this._text;
  }

  set textContent(value) {
    this.textWrites += 1;
    this._text = String(value);
  }

  get className() {
    return [...this._classes].join(' ');
  }

  set className(value) {
    this.classNameHistory.push(String(value));
    this._classes.clear();
    String(value).split(/\s+/).filter(Boolean).forEach((n) => this._classes.add(n));
  }

  summary() {
    return {
      text: this._text,
      textWrites: this.textWrites,
      classes: [...this._classes],
      classNameHistory: this.classNameHistory,
    };
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createBrowser({ origin, token, verbose = process.env.SEED_VERBOSE === '1' }) {
  const elements = new Map();
  const consoleLog = [];
  const sources = [];

  const document = {
    getElementById(id) {
      if (!elements.has(id)) elements.set(id, new StubElement(id));
      return elements.get(id);
    },
  };

  const capture = (level) => (...args) => {
    consoleLog.push({ level, args });
    if (verbose) process.stderr.write(`[seed console.${level}] ${format(...args)}\n`);
  };
  const pageConsole = {
    log: capture('log'),
    info: capture('info'),
    warn: capture('warn'),
    error: capture('error'),
    debug: capture('debug'),
  };

  const pageFetch = (input, init) =>
    fetch(typeof input === 'string' ? new URL(input, origin) : input, init);

  class EventSource extends NpmEventSource {
    constructor(url, init = {}) {
      const href = new URL(String(url), origin).href;
      const headers = { ...(init.headers || {}) };
      const hasAuthorization = Object.keys(headers).some((k) => k.toLowerCase() === 'authorization');
      if (!hasAuthorization) headers.Cookie = `sb-access-token=${token}`;
      super(href, { ...init, headers });
      const parsed = new URL(href);
      this._record = {
        path: parsed.pathname,
        auth: hasAuthorization ? 'header' : 'cookie',
        opens: 0,
        events: [],
        errors: [],
        closedByClient: false,
      };
      sources.push(this._record);
      // the seed never sets onopen, so this listener is never replaced
      this.addEventListener('open', () => {
        this._record.opens += 1;
      });
    }

    // the package calls emit() for every event that has a listener; the seed sets onmessage
    // and onerror (each assignment replaces all listeners, so recording must not use one)
    emit(type, event, ...rest) {
      if (type === 'message') {
        const data = safeJson(event.data);
        this._record.events.push({ id: event.lastEventId, type: data?.type, data });
      } else if (type === 'error') {
        this._record.errors.push({ status: event?.status, message: event?.message });
      }
      return super.emit(type, event, ...rest);
    }

    close() {
      this._record.closedByClient = true;
      return super.close();
    }
  }

  const context = vm.createContext({
    document,
    console: pageConsole,
    fetch: pageFetch,
    EventSource,
    URL,
    URLSearchParams,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    userToken: token,
    location: { origin, href: `${origin}/` },
  });
  vm.runInContext('globalThis.window = globalThis;', context);

  return {
    context,
    document,
    console: consoleLog,
    sources,
    /** Runs one piece of the seed's code as its own classic script, like a <script> tag:
     *  top-level const/class declarations stay visible to later scripts. */
    load(piece) {
      vm.runInContext(piece.code, context, { filename: `frontend-integration.md#${piece.name}` });
    },
    /** A top-level binding of the page (a const or class declared by a loaded script). */
    global(name) {
      return vm.runInContext(name, context);
    },
    elements() {
      return Object.fromEntries([...elements].map(([id, el]) => [id, el.summary()]));
    },
    consoleErrors() {
      return consoleLog.filter((e) => e.level === 'error').map((e) => format(...e.args));
    },
    sourceSummaries() {
      return sources.map((s) => ({
        path: s.path,
        auth: s.auth,
        opens: s.opens,
        types: s.events.map((e) => e.type),
        ids: s.events.map((e) => e.id),
        errors: s.errors,
        closedByClient: s.closedByClient,
      }));
    },
  };
}
