import { describe, expect, it } from 'vitest';
import { deadlineRules, defaultCalendar } from '../deadlines/index.ts';
import { doneOnTime, withDerived } from './derived.ts';
import { reconsideration } from './reconsideration.ts';

const cal = deadlineRules(defaultCalendar());
const ids = ['simpleDecision', 'decision'];
const base = { caseNo: 'x', acceptedOn: '2025-03-03', procedure: '普通程序', extended: false };

describe('按期审结 (derived from the decision deadline)', () => {
  it('is on time up to the 60th day after acceptance and late after it', () => {
    // 60 days from 03-03 is 05-02, a holiday (劳动节 05-01–05-05): the period ends on 05-06.
    expect(doneOnTime(reconsideration, ids, { ...base, decidedOn: '2025-05-06' }, cal)).toBe(true);
    expect(doneOnTime(reconsideration, ids, { ...base, decidedOn: '2025-05-07' }, cal)).toBe(false);
  });

  it('adds the approved 30 days of an extension', () => {
    expect(doneOnTime(reconsideration, ids, { ...base, decidedOn: '2025-05-20' }, cal)).toBe(false);
    expect(doneOnTime(reconsideration, ids, { ...base, extended: true, decidedOn: '2025-05-20' }, cal)).toBe(
      true,
    );
  });

  it('gives the simple procedure 30 days, and 简易转普通 the ordinary period from acceptance', () => {
    const simple = { ...base, procedure: '简易程序' };
    expect(doneOnTime(reconsideration, ids, { ...simple, decidedOn: '2025-04-02' }, cal)).toBe(true);
    expect(doneOnTime(reconsideration, ids, { ...simple, decidedOn: '2025-04-08' }, cal)).toBe(false);
    const converted = { ...base, procedure: '简易转普通' };
    expect(doneOnTime(reconsideration, ids, { ...converted, decidedOn: '2025-04-08' }, cal)).toBe(true);
  });

  it('is empty while the case is open or has no acceptance date', () => {
    expect(doneOnTime(reconsideration, ids, { ...base, decidedOn: null }, cal)).toBeNull();
    expect(
      doneOnTime(reconsideration, ids, { ...base, acceptedOn: null, decidedOn: '2025-04-01' }, cal),
    ).toBeNull();
  });

  it('follows the region calendar: a local holiday on the due date moves it', () => {
    const r = { ...base, acceptedOn: '2025-06-02', decidedOn: '2025-08-04' }; // due 08-01 (Friday)
    expect(doneOnTime(reconsideration, ids, r, cal)).toBe(false);
    const local = deadlineRules(defaultCalendar().withOverrides({ holidays: ['2025-08-01'] }));
    expect(doneOnTime(reconsideration, ids, r, local)).toBe(true);
  });

  it('fills the field on the record and ignores what was sent for it', () => {
    const out = withDerived(reconsideration, { ...base, decidedOn: '2025-05-07', decidedOnTime: true }, cal);
    expect(out.decidedOnTime).toBe(false);
  });
});
