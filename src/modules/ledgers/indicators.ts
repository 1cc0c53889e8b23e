// Indicators read from the rollups: O(units × measures) rows for any scope, never a record scan.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/index.ts';
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
import { configuredIndicators } from './indicator-config.ts';

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
  /** Rollup rows that hold the figure: a subtree total by node, or one unit's own rows. */
  source: RawBuilder<unknown>;
}

/** A node's subtree total (a region code or a unit id). */
const totalsOf = (node: string) => sql`ledger_rollup_totals where node = ${node}`;
/** A unit's own rows, without what lies below it. */
const ownRowsOf = (unitId: string) => sql`ledger_rollups where unit_id = ${unitId}`;
const lastSegment = (path: string) => path.split('/').filter(Boolean).pop()!;

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
      source: subtree ? totalsOf(unit.id) : ownRowsOf(unit.id),
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
      source: totalsOf(lastSegment(subtreeGrant.subtree)),
    };
  }
  return {
    unitId: auth.user.unitId,
    unitName: auth.user.unitName,
    source: ownRowsOf(auth.user.unitId),
  };
}

type Sums = Map<string, number>;

async function measureSums(
  database: Database,
  source: RawBuilder<unknown>,
  periods: string[],
): Promise<Sums> {
  const res = await sql<{ ledger: string; measure: string; total: number }>`
    select ledger, measure, sum(value) as total from ${source}
    and period in (${sql.join(periods)})
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
  source: RawBuilder<unknown>,
  periods: string[],
  to: string,
  defs: IndicatorDef[],
) {
  const flow = await measureSums(database, source, periods);
  const stock = defs.some((d) => d.cumulative)
    ? await measureSums(database, source, cumulativePeriods(to))
    : flow;
  return (def: IndicatorDef) => (def.cumulative ? stock : flow);
}

/** Display text next to the figure: 37.2%, 58件, 6480.00元. */
function present(v: IndicatorValue) {
  return { ...v, display: formatIndicator(v), money: indicator(v.id)?.money === true };
}

const sumOf = (sums: Sums) => (refs: MeasureRef[]) =>
  refs.reduce((acc, r) => acc + (sums.get(`${r.ledger}.${r.measure}`) ?? 0), 0);

export function selectIndicators(
  ids: string[] | undefined,
  catalog: IndicatorDef[] = INDICATORS,
): IndicatorDef[] {
  if (!ids?.length) return catalog;
  const unknown = ids.filter((id) => !catalog.some((i) => i.id === id));
  if (unknown.length) throw badRequest(`未知指标：${unknown.join('、')}`, 'ids');
  return catalog.filter((i) => ids.includes(i.id));
}

export async function computeIndicators(
  database: Database,
  auth: AuthContext,
  q: PeriodQuery & { unit?: string | undefined; subtree: boolean; ids?: string[] | undefined },
) {
  const period = periodsOf(q);
  const target = await scopeTarget(database, auth, q.unit, q.subtree);
  const defs = selectIndicators(q.ids, await configuredIndicators(database, auth));
  const sumsFor = await periodSums(database, target.source, period.periods, period.to, defs);
  const items: IndicatorValue[] = defs.map((def) => evaluate(def, sumOf(sumsFor(def))));
  return {
    period: { label: period.label, from: period.from, to: period.to },
    scope: { unitId: target.unitId, name: target.unitName, subtree: q.subtree },
    items: items.map((v) => ({
      ...present(v),
      cumulative: indicator(v.id)?.cumulative === true,
      sources: sourcesOf(v.id, defs),
    })),
  };
}

/** The measures behind an indicator, for the drill-down links. */
export function sourcesOf(id: string, catalog: IndicatorDef[] = INDICATORS) {
  const def = catalog.find((i) => i.id === id);
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
    select period, ledger, measure, sum(value) as total from ${target.source}
    and period in (${sql.join(q.years.map(String))})
    group by period, ledger, measure`.execute(database.db);
  const defs = selectIndicators(q.ids, await configuredIndicators(database, auth));
  const stockByYear = new Map<number, Sums>();
  if (defs.some((d) => d.cumulative)) {
    for (const y of q.years)
      stockByYear.set(y, await measureSums(database, target.source, cumulativePeriods(`${y}-12`)));
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

/**
 * One figure per child of a parent unit (each with its subtree). Without a parent: the sub-regions of
 * the user's region (cities of a province, counties of a city), or its top-level units for a county,
 * or the children of the user's own unit when the scope is narrower than the region.
 */
export async function indicatorByUnit(
  database: Database,
  auth: AuthContext,
  q: PeriodQuery & { id: string; parent?: string | undefined },
) {
  const def = selectIndicators([q.id], await configuredIndicators(database, auth))[0]!;
  const period = periodsOf(q);
  const wholeRegion = auth.roles.some((r) => r.dataScope === 'all');
  const parentId = q.parent ?? (wholeRegion ? null : auth.user.unitId);
  let nodes: Array<{ node: string; name: string; unitId: string | null; regionCode: string | null }>;
  if (parentId) {
    const parent = await database.db
      .selectFrom('units')
      .select('id')
      .where('units.id', '=', parentId)
      .where(unitsInScope(auth))
      .executeTakeFirst();
    if (!parent) throw notFound('单位');
    const units = await database.db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('parent_id', '=', parent.id)
      .where('disabled', '=', 0)
      .orderBy('sort')
      .orderBy('path')
      .limit(500)
      .execute();
    nodes = units.map((u) => ({ node: u.id, name: u.name, unitId: u.id, regionCode: null }));
  } else {
    const regions = await database.db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where('parent_code', '=', auth.user.regionCode)
      .orderBy('code')
      .limit(500)
      .execute();
    if (regions.length) {
      nodes = regions.map((r) => ({ node: r.code, name: r.name, unitId: null, regionCode: r.code }));
    } else {
      const units = await database.db
        .selectFrom('units')
        .select(['id', 'name'])
        .where('region_code', '=', auth.user.regionCode)
        .where('parent_id', 'is', null)
        .where('disabled', '=', 0)
        .orderBy('sort')
        .orderBy('path')
        .limit(500)
        .execute();
      nodes = units.map((u) => ({ node: u.id, name: u.name, unitId: u.id, regionCode: null }));
    }
  }
  const refs = [...def.numerator, ...(def.denominator ?? [])];
  const periods = def.cumulative ? cumulativePeriods(period.to) : period.periods;
  const res = nodes.length
    ? await sql<{ node: string; ledger: string; measure: string; total: number }>`
        select node, ledger, measure, sum(value) as total from ledger_rollup_totals
        where node in (${sql.join(nodes.map((n) => n.node))}) and period in (${sql.join(periods)})
          and (${sql.join(
            refs.map((r) => sql<SqlBool>`(ledger = ${r.ledger} and measure = ${r.measure})`),
            sql` or `,
          )})
        group by node, ledger, measure`.execute(database.db)
    : { rows: [] };
  return {
    indicator: { id: def.id, label: def.label, unit: def.unit, formula: def.formula },
    period: { label: period.label, from: period.from, to: period.to },
    items: nodes.map((n) => {
      const sums: Sums = new Map(
        res.rows.filter((r) => r.node === n.node).map((r) => [`${r.ledger}.${r.measure}`, Number(r.total)]),
      );
      return {
        unitId: n.unitId,
        regionCode: n.regionCode,
        unitName: n.name,
        ...present(evaluate(def, sumOf(sums))),
      };
    }),
  };
}
