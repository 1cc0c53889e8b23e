/**
 * Proofreader benchmark (not a test): `node bin/run-ts.js bench/proofread.bench.ts`.
 * Prints ms for a 20,000-character report, the three seed reports together, and heap before/after 1,000 checks.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, extractFacts } from '../src/domain/proofread/index.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const seeds = ['chenxi-2022.txt', 'hengshan-2024.txt', 'tancheng-2023.txt'].map((f) =>
  readFileSync(resolve(root, 'tests/fixtures/reports', f), 'utf8'),
);
const all = seeds.join('\n');
const big = (all + all).slice(0, 20_000);

function time(label: string, fn: () => void, runs = 5): void {
  fn(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  console.log(
    `${label}: median ${t[Math.floor(runs / 2)]?.toFixed(1)} ms, max ${t[runs - 1]?.toFixed(1)} ms`,
  );
}

console.log(`cpu: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, node ${process.version}`);
const cold = performance.now();
check(seeds[0] ?? '');
console.log(`first check (cold, includes data loading): ${(performance.now() - cold).toFixed(1)} ms`);
time(`20,000-character report (${big.length} chars), check + extractFacts`, () => {
  check(big);
  extractFacts(big);
});
time('three seed reports together', () => {
  for (const s of seeds) check(s);
});
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 1000; i++) check(seeds[i % 3] ?? '');
gc?.();
const after = process.memoryUsage().heapUsed;
console.log(
  `heap before 1,000 checks: ${(before / 1048576).toFixed(1)} MB, after: ${(after / 1048576).toFixed(1)} MB${gc ? '' : ' (run with --expose-gc for exact numbers)'}`,
);
