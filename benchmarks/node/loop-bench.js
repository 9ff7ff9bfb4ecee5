'use strict';
// Node side of benchmarks/src/main/java/io/loopstreams/bench/LoopBenchmarks.java: the same work,
// timed the same way (whole job per run, operations per second). Run by run-loop-bench.sh.
//
//   node loop-bench.js [--warmup 1] [--runs 5] [--json out.json] [immediateChain promiseChain ...]
//
// executeFromAnotherThread: Node has no thread-safe execute(). The closest equivalent is a
// worker_thread posting messages to the main thread through its MessagePort (parentPort): each
// message is a small integer, structured-cloned, delivered as a 'message' event on the main loop.
// Timed from the main thread's 'go' until the last message has been handled.
const { Worker } = require('worker_threads');
const fs = require('fs');

const CHAIN = 10_000_000;
const TASKS = 1_000_000;

function immediateChain() {
  return new Promise((resolve) => {
    let n = 0;
    const t0 = process.hrtime.bigint();
    function next() {
      if (++n < CHAIN) setImmediate(next);
      else resolve(elapsed(t0, CHAIN, n));
    }
    setImmediate(next);
  });
}

function promiseChain() {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    function step(i) {
      Promise.resolve(i).then((v) => {
        if (v < CHAIN) step(v + 1);
        else resolve(elapsed(t0, CHAIN, v));
      });
    }
    step(1);
  });
}

let worker;
function executeFromAnotherThread() {
  if (!worker) {
    worker = new Worker(`
      const { parentPort } = require('worker_threads');
      parentPort.on('message', (n) => { for (let i = 0; i < n; i++) parentPort.postMessage(i); });
    `, { eval: true });
  }
  return new Promise((resolve) => {
    let ran = 0;
    let sum = 0;
    const t0 = process.hrtime.bigint();
    const onMessage = (v) => {
      sum += v;
      if (++ran === TASKS) {
        worker.off('message', onMessage);
        resolve(elapsed(t0, TASKS, ran));
      }
    };
    worker.on('message', onMessage);
    worker.postMessage(TASKS);
  });
}

function elapsed(t0, expected, got) {
  if (got !== expected) throw new Error(`ran ${got}, expected ${expected}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const CASES = { immediateChain, promiseChain, executeFromAnotherThread };

async function main() {
  const args = process.argv.slice(2);
  let warmup = 1;
  let runs = 5;
  let json = null;
  const names = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--warmup') warmup = Number(args[++i]);
    else if (args[i] === '--runs') runs = Number(args[++i]);
    else if (args[i] === '--json') json = args[++i];
    else names.push(args[i]);
  }
  const results = {};
  for (const name of names.length ? names : Object.keys(CASES)) {
    const ops = name === 'executeFromAnotherThread' ? TASKS : CHAIN;
    const samples = [];
    for (let r = 0; r < warmup + runs; r++) {
      const seconds = await CASES[name]();
      if (r >= warmup) samples.push(ops / seconds);
    }
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    results[name] = { opsPerSecond: mean, samples };
    console.log(`${name.padEnd(26)} ${Math.round(mean).toLocaleString('en-US').padStart(14)} ops/s`
      + `  (runs: ${samples.map((s) => Math.round(s)).join(', ')})`);
  }
  if (worker) await worker.terminate();
  if (json) {
    fs.writeFileSync(json, JSON.stringify({ node: process.version, results }, null, 2));
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
