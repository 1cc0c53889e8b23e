// 按期办结率: whether a 行政复议 case was decided within its statutory period is derived by the server
// from the case's dates on the region's working-day calendar, counted into the rollups, filterable,
// drillable, and recomputed when the region's calendar changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import { multipart, RECONSIDERATION_HEADERS, readXlsx, xlsxFrom } from '../support/xlsx.ts';

interface Indicator {
  id: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  display: string;
  formula: string;
}
interface RecordDto {
  id: string;
  version: number;
  values: Record<string, unknown>;
}

const CASES = [
  // 受理 06-02, 60 days → 08-01 (Friday).
  { caseNo: '按期-1', acceptedOn: '2025-06-02', decidedOn: '2025-07-30', procedure: '普通程序' },
  { caseNo: '按期-2', acceptedOn: '2025-06-02', decidedOn: '2025-08-04', procedure: '普通程序' }, // late by 1 working day
  {
    caseNo: '按期-3',
    acceptedOn: '2025-06-02',
    decidedOn: '2025-08-20',
    procedure: '普通程序',
    extended: true,
  },
  { caseNo: '按期-4', acceptedOn: '2025-06-02', decidedOn: '2025-07-10', procedure: '简易程序' }, // 30 days → 07-02
  { caseNo: '按期-5', acceptedOn: '2025-06-02', decidedOn: null, procedure: '普通程序' }, // open
];

describe.each(engines())('行政复议按期办结率 (%s)', (engine) => {
  let t: TestContext;
  let coordinator: Client;
  let justiceId: string;
  const ids: Record<string, string> = {};

  async function rate(): Promise<Indicator> {
    const res = await coordinator.get<{ items: Indicator[] }>(
      '/api/indicators?year=2025&ids=reconsideration.onTimeRate',
    );
    expect(res.status).toBe(200);
    return res.body.items[0]!;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    const units = await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局');
    justiceId = units.body.items[0]!.id;
    for (const c of CASES) {
      const res = await coordinator.post<RecordDto>('/api/ledgers/reconsideration/records', {
        unitId: justiceId,
        values: {
          applicant: '张三',
          respondent: '某局',
          receivedOn: '2025-05-26',
          acceptance: '受理',
          decision: c.decidedOn ? '维持' : null,
          // A client cannot claim a case was on time: the value sent is ignored.
          decidedOnTime: true,
          ...c,
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[c.caseNo] = res.body.id;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('derives 按期审结 for each case and shows it on the record', async () => {
    const value = async (no: string) =>
      (await coordinator.get<RecordDto>(`/api/ledgers/reconsideration/records/${ids[no]}`)).body.values
        .decidedOnTime;
    expect(await value('按期-1')).toBe(true);
    expect(await value('按期-2')).toBe(false);
    expect(await value('按期-3')).toBe(true);
    expect(await value('按期-4')).toBe(false);
    expect(await value('按期-5')).toBeNull();
  });

  it('computes the rate over decided cases with a statutory period, with its formula', async () => {
    const r = await rate();
    expect(r).toMatchObject({ numerator: 2, denominator: 4, display: '50.0%' });
    expect(r.formula).toContain('审结件数');
  });

  it('lists the late cases by filter and the on-time ones by drill-down', async () => {
    const late = await coordinator.get<{ total: number; items: RecordDto[] }>(
      '/api/ledgers/reconsideration/records?f.decidedOnTime=false',
    );
    expect(late.body.items.map((i) => i.values.caseNo).sort()).toEqual(['按期-2', '按期-4']);
    const onTime = await coordinator.get<{ total: number; items: RecordDto[] }>(
      '/api/ledgers/reconsideration/records?measure=concludedOnTime&periodFrom=2025-01-01&periodTo=2025-12-31',
    );
    expect(onTime.body.items.map((i) => i.values.caseNo).sort()).toEqual(['按期-1', '按期-3']);
    const withTerm = await coordinator.get<{ total: number }>(
      '/api/ledgers/reconsideration/records?measure=concludedWithTerm&periodFrom=2025-01-01&periodTo=2025-12-31',
    );
    expect(withTerm.body.total).toBe(4);
  });

  it('recomputes when an edit changes the dates', async () => {
    const rec = await coordinator.get<RecordDto>(`/api/ledgers/reconsideration/records/${ids['按期-4']}`);
    const res = await coordinator.put<RecordDto>(`/api/ledgers/reconsideration/records/${ids['按期-4']}`, {
      version: rec.body.version,
      values: { ...rec.body.values, procedure: '简易转普通' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.values.decidedOnTime).toBe(true);
    expect(await rate()).toMatchObject({ numerator: 3, denominator: 4 });
  });

  it('leaves the derived column out of the template and computes it on import, new or updated', async () => {
    const tpl = await t.app.inject({
      method: 'GET',
      url: '/api/ledgers/reconsideration/template.xlsx',
      headers: { cookie: coordinator.cookie! },
    });
    const headers = (
      (await readXlsx(tpl.rawPayload)).getWorksheet('数据')!.getRow(1).values as unknown[]
    ).map(String);
    expect(headers.some((h) => h.includes('审结日期'))).toBe(true);
    expect(headers.some((h) => h.includes('按期审结'))).toBe(false);
    // An export re-imported keeps its 按期审结 column; the value in it is ignored.
    const file = await xlsxFrom(
      [...RECONSIDERATION_HEADERS, '按期审结'],
      [
        [
          '按期-6',
          '李四',
          '某局',
          '行政处罚',
          '2025-05-26',
          '受理',
          '2025-06-02',
          '普通程序',
          '2025-09-01',
          '维持',
          '是',
        ],
        [
          '按期-5',
          '张三',
          '某局',
          '行政处罚',
          '2025-05-26',
          '受理',
          '2025-06-02',
          '普通程序',
          '2025-06-30',
          '维持',
          '否',
        ],
      ],
    );
    const { body, contentType } = await multipart(file, '复议.xlsx', { unitId: justiceId });
    const res = await coordinator.request<{ created: number; updated: number }>(
      'POST',
      '/api/ledgers/reconsideration/import',
      body,
      { 'content-type': contentType },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 1 });
    const late = await coordinator.get<{ items: RecordDto[] }>(
      '/api/ledgers/reconsideration/records?f.caseNo=按期-6',
    );
    expect(late.body.items[0]!.values.decidedOnTime).toBe(false);
    const updated = await coordinator.get<RecordDto>(`/api/ledgers/reconsideration/records/${ids['按期-5']}`);
    expect(updated.body.values.decidedOnTime).toBe(true);
    // 按期-1, -3, -4 (edited), -5 on time; -2, -6 late.
    expect(await rate()).toMatchObject({ numerator: 4, denominator: 6 });
  });

  it('recomputes the region’s closed cases when its calendar changes, and audits the change', async () => {
    // A local holiday on 08-01 moves 按期-2's due date to 08-04, the day it was decided.
    const cal = await coordinator.get<{ version: number }>('/api/calendar');
    const put = await coordinator.put('/api/calendar', {
      holidays: ['2025-08-01'],
      version: cal.body.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(await rate()).toMatchObject({ numerator: 5, denominator: 6 });
    const rec = await coordinator.get<RecordDto>(`/api/ledgers/reconsideration/records/${ids['按期-2']}`);
    expect(rec.body.values.decidedOnTime).toBe(true);
    const secadmin = await signedIn(t.app, 'auditor');
    const audit = await secadmin.get<{ items: Array<{ action: string; changes: string | null }> }>(
      '/api/audit?action=calendar.update',
    );
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body.items[0])).toContain('recomputedRecords');
  });
});
