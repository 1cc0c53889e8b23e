import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO_PASSWORD, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

describe.each(engines())('认证与会话 (%s)', (engine) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => {
    await t.close();
  });

  it('health reports the engine', async () => {
    const res = await new Client(t.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: engine });
  });

  it('logs in, sets an HttpOnly SameSite=Lax cookie and returns /api/me', async () => {
    const c = new Client(t.app);
    const res = await c.login('coordinator');
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await c.get<{
      user: { username: string };
      unit: { name: string };
      roles: Array<{ code: string }>;
      permissions: string[];
      dataScope: { label: string };
    }>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('coordinator');
    expect(me.body.unit.name).toContain('依法治县委员会办公室');
    expect(me.body.roles.map((r) => r.code)).toEqual(['coordinator']);
    expect(me.body.dataScope.label).toBe('全部');
    expect(me.body.permissions).toContain('org:unit:read');
  });

  it('refuses an unknown user and a wrong password with the same message', async () => {
    const a = await new Client(t.app).login('nobody-here', 'Wrong@1234');
    const b = await new Client(t.app).login('leader', 'Wrong@1234');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect((a.body.error as { message: string }).message).toBe((b.body.error as { message: string }).message);
    // Clear the failure count for leader for later tests.
    await new Client(t.app).login('leader');
  });

  it('locks an account after 5 failures, with a message that does not reveal whether it exists', async () => {
    for (const name of ['dept_reporter', 'ghost-user']) {
      const c = new Client(t.app);
      for (let i = 0; i < 4; i += 1) expect((await c.login(name, 'Wrong@1234')).status).toBe(401);
      const fifth = await c.login(name, 'Wrong@1234');
      expect(fifth.status).toBe(401);
      expect((fifth.body.error as { code: string }).code).toBe('ACCOUNT_LOCKED');
      const after = await c.login(name, DEMO_PASSWORD);
      expect(after.status).toBe(401);
      expect((after.body.error as { message: string }).message).toContain('锁定');
    }
    // The system administrator can unlock the real account.
    const admin = await signedIn(t.app, 'sysadmin');
    const list = await admin.get<{ items: Array<{ id: string; locked: boolean }> }>(
      '/api/users?q=dept_reporter',
    );
    expect(list.body.items[0]!.locked).toBe(true);
    const unlocked = await admin.post(`/api/users/${list.body.items[0]!.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect((await new Client(t.app).login('dept_reporter')).status).toBe(200);
  });

  it('requires the CSRF token on writes', async () => {
    const c = await signedIn(t.app, 'sysadmin');
    const token = c.csrf;
    c.csrf = null;
    const res = await c.post('/api/units', {
      parentId: null,
      regionCode: '990121',
      name: '无令牌单位',
      type: 'other',
    });
    expect(res.status).toBe(403);
    expect((res.body.error as { code: string }).code).toBe('CSRF');
    c.csrf = token;
  });

  it('forces a password change for a password set by an administrator', async () => {
    const admin = await signedIn(t.app, 'sysadmin');
    const units = await admin.get<{ items: Array<{ id: string }> }>('/api/units?q=青山镇司法所');
    const created = await admin.post<{ user: { id: string }; temporaryPassword: string }>('/api/users', {
      username: 'new_clerk',
      displayName: '新同事',
      unitId: units.body.items[0]!.id,
    });
    expect(created.status).toBe(201);
    const temp = created.body.temporaryPassword;
    expect(temp).toBeTruthy();
    const u = new Client(t.app);
    const login = await u.login('new_clerk', temp);
    expect(login.body.mustChangePassword).toBe(true);
    const blocked = await u.get('/api/units');
    expect(blocked.status).toBe(403);
    expect((blocked.body.error as { code: string }).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await u.post('/api/auth/password', { oldPassword: temp, newPassword: 'abcdefgh' });
    expect(weak.status).toBe(400);
    expect((weak.body.error as { message: string }).message).toContain('至少 3 类');
    const ok = await u.post('/api/auth/password', { oldPassword: temp, newPassword: 'Clerk#2026x' });
    expect(ok.status).toBe(200);
    const me = await u.get<{ pending: { passwordChange: boolean } }>('/api/me');
    expect(me.body.pending.passwordChange).toBe(false);
  });

  it('logs out everywhere', async () => {
    const a = await signedIn(t.app, 'leader');
    const b = await signedIn(t.app, 'leader');
    expect((await b.get('/api/me')).status).toBe(200);
    const res = await a.post('/api/auth/logout-all');
    expect(res.status).toBe(200);
    expect((await b.get('/api/me')).status).toBe(401);
    expect((await a.get('/api/me')).status).toBe(401);
  });

  it('ends a session after 30 idle minutes', async () => {
    const c = await signedIn(t.app, 'leader');
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .execute();
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('supports a TOTP second factor', async () => {
    const c = await signedIn(t.app, 'town_approver');
    const setup = await c.post<{ secret: string; uri: string }>('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
    const totp = new TOTP({ secret: Secret.fromBase32(setup.body.secret), digits: 6, period: 30 });
    expect(
      (await c.post('/api/auth/totp/enable', { code: '000000' === totp.generate() ? '111111' : '000000' }))
        .status,
    ).toBe(400);
    // Kept rather than regenerated below: a 30-second step may end between enrolment and the replay.
    const enrolCode = totp.generate();
    expect((await c.post('/api/auth/totp/enable', { code: enrolCode })).status).toBe(200);
    const d = new Client(t.app);
    const login = await d.login('town_approver');
    expect(login.body.totpRequired).toBe(true);
    const pending = await d.get('/api/units');
    expect(pending.status).toBe(401);
    expect((pending.body.error as { code: string }).code).toBe('TOTP_REQUIRED');
    // The enrolment used this step's code: the same code is refused as a replay.
    const replay = await d.post('/api/auth/totp/verify', { code: enrolCode });
    expect(replay.status).toBe(400);
    expect((replay.body.error as { message: string }).message).toContain('已使用');
    const next = totp.generate({ timestamp: Date.now() + 30_000 });
    expect((await d.post('/api/auth/totp/verify', { code: next })).status).toBe(200);
    expect((await d.get('/api/units')).status).toBe(200);
  });

  it('ends a half-signed-in session after 5 wrong codes', async () => {
    const c = new Client(t.app);
    expect((await c.login('town_approver')).body.totpRequired).toBe(true);
    for (let i = 0; i < 4; i += 1)
      expect((await c.post('/api/auth/totp/verify', { code: '000001' })).status).toBe(400);
    const fifth = await c.post('/api/auth/totp/verify', { code: '000001' });
    expect(fifth.status).toBe(401);
    expect((fifth.body.error as { code: string }).code).toBe('TOTP_LOCKED');
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('requires a second factor for administrators in production mode', async () => {
    await t.app.close();
    const prod = await import('../../src/server/app.ts').then((m) =>
      m.buildApp({ database: t.database, config: { ...t.config, production: true } }),
    );
    try {
      const c = new Client(prod);
      expect((await c.login('auditor')).status).toBe(200);
      const res = await c.get('/api/audit');
      expect(res.status).toBe(403);
      expect((res.body.error as { code: string }).code).toBe('TOTP_SETUP_REQUIRED');
      const meta = await c.get<{ demo: boolean; demoPassword: string | null }>('/api/meta');
      expect(meta.body.demo).toBe(false);
      expect(meta.body.demoPassword).toBeNull();
    } finally {
      await prod.close();
    }
  });
});

describe('登录限流', () => {
  it('answers 429 with a Chinese message when one address tries to log in too often', async () => {
    const t = await startTestApp('sqlite', { config: { loginRateLimit: 3 } });
    try {
      const c = new Client(t.app);
      for (let i = 0; i < 3; i += 1) expect((await c.login('leader', 'Wrong@1234')).status).toBe(401);
      const res = await c.login('leader', 'Wrong@1234');
      expect(res.status).toBe(429);
      expect((res.body.error as { message: string }).message).toContain('请求过于频繁');
    } finally {
      await t.close();
    }
  });
});

describe('API 文档', () => {
  it('serves the OpenAPI document generated from the route schemas, and a viewer', async () => {
    const t = await startTestApp('sqlite');
    try {
      const c = new Client(t.app);
      const doc = await c.get<{
        openapi: string;
        paths: Record<string, Record<string, { requestBody?: unknown }>>;
      }>('/api/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/api/auth/login', '/api/units', '/api/users/{id}/roles', '/api/audit']),
      );
      expect(doc.body.paths['/api/units']?.post?.requestBody).toBeTruthy();
      const viewer = await c.get('/api/docs/');
      expect(viewer.status).toBe(200);
      expect(String(viewer.body)).toContain('swagger');
    } finally {
      await t.close();
    }
  });
});
