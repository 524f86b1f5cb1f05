// The flowsmith page: sign in, your workflows, a chat that streams, the generation's five
// stages, the workflow drawn as a graph, the check's findings. Built on flowsmith-client.js.

import {
  ApiError,
  FlowsmithClient,
  GenerationError,
  STAGES,
  decodeJwt,
  isAbortError,
} from './flowsmith-client.js';
import { FAMILIES, renderGraph, renderLegend } from './graph.js';
import { applyI18n, lang, langTag, setLang, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'flowsmith.token';
const SESSION_KEY = 'flowsmith.session';
const SUPABASE_KEY = 'flowsmith.supabase';

const state = {
  client: null,
  claims: null,
  session: null, // {id, action, workflowId, label}
  chat: null, // AbortController of the reply being streamed
  gen: null, // {sessionId, ctrl}
  reached: null, // last generation stage reached
  workflows: [],
  open: null, // the workflow shown: {id, name, version, description, copied_from}
  versions: [],
  viewVersion: null,
  graph: { workflow: null, findings: [], diff: null, draft: false, simulation: null },
  view: null,
  scale: null, // null: fit to width
  selected: null,
  n8n: { connection: null, deployment: null, runs: [], cursor: null, token: 0 },
};

// ----------------------------------------------------------------------------------------
// small helpers

function storage(key, value) {
  try {
    if (value === undefined) return localStorage.getItem(key);
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* storage may be off */
  }
  return null;
}

let toastTimer = null;
function toast(message, kind = 'info') {
  const box = $('toast');
  box.textContent = message;
  box.className = `toast show${kind === 'error' ? ' error' : ''}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    box.className = 'toast';
  }, 5000);
}

function describeError(error) {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  return error?.message || String(error);
}

function formatDate(value) {
  try {
    return new Date(value).toLocaleString(langTag(), { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    return String(value);
  }
}

function button(text, className, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

// ----------------------------------------------------------------------------------------
// sign-in

function makeClient(token) {
  return new FlowsmithClient({
    token,
    language: langTag(),
    onUnauthorized: () => signOut(t('expired')),
  });
}

function showSignIn(message = '') {
  $('app-view').hidden = true;
  $('signin-view').hidden = false;
  $('who').hidden = true;
  $('sign-out').hidden = true;
  const error = $('signin-error');
  error.textContent = message;
  error.hidden = !message;
}

async function signedIn(token, { remember = true } = {}) {
  state.client?.close();
  const client = makeClient(token);
  state.client = client;
  state.claims = decodeJwt(token) || {};
  // the token must be good before we show the app
  try {
    await loadWorkflows();
  } catch (error) {
    client.setToken(null);
    client.close();
    if (state.client === client) state.client = null;
    throw error;
  }
  if (remember) storage(TOKEN_KEY, token);
  $('signin-view').hidden = true;
  $('app-view').hidden = false;
  const who = state.claims.email || state.claims.sub || '?';
  $('who').textContent = t('signedInAs', { who });
  $('who').hidden = false;
  $('sign-out').hidden = false;
  resetSessionView();
  await restoreSession();
  $('main').focus();
}

function signOut(message = '') {
  abortStreams();
  if (state.client) {
    state.client.setToken(null); // clears the cookie too
    state.client.close();
  }
  state.client = null;
  state.session = null;
  state.open = null;
  storage(TOKEN_KEY, null);
  storage(SESSION_KEY, null);
  showSignIn(message);
}

function tokenUsable(token) {
  const claims = decodeJwt(token);
  return Boolean(claims) && (typeof claims.exp !== 'number' || claims.exp * 1000 > Date.now() + 30000);
}

async function onDevSignIn(event) {
  event.preventDefault();
  const sub = $('dev-sub').value.trim() || 'dev-user';
  const submit = $('dev-sign-in');
  submit.disabled = true;
  try {
    const probe = new FlowsmithClient({ syncCookie: false });
    const data = await probe.devSignIn(sub);
    await signedIn(data.access_token);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) showSignIn(t('devUnavailable'));
    else showSignIn(t('error', { message: describeError(error) }));
  } finally {
    submit.disabled = false;
  }
}

async function onTokenSignIn(event) {
  event.preventDefault();
  const token = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
  if (!token) return;
  try {
    await signedIn(token);
    $('token-input').value = '';
  } catch (error) {
    showSignIn(t('tokenInvalid', { message: describeError(error) }));
  }
}

async function onSupabaseSignIn(event) {
  event.preventDefault();
  const url = $('sb-url').value.trim().replace(/\/+$/, '');
  const key = $('sb-key').value.trim();
  storage(SUPABASE_KEY, JSON.stringify({ url, key }));
  try {
    const response = await fetch(`${url}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: $('sb-email').value.trim(), password: $('sb-password').value }),
      credentials: 'omit',
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.access_token) {
      throw new Error(body.error_description || body.msg || body.message || `HTTP ${response.status}`);
    }
    $('sb-password').value = '';
    await signedIn(body.access_token);
  } catch (error) {
    showSignIn(t('supabaseFailed', { message: describeError(error) }));
  }
}

