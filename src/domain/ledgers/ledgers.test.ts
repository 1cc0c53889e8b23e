import { describe, expect, it } from 'vitest';
import { STATUTORY_LIMITS } from '../deadlines/statutes.ts';
import { defineLedger, predicateFields } from './define.ts';
import { DICTIONARIES } from './dictionaries.ts';
import { assertUniqueKeys, findLedger, LEDGERS, ledger } from './index.ts';
import { daysToValidityEnd, normativeDoc, validityEnd } from './normative-doc.ts';

const LIMIT_IDS = new Set(STATUTORY_LIMITS.map((l) => l.id));

describe('ledger registry', () => {
  it('lists reconsideration first, has unique keys and finds ledgers by key', () => {
    expect(LEDGERS[0]?.key).toBe('reconsideration');
    expect(() => assertUniqueKeys(LEDGERS)).not.toThrow();
    expect(() => assertUniqueKeys([LEDGERS[0]!, LEDGERS[0]!])).toThrow(/duplicate/);
    expect(ledger('litigation').title).toBe('行政应诉案件');
    expect(() => ledger('nope')).toThrow();
    expect(findLedger('nope')).toBeUndefined();
    expect(LEDGERS.map((d) => d.key)).toEqual(
      expect.arrayContaining([
        'litigation',
        'mediationCase',
        'mediationMonthly',
        'mediationOrg',
        'mediator',
        'legalAid',
        'notarization',
        'legalAdviser',
        'legalityReview',
        'normativeDoc',
        'majorDecision',
        'enforcementBody',
        'enforcementOfficer',
        'enforcementTraining',
        'enforcementAnnual',
        'publicity',
        'modelUnit',
      ]),
    );
  });
});

describe.each(LEDGERS.map((d) => [d.key, d] as const))('ledger %s', (_key, def) => {
  it('passes defineLedger', () => {
    expect(() => defineLedger(def)).not.toThrow();
  });

  it('references existing dictionaries, and dictionary predicates use dictionary values', () => {
    for (const [k, fd] of Object.entries(def.fields)) {
      if (fd.type === 'dict' || fd.type === 'multi')
        expect(DICTIONARIES[fd.dict ?? ''], `${k}`).toBeDefined();
      else expect(fd.dict, k).toBeUndefined();
    }
    const check = (field: string, v: unknown) => {
      const fd = def.fields[field]!;
      if (fd.type === 'dict' && typeof v === 'string')
        expect(DICTIONARIES[fd.dict!], `${field}=${v}`).toContain(v);
      if (fd.type === 'bool') expect(typeof v, field).toBe('boolean');
    };
    for (const ms of Object.values(def.measures)) {
      const walk = (pr: NonNullable<typeof ms.where>): void => {
        if (pr.op === 'and' || pr.op === 'or') pr.of.forEach(walk);
        else if (pr.op === 'not') walk(pr.of);
        else if (pr.op === 'eq') check(pr.field, pr.value);
        else if (pr.op === 'in') for (const v of pr.values) check(pr.field, v);
      };
      if (ms.where) walk(ms.where);
      if (ms.kind === 'sum') expect(['int', 'decimal', 'money']).toContain(def.fields[ms.field!]?.type);
      if (ms.where) expect(predicateFields(ms.where).every((f) => def.fields[f])).toBe(true);
    }
  });

  it('requires its natural key fields and sorts by a date field', () => {
    for (const k of def.naturalKey) expect(def.fields[k]?.required, k).toBe(true);
    expect(def.fields[def.sortBy]?.type).toBe('date');
  });

  it('flags personal data: names, ID numbers and phones', () => {
    for (const [k, fd] of Object.entries(def.fields)) {
      if (/身份证|证件号码/.test(fd.label)) expect(fd.pii, k).toBe('idNumber');
      if (/电话|手机/.test(fd.label)) expect(fd.pii, k).toBe('phone');
      const personal =
        /^(姓名|申请人|原告|受援人|当事人|调解员|承办人|主任|填报人|审查人员|承办公证员)|姓名|法律顾问（|被申请人（/;
      if (personal.test(fd.label) && !/电话|证件|身份证/.test(fd.label) && fd.type === 'text')
        expect(fd.pii, k).toBe('name');
    }
  });

  it('has list and filter columns and Chinese labels', () => {
    const fields = Object.values(def.fields);
    expect(fields.some((f) => f.list)).toBe(true);
    expect(fields.some((f) => f.filter)).toBe(true);
    for (const f of fields) expect(f.label).toMatch(/[\u4e00-\u9fa5]/u);
    expect(Object.keys(def.measures).length).toBeGreaterThan(0);
  });

  it('deadlines reference statutory limits and date fields', () => {
    for (const d of def.deadlines ?? []) {
      expect(LIMIT_IDS.has(d.limit), d.limit).toBe(true);
      expect(def.fields[d.from]?.type, d.from).toBe('date');
      if (d.done) expect(def.fields[d.done]?.type, d.done).toBe('date');
      if (d.extendedFlag) expect(def.fields[d.extendedFlag], d.extendedFlag).toBeDefined();
      if (d.when) for (const f of predicateFields(d.when)) expect(def.fields[f], f).toBeDefined();
    }
  });
});

describe('normative document validity', () => {
  it('computes 5 years (2 for 暂行/试行) from the effective date, inclusive; an entered end wins', () => {
    expect(validityEnd({ effectiveOn: '2024-02-01' })).toBe('2029-01-31');
    expect(validityEnd({ effectiveOn: '2024-02-01', title: '示范县某某暂行办法' })).toBe('2026-01-31');
    expect(validityEnd({ effectiveOn: '2024-02-01', provisional: true })).toBe('2026-01-31');
    expect(validityEnd({ effectiveOn: '2024-02-01', validYears: 3 })).toBe('2027-01-31');
    expect(validityEnd({ effectiveOn: '2024-02-29' })).toBe('2029-02-27');
    expect(validityEnd({ effectiveOn: '2024-02-01', validUntil: '2025-12-31' })).toBe('2025-12-31');
    expect(validityEnd({})).toBeNull();
    expect(validityEnd({ effectiveOn: '2024-02-01' }, { standard: 3, provisional: 1 })).toBe('2027-01-31');
  });

  it('warns how many days are left before validity ends', () => {
    expect(daysToValidityEnd({ effectiveOn: '2024-02-01' }, '2029-01-01')).toBe(30);
    expect(daysToValidityEnd({ effectiveOn: '2024-02-01' }, '2029-02-01')).toBe(-1);
  });

  it('is not a stored field unless entered', () => {
    expect(Object.keys(normativeDoc.fields)).not.toContain('validityEnd');
    expect(normativeDoc.fields.validUntil?.required).toBeFalsy();
  });
});
