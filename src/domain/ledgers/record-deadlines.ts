// A record's due date under one of its ledger's deadlines: shared by the to-do list (临期/超期) and
// the derived 是否按期 fields, so that both always agree.
import { type DeadlineRules, dueDate } from '../deadlines/index.ts';
import { type DeadlineDef, type LedgerRecord, matches } from './define.ts';

/** Whether the deadline applies to the record (its condition holds). */
export function deadlineApplies(d: DeadlineDef, r: LedgerRecord): boolean {
  return !d.when || matches(d.when, r);
}

/** The due date, or null when the start date is missing or outside the calendar's range. */
export function recordDue(d: DeadlineDef, r: LedgerRecord, rules: DeadlineRules): string | null {
  const from = r[d.from];
  if (typeof from !== 'string' || !from) return null;
  const own = d.dueOn?.(r, rules);
  if (own) return own;
  const limit = rules.limit(d.limit);
  const extended = d.extendedFlag ? r[d.extendedFlag] === true && !!limit.extendable : false;
  try {
    return dueDate(limit, from, rules.calendar, { extended });
  } catch {
    return null;
  }
}
