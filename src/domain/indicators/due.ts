// Whether a figure can be judged yet. A figure that measures a deadline being met (年度执法数据公开率:
// the bodies' data published by 1月31日 of the next year) says nothing before that deadline: the
// records are not late, merely not due. Such a figure is 未到期 until the deadline of the latest year
// it covers has come and gone.

import type { DeadlineRules } from '../deadlines/index.ts';
import { findLedger } from '../ledgers/index.ts';
import { recordDue } from '../ledgers/record-deadlines.ts';
import type { IndicatorDef } from './catalog.ts';

export interface FigureDue {
  /** True while today is on or before the due date: the figure is shown as 未到期, not as a rate. */
  notDue: boolean;
  /** The due date of the latest year the figure covers (the region's calendar and limits). */
  dueOn: string;
}

/**
 * The due state of an indicator over a period, or null when the indicator has no deadline or the period
 * holds no year start (a statistic of year Y is dated Y-01-01).
 */
export function figureDue(
  def: IndicatorDef,
  period: { from: string; to: string },
  today: string,
  rules: DeadlineRules,
): FigureDue | null {
  if (!def.dueBy) return null;
  const deadline = findLedger(def.dueBy.ledger)?.deadlines?.find((d) => d.id === def.dueBy!.deadline);
  if (!deadline) return null;
  const start = `${period.to.slice(0, 4)}-01-01`;
  if (start < period.from) return null;
  const dueOn = recordDue(deadline, { [deadline.from]: start }, rules);
  if (!dueOn) return null;
  return { notDue: today <= dueOn, dueOn };
}
