// The to-do list on every home page: records whose statutory deadline is near (临期, within 3 working
// days) or past (超期), within the user's data scope.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { columnOf, ledgerTable } from '../../db/ledger-storage.ts';
import { deadlineStatus } from '../../domain/deadlines/index.ts';
import { LEDGERS } from '../../domain/ledgers/index.ts';
import { recordDue } from '../../domain/ledgers/record-deadlines.ts';
import { recordName } from '../../domain/ledgers/record-name.ts';
import type { AuthContext } from '../auth/context.ts';
import { recordsInScope } from '../org/scope.ts';
import { rulesByPath } from './limit-config.ts';
import { predicateSql } from './predicate-sql.ts';
import { rowToRecord } from './records.ts';

export interface TodoItem {
  ledger: string;
  ledgerTitle: string;
  recordId: string;
  unitName: string;
  title: string;
  deadline: string;
  from: string;
  due: string;
  status: 'overdue' | 'due_soon';
  statusLabel: string;
  remainingWorkingDays: number;
  daysLate: number;
}

const OPEN_ROWS_PER_DEADLINE = 2000;

export async function todoList(database: Database, auth: AuthContext, today: string) {
  // Each record's due date runs on its own region's calendar (a city user sees several counties).
  const rulesOf = rulesByPath(database.db);
  const items: TodoItem[] = [];
  const scope = recordsInScope(auth, { path: 'r.unit_path', unit: 'r.unit_id', creator: 'r.created_by' });
  for (const def of LEDGERS) {
    for (const d of def.deadlines ?? []) {
      const conds: RawBuilder<SqlBool>[] = [
        sql<SqlBool>`r.deleted = 0`,
        scope,
        sql<SqlBool>`${sql.ref(`r.${columnOf(d.from)}`)} is not null`,
      ];
      if (d.done) conds.push(sql<SqlBool>`${sql.ref(`r.${columnOf(d.done)}`)} is null`);
      if (d.when) conds.push(predicateSql(def, d.when));
      const res = await sql<Record<string, string | number | null>>`
        select r.*, u.name as unit_name from ${sql.table(ledgerTable(def))} r join units u on u.id = r.unit_id
        where ${sql.join(conds, sql` and `)}
        order by ${sql.ref(`r.${columnOf(d.from)}`)} limit ${OPEN_ROWS_PER_DEADLINE}`.execute(database.db);
      for (const row of res.rows) {
        const record = rowToRecord(def, row);
        const from = String(record[d.from]);
        const rules = await rulesOf(String(row.unit_path));
        // A malformed stored date has no due date; validation refuses new ones.
        const due = recordDue(d, record, rules);
        if (due === null) continue;
        const st = deadlineStatus(due, today, rules.calendar, { warnWorkingDays: 3 });
        if (st.status !== 'overdue' && st.status !== 'due_soon') continue;
        items.push({
          ledger: def.key,
          ledgerTitle: def.title,
          recordId: String(row.id),
          unitName: String(row.unit_name),
          title: recordName(def, record),
          deadline: d.label,
          from,
          due,
          status: st.status,
          statusLabel: st.label,
          remainingWorkingDays: st.remainingWorkingDays,
          daysLate: st.daysLate,
        });
      }
    }
  }
  items.sort((a, b) => a.due.localeCompare(b.due));
  return {
    today,
    overdue: items.filter((i) => i.status === 'overdue').length,
    dueSoon: items.filter((i) => i.status === 'due_soon').length,
    items,
  };
}
