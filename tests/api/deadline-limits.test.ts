// A region's own statutory limits (where local rules differ): 规范性文件 报送备案 within 30 days rather
// than 15, a 3-year validity. The to-do list and the derived 按期报送备案 follow them, closed records are
// recomputed when they change, and the change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface Limits {
  version: number;
  items: Array<{ id: string; days: number; defaultDays: number; overridden: boolean; unitLabel: string }>;
}
interface Indicator {
  numerator: number;
  denominator: number | null;
}

describe.each(engines())('地区法定期限 (%s)', (engine) => {
  let t: TestContext;
  let coordinator: Client;
  let justiceId: string;

  const doc = (no: number, publishedOn: string, filedOn: string | null) => ({
    unitId: justiceId,
    values: {
      docNo: `示规〔2025〕${no}号`,
      title: `示范县某某办法${no}`,
      issuer: '示范县人民政府',
      publishedOn,
      effectiveOn: '2025-04-01',
      filedWith: ['上一级人民政府'],
      filedOn,
      filedOnTime: true, // ignored: derived by the server
      status: '有效',
    },
  });
  const onTimeFiling = async () =>
    (
      await coordinator.get<{ items: Indicator[] }>(
        '/api/indicators?year=2025&ids=normativeDoc.onTimeFilingRate',
      )
    ).body.items[0]!;

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    const units = await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局');
    justiceId = units.body.items[0]!.id;
    // Published 03-03: filed on day 10 and on day 25 (late under 15 days, on time under 30).
    for (const [no, filedOn] of [
      [1, '2025-03-13'],
      [2, '2025-03-28'],
    ] as const) {
      const res = await coordinator.post('/api/ledgers/normativeDoc/records', doc(no, '2025-03-03', filedOn));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the limits a region may change, with the national defaults', async () => {
    const res = await coordinator.get<Limits>('/api/deadline-limits');
    expect(res.status).toBe(200);
    const filing = res.body.items.find((i) => i.id === 'normative_document.filing');
    expect(filing).toMatchObject({ days: 15, defaultDays: 15, overridden: false, unitLabel: '日' });
    expect(res.body.items.some((i) => i.id === 'reconsideration.decision')).toBe(false); // set by law
    expect(res.body.items.some((i) => i.id === 'penalty.decision')).toBe(false); // no ledger deadline uses it
    expect(res.body.items.map((i) => i.id).sort()).toEqual([
      'legal_aid.assign',
      'legal_aid.review',
      'normative_document.filing',
      'normative_document.validity',
      'normative_document.validity_provisional',
    ]);
  });

  it('derives 按期报送备案 from the filing limit, and recomputes when the region sets 30 days', async () => {
    expect(await onTimeFiling()).toMatchObject({ numerator: 1, denominator: 2 });
    const before = await coordinator.get<Limits>('/api/deadline-limits');
    const put = await coordinator.put<Limits>('/api/deadline-limits', {
      changes: { 'normative_document.filing': { days: 30 } },
      version: before.body.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.items.find((i) => i.id === 'normative_document.filing')).toMatchObject({
      days: 30,
      overridden: true,
    });
    expect(await onTimeFiling()).toMatchObject({ numerator: 2, denominator: 2 });
    const auditor = await signedIn(t.app, 'auditor');
    const audit = await auditor.get<{ items: unknown[] }>('/api/audit?action=limits.update');
    expect(JSON.stringify(audit.body.items[0])).toContain('recomputedRecords');
  });

  it('moves the to-do warning with the region’s validity period', async () => {
    // Effective 2022-09-01, not filed-by-date matters here: a 3-year validity ends 2025-08-31.
    const res = await coordinator.post('/api/ledgers/normativeDoc/records', {
      ...doc(3, '2022-08-01', '2022-08-05'),
      values: {
        ...doc(3, '2022-08-01', '2022-08-05').values,
        docNo: '示规〔2022〕3号',
        effectiveOn: '2022-09-01',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const validity = async () =>
      (
        await coordinator.get<{ items: Array<{ title: string; due: string; deadline: string }> }>(
          '/api/todo?today=2025-08-28',
        )
      ).body.items.find((i) => i.title === '示规〔2022〕3号' && i.deadline.startsWith('有效期'));
    expect(await validity()).toBeUndefined(); // 5 years by default: 2027-08-31
    const cur = await coordinator.get<Limits>('/api/deadline-limits');
    const put = await coordinator.put('/api/deadline-limits', {
      changes: { 'normative_document.validity': { days: 36 } },
      version: cur.body.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(await validity()).toMatchObject({ due: '2025-08-31' });
  });

  it('restores a default with null, and refuses bad input with a Chinese message', async () => {
    const cur = await coordinator.get<Limits>('/api/deadline-limits');
    const reset = await coordinator.put<Limits>('/api/deadline-limits', {
      changes: { 'normative_document.filing': null },
      version: cur.body.version,
    });
    expect(reset.status).toBe(200);
    expect(reset.body.items.find((i) => i.id === 'normative_document.filing')).toMatchObject({
      days: 15,
      overridden: false,
    });
    expect(await onTimeFiling()).toMatchObject({ numerator: 1, denominator: 2 });
    const v = reset.body.version;
    for (const [changes, message] of [
      [{ 'reconsideration.decision': { days: 90 } }, '不可由地区调整'],
      [{ 'normative_document.filing': { days: 0 } }, '至少为 1'],
      [{ 'normative_document.filing': { days: 1.5 } }, '整数'],
    ] as const) {
      const res = await coordinator.put<{ error: { message: string } }>('/api/deadline-limits', {
        changes,
        version: v,
      });
      expect(res.status, JSON.stringify(changes)).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
    const stale = await coordinator.put('/api/deadline-limits', { changes: {}, version: v - 1 });
    expect(stale.status).toBe(409);
    const leader = await signedIn(t.app, 'leader');
    const denied = await leader.put('/api/deadline-limits', { changes: {}, version: v });
    expect(denied.status).toBe(403);
  });
});
