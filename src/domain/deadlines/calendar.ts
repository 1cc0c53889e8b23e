/**
 * Working-day calendar and plain date arithmetic on 'YYYY-MM-DD' strings (UTC, no time zones).
 *
 * Counting follows Chinese procedural law:
 *  - 期间开始的日不计算在内 — the day of the triggering event is not counted; day 1 is the next day.
 *  - Working-day periods (e.g. 行政复议法 第八十八条 「三日」「五日」「七日」「十日」) count only working days.
 *  - Calendar-day / month periods whose last day is a rest day end on the first working day after it
 *    (民法典 第二百零三条, 民事诉讼法 第八十五条, applied to 行政诉讼 and 行政复议 by reference).
 */
import holidayFile from './data/cn-holidays.json' with { type: 'json' };

/** A calendar date written 'YYYY-MM-DD'. */
export type IsoDate = string;

export class InvalidDateError extends Error {
  readonly value: unknown;
  constructor(value: unknown, reason?: string) {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    super(
      `无效日期 / invalid date: ${shown}${reason ? ` (${reason})` : ''}; expected a real date as YYYY-MM-DD`,
    );
    this.name = 'InvalidDateError';
    this.value = value;
  }
}

const MS_PER_DAY = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse 'YYYY-MM-DD' into a day number (days since 1970-01-01). Throws InvalidDateError. */
export function toDayNumber(date: IsoDate): number {
  if (typeof date !== 'string') throw new InvalidDateError(date, 'not a string');
  const m = ISO_RE.exec(date);
  if (!m) throw new InvalidDateError(date, 'wrong format');
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12) throw new InvalidDateError(date, 'month out of range');
  if (d < 1 || d > daysInMonth(y, mo)) throw new InvalidDateError(date, 'day out of range');
  return Date.UTC(y, mo - 1, d) / MS_PER_DAY;
}

