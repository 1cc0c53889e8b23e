// Demo ledger data for the demo county: three years of realistic records in every ledger, written
// the way an import writes them (batched, rollups kept current), with one audit record.
import type { Database } from '../../db/index.ts';
import { chinaToday } from '../../domain/deadlines/index.ts';
import { generateDemoRecords } from '../../domain/ledgers/demo-data.ts';
import { LEDGERS } from '../../domain/ledgers/index.ts';
import { appendAudit, SYSTEM_ACTOR } from '../audit/service.ts';
import { insertBatch } from '../ledgers/records.ts';

/** The current year and the two before it, so that the dashboard opens on a year with data. */
const thisYear = Number(chinaToday().slice(0, 4));
export const DEMO_YEARS = [thisYear - 2, thisYear - 1, thisYear];

export async function seedDemoLedgers(
  database: Database,
  regionCode: string,
  opts: { years?: number[]; scale?: number; asOf?: string } = {},
) {
  const units = await database.db
    .selectFrom('units')
    .select(['id', 'name', 'type', 'path'])
    .where('region_code', '=', regionCode)
    .where('disabled', '=', 0)
    .orderBy('path')
    .execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const counts: Record<string, number> = {};
  await database.db.transaction().execute(async (trx) => {
    for (const [i, def] of LEDGERS.entries()) {
      const generated = generateDemoRecords(def, {
        units,
        years: opts.years ?? DEMO_YEARS,
        seed: 20260101 + i,
        scale: opts.scale ?? 1,
        // The demo reads as of today: nothing received in the future, this year's cases partly open.
        asOf: opts.asOf ?? chinaToday(),
      });
      // The generator draws titles and dates at random, so two records of one unit can share a natural
      // key; the ledger allows only one, as an import would.
      const seen = new Set<string>();
      const items = generated
        .filter((g) => {
          const key = [g.unitId, ...def.naturalKey.map((k) => String(g.record[k] ?? ''))].join('\u0000');
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .map((g) => ({ unit: byId.get(g.unitId)!, record: g.record }));
      await insertBatch(trx, def, items, null);
      counts[def.key] = items.length;
    }
    await appendAudit(trx, database, SYSTEM_ACTOR, {
      action: 'demo.seed.ledgers',
      entityType: 'region',
      entityId: regionCode,
      details: counts,
    });
  });
  return counts;
}
