// Derived fields: values the engine computes from a record on every write (e.g. 是否按期审结), so that
// measures, filters and drill-downs treat them like any other field.
import type { DeadlineRules } from '../deadlines/index.ts';
import type { LedgerDef, LedgerRecord } from './define.ts';
import { deadlineApplies, recordDue } from './record-deadlines.ts';

export function hasDerivedFields(def: LedgerDef): boolean {
  return Object.values(def.fields).some((fd) => fd.derived);
}

/**
 * Whether a record was done by its due date under the first of the deadlines that applies to it (its
 * condition holds and its start date is set): null while open or when no due date applies.
 */
export function doneOnTime(
  def: LedgerDef,
  deadlineIds: string[],
  r: LedgerRecord,
  rules: DeadlineRules,
): boolean | null {
  for (const id of deadlineIds) {
    const d = def.deadlines?.find((x) => x.id === id);
    if (!d?.done || !deadlineApplies(d, r)) continue;
    if (typeof r[d.from] !== 'string') continue;
    const done = r[d.done];
    if (typeof done !== 'string') return null;
    const due = recordDue(d, r, rules);
    return due === null ? null : done <= due;
  }
  return null;
}

/** The record with every derived field computed (a new object; the input is not changed). */
export function withDerived(def: LedgerDef, r: LedgerRecord, rules: DeadlineRules): LedgerRecord {
  if (!hasDerivedFields(def)) return r;
  const out: LedgerRecord = { ...r };
  for (const [name, fd] of Object.entries(def.fields))
    if (fd.derived) out[name] = doneOnTime(def, fd.derived.onTime, r, rules);
  return out;
}
