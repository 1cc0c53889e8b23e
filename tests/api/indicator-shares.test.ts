// Every share (an indicator shown in %) counts one population above and below the line, so over the demo
// data it stays within 0–100% for every unit, subtree and period a user can pick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../src/domain/indicators/catalog.ts';
import { DEMO_YEARS } from '../../src/modules/demo/ledgers.ts';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface Item {
  id: string;
  label: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  display: string;
}

const SHARES = INDICATORS.filter((d) => d.unit === '%' && !d.mayExceed100).map((d) => d.id);

/** Every year and quarter of the demo. */
const YEARS_AND_QUARTERS = DEMO_YEARS.flatMap((y) => [
  `year=${y}`,
  ...[1, 2, 3, 4].map((q) => `year=${y}&quarter=${q}`),
]);

/** Months sampled for time: three a year, a different three each year, so that all twelve occur. */
const MONTHS = DEMO_YEARS.flatMap((y, i) => [1, 5, 9].map((m) => `year=${y}&month=${m + i}`));

describe.each(engines())('占比类指标不超过 100%（演示数据，%s）', (engine) => {
  let t: TestContext;
  let coordinator: Client;

  beforeAll(async () => {
    t = await startTestApp(engine, { ledgers: true });
    coordinator = await signedIn(t.app, 'coordinator');
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('每个单位、含下级的每个单位和全县，每年、每季、每月，占比都在 0–100% 之间', async () => {
    expect(SHARES.length).toBeGreaterThan(20);
    const own = await t.database.db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select('units.region_code')
      .where('users.username', '=', 'coordinator')
      .executeTakeFirstOrThrow();
    const units = await t.database.db
      .selectFrom('units')
      .select(['id', 'name', 'parent_id'])
      .where('region_code', '=', own.region_code)
      .where('disabled', '=', 0)
      .execute();
    const parents = new Set(units.map((u) => u.parent_id).filter((p): p is string => p !== null));
    // The county and each subtree over years, quarters and months; each unit on its own over years and quarters.
    const subtrees = [
      { name: '全县', query: 'subtree=true' },
      ...units
        .filter((u) => parents.has(u.id))
        .map((u) => ({ name: `${u.name}（含下级）`, query: `unit=${u.id}&subtree=true` })),
    ];
    const alone = units.map((u) => ({ name: u.name, query: `unit=${u.id}&subtree=false` }));
    const ask = (s: { name: string; query: string }, p: string) => ({
      scope: s.name,
      query: `${s.query}&${p}`,
    });
    const requests = [
      ...subtrees.flatMap((s) => [...YEARS_AND_QUARTERS, ...MONTHS].map((p) => ask(s, p))),
      ...alone.flatMap((s) => YEARS_AND_QUARTERS.map((p) => ask(s, p))),
    ];
    const outside: string[] = [];
    let seen = 0;
    for (let i = 0; i < requests.length; i += 8) {
      await Promise.all(
        requests.slice(i, i + 8).map(async (r) => {
          const res = await coordinator.get<{ items: Item[] }>(
            `/api/indicators?${r.query}&ids=${SHARES.join(',')}`,
          );
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          for (const v of res.body.items) {
            if (v.value === null) continue;
            seen += 1;
            if (v.value < 0 || v.value > 1)
              outside.push(
                `${r.scope} ${r.query.replace(/.*subtree=\w+&/, '')} ${v.label} ${v.display}（${v.numerator}/${v.denominator}）`,
              );
          }
        }),
      );
    }
    expect(units.length).toBeGreaterThan(20);
    expect(seen).toBeGreaterThan(1000);
    expect(outside).toEqual([]);
  }, 600_000);
});
