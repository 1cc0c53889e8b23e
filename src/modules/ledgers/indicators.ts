// Indicators read from the rollups: O(units × measures) rows for a unit or subtree scope, never a record
// scan; only a 本人 scope (records by creator, which the rollups do not split) reads the records.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { columnOf, ledgerTable } from '../../db/ledger-storage.ts';
import { chinaToday } from '../../domain/deadlines/index.ts';
import {
  evaluate,
  formatIndicator,
  INDICATORS,
  type IndicatorDef,
  type IndicatorValue,
  indicator,
  type MeasureRef,
} from '../../domain/indicators/catalog.ts';
import { type FigureDue, figureDue } from '../../domain/indicators/due.ts';
import { LEDGERS } from '../../domain/ledgers/index.ts';
import { badRequest, notFound } from '../../server/errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { unitsInScope } from '../org/scope.ts';
import { type FigureArea, figureArea, hasPieces, nodeOf, piecesRecords } from './figure-area.ts';
import { configuredIndicators } from './indicator-config.ts';
import { rulesByPath } from './limit-config.ts';
import { COVERED_MEASURES, coveredCases } from './mediation-coverage.ts';
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
  /** Whether the figure covers everything below the unit (false for a 本单位 or 本人 scope). */
  subtree: boolean;
  area: FigureArea;
}

/** The name of a figure's scope: what the rollup pieces cover, and the user's own records. */
function areaName(area: FigureArea, pieces: string, unitName: string | null): string {
  if (!area.created) return pieces;
  if (hasPieces(area)) return `${pieces}及本人填报`;
  return unitName ? `${unitName}（本人填报）` : '本人填报';
}

/** Which records a figure covers: a unit (and optionally its subtree) in scope, or the user's whole scope. */
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
    const area = figureArea(
      auth,
      subtree
        ? { path: unit.path, unitId: unit.id, subtree: true }
        : { path: unit.path, unitId: unit.id, subtree: false },
    );
    const whole = subtree && area.subtrees.includes(unit.path);
    return {
      unitId: unit.id,
      unitName: areaName(area, whole ? `${unit.name}（含下级）` : unit.name, unit.name),
      subtree: whole,
      area,
    };
  }
  const area = figureArea(auth, null);
  const widest = [...area.subtrees].sort((a, b) => a.length - b.length)[0];
  const isRegion = widest === auth.user.regionPath;
  const pieces = widest
    ? isRegion
      ? auth.user.regionName
      : `${auth.user.unitName}（含下级）`
    : auth.user.unitName;
  return {
    unitId: isRegion ? null : auth.user.unitId,
    unitName: areaName(area, pieces, null),
    subtree: widest !== undefined,
    area,
  };
}

type Sums = Map<string, number>;
const keyOf = (r: MeasureRef) => `${r.ledger}.${r.measure}`;

/**
 * Rollup sums over whole periods for each area: one query for every subtree total involved, one for
 * every unit's own rows, then each area adds up its pieces. `refs` limits the measures.
 */
async function rollupSums(
  database: Database,
  areas: FigureArea[],
  periods: string[],
  refs?: MeasureRef[],
): Promise<Sums[]> {
  const out: Sums[] = areas.map(() => new Map());
  if (!periods.length) return out;
  const measures = refs?.length
    ? sql<SqlBool>`(${sql.join(
        refs.map((r) => sql<SqlBool>`(ledger = ${r.ledger} and measure = ${r.measure})`),
        sql` or `,
      )})`
    : sql<SqlBool>`1 = 1`;
  const byPiece = new Map<string, Sums>();
  const collect = (
    rows: Array<{ piece: string; ledger: string; measure: string; total: number }>,
    kind: string,
  ) => {
    for (const r of rows) {
      const key = `${kind}:${r.piece}`;
      const sums = byPiece.get(key) ?? new Map<string, number>();
      sums.set(`${r.ledger}.${r.measure}`, Number(r.total));
      byPiece.set(key, sums);
    }
  };
  const nodes = [...new Set(areas.flatMap((a) => a.subtrees.map(nodeOf)))];
  if (nodes.length) {
    const res = await sql<{ piece: string; ledger: string; measure: string; total: number }>`
      select node as piece, ledger, measure, sum(value) as total from ledger_rollup_totals
      where node in (${sql.join(nodes)}) and period in (${sql.join(periods)}) and ${measures}
      group by node, ledger, measure`.execute(database.db);
    collect(res.rows, 'node');
  }
  const units = [...new Set(areas.flatMap((a) => a.units.map((u) => u.id)))];
  if (units.length) {
    const res = await sql<{ piece: string; ledger: string; measure: string; total: number }>`
      select unit_id as piece, ledger, measure, sum(value) as total from ledger_rollups
      where unit_id in (${sql.join(units)}) and period in (${sql.join(periods)}) and ${measures}
      group by unit_id, ledger, measure`.execute(database.db);
    collect(res.rows, 'unit');
  }
  return areas.map((a) => {
    const pieces = [...a.subtrees.map((p) => `node:${nodeOf(p)}`), ...a.units.map((u) => `unit:${u.id}`)];
    return pieces.reduce(
      (acc, key) => addSums(acc, byPiece.get(key) ?? new Map()),
      new Map<string, number>(),
    );
  });
}

