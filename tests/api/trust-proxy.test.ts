// Behind a reverse proxy the client address is the one the trusted proxy saw, not whatever the client
// writes into X-Forwarded-For: the login rate limit and the audit log must not be steerable.
import { describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy } from '../../src/server/config.ts';
import { startTestApp } from '../support/app.ts';

async function loginVia(base: string, forwardedFor: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ username: 'proxy-probe', password: 'Wrong@1234' }),
  });
  const body = (await res.json()) as { error?: { code: string; message: string } };
  return { status: res.status, code: body.error?.code, message: body.error?.message };
}

async function auditedIps(t: Awaited<ReturnType<typeof startTestApp>>): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_log')
    .select('ip')
    .where('username', '=', 'proxy-probe')
    .execute();
  return [...new Set(rows.map((r) => r.ip ?? ''))];
}

describe('TRUST_PROXY', () => {
  it('with TRUST_PROXY=1 rotating X-Forwarded-For addresses are one client: 429 after the limit, audited as the proxy saw it', async () => {
    const { trustProxy } = loadConfig({ TRUST_PROXY: '1' });
    const t = await startTestApp('sqlite', { listen: true, config: { trustProxy, loginRateLimit: 20 } });
    try {
      const replies = [];
      for (let n = 1; n <= 25; n += 1) replies.push(await loginVia(t.baseUrl!, `198.51.100.${n}, 10.0.0.1`));
      expect(replies.slice(0, 20).every((r) => r.status === 401)).toBe(true);
      expect(replies.slice(20).map((r) => r.status)).toEqual([429, 429, 429, 429, 429]);
      expect(replies[20]?.message).toContain('请求过于频繁');
      expect(await auditedIps(t)).toEqual(['10.0.0.1']);
    } finally {
      await t.close();
    }
  });

  it('with a list of proxy addresses the first untrusted address from the right is the client', async () => {
    const t = await startTestApp('sqlite', {
      listen: true,
      config: { trustProxy: parseTrustProxy('127.0.0.1, 10.0.0.0/8') },
    });
    try {
      expect((await loginVia(t.baseUrl!, '203.0.113.9, 198.51.100.7, 10.1.2.3')).status).toBe(401);
      expect(await auditedIps(t)).toEqual(['198.51.100.7']);
    } finally {
      await t.close();
    }
  });

  it('without TRUST_PROXY the header is ignored', async () => {
    const t = await startTestApp('sqlite', { listen: true });
    try {
      expect((await loginVia(t.baseUrl!, '198.51.100.1, 10.0.0.1')).status).toBe(401);
      expect(await auditedIps(t)).toEqual(['127.0.0.1']);
    } finally {
      await t.close();
    }
  });

  it('parses hop counts and address lists, and refuses true and malformed entries with a Chinese message', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    const two = parseTrustProxy('2');
    expect(typeof two).toBe('function');
    if (typeof two === 'function')
      expect([0, 1, 2].map((hop) => two('10.0.0.1', hop))).toEqual([true, true, false]);
    expect(parseTrustProxy('127.0.0.1,10.0.0.0/8, ::1, fd00::/8, loopback')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY=true.*伪造/);
    expect(() => loadConfig({ TRUST_PROXY: 'TRUE' })).toThrow(/层数/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/「10\.0\.0\.0\/33」不是 IP 地址或网段/);
    expect(() => parseTrustProxy('proxy.example.com')).toThrow(/不是 IP 地址或网段/);
  });
});
