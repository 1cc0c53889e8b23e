// The querystring of the record list and of the export (same filters), and the checks on user-given names:
// a lookup by a user's key goes through Object.hasOwn, so that `__proto__`, `constructor` or `toString` name
// nothing instead of a member of Object.prototype.
import { z } from 'zod';
import type { FieldDef, LedgerDef, MeasureDef } from '../../domain/ledgers/define.ts';
import { badRequest } from '../../server/errors.ts';
import { boolQuery, isoDate, paging } from '../../server/http.ts';
import { fieldFilterQuery } from '../../server/input-guard.ts';

const filterShape = {
  unit: z.string().max(64).optional(),
  subtree: boolQuery.optional(),
  q: z.string().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  measure: z.string().max(60).optional(),
  periodFrom: isoDate.optional(),
  periodTo: isoDate.optional(),
  sort: z.string().max(60).optional(),
  order: z.enum(['asc', 'desc']).optional(),
};

export const recordListQuery = fieldFilterQuery({ ...filterShape, ...paging });
export const recordExportQuery = fieldFilterQuery(filterShape);

/** The `f.<field>` filters of a query, by field name. */
export function fieldFilters(query: Record<string, unknown>): Record<string, string> {
  // fromEntries defines own properties: `f.__proto__` becomes a filter the ledger lacks, not a prototype.
  return Object.fromEntries(
    Object.entries(query).flatMap(([k, v]) =>
      k.startsWith('f.') && typeof v === 'string' ? [[k.slice(2), v]] : [],
    ),
  );
}

export function ownField(def: LedgerDef, name: string): FieldDef | undefined {
  return Object.hasOwn(def.fields, name) ? def.fields[name] : undefined;
}

export function ownMeasure(def: LedgerDef, id: string): MeasureDef {
  const ms = Object.hasOwn(def.measures, id) ? def.measures[id] : undefined;
  if (!ms) throw badRequest(`未知的指标度量「${id}」：台账「${def.title}」没有这一项`, 'measure');
  return ms;
}

/** Record values may be keyed by field name or by the field's label (as in an Excel header); nothing else. */
export function assertKnownValueKeys(def: LedgerDef, values: Record<string, unknown>): void {
  const known = new Set<string>();
  for (const [name, fd] of Object.entries(def.fields)) known.add(name).add(fd.label);
  const unknown = Object.keys(values).filter((k) => !known.has(k));
  if (unknown.length)
    throw badRequest(`台账「${def.title}」没有字段：${unknown.join('、')}`, `values.${unknown[0]}`);
}
