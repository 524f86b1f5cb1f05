// Draws a flowsmith workflow as an SVG graph: nodes at their `position` (the server lays them
// out left to right), connections as curves with their branch (`true`, `approved`, …) written
// on them, TOOL/MEMORY nodes tied to their AI agent by dashed lines, a colour per node family.

const SVG = 'http://www.w3.org/2000/svg';
export const NODE_W = 200;
export const NODE_H = 64;
const PAD = 48;

/** Fill, border and a short glyph per family; text on every fill is #111827 (contrast ≥ 12). */
export const FAMILY_STYLE = {
  TRIGGER: { fill: '#fde68a', stroke: '#b45309', glyph: '▶' },
  ACTION: { fill: '#bfdbfe', stroke: '#1d4ed8', glyph: '⚙' },
  EXTERNAL_ACTION: { fill: '#c7d2fe', stroke: '#4338ca', glyph: '↗' },
  AI_AGENT: { fill: '#e9d5ff', stroke: '#7e22ce', glyph: '✦' },
  FLOW: { fill: '#a7f3d0', stroke: '#047857', glyph: '◇' },
  HUMAN_IN_THE_LOOP: { fill: '#fecdd3', stroke: '#be123c', glyph: '☺' },
  TOOL: { fill: '#e5e7eb', stroke: '#4b5563', glyph: '⚒' },
  MEMORY: { fill: '#99f6e4', stroke: '#0f766e', glyph: '▤' },
};
export const FAMILIES = Object.keys(FAMILY_STYLE);
const UNKNOWN_STYLE = { fill: '#f3f4f6', stroke: '#374151', glyph: '?' };
const BRANCH_COLOURS = {
  true: '#047857',
  approved: '#047857',
  done: '#047857',
  false: '#b91c1c',
  rejected: '#b91c1c',
  timeout: '#b45309',
  fallback: '#b45309',
  error: '#b91c1c',
};

let instances = 0;

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  }
  if (parent) parent.appendChild(node);
  return node;
}

/** Rough rendered width of `text` at `size` px (CJK glyphs are about one em wide). */
function textWidth(text, size) {
  let width = 0;
  for (const ch of text) width += (/[\u2e80-\uffef]/.test(ch) ? 1 : 0.58) * size;
  return width;
}

function fit(text, size, max) {
  if (textWidth(text, size) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, size) > max) break;
    out += ch;
  }
  return `${out}…`;
}

function position(node) {
  const [x, y] = Array.isArray(node.position) ? node.position : [0, 0];
  return { x: Number(x) || 0, y: Number(y) || 0 };
}

/**
 * Renders `workflow` into `container` (replacing what was there). Options:
 *  - `findings`: check findings; nodes named by a finding get a marker;
 *  - `diff`: `{added_nodes, changed_nodes}` to mark what a new version changed;
 *  - `t(key, values)`: the page's translations; `onSelect(node)`: a node was chosen;
 *  - `selected`: the id of the node to show selected; `scale`: the zoom (default: fit).
 * Returns `{svg, setScale(scale), scale, fitScale}`.
 */
