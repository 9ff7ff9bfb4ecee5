// Message throughput from the main thread to a worker with worker_threads' postMessage: the
// twin of io.loopstreams.bench.WorkerMessagesMain. Usage: node worker-messages.js [n] [runs]
'use strict';
const { Worker } = require('node:worker_threads');

const n = Number(process.argv[2] || 500000);
const runs = Number(process.argv[3] || 7);
const body = `
const { parentPort, workerData } = require('node:worker_threads');
let count = 0;
parentPort.on('message', () => {
  if (++count === workerData) { parentPort.postMessage(count); parentPort.close(); }
});`;

function once() {
  return new Promise((resolve) => {
    const w = new Worker(body, { eval: true, workerData: n });
    w.once('online', () => {
      const start = process.hrtime.bigint();
      w.once('message', () => resolve(n / (Number(process.hrtime.bigint() - start) / 1e9)));
      for (let i = 0; i < n; i++) w.postMessage(42);
    });
  });
}

(async () => {
  const rates = [];
  for (let r = 0; r < runs; r++) {
    const rate = await once();
    console.log(`run ${r + 1}: ${rate.toFixed(0)} msg/s`);
    if (r >= 2) rates.push(rate);
  }
  rates.sort((a, b) => a - b);
  console.log(`node median: ${rates[Math.floor(rates.length / 2)].toFixed(0)} msg/s (${n} messages per run)`);
})();
