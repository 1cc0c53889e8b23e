// Indicators read from the rollups: O(units × measures) rows for any scope, never a record scan.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { type Database, pathUpperBound } from '../../db/index.ts';
import {
  evaluate,
  formatIndicator,
  INDICATORS,
  type IndicatorDef,
  type IndicatorValue,
  indicator,
  type MeasureRef,
} from '../../domain/indicators/catalog.ts';
import { badRequest, notFound } from '../../server/errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { scopeGrants, unitsInScope } from '../org/scope.ts';

export interface PeriodQuery {
  year: number;
  quarter?: number | undefined;
  month?: number | undefined;
  /** Custom range of months, 'YYYY-MM'. */
  fromMonth?: string | undefined;
  toMonth?: string | undefined;
}

/** The rollup periods that make up a query period, and its first/last day for drill-down. */
export function periodsOf(q: PeriodQuery): { periods: string[]; from: string; to: string; label: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (q.fromMonth || q.toMonth) {
    if (!q.fromMonth || !q.toMonth) throw badRequest('自定义区间须同时给出起止月份', 'fromMonth');
    if (q.fromMonth > q.toMonth) throw badRequest('起始月份不能晚于结束月份', 'fromMonth');
    const out: string[] = [];
    let [y, m] = q.fromMonth.split('-').map(Number) as [number, number];
    while (`${y}-${pad(m)}` <= q.toMonth && out.length < 240) {
      out.push(`${y}-${pad(m)}`);
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
    const [ty, tm] = q.toMonth.split('-').map(Number) as [number, number];
    return {
      periods: out,
      from: `${q.fromMonth}-01`,
      to: `${q.toMonth}-${pad(lastDay(ty, tm))}`,
      label: `${q.fromMonth} 至 ${q.toMonth}`,
    };
  }
  if (q.month) {
    return {
      periods: [`${q.year}-${pad(q.month)}`],
      from: `${q.year}-${pad(q.month)}-01`,
      to: `${q.year}-${pad(q.month)}-${pad(lastDay(q.year, q.month))}`,
      label: `${q.year}年${q.month}月`,
    };
  }
  if (q.quarter) {
    const first = (q.quarter - 1) * 3 + 1;
    const months = [first, first + 1, first + 2];
    return {
      periods: months.map((m) => `${q.year}-${pad(m)}`),
      from: `${q.year}-${pad(first)}-01`,
      to: `${q.year}-${pad(first + 2)}-${pad(lastDay(q.year, first + 2))}`,
      label: `${q.year}年第${q.quarter}季度`,
    };
  }
  return { periods: [String(q.year)], from: `${q.year}-01-01`, to: `${q.year}-12-31`, label: `${q.year}年` };
}

export interface ScopeTarget {
  unitId: string | null;
  unitName: string;
  condition: RawBuilder<SqlBool>;
}

/** Which units a figure covers: a unit (and optionally its subtree) in scope, or the user's whole scope. */
export async function scopeTarget(
  database: Database,
  auth: AuthContext,
  unitId: string | undefined,
  subtree: boolean,
): Promise<ScopeTarget> {
  if (unitId) {
    const unit = await database.db
      .selectFrom('units')
      .select(['id', 'name', 'path'])
      .where('units.id', '=', unitId)
      .where(unitsInScope(auth))
      .executeTakeFirst();
    if (!unit) throw notFound('单位');
    return {
      unitId: unit.id,
      unitName: subtree ? `${unit.name}（含下级）` : unit.name,
      condition: subtree
        ? sql<SqlBool>`(unit_path >= ${unit.path} and unit_path < ${pathUpperBound(unit.path)})`
        : sql<SqlBool>`unit_id = ${unit.id}`,
    };
  }
  // The widest grant covers the others: every grant derives from the user's own unit or region.
  const grants = scopeGrants(auth);
  const subtreeGrant = grants
    .filter((g): g is { subtree: string } => 'subtree' in g)
    .sort((a, b) => a.subtree.length - b.subtree.length)[0];
  if (subtreeGrant) {
    const isRegion = subtreeGrant.subtree === auth.user.regionPath;
    return {
      unitId: isRegion ? null : auth.user.unitId,
      unitName: isRegion ? auth.user.regionName : `${auth.user.unitName}（含下级）`,
      condition: sql<SqlBool>`(unit_path >= ${subtreeGrant.subtree} and unit_path < ${pathUpperBound(subtreeGrant.subtree)})`,
    };
  }
  return {
    unitId: auth.user.unitId,
    unitName: auth.user.unitName,
    condition: sql<SqlBool>`unit_id = ${auth.user.unitId}`,
  };
}

type Sums = Map<string, number>;

async function measureSums(
  database: Database,
  condition: RawBuilder<SqlBool>,
  periods: string[],
): Promise<Sums> {
  const res = await sql<{ ledger: string; measure: string; total: number }>`
    select ledger, measure, sum(value) as total from ledger_rollups
    where period in (${sql.join(periods)}) and ${condition}
    group by ledger, measure`.execute(database.db);
  return new Map(res.rows.map((r) => [`${r.ledger}.${r.measure}`, Number(r.total)]));
}

/**
 * Periods whose sum gives a stock figure (a register's size) at the end of a period: every earlier
 * year, plus the months of the final year up to the final month.
 */
export function cumulativePeriods(to: string, firstYear = 1990): string[] {
  const year = Number(to.slice(0, 4));
  const month = Number(to.slice(5, 7));
  const out: string[] = [];
  for (let y = firstYear; y < year; y += 1) out.push(String(y));
  for (let m = 1; m <= month; m += 1) out.push(`${year}-${String(m).padStart(2, '0')}`);
  return out;
}

/** Sums for every indicator of a period: flow figures over the period, stock figures up to its end. */
async function periodSums(
  database: Database,
  condition: RawBuilder<SqlBool>,
  periods: string[],
  to: string,
  defs: IndicatorDef[],
) {
  const flow = await measureSums(database, condition, periods);
  const stock = defs.some((d) => d.cumulative)
    ? await measureSums(database, condition, cumulativePeriods(to))
    : flow;
  return (def: IndicatorDef) => (def.cumulative ? stock : flow);
}

/** Display text next to the figure: 37.2%, 58件, 6480.00元. */
function present(v: IndicatorValue) {
  return { ...v, display: formatIndicator(v), money: indicator(v.id)?.money === true };
}

const sumOf = (sums: Sums) => (refs: MeasureRef[]) =>
  refs.reduce((acc, r) => acc + (sums.get(`${r.ledger}.${r.measure}`) ?? 0), 0);

export function selectIndicators(ids?: string[]): IndicatorDef[] {
  if (!ids?.length) return INDICATORS;
  const unknown = ids.filter((id) => !INDICATORS.some((i) => i.id === id));
  if (unknown.length) throw badRequest(`未知指标：${unknown.join('、')}`, 'ids');
  return INDICATORS.filter((i) => ids.includes(i.id));
}

export async function computeIndicators(
  database: Database,
  auth: AuthContext,
  q: PeriodQuery & { unit?: string | undefined; subtree: boolean; ids?: string[] | undefined },
) {
  const period = periodsOf(q);
  const target = await scopeTarget(database, auth, q.unit, q.subtree);
  const defs = selectIndicators(q.ids);
  const sumsFor = await periodSums(database, target.condition, period.periods, period.to, defs);
  const items: IndicatorValue[] = defs.map((def) => evaluate(def, sumOf(sumsFor(def))));
  return {
    period: { label: period.label, from: period.from, to: period.to },
    scope: { unitId: target.unitId, name: target.unitName, subtree: q.subtree },
    items: items.map((v) => ({
      ...present(v),
      cumulative: indicator(v.id)?.cumulative === true,
      sources: sourcesOf(v.id),
    })),
  };
}

/** The measures behind an indicator, for the drill-down links. */
export function sourcesOf(id: string) {
  const def = INDICATORS.find((i) => i.id === id);
  if (!def) return [];
  return [
    ...def.numerator.map((r) => ({ ...r, role: 'numerator' as const })),
    ...(def.denominator ?? []).map((r) => ({ ...r, role: 'denominator' as const })),
  ];
}

export async function indicatorTrend(
  database: Database,
  auth: AuthContext,
  q: { ids?: string[] | undefined; years: number[]; unit?: string | undefined; subtree: boolean },
) {
  const target = await scopeTarget(database, auth, q.unit, q.subtree);
  const res = await sql<{ period: string; ledger: string; measure: string; total: number }>`
    select period, ledger, measure, sum(value) as total from ledger_rollups
    where period in (${sql.join(q.years.map(String))}) and ${target.condition}
    group by period, ledger, measure`.execute(database.db);
  const defs = selectIndicators(q.ids);
  const stockByYear = new Map<number, Sums>();
  if (defs.some((d) => d.cumulative)) {
    for (const y of q.years)
      stockByYear.set(y, await measureSums(database, target.condition, cumulativePeriods(`${y}-12`)));
  }
  return {
    scope: { unitId: target.unitId, name: target.unitName },
    years: q.years,
    series: defs.map((def) => ({
      id: def.id,
      label: def.label,
      unit: def.unit,
      points: q.years.map((y) => {
        const sums: Sums = def.cumulative
          ? stockByYear.get(y)!
          : new Map(
              res.rows
                .filter((r) => r.period === String(y))
                .map((r) => [`${r.ledger}.${r.measure}`, Number(r.total)]),
            );
        return { year: y, ...present(evaluate(def, sumOf(sums))) };
      }),
    })),
  };
}

/** One figure per child unit (with its subtree) of a parent unit, or per top-level unit of the scope. */
export async function indicatorByUnit(
  database: Database,
  auth: AuthContext,
  q: PeriodQuery & { id: string; parent?: string | undefined },
) {
  const def = selectIndicators([q.id])[0]!;
  const period = periodsOf(q);
  // Without a parent: the top-level units of the user's region, or the children of the user's own
  // unit when the scope is narrower than the region.
  const wholeRegion = auth.roles.some((r) => r.dataScope === 'all');
  const parentId = q.parent ?? (wholeRegion ? null : auth.user.unitId);
  let children = database.db
    .selectFrom('units')
    .select(['id', 'name', 'path'])
    .where(unitsInScope(auth))
    .where('disabled', '=', 0);
  if (parentId) {
    const parent = await database.db
      .selectFrom('units')
      .select('id')
      .where('units.id', '=', parentId)
      .where(unitsInScope(auth))
      .executeTakeFirst();
    if (!parent) throw notFound('单位');
    children = children.where('parent_id', '=', parent.id);
  } else {
    children = children.where('parent_id', 'is', null);
  }
  const units = await children.orderBy('sort').orderBy('path').limit(500).execute();
  const target = await scopeTarget(database, auth, parentId ?? undefined, true);
  const refs = [...def.numerator, ...(def.denominator ?? [])];
  const periods = def.cumulative ? cumulativePeriods(period.to) : period.periods;
  const res = await sql<{ unit_path: string; ledger: string; measure: string; total: number }>`
    select unit_path, ledger, measure, sum(value) as total from ledger_rollups
    where period in (${sql.join(periods)}) and ${target.condition}
      and (${sql.join(
        refs.map((r) => sql<SqlBool>`(ledger = ${r.ledger} and measure = ${r.measure})`),
        sql` or `,
      )})
    group by unit_path, ledger, measure`.execute(database.db);
  return {
    indicator: { id: def.id, label: def.label, unit: def.unit, formula: def.formula },
    period: { label: period.label, from: period.from, to: period.to },
    items: units.map((u) => {
      const sums: Sums = new Map();
      for (const r of res.rows) {
        if (!r.unit_path.startsWith(u.path)) continue;
        const key = `${r.ledger}.${r.measure}`;
        sums.set(key, (sums.get(key) ?? 0) + Number(r.total));
      }
      return { unitId: u.id, unitName: u.name, ...present(evaluate(def, sumOf(sums))) };
    }),
  };
}
