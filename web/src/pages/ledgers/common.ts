// Ledger definitions and indicators as the API gives them (GET /api/ledgers, /api/indicators), with the
// helpers the ledger pages and the dashboard share: value display, drill-down links, the data year.
import { useEffect, useState } from 'react';
import { api, qs } from '../../api';
import { useAuth } from '../../auth';
import { formatCount, formatFenAmount, formatPeriodDate, formatYuanExact } from '../../format';

export type FieldType =
  | 'text'
  | 'longtext'
  | 'date'
  | 'int'
  | 'decimal'
  | 'money'
  | 'bool'
  | 'dict'
  | 'multi';
export type FieldValue = string | number | boolean | string[] | null;

export interface LedgerField {
  name: string;
  type: FieldType;
  label: string;
  required: boolean;
  options: string[] | null;
  pii: string | null;
  list: boolean;
  filter: boolean;
  max: number | null;
  min: number | null;
  help: string | null;
  /** Computed by the server (e.g. 按期审结); shown, never entered. */
  derived: boolean;
  /** A date standing for a whole year or month (统计年度, 统计月份). */
  granularity: 'year' | 'month' | null;
}

export interface LedgerMeta {
  key: string;
  title: string;
  domain: string;
  description: string;
  naturalKey: string[];
  sortBy: string;
  fields: LedgerField[];
  measures: Array<{ id: string; label: string; at: string }>;
  indicators: string[];
  deadlines: Array<{ id: string; label: string; limit: string; from: string; done: string | null }>;
  /** The kinds of unit that keep the ledger (docs/ledgers.md), e.g. 「政府、依法治县办/司法局」. */
  keptByNames: string;
  /** For the signed-in user: their own unit keeps it. */
  keptByMyUnit: boolean;
  /** Some unit within their data scope keeps it: the ledger concerns them (index, dashboard). */
  inMyScope: boolean;
  /** They may add records to it (ledger:edit and a unit within scope that keeps it). */
  canCreate: boolean;
}

export interface LedgerRecordDto {
  id: string;
  unitId: string;
  unitName: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The record has personal data and this user sees it in clear (docs/ledgers.md, 个人信息). */
  piiShown?: boolean;
  values: Record<string, FieldValue>;
}

export interface IndicatorSource {
  ledger: string;
  measure: string;
  role: 'numerator' | 'denominator';
}

export interface IndicatorItem {
  id: string;
  label: string;
  unit: string;
  formula: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  display: string;
  money: boolean;
  cumulative: boolean;
  sources: IndicatorSource[];
  /** A figure measuring a deadline that has not come yet (display 未到期): shown neutral, not red. */
  notDue?: boolean;
  dueOn?: string;
}

/** The colour of a figure: red as every figure, grey while it is not yet due. */
export function figureColor(i: { notDue?: boolean }): string {
  return i.notDue ? 'rgba(0,0,0,0.45)' : '#9f1c1c';
}

export interface IndicatorsResponse {
  period: { label: string; from: string; to: string };
  scope: { unitId: string | null; name: string; subtree: boolean };
  items: IndicatorItem[];
}

/** The business domains, in the order the index page shows them. */
export const DOMAIN_LABELS: Record<string, string> = {
  reconsideration: '行政复议',
  litigation: '行政应诉',
  mediation: '人民调解',
  legalAid: '法律援助',
  notarization: '公证',
  legalAdviser: '法律顾问',
  legalityReview: '合法性审查',
  normativeDoc: '行政规范性文件',
  majorDecisions: '重大行政决策',
  enforcement: '行政执法',
  publicity: '普法',
  demonstration: '法治示范创建',
};

let ledgersPromise: Promise<LedgerMeta[]> | null = null;
let ledgersUser: string | null = null;

/** Every ledger's definition, fetched once per page load and user (it says which concern them). */
export function loadLedgers(userId: string | null = null): Promise<LedgerMeta[]> {
  if (ledgersUser !== userId) ledgersPromise = null;
  ledgersUser = userId;
  ledgersPromise ??= api.get<LedgerMeta[]>('/api/ledgers').catch((e: unknown) => {
    ledgersPromise = null;
    throw e;
  });
  return ledgersPromise;
}

export function useLedgers(enabled = true): {
  ledgers: LedgerMeta[];
  loading: boolean;
  error: string | null;
} {
  const [ledgers, setLedgers] = useState<LedgerMeta[]>([]);
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<string | null>(null);
  const userId = useAuth().me?.user.id ?? null;
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadLedgers(userId)
      .then((l) => live && setLedgers(l))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : '加载台账定义失败'))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [enabled, userId]);
  return { ledgers, loading, error };
}

/** A numeric figure as shown: money indicators come in 分 and are shown with their unit (元 or 万元). */
export function formatNumber(n: number, money = false): string {
  return money ? formatFenAmount(n) : formatCount(n);
}

/** An indicator's headline figure: rates as the server wrote them, amounts and counts with separators. */
export function indicatorDisplay(i: IndicatorItem): string {
  if (i.denominator !== null) return i.display;
  return i.money ? formatFenAmount(i.numerator) : `${formatCount(i.numerator)}${i.unit}`;
}

/** A field value for the list and detail views. */
export function displayValue(field: LedgerField, v: FieldValue | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (field.type === 'bool') return v ? '是' : '否';
  if (Array.isArray(v)) return v.join('、');
  if (field.type === 'money' && typeof v === 'number') return formatYuanExact(v);
  if ((field.type === 'int' || field.type === 'decimal') && typeof v === 'number') return formatCount(v);
  if (field.type === 'date' && typeof v === 'string') return formatPeriodDate(v, field.granularity);
  return String(v);
}

/** The records behind a figure: the ledger page in drill-down mode. */
export function drillDownUrl(
  source: { ledger: string; measure: string },
  period: { from: string; to: string },
  opts: { cumulative?: boolean; unit?: string | null | undefined } = {},
): string {
  return `/ledgers/${source.ledger}${qs({
    measure: source.measure,
    periodFrom: opts.cumulative ? undefined : period.from,
    periodTo: period.to,
    unit: opts.unit ?? undefined,
    subtree: opts.unit ? 'true' : undefined,
  })}`;
}

export function measureLabel(ledgers: LedgerMeta[], ledger: string, measure: string): string {
  const def = ledgers.find((l) => l.key === ledger);
  const ms = def?.measures.find((m) => m.id === measure);
  return `${def?.title ?? ledger} · ${ms?.label ?? measure}`;
}

const THIS_YEAR = new Date().getFullYear();

/** Years offered by the year selectors: the demo data covers 2023–2025. */
export const YEAR_OPTIONS = Array.from(
  { length: Math.max(6, THIS_YEAR - 2019) },
  (_, i) => THIS_YEAR - i,
).map((y) => ({ value: y, label: `${y}年` }));

let dataYearPromise: Promise<number> | null = null;

/** The current year, or the previous one when nothing has been recorded yet this year. */
export function useDataYear(): number | null {
  const [year, setYear] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    dataYearPromise ??= api
      .get<IndicatorsResponse>(`/api/indicators${qs({ year: THIS_YEAR })}`)
      .then((r) => (r.items.some((i) => i.numerator !== 0) ? THIS_YEAR : THIS_YEAR - 1))
      .catch(() => THIS_YEAR);
    void dataYearPromise.then((y) => live && setYear(y));
    return () => {
      live = false;
    };
  }, []);
  return year;
}
