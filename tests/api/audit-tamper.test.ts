// Hostile cases for the audit trail, against a listening server and its real database: someone with
// write access to the database (but not the audit key) deletes the newest records, or edits one and
// recomputes every later hash with plain SHA-256 as the chain used to be; and a restore from a
// backup treated that way. Each must be reported, in Chinese, by the API and by `fazhi audit:verify`.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createPgDatabase,
  type Database,
  type Db,
  dropPgDatabase,
  openDatabase,
} from '../../src/db/index.ts';
import { type AuditFields, GENESIS_HASH, legacyAuditHash } from '../../src/domain/access/audit-chain.ts';
import { checkpointFile } from '../../src/modules/audit/checkpoints.ts';
import { AUDIT_KEY_FILE, loadAuditKey } from '../../src/modules/audit/key.ts';
import { flushCheckpoints } from '../../src/modules/audit/seal.ts';
import { openAuditTrail } from '../../src/modules/audit/trail.ts';
import { buildApp } from '../../src/server/app.ts';
import { type Config, loadConfig } from '../../src/server/config.ts';
import { prepareDatabase } from '../../src/server/start.ts';
import { DEMO_PASSWORD, engines, startTestApp, type TestContext } from '../support/app.ts';
import { fazhi } from '../support/cli.ts';

/** A browser-like client of the listening server: the session cookie and CSRF token from login. */
async function signIn(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  return {
    cookie,
    get: async <T>(path: string) => {
      const r = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
      return { status: r.status, body: (await r.json()) as T };
    },
  };
}

interface Server {
  database: Database;
  app: Awaited<ReturnType<typeof buildApp>>;
  baseUrl: string;
}

