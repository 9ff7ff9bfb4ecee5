'use strict';
// Prints the side-by-side table of run-loop-bench.sh from JMH's JSON results and loop-bench.js's.
//   node loop-table.js OUT_DIR   (reads OUT_DIR/jmh-*.json and OUT_DIR/node-*.json)
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x) => Math.round(x).toLocaleString('en-US');

const ORDER = ['immediateChain', 'promiseChain', 'executeFromAnotherThread'];
const rank = (name) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
const names = fs.readdirSync(dir).filter((f) => /^jmh-.*\.json$/.test(f)).map((f) => f.slice(4, -5))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const rows = [];
for (const name of names) {
  const file = `jmh-${name}.json`;
  const jmh = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))[0];
  const ours = median(jmh.primaryMetric.rawData.flat());
  const nodeFile = path.join(dir, `node-${name}.json`);
  const node = fs.existsSync(nodeFile)
    ? median(JSON.parse(fs.readFileSync(nodeFile, 'utf8')).results[name].samples) : NaN;
  rows.push([name, fmt(ours), fmt(node), `${(ours / node).toFixed(1)}x`]);
}
const header = ['case', 'loopstreams ops/s', 'Node ops/s', 'ours/Node'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log('\n(median of the measured runs on each side; higher is better)');
