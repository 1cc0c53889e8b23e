// Statistics a unit files on a calendar (月报, 年报) rather than case by case: which period is due when.
// Decided rule (docs/ledgers.md「本月应办」): 人民调解月度统计 for month M is due on the 5th of M+1;
// 行政执法年度数据 for year Y is due on 31 January of Y+1 (三项制度: 每年1月31日前公开上年度数据).

export interface PeriodicReport {
  ledger: string;
  /** The date field that names the period (the first day of the month or year). */
  periodField: string;
  every: 'month' | 'year';
}

export const PERIODIC_REPORTS: readonly PeriodicReport[] = [
  { ledger: 'mediationMonthly', periodField: 'month', every: 'month' },
  { ledger: 'enforcementAnnual', periodField: 'year', every: 'year' },
];

export interface ReportPeriod {
  /** First day of the period, as stored in the period field. */
  start: string;
  label: string;
  due: string;
}

/** The period whose report falls due in the month of `today`'s filing window. */
export function periodDue(report: PeriodicReport, today: string): ReportPeriod {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  if (report.every === 'year') return { start: `${y - 1}-01-01`, label: `${y - 1}年`, due: `${y}-01-31` };
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  return {
    start: `${py}-${String(pm).padStart(2, '0')}-01`,
    label: `${py}年${pm}月`,
    due: `${y}-${String(m).padStart(2, '0')}-05`,
  };
}