export function renderGraph(container, workflow, options = {}) {
  const { findings = [], diff = null, t = (k) => k, onSelect = null, selected = null } = options;
  const id = `fsg${++instances}`;
  const nodes = Array.isArray(workflow?.nodes) ? workflow.nodes : [];
  const connections = Array.isArray(workflow?.connections) ? workflow.connections : [];
  container.replaceChildren();
  const byId = new Map(nodes.map((n) => [n.id, n]));

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    const { x, y } = position(node);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + NODE_W);
    maxY = Math.max(maxY, y + NODE_H);
  }
  if (!nodes.length) {
    minX = 0;
    minY = 0;
    maxX = NODE_W;
    maxY = NODE_H;
  }
  const hasBackEdge = connections.some((c) => {
    const a = byId.get(c.from_node);
    const b = byId.get(c.to_node);
    return a && b && position(b).x <= position(a).x;
  });
  const vx = minX - PAD;
  const vy = minY - PAD - 12;
  const width = maxX - minX + 2 * PAD;
  const height = maxY - minY + 2 * PAD + 12 + (hasBackEdge ? 90 : 0);

  const problems = new Map();
  for (const finding of findings) {
    if (!finding?.node_id || finding.severity === 'info') continue;
    const entry = problems.get(finding.node_id) || { errors: 0, warnings: 0 };
    if (finding.severity === 'warning') entry.warnings += 1;
    else entry.errors += 1;
    problems.set(finding.node_id, entry);
  }
  const added = new Set(diff?.added_nodes || []);
  const changed = new Set(diff?.changed_nodes || []);

  const svg = el('svg', {
    viewBox: `${vx} ${vy} ${width} ${height}`,
    role: 'group',
    'aria-label': t('graphLabel', {
      name: workflow?.name || '',
      nodes: nodes.length,
      edges: connections.length,
    }),
    class: 'graph-svg',
    'data-node-count': nodes.length,
  });
  const defs = el('defs', {}, svg);
  for (const [key, colour] of [['main', '#4b5563'], ...Object.entries(BRANCH_COLOURS)]) {
    const marker = el(
      'marker',
      {
        id: `${id}-arrow-${key}`,
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      defs,
    );
    el('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: colour }, marker);
  }

  // attachments first (under everything), then connections, then nodes
  const links = el('g', { class: 'graph-links', 'aria-hidden': 'true' }, svg);
  for (const node of nodes) {
    for (const ref of node.attached_nodes || []) {
      const target = byId.get(ref);
      if (!target) continue;
      const a = position(node);
      const b = position(target);
      const sx = a.x + NODE_W / 2;
      const sy = a.y + NODE_H;
      const tx = b.x + NODE_W / 2;
      const ty = b.y;
      const dy = Math.max(30, (ty - sy) / 2);
      el(
        'path',
        {
          d: `M ${sx} ${sy} C ${sx} ${sy + dy}, ${tx} ${ty - dy}, ${tx} ${ty}`,
          class: 'graph-attachment',
          fill: 'none',
          stroke: '#6b7280',
          'stroke-width': 1.75,
          'stroke-dasharray': '6 5',
          'data-from': node.id,
          'data-to': ref,
        },
        links,
      );
    }
  }

  const labels = [];
  const outgoing = new Map();
  for (const conn of connections) {
    const a = byId.get(conn.from_node);
    const b = byId.get(conn.to_node);
    if (!a || !b) continue;
    const output = conn.from_output || 'main';
    if (!outgoing.has(a.id)) outgoing.set(a.id, []);
    outgoing.get(a.id).push({ output, to: b });
    const pa = position(a);
    const pb = position(b);
    const sx = pa.x + NODE_W;
    const sy = pa.y + NODE_H / 2;
    const tx = pb.x;
    const ty = pb.y + NODE_H / 2;
    let d;
    let mid;
    if (tx > sx) {
      const dx = Math.max(40, (tx - sx) / 2);
      d = `M ${sx} ${sy} C ${sx + dx} ${sy}, ${tx - dx} ${ty}, ${tx} ${ty}`;
      mid = { x: (sx + 3 * (sx + dx) + 3 * (tx - dx) + tx) / 8, y: (sy + ty) / 2 };
    } else {
      // a back edge (a loop's batch returning): around underneath
      const low = Math.max(pa.y, pb.y) + NODE_H + 70;
      d = `M ${sx} ${sy} C ${sx + 90} ${low}, ${tx - 90} ${low}, ${tx} ${ty}`;
      mid = { x: (sx + tx) / 2, y: (sy + 3 * low + 3 * low + ty) / 8 };
    }
    const key = output in BRANCH_COLOURS ? output : 'main';
    const colour = output === 'main' ? '#4b5563' : BRANCH_COLOURS[output] || '#6d28d9';
    el(
      'path',
      {
        d,
        class: 'graph-edge',
        fill: 'none',
        stroke: colour,
        'stroke-width': 2,
        'marker-end': `url(#${id}-arrow-${key})`,
        'data-from': a.id,
        'data-to': b.id,
        'data-output': output,
      },
      links,
    );
    if (output !== 'main') labels.push({ text: output, colour, ...mid });
  }
  const labelLayer = el('g', { class: 'graph-labels', 'aria-hidden': 'true' }, svg);
  for (const label of labels) {
    const w = textWidth(label.text, 12) + 14;
    const g = el('g', { class: 'graph-edge-label' }, labelLayer);
    el(
      'rect',
      {
        x: label.x - w / 2,
        y: label.y - 10,
        width: w,
        height: 20,
        rx: 10,
        fill: '#ffffff',
        stroke: label.colour,
        'stroke-width': 1.25,
      },
      g,
    );
    const text = el(
      'text',
      {
        x: label.x,
        y: label.y + 4,
        'text-anchor': 'middle',
        'font-size': 12,
        'font-weight': 600,
        fill: label.colour === '#6d28d9' ? '#5b21b6' : label.colour,
      },
      g,
    );
    text.textContent = label.text;
  }

  const nodeLayer = el('g', { class: 'graph-nodes' }, svg);
  const ordered = [...nodes].sort((p, q) => position(p).x - position(q).x || position(p).y - position(q).y);
  for (const node of ordered) {
    const { x, y } = position(node);
    const style = FAMILY_STYLE[node.type] || UNKNOWN_STYLE;
    const problem = problems.get(node.id);
    const familyName = t(`family_${node.type}`);
    const parts = [t('nodeLabel', { name: node.name, family: familyName, subtype: node.subtype })];
    if (problem) parts.push(t('nodeProblem', { n: problem.errors + problem.warnings }));
    if (added.has(node.id)) parts.push(t('nodeNew'));
    else if (changed.has(node.id)) parts.push(t('nodeChanged'));
    const branches = (outgoing.get(node.id) || []).filter((o) => o.output !== 'main');
    for (const branch of branches) parts.push(`${branch.output} → ${branch.to.name}`);
    const g = el(
      'g',
      {
        class: `graph-node${node.id === selected ? ' selected' : ''}`,
        transform: `translate(${x} ${y})`,
        tabindex: 0,
        role: 'button',
        'aria-label': parts.join('; '),
        'aria-pressed': node.id === selected ? 'true' : 'false',
        'data-node-id': node.id,
        'data-family': node.type,
      },
      nodeLayer,
    );
    el('title', {}, g).textContent = `${node.name} · ${node.subtype}`;
    el(
      'rect',
      {
        class: 'graph-node-box',
        width: NODE_W,
        height: NODE_H,
        rx: 12,
        fill: style.fill,
        stroke: problem?.errors ? '#b91c1c' : problem ? '#b45309' : style.stroke,
        'stroke-width': problem ? 3 : 1.75,
      },
      g,
    );
    el('rect', { x: 0, y: 0, width: 8, height: NODE_H, rx: 4, fill: style.stroke }, g);
    const glyph = el('text', { x: 22, y: 27, 'font-size': 15, fill: '#111827', 'text-anchor': 'middle' }, g);
    glyph.textContent = style.glyph;
    const name = el('text', { x: 36, y: 27, 'font-size': 14, 'font-weight': 600, fill: '#111827' }, g);
    name.textContent = fit(node.name || node.id, 14, NODE_W - 48);
    const sub = el('text', { x: 36, y: 47, 'font-size': 11.5, fill: '#1f2937' }, g);
    sub.textContent = fit(`${familyName} · ${node.subtype}`, 11.5, NODE_W - 46);
    if (problem) {
      const badge = el('g', { class: 'graph-badge-problem', transform: `translate(${NODE_W - 4} 4)` }, g);
      el('circle', { r: 11, fill: problem.errors ? '#b91c1c' : '#b45309' }, badge);
      const mark = el('text', { y: 5, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 700, fill: '#ffffff' }, badge);
      mark.textContent = '!';
    }
    const tag = added.has(node.id) ? t('nodeNew') : changed.has(node.id) ? t('nodeChanged') : null;
    if (tag) {
      const w = textWidth(tag, 11) + 14;
      const badge = el('g', { class: `graph-badge-${added.has(node.id) ? 'new' : 'changed'}` }, g);
      el('rect', { x: 12, y: -11, width: w, height: 18, rx: 9, fill: added.has(node.id) ? '#047857' : '#1d4ed8' }, badge);
      const text = el('text', { x: 12 + w / 2, y: 2, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 600, fill: '#ffffff' }, badge);
      text.textContent = tag;
    }
    if (onSelect) {
      g.addEventListener('click', () => onSelect(node));
      g.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onSelect(node);
        }
      });
    }
  }

  container.appendChild(svg);
  const available = Math.max(200, container.clientWidth - 4);
  const fitScale = Math.max(0.45, Math.min(1, available / width));
  const view = {
    svg,
    width,
    height,
    fitScale,
    scale: options.scale ?? fitScale,
    setScale(scale) {
      view.scale = Math.max(0.3, Math.min(2, scale));
      svg.setAttribute('width', String(Math.round(width * view.scale)));
      svg.setAttribute('height', String(Math.round(height * view.scale)));
    },
  };
  view.setScale(view.scale);
  return view;
}

/** The legend: a swatch and the name of each family in `families`. */
export function renderLegend(container, families, t = (k) => k) {
  container.replaceChildren();
  for (const family of families) {
    const style = FAMILY_STYLE[family] || UNKNOWN_STYLE;
    const item = document.createElement('li');
    item.dataset.family = family;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.setAttribute('aria-hidden', 'true');
    swatch.style.background = style.fill;
    swatch.style.borderColor = style.stroke;
    swatch.textContent = style.glyph;
    item.append(swatch, document.createTextNode(t(`family_${family}`)));
    container.appendChild(item);
  }
}
