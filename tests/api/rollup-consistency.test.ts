// Property: whatever mix of writes reaches the API — create, edit, delete, import, unit move, a change
// of the region's statutory limits — the stored rollups equal a recomputation from the records after
// every step. Keys come from a small pool so that collisions (409s, import upserts, row errors) happen.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRollups } from '../../src/modules/ledgers/rollup-verify.ts';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import { signedInWithRole } from '../support/custom-role.ts';
import { multipart, RECONSIDERATION_HEADERS, xlsxFrom } from '../support/xlsx.ts';

const COUNTY = '990121';
const UNIT_NAMES = ['汇总甲', '汇总乙', '汇总丙', '汇总丁'] as const;
const DECISIONS = ['维持', '撤销', '确认违法', '驳回复议请求'] as const;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (date: string, n: number) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000));
/** The 60-day due dates of cases accepted on the 23rd of each month, and the day after each. */
const DUE_DATES = Array.from({ length: 12 }, (_, i) => {
  const due = plusDays(`2025-${String(i + 1).padStart(2, '0')}-23`, 60);
  return [due, plusDays(due, 1)];
}).flat();

interface Rec {
  month: number;
  accepted: boolean;
  simple: boolean;
  decidedAfter: number | null;
  decision: number;
}

type Action =
  | { kind: 'create'; unit: number; key: number; rec: Rec }
  | { kind: 'update'; pick: number; key: number; rec: Rec }
  | { kind: 'delete'; pick: number }
  | {
      kind: 'import';
      unit: number;
      rows: Array<{ key: number; rec: Rec; named: number | null }>;
    }
  | { kind: 'move'; unit: number; parent: number | null }
  | { kind: 'calendar'; holidays: string[] };

const rec: fc.Arbitrary<Rec> = fc.record({
  month: fc.integer({ min: 1, max: 12 }),
  accepted: fc.boolean(),
  simple: fc.boolean(),
  // Days from acceptance to decision: often right at the 60-day limit, where a local holiday on the due
  // date decides 按期审结; otherwise anywhere, across month and year ends.
  decidedAfter: fc.option(fc.oneof(fc.integer({ min: 59, max: 62 }), fc.integer({ min: 1, max: 120 })), {
    nil: null,
  }),
  decision: fc.integer({ min: 0, max: DECISIONS.length - 1 }),
});
const unitIdx = fc.integer({ min: 0, max: UNIT_NAMES.length - 1 });
const key = fc.integer({ min: 1, max: 6 });

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), unit: unitIdx, key, rec }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), key, rec }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('import' as const),
    unit: unitIdx,
    rows: fc.array(fc.record({ key, rec, named: fc.option(unitIdx, { nil: null }) }), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    unit: fc.integer({ min: 1, max: UNIT_NAMES.length - 1 }),
    parent: fc.option(unitIdx, { nil: null }),
  }),
  fc.record({ kind: fc.constant('calendar' as const), holidays: fc.subarray(DUE_DATES) }),
);

/** A record's values in API form; the same record in template column order for the import. */
function values(k: number, r: Rec) {
  const receivedOn = `2025-${String(r.month).padStart(2, '0')}-20`;
  const acceptedOn = r.accepted ? plusDays(receivedOn, 3) : null;
  const decidedOn = acceptedOn && r.decidedAfter !== null ? plusDays(acceptedOn, r.decidedAfter) : null;
  return {
    caseNo: `汇复〔2025〕${k}号`,
    applicant: '申请人',
    respondent: '示范县市场监督管理局',
    actType: '行政处罚',
    receivedOn,
    acceptance: r.accepted ? '受理' : null,
    acceptedOn,
    procedure: r.accepted ? (r.simple ? '简易程序' : '普通程序') : null,
    decidedOn,
    decision: decidedOn ? DECISIONS[r.decision]! : null,
  };
}

function row(k: number, r: Rec, unitName: string): unknown[] {
  const v = values(k, r);
  return [
    v.caseNo,
    v.applicant,
    v.respondent,
    v.actType,
    v.receivedOn,
    v.acceptance,
    v.acceptedOn,
    v.procedure,
    v.decidedOn,
    v.decision,
    unitName,
  ];
}

