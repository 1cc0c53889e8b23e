// When a unit moves to another parent, the records and rollups below it carry the old path: their copy
// of the path is rewritten, and the subtree's figures leave the totals of the ancestors it left and join
// those of the ancestors it joined. Runs in the caller's transaction, with the move itself.
import { sql } from 'kysely';
import { pathUpperBound, type Trx } from '../../db/index.ts';
import { ledgerTable } from '../../db/ledger-storage.ts';
import { LEDGERS } from '../../domain/ledgers/index.ts';
import { addToTotals, pathNodes } from './rollups.ts';

/** A path prefix replaced in one column of one table, for the rows under the old prefix. */
async function rewritePrefix(trx: Trx, table: string, column: string, from: string, to: string) {
  const col = sql.ref(column);
  await sql`update ${sql.table(table)} set ${col} = cast(${to} as text) || substr(${col}, ${from.length + 1})
    where ${col} >= ${from} and ${col} < ${pathUpperBound(from)}`.execute(trx);
}

/**
 * Moves what lies under `from` (a unit's old path) to `to` (its new path). The parents' paths say which
 * totals change: nodes on the old parent's path only lose the subtree's figures, nodes on the new one
 * only gain them; the subtree's own nodes and shared ancestors (the region) keep theirs.
 */
export async function moveLedgerPaths(
  trx: Trx,
  move: { from: string; to: string; fromParent: string; toParent: string },
): Promise<void> {
  for (const def of LEDGERS) await rewritePrefix(trx, ledgerTable(def), 'unit_path', move.from, move.to);
  await rewritePrefix(trx, 'ledger_rollups', 'unit_path', move.from, move.to);

  const oldNodes = pathNodes(move.fromParent);
  const newNodes = pathNodes(move.toParent);
  const left = oldNodes.filter((n) => !newNodes.includes(n));
  const joined = newNodes.filter((n) => !oldNodes.includes(n));
  if (!left.length && !joined.length) return;
  const sums = await trx
    .selectFrom('ledger_rollups')
    .select(['period', 'ledger', 'measure', (eb) => eb.fn.sum<string | number>('value').as('value')])
    .where('unit_path', '>=', move.to)
    .where('unit_path', '<', pathUpperBound(move.to))
    .groupBy(['period', 'ledger', 'measure'])
    .execute();
  const moved = sums
    .map((s) => ({ period: s.period, ledger: s.ledger, measure: s.measure, value: Number(s.value) }))
    .filter((s) => s.value !== 0);
  await addToTotals(trx, [
    ...left.flatMap((node) => moved.map((s) => ({ ...s, node, value: -s.value }))),
    ...joined.flatMap((node) => moved.map((s) => ({ ...s, node }))),
  ]);
}
