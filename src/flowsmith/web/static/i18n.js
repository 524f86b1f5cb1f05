// The page's text in English and Chinese, chosen by the browser's language (a button on the
// page switches, and the choice is remembered).

const STRINGS = {
  en: {
    skip: 'Skip to content',
    tagline: 'Describe an automation in plain words; get a checked, versioned workflow.',
    switchLanguage: '中文',
    switchLanguageLabel: 'Switch to Chinese (切换到中文)',
    signInTitle: 'Sign in',
    devTitle: 'Local development',
    devHint: 'Dev mode only: this server mints a token for any user id, for requests from this machine.',
    devUser: 'User id',
    devButton: 'Sign in with a dev token',
    devUnavailable:
      'Dev sign-in is not available here (the server uses Supabase, or you are not on its machine). Paste an access token instead.',
    tokenTitle: 'Access token',
    tokenLabel: 'Supabase access token (JWT)',
    tokenHint: 'From your app’s Supabase session (supabase.auth.getSession()).',
    tokenButton: 'Use this token',
    tokenInvalid: 'That token was refused: {message}',
    supabaseTitle: 'Supabase email sign-in',
    supabaseUrl: 'Supabase project URL',
    supabaseKey: 'Supabase anon key',
    email: 'Email',
    password: 'Password',
    supabaseButton: 'Sign in with Supabase',
    supabaseFailed: 'Supabase sign-in failed: {message}',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {who}',
    expired: 'Your sign-in expired or was refused. Please sign in again.',
    workflowsTitle: 'Your workflows',
    newWorkflow: 'New workflow',
    refresh: 'Refresh',
    noWorkflows: 'No workflows yet. Describe one in the chat to create it.',
    versionShort: 'v{n}',
    copiedFrom: 'copy',
    chatTitle: 'Chat',
    sessionNone: 'Start a new workflow, or open one of yours and edit it by chat.',
    sessionCreate: 'New workflow: describe what it should do.',
    sessionEdit: 'Editing “{name}”: describe the change.',
    sessionCopy: 'Editing the copy “{name}”.',
    chatEmpty: 'Describe the automation you want below, or start from an example.',
    messageLabel: 'Your message',
    messagePlaceholder: 'e.g. Watch BestBuy and Amazon stock every hour and email me when it is back',
    send: 'Send',
    sending: 'Replying…',
    sendHint: 'Enter sends; Shift+Enter adds a line.',
    examplesLabel: 'Examples',
    example1: 'Watch BestBuy and Amazon stock every hour and email me when it is back',
    example2: 'Every morning summarise new GitHub issues with AI and post them to Slack',
    example3: 'When a form is submitted, ask a manager to approve it, then add a row to a sheet',
    you: 'You',
    assistant: 'flowsmith',
    interrupted: '(interrupted)',
    replyFailed: 'The reply failed: {message}',
    reconnecting: 'Connection lost; reconnecting (attempt {n})…',
    progressTitle: 'Generation',
    stagesLabel: 'Generation stages',
    stage_waiting: 'Waiting',
    stage_start: 'Started',
    stage_draft: 'Draft',
    stage_debugging: 'Checking',
    stage_complete: 'Complete',
    stateDone: 'done',
    stateCurrent: 'current',
    stateFailed: 'failed',
    stateTodo: 'not yet',
    idle: 'Nothing is being generated.',
    failed: 'Generation failed: {message}',
    workflowTitle: 'Workflow',
    noWorkflow: 'The workflow appears here, drawn as a graph, as soon as a draft exists.',
    workflowId: 'Workflow ID: {id}',
    draftBadge: 'draft',
    viewingVersion: 'Viewing version {n} of {total}',
    versionLabel: 'Version',
    versionOption: 'Version {n} · {date}',
    editByChat: 'Edit by chat',
    copy: 'Copy',
    exportN8n: 'Export to n8n',
    delete: 'Delete',
    cancel: 'Cancel',
    confirmDeleteTitle: 'Delete workflow?',
    confirmDelete: 'Delete “{name}”? It leaves your list and can no longer be edited.',
    deleted: 'Deleted “{name}”.',
    copied: 'Copied to a new workflow “{name}”; you are editing the copy.',
    exported: 'Exported “{file}”.',
    exportUnavailable: 'Export to n8n is not available on this server yet.',
    graphLabel: 'Workflow graph of “{name}”: {nodes} nodes, {edges} connections',
    zoomLabel: 'Zoom',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    zoomFit: 'Fit to width',
    legendLabel: 'Node families',
    nodeLabel: '{name}, {family} ({subtype})',
    nodeProblem: '{n} problem(s)',
    nodeNew: 'new',
    nodeChanged: 'changed',
    nodeDetails: 'Node details',
    family: 'Family',
    subtype: 'Type',
    parameters: 'Parameters',
    attached: 'Attached',
    outputs: 'Goes to',
    closeDetails: 'Close details',
    findingsTitle: 'Check results',
    findingsNone: 'No check has run yet.',
    findingsPassed: 'All checks passed.',
    findingsUncovered: 'No errors, but {count} part(s) of your request are not done yet:',
    findingsRound: 'Round {round}: {errors} error(s), {warnings} warning(s)',
    checksRun: 'Checks: {checks}',
    severity_error: 'Error',
    severity_warning: 'Warning',
    severity_info: 'Note',
    repaired: 'Fixed',
    simulation: 'Dry run: {runs} run(s), {ran} of {total} nodes ran, {steps} steps.',
    neverRun: 'Never ran: {names}.',
    stepLimit: 'The dry run stopped at its step limit.',
    dryRun: 'Dry run',
    dryRunCounts: '{runs} run(s), {in} item(s) in, {out} out',
    diffSummary: 'Changes in this version: {added} added, {changed} changed, {removed} removed.',
    error: 'Something went wrong: {message}',
    family_TRIGGER: 'Trigger',
    family_ACTION: 'Action',
    family_EXTERNAL_ACTION: 'External action',
    family_AI_AGENT: 'AI agent',
    family_FLOW: 'Flow control',
    family_HUMAN_IN_THE_LOOP: 'Human in the loop',
    family_TOOL: 'Tool',
    family_MEMORY: 'Memory',
  },
  zh: {
    skip: '跳到主要内容',
    tagline: '用自然语言描述自动化需求，得到经过检查、带版本的工作流。',
    switchLanguage: 'English',
    switchLanguageLabel: '切换到英文 (Switch to English)',
    signInTitle: '登录',
    devTitle: '本地开发',
    devHint: '仅限开发模式：服务器为任意用户 ID 签发令牌，只接受本机请求。',
    devUser: '用户 ID',
    devButton: '使用开发令牌登录',
    devUnavailable: '此处无法使用开发登录（服务器使用 Supabase，或你不在服务器所在的机器上）。请粘贴访问令牌。',
    tokenTitle: '访问令牌',
    tokenLabel: 'Supabase 访问令牌（JWT）',
    tokenHint: '来自你的应用的 Supabase 会话（supabase.auth.getSession()）。',
    tokenButton: '使用此令牌',
    tokenInvalid: '令牌被拒绝：{message}',
    supabaseTitle: 'Supabase 邮箱登录',
    supabaseUrl: 'Supabase 项目 URL',
    supabaseKey: 'Supabase anon key',
    email: '邮箱',
    password: '密码',
    supabaseButton: '使用 Supabase 登录',
    supabaseFailed: 'Supabase 登录失败：{message}',
    signOut: '退出登录',
    signedInAs: '已登录：{who}',
    expired: '登录已过期或被拒绝，请重新登录。',
    workflowsTitle: '我的工作流',
    newWorkflow: '新建工作流',
    refresh: '刷新',
    noWorkflows: '还没有工作流。在对话中描述一个即可创建。',
    versionShort: '第 {n} 版',
    copiedFrom: '副本',
    chatTitle: '对话',
    sessionNone: '新建一个工作流，或打开已有的工作流并通过对话修改。',
    sessionCreate: '新建工作流：描述它应该做什么。',
    sessionEdit: '正在编辑“{name}”：描述你想要的修改。',
    sessionCopy: '正在编辑副本“{name}”。',
    chatEmpty: '在下方描述你想要的自动化，或从示例开始。',
    messageLabel: '你的消息',
    messagePlaceholder: '例如：每小时监控 BestBuy 和 Amazon 的库存，有货时发邮件提醒我',
    send: '发送',
    sending: '回复中…',
    sendHint: '按 Enter 发送，Shift+Enter 换行。',
    examplesLabel: '示例',
    example1: '请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon',
    example2: '每天早上用 AI 总结新的 GitHub issue 并发到 Slack',
    example3: '表单提交后请经理审批，通过后在表格中新增一行',
    you: '你',
    assistant: 'flowsmith',
    interrupted: '（已中断）',
    replyFailed: '回复失败：{message}',
    reconnecting: '连接中断，正在重连（第 {n} 次）…',
    progressTitle: '生成进度',
    stagesLabel: '生成阶段',
    stage_waiting: '等待中',
    stage_start: '开始生成',
    stage_draft: '生成草稿',
    stage_debugging: '调试优化',
    stage_complete: '完成',
    stateDone: '已完成',
    stateCurrent: '进行中',
    stateFailed: '失败',
    stateTodo: '未开始',
    idle: '当前没有正在生成的工作流。',
    failed: '生成失败：{message}',
    workflowTitle: '工作流',
    noWorkflow: '草稿生成后，工作流会在这里以图的形式显示。',
    workflowId: 'Workflow ID: {id}',
    draftBadge: '草稿',
    viewingVersion: '正在查看第 {n} 版（共 {total} 版）',
    versionLabel: '版本',
    versionOption: '第 {n} 版 · {date}',
    editByChat: '通过对话编辑',
    copy: '复制',
    exportN8n: '导出到 n8n',
    delete: '删除',
    cancel: '取消',
    confirmDeleteTitle: '删除工作流？',
    confirmDelete: '删除“{name}”？它将从列表中移除，且无法再编辑。',
    deleted: '已删除“{name}”。',
    copied: '已复制为新工作流“{name}”，现在编辑的是副本。',
    exported: '已导出“{file}”。',
    exportUnavailable: '此服务器暂不支持导出到 n8n。',
    graphLabel: '“{name}”的工作流图：{nodes} 个节点，{edges} 条连接',
    zoomLabel: '缩放',
    zoomIn: '放大',
    zoomOut: '缩小',
    zoomFit: '适应宽度',
    legendLabel: '节点类别',
    nodeLabel: '{name}，{family}（{subtype}）',
    nodeProblem: '{n} 个问题',
    nodeNew: '新增',
    nodeChanged: '已修改',
    nodeDetails: '节点详情',
    family: '类别',
    subtype: '类型',
    parameters: '参数',
    attached: '挂载',
    outputs: '连接到',
    closeDetails: '关闭详情',
    findingsTitle: '检查结果',
    findingsNone: '尚未进行检查。',
    findingsPassed: '全部检查通过。',
    findingsUncovered: '没有错误，但你的需求中有 {count} 处尚未完成：',
    findingsRound: '第 {round} 轮：{errors} 个错误，{warnings} 个提醒',
    checksRun: '检查项：{checks}',
    severity_error: '错误',
    severity_warning: '提醒',
    severity_info: '提示',
    repaired: '已修复',
    simulation: '试运行：{runs} 次运行，{ran}/{total} 个节点执行，共 {steps} 步。',
    neverRun: '从未执行：{names}。',
    stepLimit: '试运行达到步数上限后停止。',
    dryRun: '试运行',
    dryRunCounts: '{runs} 次，输入 {in} 项，输出 {out} 项',
    diffSummary: '本版本的修改：新增 {added}，修改 {changed}，删除 {removed}。',
    error: '出错了：{message}',
    family_TRIGGER: '触发器',
    family_ACTION: '动作',
    family_EXTERNAL_ACTION: '外部动作',
    family_AI_AGENT: 'AI 智能体',
    family_FLOW: '流程控制',
    family_HUMAN_IN_THE_LOOP: '人工审核',
    family_TOOL: '工具',
    family_MEMORY: '记忆',
  },
};

const STORAGE_KEY = 'flowsmith.lang';

function detect() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    /* storage may be off */
  }
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language || 'en'];
  for (const tag of languages) {
    const lower = String(tag).toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

let current = detect();

export function lang() {
  return current;
}

/** The BCP 47 tag for <html lang> and Accept-Language. */
export function langTag() {
  return current === 'zh' ? 'zh-CN' : 'en';
}

export function setLang(value, remember = true) {
  current = value === 'zh' ? 'zh' : 'en';
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, current);
    } catch {
      /* storage may be off */
    }
  }
}

export function t(key, values = {}) {
  const template = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

/** Fills every [data-i18n] element's text and [data-i18n-<attr>] attribute under `root`. */
export function applyI18n(root = document) {
  document.documentElement.lang = langTag();
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ['placeholder', 'aria-label', 'title']) {
    const data = `data-i18n-${attr}`;
    for (const el of root.querySelectorAll(`[${data}]`)) el.setAttribute(attr, t(el.getAttribute(data)));
  }
}
