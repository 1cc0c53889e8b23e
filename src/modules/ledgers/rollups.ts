// Keeps the rollups current inside the write transaction: a write subtracts what the old version of
// the record contributed and adds what the new version contributes, per month and per year — in the
// unit's own row (ledger_rollups) and in the subtree total of every node on its path
// (ledger_rollup_totals: each region and each ancestor unit, and the unit itself).

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
  const rows = [...delta]
    .filter(([, value]) => value !== 0)
    .map(([key, value]) => {
      const [measure, period] = key.split('\u0000') as [string, string];
      return { ledger: def.key, measure, period, unit_id: unit.id, unit_path: unit.path, value };
    });
  // One multi-row upsert per 1,000 rows (6 parameters each) rather than one statement per row. The keys
  // are distinct within a call, so no statement touches a row twice (PostgreSQL forbids that).
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('ledger_rollups')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc
          .columns(['ledger', 'measure', 'period', 'unit_id'])
          .doUpdateSet((eb) => ({ value: eb('ledger_rollups.value', '+', eb.ref('excluded.value')) })),
      )
      .execute();
  }
  await addToTotals(
    trx,
    pathNodes(unit.path).flatMap((node) =>
      rows.map((r) => ({ node, period: r.period, ledger: r.ledger, measure: r.measure, value: r.value })),
    ),
  );
}

export interface TotalDelta {
  node: string;
  period: string;
  ledger: string;
  measure: string;
  value: number;
}

/** Adds to the subtree totals (distinct keys within a call), 1,000 rows per upsert. */
export async function addToTotals(trx: Trx, totals: TotalDelta[]): Promise<void> {
  for (let i = 0; i < totals.length; i += 1000) {
    await trx
      .insertInto('ledger_rollup_totals')
      .values(totals.slice(i, i + 1000))
      .onConflict((oc) =>
        oc
          .columns(['node', 'period', 'ledger', 'measure'])
          .doUpdateSet((eb) => ({ value: eb('ledger_rollup_totals.value', '+', eb.ref('excluded.value')) })),
      )
      .execute();
  }
}

/** The nodes whose subtree contains a unit: the region codes and unit ids along its path. */
export function pathNodes(path: string): string[] {
  return path.split('/').filter(Boolean);
}
