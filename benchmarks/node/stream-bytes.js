'use strict';
// Node side of benchmarks/run-stream-bench.sh, bytes workload (c):
//   a Readable pushing one 64 KiB Buffer repeatedly -> 3 x PassThrough -> Writable(count),
//   every stream with a 64 KiB highWaterMark (Node 22's default; Node 20's is 16 KiB).
// Usage: node stream-bytes.js TOTAL_BYTES STAGES RUNS   -> one JSON line with the seconds per run.
const { Readable, PassThrough, Writable, pipeline } = require('stream');

const total = Number(process.argv[2] || 4 * 1024 ** 3);
const stages = Number(process.argv[3] || 3);
const runs = Number(process.argv[4] || 5);
const CHUNK = 64 * 1024;
const buf = Buffer.alloc(CHUNK);

function once() {
  return new Promise((resolve, reject) => {
    let left = total / CHUNK;
    let seen = 0;
    const list = [new Readable({
      highWaterMark: CHUNK,
      read() {
        while (left > 0) {
          left--;
          if (!this.push(buf)) return;
        }
        this.push(null);
      },
    })];
    for (let i = 0; i < stages; i++) list.push(new PassThrough({ highWaterMark: CHUNK }));
    list.push(new Writable({
      highWaterMark: CHUNK,
      write(chunk, encoding, callback) { seen += chunk.length; callback(); },
    }));
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    pipeline(...list, (err) => {
      if (err) return reject(err);
      if (seen !== total) return reject(new Error(`saw ${seen} of ${total} bytes`));
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
  console.log(JSON.stringify({ workload: `bytes-${stages}`, total, seconds, cpu }));
})();
