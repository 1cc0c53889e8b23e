import { describe, expect, it } from 'vitest';
import { evaluate, indicator, type MeasureRef } from '../indicators/catalog.ts';
import { contributions, type LedgerRecord } from './define.ts';
import { DEMO_LEDGERS, type DemoUnit, demoPlannedDates, generateDemoRecords } from './demo-data.ts';
import { LEDGERS, ledger } from './index.ts';
import { validateRecord } from './validate.ts';

const DEPTS = [
  '示范县公安局',
  '示范县市场监督管理局',
  '示范县交通运输局',
  '示范县自然资源局',
  '示范县生态环境分局',
  '示范县城市管理和综合执法局',
  '示范县农业农村局',
  '示范县应急管理局',
];
const TOWNS = ['城关镇', '河口镇', '长安乡', '白石乡', '东湖街道'];

const UNITS: DemoUnit[] = [
  { id: 'gov', name: '示范县人民政府', type: 'government' },
  { id: 'sfj', name: '示范县司法局', type: 'rule_of_law_office' },
  { id: 'yfzx', name: '中共示范县委全面依法治县委员会办公室', type: 'rule_of_law_office' },
  ...DEPTS.map((name, i) => ({ id: `d${i}`, name, type: 'department' })),
  ...TOWNS.flatMap((name, i) => [
    { id: `t${i}`, name, type: 'township' },
    { id: `j${i}`, name: `${name}司法所`, type: 'justice_office' },
    ...[0, 1, 2, 3].map((v) => ({
      id: `v${i}${v}`,
      name: `${name.slice(0, 2)}第${v + 1}村`,
      type: 'village',
    })),
  ]),
];
const OPTS = { units: UNITS, years: [2022, 2023, 2024], seed: 42 };