describe.each(engines())('汇总数据与记录始终一致 (%s)', { timeout: 300_000 }, (engine) => {
  let t: TestContext;
  let coordinator: Client;
  let sysadmin: Client;
  const ids: string[] = [];

  const unitVersion = async (id: string) =>
    (await sysadmin.get<{ version: number }>(`/api/units/${id}`)).body.version;

  /** Live records of the test units, in a stable order, so that `pick` names one. */
  const liveRecords = async () =>
    (
      await sql<{ id: string; version: number | string }>`
        select id, version from lg_reconsideration
        where deleted = 0 and unit_id in (${sql.join(ids)}) order by id`.execute(t.database.db)
    ).rows;

  async function perform(a: Action): Promise<number> {
    switch (a.kind) {
      case 'create':
        return (
          await coordinator.post('/api/ledgers/reconsideration/records', {
            unitId: ids[a.unit],
            values: values(a.key, a.rec),
          })
        ).status;
      case 'update': {
        const live = await liveRecords();
        if (live.length === 0) return 0;
        const target = live[a.pick % live.length]!;
        return (
          await coordinator.put(`/api/ledgers/reconsideration/records/${target.id}`, {
            values: values(a.key, a.rec),
            version: Number(target.version),
          })
        ).status;
      }
      case 'delete': {
        const live = await liveRecords();
        if (live.length === 0) return 0;
        const target = live[a.pick % live.length]!;
        return (
          await coordinator.delete(
            `/api/ledgers/reconsideration/records/${target.id}?version=${Number(target.version)}`,
          )
        ).status;
      }
      case 'import': {
        const file = await xlsxFrom(
          [...RECONSIDERATION_HEADERS, '填报单位'],
          a.rows.map((r) => row(r.key, r.rec, r.named === null ? '' : UNIT_NAMES[r.named]!)),
        );
        const { body, contentType } = await multipart(file, '汇总.xlsx', { unitId: ids[a.unit]! });
        return (
          await coordinator.request('POST', '/api/ledgers/reconsideration/import', body, {
            'content-type': contentType,
          })
        ).status;
      }
      case 'move': {
        const id = ids[a.unit]!;
        return (
          await sysadmin.post(`/api/units/${id}/move`, {
            parentId: a.parent === null ? null : ids[a.parent],
            version: await unitVersion(id),
          })
        ).status;
      }
      case 'calendar': {
        // A region-rule change: the county's local holidays, which move due dates and so 按期审结.
        const current = await coordinator.get<{ version: number }>('/api/calendar');
        return (
          await coordinator.put('/api/calendar', { holidays: a.holidays, version: current.body.version })
        ).status;
      }
    }
  }

  beforeAll(async () => {
    t = await startTestApp(engine, { ledgers: false });
    coordinator = await signedIn(t.app, 'coordinator');
    sysadmin = await signedIn(t.app, 'sysadmin');
    // 甲 ⊃ 乙 ⊃ 丙, and 丁 at the top: moves rearrange them (some attempts are refused, e.g. cycles).
    for (const [i, name] of UNIT_NAMES.entries()) {
      const parentId = i === 1 || i === 2 ? ids[i - 1]! : null;
      const res = await sysadmin.post<{ id: string }>('/api/units', {
        parentId,
        regionCode: COUNTY,
        name,
        type: 'other',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
    for (const k of [1, 2, 3]) {
      const res = await coordinator.post('/api/ledgers/reconsideration/records', {
        unitId: ids[k % ids.length],
        values: values(k, {
          month: k * 3,
          accepted: true,
          simple: false,
          decidedAfter: 40 + k * 10,
          decision: k,
        }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    expect((await verifyRollups(t.database)).differences).toEqual([]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('rollups equal the recomputation from records after every write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 6 }), async (actions) => {
        for (const [i, a] of actions.entries()) {
          const status = await perform(a);
          expect([0, 200, 201, 204, 400, 404, 409], `step ${i + 1} ${a.kind} → ${status}`).toContain(status);
          const { differences } = await verifyRollups(t.database);
          expect(differences, `after step ${i + 1} (${a.kind})`).toEqual([]);
        }
      }),
      { numRuns: 20 },
    );
    // The administrator's view of the same check agrees.
    const api = await coordinator.get<{ ok: boolean; differenceCount: number }>('/api/admin/rollups/verify');
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ ok: true, differenceCount: 0 });
  });

  // Runs last: it leaves the figures wrong on purpose.
  it('names a figure that no longer matches its records, only to the keepers of the figures', async () => {
    const justice = (await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局'))
      .body.items[0]!.id;
    const res = await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: justice,
      values: values(99, { month: 5, accepted: true, simple: false, decidedAfter: 30, decision: 0 }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The county's subtree total of 收案件数 in 2025-05 drifts by 500, as the issue saw 10 → 515.
    await sql`update ledger_rollup_totals set value = value + 500
      where node = ${COUNTY} and ledger = 'reconsideration' and measure = 'received' and period = '2025-05'`.execute(
      t.database.db,
    );
    const api = await coordinator.get<{
      ok: boolean;
      differenceCount: number;
      differences: Array<Record<string, unknown>>;
    }>('/api/admin/rollups/verify');
    expect(api.status).toBe(200);
    expect(api.body.ok).toBe(false);
    expect(api.body.differenceCount).toBe(1);
    const [d] = api.body.differences;
    expect(d).toMatchObject({
      ledger: 'reconsideration',
      ledgerTitle: '行政复议案件',
      measure: 'received',
      kind: 'subtree',
      node: COUNTY,
      nodeName: '示范县',
      period: '2025-05',
    });
    expect(Number(d!.stored) - Number(d!.recomputed)).toBe(500);
    // Only the keepers of the figures (指标口径配置) may run the check, and each sees their own scope: a
    // unit-scoped keeper sees the unit's own figures but not the county's total.
    const reporter = await signedIn(t.app, 'town_reporter');
    expect((await reporter.get('/api/admin/rollups/verify')).status).toBe(403);
    const keeper = await signedInWithRole(t.app, {
      username: 'unit_keeper',
      unitId: justice,
      dataScope: 'unit',
      permissions: ['ledger:read', 'indicator:config'],
    });
    const own = await keeper.get<{ ok: boolean; differenceCount: number }>('/api/admin/rollups/verify');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ ok: true, differenceCount: 0 });
    await sql`update ledger_rollups set value = value + 1
      where unit_id = ${justice} and ledger = 'reconsideration' and measure = 'received' and period = '2025'`.execute(
      t.database.db,
    );
    const drifted = await keeper.get<{ differences: Array<Record<string, unknown>> }>(
      '/api/admin/rollups/verify',
    );
    expect(drifted.body.differences).toEqual([
      expect.objectContaining({ kind: 'unit', node: justice, nodeName: '示范县司法局', period: '2025' }),
    ]);
  });
});