// ----------------------------------------------------------------------------------------
// workflows

async function loadWorkflows() {
  const data = await state.client.listWorkflows({ limit: 200 });
  state.workflows = data?.items || [];
  renderWorkflowList();
}

function renderWorkflowList() {
  const list = $('workflow-list');
  list.replaceChildren();
  for (const wf of state.workflows) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'workflow-item';
    b.dataset.workflowId = wf.id;
    if (state.open?.id === wf.id) b.setAttribute('aria-current', 'true');
    const name = document.createElement('span');
    name.className = 'wf-name';
    name.textContent = wf.name;
    const meta = document.createElement('span');
    meta.className = 'wf-meta';
    const bits = [t('versionShort', { n: wf.version }), formatDate(wf.updated_at)];
    if (wf.copied_from) bits.push(t('copiedFrom'));
    meta.textContent = bits.join(' · ');
    b.append(name, meta);
    b.addEventListener('click', () => openWorkflow(wf.id).catch(reportError));
    li.appendChild(b);
    list.appendChild(li);
  }
  $('workflow-list-empty').hidden = state.workflows.length > 0;
}

function markOpenInList() {
  for (const b of $('workflow-list').querySelectorAll('.workflow-item')) {
    if (state.open && b.dataset.workflowId === state.open.id) b.setAttribute('aria-current', 'true');
    else b.removeAttribute('aria-current');
  }
}

/** Shows a stored workflow (its current version, or `version`). */
async function openWorkflow(workflowId, { version = null, diff = null, findings = [] } = {}) {
  const detail = await state.client.getWorkflow(workflowId);
  const versions = await state.client.listVersions(workflowId);
  state.open = {
    id: detail.id,
    name: detail.name,
    version: detail.version,
    description: detail.description,
    copied_from: detail.copied_from,
  };
  state.versions = versions?.items || [];
  let workflow = detail.workflow;
  state.viewVersion = detail.version;
  if (version && version !== detail.version) {
    const stored = await state.client.getVersion(workflowId, version);
    workflow = stored.workflow;
    state.viewVersion = version;
  }
  state.selected = null;
  showWorkflow(workflow, { findings, diff, draft: false });
  renderVersions();
  markOpenInList();
  refreshN8n();
}

function renderVersions() {
  const picker = $('version-picker');
  const select = $('version-select');
  select.replaceChildren();
  if (!state.open || !state.versions.length) {
    picker.hidden = true;
    return;
  }
  for (const v of [...state.versions].sort((a, b) => b.version - a.version)) {
    const option = document.createElement('option');
    option.value = String(v.version);
    option.textContent = t('versionOption', { n: v.version, date: formatDate(v.created_at) });
    if (v.version === state.viewVersion) option.selected = true;
    select.appendChild(option);
  }
  picker.hidden = false;
}

function showWorkflow(workflow, { findings = [], diff = null, draft = false, simulation = null } = {}) {
  state.graph = { workflow, findings, diff, draft, simulation };
  const name = $('workflow-name');
  name.textContent = workflow?.name || '';
  if (draft && workflow) {
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = t('draftBadge');
    name.appendChild(badge);
  }
  const id = workflow?.id || state.open?.id;
  $('workflow-id').textContent = id ? t('workflowId', { id }) : '';
  $('workflow-description').textContent = workflow?.description || '';
  $('workflow-actions').hidden = !(state.open && !draft);
  $('n8n-panel').hidden = !(state.open && !draft);
  const summary = $('diff-summary');
  const changes = diff && workflow?.version > 1 ? diff : null;
  if (changes) {
    summary.textContent = t('diffSummary', {
      added: (changes.added_nodes || []).length,
      changed: (changes.changed_nodes || []).length,
      removed: (changes.removed_nodes || []).length,
    });
  }
  summary.hidden = !changes;
  if (state.open && state.viewVersion && state.open.version && state.viewVersion !== state.open.version) {
    summary.textContent = t('viewingVersion', { n: state.viewVersion, total: state.open.version });
    summary.hidden = false;
  }
  drawGraph();
}

function drawGraph() {
  const container = $('graph');
  const { workflow, findings, diff } = state.graph;
  if (!workflow || !workflow.nodes?.length) {
    container.replaceChildren();
    const empty = document.createElement('p');
    empty.className = 'hint graph-empty';
    empty.textContent = t('noWorkflow');
    container.appendChild(empty);
    renderLegend($('legend'), [], t);
    $('node-details').hidden = true;
    state.view = null;
    return;
  }
  // a redraw replaces every node: the one that had the keyboard focus gets it back
  const focused = container.contains(document.activeElement)
    ? document.activeElement.closest?.('[data-node-id]')?.getAttribute('data-node-id')
    : null;
  state.view = renderGraph(container, workflow, {
    findings,
    diff: workflow.version > 1 ? diff : null,
    t,
    selected: state.selected,
    scale: state.scale ?? undefined,
    onSelect: (node) => selectNode(node.id),
  });
  if (focused) container.querySelector(`[data-node-id="${CSS.escape(focused)}"]`)?.focus();
  const present = FAMILIES.filter((f) => workflow.nodes.some((n) => n.type === f));
  renderLegend($('legend'), present, t);
  if (state.selected) renderNodeDetails();
}

