// The audit log as people read it: the ledger's Chinese title and the record's natural key for the
// object, Chinese labels for the changed fields, and the running count of tallied views. All added at
// read time, so the stored rows and their MACs stay as they were written.
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { ledgerTable } from '../../db/ledger-storage.ts';
import type { LedgerDef } from '../../domain/ledgers/define.ts';
import { findLedger } from '../../domain/ledgers/index.ts';
import { presentRecord, type Row, rowToRecord } from '../ledgers/records.ts';
import { type AuditQuery, listAudit } from './service.ts';
import { tallies } from './view-tally.ts';

/** 「人民调解案件 城关调〔2025〕1号」: the natural key, personal data in it masked (auditors hold no pii:read). */
async function recordKeys(db: Db, def: LedgerDef, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!ids.length) return out;
  const res =
    await sql<Row>`select * from ${sql.table(ledgerTable(def))} where id in (${sql.join(ids)})`.execute(db);
  for (const row of res.rows) {
    const shown = presentRecord(def, rowToRecord(def, row), false);
    out.set(String(row.id), def.naturalKey.map((k) => String(shown[k] ?? '')).join(' '));
  }
  return out;
}

function changedFieldLabels(def: LedgerDef, changes: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!changes || typeof changes !== 'object') return labels;
  for (const name of Object.keys(changes)) {
    const fd = Object.hasOwn(def.fields, name) ? def.fields[name] : undefined;
    if (fd) labels[name] = fd.label;
  }
  return labels;
}

export async function listAuditForDisplay(db: Db, q: AuditQuery) {
  const page = await listAudit(db, q);
  const idsByLedger = new Map<LedgerDef, string[]>();
  for (const it of page.items) {
    const def = it.entityType ? findLedger(it.entityType) : undefined;
    if (def && it.entityId) idsByLedger.set(def, [...(idsByLedger.get(def) ?? []), it.entityId]);
  }
  const keys = new Map<string, string>();
  for (const [def, ids] of idsByLedger)
    for (const [id, key] of await recordKeys(db, def, [...new Set(ids)])) keys.set(`${def.key}:${id}`, key);
  const counts = await tallies(db, page.items);
  return {
    total: page.total,
    items: page.items.map((it) => {
      const def = it.entityType ? findLedger(it.entityType) : undefined;
      if (!def) return { ...it, entityLabel: null, fieldLabels: {}, viewCount: counts.get(it.id) ?? null };
      const key = it.entityId ? keys.get(`${def.key}:${it.entityId}`) : undefined;
      return {
        ...it,
        entityLabel: key ? `${def.title} ${key}` : def.title,
        fieldLabels: changedFieldLabels(def, it.changes),
        viewCount: counts.get(it.id) ?? null,
      };
    }),
  };
}
