import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface Unit {
  id: string;
  name: string;
  version: number;
  parentId: string | null;
  disabled: boolean;
}
interface Page<T> {
  total: number;
  items: T[];
}

describe.each(engines())('组织机构与数据权限 (%s)', (engine) => {
  let t: TestContext;
  let coordinator: Client;
  let sysadmin: Client;
  let townApprover: Client;
  let chengguan: Unit;
  let qingshan: Unit;
  let qingshanVillage: Unit;

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    sysadmin = await signedIn(t.app, 'sysadmin');
    townApprover = await signedIn(t.app, 'town_approver');
    const towns = await coordinator.get<Page<Unit>>('/api/units?type=township&pageSize=50');
    chengguan = towns.body.items.find((u) => u.name === '城关镇')!;
    qingshan = towns.body.items.find((u) => u.name === '青山镇')!;
    const villages = await coordinator.get<Page<Unit>>(`/api/units?parentId=${qingshan.id}&type=village`);
    qingshanVillage = villages.body.items[0]!;
  });
  afterAll(async () => {
    await t.close();
  });

  it('the demo county has ≥ 12 townships each with a 司法所 and villages, and ≥ 30 departments', async () => {
    const towns = await coordinator.get<Page<Unit>>('/api/units?type=township&pageSize=100');
    expect(towns.body.total).toBeGreaterThanOrEqual(12);
    const depts = await coordinator.get<Page<Unit>>('/api/units?type=department&pageSize=100');
    expect(depts.body.total).toBeGreaterThanOrEqual(30);
    for (const town of towns.body.items) {
      const children = await coordinator.get<Page<Unit & { type: string }>>(
        `/api/units?parentId=${town.id}&pageSize=100`,
      );
      expect(children.body.items.filter((u) => u.type === 'justice_office')).toHaveLength(1);
      expect(children.body.items.filter((u) => u.type === 'village').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('a township approver sees only its township and what lies below it', async () => {
    const mine = await townApprover.get<Page<Unit>>('/api/units?pageSize=200');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((u) => u.name)).toContain('城关镇');
    expect(mine.body.items.every((u) => u.id === chengguan.id || u.parentId === chengguan.id)).toBe(true);
    expect(mine.body.items.map((u) => u.name)).not.toContain('青山镇');
    const tree = await townApprover.get<Array<{ name: string; children: unknown[] }>>('/api/units/tree');
    expect(tree.body).toHaveLength(1);
    expect(tree.body[0]!.name).toBe('城关镇');
  });

  it('refuses another township by id, on read and on write, without revealing it exists', async () => {
    const read = await townApprover.get(`/api/units/${qingshan.id}`);
    expect(read.status).toBe(404);
    const missing = await townApprover.get('/api/units/00000000-0000-7000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(read.body).toEqual(missing.body);
    const write = await townApprover.patch(`/api/units/${qingshanVillage.id}`, {
      name: '被改名的村',
      version: qingshanVillage.version,
    });
    expect(write.status).toBe(404);
    const attach = await townApprover.post('/api/units', {
      parentId: qingshan.id,
      name: '偷挂的村',
      type: 'village',
    });
    expect(attach.status).toBe(404);
    const underOther = await townApprover.get(`/api/users?unitId=${qingshan.id}&subtree=true`);
    expect(underOther.status).toBe(200);
    expect((underOther.body as unknown as Page<unknown>).items).toHaveLength(0);
    const after = await coordinator.get<Unit>(`/api/units/${qingshanVillage.id}`);
    expect(after.body.name).toBe(qingshanVillage.name);
  });

  it('a township approver adds and edits a village of its own township', async () => {
    const created = await townApprover.post<Unit>('/api/units', {
      parentId: chengguan.id,
      name: '新建村',
      type: 'village',
    });
    expect(created.status).toBe(201);
    expect(created.body.parentId).toBe(chengguan.id);
    const edited = await townApprover.patch<Unit>(`/api/units/${created.body.id}`, {
      name: '新建社区',
      version: created.body.version,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe('新建社区');
    expect(edited.body.version).toBe(created.body.version + 1);
  });

  it('refuses a stale version with 409', async () => {
    const created = await sysadmin.post<Unit>('/api/units', {
      parentId: null,
      regionCode: '990121',
      name: '县数据中心',
      type: 'department',
    });
    const first = await sysadmin.patch<Unit>(`/api/units/${created.body.id}`, {
      name: '县大数据中心',
      version: created.body.version,
    });
    expect(first.status).toBe(200);
    const stale = await sysadmin.patch(`/api/units/${created.body.id}`, {
      name: '县数据资源中心',
      version: created.body.version,
    });
    expect(stale.status).toBe(409);
    expect((stale.body.error as { code: string; message: string }).message).toContain('已被他人修改');
    const now = await sysadmin.get<Unit>(`/api/units/${created.body.id}`);
    expect(now.body.name).toBe('县大数据中心');
  });

  it('refuses malformed input with 400 naming the field', async () => {
    const noName = await sysadmin.post('/api/units', { parentId: chengguan.id, type: 'village' });
    expect(noName.status).toBe(400);
    expect((noName.body.error as { field: string }).field).toBe('name');
    expect((noName.body.error as { message: string }).message).toContain('name');
    const badType = await sysadmin.post('/api/units', {
      parentId: chengguan.id,
      name: '某村',
      type: 'castle',
    });
    expect(badType.status).toBe(400);
    expect((badType.body.error as { field: string }).field).toBe('type');
    const longName = await sysadmin.post('/api/units', {
      parentId: chengguan.id,
      name: '长'.repeat(61),
      type: 'village',
    });
    expect(longName.status).toBe(400);
    expect((longName.body.error as { message: string }).message).toContain('不能超过 60');
    const badUser = await sysadmin.post('/api/users', {
      username: '1x',
      displayName: '某',
      unitId: chengguan.id,
    });
    expect(badUser.status).toBe(400);
    expect((badUser.body.error as { field: string }).field).toBe('username');
    const badPage = await sysadmin.get('/api/units?pageSize=100000');
    expect(badPage.status).toBe(400);
    const badJson = await sysadmin.request('POST', '/api/units', '{"name":', {
      'content-type': 'application/json',
    });
    expect(badJson.status).toBe(400);
    expect((badJson.body as { error: { message: string } }).error.message).toMatch(/JSON/);
  });

  it('refuses an oversized body with 413 and writes nothing', async () => {
    const before = await sysadmin.get<Page<Unit>>('/api/units?pageSize=1');
    const res = await sysadmin.post('/api/units', {
      parentId: chengguan.id,
      name: '大',
      type: 'village',
      code: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect((res.body.error as { message: string }).message).toContain('过大');
    const after = await sysadmin.get<Page<Unit>>('/api/units?pageSize=1');
    expect(after.body.total).toBe(before.body.total);
  });

  it('refuses a duplicate sibling name with 409 and leaves nothing half-written', async () => {
    const auditBefore = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await sysadmin.post('/api/units', {
      parentId: chengguan.id,
      name: '城关镇司法所',
      type: 'justice_office',
    });
    expect(res.status).toBe(409);
    const auditAfter = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
  });

  it('disables a unit and its users can no longer log in', async () => {
    const unit = await sysadmin.post<Unit>('/api/units', {
      parentId: null,
      regionCode: '990121',
      name: '县临时指挥部',
      type: 'other',
    });
    const user = await sysadmin.post<{ user: { id: string }; temporaryPassword: string }>('/api/users', {
      username: 'temp_staff',
      displayName: '临时',
      unitId: unit.body.id,
      password: 'Temp#2026ab',
    });
    expect(user.status).toBe(201);
    const disabled = await sysadmin.patch<Unit>(`/api/units/${unit.body.id}`, {
      disabled: true,
      version: unit.body.version,
    });
    expect(disabled.body.disabled).toBe(true);
    expect((await new Client(t.app).login('temp_staff', 'Temp#2026ab')).status).toBe(401);
    const listed = await sysadmin.get<Page<Unit>>('/api/units?q=临时指挥部');
    expect(listed.body.total).toBe(0);
    const withDisabled = await sysadmin.get<Page<Unit>>('/api/units?q=临时指挥部&includeDisabled=true');
    expect(withDisabled.body.total).toBe(1);
  });

  it('searches units with LIKE wildcards taken literally', async () => {
    const res = await coordinator.get<Page<Unit>>(`/api/units?q=${encodeURIComponent('%')}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
    const town = await coordinator.get<Page<Unit>>(
      `/api/units?q=${encodeURIComponent('司法所')}&pageSize=100`,
    );
    expect(town.body.total).toBeGreaterThanOrEqual(12);
  });

  it('keeps the three administrator duties apart', async () => {
    const secadmin = await signedIn(t.app, 'secadmin');
    const roles = await secadmin.get<Array<{ id: string; code: string }>>('/api/roles');
    const byCode = Object.fromEntries(roles.body.map((r) => [r.code, r.id]));
    const users =
      await secadmin.get<Page<{ id: string; username: string; version: number }>>('/api/users?q=leader');
    const leader = users.body.items.find((u) => u.username === 'leader')!;
    const two = await secadmin.put(`/api/users/${leader.id}/roles`, {
      roleIds: [byCode.sysadmin, byCode.auditor],
      version: leader.version,
    });
    expect(two.status).toBe(400);
    expect((two.body.error as { message: string }).message).toContain('不能由同一账户兼任');
    const mixed = await secadmin.post('/api/roles', {
      code: 'super',
      name: '超级',
      dataScope: 'all',
      permissions: ['audit:read', 'org:user:edit'],
    });
    expect(mixed.status).toBe(400);
    const self = await secadmin.get<{ user: { id: string } }>('/api/me');
    const own = await secadmin.put(`/api/users/${self.body.user.id}/roles`, {
      roleIds: [byCode.secadmin, byCode.coordinator],
      version: 1,
    });
    expect(own.status).toBe(403);
    const ok = await secadmin.put<{ roles: Array<{ code: string }> }>(`/api/users/${leader.id}/roles`, {
      roleIds: [byCode.leader, byCode.coordinator],
      version: leader.version,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.roles.map((r) => r.code).sort()).toEqual(['coordinator', 'leader']);
  });

  it('masks phone numbers unless the user may read personal data', async () => {
    const created = await sysadmin.post<{ user: { id: string; phone: string } }>('/api/users', {
      username: 'phone_user',
      displayName: '有电话',
      unitId: chengguan.id,
      phone: '13812345678',
    });
    expect(created.body.user.phone).toBe('138****5678');
    const plain = await coordinator.get<{ phone: string }>(`/api/users/${created.body.user.id}`);
    expect(plain.body.phone).toBe('13812345678');
  });
});
