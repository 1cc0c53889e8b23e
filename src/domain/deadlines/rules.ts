// What a region's due dates are computed with: its working-day calendar and its version of the table of
// statutory limits (the limits marked configurable may differ: 备案 within 15 or 30 days, …).
import type { WorkCalendar } from './calendar.ts';
import { configureLimits, getLimit, type LimitOverride, type StatutoryLimit } from './statutes.ts';

export interface DeadlineRules {
  calendar: WorkCalendar;
  limit(id: string): StatutoryLimit;
}

export function deadlineRules(
  calendar: WorkCalendar,
  overrides: Readonly<Record<string, LimitOverride>> = {},
): DeadlineRules {
  const byId = new Map(configureLimits(overrides).map((l) => [l.id, l]));
  return { calendar, limit: (id) => byId.get(id) ?? getLimit(id) };
}
