// Storage settings the benchmarks rely on, checked on the engine itself.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../support/app.ts';

describe.skipIf(!process.env.FAZHI_TEST_PG_URL)('PostgreSQL rollup tables', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp('postgres');
  });
  afterAll(async () => {
    await t.close();
  });

  it('are vacuumed and analysed after 1 % of their rows change (migration 005)', async () => {
    const res = await sql<{ relname: string; reloptions: string[] | null }>`
      select relname, reloptions from pg_class
      where relname in ('ledger_rollups', 'ledger_rollup_totals') order by relname`.execute(t.database.db);
    expect(res.rows).toHaveLength(2);
    for (const row of res.rows) {
      expect(row.reloptions).toEqual(
        expect.arrayContaining([
          'autovacuum_vacuum_scale_factor=0.01',
          'autovacuum_analyze_scale_factor=0.01',
        ]),
      );
    }
  });
});
