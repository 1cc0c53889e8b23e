// The security policy in production: the administrators' second factor is fixed, whatever is asked
// or stored.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import {
  type Client,
  engines,
  signedIn,
  startTestApp,
  type TestApp,
  type TestContext,
} from '../support/app.ts';

interface PolicyReply {
  requireTotpForAdmins: boolean;
  lockMinutes: number;
  version: number;
  fixed: string[];
  error?: { code: string; message: string; field?: string };
}

async function enrolTotp(c: Client): Promise<void> {
  const setup = await c.post<{ secret: string }>('/api/auth/totp/setup');
  const totp = new TOTP({ secret: Secret.fromBase32(setup.body.secret), digits: 6, period: 30 });
  const res = await c.post('/api/auth/totp/enable', { code: totp.generate() });
  if (res.status !== 200) throw new Error(`TOTP enrolment failed: ${JSON.stringify(res.body)}`);
}

describe.each(engines())('生产模式的安全策略 (%s)', (engine) => {
  let t: TestContext;
  let prod: TestApp;
  // Signed in before enrolling, so this session needs no code; later logins would.
  let secadmin: Client;
  beforeAll(async () => {
    t = await startTestApp(engine);
    prod = await buildApp({ database: t.database, config: { ...t.config, production: true } });
  });
  afterAll(async () => {
    await prod.close();
    await t.close();
  });

  it('in demo mode nothing is fixed and the requirement can be switched off', async () => {
    const c = await signedIn(t.app, 'secadmin');
    const policy = await c.get<PolicyReply>('/api/security/policy');
    expect(policy.body.fixed).toEqual([]);
    const { fixed: _f, ...body } = policy.body;
    const off = await c.put<PolicyReply>('/api/security/policy', { ...body, requireTotpForAdmins: false });
    expect(off.status).toBe(200);
    expect(off.body.requireTotpForAdmins).toBe(false);
  });

  it('in production a stored "off" does not apply: GET reports the requirement on and fixed, admins must enrol', async () => {
    const auditor = await signedIn(prod, 'auditor');
    const blocked = await auditor.get<PolicyReply>('/api/audit');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error?.code).toBe('TOTP_SETUP_REQUIRED');

    secadmin = await signedIn(prod, 'secadmin');
    const c = secadmin;
    await enrolTotp(c);
    const policy = await c.get<PolicyReply>('/api/security/policy');
    expect(policy.status).toBe(200);
    expect(policy.body.requireTotpForAdmins).toBe(true);
    expect(policy.body.fixed).toEqual(['requireTotpForAdmins']);
  });

  it('in production switching the requirement off is refused with a Chinese message and nothing is written', async () => {
    const c = secadmin;
    const before = await c.get<PolicyReply>('/api/security/policy');
    const auditCount = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('action', '=', 'security.policy.update')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const audited = await auditCount();
    const { fixed: _f, ...body } = before.body;

    const off = await c.put<PolicyReply>('/api/security/policy', {
      ...body,
      lockMinutes: 45,
      requireTotpForAdmins: false,
    });
    expect(off.status).toBe(403);
    expect(off.body.error?.message).toBe('生产模式下管理员必须启用双因素认证，不能关闭');
    expect(off.body.error?.field).toBe('requireTotpForAdmins');
    const after = await c.get<PolicyReply>('/api/security/policy');
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.lockMinutes).toBe(before.body.lockMinutes);
    expect(await auditCount()).toBe(audited);

    // Other settings can still be changed.
    const other = await c.put<PolicyReply>('/api/security/policy', { ...body, lockMinutes: 45 });
    expect(other.status).toBe(200);
    expect(other.body.lockMinutes).toBe(45);
    expect(other.body.requireTotpForAdmins).toBe(true);
    expect(other.body.fixed).toEqual(['requireTotpForAdmins']);
  });
});
