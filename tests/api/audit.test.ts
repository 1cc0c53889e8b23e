import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../src/domain/deadlines/index.ts';
import { Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import { fazhi } from '../support/cli.ts';

interface AuditItem {
  seq: number;
  id: string;
  action: string;
  username: string;
  entityType: string;
  entityId: string;
  changes: Record<string, { before: unknown; after: unknown }>;
  ip: string;
  userAgent: string;
}

describe.each(engines())('审计日志 (%s)', (engine) => {
  let t: TestContext;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(engine);
    // The CLI needs the server's data directory on both engines: the audit key and checkpoints are there.
    env = { DATA_DIR: t.config.dataDir };
    if (t.config.databaseUrl) env.DATABASE_URL = t.config.databaseUrl;
  });
  afterAll(async () => {
    await t.close();
  });

  it('records who, what, before/after, when and from where for every write and login', async () => {
    const admin = await signedIn(t.app, 'sysadmin');
    await new Client(t.app).login('sysadmin', 'Wrong@9999');
    const unit = await admin.post<{ id: string; version: number }>('/api/units', {
      parentId: null,
      regionCode: '990121',
      name: '县审计测试办',
      type: 'other',
    });
    await admin.patch(`/api/units/${unit.body.id}`, { name: '县审计测试中心', version: unit.body.version });
    const auditor = await signedIn(t.app, 'auditor');
    const list = await auditor.get<{ total: number; items: AuditItem[] }>(
      `/api/audit?entityId=${unit.body.id}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.action)).toEqual(['unit.update', 'unit.create']);
    const update = list.body.items[0]!;
    expect(update.username).toBe('sysadmin');
    expect(update.changes.name).toEqual({ before: '县审计测试办', after: '县审计测试中心' });
    expect(update.ip).toBeTruthy();
    const logins = await auditor.get<{ items: AuditItem[] }>(
      '/api/audit?action=auth.login.failed&user=sysadmin',
    );
    expect(logins.body.items.length).toBeGreaterThanOrEqual(1);
    const actions = await auditor.get<string[]>('/api/audit/actions');
    expect(actions.body).toEqual(
      expect.arrayContaining(['auth.login', 'auth.login.failed', 'unit.create', 'unit.update']),
    );
  });

  it('is read-only: no role can write to it and others cannot read it', async () => {
    const auditor = await signedIn(t.app, 'auditor');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await auditor.request(method, '/api/audit', {});
      expect(res.status).toBe(404);
    }
    const sysadmin = await signedIn(t.app, 'sysadmin');
    expect((await sysadmin.get('/api/audit')).status).toBe(403);
    expect((await auditor.get('/api/units')).status).toBe(403);
  });

  it('filters by time range', async () => {
    const auditor = await signedIn(t.app, 'auditor');
    const future = await auditor.get<{ total: number }>('/api/audit?from=2999-01-01');
    expect(future.body.total).toBe(0);
    // A date is the whole day in Beijing time, whatever the hour in UTC.
    const today = chinaToday();
    const now = await auditor.get<{ total: number }>(`/api/audit?from=${today}&to=${today}`);
    expect(now.body.total).toBeGreaterThan(0);
    const latest = await auditor.get<{ items: Array<{ at: string }> }>('/api/audit?pageSize=1');
    const at = latest.body.items[0]!.at;
    const beijingDay = chinaToday(new Date(at));
    const sameDay = await auditor.get<{ total: number }>(`/api/audit?from=${beijingDay}&to=${beijingDay}`);
    expect(sameDay.body.total).toBeGreaterThan(0);
    const instant = await auditor.get<{ total: number }>(
      `/api/audit?from=${encodeURIComponent(at)}&to=${encodeURIComponent(at)}`,
    );
    expect(instant.body.total).toBe(1);
    // 16:00 UTC on the day before is 00:00 in Beijing: the same instant written with its offset.
    const offset = await auditor.get<{ total: number }>(
      `/api/audit?from=${encodeURIComponent(`${beijingDay}T00:00:00+08:00`)}&to=${beijingDay}`,
    );
    expect(offset.body.total).toBe(sameDay.body.total);
    for (const bad of ['yesterday', '2026-02-30', '2026-01-01T10:00', "2026-01-01' or 1=1"]) {
      const res = await auditor.get<{ error: { message: string } }>(
        `/api/audit?from=${encodeURIComponent(bad)}`,
      );
      expect(res.status, bad).toBe(400);
      expect(res.body.error.message).toContain('时间格式');
    }
  });

  // Two runs of the command: each starts Node and tsx, which takes seconds on a loaded machine.
  it('fazhi audit:verify passes on an intact chain and names the first tampered record', {
    timeout: 120_000,
  }, async () => {
    const ok = await fazhi(['audit:verify'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('审计日志完好');
    const auditor = await signedIn(t.app, 'auditor');
    const verified = await auditor.get<{ broken: null; checked: number }>('/api/audit/verify');
    expect(verified.body.broken).toBeNull();

    const target = await t.database.db
      .selectFrom('audit_log')
      .select(['seq', 'id'])
      .where('action', '=', 'unit.create')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('audit_log')
      .set({ username: 'someone-else' })
      .where('seq', '=', target.seq)
      .execute();
    const bad = await fazhi(['audit:verify'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`第 ${target.seq} 条记录`);
    expect(bad.stderr).toContain(target.id);
    const api = await auditor.get<{ broken: { seq: number } }>('/api/audit/verify');
    expect(api.body.broken.seq).toBe(target.seq);
  });
});
