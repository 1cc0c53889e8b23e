// `fazhi rollups:verify` recomputes every figure from the records: exit 0 and 「汇总数据与记录一致」 on an
// intact database, exit 1 and one Chinese line per difference once a stored figure has drifted.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, signedIn, startTestApp, type TestContext } from './support/app.ts';
import { fazhi } from './support/cli.ts';

describe.each(engines())('fazhi rollups:verify (%s)', { timeout: 120_000 }, (engine) => {
  let t: TestContext;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    env = {
      DATA_DIR: t.config.dataDir,
      ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : {}),
    };
    const coordinator = await signedIn(t.app, 'coordinator');
    const justice = (await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局'))
      .body.items[0]!.id;
    for (const n of [1, 2]) {
      const res = await coordinator.post('/api/ledgers/reconsideration/records', {
        unitId: justice,
        values: {
          caseNo: `核对〔2025〕${n}号`,
          applicant: '甲',
          respondent: '某局',
          receivedOn: '2025-04-02',
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is listed in the help', async () => {
    const help = await fazhi(['--help'], env);
    expect(help.code, help.out).toBe(0);
    expect(help.out).toContain('rollups:verify');
  });

  it('exits 0 when every figure matches its records, and 1 with the differences once one drifts', async () => {
    const ok = await fazhi(['rollups:verify'], env);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('汇总数据与记录一致');

    await sql`update ledger_rollups set value = value + 5
      where ledger = 'reconsideration' and measure = 'received' and period = '2025-04'`.execute(
      t.database.db,
    );
    const bad = await fazhi(['rollups:verify'], env);
    expect(bad.code, bad.out).toBe(1);
    expect(bad.out).toContain('汇总数据与记录不一致：共 1 处');
    expect(bad.out).toContain(
      '行政复议案件｜收案件数｜示范县司法局（本单位）｜2025-04：已存 7，按记录重算 2',
    );
  });
});
