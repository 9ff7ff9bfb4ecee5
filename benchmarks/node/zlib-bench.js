// Node's baseline for benchmarks/run-zlib-bench.sh:
//   node zlib-bench.js gzip LEVEL SRC DST | gunzip SRC DST
// pipeline(fs.createReadStream, zlib.createGzip/createGunzip, fs.createWriteStream), with a 1 ms
// interval timer measuring the loop's delay; prints "loopdelay p99=…ms max=…ms" on stderr.
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream');

const [mode, ...rest] = process.argv.slice(2);
let stage, src, dst;
if (mode === 'gzip') {
  stage = zlib.createGzip({ level: Number(rest[0]) });
  [src, dst] = rest.slice(1);
} else if (mode === 'gunzip') {
  stage = zlib.createGunzip();
  [src, dst] = rest;
} else {
  console.error('usage: node zlib-bench.js gzip LEVEL SRC DST | gunzip SRC DST');
  process.exit(2);
}
const delays = [];
let last = process.hrtime.bigint();
const tick = setInterval(() => {
  const now = process.hrtime.bigint();
  delays.push(Math.max(0, Number(now - last) - 1e6));
  last = now;
}, 1);
pipeline(fs.createReadStream(src), stage, fs.createWriteStream(dst), (err) => {
  clearInterval(tick);
  if (err) {
    console.error(err);
    process.exit(1);
  }
  delays.sort((a, b) => a - b);
  const p99 = delays.length ? delays[Math.min(delays.length - 1, Math.ceil(delays.length * 0.99) - 1)] : 0;
  const max = delays.length ? delays[delays.length - 1] : 0;
  console.error(`loopdelay p99=${(p99 / 1e6).toFixed(2)}ms max=${(max / 1e6).toFixed(2)}ms samples=${delays.length}`);
});
