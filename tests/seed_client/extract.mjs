// Extracts the seed document's JavaScript client code, verbatim.
//
// The seed (frontend-integration.md, a byte-for-byte copy of shared/seed/) has four
// ```javascript blocks with the client: createSession; sendMessage + updateChatUI;
// listenWorkflowProgress + updateWorkflowUI; the WorkflowChat class. Each block ends with a
// "// 使用示例" (usage example) section. Those of the first three blocks use top-level `await`
// on placeholder ids, so they cannot run as they are; the one of the WorkflowChat block only
// defines `chat`, `createWorkflowExample` and `editWorkflowExample`, so it can.
//
// The one cut we make: a piece is the block's text up to the line "// 使用示例" (and, for the
// WorkflowChat block, the usage section after it is a second piece). Nothing is rewritten:
// every piece is checked to be an exact substring of the document at the byte offsets we
// report, and `node extract.mjs` prints those offsets so the Python test can check them
// independently.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEED_PATH = fileURLToPath(new URL('./frontend-integration.md', import.meta.url));

const USAGE_MARKER = '// 使用示例\n';

// name -> the one javascript block that contains `marker`, and the names the kept code must
// declare at its top level
const PIECES = [
  { name: 'createSession', marker: 'const createSession = async', declares: ['createSession'] },
  {
    name: 'sendMessage',
    marker: 'const sendMessage = async',
    declares: ['sendMessage', 'updateChatUI'],
  },
  {
    name: 'listenWorkflowProgress',
    marker: 'const listenWorkflowProgress = async',
    declares: ['listenWorkflowProgress', 'updateWorkflowUI'],
  },
  { name: 'WorkflowChat', marker: 'class WorkflowChat {', declares: ['WorkflowChat'] },
];

/** Every ```javascript fenced block: its code and the code's [start, end) in `markdown`. */
export function javascriptBlocks(markdown) {
  const blocks = [];
  const fence = /^```javascript\n([\s\S]*?)^```$/gm;
  for (let match; (match = fence.exec(markdown)) !== null; ) {
    const start = match.index + '```javascript\n'.length;
    blocks.push({ index: blocks.length, start, end: start + match[1].length, code: match[1] });
  }
  return blocks;
}

/** The index just past the `}` that closes the `{` at `open` (braces in this code balance:
 *  its strings and template literals hold balanced `${...}` only). */
function matchingBrace(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  throw new Error('unbalanced braces');
}

function piece(markdown, name, block, start, end) {
  const code = markdown.slice(start, end);
  if (markdown.indexOf(code, start) !== start) throw new Error(`${name}: not verbatim`);
  return {
    name,
    block: block.index,
    code,
    // UTF-8 byte offsets into the document (the document has astral-plane emoji, so JS
    // string indices and Python str indices differ; bytes are unambiguous)
    byteStart: Buffer.byteLength(markdown.slice(0, start)),
    byteEnd: Buffer.byteLength(markdown.slice(0, end)),
  };
}

/** The client pieces, in the order a page would load them. */
export function extractSeedClient(markdown = readFileSync(SEED_PATH, 'utf8')) {
  const blocks = javascriptBlocks(markdown);
  const pieces = {};
  for (const spec of PIECES) {
    const found = blocks.filter((b) => b.code.includes(spec.marker));
    if (found.length !== 1) {
      throw new Error(`${spec.name}: expected one javascript block, found ${found.length}`);
    }
    const block = found[0];
    const cut = block.code.indexOf(`\n${USAGE_MARKER}`);
    if (cut < 0) throw new Error(`${spec.name}: no "// 使用示例" line in its block`);
    const keptEnd = block.start + cut + 1; // keep the newline that ends the last kept line
    const kept = piece(markdown, spec.name, block, block.start, keptEnd);
    for (const declared of spec.declares) {
      const declaration = new RegExp(`^(const ${declared} = |class ${declared} \\{)`, 'm');
      if (!declaration.test(kept.code)) {
        throw new Error(`${spec.name}: kept code does not declare ${declared}`);
      }
    }
    if (spec.name === 'WorkflowChat') {
      // the kept code is exactly the class (after the block's start), closed by brace matching
      const open = kept.code.indexOf(spec.marker) + spec.marker.length - 1;
      const close = matchingBrace(kept.code, open);
      if (kept.code.slice(close).trim() !== '' || kept.code.slice(0, open).trim() !== 'class WorkflowChat') {
        throw new Error('WorkflowChat: kept code is not exactly the class');
      }
      pieces.WorkflowChatExamples = piece(
        markdown, 'WorkflowChatExamples', block, keptEnd, block.end,
      );
    }
    pieces[spec.name] = kept;
  }
  return pieces;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const pieces = extractSeedClient();
  const order = ['createSession', 'sendMessage', 'listenWorkflowProgress', 'WorkflowChat',
    'WorkflowChatExamples'];
  process.stdout.write(
    `${JSON.stringify({ source: SEED_PATH, pieces: order.map((name) => pieces[name]) })}\n`,
  );
}
