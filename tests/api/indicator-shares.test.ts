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

/** Every year and quarter of the demo; months sampled (two a year, a different pair each year) for time. */
function periods(): string[] {
  const out: string[] = [];
  for (const [i, y] of DEMO_YEARS.entries()) {
    out.push(`year=${y}`);
    for (let q = 1; q <= 4; q += 1) out.push(`year=${y}&quarter=${q}`);
    for (const m of [1 + i * 2, 8 + i * 2]) out.push(`year=${y}&month=${m}`);
  }
  return out;
}

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
    const scopes = [
      { name: '全县', query: 'subtree=true' },
      ...units
        .filter((u) => parents.has(u.id))
        .map((u) => ({ name: `${u.name}（含下级）`, query: `unit=${u.id}&subtree=true` })),
      ...units.map((u) => ({ name: u.name, query: `unit=${u.id}&subtree=false` })),
    ];
    const requests = scopes.flatMap((s) =>
      periods().map((p) => ({ scope: s.name, query: `${s.query}&${p}` })),
    );
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
    expect(seen).toBeGreaterThan(1000);
    expect(outside).toEqual([]);
  }, 600_000);
});
