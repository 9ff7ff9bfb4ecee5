'use strict';
// Node side of benchmarks/run-stream-bench.sh, objects workloads (a) and (b):
//   Readable.from(N items) -> K x Transform(x => x + 1) -> Writable(sum), via stream.pipeline.
// Usage: node stream-objects.js N TRANSFORMS RUNS   -> one JSON line with the seconds per run.
const { Readable, Transform, Writable, pipeline } = require('stream');

const n = Number(process.argv[2] || 10_000_000);
const transforms = Number(process.argv[3] || 1);
const runs = Number(process.argv[4] || 5);

function* items() {
  for (let i = 0; i < n; i++) yield i & 1023;
}

function once() {
  return new Promise((resolve, reject) => {
    let sum = 0;
    const stages = [Readable.from(items())];
    for (let i = 0; i < transforms; i++) {
      stages.push(new Transform({
        objectMode: true,
        transform(chunk, encoding, callback) { callback(null, chunk + 1); },
      }));
    }
    stages.push(new Writable({
      objectMode: true,
      write(chunk, encoding, callback) { sum += chunk; callback(); },
    }));
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    pipeline(...stages, (err) => {
      if (err) return reject(err);
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const c = process.cpuUsage(c0);
      resolve({ wall, cpu: (c.user + c.system) / 1e6 });
    });
  });
}

(async () => {
  const seconds = [];
  const cpu = [];
  for (let r = 0; r < runs; r++) {
    const t = await once();
    seconds.push(t.wall);
    cpu.push(t.cpu);
  }
  console.log(JSON.stringify({ workload: `objects-${transforms}`, n, seconds, cpu }));
})();
