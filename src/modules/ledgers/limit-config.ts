// A region's version of the statutory limits marked configurable (备案 within 15 or 30 days, 有效期
// 5 years or 3, …), and the deadline rules (calendar + limits) that a unit's records are judged by.
import { z } from 'zod';
import { type Database, nowIso, type Trx } from '../../db/index.ts';
import {
  configureLimits,
  type DeadlineRules,
  deadlineRules,
  defaultCalendar,
  type LimitOverride,
  STATUTORY_LIMITS,
} from '../../domain/deadlines/index.ts';
import { LEDGERS } from '../../domain/ledgers/index.ts';
import { badRequest, staleVersion } from '../../server/errors.ts';
import { type Actor, appendAudit } from '../audit/service.ts';
import { calendarOverridesIn, regionCodeOfPath } from './calendar-config.ts';
import { refreshRegion } from './derived-refresh.ts';

const keyOf = (regionCode: string) => `limits.${regionCode}`;

export type LimitDays = Record<string, { days: number }>;

/** Changes: a limit id → its number of days (months for limits counted in months), or null for the default. */
export const limitChangesSchema = z.record(
  z.string().max(80),
  z
    .object({
      days: z
        .number({ error: '期限应为整数' })
        .int({ error: '期限应为整数' })
        .min(1, { error: '期限至少为 1' })
        .max(3650, { error: '期限不能超过 3650' }),
    })
    .nullable(),
);

/** The limits local rules may set and some ledger's deadline uses (others would change nothing). */
const USED = new Set(LEDGERS.flatMap((def) => (def.deadlines ?? []).map((d) => d.limit)));
const CONFIGURABLE = STATUTORY_LIMITS.filter((l) => l.configurable && l.unit !== 'annual' && USED.has(l.id));

export async function limitOverridesIn(
  db: Database['db'] | Trx,
  regionCode: string,
): Promise<{ version: number; overrides: LimitDays }> {
  const row = await db
    .selectFrom('settings')
    .select(['value', 'version'])
    .where('key', '=', keyOf(regionCode))
    .executeTakeFirst();
  return { version: row?.version ?? 0, overrides: row ? (JSON.parse(row.value) as LimitDays) : {} };
}

const UNIT_LABEL = { working: '个工作日', calendar: '日', month: '个月' } as const;

/** The configurable limits with the region's values, for the settings page. */
export function describeLimits(overrides: LimitDays) {
  return CONFIGURABLE.map((l) => ({
    id: l.id,
    label: l.label,
    law: l.law,
    article: l.article ?? null,
    from: l.from,
    unit: l.unit,
    unitLabel: UNIT_LABEL[l.unit as keyof typeof UNIT_LABEL],
    defaultDays: l.days,
    days: overrides[l.id]?.days ?? l.days,
    overridden: overrides[l.id] !== undefined,
    note: l.note ?? null,
  }));
}

export async function updateLimitOverrides(
  database: Database,
  regionCode: string,
  actor: Actor,
  changes: Record<string, { days: number } | null>,
  version: number,
) {
  for (const id of Object.keys(changes))
    if (!CONFIGURABLE.some((l) => l.id === id)) throw badRequest(`期限「${id}」不可由地区调整`, id);
  return database.db.transaction().execute(async (trx) => {
    const current = await limitOverridesIn(trx, regionCode);
    if (current.version !== version) throw staleVersion();
    const next: LimitDays = { ...current.overrides };
    for (const [id, v] of Object.entries(changes)) {
      const base = CONFIGURABLE.find((l) => l.id === id)!;
      if (v === null || v.days === base.days) delete next[id];
      else next[id] = { days: v.days };
    }
    try {
      configureLimits(next as Record<string, LimitOverride>);
    } catch (e) {
      throw badRequest((e as Error).message, Object.keys(changes)[0]);
    }
    const value = JSON.stringify(next);
    if (current.version === 0)
      await trx
        .insertInto('settings')
        .values({ key: keyOf(regionCode), value, version: 1, updated_at: nowIso() })
        .execute();
    else
      await trx
        .updateTable('settings')
        .set({ value, version: version + 1, updated_at: nowIso() })
        .where('key', '=', keyOf(regionCode))
        .execute();
    // Due dates moved: whether closed records met them is recomputed, with the rollups.
    const recomputed = await refreshRegion(trx, regionCode);
    await appendAudit(trx, database, actor, {
      action: 'limits.update',
      entityType: 'settings',
      entityId: keyOf(regionCode),
      before: { ...current.overrides },
      after: { ...next, recomputedRecords: recomputed },
    });
    return { version: version + 1, items: describeLimits(next) };
  });
}

/**
 * Deadline rules by unit path, read inside the caller's transaction and kept for its duration: a batch
 * of records from one county reads its region's calendar and limits once.
 */
export function rulesByPath(db: Database['db'] | Trx): (unitPath: string) => Promise<DeadlineRules> {
  const byRegion = new Map<string, Promise<DeadlineRules>>();
  return (unitPath) => {
    const code = regionCodeOfPath(unitPath);
    let rules = byRegion.get(code);
    if (!rules) {
      rules = Promise.all([calendarOverridesIn(db, code), limitOverridesIn(db, code)]).then(([cal, limits]) =>
        deadlineRules(
          defaultCalendar().withOverrides(cal.overrides),
          limits.overrides as Record<string, LimitOverride>,
        ),
      );
      byRegion.set(code, rules);
    }
    return rules;
  };
}