function selectNode(nodeId) {
  state.selected = state.selected === nodeId ? null : nodeId;
  drawGraph();
  const again = $('graph').querySelector(`[data-node-id="${CSS.escape(nodeId)}"]`);
  if (again) again.focus();
  renderNodeDetails();
}

function renderNodeDetails() {
  const box = $('node-details');
  const workflow = state.graph.workflow;
  const node = workflow?.nodes?.find((n) => n.id === state.selected);
  if (!node) {
    box.hidden = true;
    return;
  }
  const body = $('node-details-body');
  body.replaceChildren();
  const row = (label, value, pre = false) => {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    if (pre) {
      const p = document.createElement('pre');
      p.textContent = value;
      dd.appendChild(p);
    } else {
      dd.textContent = value;
    }
    body.append(dt, dd);
  };
  row('ID', node.id);
  row(t('family'), t(`family_${node.type}`));
  row(t('subtype'), node.subtype);
  const names = new Map(workflow.nodes.map((n) => [n.id, n.name]));
  const outs = (workflow.connections || [])
    .filter((c) => c.from_node === node.id)
    .map((c) => `${c.from_output && c.from_output !== 'main' ? `[${c.from_output}] ` : ''}${names.get(c.to_node) || c.to_node}`);
  if (outs.length) row(t('outputs'), outs.join(', '));
  if (node.attached_nodes?.length) row(t('attached'), node.attached_nodes.map((id) => names.get(id) || id).join(', '));
  const counts = state.graph.simulation?.items?.[node.id];
  if (counts) row(t('dryRun'), t('dryRunCounts', { runs: counts.runs, in: counts.in, out: counts.out }));
  row(t('parameters'), JSON.stringify(node.parameters || {}, null, 2), true);
  box.hidden = false;
}

function renderFindings(data, { passedText = null } = {}) {
  const section = document.querySelector('.findings');
  const list = $('findings-list');
  const summary = $('findings-summary');
  list.replaceChildren();
  section.classList.remove('passed');
  if (!data) {
    summary.textContent = t('findingsNone');
    return;
  }
  const findings = Array.isArray(data.findings) ? data.findings : [];
  const errors = data.errors ?? findings.filter((f) => f.severity === 'error').length;
  const warnings = data.warnings ?? findings.filter((f) => f.severity === 'warning').length;
  const lines = [];
  if (data.round) lines.push(t('findingsRound', { round: data.round, errors, warnings }));
  // what the request asked for and the workflow does not do: said instead of "all passed"
  const uncovered = Array.isArray(data.uncovered) ? data.uncovered : [];
  if (!errors && uncovered.length) {
    lines.push(t('findingsUncovered', { count: uncovered.length }));
    for (const item of uncovered) lines.push(`• ${item.message || item.code}`);
  } else if (!errors) {
    lines.push({ ok: passedText || t('findingsPassed') });
    section.classList.add('passed');
  }
  if (Array.isArray(data.checks) && data.checks.length) lines.push(t('checksRun', { checks: data.checks.join(', ') }));
  const names = new Map((state.graph.workflow?.nodes || []).map((n) => [n.id, n.name]));
  const sim = data.simulation;
  if (sim && typeof sim === 'object' && typeof sim.runs === 'number') {
    lines.push(t('simulation', { runs: sim.runs, ran: sim.nodes_run ?? '?', total: sim.nodes_total ?? '?', steps: sim.steps ?? '?' }));
    if (Array.isArray(sim.never_run) && sim.never_run.length) {
      lines.push(t('neverRun', { names: sim.never_run.map((id) => names.get(id) || id).join(', ') }));
    }
    if (sim.step_limit_reached) lines.push(t('stepLimit'));
  }
  summary.replaceChildren(
    ...lines.map((line) => {
      const span = document.createElement('span');
      span.className = typeof line === 'string' ? 'summary-line' : 'summary-line ok';
      span.textContent = typeof line === 'string' ? line : line.ok;
      return span;
    }),
  );
  for (const finding of findings) {
    const li = document.createElement('li');
    const severity = ['error', 'warning', 'info'].includes(finding.severity) ? finding.severity : 'error';
    li.className = `finding ${severity}`;
    const sev = document.createElement('span');
    sev.className = 'sev';
    sev.textContent = `${t(`severity_${severity}`)}:`;
    li.appendChild(sev);
    li.appendChild(document.createTextNode(`${finding.message || finding.code} `));
    if (finding.node_id) {
      li.appendChild(
        button(`(${names.get(finding.node_id) || finding.node_id})`, 'link', () => selectNode(finding.node_id)),
      );
    }
    list.appendChild(li);
  }
  for (const repair of Array.isArray(data.repairs) ? data.repairs : []) {
    const li = document.createElement('li');
    li.className = 'finding info';
    const sev = document.createElement('span');
    sev.className = 'sev';
    sev.textContent = `${t('repaired')}:`;
    li.append(sev, document.createTextNode(repair.message || repair.code));
    list.appendChild(li);
  }
}

