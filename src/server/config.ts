// Configuration from the environment, with the defaults the README documents.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sqliteFile: string;
  sessionSecret: string;
  production: boolean;
  demoPassword: string;
  /** Login attempts per IP per minute before 429. */
  loginRateLimit: number;
  /** Serve the built web app from this folder (null to serve the API only). */
  webDir: string | null;
  trustProxy: boolean;
  /** The audit MAC key (FAZHI_AUDIT_KEY); when unset outside production, a key file in dataDir. */
  auditKey: string | undefined;
}

export const DEFAULT_DEMO_PASSWORD = 'Fazhi@2026';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const production = env.NODE_ENV === 'production';
  const config: Config = {
    port: Number.parseInt(env.PORT ?? '3000', 10),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    sqliteFile: resolve(dataDir, 'fazhi.sqlite'),
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    production,
    demoPassword: env.FAZHI_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    loginRateLimit: Number.parseInt(env.FAZHI_LOGIN_RATE_LIMIT ?? '20', 10),
    webDir: resolve(new URL('../../web/dist', import.meta.url).pathname),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    auditKey: env.FAZHI_AUDIT_KEY || undefined,
    ...overrides,
  };
  if (production && !env.SESSION_SECRET && !overrides.sessionSecret) {
    throw new Error('生产模式必须设置 SESSION_SECRET 环境变量');
  }
  // The key must live outside the database and its data directory, or whoever holds a copy of them
  // could recompute the audit chain.
  if (production && !config.auditKey)
    throw new Error('生产模式必须设置 FAZHI_AUDIT_KEY 环境变量（审计密钥）');
  if (config.auditKey !== undefined && config.auditKey.length < 32)
    throw new Error('FAZHI_AUDIT_KEY 至少 32 个字符（可用 openssl rand -hex 32 生成）');
  return config;
}
