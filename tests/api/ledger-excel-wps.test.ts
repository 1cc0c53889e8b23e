// Import of a template filled and saved in WPS 表格. The file is built by tests/support/wps-like-xlsx.ts
// after what WPS is known to write (WPS itself cannot run on this machine): wrong <dimension>, rich-text
// shared strings, dates under Chinese built-in and custom formats and as text, WPS-only parts, styled
// empty rows after the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import { wpsLikeXlsx } from '../support/wps-like-xlsx.ts';
import { multipart, RECONSIDERATION_HEADERS } from '../support/xlsx.ts';

interface RecordDto {
  values: Record<string, unknown>;
}

describe.each(engines())('导入 WPS 表格保存的文件 (%s)', (engine) => {
  let t: TestContext;
  let coordinator: Client;
  let justiceId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    const units = await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局');
    justiceId = units.body.items[0]!.id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function importFile(file: Buffer) {
    const { body, contentType } = await multipart(file, 'WPS保存.xlsx', { unitId: justiceId });
    return coordinator.request<{ created: number; errors?: Array<{ row: number; reason: string }> }>(
      'POST',
      '/api/ledgers/reconsideration/import',
      body,
      { 'content-type': contentType },
    );
  }

  it('reads every row with its dates, rich text and 是/否, ignoring the styled empty rows', async () => {
    const file = await wpsLikeXlsx(
      [...RECONSIDERATION_HEADERS, '是否听证'],
      [
        [
          { s: '示复〔2025〕201号' },
          { rich: ['王', '某某'] },
          { s: '示范县市场监督管理局' },
          { s: '行政处罚' },
          { date: '2025-03-03', format: 'cn' },
          { s: '受理' },
          { date: '2025-03-07', format: 'slash' },
          { s: '普通程序' },
          { s: '2025/4/28' },
          { s: '撤销' },
          { s: '否' },
        ],
        [
          { s: '示复〔2025〕202号' },
          { s: '李某某' },
          { rich: ['示范县', '自然资源局'] },
          { s: '政府信息公开' },
          { date: '2025-03-10', format: 'cn' },
          { s: '受理' },
          { date: '2025-03-12', format: 'cn' },
          { s: '简易程序' },
          { date: '2025-04-02', format: 'slash' },
          { s: '维持' },
          { s: '是' },
        ],
      ],
    );
    const res = await importFile(file);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.created).toBe(2);
    const list = await coordinator.get<{ total: number; items: RecordDto[] }>(
      '/api/ledgers/reconsideration/records?sort=caseNo&order=asc',
    );
    expect(list.body.total).toBe(2);
    const [first, second] = list.body.items.map((i) => i.values);
    expect(first).toMatchObject({
      caseNo: '示复〔2025〕201号',
      receivedOn: '2025-03-03',
      acceptedOn: '2025-03-07',
      decidedOn: '2025-04-28',
      decision: '撤销',
      hearing: false,
    });
    expect(second).toMatchObject({
      respondent: '示范县自然资源局',
      receivedOn: '2025-03-10',
      decidedOn: '2025-04-02',
      hearing: true,
      decidedOnTime: true,
    });
    const unmasked = await coordinator.get<{ items: RecordDto[] }>(
      '/api/ledgers/reconsideration/records?f.caseNo=示复〔2025〕201号',
    );
    // The applicant's name is personal data: masked in the list, but the rich-text runs were joined.
    expect(String(unmasked.body.items[0]!.values.applicant)).toMatch(/^王/);
    const ind = await coordinator.get<{
      items: Array<{ id: string; numerator: number; denominator: number }>;
    }>('/api/indicators?year=2025&ids=reconsideration.correctionRate');
    expect(ind.body.items[0]).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('refuses a bad value in a WPS file with the row and column, and writes nothing', async () => {
    const file = await wpsLikeXlsx(RECONSIDERATION_HEADERS, [
      [
        { s: '示复〔2025〕203号' },
        { s: '赵某' },
        { s: '某局' },
        { s: '行政处罚' },
        { s: '2025年13月1日' },
        { empty: true },
        { empty: true },
        { empty: true },
        { empty: true },
        { empty: true },
      ],
    ]);
    const res = await importFile(file);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({ row: 2 });
    expect(res.body.errors?.[0]?.reason).toContain('日期');
    const list = await coordinator.get<{ total: number }>(
      '/api/ledgers/reconsideration/records?f.caseNo=示复〔2025〕203号',
    );
    expect(list.body.total).toBe(0);
  });
});
