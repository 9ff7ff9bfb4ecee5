'use strict';
// Prints the table of benchmarks/run-stream-bench.sh from the JMH JSON and the Node JSON lines.
// Usage: node stream-report.js JMH_JSON NODE_JSONL NODE_WARMUP [JAVA_JSONL JAVA_WARMUP]
// Every figure is the median of its measured runs (JMH iterations / runs after warm-up).
// Table 1: wall-clock throughput (JMH against Node). Table 2, when JAVA_JSONL is given: process
// CPU seconds per run on each side, which a busy shared machine distorts much less than wall time.
const fs = require('fs');

const [jmhFile, nodeFile, warmupArg, javaFile, javaWarmupArg] = process.argv.slice(2);
const warmup = Number(warmupArg || 2);
const javaWarmup = Number(javaWarmupArg || 3);
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
const readRuns = (file, skip) => {
  const out = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line);
    out[r.workload] = { seconds: median(r.seconds.slice(skip)), cpu: median(r.cpu.slice(skip)), n: r.n, total: r.total };
  }
  return out;
};
const node = readRuns(nodeFile, warmup);

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
objects(`(a) from -> map -> Writable, ${count('objects-1')} objects`, 'StreamObjectsBench.oneMap', 'objects-1', '>= 4x');
objects(`(b) from -> 3 maps -> Writable, ${count('objects-3')} objects`, 'StreamObjectsBench.threeMaps', 'objects-3', '>= 4x');
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

const table = (head, body) => {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of body) console.log(line(r));
};
console.log('Wall-clock throughput (median of the measured runs):');
table(['workload', 'loopstreams (JMH)', `Node ${process.version}`, 'ours / Node', 'goal'], rows);

if (javaFile) {
  const java = readRuns(javaFile, javaWarmup);
  const cpuRows = [];
  const labels = {
    'objects-1': ['(a) 1 map', '>= 3.5x'], 'objects-3': ['(b) 3 maps', '>= 3.5x'],
    'flux-1': ['(a) Reactor Flux', '-'], 'bytes-3': ['(c) 3 PassThroughs', '>= 1.5x'],
  };
  for (const [w, [label, goal]] of Object.entries(labels)) {
    const j = java[w];
    const n = node[w === 'flux-1' ? 'objects-1' : w];
    if (!j || !n) continue;
    cpuRows.push([label, `${j.cpu.toFixed(3)} s`, `${n.cpu.toFixed(3)} s`, `${(n.cpu / j.cpu).toFixed(2)}x`, goal]);
  }
  console.log('');
  console.log('Process CPU seconds per run (median; ours / Node = Node CPU / our CPU):');
  table(['workload', 'loopstreams', `Node ${process.version}`, 'ours / Node', 'goal'], cpuRows);
}
