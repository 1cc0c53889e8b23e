// 调整上级单位: a unit moves, with its subordinate units, under another parent in the same region. Its
// ledger records and figures go with it — the old parent's subtree no longer counts them, the new one
// does, the county's totals do not change — and bad moves are refused with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface Unit {
  id: string;
  parentId: string | null;
  parentName: string | null;
  version: number;
  depth: number;
}
interface Indicator {
  id: string;
  numerator: number;
}
const COUNTY = '990121';

describe.each(engines())('调整上级单位 (%s)', (engine) => {
  let t: TestContext;
  let sysadmin: Client;
  let coordinator: Client;
  const ids: Record<string, string> = {};

  const unit = async (id: string) => (await sysadmin.get<Unit>(`/api/units/${id}`)).body;
  const received = async (query: string) => {
    const res = await coordinator.get<{ items: Indicator[] }>(
      `/api/indicators?${query}&subtree=true&ids=reconsideration.received`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items[0]!.numerator;
  };
  const listed = async (unitId: string) =>
    (
      await coordinator.get<{ total: number }>(
        `/api/ledgers/reconsideration/records?unit=${unitId}&subtree=true&q=迁移`,
      )
    ).body.total;

  beforeAll(async () => {
    t = await startTestApp(engine);
    sysadmin = await signedIn(t.app, 'sysadmin');
    coordinator = await signedIn(t.app, 'coordinator');
    const create = async (key: string, parentId: string | null, name: string) => {
      const res = await sysadmin.post<Unit>('/api/units', {
        parentId,
        regionCode: COUNTY,
        name,
        type: 'other',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[key] = res.body.id;
    };
    // 甲 ⊃ 乙 ⊃ 丙, and 丁 beside 甲; 乙 and 丙 keep records.
    await create('a', null, '迁移甲');
    await create('b', ids.a!, '迁移乙');
    await create('c', ids.b!, '迁移丙');
    await create('d', null, '迁移丁');
    let n = 0;
    for (const [key, dates] of [
      ['b', ['2025-01-10', '2025-02-20']],
      ['c', ['2025-02-21', '2025-03-05', '2025-06-30']],
    ] as const) {
      for (const receivedOn of dates) {
        n += 1;
        const res = await coordinator.post('/api/ledgers/reconsideration/records', {
          unitId: ids[key],
          values: { caseNo: `迁移〔2025〕${n}号`, applicant: '甲', respondent: '某局', receivedOn },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('moves 乙 with 丙 and their records from 甲 to 丁; figures and lists follow, the county’s do not change', async () => {
    const county = await received(`year=2025`);
    expect(await received(`year=2025&unit=${ids.a}`)).toBe(5);
    expect(await received(`year=2025&unit=${ids.d}`)).toBe(0);
    // A day range reads the partial months from the records themselves.
    expect(await received(`from=2025-02-21&to=2025-03-05&unit=${ids.a}`)).toBe(2);

    const before = await unit(ids.b!);
    const res = await sysadmin.post<Unit>(`/api/units/${ids.b}/move`, {
      parentId: ids.d,
      version: before.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ parentId: ids.d, parentName: '迁移丁', version: before.version + 1 });
    expect((await unit(ids.c!)).depth).toBe((await unit(ids.d!)).depth + 2);

    expect(await received(`year=2025&unit=${ids.a}`)).toBe(0);
    expect(await received(`year=2025&unit=${ids.d}`)).toBe(5);
    expect(await received(`year=2025&quarter=1&unit=${ids.d}`)).toBe(4);
    expect(await received(`year=2025&unit=${ids.c}`)).toBe(3);
    expect(await received(`from=2025-02-21&to=2025-03-05&unit=${ids.d}`)).toBe(2);
    expect(await received(`from=2025-02-21&to=2025-03-05&unit=${ids.a}`)).toBe(0);
    expect(await received(`year=2025`)).toBe(county);
    expect(await listed(ids.a!)).toBe(0);
    expect(await listed(ids.d!)).toBe(5);

    const under = await sysadmin.get<{ items: Array<{ id: string }> }>(`/api/units?under=${ids.d}`);
    expect(under.body.items.map((u) => u.id).sort()).toEqual([ids.b, ids.c, ids.d].sort());

    const auditor = await signedIn(t.app, 'auditor');
    const audit = await auditor.get<{ items: Array<{ entityId: string; changes: unknown }> }>(
      '/api/audit?action=unit.move',
    );
    expect(audit.body.items[0]!.entityId).toBe(ids.b);
    expect(JSON.stringify(audit.body.items[0]!.changes)).toContain('迁移丁');
  });

  it('a record written after the move counts under the new parent, and 乙 can move back to the region’s top level', async () => {
    const res = await coordinator.post('/api/ledgers/reconsideration/records', {
      unitId: ids.c,
      values: { caseNo: '迁移〔2025〕9号', applicant: '乙', respondent: '某局', receivedOn: '2025-07-01' },
    });
    expect(res.status).toBe(201);
    expect(await received(`year=2025&unit=${ids.d}`)).toBe(6);
    const b = await unit(ids.b!);
    const top = await sysadmin.post<Unit>(`/api/units/${ids.b}/move`, { parentId: null, version: b.version });
    expect(top.status, JSON.stringify(top.body)).toBe(200);
    expect(top.body.parentId).toBeNull();
    expect(await received(`year=2025&unit=${ids.d}`)).toBe(0);
    expect(await received(`year=2025&unit=${ids.b}`)).toBe(6);
  });

  it('refuses bad moves with a Chinese message and changes nothing', async () => {
    const a = await unit(ids.a!);
    const c = await unit(ids.c!);
    const cases: Array<[string, unknown, number, string]> = [
      [ids.b!, { parentId: ids.c, version: (await unit(ids.b!)).version }, 400, '下级单位'],
      [ids.c!, { parentId: ids.c, version: c.version }, 400, '下级单位'],
      [ids.c!, { parentId: ids.b, version: c.version }, 400, '没有变化'],
      [ids.a!, { parentId: 'no-such-unit', version: a.version }, 404, '上级单位'],
      [ids.a!, { parentId: ids.d, version: a.version - 1 }, 409, ''],
      [ids.a!, { parentId: 42, version: a.version }, 400, ''],
      [ids.a!, { version: a.version }, 400, ''],
    ];
    for (const [id, body, status, message] of cases) {
      const res = await sysadmin.post<{ error: { message: string } }>(`/api/units/${id}/move`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.message).toContain(message);
    }
    // A sibling of the same name at the new parent.
    const twin = await sysadmin.post<Unit>('/api/units', { parentId: ids.d, name: '迁移甲', type: 'other' });
    expect(twin.status).toBe(201);
    const clash = await sysadmin.post<{ error: { message: string } }>(`/api/units/${ids.a}/move`, {
      parentId: ids.d,
      version: a.version,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toContain('已有名为「迁移甲」');
    // A disabled parent.
    const d = await unit(ids.d!);
    await sysadmin.patch(`/api/units/${ids.d}`, { disabled: true, version: d.version });
    const disabled = await sysadmin.post<{ error: { message: string } }>(`/api/units/${ids.c}/move`, {
      parentId: ids.d,
      version: c.version,
    });
    expect(disabled.status).toBe(400);
    expect(disabled.body.error.message).toContain('已停用');
    // Nothing moved.
    expect((await unit(ids.a!)).parentId).toBeNull();
    expect((await unit(ids.c!)).parentId).toBe(ids.b);
  });

  it('an approver moves units only within their own subtree', async () => {
    const approver = await signedIn(t.app, 'town_approver');
    const me = await approver.get<{ unit: { id: string } }>('/api/me');
    const town = me.body.unit.id;
    const mk = async (parentId: string, name: string) => {
      const res = await approver.post<Unit>('/api/units', { parentId, name, type: 'other' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const v1 = await mk(town, '迁移一村');
    const v2 = await mk(town, '迁移二村');
    const ok = await approver.post<Unit>(`/api/units/${v2.id}/move`, {
      parentId: v1.id,
      version: v2.version,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // Out of their scope: a unit elsewhere as the new parent, or the region's top level.
    const away = await approver.post(`/api/units/${v1.id}/move`, { parentId: ids.a, version: v1.version });
    expect(away.status).toBe(404);
    const top = await approver.post(`/api/units/${v1.id}/move`, { parentId: null, version: v1.version });
    expect(top.status).toBe(404);
    // Someone else's unit.
    const other = await approver.post(`/api/units/${ids.a}/move`, { parentId: v1.id, version: 1 });
    expect(other.status).toBe(404);
  });
});
