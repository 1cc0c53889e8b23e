// 人民调解: a township's monthly statistic (含辖区村居调委会) already counts the disputes of its whole
// subtree for that month. Wherever a figure counts such a statistic, the case records of that subtree
// and month are left out of it — the figure and its drill-down alike — so no dispute is counted twice.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { columnOf, ledgerTable } from '../../db/ledger-storage.ts';
import { mediationCase } from '../../domain/ledgers/mediation-case.ts';
import { mediationMonthly } from '../../domain/ledgers/mediation-monthly.ts';

export const CASE_LEDGER = mediationCase.key;

/**
 * The case records (alias r) covered by the monthly statistics that `statistics` (a condition on the
 * statistics table, alias r) selects between two days; null when none does. A case is covered when a
 * statistic of its own unit or of a unit above it is for the month of its 受理日期.
 */
export async function coveredCases(
  database: Database,
  statistics: RawBuilder<SqlBool>,
  from: string,
  to: string,
): Promise<RawBuilder<SqlBool> | null> {
  const month = sql.ref(`r.${columnOf('month')}`);
  const res = await sql<{ unit_path: string; month: string }>`
    select distinct r.unit_path, substr(${month}, 1, 7) as month from ${sql.table(ledgerTable(mediationMonthly))} r
    where r.deleted = 0 and ${statistics} and ${month} between ${from} and ${to}`.execute(database.db);
  if (!res.rows.length) return null;
  const monthsByPath = new Map<string, Set<string>>();
  for (const row of res.rows) {
    const months = monthsByPath.get(row.unit_path) ?? new Set<string>();
    months.add(row.month);
    monthsByPath.set(row.unit_path, months);
  }
  // Units that report the same months share one condition, and a path prefix is matched as a list of
  // prefixes of one length: the parameters grow with the units, not with units × months.
  const groups = new Map<string, { months: string[]; byLength: Map<number, string[]> }>();
  for (const [path, months] of monthsByPath) {
    const list = [...months].sort();
    const group = groups.get(list.join()) ?? { months: list, byLength: new Map<number, string[]>() };
    group.byLength.set(path.length, [...(group.byLength.get(path.length) ?? []), path]);
    groups.set(list.join(), group);
  }
  const received = sql.ref(`r.${columnOf(mediationCase.sortBy)}`);
  const parts = [...groups.values()].map(({ months, byLength }) => {
    const under = [...byLength].map(
      ([length, paths]) => sql<SqlBool>`substr(r.unit_path, 1, ${length}) in (${sql.join(paths)})`,
    );
    return sql<SqlBool>`(substr(${received}, 1, 7) in (${sql.join(months)}) and (${sql.join(under, sql` or `)}))`;
  });
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** The case measures the rule applies to: those dated by the 受理日期, as the coverage is. */
export const COVERED_MEASURES: ReadonlySet<string> = new Set(
  Object.entries(mediationCase.measures)
    .filter(([, ms]) => ms.at === mediationCase.sortBy)
    .map(([id]) => `${CASE_LEDGER}.${id}`),
);
