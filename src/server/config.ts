// Configuration from the environment, with the defaults the README documents.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
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
  /** Fastify's `trustProxy`: how many proxies stand in front, or which addresses are proxies. */
  trustProxy: TrustProxy;
  /** The audit MAC key (FAZHI_AUDIT_KEY); when unset outside production, a key file in dataDir. */
  auditKey: string | undefined;
}

export const DEFAULT_DEMO_PASSWORD = 'Fazhi@2026';

/** A setting the server cannot start with; the command line prints its message without a stack. */
export class ConfigError extends Error {}

/**
 * As Fastify's `trustProxy` takes it: false (no proxy), the proxies' addresses or CIDRs, or for a hop
 * count a function trusting that many hops from the socket (what Fastify does with a number, which its
 * types do not accept).
 */
export type TrustProxy = false | string[] | ((address: string, hop: number) => boolean);

function trustHops(hops: number): TrustProxy {
  return (_address, hop) => hop < hops;
}

// The names proxy-addr (behind Fastify's trustProxy) accepts for address ranges.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry) || isIP(entry) !== 0) return true;
  const match = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  if (!match) return false;
  const version = isIP(match[1] ?? '');
  const bits = Number(match[2]);
  return (version === 4 && bits <= 32) || (version === 6 && bits <= 128);
}

/**
 * TRUST_PROXY. `true` is refused: it would take the left-most X-Forwarded-For entry, which the client
 * writes itself, as the address — any client could choose its IP for the login rate limit and the audit log.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(v)) return trustHops(Number.parseInt(v, 10));
  if (v.toLowerCase() === 'true') {
    throw new ConfigError(
      'TRUST_PROXY=true 会把客户端自己填写的 X-Forwarded-For 当作来源 IP（可伪造 IP、绕过登录限流）；' +
        '请设为反向代理的层数（如 1），或代理的地址列表（如 127.0.0.1,10.0.0.0/8）',
    );
  }
  const entries = v.split(',').map((x) => x.trim());
  const bad = entries.find((x) => !isProxyAddress(x));
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY 中的「${bad}」不是 IP 地址或网段；请设为反向代理的层数（如 1），或代理的地址列表（如 127.0.0.1,10.0.0.0/8）`,
    );
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const production = env.NODE_ENV === 'production';
  const logLevel = env.LOG_LEVEL || 'info';
  if (!isLogLevel(logLevel))
    throw new ConfigError(`LOG_LEVEL 取值无效：「${logLevel}」，应为 ${LOG_LEVELS.join('、')} 之一`);
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
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    auditKey: env.FAZHI_AUDIT_KEY || undefined,
    ...overrides,
  };
  if (production && !env.SESSION_SECRET && !overrides.sessionSecret) {
    throw new ConfigError('生产模式必须设置 SESSION_SECRET 环境变量');
  }
  // The key must live outside the database and its data directory, or whoever holds a copy of them
  // could recompute the audit chain.
  if (production && !config.auditKey)
    throw new ConfigError('生产模式必须设置 FAZHI_AUDIT_KEY 环境变量（审计密钥）');
  if (config.auditKey !== undefined && config.auditKey.length < 32)
    throw new ConfigError('FAZHI_AUDIT_KEY 至少 32 个字符（可用 openssl rand -hex 32 生成）');
  return config;
}
