import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface ReportDue {
  ledger: string;
  periodLabel: string;
  due: string;
  filed: boolean;
  status: string;
  statusLabel: string;
}
interface RecordDeadline {
  label: string;
  due: string;
  daysLeft: number | null;
  remainingWorkingDays: number | null;
  status: string;
  statusLabel: string;
}

describe.each(engines())('本月应办：应报统计与记录期限 (%s)', (engine) => {
  let t: TestContext;
  let town: Client;
  let dept: Client;
  let coordinator: Client;
  let leader: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    town = await signedIn(t.app, 'town_reporter');
    dept = await signedIn(t.app, 'dept_reporter');
    coordinator = await signedIn(t.app, 'coordinator');
    leader = await signedIn(t.app, 'leader');
  });
  afterAll(async () => {
    await t.close();
  });

  const reports = async (c: Client, today: string) => {
    const res = await c.get<{ items: ReportDue[] }>(`/api/todo/reports?today=${today}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('a township owes last month’s 人民调解月报 by the 5th, is late after it, and done once filed', async () => {
    const mediation = async (today: string) =>
      (await reports(town, today)).find((r) => r.ledger === 'mediationMonthly');
    expect(await mediation('2026-12-01')).toEqual(
      expect.objectContaining({
        ledger: 'mediationMonthly',
        periodLabel: '2026年11月',
        due: '2026-12-05',
        filed: false,
        statusLabel: '待报',
      }),
    );
    expect(await mediation('2026-12-08')).toMatchObject({
      status: 'overdue',
      statusLabel: '超期 3 天',
    });
    // January reports December of the year before.
    expect(await mediation('2027-01-02')).toMatchObject({
      periodLabel: '2026年12月',
      due: '2027-01-05',
    });
    const filed = await town.post('/api/ledgers/mediationMonthly/records', {
      values: { month: '2026-11-01', accepted: 12, success: 11 },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(await mediation('2026-12-08')).toMatchObject({ filed: true, statusLabel: '已报' });
  });

  it('a department owes last year’s 行政执法年度数据 by 31 January; the county government files neither', async () => {
    expect(await reports(dept, '2026-01-10')).toEqual([
      expect.objectContaining({ ledger: 'enforcementAnnual', periodLabel: '2025年', due: '2026-01-31' }),
    ]);
    expect(await reports(leader, '2026-12-01')).toEqual([]);
  });

  it('a record tells its deadline, the calendar days and working days left', async () => {
    // Accepted 2025-06-02 with no procedure entered: the ordinary 60 days → 2025-08-01.
    const created = await coordinator.post<{ id: string }>('/api/ledgers/reconsideration/records', {
      values: {
        caseNo: '期限-1',
        applicant: '丁',
        respondent: '某局',
        receivedOn: '2025-05-28',
        acceptance: '受理',
        acceptedOn: '2025-06-02',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await coordinator.get<{ items: RecordDeadline[] }>(
      `/api/ledgers/reconsideration/records/${created.body.id}/deadlines?today=2025-07-22`,
    );
    expect(res.status).toBe(200);
    const decision = res.body.items.find((d) => d.label === '作出复议决定');
    expect(decision).toMatchObject({ due: '2025-08-01', daysLeft: 10, status: 'ok' });
    expect(decision!.remainingWorkingDays).toBeGreaterThan(0);
    // The acceptance review is done: no days left to count.
    expect(res.body.items.find((d) => d.status === 'done')).toMatchObject({ daysLeft: null });
    // Outside the caller's scope the record does not exist.
    const other = await town.get(`/api/ledgers/reconsideration/records/${created.body.id}/deadlines`);
    expect(other.status).toBe(404);
  });
});
