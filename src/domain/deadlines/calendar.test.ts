import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  CN_HOLIDAYS,
  calendarFromFile,
  chinaDayBoundary,
  chinaToday,
  dayOfWeek,
  defaultCalendar,
  fromDayNumber,
  InvalidDateError,
  isValidDate,
  toDayNumber,
  WorkCalendar,
} from './calendar.ts';

const cal = defaultCalendar();

describe('date parsing', () => {
  it('accepts real dates, including 29 February in leap years', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(fromDayNumber(toDayNumber('2025-10-01'))).toBe('2025-10-01');
  });

  it.each(['2025-02-30', 'abc', '2025-2-3', '2025-13-01', '2023-02-29', '', '2025-10-01T00:00'])(
    'refuses %j with a clear error',
    (bad) => {
      expect(() => toDayNumber(bad)).toThrow(InvalidDateError);
      expect(() => cal.isWorkingDay(bad)).toThrow(/invalid date/);
      expect(() => cal.addWorkingDays(bad, 1)).toThrow(/无效日期/);
    },
  );

  it('names the bad value in the message', () => {
    expect(() => cal.addCalendarDays('2025-02-30', 1)).toThrow('"2025-02-30"');
  });

  it('refuses negative or fractional counts', () => {
    expect(() => cal.addWorkingDays('2025-03-03', -1)).toThrow(RangeError);
    expect(() => cal.addCalendarDays('2025-03-03', 1.5)).toThrow(RangeError);
  });
});

