// Indicators over a custom range of days: whole months come from the rollups, the partial months at the
// ends from the records; stock figures count up to the range's last day. Same figures as a record count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface Indicator {
  id: string;
  numerator: number;
  denominator: number | null;
}

/** A valid 18-digit ID number (GB 11643 check digit). */
function idNumber(seq: number): string {
  const body = `11010119800101${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

const DECIDED = ['2024-12-18', '2025-01-06', '2025-03-10', '2025-03-20', '2025-04-05', '2025-05-31'];

describe.each(engines())('自定义日期区间的指标 (%s)', (engine) => {
  let t: TestContext;
  let coordinator: Client;
  let justiceId: string;

  async function figures(query: string): Promise<Record<string, Indicator>> {
    const res = await coordinator.get<{ items: Indicator[]; period: { label: string } }>(
      `/api/indicators?${query}&ids=reconsideration.concluded,reconsideration.correctionRate,mediation.mediators`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return Object.fromEntries(res.body.items.map((i) => [i.id, i]));
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    const units = await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局');
    justiceId = units.body.items[0]!.id;
    for (const [i, decidedOn] of DECIDED.entries()) {
      const res = await coordinator.post('/api/ledgers/reconsideration/records', {
        unitId: justiceId,
        values: {
          caseNo: `区间-${i}`,
          applicant: '张三',
          respondent: '某局',
          receivedOn: '2024-12-01',
          acceptedOn: '2024-12-02',
          acceptance: '受理',
          decidedOn,
          decision: i % 2 === 0 ? '撤销' : '维持',
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    for (const [i, appointedOn] of ['2025-03-05', '2025-03-25'].entries()) {
      const res = await coordinator.post('/api/ledgers/mediator/records', {
        unitId: justiceId,
        values: {
          name: `调解员${i}`,
          idNumber: idNumber(i + 1),
          organization: '城关镇人民调解委员会',
          post: '乡镇（街道）',
          employment: '专职',
          appointedOn,
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts the days of partial months from the records', async () => {
    const f = await figures('from=2025-03-15&to=2025-05-31');
    expect(f['reconsideration.concluded']!.numerator).toBe(3); // 03-20, 04-05, 05-31
    expect(f['reconsideration.correctionRate']).toMatchObject({ numerator: 1, denominator: 3 });
    expect((await figures('from=2025-03-10&to=2025-03-10'))['reconsideration.concluded']!.numerator).toBe(1);
  });

  it('spans a new year', async () => {
    const f = await figures('from=2024-12-18&to=2025-01-06');
    expect(f['reconsideration.concluded']!.numerator).toBe(2);
    expect((await figures('from=2024-12-19&to=2025-01-05'))['reconsideration.concluded']!.numerator).toBe(0);
  });

  it('counts a register up to the last day of the range', async () => {
    expect((await figures('from=2025-01-01&to=2025-03-24'))['mediation.mediators']!.numerator).toBe(1);
    expect((await figures('from=2025-01-01&to=2025-03-25'))['mediation.mediators']!.numerator).toBe(2);
  });

  it('gives whole months the same figures as the month query', async () => {
    const byDays = await figures('from=2025-03-01&to=2025-03-31');
    const byMonth = await figures('year=2025&month=3');
    expect(byDays).toEqual(byMonth);
  });

  it('compares units over a custom range', async () => {
    const res = await coordinator.get<{ items: Array<{ unitName: string; numerator: number }> }>(
      '/api/indicators/by-unit?id=reconsideration.concluded&from=2025-03-15&to=2025-05-31',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const total = res.body.items.reduce((a, i) => a + i.numerator, 0);
    expect(total).toBe(3);
  });

  it('refuses a malformed or reversed range with a Chinese message', async () => {
    for (const [q, message] of [
      ['from=2025-02-30&to=2025-03-01', '不是有效日期'],
      ['from=2025-05-01&to=2025-03-01', '起始日期不能晚于结束日期'],
      ['from=2025-05-01', '须同时给出起止日期'],
      ['from=1990-01-01&to=2025-01-01', '不能超过 20 年'],
      ['', '请指定年度'],
    ] as const) {
      const res = await coordinator.get<{ error: { message: string } }>(`/api/indicators?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
  });
});
