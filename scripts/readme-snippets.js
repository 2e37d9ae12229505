#!/usr/bin/env node
// The README's code snippets come from the examples, which compile, synthesize and are tested. A
// snippet in README.md is introduced by `<!-- snippet: examples/<file>.ts#<region> -->` on the line
// before its ```ts fence; the region is the code between `// #region <region>` and `// #endregion`
// in that file, dedented.
//
//   node scripts/readme-snippets.js          rewrite README.md's snippets from the examples
//   node scripts/readme-snippets.js --check  exit 1, naming each stale snippet, if any differs
"use strict";

const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const README = path.join(ROOT, "README.md");
const MARKER = /^<!-- snippet: (\S+?)#(\S+) -->$/;

function region(file, name) {
  const lines = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
  const start = lines.findIndex((l) => l.trim() === `// #region ${name}`);
  if (start < 0) throw new Error(`${file} has no "// #region ${name}"`);
  const end = lines.findIndex((l, i) => i > start && l.trim() === "// #endregion");
  if (end < 0) throw new Error(`${file}: region ${name} has no "// #endregion"`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return body.map((l) => l.slice(indent)).join("\n");
}

/** README.md with every snippet replaced by its region; and the names of those that changed. */
function render(readme) {
  const lines = readme.split("\n");
  const out = [];
  const stale = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    const m = lines[i].match(MARKER);
    if (!m) continue;
    if (!/^```/.test(lines[i + 1] || "")) throw new Error(`README.md:${i + 2}: a code fence must follow ${lines[i]}`);
    const close = lines.findIndex((l, j) => j > i + 1 && l === "```");
    if (close < 0) throw new Error(`README.md:${i + 2}: unclosed code fence`);
    const current = lines.slice(i + 2, close).join("\n");
    const wanted = region(m[1], m[2]);
    if (current !== wanted) stale.push(`${m[1]}#${m[2]}`);
    out.push(lines[i + 1], wanted, "```");
    i = close;
  }
  return { text: out.join("\n"), stale };
}

module.exports = { render, region };

if (require.main === module) {
  const { text, stale } = render(fs.readFileSync(README, "utf8"));
  if (process.argv.includes("--check")) {
    if (stale.length) {
      process.stderr.write(`README.md snippets differ from the examples: ${stale.join(", ")}\nRun: node scripts/readme-snippets.js\n`);
      process.exitCode = 1;
    }
  } else {
    fs.writeFileSync(README, text);
    process.stdout.write(stale.length ? `updated: ${stale.join(", ")}\n` : "README.md snippets are current\n");
  }
}
