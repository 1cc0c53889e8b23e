// Keeps ledger_rollups current inside the write transaction: a write subtracts what the old version
// of the record contributed and adds what the new version contributes, per month and per year.

import type { Trx } from '../../db/index.ts';
import { contributions, type LedgerDef, type LedgerRecord } from '../../domain/ledgers/define.ts';

export async function applyRollupDelta(
  trx: Trx,
  def: LedgerDef,
  unit: { id: string; path: string },
  before: LedgerRecord | LedgerRecord[] | null,
  after: LedgerRecord | LedgerRecord[] | null,
): Promise<void> {
  const delta = new Map<string, number>();
  const add = (records: LedgerRecord | LedgerRecord[] | null, sign: number) => {
    for (const c of [records ?? []].flat().flatMap((r) => contributions(def, r))) {
      for (const period of [c.month, c.month.slice(0, 4)]) {
        const key = `${c.measure}\u0000${period}`;
        delta.set(key, (delta.get(key) ?? 0) + sign * c.value);
      }
    }
  };
  add(before, -1);
  add(after, 1);
  for (const [key, value] of delta) {
    if (value === 0) continue;
    const [measure, period] = key.split('\u0000') as [string, string];
    await trx
      .insertInto('ledger_rollups')
      .values({ ledger: def.key, measure, period, unit_id: unit.id, unit_path: unit.path, value })
      .onConflict((oc) =>
        oc
          .columns(['ledger', 'measure', 'period', 'unit_id'])
          .doUpdateSet((eb) => ({ value: eb('ledger_rollups.value', '+', eb.ref('excluded.value')) })),
      )
      .execute();
  }
}
