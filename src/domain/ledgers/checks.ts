// Small helpers for ledgers' cross-field `validate` functions.

import type { LedgerRecord } from './define.ts';

export type Issue = { field: string; message: string };

/** A collector of cross-field issues over one record. */
export function checker(r: LedgerRecord) {
  const out: Issue[] = [];
  const str = (k: string): string | null => {
    const v = r[k];
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const num = (k: string): number | null => {
    const v = r[k];
    return typeof v === 'number' ? v : null;
  };
  return {
    out,
    str,
    num,
    /** `later` must not be before `earlier` (both set). */
    order(earlier: string, later: string, message: string) {
      const a = str(earlier);
      const b = str(later);
      if (a && b && b < a) out.push({ field: later, message });
    },
    /** When `cond` holds, `field` must be filled. */
    requireIf(cond: boolean, field: string, message: string) {
      const v = r[field];
      if (cond && (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)))
        out.push({ field, message });
    },
    /** Numeric `part` must not exceed `whole` (both set). */
    notMore(part: string, whole: string, message: string) {
      const a = num(part);
      const b = num(whole);
      if (a !== null && b !== null && a > b) out.push({ field: part, message });
    },
    push(field: string, message: string) {
      out.push({ field, message });
    },
  };
}

/** Whole calendar days from a to b (YYYY-MM-DD). */
export function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
