// When a release changes what a ledger's measures count (a new measure, another date or condition), the
// stored rollups of existing records no longer match the definition: rebuild that ledger's rollups from
// its live records once at start, as derived fields are recomputed (derived-refresh.ts).
import { sql } from 'kysely';
import type { Database, Trx } from '../../db/index.ts';
import { ledgerTable } from '../../db/ledger-storage.ts';
import type { LedgerDef } from '../../domain/ledgers/define.ts';
import { LEDGERS } from '../../domain/ledgers/index.ts';
import { whenSignatureChanged } from './definition-signature.ts';
import { groupByUnit, rowToRecord } from './records.ts';
import { applyRollupDelta } from './rollups.ts';

const PAGE = 2000;

const measureSignature = (def: LedgerDef) => JSON.stringify(def.measures);

/** Replaces every rollup of one ledger by the contributions of its live records, in the caller's transaction. */
export async function rebuildRollups(trx: Trx, def: LedgerDef): Promise<number> {
  await trx.deleteFrom('ledger_rollups').where('ledger', '=', def.key).execute();
  await trx.deleteFrom('ledger_rollup_totals').where('ledger', '=', def.key).execute();
  let count = 0;
  let lastId = '';
  for (;;) {
    const res = await sql<Record<string, string | number | null>>`
      select * from ${sql.table(ledgerTable(def))} where deleted = 0 and id > ${lastId} order by id limit ${PAGE}`.execute(
      trx,
    );
    const items = res.rows.map((row) => ({
      unit: { id: String(row.unit_id), path: String(row.unit_path) },
      after: rowToRecord(def, row),
    }));
    for (const e of groupByUnit(items)) await applyRollupDelta(trx, def, e.unit, null, e.afters);
    count += res.rows.length;
    if (res.rows.length < PAGE) return count;
    lastId = String(res.rows[res.rows.length - 1]!.id);
  }
}

/** At start: rebuild the rollups of every ledger whose measures changed since they were stored. */
export async function rebuildChangedRollups(database: Database): Promise<string[]> {
  const done: string[] = [];
  for (const def of LEDGERS) {
    const n = await whenSignatureChanged(database, `measures.${def.key}`, measureSignature(def), (trx) =>
      rebuildRollups(trx, def),
    );
    if (n > 0) done.push(`${def.title}：指标项定义有变化，已按 ${n} 条记录重建汇总`);
  }
  return done;
}
