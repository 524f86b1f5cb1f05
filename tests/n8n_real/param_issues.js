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

// every node file of both packages, with its package prefix; a node's type is its
// description's name, which the file name does not always give (Brevo is sendInBlue,
// NocoDB nocoDb, QuickBooks quickbooks): a file is loaded only when the guess from its
// name misses, and then every file is read once for its description name
const files = [];
for (const [pkg, prefix] of packages) {
  const meta = require(path.join(modules, pkg, 'package.json'));
  for (const file of meta.n8n.nodes) files.push([prefix, path.join(modules, pkg, file)]);
}

function instantiate(file) {
  const mod = require(file);
  const base = path.basename(file, '.node.js');
  const Cls = mod[base] || Object.values(mod).find((v) => typeof v === 'function');
  return new Cls();
}

const byGuess = {};
for (const [prefix, file] of files) {
  const base = path.basename(file, '.node.js');
  byGuess[prefix + base.charAt(0).toLowerCase() + base.slice(1)] = file;
}
const instances = {};
let indexed = false;

function lookup(type) {
  if (instances[type]) return instances[type];
  const guess = byGuess[type];
  if (guess) {
    const instance = instantiate(guess);
    if (prefixed(guess, instance.description.name) === type) {
      instances[type] = instance;
      return instance;
    }
  }
  if (!indexed) {
    indexed = true;
    for (const [prefix, file] of files) {
      let instance;
      try {
        instance = instantiate(file);
      } catch (e) {
        continue;
      }
      const name = prefix + instance.description.name;
      if (!instances[name]) instances[name] = instance;
    }
  }
  return instances[type] || null;
}

function prefixed(file, name) {
  const entry = files.find(([, f]) => f === file);
  return entry[0] + name;
}

function nodeType(type, version) {
  const instance = lookup(type);
  if (!instance) return null;
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
