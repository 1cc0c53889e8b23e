import { describe, expect, it } from 'vitest';
import {
  configureLimits,
  DEADLINE_STATUS_LABELS,
  deadlineStatus,
  defaultCalendar,
  dueDate,
  getLimit,
  InvalidDateError,
  minimumPeriodMet,
  STATUTORY_LIMITS,
} from './index.ts';

const cal = defaultCalendar();
const warn = { warnWorkingDays: 3 };

describe('statutory table', () => {
  it('has unique ids, Chinese labels and valid units', () => {
    const ids = STATUTORY_LIMITS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of STATUTORY_LIMITS) {
      expect(l.label).toMatch(/[\u4e00-\u9fff]/);
      expect(l.law).toMatch(/[\u4e00-\u9fff]/);
      expect(['working', 'calendar', 'month', 'annual']).toContain(l.unit);
    }
  });

  it('counts the 行政复议 3/5/7/10-day limits in working days and the longer ones in calendar days', () => {
    for (const l of STATUTORY_LIMITS.filter((x) => x.domain === 'reconsideration')) {
      if ([3, 5, 7, 10].includes(l.days)) expect(l.unit, l.id).toBe('working');
      else expect(l.unit, l.id).toBe('calendar');
    }
  });

  it('covers the limits the ledgers need', () => {
    for (const id of [
      'reconsideration.acceptance_review',
      'reconsideration.correction_notice',
      'reconsideration.correction_period',
      'reconsideration.copy_to_respondent',
      'reconsideration.answer',
      'reconsideration.decision',
      'reconsideration.simple_decision',
      'reconsideration.simple_copy',
      'reconsideration.simple_answer',
      'reconsideration.hearing_notice',
      'reconsideration.opinion_report',
      'litigation.defence',
      'litigation.first_instance',
      'litigation.simple_first_instance',
      'litigation.appeal_judgment',
      'litigation.appeal_ruling',
      'legal_aid.review',
      'legal_aid.assign',
      'penalty.decision',
      'penalty.withdraw_published',
      'normative_document.effective',
      'normative_document.validity',
      'normative_document.validity_provisional',
      'normative_document.filing',
      'major_decision.public_comment',
      'major_decision.legality_review',
      'enforcement.annual_data',
    ]) {
      expect(() => getLimit(id)).not.toThrow();
    }
    expect(() => getLimit('nope')).toThrow(/unknown statutory limit/);
  });

  it('lets a region configure limits and refuses unknown ids', () => {
    const local = configureLimits({ 'normative_document.filing': { days: 30 } });
    expect(getLimit('normative_document.filing', local).days).toBe(30);
    expect(getLimit('normative_document.filing').days).toBe(15);
    expect(() => configureLimits({ 'no.such': { days: 1 } })).toThrow(/unknown/);
    expect(() => configureLimits({ 'penalty.decision': { days: -1 } })).toThrow(/non-negative/);
  });
});

describe('dueDate', () => {
  it('counts 行政复议 acceptance review in working days across 国庆', () => {
    expect(dueDate(getLimit('reconsideration.acceptance_review'), '2025-09-29', cal)).toBe('2025-10-13');
  });

  it('counts 法律援助 review and assignment in working days', () => {
    expect(dueDate(getLimit('legal_aid.review'), '2025-01-24', cal)).toBe('2025-02-10');
    expect(dueDate(getLimit('legal_aid.assign'), '2025-03-07', cal)).toBe('2025-03-12');
  });

  it('extends a calendar-day limit ending on a holiday to the next working day', () => {
    expect(dueDate(getLimit('litigation.defence'), '2025-09-16', cal)).toBe('2025-10-09');
    expect(dueDate(getLimit('litigation.appeal_ruling'), '2025-09-21', cal)).toBe('2025-10-09');
    expect(dueDate(getLimit('penalty.decision'), '2025-01-02', cal)).toBe('2025-04-02');
  });

  it('applies the +30 extension of the ordinary 行政复议 decision', () => {
    const l = getLimit('reconsideration.decision');
    expect(dueDate(l, '2025-07-03', cal)).toBe('2025-09-01');
    expect(dueDate(l, '2025-07-03', cal, { extended: true })).toBe('2025-10-09'); // day 90 = 10-01
    expect(dueDate(l, '2025-01-02', cal, { extended: true })).toBe('2025-04-02');
    expect(() =>
      dueDate(getLimit('reconsideration.simple_decision'), '2025-07-03', cal, { extended: true }),
    ).toThrow(/不可延长/);
  });

  it('counts months for first-instance trials', () => {
    expect(dueDate(getLimit('litigation.first_instance'), '2024-08-31', cal)).toBe('2025-02-28');
    expect(dueDate(getLimit('litigation.first_instance'), '2025-04-01', cal)).toBe('2025-10-09');
  });

  it('counts the hearing notice backwards from the hearing', () => {
    expect(dueDate(getLimit('reconsideration.hearing_notice'), '2025-10-13', cal)).toBe('2025-09-29');
  });

  it('computes normative-document effective date and validity without the rest-day rule', () => {
    expect(dueDate(getLimit('normative_document.effective'), '2025-01-02', cal)).toBe('2025-02-01'); // Saturday
    expect(dueDate(getLimit('normative_document.validity'), '2024-02-01', cal)).toBe('2029-01-31');
    expect(dueDate(getLimit('normative_document.validity_provisional'), '2024-03-01', cal)).toBe(
      '2026-02-28',
    );
    expect(dueDate(getLimit('normative_document.filing'), '2025-09-16', cal)).toBe('2025-10-09');
  });

  it('gives fixed annual dates in the following year', () => {
    expect(dueDate(getLimit('enforcement.annual_data'), '2025-06-30', cal)).toBe('2026-01-31');
    expect(dueDate(getLimit('annual_report.submit'), '2025-01-01', cal)).toBe('2026-03-01');
  });

  it('refuses invalid start dates', () => {
    const l = getLimit('litigation.defence');
    expect(() => dueDate(l, '2025-02-30', cal)).toThrow(InvalidDateError);
    expect(() => dueDate(l, 'abc', cal)).toThrow(/invalid date: "abc"/);
  });
});