// ----------------------------------------------------------------------------------------
// progress

function setStage(type, message, { failed = false } = {}) {
  const progress = document.querySelector('.progress');
  progress.classList.toggle('is-error', failed);
  progress.classList.toggle('is-complete', type === 'complete' && !failed);
  let current = STAGES.indexOf(type);
  let failedAt = -1;
  if (failed) {
    const reached = STAGES.indexOf(state.reached ?? 'waiting');
    failedAt = state.reached === 'debugging' ? reached : Math.min(reached + 1, STAGES.length - 1);
    current = failedAt;
  } else if (current >= 0) {
    state.reached = type;
  }
  for (const [index, li] of [...$('stages').children].entries()) {
    const done = failed ? index < failedAt : type === 'complete' ? true : index < current;
    const isCurrent = !failed && type !== 'complete' && index === current;
    const isFailed = failed && index === failedAt;
    li.className = done ? 'done' : isCurrent ? 'current' : isFailed ? 'failed' : '';
    if (isCurrent || isFailed) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
    li.querySelector('.stage-state').textContent = ` (${t(
      done ? 'stateDone' : isCurrent ? 'stateCurrent' : isFailed ? 'stateFailed' : 'stateTodo',
    )})`;
  }
  $('stages').dataset.stage = failed ? 'error' : type || '';
  $('workflow-status').textContent = message ?? '';
}

function resetProgress() {
  state.reached = null;
  setStage(null, t('idle'));
}

/**
 * Follows the session's generations. After one ends the listener reconnects at once, so a
 * generation queued meanwhile (a message sent while another was being generated) is
 * followed too; the `waiting` that such a listener gets on connecting does not replace the
 * result on screen.
 */
function ensureListener({ afterEnd = false } = {}) {
  const session = state.session;
  if (!session || (state.gen && state.gen.sessionId === session.id)) return;
  state.gen?.ctrl.abort();
  const ctrl = new AbortController();
  const gen = { sessionId: session.id, ctrl, seen: 0 };
  state.gen = gen;
  const mine = () => state.gen === gen && state.session?.id === session.id;
  state.client
    .listenWorkflowProgress(session.id, {
      signal: ctrl.signal,
      onEvent: (event) => {
        if (!mine()) return;
        gen.seen += 1;
        if (afterEnd && gen.seen === 1 && event.type === 'waiting') return;
        onGenerationEvent(event);
      },
      onReconnect: ({ attempt }) => {
        if (mine()) $('workflow-status').textContent = t('reconnecting', { n: attempt });
      },
    })
    .then(async (result) => {
      if (mine() && result.type === 'complete') await onGenerationComplete(result.event);
      return 'ended';
    })
    .catch((error) => {
      if (isAbortError(error) || !mine()) return 'closed';
      if (error instanceof GenerationError) {
        onGenerationFailed(error);
        return 'ended';
      }
      setStage(null, t('error', { message: describeError(error) }), { failed: true });
      return 'broken';
    })
    .then((outcome) => {
      if (state.gen !== gen) return;
      state.gen = null;
      if (outcome === 'ended' && state.session?.id === session.id) {
        setTimeout(() => {
          if (state.session?.id === session.id) ensureListener({ afterEnd: true });
        }, 200);
      }
    });
}

function onGenerationEvent(event) {
  const data = event.data || {};
  const type = event.type;
  if (!STAGES.includes(type)) return; // error is handled by the promise
  if (type === 'start') {
    state.graph.findings = [];
    renderFindings(null);
  }
  if (event.workflow_id && state.session && !state.session.workflowId) {
    state.session.workflowId = event.workflow_id;
    rememberSession();
  }
  if (type !== 'complete') setStage(type, data.message || t(`stage_${type}`));
  if (data.workflow && type !== 'complete') {
    state.selected = null;
    showWorkflow(data.workflow, { findings: [], draft: true });
  }
  if (type === 'debugging') {
    state.graph.findings = data.findings || [];
    state.graph.simulation = data.simulation || null;
    renderFindings(data);
    drawGraph();
  }
}

async function onGenerationComplete(event) {
  const data = event.data || {};
  const workflowId = event.workflow_id;
  const simulation = data.simulation || state.graph.simulation;
  if (state.session && workflowId) {
    state.session.workflowId = workflowId;
    rememberSession();
  }
  const findings = data.findings || [];
  if (data.workflow) showWorkflow(data.workflow, { findings, diff: data.diff, simulation });
  try {
    await loadWorkflows();
    if (workflowId) await openWorkflow(workflowId, { diff: data.diff, findings });
  } catch (error) {
    reportError(error);
  }
  state.graph.simulation = simulation;
  renderFindings({ ...data, round: null, checks: null, simulation });
  // last: `complete` on the stages means the page shows all of it
  setStage('complete', data.message || t('stage_complete'));
}

