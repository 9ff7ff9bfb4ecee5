// Node side of run-net-bench.sh: echo-server PORT | echo-clients PORT N SIZE | recv PORT | send FILE PORT
const net = require('net'); const fs = require('fs'); const { pipeline, Writable } = require('stream');
const [mode, a, b, c] = process.argv.slice(2);
if (mode === 'echo-server') {
  net.createServer((s) => s.pipe(s)).listen({ port: +a, host: '127.0.0.1', backlog: 16384 });
} else if (mode === 'echo-clients') {
  let ok = 0, open = +b;
  for (let i = 0; i < +b; i++) {
    const s = net.connect(+a, '127.0.0.1'); let got = 0;
    s.on('data', (d) => { got += d.length; }); s.on('error', () => {});
    s.on('close', () => { if (got === +c) ok++; if (--open === 0) console.log(`ok=${ok} of ${b}`); });
    s.end(Buffer.alloc(+c));
  }
} else if (mode === 'recv') {
  const srv = net.createServer((s) => { srv.close();
    pipeline(s, new Writable({ write(ch, e, cb) { cb(); } }), (e) => { if (e) throw e; }); }).listen(+a, '127.0.0.1');
} else if (mode === 'send') {
  const s = net.connect(+b, '127.0.0.1', () => pipeline(fs.createReadStream(a), s, (e) => { if (e) throw e; }));
}
