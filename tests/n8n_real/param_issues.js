// n8n's own parameter check (the red warnings in its editor) for exported workflows.
// usage: node param_issues.js <n8n app dir> file.json...
// prints JSON {file: {node name: {parameter: [issue, ...]}}}; unknown node types are
// reported as {"$type": ["no such node in n8n"]}.
'use strict';
const fs = require('fs');
const path = require('path');

const modules = path.join(process.argv[2], 'node_modules');
const { NodeHelpers } = require(path.join(modules, 'n8n-workflow'));
const packages = [
  ['n8n-nodes-base', 'n8n-nodes-base.'],
  ['@n8n/n8n-nodes-langchain', '@n8n/n8n-nodes-langchain.'],
];
const files = {};
for (const [pkg, prefix] of packages) {
  const meta = require(path.join(modules, pkg, 'package.json'));
  for (const file of meta.n8n.nodes) {
    const base = path.basename(file, '.node.js');
    files[prefix + base.charAt(0).toLowerCase() + base.slice(1)] = path.join(modules, pkg, file);
  }
}

function nodeType(type, version) {
  const file = files[type];
  if (!file) return null;
  const mod = require(file);
  const base = path.basename(file, '.node.js');
  const Cls = mod[base] || Object.values(mod).find((v) => typeof v === 'function');
  const instance = new Cls();
  return instance.nodeVersions ? instance.getNodeType(version) : instance;
}

const report = {};
for (const file of process.argv.slice(3)) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const found = {};
  for (const node of doc.nodes) {
    const type = nodeType(node.type, node.typeVersion);
    if (!type) {
      found[node.name] = { $type: ['no such node in n8n'] };
      continue;
    }
    const props = type.description.properties;
    const parameters = NodeHelpers.getNodeParameters(
      props, node.parameters, true, false, node, type.description,
    );
    const issues = NodeHelpers.getNodeParametersIssues(
      props, { ...node, parameters }, type.description,
    );
    if (issues && issues.parameters && Object.keys(issues.parameters).length) {
      found[node.name] = issues.parameters;
    }
  }
  report[path.basename(file)] = found;
}
process.stdout.write(JSON.stringify(report));
