// 人民调解: a township's monthly statistic says it covers its villages' committees (含辖区村居调委会).
// In a figure that counts that statistic, the case records of the township's subtree for the same month
// are not counted again — and the figure's drill-down does not list them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIATION_SOURCES } from '../../src/domain/indicators/catalog.ts';
import { DEMO_YEARS } from '../../src/modules/demo/ledgers.ts';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface Item {
  id: string;
  numerator: number;
  denominator: number | null;
  formula: string;
}

interface Page {
  total: number;
  items: Array<{ id: string; version: number; values: Record<string, unknown> }>;
}

const IDS = 'mediation.cases,mediation.successRate,mediation.handledRate';

async function unitId(client: Client, name: string): Promise<string> {
  const res = await client.get<{ items: Array<{ id: string; name: string }> }>(
    `/api/units?q=${encodeURIComponent(name)}`,
  );
  const unit = res.body.items.find((u) => u.name === name);
  if (!unit) throw new Error(`no unit ${name}`);
  return unit.id;
}

async function figures(client: Client, query: string): Promise<Record<string, Item>> {
  const res = await client.get<{ items: Item[] }>(`/api/indicators?${query}&ids=${IDS}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Object.fromEntries(res.body.items.map((i) => [i.id, i]));
}

async function drillTotal(client: Client, ledger: string, measure: string, query: string) {
  const res = await client.get<Page>(`/api/ledgers/${ledger}/records?measure=${measure}&${query}&pageSize=1`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.total;
}

describe.each(engines())('人民调解：案件台账与乡镇月度统计不重复计数 (%s)', (engine) => {
  describe('自建数据', () => {
    let t: TestContext;
    let coordinator: Client;
    let town: string;
    let office: string;
    let statistic: { id: string; version: number };

    const mediationCase = (caseNo: string, receivedOn: string) =>
      coordinator.post('/api/ledgers/mediationCase/records', {
        unitId: office,
        values: {
          caseNo,
          committee: '城关镇人民调解委员会',
          partyA: '张三',
          disputeType: '邻里纠纷',
          source: '排查发现',
          receivedOn,
          concludedOn: receivedOn,
          result: '调解成功',
        },
      });

    beforeAll(async () => {
      t = await startTestApp(engine);
      coordinator = await signedIn(t.app, 'coordinator');
      town = await unitId(coordinator, '城关镇');
      office = await unitId(coordinator, '城关镇司法所');
      const res = await coordinator.post<{ id: string; version: number }>(
        '/api/ledgers/mediationMonthly/records',
        {
          unitId: town,
          values: { month: '2025-03-01', screened: 12, accepted: 10, success: 9 },
        },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      statistic = res.body;
      for (const [no, day] of [
        ['调-1', '2025-03-05'],
        ['调-2', '2025-03-28'],
        ['调-3', '2025-04-02'],
      ] as const)
        expect((await mediationCase(no, day)).status).toBe(201);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('城关镇含下级：3月只计月度统计（含辖区村居调委会），4月没有统计，计案件', async () => {
      const q = `unit=${town}&subtree=true`;
      const f = await figures(coordinator, `${q}&year=2025`);
      expect(f['mediation.cases']!.numerator).toBe(11); // 10 (3月统计) + 1 (4月案件), not 13
      expect(f['mediation.successRate']).toMatchObject({ numerator: 10, denominator: 11 });
      expect(f['mediation.handledRate']).toMatchObject({ numerator: 11, denominator: 13 });
      expect(f['mediation.cases']!.formula).toContain(MEDIATION_SOURCES);
      // The drill-down lists exactly what the figure counts: the statistic and the April case.
      expect(
        await drillTotal(
          coordinator,
          'mediationCase',
          'accepted',
          `${q}&periodFrom=2025-01-01&periodTo=2025-12-31`,
        ),
      ).toBe(1);
      expect(
        await drillTotal(
          coordinator,
          'mediationMonthly',
          'accepted',
          `${q}&periodFrom=2025-01-01&periodTo=2025-12-31`,
        ),
      ).toBe(1);
      // A month on its own, and the unit comparison, follow the same rule.
      expect(
        (await figures(coordinator, `unit=${town}&subtree=true&year=2025&month=3`))['mediation.cases']!
          .numerator,
      ).toBe(10);
      const byUnit = await coordinator.get<{ items: Array<{ unitName: string; numerator: number }> }>(
        '/api/indicators/by-unit?id=mediation.cases&year=2025',
      );
      expect(byUnit.body.items.find((i) => i.unitName === '城关镇')?.numerator).toBe(11);
    });

    it('只看城关镇司法所：不含乡镇的统计，案件全部计入', async () => {
      const q = `unit=${office}&subtree=true`;
      expect((await figures(coordinator, `${q}&year=2025`))['mediation.cases']!.numerator).toBe(3);
      expect(
        await drillTotal(
          coordinator,
          'mediationCase',
          'accepted',
          `${q}&periodFrom=2025-01-01&periodTo=2025-12-31`,
        ),
      ).toBe(3);
    });

    it('删除3月统计后，3月的案件重新计入', async () => {
      const del = await coordinator.delete(
        `/api/ledgers/mediationMonthly/records/${statistic.id}?version=${statistic.version}`,
      );
      expect(del.status, JSON.stringify(del.body)).toBe(200);
      const f = await figures(coordinator, `unit=${town}&subtree=true&year=2025`);
      expect(f['mediation.cases']!.numerator).toBe(3);
      expect(f['mediation.handledRate']).toMatchObject({ numerator: 3, denominator: 3 });
    });

    it('月度统计的受理调解件数不能大于排查纠纷数', async () => {
      const res = await coordinator.post<{ error: { message: string } }>(
        '/api/ledgers/mediationMonthly/records',
        { unitId: town, values: { month: '2025-05-01', screened: 5, accepted: 8, success: 6 } },
      );
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('受理调解件数不能大于排查纠纷数');
    });
  });

  describe('演示数据', () => {
    let t: TestContext;
    let coordinator: Client;

    beforeAll(async () => {
      t = await startTestApp(engine, { ledgers: true });
      coordinator = await signedIn(t.app, 'coordinator');
    }, 240_000);
    afterAll(async () => {
      await t?.close();
    });

    it('城关镇含下级：受理调解件数等于月度统计，加上没有月度统计的月份的案件，而不是两者相加', async () => {
      const town = await unitId(coordinator, '城关镇');
      for (const year of DEMO_YEARS) {
        const q = `unit=${town}&subtree=true`;
        const days = `${q}&periodFrom=${year}-01-01&periodTo=${year}-12-31`;
        const statistics = await coordinator.get<Page>(
          `/api/ledgers/mediationMonthly/records?${days}&measure=accepted&pageSize=100`,
        );
        const reported = new Set(statistics.body.items.map((r) => String(r.values.month).slice(0, 7)));
        const statisticsSum = statistics.body.items.reduce((acc, r) => acc + Number(r.values.accepted), 0);
        const cases = await coordinator.get<Page>(
          `/api/ledgers/mediationCase/records?unit=${town}&subtree=true&from=${year}-01-01&to=${year}-12-31&pageSize=200`,
        );
        expect(cases.body.total).toBeLessThan(200);
        const uncovered = cases.body.items.filter(
          (r) => !reported.has(String(r.values.receivedOn).slice(0, 7)),
        );
        expect(statisticsSum).toBeGreaterThan(0);
        expect(uncovered.length).toBeLessThan(cases.body.total); // some cases are covered by a statistic
        const f = await figures(coordinator, `${q}&year=${year}`);
        expect(f['mediation.cases']!.numerator).toBe(statisticsSum + uncovered.length);
        expect(f['mediation.cases']!.numerator).not.toBe(statisticsSum + cases.body.total);
        expect(await drillTotal(coordinator, 'mediationCase', 'accepted', days)).toBe(uncovered.length);
      }
    });
  });
});