describe('demo data', () => {
  it('has a generator for every ledger', () => {
    expect(DEMO_LEDGERS.sort()).toEqual(LEDGERS.map((d) => d.key).sort());
  });

  // The demo county uses the current year and the two before it: every window must give unique keys.
  // … and stops at the demo's today, part-way through the current year.
  const WINDOWS: Array<typeof OPTS & { asOf?: string }> = [
    OPTS,
    ...[2025, 2026, 2027, 2028].map((y) => ({ ...OPTS, years: [y - 2, y - 1, y], seed: 20260101 })),
    ...['2026-01-03', '2026-06-15', '2026-11-26'].map((asOf) => ({
      ...OPTS,
      years: [2024, 2025, 2026],
      seed: 20260101,
      asOf,
    })),
  ];
  it.each(LEDGERS.flatMap((d) => WINDOWS.map((w) => [`${d.key} ${w.years.join('-')}`, d, w] as const)))(
    '%s: records pass validateRecord and have unique natural keys',
    (_k, def, opts) => {
      const rows = generateDemoRecords(def, opts);
      const planned = demoPlannedDates(def.key);
      expect(rows.length).toBeGreaterThan(0);
      const keys = new Set<string>();
      for (const { unitId, record } of rows) {
        // Stored money is in 分; input (API, Excel) is in 元.
        const input: Record<string, unknown> = { ...record };
        for (const [k, fd] of Object.entries(def.fields))
          if (fd.type === 'money' && typeof record[k] === 'number') input[k] = (record[k] as number) / 100;
        const r = validateRecord(def, input);
        if ('errors' in r)
          throw new Error(`${def.key} ${JSON.stringify(record)} → ${JSON.stringify(r.errors)}`);
        expect(r.record).toEqual(record);
        const key = `${unitId}|${def.naturalKey.map((k) => String(record[k])).join('|')}`;
        expect(keys.has(key), key).toBe(false);
        keys.add(key);
        const sortBy = record[def.sortBy];
        expect(typeof sortBy === 'string' && Number(sortBy.slice(0, 4)) >= 2022).toBe(true);
        if (opts.asOf)
          for (const [k, fd] of Object.entries(def.fields))
            if (fd.type === 'date' && typeof record[k] === 'string' && !planned.includes(k))
              expect(record[k] <= opts.asOf, `${def.key}.${k} ${record[k]} > ${opts.asOf}`).toBe(true);
      }
    },
  );

  // As of 2026-12-02: a statistic exists only for a period that is over (2025年, 2026年11月), and its
  // disclosure is not dated after today.
  it('as of 2026-12-02 has statistics only for completed periods', () => {
    const asOf = { ...OPTS, years: [2024, 2025, 2026], seed: 20260101, asOf: '2026-12-02' };
    const annual = generateDemoRecords(ledger('enforcementAnnual'), asOf).map((g) => g.record);
    expect(new Set(annual.map((r) => r.year))).toEqual(new Set(['2024-01-01', '2025-01-01']));
    for (const r of annual) if (r.publishedOn) expect(String(r.publishedOn) <= '2026-12-02').toBe(true);
    const months = new Set(
      generateDemoRecords(ledger('mediationMonthly'), asOf).map((g) => String(g.record.month)),
    );
    expect(months.has('2026-11-01')).toBe(true);
    expect(months.has('2026-12-01')).toBe(false);
    expect(months.size).toBe(12 + 12 + 11);
    // On the first day of a month the month before is complete.
    const jan = generateDemoRecords(ledger('mediationMonthly'), { ...asOf, asOf: '2026-01-01' });
    expect(new Set(jan.map((g) => g.record.month)).has('2025-12-01')).toBe(true);
    expect(jan.some((g) => String(g.record.month) >= '2026-01-01')).toBe(false);
  });

  it('is deterministic in the seed and changes with it', () => {
    const def = ledger('reconsideration');
    expect(generateDemoRecords(def, OPTS)).toEqual(generateDemoRecords(def, OPTS));
    expect(generateDemoRecords(def, { ...OPTS, seed: 43 })).not.toEqual(generateDemoRecords(def, OPTS));
  });

  it('gives ledgers to the right unit types', () => {
    const owners = (key: string) =>
      new Set(generateDemoRecords(ledger(key), OPTS).map((r) => r.unitId.replace(/\d+$/, '')));
    expect(owners('reconsideration')).toEqual(new Set(['sfj']));
    expect(owners('legalAid')).toEqual(new Set(['sfj']));
    expect(owners('notarization')).toEqual(new Set(['sfj']));
    expect(owners('mediationCase')).toEqual(new Set(['j']));
    expect(owners('mediationMonthly')).toEqual(new Set(['t']));
    expect(owners('majorDecision')).toEqual(new Set(['gov']));
    expect(owners('enforcementOfficer')).toEqual(new Set(['d']));
    expect([...owners('modelUnit')].every((u) => u === 'v' || u === 't')).toBe(true);
    expect([...owners('litigation')].every((u) => u === 'gov' || u === 'd')).toBe(true);
  });

  it('produces county-sized yearly figures', () => {
    const sums = (year: number) => {
      const totals = new Map<string, number>();
      for (const def of LEDGERS)
        for (const { record } of generateDemoRecords(def, OPTS))
          for (const c of contributions(def, record))
            if (c.month.startsWith(String(year))) {
              const k = `${def.key}.${c.measure}`;
              totals.set(k, (totals.get(k) ?? 0) + c.value);
            }
      return (refs: MeasureRef[]) =>
        refs.reduce((s, r) => s + (totals.get(`${r.ledger}.${r.measure}`) ?? 0), 0);
    };
    const s = sums(2023);
    const v = (id: string) => evaluate(indicator(id)!, s).value!;
    expect(v('reconsideration.received')).toBeGreaterThanOrEqual(30);
    expect(v('reconsideration.received')).toBeLessThanOrEqual(80);
    expect(v('mediation.cases')).toBeGreaterThan(800);
    expect(v('mediation.successRate')).toBeGreaterThan(0.85);
    expect(v('legalAid.cases')).toBeGreaterThan(300);
    expect(v('notarization.cases')).toBeGreaterThan(700);
    expect(v('litigation.headAppearanceRate')).toBeGreaterThan(0.7);
  });

  it('generates 100k records quickly, scaled', () => {
    // CPU time, not wall time: the test machine is shared and often overloaded.
    const t0 = process.cpuUsage();
    let n = 0;
    const out: Array<{ unitId: string; record: LedgerRecord }[]> = [];
    for (const key of ['mediationCase', 'legalAid', 'notarization', 'publicity']) {
      const rows = generateDemoRecords(ledger(key), { ...OPTS, scale: 15 });
      out.push(rows);
      n += rows.length;
    }
    const used = process.cpuUsage(t0);
    const ms = (used.user + used.system) / 1000;
    expect(n).toBeGreaterThan(100_000);
    expect(ms).toBeLessThan(1500); // ≈0.4 s of CPU here; the bound leaves room for slower machines
  });
});
