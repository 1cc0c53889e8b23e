// Indicators read from the rollups: O(units × measures) rows for any scope, never a record scan.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { type Database, pathUpperBound } from '../../db/index.ts';
import { columnOf, ledgerTable } from '../../db/ledger-storage.ts';
import {
  evaluate,
  formatIndicator,
  INDICATORS,
  type IndicatorDef,
  type IndicatorValue,
  indicator,
  type MeasureRef,
} from '../../domain/indicators/catalog.ts';
import { LEDGERS } from '../../domain/ledgers/index.ts';
import { badRequest, notFound } from '../../server/errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { scopeGrants, unitsInScope } from '../org/scope.ts';
import { configuredIndicators } from './indicator-config.ts';
import { predicateSql } from './predicate-sql.ts';

export interface PeriodQuery {
  year?: number | undefined;
  quarter?: number | undefined;
  month?: number | undefined;
  /** Custom range of months, 'YYYY-MM'. */
  fromMonth?: string | undefined;
  toMonth?: string | undefined;
  /** Custom range of days, 'YYYY-MM-DD' (takes precedence over the others). */
  from?: string | undefined;
  to?: string | undefined;
}

/** Days of a month not covered whole by the rollups: summed from the records themselves. */
export interface DayRange {
  from: string;
  to: string;
}

export interface Period {
  /** Rollup periods (years, months) covered whole. */
  periods: string[];
  /** Partial months, read from the records. */
  partial: DayRange[];
  from: string;
  to: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthEnd = (ym: string) => `${ym}-${pad(lastDay(Number(ym.slice(0, 4)), Number(ym.slice(5, 7))))}`;
const isRealDate = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && Number(d.slice(8, 10)) >= 1 && d <= monthEnd(d.slice(0, 7));
const MAX_RANGE_MONTHS = 240;

function nextMonth(ym: string): string {
  let y = Number(ym.slice(0, 4));
  let m = Number(ym.slice(5, 7)) + 1;
  if (m > 12) {
    m = 1;
    y += 1;
  }
  return `${y}-${pad(m)}`;
}

function previousMonth(ym: string): string {
  let y = Number(ym.slice(0, 4));
  let m = Number(ym.slice(5, 7)) - 1;
  if (m < 1) {
    m = 12;
    y -= 1;
  }
  return `${y}-${pad(m)}`;
}

/** A range of days as whole months (from the rollups) and the partial months at its ends. */
export function dayRange(from: string, to: string): Period {
  if (!isRealDate(from)) throw badRequest(`「${from}」不是有效日期`, 'from');
  if (!isRealDate(to)) throw badRequest(`「${to}」不是有效日期`, 'to');
  if (from > to) throw badRequest('起始日期不能晚于结束日期', 'from');
  const periods: string[] = [];
  const partial: DayRange[] = [];
  let ym = from.slice(0, 7);
  for (let n = 0; ym <= to.slice(0, 7); n += 1, ym = nextMonth(ym)) {
    if (n >= MAX_RANGE_MONTHS) throw badRequest('自定义区间不能超过 20 年', 'from');
    const start = from > `${ym}-01` ? from : `${ym}-01`;
    const end = to < monthEnd(ym) ? to : monthEnd(ym);
    if (start === `${ym}-01` && end === monthEnd(ym)) periods.push(ym);
    else partial.push({ from: start, to: end });
  }
  return { periods, partial, from, to, label: `${from} 至 ${to}` };
}

/** The rollup periods that make up a query period, and its first/last day for drill-down. */
export function periodsOf(q: PeriodQuery): Period {
  if (q.from || q.to) {
    if (!q.from || !q.to) throw badRequest('自定义区间须同时给出起止日期', 'from');
    return dayRange(q.from, q.to);
  }
  if (q.fromMonth || q.toMonth) {
    if (!q.fromMonth || !q.toMonth) throw badRequest('自定义区间须同时给出起止月份', 'fromMonth');
    if (q.fromMonth > q.toMonth) throw badRequest('起始月份不能晚于结束月份', 'fromMonth');
    return { ...dayRange(`${q.fromMonth}-01`, monthEnd(q.toMonth)), label: `${q.fromMonth} 至 ${q.toMonth}` };
  }
  if (!q.year) throw badRequest('请指定年度（year）或自定义区间（from、to）', 'year');
  if (q.month) {
    return {
      periods: [`${q.year}-${pad(q.month)}`],
      partial: [],
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
      partial: [],
      from: `${q.year}-${pad(first)}-01`,
      to: `${q.year}-${pad(first + 2)}-${pad(lastDay(q.year, first + 2))}`,
      label: `${q.year}年第${q.quarter}季度`,
    };
  }
  return {
    periods: [String(q.year)],
    partial: [],
    from: `${q.year}-01-01`,
    to: `${q.year}-12-31`,
    label: `${q.year}年`,
  };
}

export interface ScopeTarget {
  unitId: string | null;
  unitName: string;
  /** Rollup rows that hold the figure: a subtree total by node, or one unit's own rows. */
  source: RawBuilder<unknown>;
  /** The same scope as a condition on ledger records (alias r), for days the rollups do not split. */
  records: RawBuilder<SqlBool>;
}

const subtreeRecords = (path: string) =>
  sql<SqlBool>`(r.unit_path >= ${path} and r.unit_path < ${pathUpperBound(path)})`;
const unitRecords = (unitId: string) => sql<SqlBool>`r.unit_id = ${unitId}`;

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
      records: subtree ? subtreeRecords(unit.path) : unitRecords(unit.id),
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
      records: subtreeRecords(subtreeGrant.subtree),
    };
  }
  return {
    unitId: auth.user.unitId,
    unitName: auth.user.unitName,
    source: ownRowsOf(auth.user.unitId),
    records: unitRecords(auth.user.unitId),
  };
}

