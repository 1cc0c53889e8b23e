// An import never guesses a row's unit: an importer who can write to several units must name each
// row's 填报单位 or choose a default for the import (and the result says where blank rows went); an
// importer of one unit may leave it blank. Every row error — unknown unit included — comes in one pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import { multipart, RECONSIDERATION_HEADERS, xlsxFrom } from '../support/xlsx.ts';

interface ImportAnswer {
  rows?: number;
  created?: number;
  updated?: number;
  blankUnit?: { id: string; name: string; rows: number; chosen: boolean } | null;
  error?: { code: string; message: string };
  errors?: Array<{ row: number; column: string; value: string; reason: string }>;
}

interface RecordList {
  items: Array<{ unitName: string; values: Record<string, unknown> }>;
}

const HEADERS = [...RECONSIDERATION_HEADERS, '填报单位'];

function row(caseNo: string, unitName = '', receivedOn: unknown = '2025-03-03'): unknown[] {
  return [
    caseNo,
    '张三',
    '示范县市场监督管理局',
    '行政处罚',
    receivedOn,
    '受理',
    '2025-03-06',
    '普通程序',
    null,
    null,
    unitName,
  ];
}

describe.each(engines())('导入的填报单位 (%s)', { timeout: 120_000 }, (engine) => {
  let t: TestContext;
  let coordinator: Client;
  let reporter: Client;
  let justice: { id: string; name: string };

  const upload = async (c: Client, rows: unknown[][], fields: Record<string, string> = {}) => {
    const { body, contentType } = await multipart(await xlsxFrom(HEADERS, rows), '导入.xlsx', fields);
    return c.request<ImportAnswer>('POST', '/api/ledgers/reconsideration/import', body, {
      'content-type': contentType,
    });
  };
  const recordsOf = async (prefix: string) => {
    const res = await coordinator.get<RecordList>(
      `/api/ledgers/reconsideration/records?q=${encodeURIComponent(prefix)}&pageSize=50`,
    );
    return res.body.items.filter((r) => String(r.values.caseNo).startsWith(prefix));
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    reporter = await signedIn(t.app, 'town_reporter');
    const units = await coordinator.get<{ items: Array<{ id: string; name: string }> }>(
      '/api/units?q=示范县司法局',
    );
    justice = units.body.items[0]!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('several units and no default: every blank 填报单位 is a row error and nothing is written', async () => {
    const res = await upload(coordinator, [
      row('单位复〔2025〕1号'),
      row('单位复〔2025〕2号', justice.name),
      row('单位复〔2025〕3号'),
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error!.code).toBe('IMPORT_REJECTED');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 2, column: '填报单位', value: '' }),
      expect.objectContaining({ row: 4, column: '填报单位', value: '' }),
    ]);
    for (const e of res.body.errors!) expect(e.reason).toContain('请填写填报单位（您可以为多个单位填报）');
    expect(await recordsOf('单位复〔2025〕')).toEqual([]);
  });

  it('several units with a default chosen: blank rows go there and the result says so', async () => {
    const res = await upload(
      coordinator,
      [row('默认复〔2025〕1号'), row('默认复〔2025〕2号'), row('默认复〔2025〕3号', '城关镇')],
      { unitId: justice.id },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      rows: 3,
      created: 3,
      blankUnit: { id: justice.id, name: '示范县司法局', rows: 2, chosen: true },
    });
    const units = Object.fromEntries(
      (await recordsOf('默认复〔2025〕')).map((r) => [r.values.caseNo, r.unitName]),
    );
    expect(units).toEqual({
      '默认复〔2025〕1号': '示范县司法局',
      '默认复〔2025〕2号': '示范县司法局',
      '默认复〔2025〕3号': '城关镇',
    });
  });

  it('an importer of one unit may leave 填报单位 blank: the rows are that unit’s, as the result says', async () => {
    const res = await upload(reporter, [row('本镇复〔2025〕1号')]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.blankUnit).toMatchObject({ name: '城关镇', rows: 1, chosen: false });
    expect((await recordsOf('本镇复〔2025〕')).map((r) => r.unitName)).toEqual(['城关镇']);
  });

  it('one pass: an unknown unit is reported together with the other rows’ errors', async () => {
    const res = await upload(coordinator, [
      row('一次复〔2025〕1号', justice.name, '2025-13-45'),
      row('一次复〔2025〕2号', '不存在的单位'),
      row('一次复〔2025〕3号', '不存在的单位', '不是日期'),
      row('一次复〔2025〕4号'),
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    const byRow = res.body.errors!.map((e) => [e.row, e.column]);
    expect(byRow).toEqual([
      [2, '收案日期'],
      [3, '填报单位'],
      [4, '收案日期'],
      [4, '填报单位'],
      [5, '填报单位'],
    ]);
    expect(res.body.errors![1]).toMatchObject({
      value: '不存在的单位',
      reason: '单位不存在或不在您的数据权限范围内',
    });
    expect(await recordsOf('一次复〔2025〕')).toEqual([]);
  });

  it('a default unit outside the importer’s scope is refused before any row is read', async () => {
    const res = await upload(reporter, [row('越权复〔2025〕1号')], { unitId: justice.id });
    expect(res.status).toBe(404);
    expect(res.body.error!.message).toBe('单位不存在或不在您的数据权限范围内');
    expect(await recordsOf('越权复〔2025〕')).toEqual([]);
  });
});
