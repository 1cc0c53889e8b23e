// At start-up the server recomputes stored derived fields (按期审结 …) only when the way they are derived
// changed since they were stored: a new database says nothing, a changed rule fixes every record and
// its rollups, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshChangedDerivations } from '../../src/modules/ledgers/derived-refresh.ts';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

describe.each(engines())('启动时重算派生字段 (%s)', (engine) => {
  let t: TestContext;
  let coordinator: Client;
  let recordId: string;

  const onTimeCount = async () =>
    (
      await coordinator.get<{ items: Array<{ numerator: number }> }>(
        '/api/indicators?year=2025&ids=reconsideration.onTimeRate',
      )
    ).body.items[0]!.numerator;

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    const units = await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局');
    const res = await coordinator.post<{ id: string }>('/api/ledgers/reconsideration/records', {
      unitId: units.body.items[0]!.id,
      values: {
        caseNo: '重算〔2025〕1号',
        applicant: '甲',
        respondent: '某局',
        receivedOn: '2025-03-03',
        acceptance: '受理',
        acceptedOn: '2025-03-05',
        procedure: '普通程序',
        decidedOn: '2025-04-10',
        decision: '维持',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    recordId = res.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says nothing when the stored values are current, and does nothing the second time', async () => {
    expect(await refreshChangedDerivations(t.database)).toEqual([]);
    expect(await refreshChangedDerivations(t.database)).toEqual([]);
    expect(await onTimeCount()).toBe(1);
  });

  it('recomputes a record stored under an older rule and reports the count', async () => {
    // As a release with a different rule would have left it: the stored value is wrong and the stored
    // signature is not this release's.
    await t.database.db
      .updateTable('lg_reconsideration' as never)
      .set({ f_decided_on_time: 0 } as never)
      .where('id' as never, '=', recordId as never)
      .execute();
    await t.database.db
      .updateTable('settings')
      .set({ value: 'an older rule' })
      .where('key', '=', 'derived.reconsideration')
      .execute();
    const report = await refreshChangedDerivations(t.database);
    expect(report).toEqual(['行政复议案件：重新计算派生字段 1 条']);
    const rec = await coordinator.get<{ values: { decidedOnTime: boolean } }>(
      `/api/ledgers/reconsideration/records/${recordId}`,
    );
    expect(rec.body.values.decidedOnTime).toBe(true);
    expect(await refreshChangedDerivations(t.database)).toEqual([]);
  });
});
