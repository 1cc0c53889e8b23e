// A region's working-day calendar: the State Council's holidays shipped with the code, adjusted by the
// region (local holidays, extra adjusted working days). Due dates and the to-do list use it.
import { z } from 'zod';
import { type Database, nowIso, type Trx } from '../../db/index.ts';
import { type CalendarOverrides, defaultCalendar, isValidDate } from '../../domain/deadlines/index.ts';
import { badRequest, staleVersion } from '../../server/errors.ts';
import { type Actor, appendAudit } from '../audit/service.ts';
import { refreshRegion } from './derived-refresh.ts';

const keyOf = (regionCode: string) => `calendar.${regionCode}`;
const dates = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })).max(400);

export const calendarOverridesSchema = z.object({
  holidays: dates.default([]),
  workdays: dates.default([]),
  removeHolidays: dates.default([]),
  removeWorkdays: dates.default([]),
});

export async function getCalendarOverrides(
  database: Database,
  regionCode: string,
): Promise<{ version: number; overrides: CalendarOverrides }> {
  return calendarOverridesIn(database.db, regionCode);
}

export async function calendarOverridesIn(
  db: Database['db'] | Trx,
  regionCode: string,
): Promise<{ version: number; overrides: CalendarOverrides }> {
  const row = await db
    .selectFrom('settings')
    .select(['value', 'version'])
    .where('key', '=', keyOf(regionCode))
    .executeTakeFirst();
  return { version: row?.version ?? 0, overrides: row ? (JSON.parse(row.value) as CalendarOverrides) : {} };
}

/** The region a unit belongs to: the last region code (all digits; unit ids are UUIDs) on its path. */
export function regionCodeOfPath(path: string): string {
  const code = path
    .split('/')
    .filter((s) => /^\d+$/.test(s))
    .pop();
  if (!code) throw new Error(`unit path without a region: ${path}`);
  return code;
}

export async function updateCalendarOverrides(
  database: Database,
  regionCode: string,
  actor: Actor,
  next: CalendarOverrides,
  version: number,
) {
  for (const list of [next.holidays, next.workdays, next.removeHolidays, next.removeWorkdays]) {
    const bad = (list ?? []).find((d) => !isValidDate(d));
    if (bad) throw badRequest(`「${bad}」不是有效日期`, 'holidays');
  }
  try {
    defaultCalendar().withOverrides(next);
  } catch (e) {
    throw badRequest((e as Error).message, 'holidays');
  }
  await database.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('settings')
      .select(['value', 'version'])
      .where('key', '=', keyOf(regionCode))
      .executeTakeFirst();
    if ((row?.version ?? 0) !== version) throw staleVersion();
    const value = JSON.stringify(next);
    if (row)
      await trx
        .updateTable('settings')
        .set({ value, version: version + 1, updated_at: nowIso() })
        .where('key', '=', keyOf(regionCode))
        .execute();
    else
      await trx
        .insertInto('settings')
        .values({ key: keyOf(regionCode), value, version: 1, updated_at: nowIso() })
        .execute();
    // Due dates moved: whether closed records of the region met them is recomputed, with the rollups.
    const recomputed = await refreshRegion(trx, regionCode);
    await appendAudit(trx, database, actor, {
      action: 'calendar.update',
      entityType: 'settings',
      entityId: keyOf(regionCode),
      before: row ? (JSON.parse(row.value) as Record<string, unknown>) : null,
      after: { ...next, recomputedRecords: recomputed },
    });
  });
  return getCalendarOverrides(database, regionCode);
}
