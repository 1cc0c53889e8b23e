// The server log: one JSON line per request with its id, user, route, status and duration; every 5xx with its
// stack; and never a password, session cookie, CSRF token, TOTP secret or code, or a person's phone number.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { Client, DEMO_PASSWORD, engines, startTestApp, type TestContext } from '../support/app.ts';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  userId?: string | null;
  method?: string;
  route?: string | null;
  status?: number;
  durationMs?: number;
  err?: { message: string; stack: string };
}

const NEW_PASSWORD = 'Lq8#vTz2!mWp';
const PHONE = '13987654321';
const ID_NUMBER = '110101199003077777';

describe.each(engines())('服务器日志 (%s)', (engine) => {
  let t: TestContext;
  const raw: string[] = [];
  const lines = () => raw.join('').split('\n').filter(Boolean);
  const parsed = () => lines().map((l) => JSON.parse(l) as LogLine);
  const secrets: string[] = [NEW_PASSWORD, PHONE, ID_NUMBER];

  beforeAll(async () => {
    t = await startTestApp(engine, { log: { level: 'info', stream: { write: (s) => raw.push(s) } } });
    // A route that fails the way a bug would; registered before the app is first used.
    t.app.get('/api/test-only/fail', { config: { public: true } }, async () => {
      throw new Error('测试用的意外故障');
    });

    const c = new Client(t.app);
    expect((await c.login('coordinator', 'WrongPassword1!')).status).toBe(401);
    secrets.push('WrongPassword1!');
    expect((await c.login('coordinator')).status).toBe(200);
    secrets.push(DEMO_PASSWORD, c.csrf!, c.cookie!.split('=')[1]!);
    const units = await c.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局');
    const created = await c.post('/api/ledgers/reconsideration/records', {
      unitId: units.body.items[0]!.id,
      values: {
        caseNo: '日志-1',
        applicant: '李四',
        applicantPhone: PHONE,
        applicantIdNumber: ID_NUMBER,
        respondent: '某局',
        receivedOn: '2024-12-01',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const changed = await c.post('/api/auth/password', {
      oldPassword: DEMO_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const setup = await c.post<{ secret: string; uri: string }>('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    secrets.push(setup.body.secret);
    const code = new TOTP({ secret: Secret.fromBase32(setup.body.secret), digits: 6, period: 30 }).generate();
    expect((await c.post('/api/auth/totp/enable', { code })).status).toBe(200);
    expect((await c.get('/api/test-only/fail')).status).toBe(500);
    // The last request's line is written once its response has gone.
    const deadline = Date.now() + 10_000;
    while (!parsed().some((l) => l.route === '/api/test-only/fail' && l.msg === 'request')) {
      if (Date.now() > deadline) throw new Error('no request line for the failing route');
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes one line per request with request id, user id, route, method, status and duration', async () => {
    const requests = parsed().filter((l) => l.msg === 'request');
    const login = requests.filter((l) => l.route === '/api/auth/login');
    expect(login.map((l) => l.status)).toEqual([401, 200]);
    const change = requests.find((l) => l.route === '/api/auth/password')!;
    expect(change).toMatchObject({ method: 'POST', status: 200 });
    const me = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'coordinator')
      .executeTakeFirstOrThrow();
    expect(change.userId).toBe(me.id);
    expect(requests.find((l) => l.route === '/api/ledgers/:key/records')).toMatchObject({
      method: 'POST',
      status: 201,
      userId: me.id,
    });
    for (const l of requests) {
      expect(typeof l.reqId).toBe('string');
      expect(l.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(new Set(requests.map((l) => l.reqId)).size).toBe(requests.length);
  });

  it('logs a 5xx with its stack, the request line at error level', () => {
    const failing = parsed().filter((l) => l.route === '/api/test-only/fail' || l.err);
    const error = failing.find((l) => l.err);
    expect(error?.err?.message).toBe('测试用的意外故障');
    expect(error?.err?.stack).toMatch(/\n\s+at /);
    expect(error?.level).toBe(50);
    const request = failing.find((l) => l.msg === 'request')!;
    expect(request).toMatchObject({ status: 500, level: 50 });
    expect(request.reqId).toBe(error?.reqId);
  });

  it('never contains a password, the session cookie, the CSRF token, the TOTP secret or personal data', () => {
    const text = lines().join('\n');
    expect(text.length).toBeGreaterThan(0);
    for (const s of secrets) {
      expect(s.length).toBeGreaterThan(5);
      expect(text, `log contains ${s.slice(0, 3)}…`).not.toContain(s);
    }
  });
});

describe('日志配置与脱敏', () => {
  it('takes LOG_LEVEL (default info) and refuses an unknown level with a Chinese message', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('info');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(() => loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL 取值无效/);
  });

  it('redacts secrets and personal data in any object that reaches a log call', async () => {
    const raw: string[] = [];
    const t = await startTestApp('sqlite', {
      seed: false,
      log: { level: 'info', stream: { write: (s) => raw.push(s) } },
    });
    try {
      t.app.log.info(
        {
          password: 'Secret#Pass1',
          headers: { cookie: 'fazhi_sid=abcdef123456', 'x-csrf-token': 'csrf-abcdef123456' },
          user: { newPassword: 'Another#Pass2', totpSecret: 'JBSWY3DPEHPK3PXP', phone: PHONE },
          body: { username: 'someone', idNumber: ID_NUMBER },
          err: { detail: `Key (id_number)=(${ID_NUMBER}) already exists.` },
          kept: '保留的内容',
        },
        'redaction probe',
      );
      const text = raw.join('');
      expect(text).toContain('保留的内容');
      expect(text).toContain('[已隐去]');
      for (const s of [
        'Secret#Pass1',
        'abcdef123456',
        'Another#Pass2',
        'JBSWY3DPEHPK3PXP',
        PHONE,
        ID_NUMBER,
        'someone',
      ])
        expect(text).not.toContain(s);
    } finally {
      await t.close();
    }
  });
});

describe('serve', () => {
  it('logs an uncaught exception as fatal before exiting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-crash-'));
    try {
      const child = spawn(
        process.execPath,
        [resolve('bin/run-ts.js'), resolve('tests/support/crash-after-serve.ts')],
        {
          env: {
            ...process.env,
            NODE_ENV: 'production',
            SESSION_SECRET: 'x'.repeat(64),
            FAZHI_AUDIT_KEY: 'k'.repeat(64),
            DATA_DIR: dir,
            PORT: '0',
            LOG_LEVEL: 'info',
            DATABASE_URL: '',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        out += d.toString();
      });
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      expect(code, out).toBe(1);
      const fatal = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as LogLine)
        .find((l) => l.level === 60);
      expect(fatal?.msg, out).toBe('未捕获的异常，服务退出');
      expect(fatal?.err?.message).toBe('模拟的未捕获异常');
      expect(fatal?.err?.stack).toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