function onGenerationFailed(error) {
  setStage(null, t('failed', { message: error.message }), { failed: true });
  state.graph.findings = error.findings;
  renderFindings({ findings: error.findings, errors: error.findings.filter((f) => f.severity === 'error').length });
  drawGraph();
}

// ----------------------------------------------------------------------------------------
// sessions and chat

function rememberSession() {
  if (!state.session || !state.claims) return;
  storage(SESSION_KEY, JSON.stringify({ sub: state.claims.sub, ...state.session }));
}

function abortStreams() {
  state.chat?.abort();
  state.chat = null;
  state.gen?.ctrl.abort();
  state.gen = null;
}

function resetSessionView() {
  $('messages').replaceChildren();
  $('chat-notice').hidden = true;
  $('session-info').textContent = t('sessionNone');
  resetProgress();
  renderFindings(null);
  setBusy(false);
}

function sessionLabel(session) {
  if (session.action === 'edit') return t('sessionEdit', { name: session.label || session.workflowId });
  if (session.action === 'copy') return t('sessionCopy', { name: session.label || session.workflowId });
  return t('sessionCreate');
}

/** A new session: `create`, or `edit`/`copy` of `workflowId`. */
async function newSession(action = 'create', workflowId = null, label = '') {
  abortStreams();
  const created = await state.client.createSession(action, workflowId);
  state.session = {
    id: created.session_id,
    action,
    workflowId: created.workflow_id ?? null,
    label,
  };
  rememberSession();
  resetSessionView();
  $('session-info').textContent = sessionLabel(state.session);
  if (action === 'create') {
    state.open = null;
    state.versions = [];
    state.selected = null;
    renderVersions();
    markOpenInList();
    showWorkflow(null);
  }
  ensureListener();
  return state.session;
}

async function restoreSession() {
  let saved = null;
  try {
    saved = JSON.parse(storage(SESSION_KEY) || 'null');
  } catch {
    saved = null;
  }
  if (!saved?.id || saved.sub !== state.claims?.sub) return;
  let detail;
  try {
    detail = await state.client.getSession(saved.id);
  } catch {
    storage(SESSION_KEY, null);
    return;
  }
  state.session = {
    id: detail.id,
    action: detail.action,
    workflowId: detail.workflow_id,
    label: saved.label || '',
  };
  $('session-info').textContent = sessionLabel(state.session);
  let streaming = null;
  for (const message of detail.messages || []) {
    if (message.role === 'user') addMessage('user', message.content);
    else if (message.role === 'assistant') {
      const bubble = addMessage('assistant', message.content, { interrupted: message.status === 'interrupted' });
      if (message.status === 'streaming') streaming = { message, bubble };
    }
  }
  if (detail.workflow_id) await openWorkflow(detail.workflow_id).catch(() => {});
  // a generation under way (or ended unseen) is replayed; otherwise the listener waits
  ensureListener();
  if (streaming) {
    setBusy(true);
    streamInto(streaming.bubble, (handlers) =>
      state.client.resumeChat(state.session.id, `t.${streaming.message.id}.0`, handlers),
    ).finally(() => setBusy(false));
  }
}

function scrollMessages(force = false) {
  const log = $('messages');
  const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  if (force || nearBottom) log.scrollTop = log.scrollHeight;
}

function addMessage(role, text, { streaming = false, interrupted = false } = {}) {
  const li = document.createElement('li');
  li.className = `message ${role}${streaming ? ' streaming' : ''}`;
  const who = document.createElement('span');
  who.className = 'who-label';
  who.textContent = role === 'user' ? t('you') : t('assistant');
  const body = document.createElement('span');
  body.className = 'message-text';
  body.textContent = text + (interrupted ? ` ${t('interrupted')}` : '');
  li.append(who, body);
  $('messages').appendChild(li);
  scrollMessages(true);
  return li;
}

function setBusy(busy) {
  $('send').disabled = busy;
  $('send').textContent = busy ? t('sending') : t('send');
  for (const chip of document.querySelectorAll('.chip')) chip.disabled = busy;
  $('messages').setAttribute('aria-busy', busy ? 'true' : 'false');
}

/** Streams a reply into `bubble` through `start(handlers)`. */
async function streamInto(bubble, start) {
  state.chat?.abort();
  const ctrl = new AbortController();
  state.chat = ctrl;
  const text = bubble.querySelector('.message-text');
  const notice = $('chat-notice');
  bubble.classList.add('streaming');
  try {
    const result = await start({
      signal: ctrl.signal,
      onDelta: (full) => {
        notice.hidden = true;
        text.textContent = full;
        scrollMessages();
      },
      onError: (error) => {
        bubble.classList.add('failed');
        toast(t('replyFailed', { message: error.message }), 'error');
      },
      onReconnect: ({ attempt }) => {
        notice.textContent = t('reconnecting', { n: attempt });
        notice.hidden = false;
      },
    });
    if (result.interrupted) text.textContent = `${result.text} ${t('interrupted')}`;
    bubble.dataset.complete = 'true';
    return result;
  } catch (error) {
    if (!isAbortError(error)) {
      bubble.classList.add('failed');
      if (!text.textContent) text.textContent = t('replyFailed', { message: describeError(error) });
      reportError(error);
    }
    return null;
  } finally {
    bubble.classList.remove('streaming');
    notice.hidden = true;
    if (state.chat === ctrl) state.chat = null;
  }
}

