// What one durable commit costs on this disk: appends 4 KiB to a file in DIR and fdatasyncs it,
// SAMPLES times (as SQLite's WAL commit does). Prints "samples p50_ms p99_ms mean_ms".
// Usage: node fsync_latency.mjs DIR [SAMPLES]
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const [dir, samplesArg] = process.argv.slice(2);
const samples = Number(samplesArg ?? 500);
const page = Buffer.alloc(4096, 1);
const path = join(dir, 'fsync-probe.bin');
const fd = openSync(path, 'w');
const took = [];
for (let i = 0; i < samples; i += 1) {
  writeSync(fd, page);
  const started = process.hrtime.bigint();
  fdatasyncSync(fd);
  took.push(Number(process.hrtime.bigint() - started) / 1e6);
}
closeSync(fd);
rmSync(path);
took.sort((a, b) => a - b);
const at = (q) => took[Math.min(took.length - 1, Math.floor(q * took.length))];
const mean = took.reduce((sum, ms) => sum + ms, 0) / took.length;
console.log(`${samples} ${at(0.5).toFixed(2)} ${at(0.99).toFixed(2)} ${mean.toFixed(2)}`);
