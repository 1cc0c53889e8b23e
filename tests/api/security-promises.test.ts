// Promises of docs/security.md that no other test covered: how passwords are stored, the absolute
// session lifetime, a password change ending the other sessions, and the security headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../src/server/config.ts';
import { Client, DEMO_PASSWORD, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

describe.each(engines())('安全承诺 (%s)', (engine) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores passwords only as salted scrypt hashes', async () => {
    const admin = await signedIn(t.app, 'sysadmin');
    const units = await admin.get<{ items: Array<{ id: string; name: string }> }>('/api/units?q=城关镇');
    const unitId = units.body.items.find((u) => u.name === '城关镇')?.id;
    const same = 'Same@Pass2026';
    for (const username of ['hashcheck1', 'hashcheck2']) {
      const res = await admin.post('/api/users', { username, displayName: '测试', unitId, password: same });
      expect(res.status).toBe(201);
    }
    const rows = await t.database.db
      .selectFrom('users')
      .select(['username', 'password_hash'])
      .where('username', 'in', ['hashcheck1', 'hashcheck2'])
      .execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$16384\$8\$1\$[^$]+\$[^$]+$/);
      expect(r.password_hash).not.toContain(same);
    }
    // Each account has its own salt, so equal passwords do not give equal hashes.
    expect(rows[0]?.password_hash).not.toBe(rows[1]?.password_hash);
  });

  it('ends a session 12 hours after sign-in however active it was', async () => {
    const c = await signedIn(t.app, 'leader');
    expect((await c.get('/api/me')).status).toBe(200);
    const past = new Date(Date.now() - 60_000).toISOString();
    await t.database.db.updateTable('sessions').set({ expires_at: past }).execute();
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('a password change ends the account’s other sessions', async () => {
    const a = await signedIn(t.app, 'dept_approver');
    const b = await signedIn(t.app, 'dept_approver');
    const next = 'Another@2026x';
    const res = await a.post('/api/auth/password', { oldPassword: DEMO_PASSWORD, newPassword: next });
    expect(res.status).toBe(200);
    expect((await b.get('/api/me')).status).toBe(401);
    expect((await a.get('/api/me')).status).toBe(200);
    expect((await new Client(t.app).login('dept_approver', next)).status).toBe(200);
  });

  it('sends nosniff, frame and referrer headers on every response', async () => {
    for (const url of ['/api/health', '/api/me', '/api/nowhere']) {
      const res = await new Client(t.app).get(url);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
    }
  });

  it('disabling an account ends its sessions and refuses its sign-in', async () => {
    const user = await signedIn(t.app, 'town2_reporter');
    const admin = await signedIn(t.app, 'sysadmin');
    const list = await admin.get<{ items: Array<{ id: string; version: number }> }>(
      '/api/users?q=town2_reporter',
    );
    const target = list.body.items[0];
    expect(target).toBeDefined();
    const res = await admin.patch(`/api/users/${target?.id}`, { disabled: true, version: target?.version });
    expect(res.status).toBe(200);
    expect((await user.get('/api/me')).status).toBe(401);
    expect((await new Client(t.app).login('town2_reporter')).status).toBe(401);
  });

  it('nobody changes their own roles', async () => {
    const sec = await signedIn(t.app, 'secadmin');
    const me = await sec.get<{ user: { id: string } }>('/api/me');
    const list = await sec.get<{ items: Array<{ id: string; version: number }> }>('/api/users?q=secadmin');
    const self = list.body.items.find((u) => u.id === me.body.user.id);
    const res = await sec.put<{ error: { message: string } }>(`/api/users/${me.body.user.id}/roles`, {
      roleIds: [],
      version: self?.version,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('不能修改自己的角色');
  });
});

describe('会话 Cookie 在 HTTPS 下带 Secure', () => {
  it('behind a trusted proxy that terminated HTTPS the cookie is Secure; over plain HTTP it is not', async () => {
    const t = await startTestApp('sqlite', { config: { trustProxy: parseTrustProxy('1') } });
    try {
      const login = (proto?: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'leader', password: DEMO_PASSWORD },
          headers: { 'content-type': 'application/json', ...(proto ? { 'x-forwarded-proto': proto } : {}) },
        });
      const https = await login('https');
      expect(https.statusCode).toBe(200);
      expect(String(https.headers['set-cookie'])).toMatch(/;\s*Secure/i);
      const plain = await login();
      expect(plain.statusCode).toBe(200);
      expect(String(plain.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    } finally {
      await t.close();
    }
  });
});
