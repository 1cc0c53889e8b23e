// The server log: Fastify's logger (pino) writing JSON lines, one per request (id, user, route, status, duration)
// and one per 5xx with its stack. Request bodies, query strings and headers are never logged; the redaction list
// is the second line of defence for anything that reaches a log call as an object anyway.
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(s: string): s is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(s);
}

export interface LogOptions {
  level: LogLevel;
  /** Where the lines go; standard output when absent. */
  stream?: { write(line: string): void };
}

/** Secrets and personal data, wherever they appear one or two levels into a logged object. */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'oldPassword',
  'token',
  'csrfToken',
  'secret',
  'totpSecret',
  'totp_secret',
  'uri',
  'cookie',
  'authorization',
  'x-csrf-token',
  'set-cookie',
  // Personal data (ledger fields marked pii, user contact details). A database error's `detail` may quote
  // the offending row's values.
  'phone',
  'idNumber',
  'applicantPhone',
  'applicantIdNumber',
  'values',
  'body',
  'detail',
];

// Keys that are not identifiers take pino's bracket notation.
const segment = (k: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `["${k}"]`);

export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [
  segment(k).replace(/^\./, ''),
  `*${segment(k)}`,
  `*.*${segment(k)}`,
]);

export function loggerOptions(opts: LogOptions | undefined): FastifyServerOptions['logger'] {
  if (!opts) return false;
  return {
    level: opts.level,
    redact: { paths: REDACT_PATHS, censor: '[已隐去]' },
    // The request line below says everything needed; Fastify's default req/res serialisers would add the URL
    // with its query string (which may carry a search for a person's name).
    serializers: {
      req: (req: { method: string; routeOptions?: { url?: string } }) => ({
        method: req.method,
        route: req.routeOptions?.url,
      }),
    },
    ...(opts.stream ? { stream: opts.stream } : {}),
  };
}

/** One line per request, after the response: who asked for which route, with what outcome and how fast. */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    const status = reply.statusCode;
    // The request id comes from the child logger's bindings.
    const line = {
      userId: req.auth?.user.id ?? null,
      method: req.method,
      route: req.routeOptions.url ?? null,
      status,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (status >= 500) req.log.error(line, 'request');
    else req.log.info(line, 'request');
  });
}
