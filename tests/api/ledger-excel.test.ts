import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import {
  multipart,
  RECONSIDERATION_HEADERS,
  readXlsx,
  reconsiderationRows,
  xlsxFrom,
} from '../support/xlsx.ts';

const run = promisify(execFile);

interface Page {
  total: number;
  items: Array<{ values: Record<string, unknown> }>;
}

type StreamLine =
  | { type: 'progress'; phase: 'parse' | 'validate' | 'write'; done: number; total: number }
  | {
      type: 'result';
      ok: true;
      rows: number;
      created: number;
      updated: number;
      blankUnit: { id: string; name: string; rows: number; chosen: boolean } | null;
    }
  | {
      type: 'error';
      status: number;
      error: { code: string; message: string; field?: string };
      errors?: Array<{ row: number; column: string; value: string; reason: string }>;
      errorCount?: number;
      reportUrl?: string;
    };

/** The progress lines of one phase, checked to count up to their total. */
function phaseLines(lines: StreamLine[], phase: string) {
  const mine = lines.filter(
    (l): l is Extract<StreamLine, { type: 'progress' }> => l.type === 'progress' && l.phase === phase,
  );
  expect(mine.length, phase).toBeGreaterThanOrEqual(2);
  expect(mine[0]!.done, phase).toBe(0);
  for (let i = 1; i < mine.length; i += 1) {
    expect(mine[i]!.done, phase).toBeGreaterThanOrEqual(mine[i - 1]!.done);
    expect(mine[i]!.total, phase).toBe(mine[0]!.total);
  }
  expect(mine.at(-1)!.done, phase).toBe(mine.at(-1)!.total);
  return mine;
}