describe('deadlineStatus', () => {
  it('opens the 临期 window three working days ahead, skipping the weekend', () => {
    const due = '2025-03-11'; // Tuesday
    expect(deadlineStatus(due, '2025-03-05', cal, warn)).toMatchObject({
      status: 'ok',
      remainingWorkingDays: 4,
    });
    expect(deadlineStatus(due, '2025-03-06', cal, warn)).toMatchObject({
      status: 'due_soon',
      label: '临期',
      remainingWorkingDays: 3,
    });
    expect(deadlineStatus(due, '2025-03-08', cal, warn)).toMatchObject({
      status: 'due_soon',
      remainingWorkingDays: 2,
    });
    expect(deadlineStatus(due, due, cal, warn)).toMatchObject({
      status: 'due_soon',
      remainingWorkingDays: 0,
    });
    expect(deadlineStatus(due, '2025-03-05', cal, { warnWorkingDays: 4 }).status).toBe('due_soon');
  });

  it('does not count a holiday run as remaining time', () => {
    // due 10-09 (first day after 国庆): on 09-29 only 09-30 and 10-09 remain.
    expect(deadlineStatus('2025-10-09', '2025-09-29', cal, warn)).toMatchObject({
      status: 'due_soon',
      remainingWorkingDays: 2,
    });
  });

  it('marks records past their due date as 超期', () => {
    expect(deadlineStatus('2025-03-07', '2025-03-10', cal, warn)).toEqual({
      status: 'overdue',
      label: '超期',
      remainingWorkingDays: -1,
      daysLate: 3,
    });
    expect(deadlineStatus('2025-03-07', '2025-03-08', cal).status).toBe('overdue');
  });

  it('distinguishes done on time from done late', () => {
    expect(deadlineStatus('2025-03-07', '2025-03-20', cal, warn, '2025-03-07')).toMatchObject({
      status: 'done',
      label: '已办结',
      daysLate: 0,
    });
    expect(deadlineStatus('2025-03-07', '2025-03-20', cal, warn, '2025-03-10')).toMatchObject({
      status: 'done_late',
      label: '逾期办结',
      daysLate: 3,
    });
    expect(DEADLINE_STATUS_LABELS.ok).toBe('正常');
  });

  it('refuses invalid dates', () => {
    expect(() => deadlineStatus('2025-02-30', '2025-03-01', cal)).toThrow(InvalidDateError);
    expect(() => deadlineStatus('2025-03-01', 'abc', cal)).toThrow(InvalidDateError);
    expect(() => deadlineStatus('2025-03-01', '2025-03-01', cal, warn, '2025-13-01')).toThrow(
      InvalidDateError,
    );
  });
});

describe('minimumPeriodMet', () => {
  const comment = getLimit('major_decision.public_comment');
  const review = getLimit('major_decision.legality_review');

  it('accepts a 30-day comment period', () => {
    const r = minimumPeriodMet(comment, '2025-03-01', '2025-03-31', cal);
    expect(r).toMatchObject({ met: true, actual: 30, required: 30, unit: 'calendar' });
    expect(r.message).toContain('满足不少于 30日');
  });

  it('rejects a 29-day comment period, unless the start day is itself an open day', () => {
    const r = minimumPeriodMet(comment, '2025-03-01', '2025-03-30', cal);
    expect(r).toMatchObject({ met: false, actual: 29, required: 30 });
    expect(r.message).toContain('少于法定最低 30日');
    expect(minimumPeriodMet(comment, '2025-03-01', '2025-03-30', cal, { includeStartDay: true }).met).toBe(
      true,
    );
  });

  it('counts the legality review in working days across 国庆', () => {
    const short = minimumPeriodMet(review, '2025-09-26', '2025-10-10', cal);
    expect(short).toMatchObject({ met: false, actual: 5, required: 7, unit: 'working' });
    expect(short.message).toContain('还差 2个工作日');
    expect(minimumPeriodMet(review, '2025-09-26', '2025-10-14', cal)).toMatchObject({ met: true, actual: 8 });
  });

  it('agrees with dueDate for minimum limits', () => {
    const earliest = dueDate(review, '2025-09-26', cal);
    expect(earliest).toBe('2025-10-13');
    expect(minimumPeriodMet(review, '2025-09-26', earliest, cal).met).toBe(true);
    expect(minimumPeriodMet(comment, '2025-01-02', dueDate(comment, '2025-01-02', cal), cal).met).toBe(true);
  });

  it('refuses invalid or reversed dates', () => {
    expect(() => minimumPeriodMet(comment, '2025-02-30', '2025-03-31', cal)).toThrow(InvalidDateError);
    expect(() => minimumPeriodMet(comment, '2025-03-31', '2025-03-01', cal)).toThrow(/早于/);
  });
});