async function send(message) {
  const text = message.trim();
  if (!text || !state.client) return;
  setBusy(true);
  try {
    if (!state.session) await newSession('create');
    addMessage('user', text);
    const bubble = addMessage('assistant', '', { streaming: true });
    ensureListener();
    const sessionId = state.session.id;
    await streamInto(bubble, (handlers) => state.client.sendMessage(sessionId, text, handlers));
  } catch (error) {
    reportError(error);
  } finally {
    setBusy(false);
  }
}

function reportError(error) {
  if (isAbortError(error)) return;
  if (error instanceof ApiError && error.status === 401) return; // onUnauthorized signs out
  toast(t('error', { message: describeError(error) }), 'error');
}

// ----------------------------------------------------------------------------------------
// workflow actions

async function editCurrent() {
  if (!state.open) return;
  await newSession('edit', state.open.id, state.open.name);
  await openWorkflow(state.open.id);
  $('chat-input').focus();
}

async function copyCurrent() {
  if (!state.open) return;
  const source = state.open;
  await newSession('copy', source.id, source.name);
  const copyId = state.session.workflowId;
  await loadWorkflows();
  if (copyId) {
    await openWorkflow(copyId);
    state.session.label = state.open.name;
    rememberSession();
    $('session-info').textContent = sessionLabel(state.session);
  }
  toast(t('copied', { name: state.open?.name || source.name }));
}

function confirmDialog(text) {
  const dialog = $('confirm-dialog');
  $('confirm-text').textContent = text;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
  });
}

async function deleteCurrent() {
  if (!state.open) return;
  const target = state.open;
  if (!(await confirmDialog(t('confirmDelete', { name: target.name })))) {
    $('delete-workflow').focus();
    return;
  }
  await state.client.deleteWorkflow(target.id);
  if (state.session?.workflowId === target.id) {
    abortStreams();
    state.session = null;
    storage(SESSION_KEY, null);
    resetSessionView();
  }
  state.open = null;
  state.versions = [];
  renderVersions();
  showWorkflow(null);
  await loadWorkflows();
  toast(t('deleted', { name: target.name }));
  $('new-workflow').focus();
}

async function exportCurrent() {
  if (!state.open) return;
  try {
    const version = state.viewVersion && state.viewVersion !== state.open.version ? state.viewVersion : null;
    const result = await state.client.exportWorkflow(state.open.id, 'n8n', { version });
    let text = result.text;
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      /* not JSON: save as it came */
    }
    const slug = (state.open.name || 'workflow').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'workflow';
    const file = result.filename || `${slug}.n8n.json`;
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    toast(t('exported', { file }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code !== 'workflow_not_found') {
      toast(t('exportUnavailable'), 'error');
    } else {
      reportError(error);
    }
  }
}

// ----------------------------------------------------------------------------------------
// n8n: connection, deploy, activation, runs

function n8nError(error) {
  const box = $('n8n-error');
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  if (isAbortError(error) || (error instanceof ApiError && error.status === 401)) return;
  box.textContent = describeError(error);
  box.hidden = false;
}

/** Reloads the n8n panel for the open workflow: connection, deployment, first page of runs. */
async function refreshN8n() {
  const open = state.open;
  const panel = $('n8n-panel');
  if (!open) {
    panel.hidden = true;
    return;
  }
  const ticket = ++state.n8n.token; // a later refresh wins over a slower earlier one
  n8nError(null);
  try {
    const connection = await state.client.getN8nConnection();
    let deployment = null;
    let runs = { items: [], next_cursor: null };
    if (connection?.connected) {
      try {
        deployment = await state.client.getDeployment(open.id);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'workflow_not_deployed')) throw error;
      }
      if (deployment && deployment.in_n8n !== false) {
        runs = await state.client.listExecutions(open.id, { limit: 10 }).catch((error) => {
          n8nError(error);
          return { items: [], next_cursor: null };
        });
      }
    }
    if (ticket !== state.n8n.token || state.open?.id !== open.id) return;
    Object.assign(state.n8n, { connection, deployment, runs: runs.items || [], cursor: runs.next_cursor });
  } catch (error) {
    if (ticket !== state.n8n.token) return;
    n8nError(error);
  }
  renderN8n();
}

