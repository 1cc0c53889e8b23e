/**
 * Due dates for ledger records and the 临期/超期 status shown on to-do lists.
 */
import { addDays, addMonths, assertDate, daysBetween, type IsoDate, type WorkCalendar } from './calendar.ts';
import type { LimitUnit, StatutoryLimit } from './statutes.ts';

export interface DueDateOptions {
  /** Apply the limit's permitted extension (e.g. 行政复议 普通程序 +30 days approved). */
  extended?: boolean;
}

/** End of a period without the rest-day rule (the rule is applied once, at the very end). */
function rawEnd(start: IsoDate, n: number, unit: Exclude<LimitUnit, 'annual'>, cal: WorkCalendar): IsoDate {
  switch (unit) {
    case 'working':
      return cal.addWorkingDays(start, n);
    case 'calendar':
      return addDays(start, n);
    case 'month':
      return addMonths(start, n);
  }
}

/**
 * The statutory due date for a limit running from `startDate` (the day of the triggering event, which is
 * not counted). For 'minimum' limits: the earliest date on which the minimum period is complete. For
 * direction 'before' (听证通知): the latest date, counted backwards from the event. For 'annual': the fixed
 * date in the year after `startDate`'s year.
 */
export function dueDate(
  limit: StatutoryLimit,
  startDate: IsoDate,
  calendar: WorkCalendar,
  opts: DueDateOptions = {},
): IsoDate {
  assertDate(startDate);
  if (opts.extended && !limit.extendable) {
    throw new Error(`「${limit.label}」不可延长 / limit ${limit.id} has no statutory extension`);
  }
  if (limit.unit === 'annual') {
    const on = limit.annualOn ?? '';
    const year = Number(startDate.slice(0, 4)) + 1;
    return assertDate(`${String(year).padStart(4, '0')}-${on}`);
  }
  const unit = limit.unit;

  if (limit.direction === 'before') {
    if (opts.extended) throw new Error(`limit ${limit.id} counts backwards and cannot be extended`);
    if (unit === 'working') return calendar.subtractWorkingDays(startDate, limit.days);
    // 「X日前」 counted in calendar days/months: the latest day is X days before; if that is a rest day,
    // move to the previous working day so that the act is still done in time.
    let d = unit === 'calendar' ? addDays(startDate, -limit.days) : addMonths(startDate, -limit.days);
    while (limit.restDayExtension !== false && !calendar.isWorkingDay(d)) d = addDays(d, -1);
    return d;
  }

  let end = rawEnd(startDate, limit.days, unit, calendar);
  if (limit.inclusiveStart && unit !== 'working') end = addDays(end, -1);
  if (opts.extended && limit.extendable) {
    end = rawEnd(end, limit.extendable.days, limit.extendable.unit, calendar);
  }
  const isMinimum = limit.kind === 'minimum';
  const roll = !isMinimum && limit.restDayExtension !== false && unit !== 'working';
  return roll ? calendar.rollForward(end) : end;
}

export type DeadlineStatus = 'done' | 'done_late' | 'overdue' | 'due_soon' | 'ok';

export const DEADLINE_STATUS_LABELS: Readonly<Record<DeadlineStatus, string>> = {
  done: '已办结',
  done_late: '逾期办结',
  overdue: '超期',
  due_soon: '临期',
  ok: '正常',
};

export interface DeadlineStatusOptions {
  /** 临期 when at most this many working days remain (default 3). */
  warnWorkingDays: number;
}

export interface DeadlineState {
  status: DeadlineStatus;
  /** Chinese label: 已办结 / 逾期办结 / 超期 / 临期 / 正常. */
  label: string;
  /**
   * Working days after `today` up to and including the due date (0 = due today); negative when overdue
   * (−working days elapsed since the due date). For finished records: measured at `doneOn`.
   */
  remainingWorkingDays: number;
  /** Calendar days past the due date (at `doneOn` for finished records); 0 if not late. */
  daysLate: number;
}

/**
 * Status of a record against its due date. Finished records (doneOn given) are 已办结 if done on or before
 * the due date, otherwise 逾期办结. Open records are 超期 after the due date, 临期 when no more than
 * `warnWorkingDays` working days remain (weekends and holidays do not count), otherwise 正常.
 */
export function deadlineStatus(
  due: IsoDate,
  today: IsoDate,
  calendar: WorkCalendar,
  opts: DeadlineStatusOptions = { warnWorkingDays: 3 },
  doneOn?: IsoDate,
): DeadlineState {
  assertDate(due);
  assertDate(today);
  const warn = opts.warnWorkingDays;
  if (!Number.isInteger(warn) || warn < 0)
    throw new RangeError('warnWorkingDays must be a non-negative integer');
  const at = doneOn === undefined ? today : assertDate(doneOn);
  const late = Math.max(0, daysBetween(due, at));
  const remaining = calendar.workingDaysBetween(at, due);
  let status: DeadlineStatus;
  if (doneOn !== undefined) status = late > 0 ? 'done_late' : 'done';
  else if (late > 0) status = 'overdue';
  else if (remaining <= warn) status = 'due_soon';
  else status = 'ok';
  return { status, label: DEADLINE_STATUS_LABELS[status], remainingWorkingDays: remaining, daysLate: late };
}

export interface MinimumPeriodResult {
  met: boolean;
  /** Length actually given, in the limit's unit (calendar or working days; months for 'month'). */
  actual: number;
  required: number;
  unit: Exclude<LimitUnit, 'annual'>;
  /** Chinese explanation for the UI. */
  message: string;
}

export interface MinimumPeriodOptions {
  /**
   * Count `from` itself as day 1 (for windows published as 「自X日起至Y日止」 where both ends are open days).
   * Default false: statutory counting, the start day is not counted.
   */
  includeStartDay?: boolean;
}

const UNIT_WORDS: Readonly<Record<Exclude<LimitUnit, 'annual'>, string>> = {
  working: '个工作日',
  calendar: '日',
  month: '个月',
};

/**
 * Whether an "at least" period (≥30-day 公开征求意见, ≥7-working-day 合法性审查) was respected between
 * `from` (start event) and `to` (end of the period / date of the next step).
 */
export function minimumPeriodMet(
  limit: StatutoryLimit,
  from: IsoDate,
  to: IsoDate,
  calendar: WorkCalendar,
  opts: MinimumPeriodOptions = {},
): MinimumPeriodResult {
  assertDate(from);
  assertDate(to);
  if (limit.unit === 'annual') throw new Error(`limit ${limit.id} is a fixed annual date, not a period`);
  if (daysBetween(from, to) < 0) {
    throw new RangeError(`期间终止日 ${to} 早于起始日 ${from} / end date is before start date`);
  }
  const unit = limit.unit;
  const start = opts.includeStartDay ? addDays(from, -1) : from;
  let actual: number;
  if (unit === 'working') actual = calendar.workingDaysBetween(start, to);
  else if (unit === 'calendar') actual = daysBetween(start, to);
  else {
    actual = 0;
    while (daysBetween(addMonths(start, actual + 1), to) >= 0) actual++;
  }
  const required = limit.days;
  const met = actual >= required;
  const w = UNIT_WORDS[unit];
  const message = met
    ? `${limit.label}：${from} 至 ${to} 共 ${actual}${w}，满足不少于 ${required}${w}的要求`
    : `${limit.label}：${from} 至 ${to} 仅 ${actual}${w}，少于法定最低 ${required}${w}，还差 ${required - actual}${w}`;
  return { met, actual, required, unit, message };
}
