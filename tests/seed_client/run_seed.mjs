// node run_seed.mjs <base_url> <token> <scenario>
//
// Runs the seed document's client code, unchanged (see extract.mjs), in a minimal browser
// page (see browser.mjs) against a live flowsmith server, and prints one JSON line:
// {"ok": true, "scenario": ..., ...results} and exit 0, or {"ok": false, "error": ...} and
// exit 1. Scenarios:
//   create     the doc's createWorkflowExample flow driven through the WorkflowChat class:
//              initSession('create'), listenWorkflowProgress(...) started before
//              sendMessage(...), await the chat then the workflow.
//   edit       create (asking for Slack notices, so that the doc's "add email notification"
//              edit is a real change: the offline planner already notifies by email when the
//              create message names no channel), then initSession('edit', workflowId) on a new
//              WorkflowChat and the doc's edit message, same flow.
//   edit_noop  the doc's own pair: create with the doc's create message (the inventory monitor,
//              which already emails), then initSession('edit', workflowId) and the doc's edit
//              message "add email notification": nothing to change, and the seed's listener
//              (which has no timeout) must still get `complete`, on the unchanged workflow.
//   functions  the standalone createSession, sendMessage and listenWorkflowProgress, in the
//              order of the doc's usage examples (the listener connects after the turn).
//   examples   the WorkflowChat block's own usage section, verbatim: createWorkflowExample(),
//              then editWorkflowExample(<id>) on a workflow that notifies by Slack (created as
//              in `edit`).
// The seed's standalone functions arm 30 s / 120 s timers they never clear, so the process
// exits explicitly once the result is printed.

import { createBrowser } from './browser.mjs';
import { extractSeedClient } from './extract.mjs';

const SEED_CREATE = '请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon';
const SEED_EDIT = '请在现有workflow中添加邮件通知功能';
// the server's own edit test does the same: without a named channel the planner picks email
// (SEED_CREATE_BEFORE_EDIT overrides it, e.g. with the doc's own create message to see what a
// no-op edit does)
const CREATE_WITH_SLACK = process.env.SEED_CREATE_BEFORE_EDIT || `${SEED_CREATE}，有货时发Slack消息`;
const TIMEOUT_MS = Number(process.env.SEED_TIMEOUT_MS || 60000);

const [baseUrl, token, scenario] = process.argv.slice(2);
if (!baseUrl || !token || !scenario) {
  process.stderr.write('usage: node run_seed.mjs <base_url> <token> <create|edit|edit_noop|functions|examples>\n');
  process.exit(2);
}

const origin = new URL(baseUrl).origin;
const page = createBrowser({ origin, token });
const pieces = extractSeedClient();
for (const name of ['createSession', 'sendMessage', 'listenWorkflowProgress', 'WorkflowChat']) {
  page.load(pieces[name]);
}

/** What a rejection from the seed's code was: an Error, or an EventSource error event. */
function describe(error) {
  if (error instanceof Error || (error && typeof error.message === 'string' && error.stack)) {
    return `${error.name || 'Error'}: ${error.message}`;
  }
  if (error && typeof error === 'object') {
    return `EventSource error event ${JSON.stringify({ type: error.type, status: error.status, message: error.message })}`;
  }
  return String(error);
}