/** The server as `fazhi serve` starts it, on the given configuration's data directory and database. */
async function serve(config: Config): Promise<Server> {
  const database = await prepareDatabase(config, { seedIfEmpty: true, seedLedgers: false });
  const app = await buildApp({ database, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  return { database, app, baseUrl: `http://127.0.0.1:${port}` };
}

async function stop(server: Server | null): Promise<void> {
  if (!server) return;
  await server.app.close();
  await server.database.close();
}

/** Audit records of everyday use: one login each. */
async function activity(baseUrl: string, logins: number): Promise<void> {
  for (let i = 0; i < logins; i += 1) await signIn(baseUrl, i % 2 ? 'leader' : 'town_reporter');
}

interface Verification {
  checked: number;
  broken: { seq: number; id: string | null; reason: string; kind: string } | null;
  checkpoint: { seq: number } | null;
}

async function head(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select('seq')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.seq;
}

/**
 * What an attacker without the key can do: change one record and rehash it and all later ones (up
 * to `until`) with plain SHA-256 — which is also how records were written before the audit key.
 */
async function editAndRecompute(db: Db, seq: number, until = 2_147_483_647): Promise<void> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>=', seq)
    .where('seq', '<=', until)
    .orderBy('seq')
    .execute();
  const before = await db
    .selectFrom('audit_log')
    .select('hash')
    .where('seq', '=', seq - 1)
    .executeTakeFirst();
  let prev = before?.hash ?? GENESIS_HASH;
  for (const row of rows) {
    const { hash: _old, ...stored } = row;
    const fields: AuditFields = {
      ...stored,
      username: row.seq === seq ? `${row.username}-edited` : row.username,
      prev_hash: prev,
    };
    const hash = legacyAuditHash(fields);
    await db
      .updateTable('audit_log')
      .set({ username: fields.username, prev_hash: prev, hash })
      .where('seq', '=', row.seq)
      .execute();
    prev = hash;
  }
}

describe.each(engines())('审计日志防篡改 (%s)', (engine) => {
  const open: TestContext[] = [];
  afterAll(async () => {
    for (const t of open) await t.close();
  });
  const start = async () => {
    const t = await startTestApp(engine, { listen: true });
    open.push(t);
    const env: Record<string, string> = { DATA_DIR: t.config.dataDir };
    if (t.config.databaseUrl) env.DATABASE_URL = t.config.databaseUrl;
    return { t, env, baseUrl: t.baseUrl! };
  };

  it('reports the newest records deleted directly in the database as a truncation', {
    timeout: 240_000,
  }, async () => {
    const { t, env, baseUrl } = await start();
    await activity(baseUrl, 15);
    const auditor = await signIn(baseUrl, 'auditor');
    await flushCheckpoints(t.database);
    const last = await head(t.database.db);
    const intact = await auditor.get<Verification>('/api/audit/verify');
    expect(intact.body.broken).toBeNull();
    expect(intact.body.checkpoint?.seq).toBe(last);
    const ok = await fazhi(['audit:verify'], env);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('审计日志完好');

    await t.database.db
      .deleteFrom('audit_log')
      .where('seq', '>', last - 10)
      .execute();
    const message = `审计日志被截断：最后记录序号 ${last - 10}，检查点记录到 ${last}`;
    const api = await auditor.get<Verification>('/api/audit/verify');
    expect(api.status).toBe(200);
    expect(api.body.broken?.kind).toBe('truncated');
    expect(api.body.broken?.reason).toBe(message);
    const cli = await fazhi(['audit:verify'], env);
    expect(cli.code, cli.out).toBe(1);
    expect(cli.out).toContain(message);

    // New records that fill the gap again do not hide it: they are not the ones checkpointed.
    await activity(baseUrl, 11);
    await flushCheckpoints(t.database);
    expect(await head(t.database.db)).toBeGreaterThan(last);
    const refilled = await auditor.get<Verification>('/api/audit/verify');
    expect(refilled.body.broken?.seq).toBe(last);
    expect(refilled.body.broken?.reason).toContain(`第 ${last} 条记录与检查点不符`);
    expect((await fazhi(['audit:verify'], env)).code).toBe(1);
  });

  it('names the edited record when every later hash is recomputed without the key', {
    timeout: 240_000,
  }, async () => {
    const { t, env, baseUrl } = await start();
    await activity(baseUrl, 15);
    const auditor = await signIn(baseUrl, 'auditor');
    await flushCheckpoints(t.database);
    const target = await t.database.db
      .selectFrom('audit_log')
      .select(['seq', 'id'])
      .where('action', '=', 'auth.login')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    expect(target.seq).toBeLessThan(await head(t.database.db));
    await editAndRecompute(t.database.db, target.seq);
    const api = await auditor.get<Verification>('/api/audit/verify');
    expect(api.body.broken?.seq).toBe(target.seq);
    expect(api.body.broken?.id).toBe(target.id);
    expect(api.body.broken?.reason).toContain('校验码不符');
    const cli = await fazhi(['audit:verify'], env);
    expect(cli.code, cli.out).toBe(1);
    expect(cli.out).toContain(`第 ${target.seq} 条记录（ID ${target.id}）`);
  });
});

describe.each(engines())('旧版本写入的审计日志 (%s)', (engine) => {
  let t: TestContext;
  afterAll(async () => {
    await t?.close();
  });

  it('keeps records written before the audit key verifiable, but never seals over a chain recomputed without it', {
    timeout: 240_000,
  }, async () => {
    t = await startTestApp(engine, { listen: true });
    await activity(t.baseUrl!, 4);
    await flushCheckpoints(t.database);
    const auditor = await signIn(t.baseUrl!, 'auditor');
    const unkeyedHead = await head(t.database.db);
    // Everything rewritten with plain SHA-256 — the whole chain recomputed without the key.
    await editAndRecompute(t.database.db, 1);
    const recomputed = await auditor.get<Verification>('/api/audit/verify');
    expect(recomputed.body.broken?.reason).toContain('没有一条带审计密钥校验码');
    // The next start must not accept it: this data directory has checkpointed a keyed chain.
    await openAuditTrail(t.database, t.config, { writes: true });
    expect(await head(t.database.db)).toBe(unkeyedHead);
    expect((await auditor.get<Verification>('/api/audit/verify')).body.broken).not.toBeNull();

    // The same records in an installation that never had a key (no checkpoints): its first start
    // with a key closes the unkeyed prefix, and from then on the chain verifies.
    rmSync(checkpointFile(t.config.dataDir));
    await openAuditTrail(t.database, t.config, { writes: true });
    const enabled = await t.database.db
      .selectFrom('audit_log')
      .select(['seq', 'action'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(enabled).toEqual({ seq: unkeyedHead + 1, action: 'audit.key.enable' });
    const upgraded = await auditor.get<Verification>('/api/audit/verify');
    expect(upgraded.body.broken).toBeNull();
    expect(upgraded.body.checked).toBe(unkeyedHead + 1);
    // An unkeyed record changed afterwards, the rest of the unkeyed prefix recomputed: reported at
    // the keyed record that closes it.
    await editAndRecompute(t.database.db, 2, unkeyedHead);
    const edited = await auditor.get<Verification>('/api/audit/verify');
    expect(edited.body.broken?.seq).toBe(unkeyedHead + 1);
    expect(edited.body.broken?.reason).toContain('前序哈希不符');
  });
});

describe('恢复备份 (sqlite)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a backup whose chain was recomputed without the key, and a restore ends every earlier session', {
    timeout: 240_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-restore-'));
    dirs.push(dir);
    const env = { DATA_DIR: dir };
    const config = loadConfig(
      { NODE_ENV: 'test', DATA_DIR: dir, FAZHI_DEMO_PASSWORD: DEMO_PASSWORD },
      { port: 0 },
    );
    let server: Server | null = await serve(config);
    try {
      await activity(server.baseUrl, 8);
      const before = await signIn(server.baseUrl, 'town_reporter');
      expect((await before.get('/api/me')).status).toBe(200);
      await flushCheckpoints(server.database);
      const backupFile = join(dir, 'backup.sqlite');
      const backup = await fazhi(['backup', backupFile], env);
      expect(backup.code, backup.out).toBe(0);
      // The server goes on writing after the backup, so the checkpoints run past it.
      await signIn(server.baseUrl, 'leader');

      const tamperedFile = join(dir, 'tampered.sqlite');
      const copy = await fazhi(['backup', tamperedFile], env);
      expect(copy.code, copy.out).toBe(0);
      const tampered = openDatabase({ sqliteFile: tamperedFile });
      let edited: number;
      try {
        edited = (await head(tampered.db)) - 3;
        await editAndRecompute(tampered.db, edited);
      } finally {
        await tampered.close();
      }

      await stop(server);
      server = null;

      const refused = await fazhi(['restore', tamperedFile, '--yes'], env);
      expect(refused.code, refused.out).toBe(1);
      expect(refused.out).toContain(`备份中的审计日志已损坏（第 ${edited} 条`);
      expect(refused.out).toContain('拒绝恢复');

      const restored = await fazhi(['restore', backupFile, '--yes'], env);
      expect(restored.code, restored.out).toBe(0);
      expect(restored.out).toContain('检查点重置');
      const verify = await fazhi(['audit:verify'], env);
      expect(verify.code, verify.out).toBe(0);
      expect(verify.out).toContain('审计日志完好');

      server = await serve(config);
      const stale = await fetch(`${server.baseUrl}/api/me`, { headers: { cookie: before.cookie } });
      expect(stale.status).toBe(401);
      const auditor = await signIn(server.baseUrl, 'auditor');
      const trail = await auditor.get<{ items: Array<{ action: string }> }>(
        '/api/audit?action=system.restore',
      );
      expect(trail.body.items).toHaveLength(1);
      const checked = await auditor.get<Verification>('/api/audit/verify');
      expect(checked.body.broken).toBeNull();
    } finally {
      await stop(server);
    }
  });
});

describe('恢复启用审计密钥之前的备份 (sqlite)', () => {
  let dir: string | null = null;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is refused unless the operator accepts an unkeyed chain, which the restore then records', {
    timeout: 240_000,
  }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-restore-old-'));
    const env = { DATA_DIR: dir };
    const config = loadConfig(
      { NODE_ENV: 'test', DATA_DIR: dir, FAZHI_DEMO_PASSWORD: DEMO_PASSWORD },
      { port: 0 },
    );
    const server = await serve(config);
    try {
      await activity(server.baseUrl, 3);
    } finally {
      await stop(server);
    }
    const oldBackup = join(dir, 'before-the-key.sqlite');
    expect((await fazhi(['backup', oldBackup], env)).code).toBe(0);
    // A backup written by the version before the audit key: every record hashed with plain SHA-256.
    const old = openDatabase({ sqliteFile: oldBackup });
    let records: number;
    try {
      await editAndRecompute(old.db, 1);
      records = await head(old.db);
    } finally {
      await old.close();
    }
    const refused = await fazhi(['restore', oldBackup, '--yes'], env);
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toContain('没有一条带审计密钥校验码');
    expect(refused.out).toContain('--accept-unkeyed');
    const accepted = await fazhi(['restore', oldBackup, '--yes', '--accept-unkeyed'], env);
    expect(accepted.code, accepted.out).toBe(0);
    const verify = await fazhi(['audit:verify'], env);
    expect(verify.code, verify.out).toBe(0);
    const restored = openDatabase({ sqliteFile: config.sqliteFile });
    try {
      const tail = await restored.db
        .selectFrom('audit_log')
        .select(['seq', 'action', 'changes'])
        .where('seq', '>', records)
        .orderBy('seq')
        .execute();
      expect(tail.map((r) => r.action)).toEqual(['audit.key.enable', 'system.restore']);
      expect(JSON.parse(tail[1]!.changes!)).toMatchObject({ acceptedUnkeyed: true, backupHead: records });
    } finally {
      await restored.close();
    }
  });
});

