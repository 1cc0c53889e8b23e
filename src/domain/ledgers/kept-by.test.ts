import { describe, expect, it } from 'vitest';
import { UNIT_TYPES } from '../org/unit-types.ts';
import { type DemoUnit, generateDemoRecords } from './demo-data.ts';
import { LEDGERS } from './index.ts';
import { keepsLedger, notKeptMessage } from './kept-by.ts';

// One unit of every type, with the names the demo generator tells apart (司法局 vs 依法治县办).
const UNITS: DemoUnit[] = [
  ...Object.keys(UNIT_TYPES).map((type) => ({ id: type, name: `示范县${type}`, type })),
  { id: 'justice', name: '示范县司法局', type: 'rule_of_law_office' },
];

describe('台账由哪些单位填报', () => {
  it.each(LEDGERS.map((d) => [d.title, d] as const))('演示数据只在填报%s的单位中生成', (_t, def) => {
    const records = generateDemoRecords(def, { units: UNITS, years: [2025], seed: 7 });
    const types = new Set(records.map((r) => UNITS.find((u) => u.id === r.unitId)!.type));
    for (const type of types) expect(keepsLedger(def, type), `${def.key} in ${type}`).toBe(true);
  });

  it('a township keeps no 行政复议, and is told who does', () => {
    const def = LEDGERS.find((d) => d.key === 'reconsideration')!;
    expect(keepsLedger(def, 'township')).toBe(false);
    expect(notKeptMessage(def, '城关镇')).toBe(
      '「行政复议案件」台账由政府、依法治县办/司法局填报，城关镇不填报此台账，不能在该单位新增记录',
    );
  });
});
