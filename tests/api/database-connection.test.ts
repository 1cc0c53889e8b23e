// PostgreSQL ends the server's idle connections (a restart, an administrator's pg_terminate_backend, a
// dropped network): the app must not crash, and the next request works on a new connection.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedIn, startTestApp, type TestContext } from '../support/app.ts';

const adminUrl = process.env.FAZHI_TEST_PG_URL;

describe.skipIf(!adminUrl)('数据库连接断开 (postgres)', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await startTestApp('postgres');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('survives the server terminating its idle connections, and reconnects for the next request', async () => {
    const coordinator = await signedIn(t.app, 'coordinator');
    // Several requests at once leave several idle connections in the pool.
    const first = await Promise.all([1, 2, 3, 4].map(() => coordinator.get('/api/units')));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200]);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const name = new URL(t.config.databaseUrl!).pathname.slice(1);
      const killed = await admin.query<{ n: string }>(
        'select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = $1',
        [name],
      );
      expect(Number(killed.rows[0]!.n)).toBeGreaterThan(0);
      await vi.waitFor(
        () => expect(warn).toHaveBeenCalledWith(expect.stringContaining('数据库空闲连接已断开')),
        { timeout: 5000 },
      );
    } finally {
      await admin.end();
      warn.mockRestore();
    }

    const after = await coordinator.get<{ items: unknown[] }>('/api/units');
    expect(after.status).toBe(200);
    expect(after.body.items.length).toBeGreaterThan(0);
  });
});