/** What a figure sums: whole rollup periods, partial months from the records, and the whole span in days. */
interface Span {
  periods: string[];
  partial: DayRange[];
  /** The same span as days, for the records the rollups do not attribute (本人). */
  days: DayRange;
}

const flowSpan = (p: { periods: string[]; partial: DayRange[]; from: string; to: string }): Span => ({
  periods: p.periods,
  partial: p.partial,
  days: { from: p.from, to: p.to },
});

/** A stock at the end of a day: everything recorded up to it (the drill-down has no start either). */
const stockSpan = (to: string): Span => ({ ...stockParts(to), days: { from: '0001-01-01', to } });

/** Measure sums of each area over a span: rollups, plus records for partial months and for 本人. */
async function areaSums(
  database: Database,
  areas: FigureArea[],
  span: Span,
  refs?: MeasureRef[],
): Promise<Sums[]> {
  const rolled = await rollupSums(database, areas, span.periods, refs);
  const wanted = refs && new Set(refs.map(keyOf));
  const out: Sums[] = [];
  for (const [i, area] of areas.entries()) {
    let sums = rolled[i]!;
    if (span.partial.length && hasPieces(area))
      sums = addSums(sums, await recordSums(database, piecesRecords(area), span.partial, wanted));
    if (area.created) sums = addSums(sums, await recordSums(database, area.created, [span.days], wanted));
    sums = await withoutCoveredCases(database, area, span, sums, wanted);
    out.push(sums);
  }
  return out;
}

/** The area's records (alias r): its rollup pieces and the user's own records outside them. */
function areaRecords(area: FigureArea): RawBuilder<SqlBool> {
  const parts = [...(hasPieces(area) ? [piecesRecords(area)] : []), ...(area.created ? [area.created] : [])];
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`1 = 0`;
}

/** Takes out the case records that a counted monthly statistic already covers (mediation-coverage.ts). */
async function withoutCoveredCases(
  database: Database,
  area: FigureArea,
  span: Span,
  sums: Sums,
  wanted: Set<string> | undefined,
): Promise<Sums> {
  const measures = new Set([...COVERED_MEASURES].filter((k) => !wanted || wanted.has(k)));
  if (!measures.size) return sums;
  const records = areaRecords(area);
  const covered = await coveredCases(database, records, span.days.from, span.days.to);
  if (!covered) return sums;
  const excess = await recordSums(database, sql<SqlBool>`(${records} and ${covered})`, [span.days], measures);
  const out = new Map(sums);
  for (const [k, v] of excess) out.set(k, (out.get(k) ?? 0) - v);
  return out;
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
  const refsOf = (ds: IndicatorDef[]) => ds.flatMap((d) => [...d.numerator, ...(d.denominator ?? [])]);
  const [flow] = await areaSums(database, [target.area], flowSpan(period), refsOf(defs));
  let stock = flow!;
  const stocks = defs.filter((d) => d.cumulative);
  if (stocks.length)
    [stock] = (await areaSums(database, [target.area], stockSpan(period.to), refsOf(stocks))) as [Sums];
  return (def: IndicatorDef) => (def.cumulative ? stock : flow!);
}

/**
 * Display text next to the figure: 37.2%, 58件, 6480.00元; 未到期 for a figure whose deadline has not
 * come (notDue, with its dueOn), so that nothing reads as 0% before anything was due.
 */
function present(v: IndicatorValue, due: FigureDue | null = null) {
  const shown = { ...v, display: formatIndicator(v), money: indicator(v.id)?.money === true };
  if (!due) return shown;
  return { ...shown, display: due.notDue ? '未到期' : shown.display, notDue: due.notDue, dueOn: due.dueOn };
}