type Sums = Map<string, number>;

async function measureSums(
  database: Database,
  source: RawBuilder<unknown>,
  periods: string[],
): Promise<Sums> {
  if (!periods.length) return new Map();
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

/** Stock up to a day: the rollups of every period before its month, and its month's days from records. */
export function stockParts(to: string): { periods: string[]; partial: DayRange[] } {
  const ym = to.slice(0, 7);
  if (to === monthEnd(ym)) return { periods: cumulativePeriods(to), partial: [] };
  return { periods: cumulativePeriods(previousMonth(ym)), partial: [{ from: `${ym}-01`, to }] };
}

/**
 * Measure sums over ranges of days, read from the records in scope (only the partial months of a custom
 * range, so at most two months of records). `wanted` limits the measures to those an indicator needs.
 */
export async function recordSums(
  database: Database,
  records: RawBuilder<SqlBool>,
  ranges: DayRange[],
  wanted?: Set<string>,
): Promise<Sums> {
  const sums: Sums = new Map();
  for (const range of ranges) {
    for (const def of LEDGERS) {
      const measures = Object.entries(def.measures).filter(
        ([id]) => !wanted || wanted.has(`${def.key}.${id}`),
      );
      if (!measures.length) continue;
      const inRange = (at: string) =>
        sql<SqlBool>`${sql.ref(`r.${columnOf(at)}`)} between ${range.from} and ${range.to}`;
      const columns = measures.map(([, ms], i) => {
        const when = ms.where
          ? sql<SqlBool>`${inRange(ms.at)} and ${predicateSql(def, ms.where)}`
          : inRange(ms.at);
        const value = ms.kind === 'count' ? sql`1` : sql`coalesce(${sql.ref(`r.${columnOf(ms.field!)}`)}, 0)`;
        return sql`sum(case when ${when} then ${value} else 0 end) as ${sql.ref(`m${i}`)}`;
      });
      const ats = [...new Set(measures.map(([, ms]) => ms.at))];
      const res = await sql<Record<string, string | number | null>>`
        select ${sql.join(columns)} from ${sql.table(ledgerTable(def))} r
        where r.deleted = 0 and ${records} and (${sql.join(ats.map(inRange), sql` or `)})`.execute(
        database.db,
      );
      measures.forEach(([id], i) => {
        const v = Number(res.rows[0]?.[`m${i}`] ?? 0);
        if (v) sums.set(`${def.key}.${id}`, (sums.get(`${def.key}.${id}`) ?? 0) + v);
      });
    }
  }
  return sums;
}

function addSums(a: Sums, b: Sums): Sums {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

/** Sums for every indicator of a period: flow figures over the period, stock figures up to its end. */
async function periodSums(database: Database, target: ScopeTarget, period: Period, defs: IndicatorDef[]) {
  const flow = addSums(
    await measureSums(database, target.source, period.periods),
    await recordSums(database, target.records, period.partial),
  );
  let stock = flow;
  if (defs.some((d) => d.cumulative)) {
    const parts = stockParts(period.to);
    stock = addSums(
      await measureSums(database, target.source, parts.periods),
      await recordSums(database, target.records, parts.partial),
    );
  }
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
  const sumsFor = await periodSums(database, target, period, defs);
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
  let nodes: Array<{
    node: string;
    name: string;
    unitId: string | null;
    regionCode: string | null;
    path: string;
  }>;
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
      .select(['id', 'name', 'path'])
      .where('parent_id', '=', parent.id)
      .where('disabled', '=', 0)
      .orderBy('sort')
      .orderBy('path')
      .limit(500)
      .execute();
    nodes = units.map((u) => ({ node: u.id, name: u.name, unitId: u.id, regionCode: null, path: u.path }));
  } else {
    const regions = await database.db
      .selectFrom('regions')
      .select(['code', 'name', 'path'])
      .where('parent_code', '=', auth.user.regionCode)
      .orderBy('code')
      .limit(500)
      .execute();
    if (regions.length) {
      nodes = regions.map((r) => ({
        node: r.code,
        name: r.name,
        unitId: null,
        regionCode: r.code,
        path: r.path,
      }));
    } else {
      const units = await database.db
        .selectFrom('units')
        .select(['id', 'name', 'path'])
        .where('region_code', '=', auth.user.regionCode)
        .where('parent_id', 'is', null)
        .where('disabled', '=', 0)
        .orderBy('sort')
        .orderBy('path')
        .limit(500)
        .execute();
      nodes = units.map((u) => ({ node: u.id, name: u.name, unitId: u.id, regionCode: null, path: u.path }));
    }
  }
  const refs = [...def.numerator, ...(def.denominator ?? [])];
  const { periods, partial } = def.cumulative ? stockParts(period.to) : period;
  const res =
    nodes.length && periods.length
      ? await sql<{ node: string; ledger: string; measure: string; total: number }>`
        select node, ledger, measure, sum(value) as total from ledger_rollup_totals
        where node in (${sql.join(nodes.map((n) => n.node))}) and period in (${sql.join(periods)})
          and (${sql.join(
            refs.map((r) => sql<SqlBool>`(ledger = ${r.ledger} and measure = ${r.measure})`),
            sql` or `,
          )})
        group by node, ledger, measure`.execute(database.db)
      : { rows: [] };
  // The partial months of a custom range, per node from its records (only this indicator's measures).
  const wanted = new Set(refs.map((r) => `${r.ledger}.${r.measure}`));
  const partialByNode = new Map<string, Sums>();
  if (partial.length)
    for (const n of nodes)
      partialByNode.set(n.node, await recordSums(database, subtreeRecords(n.path), partial, wanted));
  return {
    indicator: { id: def.id, label: def.label, unit: def.unit, formula: def.formula },
    period: { label: period.label, from: period.from, to: period.to },
    items: nodes.map((n) => {
      const rolled: Sums = new Map(
        res.rows.filter((r) => r.node === n.node).map((r) => [`${r.ledger}.${r.measure}`, Number(r.total)]),
      );
      const sums = addSums(rolled, partialByNode.get(n.node) ?? new Map());
      return {
        unitId: n.unitId,
        regionCode: n.regionCode,
        unitName: n.name,
        ...present(evaluate(def, sumOf(sums))),
      };
    }),
  };
}