function renderN8n() {
  const panel = $('n8n-panel');
  const { connection, deployment, runs, cursor } = state.n8n;
  panel.hidden = !state.open || state.graph.draft;
  const connected = Boolean(connection?.connected);
  $('n8n-connect-form').hidden = connected;
  $('n8n-disconnect-row').hidden = !connected;
  const info = $('n8n-connection');
  info.hidden = !connected;
  info.textContent = connected ? t('n8nConnected', { url: connection.url, hint: connection.api_key_hint }) : '';
  const box = $('n8n-deployment');
  box.hidden = !connected;
  if (!connected) return;
  const line = $('n8n-deployed');
  const open = $('n8n-open');
  if (!deployment) {
    line.textContent = t('n8nNotDeployed', { url: connection.url });
  } else if (deployment.in_n8n === false) {
    line.textContent = t('n8nGone');
  } else {
    const stateText = deployment.active ? t('n8nActive') : t('n8nInactive');
    line.textContent =
      deployment.version === deployment.latest_version
        ? t('n8nDeployed', { version: deployment.version, state: stateText })
        : t('n8nDeployedOld', { version: deployment.version, latest: deployment.latest_version, state: stateText });
  }
  const live = Boolean(deployment && deployment.in_n8n !== false);
  open.hidden = !live;
  if (live) open.href = deployment.url;
  $('n8n-activate').hidden = !live || deployment.active;
  $('n8n-deactivate').hidden = !live || !deployment.active;
  const todo = live ? deployment.credentials_needed || [] : [];
  $('n8n-todo').hidden = todo.length === 0;
  const list = $('n8n-todo-list');
  list.replaceChildren();
  for (const item of todo) {
    const li = document.createElement('li');
    if (item.chosen_in_n8n) {
      li.className = 'done';
      li.textContent = t('n8nTodoDone', { node: item.n8n_node });
    } else {
      li.textContent = t('n8nTodoItem', { node: item.n8n_node, types: item.credential_types.join(t('n8nOr')) });
    }
    list.appendChild(li);
  }
  $('n8n-runs-title').hidden = !live;
  $('n8n-runs-empty').hidden = !live || runs.length > 0;
  const ol = $('n8n-runs');
  ol.replaceChildren(...runs.map(renderRun));
  $('n8n-more').hidden = !live || !cursor;
}

function renderRun(run) {
  const li = document.createElement('li');
  li.dataset.executionId = run.id;
  const status = document.createElement('span');
  status.className = 'run-status';
  status.dataset.status = run.status;
  status.textContent = t(`run_${run.status}`) === `run_${run.status}` ? run.status : t(`run_${run.status}`);
  const when = document.createElement('span');
  when.className = 'hint small';
  when.textContent = `#${run.id} · ${run.started_at ? formatDate(run.started_at) : ''}`;
  li.append(status, when);
  if (run.failed_node || run.error_message) {
    const detail = document.createElement('span');
    detail.className = 'run-detail';
    const parts = [];
    if (run.failed_node) parts.push(t('n8nFailedAt', { node: run.failed_node.name || run.failed_node.n8n_name }));
    if (run.error_message) parts.push(run.error_message);
    detail.textContent = parts.join(': ');
    if (run.failed_node?.id) {
      detail.dataset.nodeId = run.failed_node.id;
      detail.tabIndex = 0;
      detail.setAttribute('role', 'button');
      const show = () => {
        state.selected = null;
        selectNode(run.failed_node.id);
      };
      detail.addEventListener('click', show);
      detail.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          show();
        }
      });
    }
    li.appendChild(detail);
  }
  return li;
}

async function connectN8n(event) {
  event.preventDefault();
  const button = $('n8n-connect');
  const url = $('n8n-url').value.trim();
  const key = $('n8n-key');
  button.disabled = true;
  button.textContent = t('n8nConnecting');
  n8nError(null);
  try {
    await state.client.connectN8n(url, key.value);
    key.value = '';
    toast(t('n8nConnectedToast'));
    await refreshN8n();
  } catch (error) {
    n8nError(error);
  } finally {
    button.disabled = false;
    button.textContent = t('n8nConnect');
  }
}

async function disconnectN8n() {
  await state.client.disconnectN8n();
  toast(t('n8nDisconnected'));
  await refreshN8n();
}

async function deployCurrent() {
  if (!state.open) return;
  if (state.n8n.connection && !state.n8n.connection.connected) {
    // connect first: the form is in the n8n panel
    $('n8n-panel').hidden = false;
    $('n8n-url').focus();
    return;
  }
  const button = $('deploy-workflow');
  const version = state.viewVersion && state.viewVersion !== state.open.version ? state.viewVersion : null;
  button.disabled = true;
  button.textContent = t('deploying');
  n8nError(null);
  try {
    const result = await state.client.deployWorkflow(state.open.id, { version });
    toast(result.recreated ? t('n8nRecreated') : t('n8nDeployedToast', { version: result.version }));
    state.n8n.deployment = result;
    renderN8n();
    await refreshN8n();
    if (result.activation_error) n8nError(new Error(t('n8nActivationError', { message: result.activation_error })));
  } catch (error) {
    n8nError(error);
    reportError(error);
  } finally {
    button.disabled = false;
    button.textContent = t('deployN8n');
  }
}

