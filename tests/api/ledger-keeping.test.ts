import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface LedgerIndexItem {
  key: string;
  title: string;
  keptBy: Array<{ type: string; name: string }>;
  keptByNames: string;
  keptByMyUnit: boolean;
  inMyScope: boolean;
  canCreate: boolean;
}

async function index(c: Client) {
  const res = await c.get<LedgerIndexItem[]>('/api/ledgers');
  expect(res.status).toBe(200);
  return new Map(res.body.map((l) => [l.key, l]));
}

const keys = (m: Map<string, LedgerIndexItem>, pick: (l: LedgerIndexItem) => boolean) =>
  [...m.values()].filter(pick).map((l) => l.key);

describe.each(engines())('台账由哪些单位填报 (%s)', (engine) => {
  let t: TestContext;
  const users: Record<string, Client> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const u of ['coordinator', 'leader', 'town_reporter', 'town_approver', 'dept_reporter'])
      users[u] = await signedIn(t.app, u);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a township reporter is offered the township’s ledgers only: no 行政复议, 新增 where the township keeps it', async () => {
    const l = await index(users.town_reporter!);
    // Every ledger is still described (definitions are not secret) but only the township’s concern it.
    expect(l.size).toBe(18);
    expect(keys(l, (x) => x.inMyScope).sort()).toEqual(
      [
        'enforcementAnnual',
        'enforcementBody',
        'enforcementOfficer',
        'enforcementTraining',
        'legalAdviser',
        'legalityReview',
        'litigation',
        'mediationCase',
        'mediationMonthly',
        'mediationOrg',
        'mediator',
        'modelUnit',
        'normativeDoc',
        'publicity',
      ].sort(),
    );
    expect(l.get('reconsideration')).toMatchObject({
      keptByMyUnit: false,
      inMyScope: false,
      canCreate: false,
      keptByNames: '政府、依法治县办/司法局',
    });
    expect(l.get('mediationMonthly')).toMatchObject({ keptByMyUnit: true, canCreate: true });
    expect(l.get('notarization')).toMatchObject({ inMyScope: false, canCreate: false });
  });

  it('a township approver (本单位及下级) also reaches what its 司法所 and villages keep, never 行政复议', async () => {
    const l = await index(users.town_approver!);
    expect(l.get('reconsideration')?.inMyScope).toBe(false);
    expect(l.get('legalAid')).toMatchObject({ keptByMyUnit: false, inMyScope: true });
    expect(l.get('mediationCase')).toMatchObject({ keptByMyUnit: true, inMyScope: true });
  });

  it('the coordinator (全部) reads every ledger and keeps 行政复议 in its own office', async () => {
    const l = await index(users.coordinator!);
    expect(keys(l, (x) => !x.inMyScope)).toEqual([]);
    expect(l.get('reconsideration')).toMatchObject({ keptByMyUnit: true, canCreate: true });
    expect(l.get('modelUnit')).toMatchObject({ keptByMyUnit: false, inMyScope: true });
  });

  it('a department keeps the enforcement ledgers, not the mediation ones; a leader reads but adds nothing', async () => {
    const dept = await index(users.dept_reporter!);
    expect(dept.get('enforcementOfficer')).toMatchObject({ keptByMyUnit: true, canCreate: true });
    expect(dept.get('mediationMonthly')).toMatchObject({ inMyScope: false, canCreate: false });
    const leader = await index(users.leader!);
    expect(leader.get('reconsideration')).toMatchObject({ keptByMyUnit: true, canCreate: false });
    expect(keys(leader, (x) => x.canCreate)).toEqual([]);
  });

  it('one ledger’s definition carries the same answer for the caller', async () => {
    const res = await users.town_reporter!.get<LedgerIndexItem>('/api/ledgers/reconsideration');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ inMyScope: false, canCreate: false });
  });
});