/** Format a day number (days since 1970-01-01) as 'YYYY-MM-DD'. */
export function fromDayNumber(day: number): IsoDate {
  if (!Number.isInteger(day)) throw new RangeError(`day number must be an integer: ${day}`);
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Today's date in China (UTC+8, no daylight saving). Statutory days are counted in the county's own
 * date: from 16:00 UTC it is already tomorrow there, whatever the server's time zone.
 */
export function chinaToday(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The instant (UTC ISO string) a Beijing-time day begins, or — with `end` — its last millisecond. */
export function chinaDayBoundary(date: IsoDate, end = false): string {
  const start = toDayNumber(date) * MS_PER_DAY - 8 * 3_600_000;
  return new Date(end ? start + MS_PER_DAY - 1 : start).toISOString();
}

export function isValidDate(date: unknown): date is IsoDate {
  try {
    toDayNumber(date as IsoDate);
    return true;
  } catch {
    return false;
  }
}

/** Throws InvalidDateError unless `date` is a real 'YYYY-MM-DD' date; returns it unchanged. */
export function assertDate(date: unknown): IsoDate {
  toDayNumber(date as IsoDate);
  return date as IsoDate;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, month: number): number {
  if (month === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkCount(n: number, name = 'n'): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** Plain calendar arithmetic, any sign, no rest-day rule. */
export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** b − a in calendar days (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * Add n months (any sign). 民法典 第二百零二条: the corresponding day of the final month is the last day;
 * if that month has no such day, the month's last day (2024-01-31 + 1 month = 2024-02-29).
 * No rest-day rule here — see WorkCalendar.addCalendarMonths.
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
  toDayNumber(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/** Holidays (rest days, usually on weekdays) and 调休 working days (usually on weekends). */
export interface CalendarData {
  holidays: readonly IsoDate[];
  workdays: readonly IsoDate[];
}

/** A region's changes to a calendar: add or remove rest days and adjusted working days. */
export interface CalendarOverrides {
  holidays?: readonly IsoDate[];
  workdays?: readonly IsoDate[];
  removeHolidays?: readonly IsoDate[];
  removeWorkdays?: readonly IsoDate[];
}

export interface CalendarMeta {
  version?: string;
  source?: string;
  /** Years for which official holiday data is loaded; outside them only weekends are rest days. */
  coveredYears?: readonly number[];
}

/** Upper bound on a single scan, so that a calendar without working days cannot loop forever. */
const MAX_SCAN_DAYS = 3_660;

export class WorkCalendar {
  private readonly holidaySet: ReadonlySet<number>;
  private readonly workdaySet: ReadonlySet<number>;
  readonly meta: CalendarMeta;

  constructor(data: CalendarData, meta: CalendarMeta = {}) {
    const holidays = new Set<number>();
    const workdays = new Set<number>();
    for (const h of data.holidays) holidays.add(toDayNumber(h));
    for (const w of data.workdays) {
      const day = toDayNumber(w);
      if (holidays.has(day)) {
        throw new Error(
          `日期 ${w} 不能同时是休假日和调休上班日 / ${w} is both a holiday and an adjusted working day`,
        );
      }
      workdays.add(day);
    }
    this.holidaySet = holidays;
    this.workdaySet = workdays;
    this.meta = { ...meta };
  }

  /** The calendar's data, sorted — suitable for storing a region's configuration. */
  toData(): { holidays: IsoDate[]; workdays: IsoDate[] } {
    const sorted = (s: ReadonlySet<number>) => [...s].sort((a, b) => a - b).map(fromDayNumber);
    return { holidays: sorted(this.holidaySet), workdays: sorted(this.workdaySet) };
  }

  /** A new calendar with a region's additions and removals applied (this one is unchanged). */
  withOverrides(o: CalendarOverrides, meta?: CalendarMeta): WorkCalendar {
    const days = (xs: readonly IsoDate[] | undefined) => new Set((xs ?? []).map(toDayNumber));
    const addH = days(o.holidays);
    const addW = days(o.workdays);
    const rmH = days(o.removeHolidays);
    const rmW = days(o.removeWorkdays);
    for (const d of addH) {
      if (addW.has(d)) {
        const iso = fromDayNumber(d);
        throw new Error(
          `日期 ${iso} 不能同时是休假日和调休上班日 / ${iso} is both a holiday and an adjusted working day`,
        );
      }
    }
    // A date added on one side is removed from the other, so an override can flip a day.
    const holidays = [...this.holidaySet, ...addH].filter((d) => !rmH.has(d) && !addW.has(d));
    const workdays = [...this.workdaySet, ...addW].filter((d) => !rmW.has(d) && !addH.has(d));
    return new WorkCalendar(
      {
        holidays: [...new Set(holidays)].map(fromDayNumber),
        workdays: [...new Set(workdays)].map(fromDayNumber),
      },
      meta ?? { ...this.meta, version: `${this.meta.version ?? 'custom'}+region` },
    );
  }

  /** Whether official holiday data covers the date's year (otherwise only weekends count as rest). */
  covers(date: IsoDate): boolean {
    assertDate(date);
    const years = this.meta.coveredYears;
    return years ? years.includes(Number(date.slice(0, 4))) : true;
  }

  isHoliday(date: IsoDate): boolean {
    return this.holidaySet.has(toDayNumber(date));
  }

  isAdjustedWorkday(date: IsoDate): boolean {
    return this.workdaySet.has(toDayNumber(date));
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  isRestDay(date: IsoDate): boolean {
    return !this.isWorkingDay(date);
  }

  private isWorkingDayNumber(day: number): boolean {
    if (this.workdaySet.has(day)) return true;
    if (this.holidaySet.has(day)) return false;
    const dow = (((day + 4) % 7) + 7) % 7;
    return dow !== 0 && dow !== 6;
  }

  /** `date` itself if it is a working day, otherwise the first working day after it. */
  rollForward(date: IsoDate): IsoDate {
    let day = toDayNumber(date);
    for (let i = 0; !this.isWorkingDayNumber(day); i++) {
      if (i > MAX_SCAN_DAYS) throw new Error('calendar has no working day within ten years');
      day++;
    }
    return fromDayNumber(day);
  }

  /**
   * The n-th working day after `date` (the start day itself is never counted). n = 0 returns `date`.
   * 2025-09-30 + 1 working day = 2025-10-09 (国庆 10-01..10-08).
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    checkCount(n);
    let day = toDayNumber(date);
    let left = n;
    let scanned = 0;
    while (left > 0) {
      day++;
      if (this.isWorkingDayNumber(day)) left--;
      else if (++scanned > MAX_SCAN_DAYS) throw new Error('calendar has no working day within ten years');
    }
    return fromDayNumber(day);
  }

  /** The n-th working day before `date` (for "X 日前" notice limits). n = 0 returns `date`. */
  subtractWorkingDays(date: IsoDate, n: number): IsoDate {
    checkCount(n);
    let day = toDayNumber(date);
    let left = n;
    let scanned = 0;
    while (left > 0) {
      day--;
      if (this.isWorkingDayNumber(day)) left--;
      else if (++scanned > MAX_SCAN_DAYS) throw new Error('calendar has no working day within ten years');
    }
    return fromDayNumber(day);
  }

  /**
   * End of an n-calendar-day period starting after `date`; if the last day is a rest day the period ends
   * on the first working day after it (期间届满的最后一日是法定休假日的，以法定休假日结束的次日为期间届满的日期).
   */
  addCalendarDays(date: IsoDate, n: number): IsoDate {
    checkCount(n);
    return this.rollForward(addDays(date, n));
  }

  /** End of an n-month period (民法典 第二百零二条 corresponding day) with the same rest-day rule. */
  addCalendarMonths(date: IsoDate, n: number): IsoDate {
    checkCount(n);
    return this.rollForward(addMonths(date, n));
  }

  /**
   * Working days d with a < d ≤ b (the start day is not counted, the end day is); negative if b < a.
   * workingDaysBetween(d, addWorkingDays(d, n)) === n.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    if (to < from) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (this.isWorkingDayNumber(day)) count++;
    return count;
  }
}

/** Shape of data/cn-holidays.json. */
export interface HolidayFile {
  version: string;
  source: string;
  note?: string;
  years: Record<string, { notice: string; published?: string; holidays: IsoDate[]; workdays: IsoDate[] }>;
}

/** Build a calendar from a holiday file (the shipped one or a region's own copy). */
export function calendarFromFile(file: HolidayFile): WorkCalendar {
  const years = Object.entries(file.years);
  for (const [year, y] of years) {
    for (const d of [...y.holidays, ...y.workdays]) {
      if (!d.startsWith(`${year}-`)) throw new Error(`${d} is listed under year ${year} in the holiday file`);
    }
  }
  return new WorkCalendar(
    { holidays: years.flatMap(([, y]) => y.holidays), workdays: years.flatMap(([, y]) => y.workdays) },
    { version: file.version, source: file.source, coveredYears: years.map(([y]) => Number(y)) },
  );
}

/** The shipped national holiday data (data/cn-holidays.json). */
export const CN_HOLIDAYS: HolidayFile = holidayFile;

let defaultCal: WorkCalendar | undefined;

/** The national calendar built from data/cn-holidays.json (cached; immutable). */
export function defaultCalendar(): WorkCalendar {
  defaultCal ??= calendarFromFile(CN_HOLIDAYS);
  return defaultCal;
}
