// Figures inside the caller's data scope: every indicator, unit comparison and trend counts only what the
// caller may read, and the drill-down of every figure lists exactly the records it counts — for each demo
// role, a custom 本人 role, and a union of 本单位 and 本人 whose own records lie outside its unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLedger } from '../../src/domain/ledgers/index.ts';
import { DEMO_YEARS } from '../../src/modules/demo/ledgers.ts';
import { Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface Source {
  ledger: string;
  measure: string;
  role: 'numerator' | 'denominator';
}

interface Figure {
  id: string;
  numerator: number;
  denominator: number | null;
  cumulative?: boolean;
  sources?: Source[];
}

interface IndicatorsReply {
  period: { from: string; to: string };
  scope: { unitId: string | null; name: string; subtree: boolean };
  items: Figure[];
}

interface ByUnitReply {
  period: { from: string; to: string };
  items: Array<Figure & { unitId: string | null; unitName: string }>;
}

interface Page {
  total: number;
  totalExact: boolean;
  items: Array<{ id: string; unitName: string; values: Record<string, unknown> }>;
}

const YEAR = DEMO_YEARS[1]!;

/** A sample of indicators: the dashboard's cards, stock figures (a count and a ratio), money sums. */
const SAMPLE = [
  'reconsideration.correctionRate',
  'reconsideration.received',
  'litigation.headAppearanceRate',
  'mediation.successRate',
  'legalAid.cases',
  'normativeDoc.filingRate',
  'majorDecisions.procedureCompletenessRate',
  'enforcement.penalties',
  'mediation.mediators',
  'mediation.organizations',
  'enforcement.legalReviewerShare',
  'legalAid.subsidy',
];

const REC = (caseNo: string, decision: string) => ({
  caseNo,
  applicant: '张三',
  respondent: '示范县市场监督管理局',
  receivedOn: `${YEAR}-03-01`,
  acceptedOn: `${YEAR}-03-02`,
  acceptance: '受理',
  decidedOn: `${YEAR}-05-20`,
  decision,
});

function drillUrl(src: Source, period: { from: string; to: string }, cumulative: boolean, unit?: string) {
  const q = new URLSearchParams({ measure: src.measure, periodTo: period.to });
  if (!cumulative) q.set('periodFrom', period.from);
  if (unit) {
    q.set('unit', unit);
    q.set('subtree', 'true');
  }
  return `/api/ledgers/${src.ledger}/records?${q}`;
}

/** What the drill-down of one source lists: its number of records, or the sum of the measured field. */
async function drilled(c: Client, url: string, src: Source): Promise<number> {
  const ms = findLedger(src.ledger)!.measures[src.measure]!;
  if (ms.kind === 'count') {
    const res = await c.get<Page>(`${url}&pageSize=1`);
    expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBe(200);
    expect(res.body.totalExact).toBe(true);
    return res.body.total;
  }
  const money = findLedger(src.ledger)!.fields[ms.field!]!.type === 'money';
  let sum = 0;
  for (let page = 1; ; page += 1) {
    const res = await c.get<Page>(`${url}&pageSize=200&page=${page}`);
    expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBe(200);
    for (const item of res.body.items) {
      const v = Number(item.values[ms.field!] ?? 0);
      sum += money ? Math.round(v * 100) : v;
    }
    if (res.body.items.length < 200) return sum;
  }
}

/** Asserts that numerator and denominator equal what their drill-downs list. */
async function expectDrillsMatch(
  c: Client,
  who: string,
  figure: Figure,
  sources: Source[],
  period: { from: string; to: string },
  unit?: string,
) {
  for (const part of ['numerator', 'denominator'] as const) {
    const expected = figure[part];
    if (expected === null) continue;
    let listed = 0;
    for (const src of sources.filter((s) => s.role === part))
      listed += await drilled(c, drillUrl(src, period, figure.cumulative === true, unit), src);
    expect(listed, `${who} ${figure.id} ${part}${unit ? ` unit=${unit}` : ''}`).toBe(expected);
  }
}

describe.each(engines())('指标只计数据权限内的记录，下钻正好列出这些记录 (%s)', (engine) => {
  let t: TestContext;
  const users: Record<string, Client> = {};
  const ownUnit: Record<string, string> = {};
  let chengguan = '';

  /** A new account in a unit with the given roles, signed in with its password changed. */
  async function account(username: string, unitId: string, roleIds: string[]): Promise<Client> {
    const sysadmin = await signedIn(t.app, 'sysadmin');
    const secadmin = await signedIn(t.app, 'secadmin');
    const created = await sysadmin.post<{ user: { id: string; version: number }; temporaryPassword: string }>(
      '/api/users',
      { username, displayName: '测试', unitId },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const roles = await secadmin.put(`/api/users/${created.body.user.id}/roles`, {
      roleIds,
      version: created.body.user.version,
    });
    expect(roles.status, JSON.stringify(roles.body)).toBe(200);
    const c = new Client(t.app);
    expect((await c.login(username, created.body.temporaryPassword)).status).toBe(200);
    const changed = await c.post('/api/auth/password', {
      oldPassword: created.body.temporaryPassword,
      newPassword: 'Scope#2026x',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    return c;
  }

  beforeAll(async () => {
    t = await startTestApp(engine, { ledgers: true });
    for (const name of [
      'coordinator',
      'leader',
      'town_reporter',
      'town_approver',
      'town2_reporter',
      'dept_reporter',
      'dept_approver',
    ])
      users[name] = await signedIn(t.app, name);
    const me = await users.town_reporter!.get<{ unit: { id: string } }>('/api/me');
    chengguan = me.body.unit.id;

    const secadmin = await signedIn(t.app, 'secadmin');
    const selfRole = await secadmin.post<{ id: string }>('/api/roles', {
      code: 'self_reporter',
      name: '本人填报员',
      dataScope: 'self',
      permissions: ['ledger:read', 'ledger:edit'],
    });
    expect(selfRole.status, JSON.stringify(selfRole.body)).toBe(201);
    const roles = await secadmin.get<Array<{ id: string; code: string }>>('/api/roles');
    const reporterRole = roles.body.find((r) => r.code === 'reporter')!.id;
    const coordinatorRole = roles.body.find((r) => r.code === 'coordinator')!.id;

    // 本人 only, in 城关镇: two records of their own among the unit's.
    users.self = await account('self_only', chengguan, [selfRole.body.id]);
    for (const [no, decision] of [
      ['本人〔1〕号', '撤销'],
      ['本人〔2〕号', '维持'],
    ] as const)
      expect(
        (await users.self.post('/api/ledgers/reconsideration/records', { values: REC(no, decision) })).status,
      ).toBe(201);
    expect(
      (
        await users.town_reporter!.post('/api/ledgers/reconsideration/records', {
          values: REC('城关〔1〕号', '撤销'),
        })
      ).status,
    ).toBe(201);

    // 本单位 + 本人: records entered in 城关镇, then the account moves to 青山镇 — the union is 青山镇's
    // records and the account's own in 城关镇, each counted once.
    users.unitAndSelf = await account('unit_and_self', chengguan, [reporterRole, selfRole.body.id]);
    for (const no of ['合并〔1〕号', '合并〔2〕号', '合并〔3〕号'])
      expect(
        (await users.unitAndSelf.post('/api/ledgers/reconsideration/records', { values: REC(no, '撤销') }))
          .status,
      ).toBe(201);
    // 全部 + 本人: the whole region, in which the account's own records already lie.
    users.allAndSelf = await account('all_and_self', chengguan, [coordinatorRole, selfRole.body.id]);
    expect(
      (
        await users.allAndSelf.post('/api/ledgers/reconsideration/records', {
          values: REC('全部〔1〕号', '撤销'),
        })
      ).status,
    ).toBe(201);
    const sysadmin = await signedIn(t.app, 'sysadmin');
    const qingshan = (
      await sysadmin.get<{ items: Array<{ id: string }> }>('/api/units?q=青山镇&type=township')
    ).body.items[0]!.id;
    const moved = (
      await sysadmin.get<{ items: Array<{ id: string; version: number }> }>('/api/users?q=unit_and_self')
    ).body.items[0]!;
    const patch = await sysadmin.patch(`/api/users/${moved.id}`, {
      unitId: qingshan,
      version: moved.version,
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    users.unitAndSelf = await signedIn(t.app, 'unit_and_self', 'Scope#2026x');

    for (const [name, c] of Object.entries(users))
      ownUnit[name] = (await c.get<{ unit: { id: string } }>('/api/me')).body.unit.id;
  }, 300_000);
  afterAll(() => t?.close());

  it('城关镇填报员（本单位）的单位比较没有城关镇司法所，只有本单位，点击柱形列出它计入的记录', async () => {
    const c = users.town_reporter!;
    const res = await c.get<ByUnitReply>(`/api/indicators/by-unit?year=${YEAR}&id=mediation.successRate`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.unitName)).toEqual(['城关镇']);
    expect(res.body.items[0]!.unitId).toBe(chengguan);
    const card = await c.get<IndicatorsReply>(`/api/indicators?year=${YEAR}&ids=mediation.successRate`);
    const sources = card.body.items[0]!.sources!;
    // The only bar is the unit's own figure, the same as the card's.
    expect(res.body.items[0]!.numerator).toBe(card.body.items[0]!.numerator);
    expect(res.body.items[0]!.denominator).toBe(card.body.items[0]!.denominator);
    await expectDrillsMatch(c, 'town_reporter', res.body.items[0]!, sources, res.body.period, chengguan);
    // Asking for a sub-unit outside the scope is refused as if it did not exist.
    const units = await users.coordinator!.get<{ items: Array<{ id: string }> }>('/api/units?q=城关镇司法所');
    const outside = units.body.items[0]!.id;
    const asked = await c.get(
      `/api/indicators/by-unit?year=${YEAR}&id=mediation.successRate&parent=${outside}`,
    );
    expect(asked.status).toBe(404);
    expect((asked.body.error as { message: string }).message).toContain('单位不存在');
  });

  it('本单位用户选本单位“含下级”时不含下级单位的数字', async () => {
    const c = users.town_reporter!;
    const res = await c.get<IndicatorsReply>(
      `/api/indicators?year=${YEAR}&unit=${chengguan}&subtree=true&ids=mediation.successRate`,
    );
    expect(res.status).toBe(200);
    expect(res.body.scope.subtree).toBe(false);
    expect(res.body.scope.name).toBe('城关镇');
    const own = await c.get<IndicatorsReply>(`/api/indicators?year=${YEAR}&ids=mediation.successRate`);
    expect(res.body.items[0]!.numerator).toBe(own.body.items[0]!.numerator);
    expect(res.body.items[0]!.denominator).toBe(own.body.items[0]!.denominator);
    const trend = await c.get<{ series: Array<{ points: Figure[] }> }>(
      `/api/indicators/trend?years=${YEAR}&unit=${chengguan}&subtree=true&ids=mediation.successRate`,
    );
    expect(trend.body.series[0]!.points[0]!.denominator).toBe(own.body.items[0]!.denominator);
  });

  it('本人角色：指标只计本人填报的记录，与列表一致', async () => {
    const c = users.self!;
    const list = await c.get<Page>('/api/ledgers/reconsideration/records');
    expect(list.body.total).toBe(2);
    const res = await c.get<IndicatorsReply>(
      `/api/indicators?year=${YEAR}&ids=reconsideration.received,reconsideration.correctionRate`,
    );
    expect(res.status).toBe(200);
    const [received, rate] = res.body.items;
    expect(received!.numerator).toBe(2);
    expect(rate!.numerator).toBe(1);
    expect(rate!.denominator).toBe(2);
    expect(res.body.scope.name).toBe('本人填报');
    // The unit (same records and the others') counts more: the 本人 figure is not the unit's.
    const unit = await users.town_reporter!.get<IndicatorsReply>(
      `/api/indicators?year=${YEAR}&ids=reconsideration.received`,
    );
    expect(unit.body.items[0]!.numerator).toBeGreaterThan(2);
    const byUnit = await c.get<ByUnitReply>(
      `/api/indicators/by-unit?year=${YEAR}&id=reconsideration.received`,
    );
    expect(byUnit.body.items.map((i) => [i.unitName, i.numerator])).toEqual([['城关镇', 2]]);
    const trend = await c.get<{ series: Array<{ points: Figure[] }> }>(
      `/api/indicators/trend?years=${YEAR - 1},${YEAR}&ids=reconsideration.received`,
    );
    expect(trend.body.series[0]!.points.map((p) => p.numerator)).toEqual([0, 2]);
  });

  it('本单位与本人两个角色：本单位的记录与本人在原单位填报的记录各计一次', async () => {
    const c = users.unitAndSelf!;
    const res = await c.get<IndicatorsReply>(`/api/indicators?year=${YEAR}&ids=reconsideration.corrected`);
    const list = await c.get<Page>(
      `/api/ledgers/reconsideration/records?measure=corrected&periodFrom=${YEAR}-01-01&periodTo=${YEAR}-12-31&pageSize=200`,
    );
    expect(list.body.items.filter((i) => i.unitName === '城关镇')).toHaveLength(3);
    expect(res.body.items[0]!.numerator).toBe(list.body.total);
  });

  it('各角色：每个指标、单位比较的每个柱形和趋势，分子分母都等于下钻列表', async () => {
    for (const [name, c] of Object.entries(users)) {
      const res = await c.get<IndicatorsReply>(`/api/indicators?year=${YEAR}&ids=${SAMPLE.join(',')}`);
      expect(res.status, name).toBe(200);
      const trend = await c.get<{ series: Array<{ id: string; points: Figure[] }> }>(
        `/api/indicators/trend?years=${YEAR}&ids=${SAMPLE.join(',')}`,
      );
      expect(trend.status, name).toBe(200);
      for (const figure of res.body.items) {
        await expectDrillsMatch(c, name, figure, figure.sources!, res.body.period);
        const point = trend.body.series.find((s) => s.id === figure.id)!.points[0]!;
        expect([point.numerator, point.denominator], `${name} ${figure.id} trend`).toEqual([
          figure.numerator,
          figure.denominator,
        ]);
      }
      // The own unit asked with its subtree: only what the scope covers below it.
      const unit = await c.get<IndicatorsReply>(
        `/api/indicators?year=${YEAR}&unit=${ownUnit[name]}&subtree=true&ids=${SAMPLE.join(',')}`,
      );
      expect(unit.status, name).toBe(200);
      for (const figure of unit.body.items)
        await expectDrillsMatch(c, name, figure, figure.sources!, unit.body.period, ownUnit[name]);
      for (const id of ['mediation.successRate', 'reconsideration.received', 'mediation.mediators']) {
        const sources = res.body.items.find((i) => i.id === id)!.sources!;
        const cumulative = res.body.items.find((i) => i.id === id)!.cumulative;
        const byUnit = await c.get<ByUnitReply>(`/api/indicators/by-unit?year=${YEAR}&id=${id}`);
        expect(byUnit.status, name).toBe(200);
        expect(byUnit.body.items.length, `${name} ${id} by-unit`).toBeGreaterThan(0);
        for (const bar of byUnit.body.items) {
          expect(bar.unitId, `${name} ${bar.unitName}`).not.toBeNull();
          await expectDrillsMatch(
            c,
            `${name} ${bar.unitName}`,
            { ...bar, cumulative },
            sources,
            byUnit.body.period,
            bar.unitId!,
          );
        }
      }
    }
  }, 240_000);
});
