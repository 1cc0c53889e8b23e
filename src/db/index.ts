// The dialect switch. Everything that differs between SQLite and PostgreSQL lives in this folder.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  type RawBuilder,
  type SqlBool,
  SqliteDialect,
  sql,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { Dialect } from './dialect.ts';
import { foundation } from './migrations/001_foundation.ts';
import { ledgerRollups } from './migrations/002_ledger_rollups.ts';
import { totpReplay } from './migrations/003_totp_replay.ts';
import { rollupTotals } from './migrations/004_rollup_totals.ts';
import { rollupAutovacuum } from './migrations/005_rollup_autovacuum.ts';
import type { DB } from './schema.ts';

export type { Dialect } from './dialect.ts';
export type { DB } from './schema.ts';
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** The SQLite file, for backups; null on PostgreSQL. */
  sqliteFile: string | null;
  close(): Promise<void>;
}

// pg returns int8 (count(*), sums) as strings; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export function openDatabase(opts: { databaseUrl?: string | undefined; sqliteFile: string }): Database {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection that the server ends (PostgreSQL restarted, an administrator terminated it,
    // the network dropped) is reported here; without a listener the process would crash. The pool has
    // already discarded it and opens a new one for the next query.
    pool.on('error', (err) => {
      console.warn(`数据库空闲连接已断开，将自动重连：${err.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqliteFile: null, close: () => db.destroy() };
  }
  if (opts.sqliteFile !== ':memory:') mkdirSync(dirname(opts.sqliteFile), { recursive: true });
  const conn = new SQLite(opts.sqliteFile);
  conn.pragma('journal_mode = WAL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  conn.pragma('synchronous = NORMAL');
  // Keeps the planner's statistics current for a long-lived connection (SQLite's recommendation), so
  // that ledger lists pick the narrower index once tables are large.
  conn.pragma('optimize = 0x10002');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: conn }) });
  return { db, dialect: 'sqlite', sqliteFile: opts.sqliteFile, close: () => db.destroy() };
}

function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '001_foundation': foundation(dialect),
    '002_ledger_rollups': ledgerRollups(dialect),
    '003_totp_replay': totpReplay(),
    '004_rollup_totals': rollupTotals(dialect),
    '005_rollup_autovacuum': rollupAutovacuum(dialect),
  };
}

export async function migrate(database: Database): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(database.dialect) };
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export function newId(): string {
  return uuidv7();
}

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Serialises writers of the audit hash chain. SQLite runs one write transaction at a time already
 * (one connection, Kysely's mutex); PostgreSQL needs a transaction-scoped advisory lock.
 */
export async function lockAuditChain(trx: Trx, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7710001)`.execute(trx);
}

/** Upper bound for a materialised-path range scan: every path under `prefix` sorts below it. */
export function pathUpperBound(prefix: string): string {
  return `${prefix}~`;
}

/** A consistent copy of a live SQLite database (the online backup API). */
export async function backupSqlite(file: string, target: string): Promise<void> {
  const conn = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await conn.backup(target);
  } finally {
    conn.close();
  }
}

/** Creates and drops throwaway PostgreSQL databases for tests. */
export async function createPgDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database "${name.replace(/[^a-z0-9_]/g, '')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPgDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // A closed pool's connections may take a moment to leave; forcing them out would make each log a
    // lost connection. Wait up to two seconds, then force whatever is left.
    for (let i = 0; i < 40; i++) {
      const res = await client.query<{ n: string }>(
        'select count(*) as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (Number(res.rows[0]!.n) === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await client.query(`drop database if exists "${name.replace(/[^a-z0-9_]/g, '')}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * `column LIKE '%text%'` with the user's text taken literally on both engines: wildcards are
 * escaped and the ESCAPE clause is explicit, since SQLite has no default escape character.
 */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<SqlBool>`${sql.ref(column)} like ${`%${escaped}%`} escape '\\'`;
}
