// Where practice varies (纠错率: which outcomes count, and over what), each region chooses its own
// definition; the choice is stored per region and applied to every figure computed for its users.
import { z } from 'zod';
import { type Database, nowIso } from '../../db/index.ts';
import {
  configure,
  INDICATORS,
  type IndicatorDef,
  type IndicatorOverride,
} from '../../domain/indicators/catalog.ts';
import { badRequest, staleVersion } from '../../server/errors.ts';
import { type Actor, appendAudit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';

const keyOf = (regionCode: string) => `indicators.config.${regionCode}`;

export const overridesSchema = z.record(
  z.string().max(80),
  z
    .object({
      numerator: z.array(z.string().max(60)).max(30).optional(),
      denominator: z.string().max(60).optional(),
    })
    .nullable(),
);

export async function getIndicatorConfig(database: Database, regionCode: string) {
  const row = await database.db
    .selectFrom('settings')
    .select(['value', 'version'])
    .where('key', '=', keyOf(regionCode))
    .executeTakeFirst();
  const overrides = row ? (JSON.parse(row.value) as Record<string, IndicatorOverride>) : {};
  return { version: row?.version ?? 0, overrides };
}

/** The catalog as the user's region has configured it. */
export async function configuredIndicators(database: Database, auth: AuthContext): Promise<IndicatorDef[]> {
  const { overrides } = await getIndicatorConfig(database, auth.user.regionCode);
  return INDICATORS.map((def) => configure(def, overrides[def.id]));
}

export function describeConfig(overrides: Record<string, IndicatorOverride>) {
  return INDICATORS.filter((d) => d.configurable).map((d) => ({
    id: d.id,
    label: d.label,
    defaultFormula: d.formula,
    formula: configure(d, overrides[d.id]).formula,
    choices: d.configurable!,
    current: overrides[d.id] ?? null,
  }));
}

export async function updateIndicatorConfig(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  changes: Record<string, IndicatorOverride | null>,
  version: number,
) {
  const region = auth.user.regionCode;
  return database.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('settings')
      .select(['value', 'version'])
      .where('key', '=', keyOf(region))
      .executeTakeFirst();
    if ((row?.version ?? 0) !== version) throw staleVersion();
    const current = row ? (JSON.parse(row.value) as Record<string, IndicatorOverride>) : {};
    const next = { ...current };
    for (const [id, o] of Object.entries(changes)) {
      const def = INDICATORS.find((d) => d.id === id);
      if (!def?.configurable) throw badRequest(`指标「${id}」不能按地区配置`, 'overrides');
      if (o === null) {
        delete next[id];
        continue;
      }
      const c = def.configurable;
      if (o.numerator) {
        if (!c.numerator) throw badRequest(`「${def.label}」的分子不能配置`, 'numerator');
        if (o.numerator.length === 0) throw badRequest(`「${def.label}」的分子至少选择一项`, 'numerator');
        const bad = o.numerator.filter((m) => !c.numerator!.options.some((x) => x.measure === m));
        if (bad.length) throw badRequest(`「${def.label}」的分子不能包含：${bad.join('、')}`, 'numerator');
      }
      if (o.denominator !== undefined) {
        if (!c.denominator?.options.some((x) => x.measure === o.denominator))
          throw badRequest(`「${def.label}」的分母不正确`, 'denominator');
      }
      next[id] = o;
    }
    const value = JSON.stringify(next);
    if (row) {
      await trx
        .updateTable('settings')
        .set({ value, version: version + 1, updated_at: nowIso() })
        .where('key', '=', keyOf(region))
        .execute();
    } else {
      await trx
        .insertInto('settings')
        .values({ key: keyOf(region), value, version: 1, updated_at: nowIso() })
        .execute();
    }
    await appendAudit(trx, database, actor, {
      action: 'indicators.config.update',
      entityType: 'settings',
      entityId: keyOf(region),
      before: current,
      after: next,
    });
    return { version: version + 1, items: describeConfig(next) };
  });
}
