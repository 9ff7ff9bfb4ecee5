'use strict';
// Prints the table of benchmarks/run-stream-bench.sh from the JMH JSON and the Node JSON lines.
// Usage: node stream-report.js JMH_JSON NODE_JSONL WARMUP_RUNS
// Every figure is the median of its measured runs (JMH iterations / Node runs after warm-up).
const fs = require('fs');

const [jmhFile, nodeFile, warmupArg] = process.argv.slice(2);
const warmup = Number(warmupArg || 2);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const jmh = {};
for (const r of JSON.parse(fs.readFileSync(jmhFile, 'utf8'))) {
  const name = r.benchmark.split('.').slice(-2).join('.');
  jmh[name] = { seconds: median(r.primaryMetric.rawData.flat()), params: r.params || {} };
}
const node = {};
for (const line of fs.readFileSync(nodeFile, 'utf8').split('\n').filter(Boolean)) {
  const r = JSON.parse(line);
  node[r.workload] = { seconds: median(r.seconds.slice(warmup)), cpu: median(r.cpu.slice(warmup)), n: r.n, total: r.total };
}

const rows = [];
const objects = (label, bench, workload, goal) => {
  const j = jmh[bench];
  const n = node[workload];
  if (!j || !n) return;
  const ours = n.n / j.seconds;
  const theirs = n.n / n.seconds;
  rows.push([label, `${(ours / 1e6).toFixed(1)} M items/s`, `${(theirs / 1e6).toFixed(1)} M items/s`,
    `${(ours / theirs).toFixed(2)}x`, goal]);
};
const count = (w) => (node[w] ? `${node[w].n / 1e6}M` : '?');
objects(`(a) from -> map -> Writable, ${count('objects-1')} objects`, 'StreamObjectsBench.oneMap', 'objects-1', '>= 3x');
objects(`(b) from -> 3 maps -> Writable, ${count('objects-3')} objects`, 'StreamObjectsBench.threeMaps', 'objects-3', '>= 3x');
if (jmh['StreamObjectsBench.fluxOneMap'] && node['objects-1']) {
  const n = node['objects-1'];
  const ours = n.n / jmh['StreamObjectsBench.fluxOneMap'].seconds;
  rows.push(['(a) Reactor Flux (ceiling)', `${(ours / 1e6).toFixed(1)} M items/s`,
    `${(n.n / n.seconds / 1e6).toFixed(1)} M items/s`, `${(ours / (n.n / n.seconds)).toFixed(2)}x`, '-']);
}
if (jmh['StreamBytesBench.threePassThroughs'] && node['bytes-3']) {
  const n = node['bytes-3'];
  const gib = n.total / 2 ** 30;
  const ours = gib / jmh['StreamBytesBench.threePassThroughs'].seconds;
  const theirs = gib / n.seconds;
  rows.push([`(c) ${gib} GiB of 64 KiB buffers, 3 PassThroughs`, `${ours.toFixed(1)} GiB/s`,
    `${theirs.toFixed(1)} GiB/s`, `${(ours / theirs).toFixed(2)}x`, '>= 1.5x']);
}

const head = ['workload', 'loopstreams (JMH)', `Node ${process.version}`, 'ours / Node', 'goal'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