describe('plain date arithmetic', () => {
  it('computes weekdays', () => {
    expect(dayOfWeek('2025-10-01')).toBe(3);
    expect(dayOfWeek('1969-12-28')).toBe(0);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('adds months with the 民法典 month-end rule', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-03-15', -3)).toBe('2024-12-15');
    expect(addMonths('2024-02-01', 60)).toBe('2029-02-01');
  });
});

describe('working days', () => {
  it('treats weekends as rest days and weekdays as working days', () => {
    expect(cal.isWorkingDay('2025-03-07')).toBe(true); // Friday
    expect(cal.isWorkingDay('2025-03-08')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2025-03-09')).toBe(false); // Sunday
    expect(cal.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
    expect(cal.addWorkingDays('2025-03-08', 1)).toBe('2025-03-10');
    expect(cal.addWorkingDays('2025-03-07', 0)).toBe('2025-03-07');
  });

  it('knows the 2025 国庆/中秋 run and its 调休 working days', () => {
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) {
      expect(cal.isWorkingDay(d), d).toBe(false);
      expect(cal.isHoliday(d)).toBe(true);
    }
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday, 调休上班
    expect(cal.isAdjustedWorkday('2025-09-28')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2025-10-12')).toBe(false);
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-26', 7)).toBe('2025-10-13');
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-13')).toBe(7);
  });

  it('counts working days across 春节 2025 and 2026', () => {
    // 2025: 1-28..2-04 off; 1-26 (Sun) and 2-08 (Sat) are working days.
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-07')).toBe(5);
    expect(cal.addWorkingDays('2025-01-27', 1)).toBe('2025-02-05');
    expect(cal.addWorkingDays('2025-01-24', 7)).toBe('2025-02-10');
    // 2026: 2-15..2-23 off; 2-14 (Sat) and 2-28 (Sat) are working days.
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('counts working days backwards', () => {
    expect(cal.subtractWorkingDays('2025-10-13', 5)).toBe('2025-09-29');
    expect(cal.subtractWorkingDays('2025-03-10', 1)).toBe('2025-03-07');
  });

  it('is antisymmetric and zero on the same day', () => {
    expect(cal.workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
    expect(cal.workingDaysBetween('2025-03-10', '2025-03-03')).toBe(-5);
  });
});

describe('calendar-day periods', () => {
  it('ends on the next working day when the last day is a holiday', () => {
    // 2025-09-16 + 15 days = 10-01 (国庆) → 10-09.
    expect(cal.addCalendarDays('2025-09-16', 15)).toBe('2025-10-09');
  });

  it('ends on Monday when the last day is a weekend', () => {
    expect(cal.addCalendarDays('2025-03-07', 15)).toBe('2025-03-24');
  });

  it('does not extend when the last day is an adjusted working day', () => {
    expect(cal.addCalendarDays('2025-09-13', 15)).toBe('2025-09-28');
  });

  it('applies the rule to month periods too', () => {
    expect(cal.addCalendarMonths('2025-04-01', 6)).toBe('2025-10-09');
    expect(cal.addCalendarMonths('2025-03-31', 6)).toBe('2025-09-30');
  });
});

describe('calendar data and overrides', () => {
  it('ships 2024–2026 official data whose rest days net out to the statutory holiday count', () => {
    const expected: Record<string, number> = { '2024': 11, '2025': 13, '2026': 13 };
    expect(Object.keys(CN_HOLIDAYS.years).sort()).toEqual(['2024', '2025', '2026']);
    for (const [year, y] of Object.entries(CN_HOLIDAYS.years)) {
      const weekdayHolidays = y.holidays.filter((d) => ![0, 6].includes(dayOfWeek(d))).length;
      for (const w of y.workdays) expect([0, 6], w).toContain(dayOfWeek(w));
      expect(weekdayHolidays - y.workdays.length, year).toBe(expected[year]);
    }
    expect(CN_HOLIDAYS.version).toBeTruthy();
    expect(CN_HOLIDAYS.source).toMatch(/国务院办公厅/);
  });

  it('reports which years are covered', () => {
    expect(cal.covers('2025-06-01')).toBe(true);
    expect(cal.covers('2027-06-01')).toBe(false);
  });

  it('lets a region add and remove rest days and adjusted working days without changing the original', () => {
    const region = cal.withOverrides({
      holidays: ['2025-04-01'], // e.g. a local festival
      workdays: ['2025-03-08'],
      removeWorkdays: ['2025-10-11'],
    });
    expect(region.isWorkingDay('2025-04-01')).toBe(false);
    expect(region.isWorkingDay('2025-03-08')).toBe(true);
    expect(region.isWorkingDay('2025-10-11')).toBe(false);
    expect(region.addWorkingDays('2025-03-31', 1)).toBe('2025-04-02');
    expect(cal.isWorkingDay('2025-04-01')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
    // a day can be flipped from holiday to working day
    expect(cal.withOverrides({ workdays: ['2025-10-08'] }).isWorkingDay('2025-10-08')).toBe(true);
    expect(() => cal.withOverrides({ holidays: ['2025-05-06'], workdays: ['2025-05-06'] })).toThrow(/同时/);
  });

  it('round-trips through toData and refuses contradictory or invalid data', () => {
    const small = new WorkCalendar({ holidays: ['2025-10-01'], workdays: ['2025-10-11'] });
    expect(small.toData()).toEqual({ holidays: ['2025-10-01'], workdays: ['2025-10-11'] });
    expect(() => new WorkCalendar({ holidays: ['2025-10-01'], workdays: ['2025-10-01'] })).toThrow(/同时/);
    expect(() => new WorkCalendar({ holidays: ['2025-02-30'], workdays: [] })).toThrow(InvalidDateError);
    expect(() =>
      calendarFromFile({
        version: 'x',
        source: 'x',
        years: { '2025': { notice: '', holidays: ['2024-10-01'], workdays: [] } },
      }),
    ).toThrow(/year 2025/);
  });

  it('falls back to plain weekends outside the data', () => {
    expect(cal.isWorkingDay('2027-10-01')).toBe(true); // Friday, no data for 2027 yet
    expect(cal.isWorkingDay('2027-10-02')).toBe(false);
  });
});

describe('properties', () => {
  const start = toDayNumber('2023-06-01');
  const end = toDayNumber('2027-06-30');
  const anyDate = fc.integer({ min: start, max: end }).map(fromDayNumber);

  it('addWorkingDays lands on a working day and workingDaysBetween inverts it', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 400 }), (d, n) => {
        const r = cal.addWorkingDays(d, n);
        expect(cal.isWorkingDay(r)).toBe(true);
        expect(cal.workingDaysBetween(d, r)).toBe(n);
        expect(cal.subtractWorkingDays(r, n) <= d).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('calendar periods always end on a working day no earlier than the plain end', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 400 }), (d, n) => {
        const r = cal.addCalendarDays(d, n);
        expect(cal.isWorkingDay(r)).toBe(true);
        expect(r >= addDays(d, n)).toBe(true);
        expect(cal.workingDaysBetween(addDays(d, n), r)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('chinaToday', () => {
  it('is the date in China, a day ahead of UTC from 16:00 UTC', () => {
    expect(chinaToday(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(chinaToday(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
    expect(chinaToday(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });
  it('gives the instants a Beijing day begins and ends', () => {
    expect(chinaDayBoundary('2026-11-26')).toBe('2026-11-25T16:00:00.000Z');
    expect(chinaDayBoundary('2026-11-26', true)).toBe('2026-11-26T15:59:59.999Z');
    expect(() => chinaDayBoundary('2026-02-30')).toThrow();
  });
});
