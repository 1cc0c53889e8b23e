// A release that changes what a ledger's measures count rebuilds that ledger's rollups at start, so the
// figures of records written before the upgrade follow the new definition (rollups:verify agrees).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRollups } from '../../src/modules/ledgers/rollup-verify.ts';
import { prepareDatabase } from '../../src/server/start.ts';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

describe.each(engines())('指标项定义变化后启动时重建汇总 (%s)', (engine) => {
  let t: TestContext;
  let coordinator: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    const units = await coordinator.get<{ items: Array<{ id: string; name: string }> }>(
      `/api/units?q=${encodeURIComponent('城关镇司法所')}`,
    );
    const office = units.body.items.find((u) => u.name === '城关镇司法所')!.id;
    for (const [i, receivedOn] of ['2025-12-20', '2026-01-05'].entries()) {
      const res = await coordinator.post('/api/ledgers/mediationCase/records', {
        unitId: office,
        values: {
          caseNo: `重建-${i}`,
          committee: '城关镇人民调解委员会',
          partyA: '张三',
          disputeType: '邻里纠纷',
          source: '排查发现',
          receivedOn,
          concludedOn: '2026-01-10',
          result: '调解成功',
          performed: true,
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('旧版本留下的汇总（履行按调结日期计、没有新指标项）在下次启动时按记录重建', async () => {
    // What an older release stored: 协议履行 by 调结日期, no 排查发现并受理 measure, no signature.
    await sql`delete from ledger_rollups where ledger = 'mediationCase' and measure in ('performed', 'screenedAccepted')`.execute(
      t.database.db,
    );
    await sql`delete from ledger_rollup_totals where ledger = 'mediationCase' and measure in ('performed', 'screenedAccepted')`.execute(
      t.database.db,
    );
    await sql`delete from settings where key = 'measures.mediationCase'`.execute(t.database.db);
    expect((await verifyRollups(t.database)).differences.length).toBeGreaterThan(0);

    const logged: string[] = [];
    const reopened = await prepareDatabase(t.config, { seedIfEmpty: false, log: (m) => logged.push(m) });
    try {
      expect(logged.join('\n')).toContain('人民调解案件：指标项定义有变化，已按 2 条记录重建汇总');
      expect((await verifyRollups(reopened)).differences).toEqual([]);
    } finally {
      await reopened.close();
    }
    const f = await coordinator.get<{ items: Array<{ id: string; numerator: number; denominator: number }> }>(
      '/api/indicators?year=2025&ids=mediation.performanceRate,mediation.handledRate',
    );
    expect(f.body.items.map((i) => [i.id, i.numerator, i.denominator])).toEqual([
      ['mediation.handledRate', 1, 1],
      ['mediation.performanceRate', 1, 1],
    ]);
  });
});