describe.runIf(engines().includes('postgres'))('恢复 PostgreSQL 之后 (postgres)', () => {
  const adminUrl = process.env.FAZHI_TEST_PG_URL ?? '';
  const name = `fazhi_test_${process.pid}_${Date.now()}_restore`;
  let dir: string | null = null;
  afterAll(async () => {
    await dropPgDatabase(adminUrl, name);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('restore:finish checks the chain, ends every earlier session and resets the checkpoints explicitly', {
    timeout: 240_000,
  }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-pg-restore-'));
    const databaseUrl = await createPgDatabase(adminUrl, name);
    const config = loadConfig(
      { NODE_ENV: 'test', DATA_DIR: dir, FAZHI_DEMO_PASSWORD: DEMO_PASSWORD },
      { databaseUrl, port: 0 },
    );
    const env = { DATA_DIR: dir, DATABASE_URL: databaseUrl };
    let server: Server | null = await serve(config);
    try {
      await activity(server.baseUrl, 6);
      const before = await signIn(server.baseUrl, 'town_reporter');
      await flushCheckpoints(server.database);
      const last = await head(server.database.db);
      // What psql leaves after loading an older dump: the newest records are not there.
      await server.database.db
        .deleteFrom('audit_log')
        .where('seq', '>', last - 5)
        .execute();
      await stop(server);
      server = null;

      const truncated = await fazhi(['audit:verify'], env);
      expect(truncated.code, truncated.out).toBe(1);
      expect(truncated.out).toContain(`审计日志被截断：最后记录序号 ${last - 5}，检查点记录到 ${last}`);
      const unconfirmed = await fazhi(['restore:finish'], env);
      expect(unconfirmed.code, unconfirmed.out).toBe(1);
      expect(unconfirmed.out).toContain('--yes');
      const finished = await fazhi(['restore:finish', '--yes'], env);
      expect(finished.code, finished.out).toBe(0);
      expect(finished.out).toContain(`恢复已记入第 ${last - 4} 条审计记录，检查点重置到该条`);
      const verify = await fazhi(['audit:verify'], env);
      expect(verify.code, verify.out).toBe(0);
      expect(verify.out).toContain(`不短于检查点（第 ${last - 4} 条`);

      server = await serve(config);
      const stale = await fetch(`${server.baseUrl}/api/me`, { headers: { cookie: before.cookie } });
      expect(stale.status).toBe(401);
    } finally {
      await stop(server);
    }
  });
});

describe('审计密钥', () => {
  it('is required in production and comes from a key file only outside it, created once and reused', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'secret-secret-secret' })).toThrow(
      '生产模式必须设置 FAZHI_AUDIT_KEY',
    );
    expect(() => loadConfig({ FAZHI_AUDIT_KEY: 'too-short' })).toThrow('至少 32 个字符');
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-key-'));
    try {
      const config = { auditKey: undefined, dataDir: dir };
      expect(() => loadAuditKey(config, { create: false })).toThrow('找不到审计密钥');
      const first = loadAuditKey(config, { create: true });
      expect(statSync(join(dir, AUDIT_KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(loadAuditKey(config, { create: true }).equals(first)).toBe(true);
      expect(loadAuditKey(config, { create: false }).equals(first)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
