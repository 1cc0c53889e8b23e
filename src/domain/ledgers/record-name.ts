// How a record is named to a person (to-do items): by its natural key, the way a clerk says it —
// 「2024年 示范县市场监督管理局」, 「2026年11月」, 「示复〔2025〕3号」 — not by stored dates.
import type { LedgerDef, LedgerRecord } from './define.ts';

/**
 * The statistics ledgers store their period as its first day in a date field of `granularity` year
 * (统计年度, YYYY-01-01) or month (统计月份, YYYY-MM-01); named, the period reads 2024年 or 2026年3月.
 */
function keyText(def: LedgerDef, name: string, value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const fd = def.fields[name];
  const m = /^(\d{4})-(\d{2})-01$/.exec(text);
  if (fd?.type !== 'date' || !m) return text;
  if (fd.granularity === 'year') return `${m[1]}年`;
  if (fd.granularity === 'month') return `${m[1]}年${Number(m[2])}月`;
  return text;
}

export function recordName(def: LedgerDef, r: LedgerRecord): string {
  return def.naturalKey.map((k) => keyText(def, k, r[k])).join(' ');
}
