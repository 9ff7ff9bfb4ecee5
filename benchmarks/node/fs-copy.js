// Node's baseline for benchmarks/run-fs-bench.sh: pipeline(fs.createReadStream, fs.createWriteStream).
'use strict';
const fs = require('fs');
const { pipeline } = require('stream');

const [src, dst] = process.argv.slice(2);
if (!src || !dst) {
  console.error('usage: node fs-copy.js SRC DST');
  process.exit(2);
}
pipeline(fs.createReadStream(src), fs.createWriteStream(dst), (err) => {
  if (err) {
    console.error(err);
    process.exit(1);
  }
});