async function setActive(active) {
  if (!state.open) return;
  n8nError(null);
  try {
    await state.client.setWorkflowActive(state.open.id, active);
    toast(active ? t('n8nActivated') : t('n8nDeactivated'));
    await refreshN8n();
  } catch (error) {
    n8nError(error);
  }
}

async function moreRuns() {
  if (!state.open || !state.n8n.cursor) return;
  try {
    const page = await state.client.listExecutions(state.open.id, { limit: 10, cursor: state.n8n.cursor });
    state.n8n.runs = [...state.n8n.runs, ...(page.items || [])];
    state.n8n.cursor = page.next_cursor;
    renderN8n();
  } catch (error) {
    n8nError(error);
  }
}

// ----------------------------------------------------------------------------------------
// wiring

function relabel() {
  applyI18n();
  $('messages').dataset.empty = t('chatEmpty');
  $('lang-toggle').textContent = t('switchLanguage');
  if (state.claims) $('who').textContent = t('signedInAs', { who: state.claims.email || state.claims.sub || '?' });
  if (state.session) $('session-info').textContent = sessionLabel(state.session);
  else if (state.client) $('session-info').textContent = t('sessionNone');
  if (state.client) {
    state.client.language = langTag();
    renderWorkflowList();
    renderVersions();
    drawGraph();
    if (state.open) renderN8n();
  }
  const stage = $('stages').dataset.stage;
  if (!stage) setStage(null, state.reached ? $('workflow-status').textContent : t('idle'));
  $('send').textContent = $('send').disabled ? t('sending') : t('send');
}

function zoom(factor) {
  if (!state.view) return;
  state.scale = factor === null ? null : state.view.scale * factor;
  state.view.setScale(factor === null ? state.view.fitScale : state.scale);
}

function wire() {
  $('dev-form').addEventListener('submit', onDevSignIn);
  $('token-form').addEventListener('submit', onTokenSignIn);
  $('supabase-form').addEventListener('submit', onSupabaseSignIn);
  $('sign-out').addEventListener('click', () => signOut());
  $('lang-toggle').addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    relabel();
  });
  $('new-workflow').addEventListener('click', () =>
    newSession('create').then(() => $('chat-input').focus(), reportError),
  );
  $('refresh-workflows').addEventListener('click', () => loadWorkflows().catch(reportError));
  $('chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if ($('send').disabled) return;
    const input = $('chat-input');
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    send(text);
  });
  $('chat-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('chat-form').requestSubmit();
    }
  });
  for (const chip of document.querySelectorAll('.chip')) {
    chip.addEventListener('click', () => {
      if (!$('send').disabled) send(t(chip.dataset.example));
    });
  }
  $('edit-workflow').addEventListener('click', () => editCurrent().catch(reportError));
  $('copy-workflow').addEventListener('click', () => copyCurrent().catch(reportError));
  $('delete-workflow').addEventListener('click', () => deleteCurrent().catch(reportError));
  $('export-workflow').addEventListener('click', () => exportCurrent());
  $('deploy-workflow').addEventListener('click', () => deployCurrent());
  $('n8n-connect-form').addEventListener('submit', (event) => connectN8n(event));
  $('n8n-disconnect').addEventListener('click', () => disconnectN8n().catch(n8nError));
  $('n8n-activate').addEventListener('click', () => setActive(true));
  $('n8n-deactivate').addEventListener('click', () => setActive(false));
  $('n8n-more').addEventListener('click', () => moreRuns());
  $('n8n-refresh').addEventListener('click', () => refreshN8n());
  $('version-select').addEventListener('change', (event) => {
    if (state.open) openWorkflow(state.open.id, { version: Number(event.target.value) }).catch(reportError);
  });
  $('zoom-in').addEventListener('click', () => zoom(1.2));
  $('zoom-out').addEventListener('click', () => zoom(1 / 1.2));
  $('zoom-fit').addEventListener('click', () => zoom(null));
  $('close-details').addEventListener('click', () => {
    const id = state.selected;
    state.selected = null;
    $('node-details').hidden = true;
    drawGraph();
    if (id) $('graph').querySelector(`[data-node-id="${CSS.escape(id)}"]`)?.focus();
  });
  window.addEventListener('pagehide', () => state.client?.close());
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (state.scale === null) drawGraph();
    }, 150);
  });
}

async function start() {
  wire();
  relabel();
  try {
    const saved = JSON.parse(storage(SUPABASE_KEY) || 'null');
    if (saved?.url) $('sb-url').value = saved.url;
    if (saved?.key) $('sb-key').value = saved.key;
  } catch {
    /* ignore */
  }
  const token = storage(TOKEN_KEY);
  if (token && tokenUsable(token)) {
    try {
      await signedIn(token, { remember: false });
      return;
    } catch {
      storage(TOKEN_KEY, null);
    }
  }
  showSignIn();
}

// exposed for tests and the console: the page's client and state
window.flowsmith = { state, send, newSession, openWorkflow };
start().finally(() => {
  document.documentElement.dataset.ready = 'true';
});