function finish(ok, payload) {
  const out = {
    ok,
    scenario,
    ...payload,
    eventSources: page.sourceSummaries(),
    consoleErrors: page.consoleErrors(),
    elements: Object.fromEntries(Object.entries(page.elements()).map(([id, el]) => [
      id, { ...el, text: el.text.length > 200 ? `${el.text.slice(0, 200)}…` : el.text },
    ])),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(ok ? 0 : 1);
}

process.on('unhandledRejection', (reason) => {
  finish(false, { error: `unhandled rejection: ${describe(reason)}` });
});

/** The seed's flow through the WorkflowChat class: listen first, then send, await both. */
async function chatFlow(action, workflowId, message) {
  const WorkflowChat = page.global('WorkflowChat');
  const updateWorkflowUI = page.global('updateWorkflowUI');
  const chat = new WorkflowChat(token);
  const sessionId = await chat.initSession(action, workflowId);

  const stages = [];
  const waitingMessages = [];
  let completeEvent = null;
  const workflowPromise = chat.listenWorkflowProgress(
    (data) => {
      stages.push(data.type);
      if (data.type === 'waiting') waitingMessages.push(data.data?.message);
      updateWorkflowUI(data.data?.message || data.type, data.workflow_id, data.data);
    },
    (data) => {
      completeEvent = data;
    },
  );
  workflowPromise.catch(() => {}); // awaited below; do not let an early rejection go unhandled

  const updates = [];
  let onCompleteText = null;
  const chatText = await chat.sendMessage(
    message,
    (content, isComplete) => {
      updates.push({ content, isComplete });
      page.document.getElementById('ai-response').textContent = content;
    },
    (finalContent) => {
      onCompleteText = finalContent;
    },
  );
  // A turn that starts no generation ends with a fresh `waiting` (the contract); the seed's
  // listener then waits for the next generation, forever. Say so instead of timing out.
  let watcher;
  const noGeneration = new Promise((_, reject) => {
    watcher = setInterval(() => {
      if (stages.filter((t) => t === 'waiting').length >= 2 && !stages.includes('start')) {
        reject(new Error(
          `the turn started no generation: the listener got a fresh waiting ` +
          `(${JSON.stringify(waitingMessages)}); the reply was ${JSON.stringify(chatText)}`,
        ));
      }
    }, 25);
  });
  let workflowResult;
  try {
    workflowResult = await Promise.race([workflowPromise, noGeneration]);
  } finally {
    clearInterval(watcher);
    chat.disconnect();
  }

  let growsByPrefix = true;
  for (let i = 1; i < updates.length; i++) {
    if (!updates[i].content.startsWith(updates[i - 1].content)) growsByPrefix = false;
  }
  return {
    action,
    sessionId,
    chatText,
    onCompleteText,
    updates: updates.length,
    updateCompleteFlags: updates.map((u) => u.isComplete),
    growsByPrefix,
    stages,
    workflowId: workflowResult.workflowId,
    completeVersion: workflowResult.data?.version ?? null,
    completeMessage: workflowResult.data?.message ?? null,
    completeUnchanged: workflowResult.data?.unchanged ?? null,
    completeUncovered: workflowResult.data?.uncovered ?? null,
    onCompleteType: completeEvent?.type ?? null,
    nodeCount: workflowResult.data?.workflow?.nodes?.length ?? null,
  };
}

async function waitFor(predicate, what) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function logged(first) {
  return page.console.find((e) => e.args[0] === first);
}

const scenarios = {
  async create() {
    return chatFlow('create', null, SEED_CREATE);
  },

  async edit() {
    const created = await chatFlow('create', null, CREATE_WITH_SLACK);
    const edited = await chatFlow('edit', created.workflowId, SEED_EDIT);
    return { created, edited };
  },

  async edit_noop() {
    const created = await chatFlow('create', null, SEED_CREATE);
    const edited = await chatFlow('edit', created.workflowId, SEED_EDIT);
    return { created, edited };
  },

  async functions() {
    const createSession = page.global('createSession');
    const sendMessage = page.global('sendMessage');
    const listenWorkflowProgress = page.global('listenWorkflowProgress');
    const sessionId = await createSession('create');
    const chatText = await sendMessage(sessionId, SEED_CREATE);
    const result = await listenWorkflowProgress(sessionId);
    const workflowSource = page.sources.find((s) => s.path === '/api/v1/workflow_generation');
    return {
      sessionId,
      chatText,
      workflowId: result.workflowId,
      completeVersion: result.data?.version ?? null,
      stages: workflowSource.events.map((e) => e.type),
      stageClasses: page.document.getElementById('workflow-stage').classNameHistory,
      aiResponse: page.document.getElementById('ai-response').summary(),
    };
  },

  async examples() {
    page.load(pieces.WorkflowChatExamples);
    await page.global('createWorkflowExample')();
    const failed = logged('Workflow creation failed:');
    if (failed) throw new Error(`createWorkflowExample failed: ${describe(failed.args[1])}`);
    const done = logged('Complete workflow creation:');
    if (!done) throw new Error('createWorkflowExample did not log its result');
    const { chatResponse, workflowResult } = done.args[1];

    const existing = await chatFlow('create', null, CREATE_WITH_SLACK);
    await page.global('editWorkflowExample')(existing.workflowId);
    const editFailed = logged('Workflow edit failed:');
    if (editFailed) throw new Error(`editWorkflowExample failed: ${describe(editFailed.args[1])}`);
    // the example does not await its listener; wait for its completion callback's log
    const editListener = page.sources.filter((x) => x.path === '/api/v1/workflow_generation').at(-1);
    const freshWaiting = () => {
      const types = editListener.events.map((e) => e.type);
      return types.filter((t) => t === 'waiting').length >= 2 && !types.includes('start');
    };
    await waitFor(
      () => logged('Workflow update completed:') || logged('Workflow SSE connection error:') ||
        freshWaiting(),
      'the edit generation to complete',
    );
    if (freshWaiting()) {
      page.global('chat').disconnect();
      throw new Error(`the edit turn started no generation: ${JSON.stringify(
        editListener.events.map((e) => e.data?.data?.message))}`);
    }
    page.global('chat').disconnect();
    const updateCompleted = logged('Workflow update completed:');
    if (!updateCompleted) throw new Error('the edit listener failed (see consoleErrors)');
    const editEvent = updateCompleted.args[1];
    return {
      chatResponse,
      workflowId: workflowResult.workflowId,
      createVersion: workflowResult.data?.version ?? null,
      chatUpdatesLogged: page.console.filter((e) => e.args[0] === 'Chat update:').length,
      existingWorkflowId: existing.workflowId,
      editWorkflowId: editEvent.workflow_id,
      editVersion: editEvent.data?.version ?? null,
      editType: editEvent.type,
    };
  },
};

if (!(scenario in scenarios)) {
  process.stderr.write(`unknown scenario ${scenario}\n`);
  process.exit(2);
}

setTimeout(() => finish(false, { error: `scenario timed out after ${TIMEOUT_MS} ms` }), TIMEOUT_MS);

try {
  finish(true, await scenarios[scenario]());
} catch (error) {
  finish(false, { error: describe(error) });
}
