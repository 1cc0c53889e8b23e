// Views of personal data in clear, audited once per user session and object with a running count.
//
// The first view of a ledger list (or of one record, or the first search by personal data) in a session
// appends one record to the audit chain; the chain is append-only, so later views of the same kind in
// the same session only add one to a counter kept outside it, in the `settings` row named after the
// session tag and the object. The audit log reads the count beside the record. A count can therefore be
// lowered by someone with write access to the database without breaking the chain — the fact of the
// first view cannot.
import { createHash } from 'node:crypto';
import type { Database, Db } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import { type Actor, appendAudit } from './service.ts';

/** Actions whose records stand for every such view in one session. */
export const TALLIED_ACTIONS = ['ledger.pii.list', 'ledger.pii.view', 'ledger.pii.search'] as const;
export type TalliedAction = (typeof TALLIED_ACTIONS)[number];

export function isTallied(action: string): action is TalliedAction {
  return (TALLIED_ACTIONS as readonly string[]).includes(action);
}

/** A short tag for the session in the audit record: names one session, reveals nothing of its token. */
export function sessionTag(sessionId: string): string {
  return createHash('sha256').update(`audit-view:${sessionId}`).digest('hex').slice(0, 16);
}

function tallyKey(tag: string, action: string, entityType: string, entityId: string | null): string {
  return `audit.tally:${tag}:${action}:${entityType}:${entityId ?? ''}`;
}

export async function tallyView(
  database: Database,
  actor: Actor,
  sessionId: string,
  view: { action: TalliedAction; entityType: string; entityId?: string; details?: Record<string, unknown> },
): Promise<void> {
  const tag = sessionTag(sessionId);
  const key = tallyKey(tag, view.action, view.entityType, view.entityId ?? null);
  await database.db.transaction().execute(async (trx) => {
    const now = nowIso();
    // The key is the primary key: of two first views at once, one inserts and the other counts.
    const inserted = await trx
      .insertInto('settings')
      .values({ key, value: '{}', version: 1, updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
      await appendAudit(trx, database, actor, {
        action: view.action,
        entityType: view.entityType,
        ...(view.entityId ? { entityId: view.entityId } : {}),
        details: { ...view.details, session: tag },
      });
      return;
    }
    await trx
      .updateTable('settings')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
      .where('key', '=', key)
      .execute();
  });
}

/** The running counts of tallied audit records, by audit record id. */
export async function tallies(
  db: Db,
  rows: Array<{
    id: string;
    action: string;
    entityType: string | null;
    entityId: string | null;
    changes: unknown;
  }>,
): Promise<Map<string, number>> {
  const keyOf = new Map<string, string>();
  for (const r of rows) {
    if (!isTallied(r.action) || !r.entityType || !r.changes || typeof r.changes !== 'object') continue;
    const tag = (r.changes as { session?: unknown }).session;
    if (typeof tag === 'string') keyOf.set(tallyKey(tag, r.action, r.entityType, r.entityId), r.id);
  }
  const out = new Map<string, number>();
  if (keyOf.size === 0) return out;
  const found = await db
    .selectFrom('settings')
    .select(['key', 'version'])
    .where('key', 'in', [...keyOf.keys()])
    .execute();
  for (const f of found) out.set(keyOf.get(f.key)!, Number(f.version));
  return out;
}