/** The due state of a figure over a period, on the calendar and limits of the user's region, as of today. */
async function dueStates(database: Database, auth: AuthContext) {
  const rules = await rulesByPath(database.db)(auth.user.unitPath);
  const today = chinaToday();
  return (def: IndicatorDef, period: { from: string; to: string }) => figureDue(def, period, today, rules);
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
  const dueOf = await dueStates(database, auth);
  const items: IndicatorValue[] = defs.map((def) => evaluate(def, sumOf(sumsFor(def))));
  return {
    period: { label: period.label, from: period.from, to: period.to },
    scope: { unitId: target.unitId, name: target.unitName, subtree: target.subtree },
    items: items.map((v, i) => ({
      ...present(v, dueOf(defs[i]!, period)),
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
  const defs = selectIndicators(q.ids, await configuredIndicators(database, auth));
  const refs = defs.flatMap((d) => [...d.numerator, ...(d.denominator ?? [])]);
  const flowByYear = new Map<number, Sums>();
  const stockByYear = new Map<number, Sums>();
  for (const y of q.years) {
    const span = { periods: [String(y)], partial: [], from: `${y}-01-01`, to: `${y}-12-31` };
    if (defs.some((d) => !d.cumulative))
      flowByYear.set(y, (await areaSums(database, [target.area], flowSpan(span), refs))[0]!);
    if (defs.some((d) => d.cumulative))
      stockByYear.set(y, (await areaSums(database, [target.area], stockSpan(`${y}-12-31`), refs))[0]!);
  }
  const dueOf = await dueStates(database, auth);
  return {
    scope: { unitId: target.unitId, name: target.unitName },
    years: q.years,
    series: defs.map((def) => ({
      id: def.id,
      label: def.label,
      unit: def.unit,
      points: q.years.map((y) => {
        const sums = (def.cumulative ? stockByYear : flowByYear).get(y)!;
        const due = dueOf(def, { from: `${y}-01-01`, to: `${y}-12-31` });
        return { year: y, ...present(evaluate(def, sumOf(sums)), due) };
      }),
    })),
  };
}

/**
 * One figure per child of a parent unit (each with its subtree). Without a parent: the sub-regions of
 * the user's region (cities of a province, counties of a city), or its top-level units for a county,
 * or the children of the user's own unit when the scope is narrower than the region. Only units in the
 * caller's scope are compared, each over its part of the scope, so that clicking a bar lists exactly
 * the records it counts; a parent none of whose children is in scope (本单位, 本人) is shown itself.
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
  let nodes: Array<{ name: string; unitId: string | null; regionCode: string | null; path: string }>;
  const asNode = (u: { id: string; name: string; path: string }) => ({
    name: u.name,
    unitId: u.id,
    regionCode: null,
    path: u.path,
  });
  if (parentId) {
    const parent = await database.db
      .selectFrom('units')
      .select(['id', 'name', 'path'])
      .where('units.id', '=', parentId)
      .where(unitsInScope(auth))
      .executeTakeFirst();
    if (!parent) throw notFound('单位');
    const units = await database.db
      .selectFrom('units')
      .select(['id', 'name', 'path'])
      .where('parent_id', '=', parent.id)
      .where('disabled', '=', 0)
      .where(unitsInScope(auth))
      .orderBy('sort')
      .orderBy('path')
      .limit(500)
      .execute();
    nodes = units.length ? units.map(asNode) : [asNode(parent)];
  } else {
    const regions = await database.db
      .selectFrom('regions')
      .select(['code', 'name', 'path'])
      .where('parent_code', '=', auth.user.regionCode)
      .orderBy('code')
      .limit(500)
      .execute();
    if (regions.length) {
      nodes = regions.map((r) => ({ name: r.name, unitId: null, regionCode: r.code, path: r.path }));
    } else {
      const units = await database.db
        .selectFrom('units')
        .select(['id', 'name', 'path'])
        .where('region_code', '=', auth.user.regionCode)
        .where('parent_id', 'is', null)
        .where('disabled', '=', 0)
        .where(unitsInScope(auth))
        .orderBy('sort')
        .orderBy('path')
        .limit(500)
        .execute();
      nodes = units.map(asNode);
    }
  }
  const refs = [...def.numerator, ...(def.denominator ?? [])];
  const areas = nodes.map((n) => figureArea(auth, { path: n.path, unitId: n.unitId, subtree: true }));
  const sums = await areaSums(
    database,
    areas,
    def.cumulative ? stockSpan(period.to) : flowSpan(period),
    refs,
  );
  const due = (await dueStates(database, auth))(def, period);
  return {
    indicator: { id: def.id, label: def.label, unit: def.unit, formula: def.formula },
    period: { label: period.label, from: period.from, to: period.to },
    items: nodes.map((n, i) => ({
      unitId: n.unitId,
      regionCode: n.regionCode,
      unitName: n.name,
      ...present(evaluate(def, sumOf(sums[i]!)), due),
    })),
  };
}
