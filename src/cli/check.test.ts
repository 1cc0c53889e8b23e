import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, htmlToText } from '../modules/proofread/read-document.ts';
import { runCheck } from './check.ts';

const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const seeds = resolve(root, 'tests/fixtures/reports');
const tmp = mkdtempSync(join(tmpdir(), 'fazhi-check-'));

describe('runCheck', () => {
  it('chenxi: 严重 findings → exit 1, human output with line:col', async () => {
    const r = await runCheck({ file: join(seeds, 'chenxi-2022.txt') });
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/^\d+:\d+ \[严重\] prohibited — .*「娱乐老虎机」/m);
    expect(r.output).toMatch(/共 \d+ 处：严重 4/);
  });
  it('tancheng --json: shapes, exit 0', async () => {
    const r = await runCheck({
      file: join(seeds, 'tancheng-2023.txt'),
      json: true,
      year: '2023',
      signed: '2024-02-01',
    });
    expect(r.exitCode).toBe(0);
    const j = JSON.parse(r.output) as {
      findings: Array<Record<string, unknown>>;
      facts: Array<Record<string, unknown>>;
    };
    expect(j.findings.length).toBeGreaterThan(0);
    expect(j.findings[0]).toHaveProperty('excerpt');
    expect(j.facts.find((f) => f.metric === 'reconsideration.correctionRate')).toMatchObject({
      value: 18.18,
      unit: '%',
    });
  });
  it('unreadable input → exit 2 with a clear message', async () => {
    expect((await runCheck({ file: join(tmp, 'missing.txt') })).exitCode).toBe(2);
    const bin = join(tmp, 'x.bin');
    writeFileSync(bin, Buffer.from([0, 1, 2, 3, 255, 0, 7, 8]));
    const r = await runCheck({ file: bin });
    expect(r).toMatchObject({ exitCode: 2 });
    expect(r.output).toContain('二进制');
    const big = join(tmp, 'big.txt');
    writeFileSync(big, Buffer.alloc(10 * 1024 * 1024 + 1, 0x41));
    expect((await runCheck({ file: big })).output).toContain('10 MB');
    const bad = join(tmp, 'bad.docx');
    writeFileSync(bad, 'not a zip');
    expect((await runCheck({ file: bad })).exitCode).toBe(2);
    expect((await runCheck({ file: join(seeds, 'chenxi-2022.txt'), year: 'abc' })).exitCode).toBe(2);
  });
  it('empty file → exit 0', async () => {
    const e = join(tmp, 'empty.txt');
    writeFileSync(e, '');
    expect(await runCheck({ file: e })).toMatchObject({ exitCode: 0 });
  });
  it('GBK and UTF-16 text is decoded', async () => {
    const g = join(tmp, 'gbk.txt');
    writeFileSync(g, iconv.encode('推进法治治建设。开展娱乐老虎机活动。', 'gbk'));
    const r = await runCheck({ file: g, json: true });
    expect(r.exitCode).toBe(1);
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0xd5, 0x6c]))).toBe('法');
  });
  it('HTML: scripts dropped, entities decoded, broken markup tolerated', async () => {
    expect(
      htmlToText('<p>法治&amp;政府</p><script>var a="娱乐老虎机"</script><p>建设&#x3002;<b>未闭合'),
    ).toBe('法治&政府\n建设。未闭合');
    const h = join(tmp, 'r.html');
    writeFileSync(h, '<html><body><p>开展娱乐老虎机活动。</p><script>x</script><div>电话13812341234');
    const r = await runCheck({ file: h });
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain('personal-data');
  });
});

const main = resolve(root, 'src/cli/main.ts');
describe.skipIf(!existsSync(main))('bin/fazhi.js check (spawned)', () => {
  it('prints JSON and exits 1 on chenxi', () => {
    const r = spawnSync(
      process.execPath,
      ['bin/fazhi.js', 'check', 'tests/fixtures/reports/chenxi-2022.txt', '--json'],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout) as { findings: unknown[]; facts: unknown[] };
    expect(j.findings.length).toBeGreaterThanOrEqual(7);
    expect(j.facts.length).toBeGreaterThanOrEqual(15);
  });
});
