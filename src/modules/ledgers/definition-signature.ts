// Start-up work that follows a ledger definition changed by a release (derived fields, measures): a
// signature of the relevant part of the definition is kept in `settings`; when it differs, the work runs
// and the new signature is stored in one transaction, so an interrupted start simply runs it again.
import { type Database, nowIso, type Trx } from '../../db/index.ts';

/** Runs `work` when the stored signature under `key` differs from `signature`; returns its count, else 0. */
export async function whenSignatureChanged(
  database: Database,
  key: string,
  signature: string,
  work: (trx: Trx) => Promise<number>,
): Promise<number> {
  const stored = await database.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  if (stored?.value === signature) return 0;
  return database.db.transaction().execute(async (trx) => {
    const n = await work(trx);
    if (stored)
      await trx
        .updateTable('settings')
        .set({ value: signature, updated_at: nowIso() })
        .where('key', '=', key)
        .execute();
    else
      await trx
        .insertInto('settings')
        .values({ key, value: signature, version: 1, updated_at: nowIso() })
        .execute();
    return n;
  });
}
