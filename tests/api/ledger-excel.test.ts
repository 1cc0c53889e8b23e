import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

// Building and parsing 20,000-row workbooks takes a while on a busy 2-core machine.
describe.each(engines())('台账 Excel 导入导出 (%s)', { timeout: 180_000 }, (engine) => {
  let t: TestContext;
  let c: Client;
  let justiceId: string;

  const count = async () => (await c.get<Page>('/api/ledgers/reconsideration/records?pageSize=1')).body.total;
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

  it('exports the filtered list with personal data masked for users without pii:read', async () => {
    const reporter = await signedIn(t.app, 'town_reporter');
    await reporter.post('/api/ledgers/reconsideration/records', {
      values: { caseNo: '导出1号', applicant: '司马光', respondent: '某局', receivedOn: '2025-01-02' },
    });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/ledgers/reconsideration/export.xlsx?q=导出',
      headers: { cookie: reporter.cookie! },
    });
    expect(res.statusCode).toBe(200);
    const ws = (await readXlsx(res.rawPayload)).getWorksheet('数据')!;
    expect(ws.rowCount).toBe(2);
    const values = (ws.getRow(2).values as unknown[]).map(String);
    expect(values).toContain('司**');
    expect(values).toContain('城关镇');
  });

  it.skipIf(engine !== 'sqlite')(
    'a process killed during a CLI import leaves the ledger exactly as before',
    async () => {
      const file = join(t.config.dataDir, 'big.xlsx');
      writeFileSync(
        file,
        await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2021, 8000, 1600, 'K')),
      );
      const before = await count();
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: t.config.dataDir };
      delete env.DATABASE_URL;
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
    },
    180_000,
  );
});
