// Hostile bursts against a real listening server: guesses sent at once must be counted as if
// they had been sent one after another.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';

interface HttpReply {
  status: number;
  code: string | undefined;
  message: string | undefined;
  cookie: string | null;
  csrf: string | undefined;
}

async function post(
  base: string,
  url: string,
  payload: unknown,
  session?: { cookie: string; csrf: string },
): Promise<HttpReply> {
  const res = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
    },
    body: JSON.stringify(payload),
  });
  const body = (await res.json()) as { csrfToken?: string; error?: { code: string; message: string } };
  const setCookie = res.headers.get('set-cookie');
  return {
    status: res.status,
    code: body.error?.code,
    message: body.error?.message,
    cookie: setCookie ? (setCookie.split(';')[0] ?? null) : null,
    csrf: body.csrfToken,
  };
}

function login(base: string, username: string, password: string) {
  return post(base, '/api/auth/login', { username, password });
}

function tally(replies: HttpReply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of replies) {
    const key = `${r.status} ${r.code ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe.each(engines())('并发猜测按顺序计数 (%s)', (engine) => {
  let t: TestContext;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp(engine, { listen: true });
    base = t.baseUrl!;
  });
  afterAll(async () => {
    await t.close();
  });

  it('19 wrong passwords at once lock the account; the right password is then refused', async () => {
    for (const name of ['dept_reporter', 'ghost-parallel']) {
      const burst = await Promise.all(
        Array.from({ length: 19 }, (_, i) => login(base, name, `Wrong@${1000 + i}`)),
      );
      // Exactly as 19 sequential guesses: four plain failures, then the lock.
      expect(tally(burst)).toEqual({ '401 LOGIN_FAILED': 4, '401 ACCOUNT_LOCKED': 15 });
      const right = await login(base, name, DEMO_PASSWORD);
      expect(right.status).toBe(401);
      expect(right.code).toBe('ACCOUNT_LOCKED');
      expect(right.message).toContain('锁定');
    }
    const admin = await signedIn(t.app, 'sysadmin');
    const list = await admin.get<{ items: Array<{ username: string; locked: boolean }> }>(
      '/api/users?q=dept_reporter',
    );
    expect(list.body.items.find((u) => u.username === 'dept_reporter')?.locked).toBe(true);
  });

  it('once the lock window has passed the account signs in and counting starts afresh', async () => {
    const name = 'town2_reporter';
    const burst = await Promise.all(Array.from({ length: 8 }, () => login(base, name, 'Wrong@1234')));
    expect(burst.every((r) => r.status === 401)).toBe(true);
    expect((await login(base, name, DEMO_PASSWORD)).code).toBe('ACCOUNT_LOCKED');
    await t.database.db
      .updateTable('login_attempts')
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('username', '=', name)
      .execute();
    const again = await Promise.all(Array.from({ length: 4 }, () => login(base, name, 'Wrong@1234')));
    expect(tally(again)).toEqual({ '401 LOGIN_FAILED': 4 });
    expect((await login(base, name, DEMO_PASSWORD)).status).toBe(200);
    // A success clears the count: four more failures still do not lock.
    const after = await Promise.all(Array.from({ length: 4 }, () => login(base, name, 'Wrong@1234')));
    expect(tally(after)).toEqual({ '401 LOGIN_FAILED': 4 });
    expect((await login(base, name, DEMO_PASSWORD)).status).toBe(200);
  });

  it('19 wrong TOTP codes at once end the half-signed-in session; the right code is then refused', async () => {
    const enrol = await signedIn(t.app, 'dept_approver');
    const setup = await enrol.post<{ secret: string }>('/api/auth/totp/setup');
    const totp = new TOTP({ secret: Secret.fromBase32(setup.body.secret), digits: 6, period: 30 });
    expect((await enrol.post('/api/auth/totp/enable', { code: totp.generate() })).status).toBe(200);

    const first = await login(base, 'dept_approver', DEMO_PASSWORD);
    expect(first.status).toBe(200);
    const session = { cookie: first.cookie!, csrf: first.csrf! };
    // Codes valid anywhere near now are left out, so every guess in the burst is wrong.
    const valid = new Set(
      [-60_000, -30_000, 0, 30_000, 60_000].map((d) => totp.generate({ timestamp: Date.now() + d })),
    );
    const wrong: string[] = [];
    for (let n = 100_000; wrong.length < 19; n += 7919) if (!valid.has(String(n))) wrong.push(String(n));
    const burst = await Promise.all(
      wrong.map((code) => post(base, '/api/auth/totp/verify', { code }, session)),
    );
    expect(burst.every((r) => r.status === 400 || r.status === 401)).toBe(true);
    expect(burst.filter((r) => r.status === 400).length).toBeLessThanOrEqual(4);
    expect(burst.some((r) => r.code === 'TOTP_LOCKED')).toBe(true);

    const right = await post(
      base,
      '/api/auth/totp/verify',
      { code: totp.generate({ timestamp: Date.now() + 30_000 }) },
      session,
    );
    expect(right.status).toBe(401);
    const me = await fetch(`${base}/api/me`, { headers: { cookie: session.cookie } });
    expect(me.status).toBe(401);
  });
});
