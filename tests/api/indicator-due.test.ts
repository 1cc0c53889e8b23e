// 年度执法数据公开率 measures a deadline (公开上年度执法数据, 1月31日 of the next year): before that
// date the figure is 未到期 — never a 0% that reads as failure — and from the day after it is a rate.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface Figure {
  id: string;
  numerator: number;
  denominator: number | null;
  display: string;
  notDue?: boolean;
  dueOn?: string;
}

const ID = 'enforcement.annualDataPublishedRate';

describe.each(engines())('未到期的指标 (%s)', { timeout: 120_000 }, (engine) => {
  let t: TestContext;
  let coordinator: Client;

  /**
   * The API as of a day in Beijing (noon there), the clock faked for the in-process server only; signed
   * in on that day, so that the session is neither from the future nor expired.
   */
  const asOf = async <T>(day: string, url: string) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date(`${day}T04:00:00Z`));
      const client = await signedIn(t.app, 'coordinator');
      return await client.get<T>(url);
    } finally {
      vi.useRealTimers();
    }
  };
  const figure = async (day: string, year: number) => {
    const res = await asOf<{ items: Figure[] }>(day, `/api/indicators?year=${year}&ids=${ID}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items[0]!;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    const depts = await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=县市场监督管理局');
    const unitId = depts.body.items[0]!.id;
    const annual = (year: string, body: string, publishedOn: string | null) =>
      coordinator.post('/api/ledgers/enforcementAnnual/records', {
        unitId,
        values: { year, body, penalties: 5, publishedOn },
      });
    for (const res of [
      await annual('2024-01-01', '示范县市场监督管理局', '2025-01-20'),
      await annual('2024-01-01', '示范县市场监督管理局城区分局', null),
      await annual('2025-01-01', '示范县市场监督管理局', '2026-01-10'),
      await annual('2025-01-01', '示范县市场监督管理局城区分局', null),
    ])
      expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('2025年 on 2026-01-20 (before 1月31日): 未到期, with the due date and the counts so far', async () => {
    expect(await figure('2026-01-20', 2025)).toMatchObject({
      notDue: true,
      dueOn: '2026-01-31',
      display: '未到期',
      numerator: 1,
      denominator: 2,
    });
    // On the due day itself the bodies still have time.
    expect(await figure('2026-01-31', 2025)).toMatchObject({ notDue: true, display: '未到期' });
  });

  it('2025年 from 2026-02-01: a rate, the unpublished body counted as not published', async () => {
    expect(await figure('2026-02-01', 2025)).toMatchObject({ notDue: false, display: '50.0%' });
  });

  it('2026年 on 2026-12-02 is not due (1月31日 next year), and not shown as 0.0%', async () => {
    const f = await figure('2026-12-02', 2026);
    expect(f).toMatchObject({ notDue: true, dueOn: '2027-01-31', display: '未到期' });
    expect(f.display).not.toBe('0.0%');
  });

  it('the trend and the comparison by unit say the same', async () => {
    const trend = await asOf<{ series: Array<{ points: Figure[] }> }>(
      '2026-01-20',
      `/api/indicators/trend?years=2024,2025&ids=${ID}`,
    );
    expect(trend.body.series[0]!.points.map((p) => [p.notDue, p.display])).toEqual([
      [false, '50.0%'],
      [true, '未到期'],
    ]);
    const byUnit = await asOf<{ items: Figure[] }>(
      '2026-01-20',
      `/api/indicators/by-unit?id=${ID}&year=2025`,
    );
    expect(byUnit.status, JSON.stringify(byUnit.body)).toBe(200);
    expect(byUnit.body.items.length).toBeGreaterThan(0);
    for (const item of byUnit.body.items) expect(item).toMatchObject({ notDue: true, display: '未到期' });
  });

  it('a figure without a deadline has no due state', async () => {
    const res = await asOf<{ items: Figure[] }>(
      '2026-01-20',
      '/api/indicators?year=2025&ids=enforcement.penalties',
    );
    expect(res.body.items[0]!.notDue).toBeUndefined();
    expect(res.body.items[0]!.display).toBe('10件');
  });
});
