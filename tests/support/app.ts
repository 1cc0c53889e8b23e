// Test harness: a real database per test file (a temp SQLite file, or a throwaway PostgreSQL
// database when FAZHI_TEST_PG_URL is set), migrated and seeded with the demo county.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgDatabase, type Database, type Dialect, dropPgDatabase } from '../../src/db/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { type Config, loadConfig } from '../../src/server/config.ts';
import type { LogOptions } from '../../src/server/logging.ts';
import { prepareDatabase } from '../../src/server/start.ts';

export const DEMO_PASSWORD = 'Fazhi@2026';

/** The engines the API suite runs on: SQLite always, PostgreSQL when FAZHI_TEST_PG_URL is set. */
export function engines(): Dialect[] {
  return process.env.FAZHI_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export interface TestContext {
  app: TestApp;
  database: Database;
  config: Config;
  baseUrl: string | null;
  close(): Promise<void>;
}

let counter = 0;

export async function startTestApp(
  engine: Dialect,
  opts: {
    listen?: boolean;
    config?: Partial<Config>;
    seed?: boolean;
    ledgers?: boolean;
    /** Server log lines go here (the log is off otherwise). */
    log?: LogOptions;
  } = {},
): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-test-'));
  let pgName: string | null = null;
  let databaseUrl: string | undefined;
  const adminUrl = process.env.FAZHI_TEST_PG_URL;
  if (engine === 'postgres') {
    if (!adminUrl) throw new Error('FAZHI_TEST_PG_URL is not set');
    counter += 1;
    pgName = `fazhi_test_${process.pid}_${Date.now()}_${counter}`;
    databaseUrl = await createPgDatabase(adminUrl, pgName);
  }
  const config = loadConfig(
    { NODE_ENV: 'test', DATA_DIR: dir, FAZHI_DEMO_PASSWORD: DEMO_PASSWORD },
    { databaseUrl, port: 0, loginRateLimit: 1000, ...opts.config },
  );
  const database = await prepareDatabase(config, {
    seedIfEmpty: opts.seed !== false,
    seedLedgers: opts.ledgers ?? false,
  });
  const app = await buildApp({ database, config }, opts.log ? { log: opts.log } : {});
  let baseUrl: string | null = null;
  if (opts.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address && typeof address === 'object') baseUrl = `http://127.0.0.1:${address.port}`;
  }
  return {
    app,
    database,
    config,
    baseUrl,
    async close() {
      await app.close();
      await database.close();
      if (pgName && adminUrl) await dropPgDatabase(adminUrl, pgName);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Reply<T> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A signed-in API client over app.inject that keeps the session cookie and CSRF token. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(readonly app: TestApp) {}

  async login(username: string, password = DEMO_PASSWORD): Promise<Reply<Record<string, unknown>>> {
    const res = await this.request<Record<string, unknown>>('POST', '/api/auth/login', {
      username,
      password,
    });
    if (res.status === 200) this.csrf = String(res.body.csrfToken);
    return res;
  }

  async request<T = Record<string, unknown>>(
    method: string,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
    });
    const setCookie = res.headers['set-cookie'];
    for (const c of [setCookie ?? []].flat()) {
      const [pair] = c.split(';');
      if (!pair) continue;
      if (pair.endsWith('=')) this.cookie = null;
      else this.cookie = pair;
    }
    let body: unknown = res.body;
    try {
      body = res.json();
    } catch {
      // not JSON: keep the text
    }
    return { status: res.statusCode, body: body as T, headers: res.headers };
  }

  get<T = Record<string, unknown>>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = Record<string, unknown>>(url: string, payload: unknown = {}) {
    return this.request<T>('POST', url, payload);
  }
  patch<T = Record<string, unknown>>(url: string, payload: unknown) {
    return this.request<T>('PATCH', url, payload);
  }
  put<T = Record<string, unknown>>(url: string, payload: unknown) {
    return this.request<T>('PUT', url, payload);
  }
  delete<T = Record<string, unknown>>(url: string) {
    return this.request<T>('DELETE', url);
  }
}

export async function signedIn(app: TestApp, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const c = new Client(app);
  const res = await c.login(username, password);
  if (res.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(res.body)}`);
  return c;
}
