// Central checks on every /api request's input, before the route's own validation:
// - no control characters (other than tab, CR, LF) in any string of the body, querystring, path parameters or
//   multipart text fields — PostgreSQL refuses NUL in text, and none of them belong in a county's records;
// - no repeated querystring parameter unless the schema declares an array for it;
// - no keys beyond those the route's top-level object schema declares (ledger filters `f.<field>` are allowed
//   where the route says so, and checked by the route against the ledger's fields).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasControlChars } from '../domain/control-chars.ts';
import { AppError } from './errors.ts';

export const FIELD_FILTER_PREFIX = 'f.';

/** Querystring schemas whose extra keys may be ledger field filters (`f.<field>`). */
const fieldFilterSchemas = new WeakSet<z.ZodType>();

/** A querystring schema that also takes `f.<field>=<value>` filters; the route must check the field names. */
export function fieldFilterQuery<S extends z.ZodRawShape>(shape: S) {
  const schema = z.object(shape).catchall(z.string().max(200));
  fieldFilterSchemas.add(schema);
  return schema;
}

function controlCharError(path: string): AppError {
  return new AppError(400, 'CONTROL_CHARACTER', `字段 ${path} 含有不允许的控制字符`, path);
}

export function assertNoControlChars(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (hasControlChars(value)) throw controlCharError(path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      assertNoControlChars(v, `${path}[${i}]`);
    });
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const child = path ? `${path}.${k}` : k;
      if (hasControlChars(k)) throw controlCharError(JSON.stringify(child).slice(1, -1));
      assertNoControlChars(v, child);
    }
  }
}

/** Multipart text fields are read by the route as it streams; check each one as it is handed over. */
function guardMultipartFields(req: FastifyRequest): void {
  if (typeof req.isMultipart !== 'function' || !req.isMultipart()) return;
  const parts = req.parts.bind(req);
  req.parts = async function* guardedParts(options) {
    for await (const part of parts(options)) {
      if (hasControlChars(part.fieldname))
        throw controlCharError(JSON.stringify(part.fieldname).slice(1, -1));
      if (part.type === 'field') assertNoControlChars(part.value, part.fieldname);
      yield part;
    }
  } as typeof req.parts;
}

/** The schema without its optional/default/nullable wrappers and the input side of transforms. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (let i = 0; i < 10; i += 1) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
      s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else break;
  }
  return s;
}

function objectShape(schema: unknown): z.ZodObject | null {
  if (!(schema instanceof z.ZodType)) return null;
  const s = unwrap(schema);
  return s instanceof z.ZodObject ? s : null;
}

function hasOwnKey(shape: object, key: string): boolean {
  return Object.hasOwn(shape, key);
}

function checkQuery(schema: unknown, query: Record<string, unknown>): void {
  const obj = objectShape(schema);
  const allowFilters = obj !== null && fieldFilterSchemas.has(obj);
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    const declared = obj !== null && hasOwnKey(obj.shape, key);
    const filter = allowFilters && key.startsWith(FIELD_FILTER_PREFIX) && key.length > 2;
    if (!declared && !filter) {
      unknown.push(key);
      continue;
    }
    if (Array.isArray(value)) {
      const field = declared ? (obj.shape[key] as z.ZodType) : null;
      if (!field || !(unwrap(field) instanceof z.ZodArray))
        throw new AppError(400, 'REPEATED_PARAMETER', `参数 ${key} 重复`, key);
    }
  }
  if (unknown.length)
    throw new AppError(400, 'UNKNOWN_PARAMETER', `不支持的参数：${unknown.join('、')}`, unknown[0]);
}

function checkBodyKeys(schema: unknown, body: unknown): void {
  const obj = objectShape(schema);
  if (!obj || body === null || typeof body !== 'object' || Array.isArray(body)) return;
  // A schema that declares a catch-all takes extra keys on purpose.
  if (obj._zod.def.catchall && !(obj._zod.def.catchall instanceof z.ZodNever)) return;
  const unknown = Object.keys(body).filter((k) => !hasOwnKey(obj.shape, k));
  if (unknown.length)
    throw new AppError(400, 'UNKNOWN_FIELD', `不支持的字段：${unknown.join('、')}`, unknown[0]);
}

function isApiRoute(req: FastifyRequest): boolean {
  const url = req.routeOptions.url ?? '';
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

/** Control characters: registered before the auth guard, so that no input reaches the database unchecked. */
export function registerControlCharGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (!isApiRoute(req)) return;
    assertNoControlChars(req.params, '');
    assertNoControlChars(req.query, '');
    assertNoControlChars(req.body, '');
    guardMultipartFields(req);
  });
}

/**
 * Unknown and repeated parameters: registered after the auth guard, so that a caller who may not use the route
 * gets 401/403 before anything about its input.
 */
export function registerStrictInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (!isApiRoute(req)) return;
    const schema = req.routeOptions.schema;
    checkQuery(schema?.querystring, (req.query ?? {}) as Record<string, unknown>);
    if (schema?.body) checkBodyKeys(schema.body, req.body);
  });
}
