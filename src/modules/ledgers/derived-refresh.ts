// Recomputes derived fields (按期审结…) of stored records when what they depend on changes outside the
// record: a region's working-day calendar, or the definition or statute in a new release.
import { sql } from 'kysely';
import { type Database, nowIso, pathUpperBound, type Trx } from '../../db/index.ts';
import { columnOf, ledgerTable } from '../../db/ledger-storage.ts';
import { getLimit } from '../../domain/deadlines/index.ts';
import type { LedgerDef, LedgerRecord } from '../../domain/ledgers/define.ts';
import { hasDerivedFields, withDerived } from '../../domain/ledgers/derived.ts';
import { LEDGERS } from '../../domain/ledgers/index.ts';
import { whenSignatureChanged } from './definition-signature.ts';
import { rulesByPath } from './limit-config.ts';
import { dyn, groupByUnit, recordToRow, rowToRecord } from './records.ts';
import { applyRollupDelta } from './rollups.ts';

const PAGE = 2000;

/**
 * Recomputes the derived fields of the live records under `scopePath` (a region or unit path; null for
 * all) and moves the rollups by the difference, in the caller's transaction. Returns the records changed.
 */
export async function refreshDerived(trx: Trx, def: LedgerDef, scopePath: string | null): Promise<number> {
  const derived = Object.entries(def.fields).filter(([, fd]) => fd.derived);
  if (!derived.length) return 0;
  const rulesOf = rulesByPath(trx);
  const table = sql.table(ledgerTable(def));
  const inScope = scopePath
    ? sql`unit_path >= ${scopePath} and unit_path < ${pathUpperBound(scopePath)}`
    : sql`1 = 1`;
  let changed = 0;
  let lastId = '';
  for (;;) {
    const res = await sql<Record<string, string | number | null>>`
      select * from ${table} where deleted = 0 and ${inScope} and id > ${lastId} order by id limit ${PAGE}`.execute(
      trx,
    );
    const changes: Array<{ unit: { id: string; path: string }; before: LedgerRecord; after: LedgerRecord }> =
      [];
    for (const row of res.rows) {
      const before = rowToRecord(def, row);
      const after = withDerived(def, before, await rulesOf(String(row.unit_path)));
      if (derived.every(([name]) => before[name] === after[name])) continue;
      const values = recordToRow(def, after);
      await dyn(trx)
        .updateTable(ledgerTable(def))
        .set({
          ...Object.fromEntries(derived.map(([name]) => [columnOf(name), values[columnOf(name)] ?? null])),
          version: Number(row.version) + 1,
          updated_at: nowIso(),
        })
        .where('id', '=', String(row.id))
        .execute();
      changes.push({ unit: { id: String(row.unit_id), path: String(row.unit_path) }, before, after });
    }
    for (const e of groupByUnit(changes)) await applyRollupDelta(trx, def, e.unit, e.befores, e.afters);
    changed += changes.length;
    if (res.rows.length < PAGE) return changed;
    lastId = String(res.rows[res.rows.length - 1]!.id);
  }
}

/**
 * After a region's calendar or limits change: recomputes the derived fields of every ledger's records in
 * the region (and their rollups) in the caller's transaction. Returns the records changed.
 */
export async function refreshRegion(trx: Trx, regionCode: string): Promise<number> {
  const region = await trx
    .selectFrom('regions')
    .select('path')
    .where('code', '=', regionCode)
    .executeTakeFirst();
  let changed = 0;
  if (region) for (const def of LEDGERS) changed += await refreshDerived(trx, def, region.path);
  return changed;
}

/** What the stored derived values depend on in the code: the fields, their deadlines and the limits. */
function derivationSignature(def: LedgerDef): string {
  const parts = Object.entries(def.fields)
    .filter(([, fd]) => fd.derived)
    .map(([name, fd]) => {
      const deadlines = fd.derived!.onTime.map((id) => {
        const d = def.deadlines!.find((x) => x.id === id)!;
        return { ...d, limit: getLimit(d.limit) };
      });
      return { name, deadlines };
    });
  return JSON.stringify(parts);
}

/**
 * At start: recompute every ledger whose derivation changed since the values were stored (a new derived
 * field added to existing records, a changed statute). Cheap when nothing changed: one settings read.
 */
export async function refreshChangedDerivations(database: Database): Promise<string[]> {
  const done: string[] = [];
  for (const def of LEDGERS.filter(hasDerivedFields)) {
    const n = await whenSignatureChanged(database, `derived.${def.key}`, derivationSignature(def), (trx) =>
      refreshDerived(trx, def, null),
    );
    // A new database has nothing to recompute: only say so when records changed.
    if (n > 0) done.push(`${def.title}：重新计算派生字段 ${n} 条`);
  }
  return done;
}
