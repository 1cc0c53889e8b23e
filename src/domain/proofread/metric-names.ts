/**
 * The Chinese name of the metric a report's figure was matched to, for the 对应指标 column: the
 * indicator catalog's label where the ledgers compute it, else a name saying the ledgers do not.
 */
import { indicator } from '../indicators/catalog.ts';

/** Figures a report states that no ledger keeps: named, and marked as not comparable. */
const NOT_IN_LEDGERS: Readonly<Record<string, string>> = {
  'inspection.problems': '法治督察发现问题（台账无此指标）',
};

export function metricName(metric: string): string {
  return indicator(metric)?.label ?? NOT_IN_LEDGERS[metric] ?? '未收录的指标';
}

/** Whether the ledgers compute this metric, i.e. whether 与台账数据比对 can say anything about it. */
export function inLedgers(metric: string): boolean {
  return indicator(metric) !== undefined;
}