// Building and parsing 20,000-row workbooks takes a while on a busy 2-core machine.
describe.each(engines())('台账 Excel 导入导出 (%s)', { timeout: 180_000 }, (engine) => {
  let t: TestContext;
  let c: Client;
  let justiceId: string;

  // Counted in the table: the list's total is capped (COUNT_CAP), and the imports here add over 10,000.
  const count = async () => {
    const res = await sql<{ n: number | string }>`
      select count(*) as n from lg_reconsideration where deleted = 0`.execute(t.database.db);
    return Number(res.rows[0]!.n);
  };
  const upload = async (
    file: Buffer,
    name = '导入.xlsx',
    fields: Record<string, string> = { unitId: justiceId },
  ) => {
    const { body, contentType } = await multipart(file, name, fields);
    return c.request<Record<string, unknown>>('POST', '/api/ledgers/reconsideration/import', body, {
      'content-type': contentType,
    });
  };

  /** The import with `accept: application/x-ndjson`: its progress and outcome, one JSON object a line. */
  const uploadStreamed = async (file: Buffer, name = '导入.xlsx', fields = { unitId: justiceId }) => {
    const form = await multipart(file, name, fields);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/ledgers/reconsideration/import',
      payload: form.body,
      headers: {
        cookie: c.cookie!,
        'x-csrf-token': c.csrf!,
        'content-type': form.contentType,
        accept: 'application/x-ndjson',
      },
    });
    const contentType = String(res.headers['content-type']);
    if (!contentType.startsWith('application/x-ndjson'))
      return { status: res.statusCode, contentType, lines: [], json: res.json() as unknown };
    // Every line, the last one included, ends with a newline.
    expect(res.body.endsWith('\n'), res.body.slice(-200)).toBe(true);
    const lines = res.body
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as StreamLine);
    return { status: res.statusCode, contentType, lines, json: null };
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    c = await signedIn(t.app, 'coordinator');
    justiceId = (await c.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局')).body.items[0]!
      .id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('downloads a template with Chinese headers, dictionary dropdowns and instructions', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/ledgers/reconsideration/template.xlsx',
      headers: { cookie: c.cookie! },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.getWorksheet('数据')!;
    const headers = (ws.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers).toEqual(expect.arrayContaining(['案号*', '收案日期*', '决定类型', '填报单位']));
    const decisionCol = headers.indexOf('决定类型') + 1;
    const validation = ws.getCell(2, decisionCol).dataValidation;
    expect(validation?.type).toBe('list');
    expect(wb.getWorksheet('填表说明')).toBeTruthy();
  });

  it('imports a template filled in with two rows, upserting by the natural key on re-import', async () => {
    const before = await count();
    const rows = reconsiderationRows(2023, 2, 1, 'TPL');
    const first = await upload(await xlsxFrom(RECONSIDERATION_HEADERS, rows));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 2, updated: 0 });
    rows[1]![9] = '撤销';
    const again = await upload(await xlsxFrom(RECONSIDERATION_HEADERS, rows));
    expect(again.body).toMatchObject({ created: 0, updated: 2 });
    expect(await count()).toBe(before + 2);
    const ind = await c.get<{ items: Array<{ id: string; numerator: number }> }>(
      '/api/indicators?year=2023&ids=reconsideration.corrected',
    );
    expect(ind.body.items[0]!.numerator).toBe(2);
  });

  it('imports an .xlsx written by LibreOffice', async () => {
    const file = readFileSync(join(import.meta.dirname, '../fixtures/reconsideration-libreoffice.xlsx'));
    const res = await upload(file, 'libreoffice.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, created: 2 });
    const rec = await c.get<Page>('/api/ledgers/reconsideration/records?q=101号');
    expect(rec.body.items[0]!.values).toMatchObject({
      receivedOn: '2025-03-03',
      decision: '撤销',
      decidedOn: '2025-04-28',
    });
  });

  it('validates every row first: one bad row writes nothing and yields a downloadable error report', async () => {
    const before = await count();
    const rows = reconsiderationRows(2022, 5, 0, 'BAD');
    rows[1]![4] = '2022-02-30';
    rows[3]![9] = '看情况';
    rows[4]![0] = rows[0]![0];
    const res = await upload(await xlsxFrom(RECONSIDERATION_HEADERS, rows));
    expect(res.status).toBe(400);
    const body = res.body as {
      error: { code: string; message: string };
      errors: Array<{ row: number; column: string; value: string; reason: string }>;
      reportUrl: string;
    };
    expect(body.error.code).toBe('IMPORT_REJECTED');
    expect(body.error.message).toContain('未写入任何数据');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: '收案日期' }),
        expect.objectContaining({ row: 5, column: '决定类型', value: '看情况' }),
        expect.objectContaining({ row: 6, column: '案号' }),
      ]),
    );
    expect(await count()).toBe(before);
    const report = await t.app.inject({ method: 'GET', url: body.reportUrl, headers: { cookie: c.cookie! } });
    expect(report.statusCode).toBe(200);
    const wb = await readXlsx(report.rawPayload);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['行号', '列', '填写的值', '原因']));
    expect(ws.rowCount).toBeGreaterThanOrEqual(4);
    const other = await signedIn(t.app, 'town_reporter');
    // Another user's report does not exist for them.
    expect((await other.get(body.reportUrl)).status).toBe(404);
  });

  it('refuses files that cannot be imported, each with a clear message', async () => {
    const before = await count();
    const cases: Array<[string, Buffer, number, string]> = [
      ['empty', Buffer.alloc(0), 400, '文件为空'],
      ['not xlsx', Buffer.from('案号,申请人\n1,2\n'), 400, '不是 .xlsx'],
      [
        'formula',
        await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2022, 1, 0, 'F'), { formulaAt: [2, 1] }),
        400,
        '导入未执行',
      ],
      [
        'merged header',
        await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2022, 1, 0, 'M'), { mergeHeader: true }),
        400,
        '合并单元格',
      ],
      [
        'unknown column',
        await xlsxFrom(
          ['案号*', '申请人*', '被申请人*', '收案日期*', '心情'],
          [['a', 'b', 'c', '2022-01-01', '好']],
        ),
        400,
        '导入未执行',
      ],
      ['header only', await xlsxFrom(RECONSIDERATION_HEADERS, []), 400, '没有数据行'],
      [
        'text in a date column',
        await xlsxFrom(RECONSIDERATION_HEADERS, [['X1', '甲', '乙', '行政处罚', '去年春天']]),
        400,
        '导入未执行',
      ],
    ];
    for (const [name, file, status, message] of cases) {
      const res = await upload(file);
      expect(res.status, name).toBe(status);
      expect(JSON.stringify(res.body), name).toContain(message);
    }
    const tooMany = await upload(
      await xlsxFrom(
        RECONSIDERATION_HEADERS,
        Array.from({ length: 20_001 }, (_, i) => [`N${i}`, '甲', '乙', null, '2022-01-01']),
      ),
    );
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('单次最多导入 20000 行');
    const huge = await upload(Buffer.concat([Buffer.from('PK'), Buffer.alloc(21 * 1024 * 1024)]));
    expect(huge.status).toBe(413);
    expect(JSON.stringify(huge.body)).toContain('20 MB');
    const outside = await signedIn(t.app, 'town_reporter');
    const { body, contentType } = await multipart(
      await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2022, 1, 0, 'O')),
      'x.xlsx',
      { unitId: justiceId },
    );
    const res = await outside.request('POST', '/api/ledgers/reconsideration/import', body, {
      'content-type': contentType,
    });
    expect(res.status).toBe(404);
    expect(await count()).toBe(before);
  });

  it('streams row-by-row progress as NDJSON when asked, then the result', async () => {
    const before = await count();
    const rows = reconsiderationRows(2020, 3000, 600, 'ND');
    const file = await xlsxFrom(RECONSIDERATION_HEADERS, rows);
    const res = await uploadStreamed(file, '三千行.xlsx');
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/x-ndjson; charset=utf-8');
    const { lines } = res;
    // The phases in order, each from 0 to its total; the outcome is the last line and the only one.
    const phases = lines.flatMap((l) => (l.type === 'progress' ? [l.phase] : []));
    expect([...new Set(phases)]).toEqual(['parse', 'validate', 'write']);
    expect(phaseLines(lines, 'parse').at(-1)!.total).toBe(file.length);
    const validate = phaseLines(lines, 'validate');
    expect(validate.at(-1)!.total).toBe(3000);
    // Row by row: intermediate counts between 0 and the total.
    expect(validate.some((l) => l.done > 0 && l.done < 3000)).toBe(true);
    const write = phaseLines(lines, 'write');
    expect(write.at(-1)!.total).toBe(3000);
    expect(write.some((l) => l.done > 0 && l.done < 3000)).toBe(true);
    expect(lines.filter((l) => l.type !== 'progress')).toHaveLength(1);
    expect(lines.at(-1)).toEqual({
      type: 'result',
      ok: true,
      rows: 3000,
      created: 3000,
      updated: 0,
      blankUnit: { id: justiceId, name: '示范县司法局', rows: 3000, chosen: true },
    });
    expect(await count()).toBe(before + 3000);
    const rec = await c.get<Page>(`/api/ledgers/reconsideration/records?q=${encodeURIComponent('ND2999号')}`);
    expect(rec.body.items[0]!.values).toMatchObject({ applicant: '申请人2998', decision: '维持' });

    // Again: every row updates, the write progress counts the updates.
    const again = await uploadStreamed(file, '三千行.xlsx');
    expect(again.lines.at(-1)).toEqual({
      type: 'result',
      ok: true,
      rows: 3000,
      created: 0,
      updated: 3000,
      blankUnit: { id: justiceId, name: '示范县司法局', rows: 3000, chosen: true },
    });
    expect(phaseLines(again.lines, 'write').at(-1)!.done).toBe(3000);
    expect(await count()).toBe(before + 3000);

    // Without the header the answer is the plain JSON of before.
    const plain = await upload(file, '三千行.xlsx');
    expect(plain.status).toBe(200);
    expect(String(plain.headers['content-type'])).toMatch(/^application\/json/);
    expect(plain.body).toEqual({
      ok: true,
      rows: 3000,
      created: 0,
      updated: 3000,
      blankUnit: { id: justiceId, name: '示范县司法局', rows: 3000, chosen: true },
    });
  });

  it('streams a refusal as an error line: nothing written, the error report downloads', async () => {
    const before = await count();
    const rows = reconsiderationRows(2020, 400, 0, 'NDBAD');
    rows[299]![4] = '2020-02-30';
    const res = await uploadStreamed(await xlsxFrom(RECONSIDERATION_HEADERS, rows));
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('application/x-ndjson');
    // Every row was validated before the refusal; nothing reached the write phase.
    expect(phaseLines(res.lines, 'validate').at(-1)!.total).toBe(400);
    expect(res.lines.some((l) => l.type === 'progress' && l.phase === 'write')).toBe(false);
    const last = res.lines.at(-1)!;
    expect(res.lines.filter((l) => l.type !== 'progress')).toHaveLength(1);
    if (last.type !== 'error') throw new Error(`expected an error line, got ${JSON.stringify(last)}`);
    expect(last.status).toBe(400);
    expect(last.error.code).toBe('IMPORT_REJECTED');
    expect(last.error.message).toContain('未写入任何数据');
    expect(last.errorCount).toBe(1);
    expect(last.errors).toEqual([
      expect.objectContaining({ row: 301, column: '收案日期', value: '2020-02-30' }),
    ]);
    expect(await count()).toBe(before);
    const report = await t.app.inject({
      method: 'GET',
      url: last.reportUrl!,
      headers: { cookie: c.cookie! },
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    const ws = (await readXlsx(report.rawPayload)).worksheets[0]!;
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining([301, '收案日期', '2020-02-30']));

    // An error found while processing (here: an empty file) is a line with its status, code and field.
    const empty = await uploadStreamed(Buffer.alloc(0));
    expect(empty.status).toBe(200);
    expect(empty.lines).toEqual([
      {
        type: 'error',
        status: 400,
        error: { code: 'BAD_REQUEST', message: '文件为空', field: 'file' },
      },
    ]);
    // Refusals before the upload is read stay ordinary HTTP errors.
    const notMultipart = await c.request(
      'POST',
      '/api/ledgers/reconsideration/import',
      {},
      {
        accept: 'application/x-ndjson',
      },
    );
    expect(notMultipart.status).toBe(400);
    expect(notMultipart.body).toMatchObject({ error: { field: 'file' } });
    const huge = await uploadStreamed(Buffer.concat([Buffer.from('PK'), Buffer.alloc(21 * 1024 * 1024)]));
    expect(huge.status).toBe(413);
    expect(huge.contentType).toMatch(/^application\/json/);
    expect(huge.json).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await count()).toBe(before);
  });

  it('exports the filtered list with personal data masked for users who do not keep the record', async () => {
    const reporter = await signedIn(t.app, 'town_reporter');
    await reporter.post('/api/ledgers/reconsideration/records', {
      values: { caseNo: '导出1号', applicant: '司马光', respondent: '某局', receivedOn: '2025-01-02' },
    });
    const exported = async (c: Client) => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/ledgers/reconsideration/export.xlsx?q=导出',
        headers: { cookie: c.cookie! },
      });
      expect(res.statusCode).toBe(200);
      const ws = (await readXlsx(res.rawPayload)).getWorksheet('数据')!;
      expect(ws.rowCount).toBe(2);
      return (ws.getRow(2).values as unknown[]).map(String);
    };
    const leaderValues = await exported(await signedIn(t.app, 'leader'));
    expect(leaderValues).toContain('司**');
    expect(leaderValues).toContain('城关镇');
    // The reporter keeps the record: the export shows what the list shows, the name in clear.
    expect(await exported(reporter)).toContain('司马光');
  });

  it('a process killed during a CLI import leaves the ledger exactly as before', async () => {
    const file = join(t.config.dataDir, 'big.xlsx');
    writeFileSync(file, await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2021, 8000, 1600, 'K')));
    const before = await count();
    // The CLI opens the same database as the app under test: the SQLite file, or the PostgreSQL one.
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: t.config.dataDir };
    if (t.config.databaseUrl) env.DATABASE_URL = t.config.databaseUrl;
    else delete env.DATABASE_URL;
    const child = spawn(
      'node',
      ['bin/fazhi.js', 'import', 'reconsideration', file, '--unit', '示范县司法局'],
      { env },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('正在写入')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    await new Promise((r) => child.on('close', r));
    expect(child.signalCode).toBe('SIGKILL');
    expect(await count()).toBe(before);
    const ok = await run(
      'node',
      ['bin/fazhi.js', 'import', 'reconsideration', file, '--unit', '示范县司法局'],
      { env },
    );
    expect(ok.stdout).toContain('新增 8000');
    expect(await count()).toBe(before + 8000);
  }, 180_000);
});
