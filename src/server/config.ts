// Configuration from the environment, with the defaults the README documents.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './logging.ts';

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
  /** Server log level (LOG_LEVEL); `serve` logs JSON lines to standard output. */
  logLevel: LogLevel;
  trustProxy: boolean;
}

export const DEFAULT_DEMO_PASSWORD = 'Fazhi@2026';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const production = env.NODE_ENV === 'production';
  const logLevel = env.LOG_LEVEL || 'info';
  if (!isLogLevel(logLevel))
    throw new Error(`LOG_LEVEL 取值无效：「${logLevel}」，应为 ${LOG_LEVELS.join('、')} 之一`);
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
    logLevel,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    ...overrides,
  };
  if (production && !env.SESSION_SECRET && !overrides.sessionSecret) {
    throw new Error('生产模式必须设置 SESSION_SECRET 环境变量');
  }
  return config;
}
