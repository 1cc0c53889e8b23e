// How the interface writes money, dates and times: one rule each, used by every page (docs/ledgers.md, 显示格式).
import dayjs from 'dayjs';

/** Amounts from 1万元 upwards are read in 万元 by staff; below that the exact 元 amount is clearer. */
const WAN_YUAN = 10_000;

const grouped = (n: number, decimals: { min: number; max: number }) =>
  n.toLocaleString('zh-CN', { minimumFractionDigits: decimals.min, maximumFractionDigits: decimals.max });

/** An exact amount in 元 (a record's value; the column says 元): 16134482 → 16,134,482.00. */
export function formatYuanExact(yuan: number): string {
  return grouped(yuan, { min: 2, max: 2 });
}

/** A total in 元 with its unit: 16134482 → 1,613.45万元, 9876.5 → 9,876.50元. */
export function formatYuanAmount(yuan: number): string {
  if (Math.abs(yuan) >= WAN_YUAN) return `${grouped(yuan / WAN_YUAN, { min: 2, max: 2 })}万元`;
  return `${grouped(yuan, { min: 2, max: 2 })}元`;
}

/** The same for a total the API gives in 分 (money indicators). */
export function formatFenAmount(fen: number): string {
  return formatYuanAmount(fen / 100);
}

/** A count or other plain figure with thousands separators: 12345 → 12,345. */
export function formatCount(n: number): string {
  return grouped(n, { min: 0, max: 2 });
}

/** The one date-time format of the interface: 2026-12-01 19:07. */
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

export function formatDateTime(at: string | null | undefined): string {
  return at ? dayjs(at).format(DATE_TIME_FORMAT) : '';
}

/** A date that stands for a year or a month (统计年度, 统计月份): 2026-01-01 → 2026年, 2026-12-01 → 2026年12月. */
export function formatPeriodDate(date: string, granularity: 'year' | 'month' | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
  if (!m || !granularity) return date;
  return granularity === 'year' ? `${m[1]}年` : `${m[1]}年${Number(m[2])}月`;
}
